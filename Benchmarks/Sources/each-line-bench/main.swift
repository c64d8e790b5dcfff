// each-line-bench: how fast `warroom log --each-line` records into a long incident.
//
//   each-line-bench --warroom PATH [--dir DIR] [--sizes 0,100000] [--lines N] [--reference-lines N] [--keep]
//
// For each incident size (events already stored before the lines arrive):
// (a) the real binary: `warroom log --each-line` with N lines on stdin (default 2500), wall time
//     from start to exit, each line committed (one durable transaction) before the next is read;
// (b) the same loop in process, through the store API, keeping the folded state and the last
//     sequence between lines, as the CLI now does;
// (c) the reference, in the same run: the old loop, which re-read and re-folded the whole incident
//     for every line (fewer lines, default 25: it is quadratic);
// (d) the machine's limit beside them: write() + fsync() of a 300-byte record to a plain file in
//     the same directory, as many times as there are lines (each line is one durable commit, so
//     no loop can beat this), and the binary's own CPU time per line (user + system, from the
//     children's rusage, less a run with no lines: startup and the one load of the incident),
//     which is what bounds the rate on an idle machine with an instant disk.
// Files go to a new directory under DIR (default /tmp), removed afterwards unless --keep.
import Foundation
import WarRoomCore
import WarRoomStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

func nowNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("each-line-bench: \(message)\n".utf8))
    exit(1)
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

struct Options {
    var warroom: String?
    var dir = "/tmp"
    var sizes = [0, 100_000]
    var lines = 2_500
    var referenceLines = 25
    var keep = false
}

func parseOptions(_ arguments: ArraySlice<String>) -> Options {
    var options = Options()
    var rest = arguments
    func value(_ name: String) -> String {
        guard let value = rest.popFirst() else { fail("\(name) needs a value") }
        return value
    }
    func count(_ text: String, _ name: String) -> Int {
        guard let number = Int(text), number >= 0 else { fail("\(name) needs a number, not \(text)") }
        return number
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--warroom": options.warroom = value(argument)
        case "--dir": options.dir = value(argument)
        case "--sizes": options.sizes = value(argument).split(separator: ",").map { count(String($0), argument) }
        case "--lines": options.lines = count(value(argument), argument)
        case "--reference-lines": options.referenceLines = count(value(argument), argument)
        case "--keep": options.keep = true
        case "-h", "--help":
            print("usage: each-line-bench --warroom PATH [--dir DIR] [--sizes 0,100000] [--lines N] [--reference-lines N] [--keep]")
            exit(0)
        default: fail("unknown argument \(argument)")
        }
    }
    return options
}

let start = Timestamp(millis: 1_795_000_000_000)
let words = ["checkout", "latency", "p99", "rollback", "deploy", "db-primary", "replica", "lag", "errors", "5xx",
             "cache", "eviction", "pager", "canary", "config", "flag", "restart", "pods", "queue", "backlog"]

func text(_ n: Int) -> String {
    "#\(n) " + (0..<12).map { words[($0 &* 7 &+ n &* 13) % words.count] }.joined(separator: " ")
}

/// A declaration, then `count - 1` timeline entries of about 90 characters.
func incidentEvents(_ incident: IncidentID, count: Int) -> [Event] {
    var events = [Event(id: UUID(), incident: incident, at: start, recordedAt: start, author: "alice",
                        payload: .declared(Declaration(title: "each-line benchmark", severity: .sev2)))]
    events.reserveCapacity(count)
    for n in 1..<max(1, count) {
        let at = start + .seconds(Int64(n))
        events.append(Event(id: UUID(), incident: incident, at: at, recordedAt: at, author: "bob",
                            payload: .entry(Entry(kind: EntryKind.allCases[n % 5], text: text(n)))))
    }
    return events
}

/// A store holding one incident of `size` events (at least the declaration).
func makeStore(_ path: String, size: Int) throws -> (SQLiteEventStore, IncidentID) {
    let store = try SQLiteEventStore(path: path)
    let (id, _) = try store.declare { id in incidentEvents(id, count: size) }
    return (store, id)
}

let recordNow = start + .hours(48)

/// The loop the CLI runs now: state and last sequence kept between lines.
func keptStateLoop(_ store: SQLiteEventStore, _ id: IncidentID, lines: Int) throws -> Double {
    let began = nowNanos()
    var events = try store.events(of: id, after: 0)
    guard var state = IncidentState.fold(events.map(\.event)) else { fail("no declaration") }
    var last = events.last?.sequence ?? 0
    events = []
    for n in 0..<lines {
        let result = try store.record(incident: id, onto: state, knownSequence: last, author: "carol", at: recordNow,
                                      now: recordNow, policy: .standard) { _ in .log(Entry(kind: .note, text: text(n))) }
        for stored in result.events { state.apply(stored.event) }
        last = result.events.last?.sequence ?? last
    }
    return Double(nowNanos() - began) / 1e9
}

/// The old loop: every line re-read and re-folded the whole incident.
func reloadLoop(_ store: SQLiteEventStore, _ id: IncidentID, lines: Int) throws -> Double {
    let began = nowNanos()
    for n in 0..<lines {
        let events = try store.events(of: id, after: 0)
        guard let loaded = IncidentState.fold(events.map(\.event)) else { fail("no declaration") }
        let result = try store.record(incident: id, onto: loaded, knownSequence: events.last?.sequence ?? 0,
                                      author: "carol", at: recordNow, now: recordNow, policy: .standard) { _ in
            .log(Entry(kind: .note, text: text(n)))
        }
        _ = IncidentState.fold(result.events.map(\.event), onto: loaded)
    }
    return Double(nowNanos() - began) / 1e9
}

/// Durable appends of a 300-byte record to a plain file: the per-commit floor of this disk.
func fsyncRate(_ directory: String, count: Int) -> Double {
    let path = directory + "/fsync-probe"
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    guard fd >= 0 else { fail("cannot create \(path)") }
    defer { close(fd); unlink(path) }
    let record = [UInt8](repeating: 0x61, count: 300)
    let began = nowNanos()
    for _ in 0..<count {
        guard record.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == 300, fsync(fd) == 0 else { fail("write/fsync failed") }
    }
    return Double(count) / (Double(nowNanos() - began) / 1e9)
}

/// CPU seconds (user + system) of the children waited for so far.
func childrenCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// `warroom log --each-line` with `lines` lines on stdin; wall seconds from start to exit.
func binaryRun(_ warroom: String, store: String, lines: Int) throws -> Double {
    let input = (0..<lines).map { text($0) + "\n" }.joined()
    let file = store + ".lines"
    try Data(input.utf8).write(to: URL(fileURLWithPath: file))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: warroom)
    process.arguments = ["log", "--each-line", "--store", store, "--as", "carol"]
    process.environment = ["PATH": "/usr/bin:/bin", "HOME": (store as NSString).deletingLastPathComponent,
                           "LANG": "C.UTF-8", "WARROOM_NOW": recordNow.iso8601]
    process.standardInput = FileHandle(forReadingAtPath: file)
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    let began = nowNanos()
    try process.run()
    process.waitUntilExit()
    let seconds = Double(nowNanos() - began) / 1e9
    guard process.terminationStatus == 0 else { fail("warroom log --each-line exited \(process.terminationStatus)") }
    return seconds
}

let options = parseOptions(CommandLine.arguments.dropFirst())
guard let warroom = options.warroom else { fail("--warroom PATH is needed (a release build of warroom)") }
let directory = options.dir + "/each-line-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { if !options.keep { try? FileManager.default.removeItem(atPath: directory) } }

print("each-line-bench: \(options.lines) lines per run (reference: \(options.referenceLines)), files in \(directory)")
print("fsync floor: \(format(fsyncRate(directory, count: options.lines))) durable 300-byte appends/s in \(directory)")
print("size      binary lines/s   binary CPU-bound lines/s   in-process kept lines/s   old reload lines/s (reference)   kept/old")
print("          (wall)           (per-line CPU, startup out)  (wall)                    (wall)")
for size in options.sizes {
    let binaryPath = directory + "/binary-\(size).db"
    _ = try makeStore(binaryPath, size: size)
    var cpuBefore = childrenCPU()
    _ = try binaryRun(warroom, store: binaryPath, lines: 0)
    let startupCPU = childrenCPU() - cpuBefore
    cpuBefore = childrenCPU()
    let binary = try binaryRun(warroom, store: binaryPath, lines: options.lines)
    let binaryCPU = max(1e-6, childrenCPU() - cpuBefore - startupCPU)
    let written = try SQLiteEventStore(path: binaryPath).incidents().first?.lastSequence ?? 0
    guard written == Int64(max(1, size) + options.lines) else { fail("the binary wrote \(written) events, not \(max(1, size) + options.lines)") }

    let (kept, keptID) = try makeStore(directory + "/kept-\(size).db", size: size)
    let keptSeconds = try keptStateLoop(kept, keptID, lines: options.lines)
    let (old, oldID) = try makeStore(directory + "/old-\(size).db", size: size)
    let oldSeconds = try reloadLoop(old, oldID, lines: options.referenceLines)

    let binaryRate = Double(options.lines) / binary, keptRate = Double(options.lines) / keptSeconds
    let oldRate = Double(options.referenceLines) / oldSeconds
    print("\(String(size).padding(toLength: 9, withPad: " ", startingAt: 0)) "
        + "\(format(binaryRate).padding(toLength: 16, withPad: " ", startingAt: 0)) "
        + "\(format(Double(options.lines) / binaryCPU).padding(toLength: 26, withPad: " ", startingAt: 0)) "
        + "\(format(keptRate).padding(toLength: 25, withPad: " ", startingAt: 0)) "
        + "\(format(oldRate).padding(toLength: 32, withPad: " ", startingAt: 0)) "
        + "×\(format(keptRate / oldRate))")
}
