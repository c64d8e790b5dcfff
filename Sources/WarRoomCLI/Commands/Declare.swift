import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomStore
import WarRoomText

struct Declare: ParsableCommand {
    static let configuration = CommandConfiguration(table: "declare")

    @OptionGroup var global: GlobalOptions
    @Option(help: "What is wrong, in a few words.") var title: String
    @Option(help: "How severe (SEV2, sev2 or 2).") var severity: Severity
    @Option(help: "A sentence or two on the impact.") var summary: String?
    @Option(help: "The affected service.") var service: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When user impact began.", valueName: "time")) var startedAt: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When the problem was detected (default: the declaration time).", valueName: "time"))
    var detectedAt: String?
    @Flag(help: "A drill (a game day, a rehearsal): run like an incident, shown as DRILL, left out of every report.")
    var drill = false
    @OptionGroup var commanderOptions: CommanderOptions
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global)
        let when = try at.resolve(now: session.now)
        let declaration = Declaration(
            title: title, severity: severity, summary: summary, service: service,
            impactStartedAt: try startedAt.map { try TimeExpression.parse($0, now: session.now) },
            detectedAt: try detectedAt.map { try TimeExpression.parse($0, now: session.now) }, isDrill: drill)
        let commander = try commanderOptions.commander(author: session.author)
        let (state, _) = try session.declare(declaration, at: when, commander: commander)
        if output.json {
            print(StateJSON.render(state, policy: session.policy, now: session.now).rendered())
        } else {
            print(state.id)
        }
        SimilarText.tell(state, session: session)
    }
}

/// The similar past incidents of a new one, on stderr (stdout keeps the id alone, for scripts).
enum SimilarText {
    /// Says the similar incidents, if any; a store that cannot be searched says nothing here (the
    /// incident is declared, and that is what matters now).
    static func tell(_ state: IncidentState, session: Session) {
        guard let similar = try? SimilarIncident.find(for: state, in: session.store, now: session.now), !similar.isEmpty else { return }
        try? FileHandle.standardError.write(contentsOf: Data(text(similar, for: state.id, now: session.now).utf8))
    }

    /// The war room's opening notice for a new incident like past ones: the most similar, its
    /// cause and open items, and how to see the others.
    static func notice(_ state: IncidentState, session: Session) -> String? {
        guard let similar = try? SimilarIncident.find(for: state, in: session.store, now: session.now), let first = similar.first else { return nil }
        let open = first.openActionItems.count
        let others = similar.count > 1 ? " and \(similar.count - 1) more" : ""
        return "Like \(first.hit.incident)\(others): \(first.hit.title) (\(first.sharedAlert ? "same alert; " : "")cause: \(first.cause ?? "not recorded")"
            + (open == 0 ? "" : "; \(open) open action item\(open == 1 ? "" : "s")") + ") — /search to look further"
    }

    static func text(_ similar: [SimilarIncident], for incident: IncidentID, now: Timestamp) -> String {
        var text = "warroom: \(incident) looks like \(similar.count == 1 ? "a past incident" : "past incidents") "
            + "(warroom show \(similar[0].hit.incident) reads one):\n"
        for item in similar {
            let hit = item.hit
            text += "  \(hit.incident)  \(hit.severity.label)  \(hit.status.rawValue)  \(hit.declaredAt.dateOnly)"
                + (hit.service.map { "  " + Sanitizer.clean($0) } ?? "") + "  \(Sanitizer.clean(hit.title))\n"
            var facts: [String] = []
            if item.sharedAlert { facts.append("same alert") }
            facts.append("cause: " + (item.cause.map { Sanitizer.clean($0) } ?? "not recorded"))
            if let runbook = item.runbook { facts.append("runbook: " + Sanitizer.clean(runbook)) }
            if item.openActionItems.isEmpty {
                facts.append("no open action item")
            } else {
                let items = item.openActionItems.prefix(3).map { action in
                    "#\(action.number) \(Sanitizer.clean(action.text)) (\(Sanitizer.clean(action.owner)), due \(action.due.dateOnly)"
                        + (action.due < now ? ", overdue)" : ")")
                }
                let more = item.openActionItems.count > 3 ? " and \(item.openActionItems.count - 3) more" : ""
                facts.append("open action item\(item.openActionItems.count == 1 ? "" : "s"): " + items.joined(separator: "; ") + more)
            }
            text += "      " + facts.joined(separator: " · ") + "\n"
        }
        return text
    }
}

/// `--ic NAME` / `--no-ic`: who commands a new incident (`declare`, `proposals accept`).
struct CommanderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who is Incident Commander (default: you, the author).", valueName: "name"))
    var ic: String?
    @Flag(help: "Declare without an Incident Commander for now.") var noIc = false

    func validate() throws {
        if ic != nil && noIc {
            throw ValidationError("--ic and --no-ic contradict each other: give one of them (or neither: you are IC)")
        }
    }

    /// The commander: `--ic`'s name, nobody with `--no-ic`, else `author`; refused when blank.
    func commander(author: String) throws -> String? {
        let commander = noIc ? nil : (ic ?? author)
        if let commander, commander.allSatisfy(\.isWhitespace) {
            throw UserFacingError("--ic needs a name: --ic alice, or --no-ic to declare without an Incident Commander")
        }
        return commander
    }
}
