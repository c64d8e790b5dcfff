import Foundation
import Testing

/// Runs the real `warroom` binary against a private store in a fresh temporary directory.
struct CLI {
    let directory: URL
    var store: String { directory.appendingPathComponent("warroom.db").path }
    /// Environment every run gets: the private store, a fixed author, the pinned clock.
    var environment: [String: String]

    init(now: String? = "2026-11-28T14:10:00Z") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        environment = ["WARROOM_STORE": directory.appendingPathComponent("warroom.db").path, "USER": "alice",
                       "LANG": "C.UTF-8", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                       "HOME": directory.path]
        if let now { environment["WARROOM_NOW"] = now }
    }

    /// A CLI on a store with INC-1 declared (SEV2).
    static func declared() throws -> CLI {
        let cli = try CLI()
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        return cli
    }

    /// The built `warroom` next to the test bundle.
    static var binary: URL {
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
    func run(_ args: [String], input: String? = nil, env extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = args
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a command that must succeed, and returns its stdout.
    @discardableResult
    func ok(_ args: String..., input: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(args, input: input)
        #expect(result.status == 0, "warroom \(args.joined(separator: " ")) failed: \(result.err)", sourceLocation: sourceLocation)
        return result.out
    }

    /// Runs a command that must fail, and returns its stderr.
    func fails(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(args)
        #expect(result.status != 0, "warroom \(args.joined(separator: " ")) should have failed", sourceLocation: sourceLocation)
        #expect(result.out.isEmpty, "a failure prints nothing on stdout", sourceLocation: sourceLocation)
        return result.err
    }

    /// `show --json`, parsed.
    func state() throws -> [String: Any] {
        let text = try ok("show", "--json")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}
