import Foundation
import Testing
import WarRoomAlertIntake
import WarRoomAlerts
import WarRoomCore
import WarRoomStore
import WarRoomTestSupport

/// Alerts that propose incidents (a level the policy does not auto-declare), on both backends:
/// the store-wide inbox they wait in, how more alerts join them, and the IC's decisions.
@Suite struct ProposalTests {
    static let searchStart = Timestamp(iso8601: "2026-11-28T13:50:00Z")!

    /// An Alertmanager payload of one alert at `severity` on `service`.
    static func alert(_ name: String, service: String?, severity: String = "warning", status: String = "firing",
                      fingerprint: String, startsAt: String = "2026-11-28T13:50:00Z", endsAt: String = "0001-01-01T00:00:00Z") -> [UInt8] {
        let serviceLabel = service.map { #","service":"\#($0)""# } ?? ""
        return Array(#"""
            {"version":"4","status":"\#(status)","receiver":"warroom","groupKey":"{}:{alertname=\"\#(name)\"}",
             "alerts":[{"status":"\#(status)","labels":{"alertname":"\#(name)","severity":"\#(severity)"\#(serviceLabel)},
                        "annotations":{"summary":"\#(name) is high","runbook_url":"https://runbooks.example.com/\#(name)"},
                        "startsAt":"\#(startsAt)","endsAt":"\#(endsAt)","fingerprint":"\#(fingerprint)"}]}
            """#.utf8)
    }

    @Test("A warning that matches no incident waits as proposal P1, recorded (200) and durable; the same alert again, from any process, is a duplicate",
          arguments: Backend.all)
    func warningIsProposed(_ backend: Backend) throws {
        try backend.withStore { store, location throws in
            let answer = post(makeIntake(store), "/alertmanager", Fixture.bytes("alertmanager-warning.json"))
            #expect(answer.status == 200, "\(answer.message)")
            #expect(answer.alerts.map(\.outcome) == [.proposed("P1", .sev3, joined: false)])
            #expect(answer.message.contains("1 proposed"), "\(answer.message)")
            let body = String(decoding: answer.jsonBody, as: UTF8.self)
            #expect(body.contains(#""action":"proposed""#) && body.contains(#""proposal":"P1""#), "\(body)")
            #expect(try store.incidents().isEmpty, "a proposal is not an incident")

            let (inbox, read) = try location.open().proposalInbox()
            #expect(read.unreadable.isEmpty)
            let proposal = try #require(inbox.open.first)
            #expect(inbox.open.count == 1)
            #expect(proposal.label == "P1" && proposal.severity == .sev3 && proposal.service == "search")
            #expect(proposal.title == "SearchIndexLag on search" && proposal.summary == "indexer is 12 minutes behind")
            #expect(proposal.firingSince == Self.searchStart && proposal.proposedBy == "alerts")
            #expect(proposal.alerts.count == 1 && proposal.alerts[0].firing && proposal.alerts[0].entry.tags == [.detection])

            let again = post(makeIntake(store), "/alertmanager", Fixture.bytes("alertmanager-warning.json"))
            #expect(again.status == 200 && again.alerts.map(\.outcome) == [.duplicateProposal("P1")], "\(again.message)")
            let other = post(makeIntake(try location.open(), now: testNow + .minutes(3)), "/alertmanager",
                             Fixture.bytes("alertmanager-warning.json"))
            #expect(other.alerts.map(\.outcome) == [.duplicateProposal("P1")], "another receiver on the store sees the inbox")
            #expect(try store.inboxEvents(after: 0).events.count == 1)
        }
    }

    @Test("More alerts for the service join its open proposal (the most severe level wins); another service opens P2; a resolution shows on its proposal",
          arguments: Backend.all)
    func alertsJoin(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            let intake = makeIntake(store, policy: AlertPolicy(levels: ["warning": .sev3, "major": .sev2], autoDeclare: []))
            #expect(post(intake, "/alertmanager", Self.alert("QueueDepth", service: "Billing", fingerprint: "a1")).alerts.map(\.outcome)
                    == [.proposed("P1", .sev3, joined: false)])
            #expect(post(intake, "/alertmanager", Self.alert("WorkerErrors", service: " billing ", severity: "major", fingerprint: "a2"))
                .alerts.map(\.outcome) == [.proposed("P1", .sev2, joined: true)], "the same service, spelled otherwise")
            #expect(post(intake, "/alertmanager", Self.alert("DiskFull", service: "search", fingerprint: "b1")).alerts.map(\.outcome)
                    == [.proposed("P2", .sev3, joined: false)])
            #expect(post(intake, "/alertmanager", Self.alert("NoService", service: nil, fingerprint: "c1")).alerts.map(\.outcome)
                    == [.proposed("P3", .sev3, joined: false)], "an alert without a service joins nothing")
            let resolved = Self.alert("QueueDepth", service: "Billing", status: "resolved", fingerprint: "a1",
                                      endsAt: "2026-11-28T14:05:00Z")
            #expect(post(intake, "/alertmanager", resolved).alerts.map(\.outcome) == [.proposed("P1", .sev2, joined: true)],
                    "joined at the proposal's level")
            #expect(post(intake, "/alertmanager", resolved).alerts.map(\.outcome) == [.duplicateProposal("P1")])

            let inbox = try store.proposalInbox().inbox
            #expect(inbox.open.map(\.label) == ["P1", "P2", "P3"])
            let billing = try #require(inbox.proposal(1))
            #expect(billing.severity == .sev2, "raised by the major alert that joined")
            #expect(billing.alerts.map(\.name) == ["QueueDepth", "WorkerErrors", "QueueDepth"])
            #expect(billing.alerts.map(\.firing) == [true, true, false])
            #expect(billing.firingCount == 2 && billing.resolvedCount == 1 && !billing.allResolved)
            #expect(billing.alerts[2].at == Timestamp(iso8601: "2026-11-28T14:05:00Z"), "a resolution is dated when it ended")
        }
    }

    @Test("Accepting declares the incident: title, level, service, detected when the alert started, its alerts as findings with their keys; later deliveries of them attach to it",
          arguments: Backend.all)
    func acceptDeclares(_ backend: Backend) throws {
        try backend.withStore { store, location throws in
            let intake = makeIntake(store)
            _ = post(intake, "/alertmanager", Self.alert("QueueDepth", service: "billing", fingerprint: "a1"))
            _ = post(intake, "/alertmanager", Self.alert("WorkerErrors", service: "billing", fingerprint: "a2",
                                                         startsAt: "2026-11-28T13:55:00Z"))
            let now = testNow + .minutes(2)
            let accepted = try store.acceptProposal("p1", author: "carol", now: now, policy: .standard, commander: "carol")
            #expect(accepted.incident == "INC-1" && accepted.proposal.label == "P1" && accepted.inboxNote == nil)
            let incident = try #require(try incidents(store).first)
            #expect(incident.title == "QueueDepth on billing" && incident.severity == .sev3 && incident.service == "billing")
            #expect(incident.detectedAt == Self.searchStart && incident.impactStartedAt == Self.searchStart,
                    "time to detect counts from the first alert")
            #expect(incident.declaredAt == now && incident.roles[.commander]?.person == "carol")
            let findings = incident.timeline.filter { $0.kind == .finding }
            #expect(findings.count == 2 && findings.allSatisfy { $0.author == "alerts" && $0.tags == [.detection] })
            #expect(findings.map(\.at) == [Self.searchStart, Timestamp(iso8601: "2026-11-28T13:55:00Z")!])
            #expect(incident.alertKeys.count == 2)
            let inbox = try location.open().proposalInbox().inbox
            #expect(inbox.open.isEmpty)
            #expect(inbox.proposal(1)?.state == .accepted(incident: "INC-1", by: "carol", at: now))

            // The alert re-sent, and its resolution: on the incident now, not in the inbox.
            let later = makeIntake(try location.open(), now: testNow + .minutes(10))
            #expect(post(later, "/alertmanager", Self.alert("QueueDepth", service: "billing", fingerprint: "a1")).alerts.map(\.outcome)
                    == [.duplicate("INC-1")])
            let resolved = Self.alert("QueueDepth", service: "billing", status: "resolved", fingerprint: "a1", endsAt: "2026-11-28T14:15:00Z")
            #expect(post(later, "/alertmanager", resolved).alerts.map(\.outcome) == [.resolved("INC-1")])

            // Deciding again is refused, saying what happened.
            #expect { try store.acceptProposal("P1", author: "dave", now: now, policy: .standard) } throws: { error in
                "\(error)".contains("P1 was already accepted as INC-1 by carol") && "\(error)".contains("warroom open INC-1")
            }
            #expect { try store.dismissProposal("P1", reason: "dup", author: "dave", now: now) } throws: { error in
                "\(error)".contains("already accepted as INC-1")
            }
            #expect(try store.incidents().count == 1)
        }
    }

    @Test("An acceptance whose inbox write is lost (a crash, the server gone) declares nothing twice when tried again",
          arguments: Backend.all)
    func acceptRetried(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            _ = post(makeIntake(store), "/alertmanager", Fixture.bytes("alertmanager-warning.json"))
            let flaky = FlakyStore(store)
            flaky.failing = false
            flaky.failingInboxAppends = 1
            #expect(throws: StoreError.self) {
                try flaky.acceptProposal("P1", author: "carol", now: testNow, policy: .standard, commander: "carol")
            }
            #expect(try store.incidents().count == 1, "the declaration landed")
            #expect(try store.proposalInbox().inbox.open.count == 1, "the inbox did not hear of it")
            let retried = try flaky.acceptProposal("P1", author: "carol", now: testNow + .seconds(30), policy: .standard, commander: "carol")
            #expect(retried.incident == "INC-1")
            #expect(try store.incidents().count == 1, "declared once")
            #expect(try store.proposalInbox().inbox.proposal(1)?.state == .accepted(incident: "INC-1", by: "carol", at: testNow + .seconds(30)))
            // Another IC, in another process, at the same time: the same incident.
            #expect(throws: ProposalError.self) { try store.acceptProposal("P1", author: "dave", now: testNow, policy: .standard) }
        }
    }

    @Test("Dismissing needs a reason and keeps it; a dismissed proposal cannot be accepted; its alerts stay duplicates, a new alert opens a new proposal",
          arguments: Backend.all)
    func dismiss(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            let intake = makeIntake(store)
            _ = post(intake, "/alertmanager", Fixture.bytes("alertmanager-warning.json"))
            #expect(throws: ProposalError.emptyReason("P1")) { try store.dismissProposal("P1", reason: "  ", author: "carol", now: testNow) }
            #expect(throws: ProposalError.unknown("P2", open: ["P1"])) {
                try store.dismissProposal("P2", reason: "noise", author: "carol", now: testNow)
            }
            #expect(throws: ProposalError.notAReference("INC-1", open: ["P1"])) {
                try store.acceptProposal("INC-1", author: "carol", now: testNow, policy: .standard)
            }
            let dismissed = try store.dismissProposal("1", reason: "indexer catches up by itself", author: "carol", now: testNow)
            #expect(dismissed.label == "P1")
            let inbox = try store.proposalInbox().inbox
            #expect(inbox.proposal(1)?.state == .dismissed(reason: "indexer catches up by itself", by: "carol", at: testNow))
            #expect { try store.acceptProposal("P1", author: "dave", now: testNow, policy: .standard) } throws: { error in
                "\(error)".contains("dismissed by carol") && "\(error)".contains("(indexer catches up by itself)")
                    && "\(error)".contains("declare the incident by hand")
            }
            #expect(try store.incidents().isEmpty)
            #expect(post(intake, "/alertmanager", Fixture.bytes("alertmanager-warning.json")).alerts.map(\.outcome) == [.duplicateProposal("P1")])
            let resolved = Self.alert("SearchIndexLag", service: "search", status: "resolved", fingerprint: "0e8d61a7b3c2f945",
                                      endsAt: "2026-11-28T14:05:00Z")
            guard case .ignored? = post(intake, "/alertmanager", resolved).alerts.first?.outcome else {
                Issue.record("a resolution of a dismissed proposal's alert is ignored")
                return
            }
            #expect(post(intake, "/alertmanager", Self.alert("SearchDown", service: "search", fingerprint: "d9")).alerts.map(\.outcome)
                    == [.proposed("P2", .sev3, joined: false)], "a dismissed proposal takes no new alerts")
        }
    }

    @Test("A dry run proposes nothing; an alert from next year is refused before it can wait in the inbox")
    func dryRunAndBounds() throws {
        try Backend.sqlite.withStore { store, _ throws in
            let answer = makeIntake(store).receive(format: .alertmanager, headers: [], body: Fixture.bytes("alertmanager-warning.json"),
                                                   verified: true, dryRun: true)
            #expect(answer.alerts.map(\.outcome) == [.proposed("(new proposal)", .sev3, joined: false)], "\(answer.message)")
            #expect(answer.message.contains("would be proposed"), "\(answer.message)")
            #expect(try store.inboxEvents(after: 0).events.isEmpty)
            let future = post(makeIntake(store), "/alertmanager", Self.alert("Late", service: "x", fingerprint: "f", startsAt: "2027-11-28T13:57:30Z"))
            #expect(future.status == 422, "\(future.message)")
            #expect(try store.inboxEvents(after: 0).events.isEmpty)
        }
    }

    @Test("An inbox row that does not decode (a newer warroom's) hides only itself", arguments: Backend.all)
    func unreadableRow(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            _ = post(makeIntake(store), "/alertmanager", Fixture.bytes("alertmanager-warning.json"))
            // A whole event of a type this warroom does not know.
            let known = try #require(try store.inboxEvents(after: 0).events.first).event
            var newer = known
            newer.id = UUID()
            let body = String(decoding: try JSONEncoder().encode(newer), as: UTF8.self)
                .replacingOccurrences(of: "proposal.opened", with: "proposal.merged").replacingOccurrences(of: "'", with: "''")
            let row = "(2, '\(newer.id.uuidString.lowercased())', 0, 0, 'x', 'proposal.merged', '\(body)')"
            if let sqlite = store as? SQLiteEventStore {
                try sqlite.executeRawSQL("INSERT INTO inbox (seq, id, at, recorded_at, author, type, body) VALUES \(row)")
            } else if let postgres = store as? PostgresEventStore {
                try postgres.executeRawSQL("INSERT INTO inbox (seq, id, at, recorded_at, author, type, body) VALUES \(row)")
            }
            let (inbox, read) = try store.proposalInbox()
            #expect(inbox.open.map(\.label) == ["P1"])
            #expect(read.unreadable.map(\.sequence) == [2] && read.last == 2)
            #expect(read.unreadable.first?.reason.contains("proposal.merged") == true, "\(read.unreadable)")
            // And the next write goes after it.
            _ = try store.dismissProposal("P1", reason: "noise", author: "carol", now: testNow)
            #expect(try store.inboxEvents(after: 2).events.map(\.sequence) == [3])
        }
    }
}
