import Foundation
import Testing

/// `warroom integrations list`: each destination with what it receives; secrets never printed;
/// exit status 1 while a credential is missing or a table was left out.
@Suite struct IntegrationsCLITests {
    func withConfig(_ text: String, mode: Int, _ body: (CLI) throws -> Void) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let directory = cli.directory.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config.toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        try body(cli)
    }

    static let config = """
        [integrations.eng-slack]
        type = "slack"
        url = "https://hooks.slack.com/services/T0/B0/TOKEN-SLACK-1"

        [integrations.pd]
        type = "pagerduty"
        routing_key = "env:WR_TEST_PD_KEY"

        [integrations.status]
        type = "statuspage"
        api_key = "KEY-STATUS-2"
        page_id = "kctbh9vrtdwd"
        """

    @Test("Private file, variables set: every destination, no secret, exit 0")
    func listed() throws {
        try withConfig(Self.config, mode: 0o600) { cli in
            let result = try cli.run(["integrations", "list"], env: ["WR_TEST_PD_KEY": "routing-VALUE-3"])
            #expect(result.status == 0, "\(result.err)")
            #expect(result.out.contains("eng-slack  slack") && result.out.contains("https://hooks.slack.com/***"))
            #expect(result.out.contains("routing_key: env:WR_TEST_PD_KEY (set)"))
            #expect(result.out.contains("api_key: *** (in the config file)") && result.out.contains("audiences: customers"))
            for secret in ["TOKEN-SLACK-1", "KEY-STATUS-2", "routing-VALUE-3", "/services/"] {
                #expect(!(result.out + result.err).contains(secret), "\(secret) was printed")
            }
        }
    }

    @Test("A variable not set: named on stderr, exit 1")
    func unsetVariable() throws {
        try withConfig(Self.config, mode: 0o600) { cli in
            let result = try cli.run(["integrations", "list"])
            #expect(result.status == 1)
            #expect(result.out.contains("env:WR_TEST_PD_KEY (NOT SET)"))
            #expect(result.err.contains("environment variables not set: WR_TEST_PD_KEY (pd)"), "\(result.err)")
        }
    }

    @Test("A file others may read: the destinations with inline secrets are left out, said on stderr, exit 1")
    func sharedFile() throws {
        try withConfig(Self.config, mode: 0o644) { cli in
            let result = try cli.run(["integrations", "list"], env: ["WR_TEST_PD_KEY": "v"])
            #expect(result.status == 1)
            #expect(!result.out.contains("eng-slack") && !result.out.contains("status  statuspage") && result.out.contains("pd  pagerduty"))
            #expect(result.err.contains("chmod 600") && result.err.contains("the integration 'eng-slack' was ignored"), "\(result.err)")
            #expect(!(result.out + result.err).contains("TOKEN-SLACK-1") && !(result.out + result.err).contains("KEY-STATUS-2"))
        }
    }

    @Test("No tables: says where they go, exit 0")
    func none() throws {
        try withConfig("theme = \"dark\"\n", mode: 0o600) { cli in
            let out = try cli.ok("integrations", "list")
            #expect(out.contains("No destinations configured") && out.contains("[integrations.NAME]"))
        }
    }
}
