// libFuzzer target `command`: the war room's input line. The input is split at NUL bytes into up
// to eight lines, typed one after another (a minute apart) into each of three scripted incidents
// (just declared; twelve minutes into a SEV1 outage; resolved). Each line goes through
// `SlashCommands.parse`; a `.record(command, at)` goes through `Incident.record` (which calls
// `Incident.decide`), its events are folded onto the state, and the rules are evaluated on the
// result. Refusals (`InputError`, `CommandError`) are expected and have their messages formatted;
// nothing may trap.
//
// Built by Fuzz/run (swiftc -sanitize=fuzzer,address), not by SwiftPM.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WarRoomCore
import WarRoomScreen
import WarRoomUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let lines = bytes.split(separator: 0, maxSplits: 7, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    for fixture in Fixtures.all {
        var state = fixture.state
        var now = fixture.now
        var nextID = 1_000
        for line in lines {
            now = now + .minutes(1)
            // Any line as a search: its terms, the query the store would run, a snippet of it.
            let typed = SearchQuery(line)
            require(typed.terms.allSatisfy { !$0.isEmpty }, "an empty search term from \(escaped(line))")
            _ = typed.fts5
            _ = SearchQuery.oneLine(typed.snippet(of: line + "\n" + state.title, width: 40))
            let action: InputAction
            do {
                action = try SlashCommands.parse(line, context: InputContext(state: state, now: now, proposals: Fixtures.proposals,
                                                                               knownCauses: ["config-push", "db/replica-lag", "dns"],
                                                                               links: Fixtures.links, runbooks: Fixtures.runbooks))
            } catch {
                require(!error.message.isEmpty, "an InputError without a message for \(escaped(line))")
                continue
            }
            switch action {
            case .record(let command, let at):
                // A link is recorded only to an incident of the store, never to a typo of one.
                if case .link(let link) = command {
                    require(Fixtures.links.known.contains(link.other) || link.other == state.id,
                            "/link recorded \(escaped(link.other)), not an incident of the store, from \(escaped(line))")
                }
                // A tag is recorded only as `CauseTag` spells it: never a typo of a tag in use.
                if case .tagCause(let tag, let remove) = command {
                    require(CauseTag.isValid(tag), "/cause let \(escaped(tag)) through from \(escaped(line))")
                    require(remove || String(line.trimmingSpaces).lowercased().hasPrefix("/cause!") || CauseTag.likelyMeant(tag, known: ["config-push", "db/replica-lag", "dns"]) == nil,
                            "/cause recorded \(escaped(tag)), a likely typo, from \(escaped(line))")
                }
                do {
                    let events = try Incident.record(command, incident: state.id, state: state, author: "fuzz",
                                                     at: at ?? now, now: now, policy: .standard,
                                                     makeID: { defer { nextID += 1 }; return Fixtures.id(nextID) })
                    guard let folded = IncidentState.fold(events, onto: state) else {
                        require(false, "fold dropped the incident after \(escaped(line))")
                        return 0
                    }
                    state = folded
                    evaluateRules(state, now: now)
                } catch {
                    require(!"\(error)".isEmpty, "a CommandError without a message for \(escaped(line))")
                }
            case .filter(let filter):
                if let filter {
                    _ = filter.summary
                    _ = state.timeline.filter(filter.matches)
                }
            case .decideProposal(let decision):
                // Only a waiting proposal is ever named, and a dismissal always says why.
                switch decision {
                case .accept(let label):
                    require(Fixtures.proposals.contains { $0.label == label }, "/accept named \(label) after \(escaped(line))")
                case .dismiss(let label, let reason):
                    require(Fixtures.proposals.contains { $0.label == label } && !reason.allSatisfy(\.isWhitespace),
                            "/dismiss \(label) '\(reason)' after \(escaped(line))")
                }
            case .search(let query):
                require(!query.isEmpty && query.requireAll, "/search with nothing to find after \(escaped(line))")
                _ = query.snippet(title: state.title, body: state.summary ?? "")
            case .openRunbook(let name):
                // `/runbook NAME` names a runbook of the folder, never a typo of one; linking it
                // goes through the core as the war room records it.
                guard let name else { break }
                require(Fixtures.runbooks.names.contains(name), "/runbook named \(escaped(name)), not a runbook of the folder, from \(escaped(line))")
                do {
                    let events = try Incident.record(.useRunbook(RunbookUse(runbook: name, action: .linked)), incident: state.id,
                                                     state: state, author: "fuzz", at: now, now: now, policy: .standard,
                                                     makeID: { defer { nextID += 1 }; return Fixtures.id(nextID) })
                    if let folded = IncidentState.fold(events, onto: state) { state = folded }
                } catch {
                    require(!"\(error)".isEmpty, "a CommandError without a message for \(escaped(line))")
                }
            case .showHelp, .quit, .follow, .composeUpdate, .showIncidents:
                break
            }
        }
    }
    return 0
}

// MARK: - Fixtures

struct Fixture: Sendable {
    var state: IncidentState
    var now: Timestamp
}

enum Fixtures {
    static let t0 = Timestamp(millis: 1_795_874_400_000) // 2026-11-28T14:00:00Z

    /// One proposal waiting (P2), for `/accept` and `/dismiss`.
    /// The store's incidents and links as `/link` checks them: INC-5 a child of INC-1, INC-6 a
    /// duplicate of INC-2.
    static let links = LinkFacts(graph: LinkGraph(["INC-5": [IncidentLink(other: "INC-1", kind: .parent)],
                                                   "INC-6": [IncidentLink(other: "INC-2", kind: .duplicate)]]),
                                 known: (1...9).map { "INC-\($0)" })

    /// The runbook folder `/runbook NAME` looks names up in.
    static let runbooks = RunbookLibrary([
        Runbook(name: "checkout-high-error-rate", file: "checkout-high-error-rate.md"),
        Runbook(name: "KubePodCrashLooping", file: "KubePodCrashLooping.md"),
        Runbook(name: "db-failover", file: "db-failover.md"),
    ])

    static let proposals = [Proposal(
        number: 2, openingID: id(9_000), proposedBy: "alerts", title: "SearchIndexLag on search", severity: .sev3, service: "search",
        summary: nil, openedAt: t0, alerts: [ProposalAlert(name: "SearchIndexLag", firing: true, at: t0,
                                                           entry: Entry(kind: .finding, text: "Alert firing: SearchIndexLag"))],
        state: .open)]

    static func id(_ n: Int) -> UUID {
        UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)))
    }

    static let all: [Fixture] = {
        var fresh = Script()
        fresh.run(.declare(Declaration(title: "Login latency", severity: .sev3)))

        var outage = Script()
        outage.run(.declare(Declaration(title: "Checkout API returning 500s", severity: .sev2, service: "checkout-api",
                                        impactStartedAt: t0 - .minutes(6), detectedAt: t0 - .minutes(2))))
        outage.run(.log(Entry(kind: .finding, text: "Alert fired: API error rate > 5%", tags: [.detection])), at: t0 - .minutes(2))
        outage.run(.assignRole(.commander, person: "alice"))
        outage.advance(.minutes(1))
        outage.run(.assignRole(.scribe, person: "carol"), by: "carol")
        outage.run(.assignRole(.tech, person: "bob"))
        outage.advance(.minutes(2))
        outage.run(.recordImpact(ImpactReport(usersAffectedPercent: 30, customerReported: true, payingAccounts: true)), by: "carol")
        outage.run(.openHypothesis(text: "Bad config deploy at 13:55", owner: "bob", timebox: nil), by: "bob")
        outage.advance(.minutes(3))
        outage.run(.log(Entry(kind: .action, text: "Rolling back config to v41")), by: "bob")
        outage.run(.openHypothesis(text: "Payment provider latency", owner: "dan", timebox: .minutes(10)), by: "carol")
        outage.advance(.minutes(4))
        outage.run(.setSeverity(.sev1, reason: "error rate 40% and climbing"))
        outage.run(.log(Entry(kind: .decision, text: "Freeze all deploys until resolved")))
        outage.advance(.minutes(2))
        outage.run(.log(Entry(kind: .note, text: "日本語 support tickets arriving 👩‍💻")), by: "carol")

        var resolved = outage
        resolved.run(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: "v42 broke it", markIdentified: true))
        resolved.run(.setStatus(.status(.monitoring), reason: "rolled back", force: false))
        resolved.advance(.minutes(20))
        resolved.run(.setStatus(.status(.resolved), reason: "error rate normal", force: false))

        return [fresh, outage, resolved].compactMap { script in script.state.map { Fixture(state: $0, now: script.now) } }
    }()
}

/// Builds a fixture the way the war room records commands; a refused step is a harness bug.
struct Script {
    var state: IncidentState?
    var now = Fixtures.t0
    var next = 1

    mutating func run(_ command: Command, by author: String = "alice", at: Timestamp? = nil) {
        var counter = next
        do {
            let events = try Incident.record(command, incident: "INC-7", state: state, author: author, at: at ?? now,
                                             now: now, policy: .standard,
                                             makeID: { defer { counter += 1 }; return Fixtures.id(counter) })
            state = IncidentState.fold(events, onto: state)
        } catch {
            require(false, "fixture command refused: \(error)")
        }
        next = counter
    }

    mutating func advance(_ span: TimeSpan) { now = now + span }
}

// MARK: - Support

func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        fputs("fuzz invariant violated: \(message())\n", stderr)
        fflush(stderr)
        abort()
    }
}

func escaped(_ text: String) -> String {
    String(text.prefix(200).unicodeScalars.map { $0.escaped(asASCII: true) }.joined())
}
