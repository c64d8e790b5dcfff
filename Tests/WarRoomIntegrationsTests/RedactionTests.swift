import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Secrets never shown")
struct RedactionTests {
    @Test("No credential in any description, debug print or dump of any request, for every destination and kind",
          arguments: Fixture.destinations.indices)
    func descriptions(_ index: Int) {
        let destination = Fixture.destinations[index]
        var shown: [String] = []
        for (label, _, _) in Fixture.kinds {
            for reference in [nil, "p31"] as [String?] {
                for request in Fixture.requests(destination, Fixture.notice(label: label), vendorReference: reference) {
                    var dumped = ""
                    dump(request, to: &dumped)
                    shown += [request.description, request.debugDescription, "\(request)", String(reflecting: request), dumped,
                              request.redactedURL, request.redactedBody]
                }
            }
        }
        shown.append(String(describing: destination))
        var dumped = ""
        dump(destination, to: &dumped)
        shown.append(dumped)
        #expect(!shown.isEmpty)
        for text in shown {
            for secret in Fixture.secrets { #expect(!text.contains(secret), "\(destination.name) shows a secret") }
        }
    }

    @Test("Secret URLs are cut to the host, credential headers keep their scheme word")
    func forms() {
        let slack = Fixture.requests(Fixture.slack, Fixture.notice(.test)).first
        #expect(slack?.redactedURL == "https://hooks.slack.com/services/***")
        #expect(Fixture.requests(Fixture.teams, Fixture.notice(.test)).first?.redactedURL == "https://prod-07.westeurope.logic.azure.com:443/workflows/***")
        #expect(Fixture.requests(Fixture.webhook, Fixture.notice(.test)).first?.redactedURL == "https://bot.example.internal/warroom/***")
        let og = Fixture.requests(Fixture.opsgenie, Fixture.notice(.test)).first
        #expect(og?.description.contains("Authorization: GenieKey ***") == true)
        let sp = Fixture.requests(Fixture.statuspage, Fixture.notice(.test)).first
        #expect(sp?.description.contains("Authorization: OAuth ***") == true)
        let pd = Fixture.requests(Fixture.pagerduty, Fixture.notice(.page(target: "database", reason: ""))).first
        #expect(pd?.redactedBody.contains("\"routing_key\":\"***\"") == true)
        #expect(Redaction.url("https://user:pw@example.com/a1B2/x", isSecret: true, secrets: []) == "https://***@example.com/***")
    }

    @Test("A secret with JSON-escaped characters is hidden in the body too")
    func escapedSecret() {
        let secret = "we\"ird\\key/1"
        let destination = Destination(name: "og", settings: .opsgenie(OpsgenieSettings(apiKey: Secret(secret))))
        let request = Fixture.requests(destination, Fixture.notice(.page(target: "db", reason: "key is \(secret)"))).first
        #expect(request.map { !$0.description.contains(secret) && !$0.description.contains("we\\\"ird") } == true)
    }

    @Test("Secret's own descriptions are masked")
    func secretType() {
        let secret = Secret("hunter2")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect("\(secret)" == "***" && String(reflecting: secret) == "***" && !dumped.contains("hunter2"))
    }
}
