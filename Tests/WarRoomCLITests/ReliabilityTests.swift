import Foundation
import Testing

/// Many writers, killed writers: the log must stay whole. Bounded in time; no sleeps as waits
/// for state (sleeps only pick random kill moments).
@Suite("Reliability", .serialized)
struct ReliabilityTests {
    /// Ids and sequence numbers of every event, from the lossless export.
    func exported(_ cli: CLI) throws -> [(id: String, text: String?)] {
        try cli.ok("export", "jsonl").split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let data = object["data"] as? [String: Any]
            return (try #require(object["id"] as? String), data?["text"] as? String)
        }
    }

    @Test("Two processes append 500 events each at once: 1000 events, gapless sequence, no busy error")
    func concurrentWriters() throws {
        var cli = try CLI(now: nil)
        defer { cli.cleanUp() }
        cli.environment["WARROOM_NOW"] = nil
        try cli.ok("declare", "--title", "load", "--severity", "SEV3", "--no-ic")
        let lines = { (writer: String) in (1...500).map { "\(writer) \($0)" }.joined(separator: "\n") + "\n" }
        let results = try [("A", lines("A")), ("B", lines("B"))].map { writer, input -> Process in
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["log", "--each-line", "--json", "--as", writer]
            process.environment = cli.environment
            let stdin = Pipe()
            process.standardInput = stdin
            process.standardOutput = FileHandle.nullDevice
            let err = cli.directory.appendingPathComponent("\(writer).err")
            FileManager.default.createFile(atPath: err.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            return process
        }
        for process in results { process.waitUntilExit() }
        for (process, writer) in zip(results, ["A", "B"]) {
            let err = try String(contentsOf: cli.directory.appendingPathComponent("\(writer).err"), encoding: .utf8)
            #expect(process.terminationStatus == 0, "writer \(writer): \(err)")
            #expect(err.isEmpty, "no error reached writer \(writer): \(err)")
        }
        let export = try cli.ok("export", "jsonl").split(separator: "\n")
        #expect(export.count == 1001)
        let entries = try exported(cli).compactMap(\.text)
        #expect(Set(entries).count == 1000)
        for writer in ["A", "B"] {
            let mine = entries.filter { $0.hasPrefix(writer + " ") }.compactMap { Int($0.dropFirst(2)) }
            #expect(mine == Array(1...500), "writer \(writer)'s entries keep their order")
        }
        let check = try cli.ok("check")
        #expect(check.contains("INC-1: 1001 events, sequence 1…1001 without gaps"))
    }

    @Test("Kill -9 soak: every id a writer printed is stored exactly once, integrity ok")
    func killSoak() throws {
        var cli = try CLI(now: nil)
        defer { cli.cleanUp() }
        cli.environment["WARROOM_NOW"] = nil
        try cli.ok("declare", "--title", "soak", "--severity", "SEV3")
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [String] = []
        for round in 0..<50 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["log", "--each-line", "--json"]
            process.environment = cli.environment
            let stdin = Pipe(), stdout = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
            let input = (0..<400).map { "round \(round) line \($0)" }.joined(separator: "\n") + "\n"
            let writer = Thread { try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
            writer.start()
            // Kill at a random moment after the writer's first acknowledgement, not after a fixed
            // time from its start: on a loaded machine a debug binary may need longer than any
            // fixed delay just to start, and the soak must kill writers that are writing.
            let first = stdout.fileHandleForReading.availableData
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? stdin.fileHandleForWriting.close()
            let printed = String(decoding: first + stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            for line in printed.split(separator: "\n") {
                // A line cut by the kill is not an acknowledgement.
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let events = object["events"] as? [[String: Any]] else { continue }
                acknowledged += events.compactMap { $0["id"] as? String }
            }
        }
        #expect(acknowledged.count > 50, "the writers got some work done before being killed")
        let stored = try exported(cli).map(\.id)
        let counts = Dictionary(stored.map { ($0, 1) }, uniquingKeysWith: +)
        for id in acknowledged {
            #expect(counts[id] == 1, "acknowledged event \(id) stored \(counts[id] ?? 0) times")
        }
        #expect(counts.values.allSatisfy { $0 == 1 })
        #expect(try cli.ok("check").contains("integrity ok"))
    }

    /// Runs `warroom args…` with stdout and/or stderr on /dev/full (every write fails, as on a
    /// hung-up terminal or a full disk); returns how it ended.
    func runOnFullDevice(_ cli: CLI, _ args: [String], stdout full: Bool, stderr fullErr: Bool) throws -> (Process.TerminationReason, Int32) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = args
        process.environment = cli.environment
        let device = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        process.standardOutput = full ? device : FileHandle.nullDevice
        process.standardError = fullErr ? device : FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus)
    }

    @Test("An output that cannot be written is a failure said by the exit status, never a crash")
    func unwritableOutputs() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "full disk", "--severity", "SEV3")
        // An error message to a dead stderr (the farewell of a war room whose terminal hung up).
        let (reason, status) = try runOnFullDevice(cli, ["show", "--incident", "INC-9"], stdout: false, stderr: true)
        #expect(reason == .exit && status == 1, "ended by \(reason) \(status)")
        // An export to a full disk must not report success.
        let (exportReason, exportStatus) = try runOnFullDevice(cli, ["export", "jsonl"], stdout: true, stderr: true)
        #expect(exportReason == .exit && exportStatus != 0, "ended by \(exportReason) \(exportStatus)")
        let (shown, shownStatus) = try runOnFullDevice(cli, ["export", "jsonl"], stdout: true, stderr: false)
        #expect(shown == .exit && shownStatus != 0)
    }
}
