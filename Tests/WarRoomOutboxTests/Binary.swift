import Foundation
import Testing

/// The real `warroom` binary with a private HOME (its config file), store and environment.
final class Binary {
    let directory: URL
    var store: String { directory.appendingPathComponent("warroom.db").path }
    var environment: [String: String]
    /// Everything any run printed, for the secret greps.
    private(set) var printed = ""

    init(config: String, extra: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-outbox-cli-\(UUID().uuidString)")
        let configDirectory = directory.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: configDirectory, withIntermediateDirectories: true)
        let path = configDirectory.appendingPathComponent("config.toml").path
        try Data(config.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        environment = ["WARROOM_STORE": directory.appendingPathComponent("warroom.db").path, "USER": "alice",
                       "LANG": "C.UTF-8", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                       "HOME": directory.path].merging(extra) { $1 }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static var executable: URL {
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle.deletingLastPathComponent().appendingPathComponent("warroom"),
                          bundle.appendingPathComponent("warroom")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs `warroom args…` to completion.
    @discardableResult
    func run(_ args: [String], env extra: [String: String] = [:]) throws -> Result {
        let process = try start(args, env: extra)
        return finish(process)
    }

    /// Runs a command that must succeed; its stdout.
    @discardableResult
    func ok(_ args: String..., env extra: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(args, env: extra)
        #expect(result.status == 0, "warroom \(args.joined(separator: " ")) failed: \(result.err)", sourceLocation: sourceLocation)
        return result.out
    }

    /// A running `warroom`, its output collected into files.
    final class Running {
        let process: Process
        let out: URL
        let err: URL
        init(process: Process, out: URL, err: URL) {
            self.process = process
            self.out = out
            self.err = err
        }
        var stdout: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }
    }

    func start(_ args: [String], env extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = args
        process.environment = environment.merging(extra) { $1 }
        let name = UUID().uuidString
        let out = directory.appendingPathComponent("\(name).out"), err = directory.appendingPathComponent("\(name).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, out: out, err: err)
    }

    /// Waits for `running` to end; its output.
    func finish(_ running: Running) -> Result {
        running.process.waitUntilExit()
        let result = Result(status: running.process.terminationStatus, out: running.stdout, err: running.stderr)
        printed += result.out + result.err
        return result
    }

    /// `outbox list --all --json`, parsed.
    func deliveries() throws -> [[String: Any]] {
        let text = try ok("outbox", "list", "--all", "--json")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// The incident's export.
    func export(_ incident: String = "INC-1") throws -> String { try ok("export", "jsonl", "--incident", incident) }

    /// Waits (up to `seconds`) until `condition` holds.
    static func eventually(seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }
}
