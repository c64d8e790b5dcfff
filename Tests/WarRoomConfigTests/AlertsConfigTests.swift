import Foundation
import Testing
import WarRoomCore
@testable import WarRoomConfig

/// `[alerts]` and `[alerts.levels]`: the defaults with no table, every key as written, secrets
/// inline only in a private file (or `env:VAR`), and each mistake said with file, line and key.
@Suite struct AlertsConfigTests {
    @Test("No [alerts] table: critical declares at SEV2, loopback 9095, author alerts, no secrets")
    func defaults() {
        let alerts = Config.parse("", file: "/c.toml").config.alerts
        #expect(alerts == .standard)
        #expect(alerts.levels["critical"] == .sev2 && alerts.autoDeclare == [.sev1, .sev2] && alerts.unmapped == .sev3)
        #expect(alerts.ignored == ["info", "none"])
        #expect(alerts.listenHost == "127.0.0.1" && alerts.listenPort == 9095 && alerts.author == "alerts")
        #expect(alerts.pagerDutySecret == nil && alerts.sharedSecret == nil && alerts.line == nil)
    }

    @Test("Every key as written; [alerts.levels] adds and replaces labels, the others keep their default")
    func everyKey() {
        let text = """
            [alerts]
            auto_declare = ["SEV1"]
            ignored = ["Info", "none", "debug"]
            unmapped = "ignore"
            listen = "[::1]:9196"
            author = "alertmanager"
            pagerduty_secret = "env:PD_WEBHOOK_SECRET"
            shared_secret = "inline-SECRET-7"

            [alerts.levels]
            critical = "SEV1"
            page = "sev2"
            """
        let load = Config.parse(text, file: "/c.toml", privateFile: true)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        let alerts = load.config.alerts
        #expect(alerts.autoDeclare == [.sev1])
        #expect(alerts.ignored == ["info", "none", "debug"])
        #expect(alerts.unmapped == nil)
        #expect(alerts.listenHost == "::1" && alerts.listenPort == 9196)
        #expect(alerts.author == "alertmanager")
        #expect(alerts.pagerDutySecret == .environment("PD_WEBHOOK_SECRET"))
        #expect(alerts.sharedSecret == .inline("inline-SECRET-7"))
        #expect(alerts.levels["critical"] == .sev1 && alerts.levels["page"] == .sev2 && alerts.levels["warning"] == .sev3)
        #expect(alerts.line == 1)
    }

    @Test("An inline secret in a file others may read is refused, the file named, the secret never shown")
    func inlineSecretRefused() {
        let text = "[alerts]\npagerduty_secret = \"pd-SECRET-1\"\nshared_secret = \"sh-SECRET-2\"\n"
        let load = Config.parse(text, file: "/home/ic/.config/warroom/config.toml", privateFile: false)
        #expect(load.config.alerts.pagerDutySecret == nil && load.config.alerts.sharedSecret == nil)
        let messages = load.diagnostics.map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.allSatisfy { $0.contains("chmod 600 /home/ic/.config/warroom/config.toml") }, "\(messages)")
        #expect(messages.contains { $0.contains("key 'pagerduty_secret' in [alerts]") && $0.contains("PagerDuty deliveries are refused") })
        #expect(messages.contains { $0.contains(":3") && $0.contains("listens on loopback only") }, "\(messages)")
        #expect(!messages.joined().contains("SECRET"), "a message repeated a secret: \(messages)")
    }

    @Test("Each mistake names file, line and key, says what was kept, and suggests", arguments: [
        ("[alerts]\nauto_declare = [\"SEV5\"]", 2, "auto_declare", "kept [\"SEV1\", \"SEV2\"]"),
        ("[alerts]\nauto_declare = 2", 2, "auto_declare", "expected a list of levels"),
        ("[alerts]\nunmapped = \"ignor\"", 2, "unmapped", "did you mean 'ignore'?"),
        ("[alerts]\nunmapped = \"SEV9\"", 2, "unmapped", "kept SEV3"),
        ("[alerts]\nlisten = \"9095\"", 2, "listen", "expected \"HOST:PORT\""),
        ("[alerts]\nlisten = \"127.0.0.1:99999\"", 2, "listen", "kept 127.0.0.1:9095"),
        ("[alerts]\nignored = [\"two words\"]", 2, "ignored", "is not a severity label"),
        ("[alerts]\nauthr = \"x\"", 2, "authr", "did you mean 'author'?"),
        ("[alerts]\n\nsecret = \"env:X\"", 3, "secret", "unknown key: expected one of auto_declare"),
        ("[alerts]\npagerduty_secret = \"env:1X\"", 2, "pagerduty_secret", "environment variable's name"),
        ("[alerts]\nshared_secret = 5", 2, "shared_secret", "expected a string in quotes"),
        ("[alerts.levels]\ncritical = \"SEV\"", 2, "critical", "did you mean 'SEV1'?"),
        ("[alerts.levels]\ncritical = 2", 2, "critical", "kept SEV2"),
        ("[alerts.levels]\npage = \"urgent\"", 2, "page", "the label stays unmapped"),
        ("[alert]\nlisten = \"127.0.0.1:1\"", 1, nil, "[alerts] or [alerts.levels]"),
    ] as [(String, Int, String?, String)])
    func mistakes(_ text: String, _ line: Int, _ key: String?, _ fragment: String) {
        let load = Config.parse(text, file: "/c.toml", privateFile: true)
        #expect(load.diagnostics.count == 1, "\(text)\n→ \(load.diagnostics)")
        guard let diagnostic = load.diagnostics.first else { return }
        #expect(diagnostic.line == line && diagnostic.key == key && diagnostic.file == "/c.toml", "\(diagnostic)")
        #expect(diagnostic.description.contains(fragment), "\(text)\n→ \(diagnostic.description)")
        var expected = AlertsConfig.standard
        expected.line = load.config.alerts.line
        #expect(load.config.alerts == expected, "a mistake changed the alerts config: \(text)")
    }

    @Test("listen accepts host:port and [IPv6]:port, nothing else", arguments: [
        ("127.0.0.1:9095", "127.0.0.1", 9095), ("0.0.0.0:80", "0.0.0.0", 80), ("[::1]:9095", "::1", 9095),
        ("localhost:0", "localhost", 0),
    ] as [(String, String, Int)])
    func listen(_ text: String, _ host: String, _ port: Int) throws {
        let parsed = try #require(AlertsConfig.parseListen(text))
        #expect(parsed.host == host && parsed.port == port)
    }

    @Test("listen refuses", arguments: ["9095", ":9095", "127.0.0.1:", "::1:9095", "a b:1", "127.0.0.1:65536", "[::1]9095", "h:12x"])
    func listenRefused(_ text: String) {
        #expect(AlertsConfig.parseListen(text) == nil)
    }
}
