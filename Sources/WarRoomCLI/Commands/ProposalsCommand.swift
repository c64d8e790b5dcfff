import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomStore
import WarRoomText

/// `warroom proposals …`: the incidents alerts proposed, waiting for the IC.
struct ProposalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        table: "proposals", subcommands: [ProposalsList.self, ProposalsAccept.self, ProposalsDismiss.self],
        defaultSubcommand: ProposalsList.self)
}

/// `warroom proposals list [--all] [--json]`.
struct ProposalsList: ParsableCommand {
    static let configuration = CommandConfiguration(table: "proposals list")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Accepted and dismissed proposals too.") var all = false
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global, readOnly: true)
        let (inbox, read) = try session.store.proposalInbox()
        let shown = all ? inbox.proposals : inbox.open
        for bad in read.unreadable {
            try? FileHandle.standardError.write(contentsOf: Data(
                "warroom: inbox event \(bad.sequence) cannot be read and is left out: \(Sanitizer.clean(bad.reason))\n".utf8))
        }
        if output.json {
            print(JSONValue.array(shown.map { ProposalText.json($0) }).rendered())
            return
        }
        guard !shown.isEmpty else {
            let decided = inbox.proposals.count
            print(all || decided == 0 ? "No proposals: no alert has proposed an incident."
                  : "No proposal is waiting (\(decided) decided: --all lists them).")
            return
        }
        for proposal in shown { print(ProposalText.line(proposal, now: session.now)) }
        if !all, shown.contains(where: \.isOpen) {
            print("Accept one: warroom proposals accept \(shown[0].label) · dismiss it: warroom proposals dismiss \(shown[0].label) --reason TEXT")
        }
    }
}

/// `warroom proposals accept P3 [--ic NAME | --no-ic]`.
struct ProposalsAccept: ParsableCommand {
    static let configuration = CommandConfiguration(table: "proposals accept")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The proposal: P3, or 3, as `warroom proposals` lists it.") var proposal: String
    @OptionGroup var commanderOptions: CommanderOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global)
        let commander = try commanderOptions.commander(author: session.author)
        let accepted = try session.store.acceptProposal(proposal, author: session.author, now: session.now, policy: session.policy,
                                                        commander: commander, routing: session.routing)
        if output.json {
            guard let state = try? session.load(accepted.incident).0 else {
                print(JSONValue.object([("incident", .string(accepted.incident))]).rendered())
                return
            }
            print(StateJSON.render(state, policy: session.policy, now: session.now).rendered())
        } else {
            print("\(accepted.incident) declared from \(accepted.proposal.label): \(Sanitizer.clean(accepted.proposal.title)) "
                  + "(\(accepted.proposal.severity.label), \(accepted.proposal.findingsPhrase)). "
                  + "Open it: warroom open \(accepted.incident)")
            // Declared from alerts: the past incidents that had them (or are like it), on stderr.
            if let state = try? session.load(accepted.incident).0 { SimilarText.tell(state, session: session) }
        }
        if let note = accepted.inboxNote {
            try? FileHandle.standardError.write(contentsOf: Data(("warroom: " + Sanitizer.clean(note) + "\n").utf8))
        }
    }
}

/// `warroom proposals dismiss P3 --reason TEXT`.
struct ProposalsDismiss: ParsableCommand {
    static let configuration = CommandConfiguration(table: "proposals dismiss")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The proposal: P3, or 3, as `warroom proposals` lists it.") var proposal: String
    @Option(help: "Why it is not an incident (required; kept in the record).") var reason: String?

    func run() throws {
        guard let reason, !reason.allSatisfy(\.isWhitespace) else {
            throw UserFacingError("proposals dismiss needs --reason TEXT: why \(proposal) is not an incident (it is kept in the record); nothing was dismissed")
        }
        let session = try Session(global)
        let dismissed = try session.store.dismissProposal(proposal, reason: reason, author: session.author, now: session.now)
        print("\(dismissed.label) dismissed: \(Sanitizer.clean(dismissed.title))")
    }
}

/// How proposals are worded, in lists, JSON and the war room's messages.
enum ProposalText {
    /// `2 alerts (1 resolved)`.
    static func alerts(_ proposal: Proposal) -> String {
        let firing = proposal.firingCount
        let resolved = proposal.resolvedCount
        return "\(firing) alert\(firing == 1 ? "" : "s")" + (resolved > 0 ? " (\(proposal.allResolved ? "all" : "\(resolved)") resolved)" : "")
    }

    /// `P2  SEV3  HighLatency on checkout  checkout  2 alerts  firing since 03:12 (14m ago)` and, decided, its outcome.
    static func line(_ proposal: Proposal, now: Timestamp) -> String {
        var parts = [proposal.label, proposal.severity.label, Sanitizer.clean(proposal.title)]
        if let service = proposal.service { parts.append("service " + Sanitizer.clean(service)) }
        parts.append(alerts(proposal))
        parts.append("since \(proposal.firingSince.clockTime) (\(now.since(proposal.firingSince).compact) ago)")
        switch proposal.state {
        case .open: break
        case .accepted(let incident, let by, let at): parts.append("accepted as \(incident) by \(Sanitizer.clean(by)) at \(at.clockTime)")
        case .dismissed(let reason, let by, let at):
            parts.append("dismissed by \(Sanitizer.clean(by)) at \(at.clockTime): \(Sanitizer.clean(reason))")
        }
        return parts.joined(separator: "  ")
    }

    static func json(_ proposal: Proposal) -> JSONValue {
        var state = "open", incident: String?, by: String?, at: String?, reason: String?
        switch proposal.state {
        case .open: break
        case .accepted(let id, let who, let when): state = "accepted"; incident = id; by = who; at = when.iso8601
        case .dismissed(let why, let who, let when): state = "dismissed"; reason = why; by = who; at = when.iso8601
        }
        return .object([
            ("proposal", .string(proposal.label)),
            ("severity", .string(proposal.severity.label)),
            ("title", .string(proposal.title)),
            ("service", .optional(proposal.service)),
            ("summary", .optional(proposal.summary)),
            ("firingSince", .string(proposal.firingSince.iso8601)),
            ("alerts", .array(proposal.alerts.map { alert in
                .object([("name", .string(alert.name)), ("status", .string(alert.firing ? "firing" : "resolved")),
                         ("at", .string(alert.at.iso8601)), ("key", .optional(alert.key)),
                         ("runbook", .optional(alert.entry.alert?.runbookURL)), ("link", .optional(alert.entry.alert?.link))])
            })),
            ("state", .string(state)),
            ("incident", .optional(incident)),
            ("by", .optional(by)),
            ("at", .optional(at)),
            ("reason", .optional(reason)),
        ])
    }
}
