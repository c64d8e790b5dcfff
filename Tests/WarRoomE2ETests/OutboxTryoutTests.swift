import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The README's try-out, played as a user would: Slack, Statuspage and PagerDuty configured against
/// `warroom integrations receive` on this machine; an update posted in the war room arrives; with
/// the receiver stopped the next one waits (the header says so); restarted, it arrives once.
@Suite("The outbox, from the war room", .serialized)
struct OutboxTryoutTests {
    /// A free TCP port on 127.0.0.1 (bound, read, released).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static let slackPath = "/slack/T000/B000/tryout-webhook-secret-7c1e"
    static let statusKey = "tryout-statuspage-key-2b8d"
    static let routingKey = "tryout-routing-key-3a9f0c1d2e3f4a5b"

    static func config(port: Int) -> String {
        """
        [integrations.eng-slack]
        type = "slack"
        url = "http://127.0.0.1:\(port)\(slackPath)"
        audiences = ["engineering", "customers"]

        [integrations.status]
        type = "statuspage"
        url = "http://127.0.0.1:\(port)"
        api_key = "\(statusKey)"
        page_id = "tryoutpage"

        [integrations.pager]
        type = "pagerduty"
        url = "http://127.0.0.1:\(port)"
        routing_key = "\(routingKey)"

        """
    }

    /// Every request line the receiver printed so far (`HH:MM:SS METHOD PATH → STATUS (vendor)…`).
    static func requests(_ log: String) -> [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
            .map(String.init).filter { $0.first?.isNumber == true && $0.contains(" → ") }
    }

    static func waitUntil(_ what: String, timeout: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(100_000)
        }
        Issue.record("timed out after \(timeout)s waiting for \(what)")
        return false
    }

    @Test("Post, stop the receiver, post again, restart: each delivery arrives once, in order")
    func tryout() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let port = try Self.freePort()
        sandbox.declare()
        let directory = (sandbox.config as NSString).appendingPathComponent("warroom")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configFile = (directory as NSString).appendingPathComponent("config.toml")
        try Self.config(port: port).write(toFile: configFile, atomically: true, encoding: .utf8)
        chmod(configFile, 0o600)
        let log = sandbox.directory.appendingPathComponent("receiver.log").path
        let receiver = "sh -c " + Sandbox.quote(sandbox.paneCommand(["integrations", "receive", "--port", "\(port)"]) + " >> \(log) 2>&1")

        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(receiver, session: "rx")
        #expect(Self.waitUntil("the receiver to listen") { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("Receiving on") })
        try tmux.start(sandbox.paneCommand(["open"]))
        tmux.waitForWarRoom()

        // The declaration was recorded before any destination existed: nothing for it. A page
        // and a customer update now go to PagerDuty, Slack and the status page.
        tmux.type("/page dba on-call")
        tmux.keys("Enter")
        tmux.type("/update customers: We are investigating failed checkouts.")
        tmux.keys("Enter")
        #expect(Self.waitUntil("the first deliveries") {
            let lines = Self.requests(log)
            return lines.contains { $0.contains("POST /v1/pages/tryoutpage/incidents → 201") }
                && lines.contains { $0.contains("POST /v2/enqueue → 202") }
                && lines.contains { $0.contains("POST \(Self.slackPath) → 200") }
        })
        tmux.waitFor("no unsent message") { !($0.lines.first ?? "").contains("UNSENT") }

        // The receiver goes away; the next update waits, and the header says so.
        tmux.keys("C-c", target: "rx")
        #expect(Self.waitUntil("the receiver to stop") { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("Stopped after") })
        let before = Self.requests(log).count
        tmux.type("/update customers: A fix is being deployed.")
        tmux.keys("Enter")
        tmux.waitFor("the unsent count in the header", timeout: 20) { ($0.lines.first ?? "").contains("UNSENT") }

        // Back: each waiting delivery arrives once (the status page incident is changed, not made again).
        _ = tmux.run(["kill-session", "-t", "rx"])
        try tmux.start(receiver, session: "rx")
        #expect(Self.waitUntil("the retried deliveries", timeout: 60) {
            let after = Self.requests(log).dropFirst(before)
            return after.contains { $0.contains("PATCH /v1/pages/tryoutpage/incidents/tryout") && $0.contains("→ 200") }
                && after.contains { $0.contains("POST \(Self.slackPath) → 200") }
        })
        tmux.waitFor("the header to clear", timeout: 20) { !($0.lines.first ?? "").contains("UNSENT") }
        usleep(3_000_000)
        let lines = Self.requests(log)
        #expect(lines.filter { $0.contains("PATCH /v1/pages/") }.count == 1, "\(lines)")
        #expect(lines.filter { $0.contains("POST /v1/pages/") }.count == 1, "the status page incident is made once: \(lines)")
        #expect(lines.filter { $0.contains("POST \(Self.slackPath)") }.count == 2, "\(lines)")
        // No secret in what the war room showed or logged, nor in the store's export.
        let screen = tmux.capture().text
        let export = sandbox.run(["export", "jsonl"]).out
        let diagnostics = (try? String(contentsOfFile: (sandbox.state as NSString).appendingPathComponent("warroom/warroom.log"), encoding: .utf8)) ?? ""
        for secret in [Self.statusKey, Self.routingKey, "tryout-webhook-secret-7c1e"] {
            #expect(!screen.contains(secret) && !export.contains(secret) && !diagnostics.contains(secret), "\(secret) leaked")
        }
    }
}
