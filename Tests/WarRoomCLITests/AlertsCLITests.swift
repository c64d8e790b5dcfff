import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `warroom alerts serve` and `alerts ingest` through the real binary: a receiver on a free
/// loopback port that declares from an Alertmanager webhook, a non-loopback address refused
/// without `--allow-remote` and a shared secret, `ingest` from stdin and a file, `--dry-run`.
@Suite struct AlertsCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("WarRoomAlertIntakeTests/Fixtures")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// A running `warroom alerts serve`, its stdout read line by line.
    final class Receiver: @unchecked Sendable {
        let process = Process()
        private let out = Pipe()
        private let err = Pipe()
        private let lock = NSLock()
        private var text = ""
        private var errText = ""
        private let done = DispatchGroup()

        init(_ cli: CLI, _ args: [String], env extra: [String: String] = [:]) throws {
            process.executableURL = CLI.binary
            process.arguments = ["alerts", "serve"] + args
            process.environment = cli.environment.merging(extra) { $1 }
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            for (pipe, isErr) in [(out, false), (err, true)] {
                done.enter()
                let group = done
                Thread.detachNewThread { [weak self] in
                    let handle = pipe.fileHandleForReading
                    while true {
                        let chunk = handle.availableData
                        if chunk.isEmpty { break }
                        guard let self else { break }
                        self.lock.lock()
                        if isErr { self.errText += String(decoding: chunk, as: UTF8.self) } else { self.text += String(decoding: chunk, as: UTF8.self) }
                        self.lock.unlock()
                    }
                    group.leave()
                }
            }
            try process.run()
        }

        var output: String { lock.lock(); defer { lock.unlock() }; return text }
        var errors: String { lock.lock(); defer { lock.unlock() }; return errText }

        /// Waits (at most 30 s) for stdout to hold a line containing `fragment`.
        func waitFor(_ fragment: String) -> Bool {
            for _ in 0..<300 {
                if output.contains(fragment) { return true }
                if !process.isRunning { return output.contains(fragment) }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }

        /// The port of the banner `Receiving alerts on http://127.0.0.1:PORT`.
        var port: Int? {
            guard let range = output.range(of: "http://127.0.0.1:") else { return nil }
            return Int(output[range.upperBound...].prefix { $0.isNumber })
        }

        func stop(_ signal: Int32 = SIGTERM) -> Int32 {
            if process.isRunning { kill(process.processIdentifier, signal) }
            process.waitUntilExit()
            _ = done.wait(timeout: .now() + 10)
            return process.terminationStatus
        }
    }

    /// POSTs `body` to the receiver and returns the status and body.
    static func post(_ port: Int, _ path: String, _ body: Data) throws -> (Int, String) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")), timeoutInterval: 30)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let finished = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var status = 0; var body = ""; var error: String? }
        let box = Box()
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.body = String(decoding: data ?? Data(), as: UTF8.self)
            box.error = error.map { "\($0)" }
            finished.signal()
        }.resume()
        _ = finished.wait(timeout: .now() + 40)
        if let error = box.error { Issue.record("POST failed: \(error)") }
        return (box.status, box.body)
    }

    @Test("serve on a free loopback port: an Alertmanager webhook declares the incident `show --json` then shows; SIGTERM stops it cleanly")
    func serveDeclares() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let receiver = try Receiver(cli, ["--listen", "127.0.0.1:0"])
        defer { _ = receiver.stop(SIGKILL) }
        #expect(receiver.waitFor("Receiving alerts on http://127.0.0.1:"), "\(receiver.output)\n\(receiver.errors)")
        let port = try #require(receiver.port)
        let (status, body) = try Self.post(port, "/alertmanager", try Self.fixture("alertmanager-checkout-firing.json"))
        #expect(status == 200, "\(body)")
        #expect(body.contains("\"action\":\"declared\"") && body.contains("\"incident\":\"INC-1\""), "\(body)")
        #expect(receiver.waitFor("POST /alertmanager 200 2 alerts"), "\(receiver.output)")
        #expect(receiver.output.contains("declared INC-1 (SEV2)"), "\(receiver.output)")
        let (missing, _) = try Self.post(port, "/alertmanagr", Data("{}".utf8))
        #expect(missing == 404)
        let (bad, badBody) = try Self.post(port, "/grafana", Data("{not json".utf8))
        #expect(bad == 400 && badBody.contains("not JSON"), "\(badBody)")
        #expect(receiver.stop() == 0, "\(receiver.errors)")
        #expect(receiver.output.contains("Stopped receiving alerts."))
        let state = try cli.state()
        #expect(state["id"] as? String == "INC-1")
        #expect(state["severity"] as? String == "SEV2")
        #expect(state["service"] as? String == "checkout")
        #expect("\(state)".contains("2026-11-28T13:57:30.104Z"), "detection at the alert's startsAt: \(state)")
        let timeline = try cli.ok("timeline")
        #expect(timeline.contains("runbook https://runbooks.example.com/checkout/high-error-rate"), "\(timeline)")
    }

    @Test("A non-loopback address is refused without --allow-remote and a shared secret, saying exactly that", arguments: [
        ([], "--allow-remote and a shared secret (shared_secret in [alerts])"),
        (["--allow-remote"], "missing: a shared secret"),
    ] as [([String], String)])
    func remoteRefused(_ extra: [String], _ fragment: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["alerts", "serve", "--listen", "0.0.0.0:0"] + extra)
        #expect(result.status != 0)
        #expect(result.err.contains("refusing to listen on 0.0.0.0:0"), "\(result.err)")
        #expect(result.err.contains(fragment), "\(result.err)")
        #expect(result.err.contains("nothing was started"))
    }

    @Test("A PagerDuty secret inline in a 0600 config file: an unsigned delivery is 401, and the secret is in no output")
    func pagerDutySecretNeverShown() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let directory = cli.directory.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config.toml").path
        try Data("[alerts]\npagerduty_secret = \"pd-SeCrEt-cli-77\"\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let receiver = try Receiver(cli, ["--listen", "127.0.0.1:0"])
        defer { _ = receiver.stop(SIGKILL) }
        #expect(receiver.waitFor("Receiving alerts on"), "\(receiver.output)\n\(receiver.errors)")
        #expect(!receiver.output.contains("PagerDuty deliveries are refused"), "the secret was read")
        let port = try #require(receiver.port)
        let (status, body) = try Self.post(port, "/pagerduty", try Self.fixture("pagerduty-incident-triggered.json"))
        #expect(status == 401 && body.contains("not signed"), "\(body)")
        #expect(receiver.waitFor("POST /pagerduty 401"))
        #expect(receiver.stop(SIGINT) == 0)
        #expect(!(receiver.output + receiver.errors + body).contains("pd-SeCrEt-cli-77"))
        #expect(!(try cli.run(["list"]).out.contains("INC-1")))
    }

    @Test("ingest from stdin declares; the same payload from a file is a duplicate; --dry-run writes nothing")
    func ingest() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let payload = String(decoding: try Self.fixture("alertmanager-checkout-firing.json"), as: UTF8.self)
        let dry = try cli.run(["alerts", "ingest", "--dry-run"], input: payload)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("CheckoutHighErrorRate on checkout (firing): declared (new incident 1) (SEV2)"), "\(dry.out)")
        #expect(dry.out.contains("dry run, nothing written"))
        #expect(!(try cli.run(["list"]).out.contains("INC-1")), "a dry run recorded")
        let first = try cli.run(["alerts", "ingest", "--format", "alertmanager"], input: payload)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("declared INC-1 (SEV2)") && first.out.contains("attached to INC-1 as detection"), "\(first.out)")
        let file = Self.fixtures.appendingPathComponent("alertmanager-checkout-firing.json").path
        let second = try cli.run(["alerts", "ingest", file])
        #expect(second.status == 0, "\(second.err)")
        #expect(second.out.contains("duplicate (already on INC-1)") && second.out.contains("alertmanager payload:"), "\(second.out)")
        let resolved = try cli.run(["alerts", "ingest", Self.fixtures.appendingPathComponent("alertmanager-checkout-resolved.json").path])
        #expect(resolved.out.contains("resolution recorded on INC-1"), "\(resolved.out)\(resolved.err)")
    }

    @Test("ingest refuses a bad format name with a suggestion, and malformed JSON, recording nothing")
    func ingestRefusals() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let typo = try cli.run(["alerts", "ingest", "--format", "grafna"], input: "{}")
        #expect(typo.status != 0 && typo.err.contains("did you mean 'grafana'?"), "\(typo.err)")
        let broken = try cli.run(["alerts", "ingest", "--format", "alertmanager"], input: "{\"version\": \"4\", ")
        #expect(broken.status != 0 && broken.err.contains("not JSON"), "\(broken.err)")
        let list = try cli.run(["list"])
        #expect(!list.out.contains("INC-1"), "\(list.out)")
    }

    @Test("A warning waits as a proposal: `proposals` lists it, refusals say what waits, `accept` declares it with its alert, `dismiss` needs a reason")
    func proposals() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.fails("proposals").contains("no warroom store at"), "reading creates no store")
        let warning = String(decoding: try Self.fixture("alertmanager-warning.json"), as: UTF8.self)
        let proposed = try cli.run(["alerts", "ingest"], input: warning)
        #expect(proposed.status == 0 && proposed.out.contains("proposed as P1 (SEV3)"), "\(proposed.out)\(proposed.err)")
        #expect(!(try cli.run(["list"]).out.contains("INC-1")), "a proposal is not an incident")
        let listed = try cli.ok("proposals")
        #expect(listed.hasPrefix("P1  SEV3  SearchIndexLag on search  service search  1 alert  since 13:50:00"), "\(listed)")
        #expect(listed.contains("warroom proposals accept P1"), "\(listed)")
        let json = try JSONSerialization.jsonObject(with: Data(try cli.ok("proposals", "--json").utf8)) as? [[String: Any]]
        #expect(json?.first?["proposal"] as? String == "P1" && json?.first?["state"] as? String == "open")
        #expect((json?.first?["alerts"] as? [[String: Any]])?.first?["name"] as? String == "SearchIndexLag")

        #expect(try cli.fails("proposals", "accept", "P2") == "warroom: there is no proposal P2; waiting: P1\n")
        #expect(try cli.fails("proposals", "accept", "INC-1").contains("'INC-1' is not a proposal: name one as P3 (or 3); waiting: P1"))
        #expect(try cli.fails("proposals", "dismiss", "P1").contains("needs --reason TEXT"))
        #expect(try cli.fails("proposals", "accept", "P1", "--ic", "x", "--no-ic").contains("contradict"))

        let accepted = try cli.ok("proposals", "accept", "p1")
        #expect(accepted.hasPrefix("INC-1 declared from P1: SearchIndexLag on search (SEV3, its alert as a finding). Open it: warroom open INC-1"),
                "\(accepted)")
        let state = try cli.state()
        #expect(state["title"] as? String == "SearchIndexLag on search")
        let timeline = try cli.ok("timeline")
        #expect(timeline.contains("Alert firing: SearchIndexLag on search (warning)") && timeline.contains("declared"), "\(timeline)")
        #expect(try cli.fails("proposals", "dismiss", "P1", "--reason", "noise").contains("P1 was already accepted as INC-1"))
        #expect(try cli.ok("proposals") == "No proposal is waiting (1 decided: --all lists them).\n")
        #expect(try cli.ok("proposals", "--all").contains("accepted as INC-1"))
        let again = try cli.run(["alerts", "ingest"], input: warning)
        #expect(again.out.contains("duplicate (already on INC-1)"), "\(again.out)")
        let report = try cli.ok("report")
        #expect(report.contains("Alerts: 1 alert fired into 1 incident (1 detected by an alert) · 1 proposed: 1 accepted, 0 dismissed"),
                "the report's alert audit reads the inbox: \(report)")
    }

    @Test("The same alert firing again, hours later: accepting its proposal names the incident that had it, with its cause")
    func sameAlertAgain() throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        let warning = String(decoding: try Self.fixture("alertmanager-warning.json"), as: UTF8.self)
        #expect(try cli.run(["alerts", "ingest"], input: warning).status == 0)
        try cli.ok("proposals", "accept", "P1")
        try cli.ok("postmortem", "factor", "immediate", "the indexer's queue was full")
        try cli.ok("status", "resolved", "--force", "--reason", "queue drained")
        // A new firing of the same rule: another start, the same fingerprint of its labels.
        cli.environment["WARROOM_NOW"] = "2026-11-28T19:00:00Z"
        let later = warning.replacingOccurrences(of: "2026-11-28T13:50:00Z", with: "2026-11-28T18:30:00Z")
        let proposed = try cli.run(["alerts", "ingest"], input: later)
        #expect(proposed.out.contains("proposed as P2"), "\(proposed.out)\(proposed.err)")
        let accepted = try cli.run(["proposals", "accept", "P2"])
        #expect(accepted.status == 0 && accepted.out.hasPrefix("INC-2 declared from P2"), "\(accepted.out)\(accepted.err)")
        #expect(accepted.err.contains("warroom: INC-2 looks like a past incident (warroom show INC-1 reads one):\n  INC-1  SEV3  resolved"),
                "\(accepted.err)")
        #expect(accepted.err.contains("same alert · cause: the indexer's queue was full"), "\(accepted.err)")
    }
}
