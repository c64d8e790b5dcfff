import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomReports
import WarRoomStore
import WarRoomText

/// `warroom link [INCIDENT KIND] [--remove]`: how this incident stands to others (related, a
/// duplicate, caused by, parent, child), checked against the links every incident records.
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "link")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The other incident (INC-4, or 4); none: list the links.", valueName: "incident")) var other: String?
    @Argument(help: ArgumentHelp("What it is to this one: \(LinkKind.usage).", valueName: "kind")) var kind: String?
    @Flag(help: "Take the link to INCIDENT off.") var remove = false
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func validate() throws {
        if other == nil, remove { throw ValidationError("--remove needs the INCIDENT whose link to take off") }
        if remove, kind != nil { throw ValidationError("--remove takes no KIND: `warroom link \(other ?? "INC-N") --remove`") }
        if let other, kind == nil, !remove {
            throw ValidationError("say what \(other) is to this incident: `warroom link \(other) KIND`, KIND one of \(LinkKind.usage)")
        }
    }

    func run() throws {
        let session = try Session(global)
        let id = try session.resolveIncident(global.incident)
        let graph = try IncidentLinks.graph(in: session.store)
        guard let other else { return try list(session, id, graph: graph) }
        let known = try session.store.incidents().map(\.id)
        let command: Command
        if remove {
            let target = (try? IncidentIDRule.normalized(other)) ?? other
            if let problem = graph.removalProblem(of: target, from: id) { throw problem }
            command = .unlink(target)
        } else {
            let target: IncidentID
            do { target = try IncidentIDRule.normalized(other) } catch { throw UserFacingError(error.description) }
            let link = IncidentLink(other: target, kind: try LinkKind.parse(kind ?? ""))
            if let problem = graph.problem(linking: link, from: id, known: known) { throw problem }
            command = .link(link)
        }
        let (state, written) = try session.record(incident: id, at: try at.resolve(now: session.now)) { _ in command }
        Recording.confirm(state, written, json: output.json, now: session.now)
        guard !output.json, !remove, case .link(let link) = command else { return }
        let after = graph.with(id, links: state.links)
        let related = try IncidentLinks.related(to: id, graph: after, known: known, in: session.store)
        for relation in after.relations(of: id) where relation.other == link.other {
            print("  " + LinkWording.line(relation, state: related[relation.other], policy: session.policy, now: session.now))
        }
    }

    /// Every link of the incident, from either end, with each other incident as it stands.
    private func list(_ session: Session, _ id: IncidentID, graph: LinkGraph) throws {
        let relations = graph.relations(of: id)
        let related = try IncidentLinks.related(to: id, graph: graph, in: session.store)
        if output.json {
            print(JSONValue.object([
                ("incident", .string(id)),
                ("links", .array(relations.map { relation in
                    var fields: [(String, JSONValue)] = [
                        ("incident", .string(relation.other)), ("relation", .string(relation.view.rawValue)),
                        ("phrase", .string(relation.view.phrase)), ("recordedOn", .string(relation.recordedOn)),
                    ]
                    if let state = related[relation.other] {
                        let next = LinkWording.nextUpdate(state, policy: session.policy, now: session.now)
                        fields += [("title", .string(state.title)), ("severity", .string(state.severity.label)),
                                   ("status", .string(state.status.rawValue)), ("nextUpdate", .string(next.text)),
                                   ("updateOverdue", .bool(next.overdue))]
                    }
                    return .object(fields)
                })),
            ]).rendered())
            return
        }
        guard !relations.isEmpty else {
            return print("\(id) is linked to no incident: `warroom link INC-N KIND` links one (\(LinkKind.usage))")
        }
        print("\(id) is:")
        for relation in relations {
            print("  " + LinkWording.line(relation, state: related[relation.other], policy: session.policy, now: session.now))
        }
    }
}
