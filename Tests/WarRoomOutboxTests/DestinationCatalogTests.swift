import Foundation
import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomIntegrations
import WarRoomOutbox

/// The config file's tables as destinations: every type's settings and credentials, each problem
/// worded with the table and the key and never a value.
@Suite struct DestinationCatalogTests {
    static let config = """
        [integrations.eng-slack]
        type = "slack"
        url = "env:WR_SLACK_URL"
        audiences = ["engineering", "executives"]

        [integrations.teams]
        type = "teams"
        url = "https://prod-07.westeurope.logic.azure.com/workflows/abc?sig=TEAMS-SIG-1"

        [integrations.status]
        type = "statuspage"
        api_key = "env:WR_SP_KEY"
        page_id = "kctbh9vrtdwd"
        deliver_notifications = false

        [integrations.pd]
        type = "pagerduty"
        routing_key = "PD-DEFAULT-KEY-2"
        client_url = "https://warroom.example.com"

        [integrations.pd.routing_keys]
        database = "env:WR_PD_DB"

        [integrations.genie]
        type = "opsgenie"
        api_key = "GENIE-KEY-3"
        region = "eu"

        [integrations.bot]
        type = "webhook"
        url = "https://bot.example.com/hook"
        secret = "env:WR_HOOK_SECRET"
        events = ["declared", "resolved"]
        """

    static let environment = ["WR_SLACK_URL": "https://hooks.slack.com/services/T0/B0/SLACK-TOKEN-4", "WR_SP_KEY": "SP-KEY-5",
                              "WR_PD_DB": "PD-DB-KEY-6", "WR_HOOK_SECRET": "HOOK-SECRET-7"]
    static let secrets = ["SLACK-TOKEN-4", "SP-KEY-5", "PD-DB-KEY-6", "HOOK-SECRET-7", "PD-DEFAULT-KEY-2", "GENIE-KEY-3", "TEAMS-SIG-1"]

    func catalog(_ environment: [String: String] = environment) -> DestinationCatalog {
        let load = Config.parse(Self.config, file: "config.toml", privateFile: true)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.description))")
        return DestinationCatalog(integrations: load.config.integrations, environment: environment)
    }

    func destination(_ name: String, _ environment: [String: String] = environment) throws -> Destination {
        try catalog(environment).destination(named: name).get()
    }

    @Test("Every type: its settings, its credentials from the file or the environment, its filters")
    func everyType() throws {
        let slack = try destination("eng-slack")
        #expect(slack.settings == .slack && slack.url == "https://hooks.slack.com/services/T0/B0/SLACK-TOKEN-4")
        #expect(slack.audiences == [.engineering, .executives] && slack.events == DestinationType.slack.defaultEvents)
        #expect(try destination("teams").settings == .teams)
        let status = try destination("status")
        #expect(status.settings == .statuspage(StatuspageSettings(apiKey: Secret("SP-KEY-5"), pageID: "kctbh9vrtdwd", deliverNotifications: false)))
        #expect(status.url == "https://api.statuspage.io" && status.audiences == [.customers])
        let pd = try destination("pd")
        #expect(pd.settings == .pagerduty(PagerDutySettings(routingKeys: ["default": Secret("PD-DEFAULT-KEY-2"), "database": Secret("PD-DB-KEY-6")],
                                                             clientURL: "https://warroom.example.com")))
        let genie = try destination("genie")
        #expect(genie.settings == .opsgenie(OpsgenieSettings(apiKey: Secret("GENIE-KEY-3"), region: .eu)))
        #expect(genie.url == "https://api.eu.opsgenie.com")
        let bot = try destination("bot")
        #expect(bot.settings == .webhook(secret: Secret("HOOK-SECRET-7")) && bot.events == [.declared, .resolved])
        #expect(Set(catalog().secretValues).isSuperset(of: ["SP-KEY-5", "PD-DB-KEY-6", "HOOK-SECRET-7", "GENIE-KEY-3"]))
        #expect(catalog().type(of: "pd") == .pagerduty && catalog().type(of: "nope") == nil)
    }

    @Test("An unset variable names the table, the key and the variable, never a value")
    func unsetVariables() throws {
        var environment = Self.environment
        environment["WR_PD_DB"] = nil
        environment["WR_SLACK_URL"] = ""
        environment["WR_SP_KEY"] = nil
        let catalog = catalog(environment)
        let problems = ["pd", "eng-slack", "status"].map { name in
            if case .failure(let problem) = catalog.destination(named: name) { problem.description } else { "" }
        }
        #expect(problems == ["integrations.pd: routing_keys.database is env:WR_PD_DB, which is not set",
                             "integrations.eng-slack: url is env:WR_SLACK_URL, which is not set",
                             "integrations.status: api_key is env:WR_SP_KEY, which is not set"])
        #expect(try self.catalog(environment).destination(named: "bot").get().name == "bot", "the others still work")
        for problem in problems { for secret in Self.secrets { #expect(!problem.contains(secret)) } }
    }

    @Test("A name not configured: did you mean, and the names that are")
    func unknownName() {
        guard case .failure(let problem) = catalog().destination(named: "eng-slak") else {
            Issue.record("found a destination that is not configured")
            return
        }
        #expect(problem.description.contains("there is no [integrations.eng-slak]") && problem.description.contains("did you mean 'eng-slack'?"))
        #expect(problem.description.contains("eng-slack, teams, status, pd, genie and bot"), "\(problem.description)")
        let empty = DestinationCatalog(integrations: [], environment: [:])
        guard case .failure(let none) = empty.destination(named: "x") else { return }
        #expect(none.description.contains("no destination is configured"))
    }

    @Test("A URL from the environment is checked as the file's are: plain http only to this machine")
    func environmentURL() throws {
        var environment = Self.environment
        environment["WR_SLACK_URL"] = "http://hooks.example.com/services/T0/B0/SLACK-TOKEN-4"
        guard case .failure(let problem) = catalog(environment).destination(named: "eng-slack") else {
            Issue.record("plain http to another host was accepted")
            return
        }
        #expect(problem.description.contains("integrations.eng-slack: url uses plain http") && !problem.description.contains("SLACK-TOKEN-4"))
        environment["WR_SLACK_URL"] = "http://127.0.0.1:9/services/x"
        #expect(try destination("eng-slack", environment).url == "http://127.0.0.1:9/services/x")
        environment["WR_SLACK_URL"] = "hooks.slack.com/SLACK-TOKEN-4"
        guard case .failure(let scheme) = catalog(environment).destination(named: "eng-slack") else { return }
        #expect(scheme.description.contains("https://") && !scheme.description.contains("SLACK-TOKEN-4"))
    }

    @Test("The description of a destination and of a problem never holds a credential")
    func descriptionsRedacted() throws {
        for name in ["eng-slack", "teams", "status", "pd", "genie", "bot"] {
            let shown = "\(try destination(name))" + String(reflecting: try destination(name))
            for secret in Self.secrets { #expect(!shown.contains(secret), "\(name) shows \(secret)") }
        }
    }

    @Test("Statuspage's impact_override and components reach the request")
    func statuspageMaps() throws {
        let text = """
            [integrations.status]
            type = "statuspage"
            url = "http://127.0.0.1:9"
            api_key = "SP-KEY-9"
            page_id = "p"

            [integrations.status.impact_override]
            sev2 = "critical"

            [integrations.status.components]
            ftgks51sfs2d = "major_outage"
            """
        let load = Config.parse(text, file: "/c.toml", privateFile: true)
        let catalog = DestinationCatalog(integrations: load.config.integrations, environment: [:])
        let destination = try catalog.destination(named: "status").get()
        let notice = OutboundNotice(incident: IncidentSnapshot(id: "INC-1", title: "Checkout errors", severity: .sev2, status: .investigating),
                                    kind: .statusUpdate(audience: .customers, text: "Looking into it."),
                                    at: Timestamp(millis: 1_764_338_400_000), storeIdentity: "s", eventID: "e")
        guard case .send(let requests) = try destination.plan(for: notice), let request = requests.first else {
            Issue.record("no request planned")
            return
        }
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body.contains("\"impact_override\":\"critical\""), "\(body)")
        #expect(body.contains("\"components\":{\"ftgks51sfs2d\":\"major_outage\"}") && body.contains("\"component_ids\":[\"ftgks51sfs2d\"]"), "\(body)")
    }
}
