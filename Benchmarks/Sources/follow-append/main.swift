// follow-append: the live-follow latency of a war room, measured from outside.
//
//   follow-append --store LOCATION --incident INC-1 --socket TMUX_SOCKET --target SESSION
//                 [--samples 500] [--poll-ms 2] [--label TEXT]
//
// For each sample: wait a random 0–300 ms (so samples fall at every phase of the war room's
// poll and of its once-a-second tick), append one note through the store API (one durable
// transaction, in this process: another process than the war room's), then poll
// `tmux -L SOCKET capture-pane -p -t SESSION` every --poll-ms until the note's text is on the
// screen. The latency is from the moment `append` returned (the commit) to the first capture
// showing the text; a capture itself takes 2–4 ms here, so the figure is accurate to a few ms
// and slightly pessimistic. LOCATION is what `--store` accepts (a path, sqlite:PATH, and, once
// the backend exists, postgresql://…), opened through `StoreLocation`, so the benchmark runs
// unchanged on any backend.
// Run it through Benchmarks/follow-bench, which starts the war room under a private tmux server.
import Foundation
import WarRoomCore
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("follow-append: \(message)\n".utf8))
    exit(2)
}

func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

var options: [String: String] = ["--samples": "500", "--poll-ms": "2", "--label": "war room"]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    options[flag] = value
}
// --lines FIFO instead of --socket/--target: the follower is `warroom timeline --follow` writing
// to FIFO (no tmux): the text is seen when its line arrives.
let linesPath = options["--lines"]
guard let storePath = options["--store"], let incident = options["--incident"],
      let socket = options["--socket"] ?? (linesPath == nil ? nil : ""),
      let target = options["--target"] ?? (linesPath == nil ? nil : ""), let samples = Int(options["--samples"] ?? ""), samples > 0,
      let pollMillis = UInt32(options["--poll-ms"] ?? ""), let label = options["--label"] else {
    fail("usage: follow-append --store LOCATION --incident INC-1 (--socket TMUX_SOCKET --target SESSION | --lines FIFO) "
        + "[--samples N] [--poll-ms MS] [--label TEXT]")
}
var linesDescriptor: Int32 = -1
var linesSeen: [UInt8] = []
if let linesPath {
    linesDescriptor = open(linesPath, O_RDONLY | O_CLOEXEC)
    guard linesDescriptor >= 0 else { fail("cannot open \(linesPath): \(String(cString: strerror(errno)))") }
    // The follower was waiting for this open to print its first rows; let it get to its loop.
    sleep(1)
}

/// Waits for `text` in what the follower writes to the FIFO; the moment it arrived, or nil.
@MainActor func awaitLine(_ text: String, until deadline: UInt64) -> UInt64? {
    let wanted = Array(text.utf8)
    while monotonicNanos() < deadline {
        if let range = linesSeen.firstRange(of: wanted) {
            linesSeen.removeSubrange(..<range.upperBound)
            return monotonicNanos()
        }
        var entry = pollfd(fd: linesDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 100) == 1 else { continue }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = read(linesDescriptor, &chunk, chunk.count)
        guard count > 0 else { fail("the follower stopped writing") }
        linesSeen += chunk[..<count]
    }
    return nil
}
guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
else { fail("tmux not found") }
let capturePath = NSTemporaryDirectory() + "follow-append-\(getpid()).txt"
defer { unlink(capturePath) }

/// The pane's text, through `tmux capture-pane` (posix_spawn; stdout to a file, nothing inherited).
func capture() -> String {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, capturePath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let words: [String] = [tmux, "-L", socket, "capture-pane", "-p", "-t", target]
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, tmux, &actions, nil, argv, envp) == 0 else { fail("cannot run tmux") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (try? String(contentsOfFile: capturePath, encoding: .utf8)) ?? ""
}

let store: any EventStore
do { store = try StoreLocation.parse(storePath).open(create: false) } catch { fail("cannot open \(storePath): \(error)") }
var known: Int64
do { known = try store.events(of: incident, after: 0).last?.sequence ?? 0 } catch { fail("cannot read \(incident): \(error)") }
guard linesPath != nil || capture().contains("Ctrl-Q quit") else { fail("no war room in tmux session \(target) on socket \(socket)") }

var latencies: [Double] = []
var commits: [Double] = []
var missed = 0
let tag = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
for n in 1...samples {
    usleep(UInt32.random(in: 0...300_000))
    let text = "follow \(tag) sample \(n) of \(samples)"
    let now = Timestamp(millis: Int64(Date().timeIntervalSince1970 * 1000))
    let event = Event(id: UUID(), incident: incident, at: now, recordedAt: now, author: "bench",
                      payload: .entry(Entry(kind: .note, text: text)))
    let before = monotonicNanos()
    do {
        let result = try store.append(to: incident, knownSequence: known) { _ in [event] }
        known = result.events.last?.sequence ?? known
    } catch {
        fail("append failed: \(error)")
    }
    let committed = monotonicNanos()
    commits.append(Double(committed - before) / 1e6)
    let deadline = committed + 5_000_000_000
    var seen: UInt64? = linesPath == nil ? nil : awaitLine(text, until: deadline)
    while linesPath == nil, monotonicNanos() < deadline {
        if capture().contains(text) { seen = monotonicNanos(); break }
        usleep(pollMillis * 1000)
    }
    if let seen { latencies.append(Double(seen - committed) / 1e6) } else { missed += 1 }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = p / 100 * Double(sorted.count - 1)
    let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
}
let sorted = latencies.sorted()
let commitSorted = commits.sorted()
func ms(_ value: Double) -> String { String(format: "%.1f", value) }
print("\(label): \(latencies.count) samples seen, \(missed) not seen within 5 s")
print("  commit → \(linesPath == nil ? "on screen" : "line read") (ms): p50 \(ms(percentile(sorted, 50)))  p90 \(ms(percentile(sorted, 90)))  "
    + "p99 \(ms(percentile(sorted, 99)))  min \(ms(sorted.first ?? .nan))  max \(ms(sorted.last ?? .nan))  "
    + "mean \(ms(sorted.reduce(0, +) / Double(max(1, sorted.count))))")
print("  append (commit) itself (ms): p50 \(ms(percentile(commitSorted, 50)))  p99 \(ms(percentile(commitSorted, 99)))  "
    + "max \(ms(commitSorted.last ?? .nan))")
let slow = latencies.filter { $0 > 250 }.count
if slow > 0 { print("  samples over 250 ms: \(slow)") }
if ProcessInfo.processInfo.environment["FOLLOW_ALL_SAMPLES"] != nil {
    print("  all samples (ms): " + latencies.map(ms).joined(separator: " "))
}
if missed > 0 { exit(1) }
