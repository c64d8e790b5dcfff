import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Idempotency and dedup keys")
struct KeyTests {
    @Test("The delivery key depends on store, incident, destination and event, and nothing else")
    func deliveryKey() {
        let base = IdempotencyKey.delivery(storeIdentity: "s", incidentID: "INC-1", destination: "d", eventID: "e")
        #expect(base == IdempotencyKey.delivery(storeIdentity: "s", incidentID: "INC-1", destination: "d", eventID: "e"))
        #expect(base.hasPrefix("wr1-") && base.count == 68)
        let others = [
            IdempotencyKey.delivery(storeIdentity: "t", incidentID: "INC-1", destination: "d", eventID: "e"),
            IdempotencyKey.delivery(storeIdentity: "s", incidentID: "INC-2", destination: "d", eventID: "e"),
            IdempotencyKey.delivery(storeIdentity: "s", incidentID: "INC-1", destination: "x", eventID: "e"),
            IdempotencyKey.delivery(storeIdentity: "s", incidentID: "INC-1", destination: "d", eventID: "f"),
            IdempotencyKey.delivery(storeIdentity: "s", incidentID: "INC-1", destination: "d", eventID: "e", part: "db"),
            // Fields run together differently must not collide.
            IdempotencyKey.delivery(storeIdentity: "sI", incidentID: "NC-1", destination: "d", eventID: "e"),
        ]
        #expect(Set(others + [base]).count == others.count + 1)
    }

    @Test("A request's key is the same whatever the notice's time, text or state: only the identity tuple counts")
    func sameOnRetry() {
        let a = Fixture.notice(.page(target: "database", reason: "first"))
        var b = a
        b.at = b.at + .minutes(5)
        b.incident.title = "Renamed"
        b.kind = .page(target: "database", reason: "other words")
        for destination in Fixture.destinations {
            #expect(Fixture.requests(destination, a).map(\.idempotencyKey) == Fixture.requests(destination, b).map(\.idempotencyKey))
        }
    }

    @Test("dedup_key is at most 255 characters; long ones are hashed, stable and distinct",
          arguments: [1, 200, 230, 231, 232, 300, 5000])
    func dedupKeyLength(_ targetLength: Int) {
        let target = String(repeating: "t", count: targetLength)
        let notice = Fixture.notice(.page(target: target, reason: ""))
        let key = PagerDutyPayload.dedupKey(notice, target: target)
        #expect(key.utf8.count <= 255)
        let plain = "warroom:\(IdempotencyKey.storeTag(Fixture.store)):INC-1:\(target)"
        #expect((key == plain) == (plain.utf8.count <= 255))
        #expect(!key.contains(Fixture.store), "the store's identity (a path) never reaches the vendor")
        #expect(key != PagerDutyPayload.dedupKey(notice, target: target + "x"))
    }

    @Test("The trigger, acknowledge and resolve of one page share the dedup_key; two targets do not")
    func dedupShared() {
        var incident = Fixture.incident
        incident.pagedTargets = ["database", "network", "database"]
        let trigger = Fixture.requests(Fixture.pagerduty, Fixture.notice(.page(target: "database", reason: "")))
        let ack = Fixture.requests(Fixture.pagerduty, Fixture.notice(.acknowledged(target: "database", by: "Bo")))
        incident.status = .resolved
        let resolve = Fixture.requests(Fixture.pagerduty, Fixture.notice(.statusChanged(to: .resolved), incident: incident))
        let keys = (trigger + ack + resolve).map { Fixture.json($0)["dedup_key"]?.stringValue }
        #expect(resolve.count == 2, "one resolve per paged target, repeats once")
        #expect(keys[0] == keys[1] && keys[1] == keys[2])
        #expect(keys[2] != keys[3])
        #expect(Set(resolve.map(\.idempotencyKey)).count == 2, "each resolve is its own delivery")
    }

    @Test("A Opsgenie alias is at most 512 characters and is percent-encoded in the action path",
          arguments: ["database", "db team/with spaces?&", String(repeating: "é", count: 300)])
    func opsgenieAlias(_ target: String) {
        let create = Fixture.requests(Fixture.opsgenie, Fixture.notice(.page(target: target, reason: "r")))
        let close = Fixture.requests(Fixture.opsgenie, Fixture.notice(.acknowledged(target: target, by: "Bo")))
        let alias = create.first.flatMap { Fixture.json($0)["alias"]?.stringValue } ?? ""
        #expect(alias.count <= 512 && !alias.isEmpty)
        #expect(close.first?.url == "https://api.eu.opsgenie.com/v2/alerts/\(URLPath.encode(alias))/acknowledge?identifierType=alias")
        #expect(close.first?.url.dropFirst(8).contains(" ") == false)
    }
}
