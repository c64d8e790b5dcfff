import Foundation
import Testing
import WarRoomCore
@testable import WarRoomConfig

/// `[integrations.NAME]` tables: each type's keys, credentials inline (private file only) or
/// `env:VAR`, defaults by type, and every refusal said with file, line and key, never the secret.
@Suite struct IntegrationConfigTests {
    static let full = """
        [integrations.eng-slack]
        type = "slack"
        url = "env:SLACK_ENG_URL"
        audiences = ["engineering", "executives",]

        [integrations.status]
        type = "statuspage"
        api_key = "sp-SECRET-1"
        page_id = "kctbh9vrtdwd"
        deliver_notifications = false

        [integrations.pd]
        type = "pagerduty"
        url = "http://127.0.0.1:9095"
        client_url = "https://warroom.example.com"

        [integrations.pd.routing_keys]
        database = "env:PD_DB"
        "payments team" = "pd-SECRET-2"

        [integrations.genie]
        type = "opsgenie"
        api_key = "env:OPSGENIE_KEY"
        region = "EU"

        [integrations.bot]
        type = "webhook"
        url = "https://bot.example.com/hook"
        secret = "env:BOT_SECRET"
        events = ["declared", "resolved"]
        audiences = []
        """

    @Test("A file with every type, private: each destination as written, defaults filled in")
    func everyType() throws {
        let load = Config.parse(Self.full, file: "/c.toml", privateFile: true)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        let byName = Dictionary(uniqueKeysWithValues: load.config.integrations.map { ($0.name, $0) })
        #expect(load.config.integrations.map(\.name) == ["eng-slack", "status", "pd", "genie", "bot"], "file order")
        let slack = try #require(byName["eng-slack"])
        #expect(slack.type == .slack && slack.url == .environment("SLACK_ENG_URL"))
        #expect(slack.audiences == [.engineering, .executives] && slack.events == [.declared, .severityChanged, .statusUpdate, .resolved])
        let status = try #require(byName["status"])
        #expect(status.credentials == ["api_key": .inline("sp-SECRET-1")] && status.url == nil)
        #expect(status.options == ["page_id": .string("kctbh9vrtdwd"), "deliver_notifications": .boolean(false)])
        #expect(status.audiences == [.customers], "a status page gets the customer updates unless told")
        let pd = try #require(byName["pd"])
        #expect(pd.routingKeys == ["database": .environment("PD_DB"), "payments team": .inline("pd-SECRET-2")])
        #expect(pd.url == .inline("http://127.0.0.1:9095") && pd.events == [.resolved, .page, .acknowledged])
        #expect(byName["genie"]?.options["region"] == .string("eu"))
        let bot = try #require(byName["bot"])
        #expect(bot.events == [.declared, .resolved] && bot.audiences.isEmpty && bot.credentials["secret"] == .environment("BOT_SECRET"))
    }

    @Test("Inline secrets in a file others may read: those destinations are left out, the file named, the secret never shown")
    func inlineSecretRefused() {
        let load = Config.parse(Self.full, file: "/home/ic/.config/warroom/config.toml", privateFile: false)
        #expect(load.config.integrations.map(\.name) == ["eng-slack", "genie"], "those with env: only stay (a webhook's URL is a secret too)")
        let text = load.diagnostics.map(\.description).joined(separator: "\n")
        #expect(text.contains("chmod 600 /home/ic/.config/warroom/config.toml"), "\(text)")
        #expect(text.contains("the integration 'status' was ignored") && text.contains("the integration 'pd' was ignored"), "\(text)")
        #expect(!text.contains("SECRET"), "a message repeated a secret: \(text)")
    }

    @Test("A Slack URL is its secret: inline only in a private file")
    func slackURLIsSecret() {
        let text = "[integrations.s]\ntype = \"slack\"\nurl = \"https://hooks.slack.com/services/T0/B0/XYZSECRET\"\n"
        #expect(Config.parse(text, file: "/c.toml", privateFile: true).config.integrations.count == 1)
        let shared = Config.parse(text, file: "/c.toml", privateFile: false)
        #expect(shared.config.integrations.isEmpty)
        #expect(!shared.diagnostics.map(\.description).joined().contains("XYZSECRET"))
    }

    /// A table with one thing wrong: whether the destination survives, and what the message says.
    @Test("Each refusal says what was wrong and what was kept", arguments: [
        ("[integrations.a]\ntype = \"slak\"\nurl = \"env:U\"", false, "did you mean \"slack\"?"),
        ("[integrations.a]\nurl = \"env:U\"", false, "needs type = "),
        ("[integrations.a]\ntype = 3\nurl = \"env:U\"", false, "is not a type"),
        ("[integrations.a]\ntype = \"slack\"", false, "type slack needs url"),
        ("[integrations.a]\ntype = \"teams\"", false, "type teams needs url"),
        ("[integrations.a]\ntype = \"webhook\"\nsecret = \"env:S\"", false, "type webhook needs url"),
        ("[integrations.a]\ntype = \"statuspage\"\napi_key = \"env:K\"", false, "needs page_id"),
        ("[integrations.a]\ntype = \"statuspage\"\npage_id = \"abc\"", false, "needs api_key"),
        ("[integrations.a]\ntype = \"pagerduty\"", false, "needs routing_key"),
        ("[integrations.a]\ntype = \"opsgenie\"", false, "type opsgenie needs api_key"),
        ("[integrations.a]\ntype = \"pagerduty\"\nroutingkey = \"env:R\"\nrouting_key = \"env:R\"", true, "did you mean 'routing_key'?"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\napi_key = \"env:K\"", true, "unknown key"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"ftp://x\"", false, "starting with https://"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"http://hooks.example.com/x\"", false, "plain http is accepted only to this machine"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"https://\"", false, "with a host"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:1URL\"", false, "environment variable's name"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\naudiences = [\"customer\"]", true, "did you mean \"customers\"?"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\nevents = [\"resolvd\"]", true, "did you mean \"resolved\"?"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\nevents = true", true, "expected a list"),
        ("[integrations.a]\ntype = \"opsgenie\"\napi_key = \"env:K\"\nregion = \"asia\"", true, "\"us\" or \"eu\""),
        ("[integrations.a]\ntype = \"statuspage\"\napi_key = \"env:K\"\npage_id = \"abc\"\ndeliver_notifications = \"no\"", true,
         "expected true or false"),
        ("[integrations.a]\ntype = \"pagerduty\"\nrouting_key = \"env:R\"\nclient_url = \"warroom.example\"", true, "https://"),
        ("[integrations.\"my slack\"]\ntype = \"slack\"\nurl = \"env:U\"", false, "is not an integration name"),
        ("[integrations.b.routing_keys]\nx = \"env:R\"", false, "there is no [integrations.b] table"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\n[integrations.a.routing_keys]\nx = \"env:R\"", true,
         "routing keys are for type pagerduty"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\naudiences = [\"engineering\", 3]", true, "arrays hold only quoted strings"),
        ("[integrations.a]\ntype = \"statuspage\"\napi_key = \"env:K\"\npage_id = \"p\"\n[integrations.a.impact_override]\nsev1 = \"severe\"", true,
         "expected one of \"none\", \"minor\", \"major\" or \"critical\"; it was ignored"),
        ("[integrations.a]\ntype = \"statuspage\"\napi_key = \"env:K\"\npage_id = \"p\"\n[integrations.a.impact_override]\nsev5 = \"minor\"", true,
         "'sev5' is not a level"),
        ("[integrations.a]\ntype = \"statuspage\"\napi_key = \"env:K\"\npage_id = \"p\"\n[integrations.a.components]\nabc = \"major-outage\"", true,
         "did you mean \"major_outage\"?"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\n[integrations.a.components]\nabc = \"major_outage\"", true,
         "components is for type statuspage"),
        ("[integrations.b.impact_override]\nsev1 = \"major\"", false, "there is no [integrations.b] table for these settings"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\naudiences = [\"engineering\"", true, "unterminated array"),
        ("[integrations.a]\ntype = \"slack\"\nurl = \"env:U\"\naudiences = [\"engineering\" \"executives\"]", true, "expected ',' or ']'"),
    ])
    func refusals(_ text: String, _ kept: Bool, _ fragment: String) {
        let load = Config.parse(text, file: "/c.toml", privateFile: true)
        #expect(load.config.integrations.isEmpty != kept, "\(text): kept \(load.config.integrations.map(\.name))")
        let messages = load.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains(fragment) }, "\(text)\n→ \(messages)")
        #expect(messages.allSatisfy { $0.contains("ignored") || $0.contains("kept") }, "every message says what happened: \(messages)")
    }

    @Test("Arrays: empty, trailing comma, both quote styles; other configs read as before")
    func arrays() {
        let load = Config.parse("[integrations.a]\ntype = \"webhook\"\nurl = \"https://h/x\"\naudiences = []\nevents = ['page', \"deploy\",]\n",
                                file: "/c.toml", privateFile: true)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        #expect(load.config.integrations.first?.events == [.page, .deploy] && load.config.integrations.first?.audiences == [])
        #expect(Config.parse("theme = [\"dark\"]\n", file: "/c.toml").diagnostics.first?.message.contains("expected a string") == true)
    }

    @Test("Loading: a 0644 file's inline secret is refused, the same file at 0600 is read")
    func fileMode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wr-int-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = ["HOME": "/nonexistent", "XDG_CONFIG_HOME": directory]
        let path = Config.paths(environment: environment).config
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("[integrations.pd]\ntype = \"pagerduty\"\nrouting_key = \"R0UTING\"\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let shared = Config.load(environment: environment)
        #expect(shared.config.integrations.isEmpty)
        #expect(shared.diagnostics.contains { $0.message.contains("chmod 600") && !$0.message.contains("R0UTING") }, "\(shared.diagnostics)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(Config.load(environment: environment).config.integrations.first?.credentials["routing_key"] == .inline("R0UTING"))
    }

    @Test("A credential's description is never the secret")
    func redacted() {
        #expect(Credential.inline("s3cr3t").description == "***")
        #expect(Credential.environment("PD_KEY").description == "env:PD_KEY")
        #expect(Credential.environment("PD_KEY").resolve(["PD_KEY": "v"]) == "v")
        #expect(Credential.environment("PD_KEY").resolve(["PD_KEY": ""]) == nil && Credential.environment("X").resolve([:]) == nil)
    }

    @Test("Statuspage: impact_override by level (the rest keep their defaults) and affected components")
    func statuspageMaps() throws {
        let text = """
            [integrations.status]
            type = "statuspage"
            api_key = "env:K"
            page_id = "p"

            [integrations.status.impact_override]
            SEV2 = "critical"
            sev4 = "none"

            [integrations.status.components]
            ftgks51sfs2d = "major_outage"
            "8kbf7d35c070" = "degraded_performance"
            """
        let load = Config.parse(text, file: "/c.toml", privateFile: true)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        let status = try #require(load.config.integrations.first)
        #expect(status.impactOverride == [.sev1: "critical", .sev2: "critical", .sev3: "minor", .sev4: "none"])
        #expect(status.components == ["ftgks51sfs2d": "major_outage", "8kbf7d35c070": "degraded_performance"])
        let plain = Config.parse("[integrations.s]\ntype = \"statuspage\"\napi_key = \"env:K\"\npage_id = \"p\"", file: "/c.toml", privateFile: true)
        #expect(plain.config.integrations.first?.impactOverride == nil && plain.config.integrations.first?.components.isEmpty == true)
    }
}
