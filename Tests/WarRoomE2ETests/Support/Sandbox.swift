import Foundation
import Testing

/// One test's private world: a temporary directory holding the store, HOME, the XDG directories
/// and the tmux config; removed by `cleanUp()`.
struct Sandbox {
    let directory: URL
    /// Pins the war room's clock (ISO 8601) when set: the screen is then fully deterministic, but
    /// a pinned clock also stops the live poll for other processes' commits, so tests that watch
    /// other writers leave it nil.
    var now: String?
    var author = "alice"

    var store: String { directory.appendingPathComponent("warroom.db").path }
    var home: String { directory.appendingPathComponent("home").path }
    var state: String { directory.appendingPathComponent("state").path }
    var config: String { directory.appendingPathComponent("config").path }
    var data: String { directory.appendingPathComponent("data").path }
    var draftsDirectory: String { (state as NSString).appendingPathComponent("warroom/drafts") }

    init(now: String? = nil) throws {
        // Short: tmux and SQLite both like short paths.
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("wr-e2e-\(UUID().uuidString.prefix(8))")
        self.now = now
        for path in [directory.path, home, state, config, data] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// The built `warroom` next to the test bundle (the same scratch path's debug folder).
    static var binary: String {
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle.deletingLastPathComponent().appendingPathComponent("warroom"),
                          bundle.appendingPathComponent("warroom")]
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]).path
    }

    /// Fails the test clearly when the binary was not built.
    static func requireBinary(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "the warroom executable was not found at \(binary) (swift test builds it next to the test bundle)",
                     sourceLocation: sourceLocation)
    }

    /// The war room's environment, explicit and complete.
    var warroomEnvironment: [String: String] {
        var environment = ["WARROOM_STORE": store, "HOME": home, "XDG_STATE_HOME": state, "XDG_CONFIG_HOME": config,
                           "XDG_DATA_HOME": data, "USER": author, "LANG": "C.UTF-8",
                           "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "SWIFT_BACKTRACE": "interactive=no"]
        if let now { environment["WARROOM_NOW"] = now }
        return environment
    }

    /// The shell command a tmux pane runs: `env K=V … warroom ARGS…` (TERM comes from tmux).
    func paneCommand(_ arguments: [String], env extra: [String: String] = [:]) -> String {
        let environment = warroomEnvironment.merging(extra) { $1 }
        let assignments = environment.keys.sorted().map { "\($0)=\(Self.quote(environment[$0]!))" }
        return (["env"] + assignments + [Self.quote(Self.binary)] + arguments.map(Self.quote)).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        guard word.contains(where: { !($0.isLetter || $0.isNumber || "-_./:=@+,".contains($0)) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs `warroom ARGS…` from the test process (as another shell would), to completion.
    @discardableResult
    func run(_ arguments: [String], env extra: [String: String] = [:], timeout: Double = 10,
             stdout: String? = nil) -> Subprocess.Result {
        Subprocess.run(Self.binary, arguments, environment: warroomEnvironment.merging(extra) { $1 },
                       timeout: timeout, stdout: stdout)
    }

    /// Runs a subcommand that must succeed; returns its stdout.
    @discardableResult
    func ok(_ arguments: String..., env extra: [String: String] = [:],
            sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let result = run(arguments, env: extra)
        #expect(result.status == 0 && !result.timedOut,
                "warroom \(arguments.joined(separator: " ")) failed: \(result)", sourceLocation: sourceLocation)
        return result.out
    }

    /// Declares the incident every test works on: INC-1, SEV2.
    func declare(sourceLocation: SourceLocation = #_sourceLocation) {
        let out = ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--service", "checkout-api",
                     sourceLocation: sourceLocation)
        #expect(out == "INC-1\n", sourceLocation: sourceLocation)
    }

    /// `warroom show --json`, parsed.
    func state(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let text = ok("show", "--json", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                            "show --json printed no object: \(text)", sourceLocation: sourceLocation)
    }

    /// The stored timeline: [{at, author, kind, text}].
    func timeline(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try #require(try state(sourceLocation: sourceLocation)["timeline"] as? [[String: Any]],
                     "show --json has no timeline array", sourceLocation: sourceLocation)
    }

    /// The drafts kept under the state directory, by file name.
    var drafts: [String: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: draftsDirectory)) ?? []
        var result: [String: String] = [:]
        for name in names where name.hasSuffix(".txt") {
            result[name] = FileManager.default.contents(atPath: (draftsDirectory as NSString).appendingPathComponent(name))
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return result
    }
}
