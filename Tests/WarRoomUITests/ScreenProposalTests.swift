import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// Incidents alerts proposed, in the war room of another incident: a warning line in the strip
/// that says how to decide, and `/accept` and `/dismiss`, checked against what waits.
@Suite("Screen and input: proposed incidents")
struct ScreenProposalTests {
    static func proposal(_ number: Int, title: String, alerts: Int = 1, resolved: Int = 0, state: Proposal.State = .open) -> Proposal {
        let firing = (0..<alerts).map { n in
            ProposalAlert(name: "A\(n)", firing: true, at: t0 - .minutes(10), entry: Entry(kind: .finding, text: "Alert firing: A\(n)",
                          alert: AlertSource(key: "k\(number)-\(n)", format: "alertmanager", startsAt: t0 - .minutes(10))))
        }
        let ended = (0..<resolved).map { n in
            ProposalAlert(name: "A\(n)", firing: false, at: t0, entry: Entry(kind: .finding, text: "Alert resolved: A\(n)"))
        }
        return Proposal(number: number, openingID: testID(900 + number), proposedBy: "alerts", title: title, severity: .sev3,
                        service: "search", summary: nil, openedAt: t0 - .minutes(9), alerts: firing + ended, state: state)
    }

    static func model(_ proposals: [Proposal], width: Int = 80, height: Int = 24) -> WarRoomModel {
        var s = Scenario.declared(.sev2, title: "Checkout errors")
        s.must(.assignRole(.commander, person: "alice"))
        var model = WarRoomModel(incident: s.s, policy: .standard, now: t0 + .minutes(2), author: "alice", width: width, height: height)
        _ = model.update(.proposals(proposals))
        return model
    }

    @Test("One waiting proposal: a warning line naming it, its level, alerts and how to decide", arguments: [(80, 24), (120, 40)])
    func oneWaiting(_ size: (Int, Int)) {
        let model = Self.model([Self.proposal(2, title: "SearchIndexLag on search", alerts: 2, resolved: 1)], width: size.0, height: size.1)
        let lines = WarRoomView.render(model).grid.lines
        let strip = lines.prefix(8).joined(separator: "\n")
        #expect(strip.contains("P2"), "\(strip)")
        if size.0 >= 120 {
            #expect(strip.contains("P2 proposed by alerts — /accept P2 or /dismiss P2 WHY: SEV3 SearchIndexLag on search (2 alerts"),
                    "\(strip)")
        } else {
            #expect(strip.contains("P2 proposed: /accept P2 or /dismiss"), "the way out is never cut:\n\(strip)")
        }
        #expect(model.alerts.first { $0.subject == .proposal(2) }?.message
                == "P2 proposed by alerts — /accept P2 or /dismiss P2 WHY: SEV3 SearchIndexLag on search (2 alerts, 1 resolved, since 13:50:00)")
        #expect(model.alerts.contains { $0.subject == .proposal(2) && $0.level == .warning })
    }

    @Test("Decided proposals are not shown; several waiting share one line")
    func decidedAndSeveral() {
        let accepted = Self.proposal(1, title: "Old", state: .accepted(incident: "INC-4", by: "bob", at: t0))
        #expect(!Self.model([accepted]).alerts.contains { if case .proposal = $0.subject { true } else { false } })
        let model = Self.model([accepted, Self.proposal(2, title: "B"), Self.proposal(3, title: "C")], width: 120, height: 40)
        let strip = WarRoomView.render(model).grid.lines.prefix(8).joined(separator: "\n")
        #expect(strip.contains("2 incidents proposed by alerts (P2, P3) — /accept or /dismiss each"), "\(strip)")
        #expect(!strip.contains("P1"), "\(strip)")
    }

    @Test("/accept and /dismiss name a waiting proposal (P2, p2, 2); anything else is refused with what waits, nothing sent")
    func parsing() throws {
        let context = InputContext(state: Scenario.declared(.sev2).s, now: t0, proposals: [Self.proposal(2, title: "B")])
        #expect(try SlashCommands.parse("/accept P2", context: context) == .decideProposal(.accept("P2")))
        #expect(try SlashCommands.parse("/accept 2", context: context) == .decideProposal(.accept("P2")))
        #expect(try SlashCommands.parse("/dismiss p2 flapping, not user-facing", context: context)
                == .decideProposal(.dismiss("P2", reason: "flapping, not user-facing")))
        let refusals: [(String, String)] = [
            ("/accept", "/accept needs a proposal: /accept P2 — waiting: P2"),
            ("/accept P3", "P3 is not waiting — waiting: P2"),
            ("/accept INC-2", "'INC-2' is not a proposal (P2, or 2) — waiting: P2"),
            ("/accept P0", "'P0' is not a proposal (P2, or 2) — waiting: P2"),
            ("/dismiss P2", "/dismiss P2 needs a reason"),
        ]
        for (line, message) in refusals {
            #expect(throws: InputError.self, "\(line)") { try SlashCommands.parse(line, context: context) }
            do {
                _ = try SlashCommands.parse(line, context: context)
            } catch {
                #expect(error.description.hasPrefix(message), "\(line): \(error.description)")
            }
        }
        let none = InputContext(state: Scenario.declared(.sev2).s, now: t0)
        do {
            _ = try SlashCommands.parse("/accept P1", context: none)
            Issue.record("accepted with nothing waiting")
        } catch {
            #expect(error.description.contains("no proposal is waiting"), "\(error.description)")
        }
    }

    @Test("A decision takes the line and asks the runtime; a refusal puts the text back; a wall display decides nothing")
    func decisionEffects() {
        var model = Self.model([Self.proposal(2, title: "B")])
        for key in "/accept P2" { _ = model.update(.input(.key(.character(key)))) }
        let effects = model.update(.input(.key(.enter)))
        #expect(effects.contains(.decideProposal(.accept("P2"), source: .line("/accept P2"))), "\(effects)")
        #expect(model.input.isEmpty)
        _ = model.update(.recordFailed("P2 was dismissed by bob at 14:00:00 (noise); nothing was written", source: .line("/accept P2")))
        #expect(model.input.text == "/accept P2")
        #expect(model.notice?.text.contains("dismissed by bob") == true)
        _ = model.update(.proposalDecided("INC-5 declared from P2"))
        #expect(model.notice?.text == "INC-5 declared from P2")

        var wall = Self.model([Self.proposal(2, title: "B")])
        wall.readOnly = true
        #expect(wall.alerts.contains { $0.subject == .proposal(2) }, "a wall display still shows what waits")
    }
}
