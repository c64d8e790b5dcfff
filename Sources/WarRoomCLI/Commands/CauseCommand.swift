import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomStore
import WarRoomText

/// `warroom postmortem cause [TAG] [--remove] [--new]`: the incident's root causes as tags, checked
/// against the tags other incidents carry so a typo never hides a repeat.
struct CauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "postmortem cause")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The cause tag (config-push, db/replica-lag); none: list the tags.", valueName: "tag")) var tag: String?
    @Flag(help: "Take the tag off instead.") var remove = false
    @Flag(name: .customLong("new"), help: "Record a tag no incident uses yet even when it is close to one in use.") var isNew = false
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func validate() throws {
        if tag == nil, remove || isNew { throw ValidationError("--remove and --new need a TAG") }
        if remove, isNew { throw ValidationError("--remove and --new do not go together: --new is for a tag being put on") }
    }

    func run() throws {
        let session = try Session(global)
        let id = try session.resolveIncident(global.incident)
        let known = try KnownCauses.tags(in: session.store, except: id)
        guard let tag else { return try list(session, id, known: known) }
        let (state, written) = try session.record(incident: id, at: try at.resolve(now: session.now)) { _ in
            let normalized = try CauseTag.normalize(tag)
            if !remove, !isNew, let meant = CauseTag.likelyMeant(normalized, known: Array(known.keys)) {
                throw CommandError.newCauseTagNearOld(tag: normalized, known: meant,
                                                      force: "repeat with --new (`warroom postmortem cause \(normalized) --new`)")
            }
            return .tagCause(normalized, remove: remove)
        }
        Recording.confirm(state, written, json: output.json, now: session.now)
        guard !output.json, !remove else { return }
        if let added = state.postmortem.causes.last, known[added] == nil {
            print("\(Sanitizer.clean(added)) is a new cause tag: no other incident carries it yet")
        }
        for match in try KnownCauses.repeats(of: state, in: session.store) {
            print(RepeatText.line(match, start: state.declaredAt))
        }
    }

    /// The incident's tags and repeats, then the tags other incidents carry, most used first.
    private func list(_ session: Session, _ id: IncidentID, known: [String: [IncidentID]]) throws {
        let (state, _) = try session.load(id)
        let repeats = try KnownCauses.repeats(of: state, in: session.store)
        if output.json {
            print(JSONValue.object([
                ("incident", .string(id)), ("causes", .array(state.postmortem.causes.map { .string($0) })),
                ("repeats", .array(repeats.map { RepeatText.json($0, start: state.declaredAt) })),
                ("known", .array(RepeatText.ranked(known).map { tag, ids in
                    .object([("tag", .string(tag)), ("incidents", .array(ids.map { .string($0) }))])
                })),
            ]).rendered())
            return
        }
        print(state.postmortem.causes.isEmpty ? "\(id) has no cause tag: `warroom postmortem cause TAG` puts one on"
              : "\(id) cause tags: " + state.postmortem.causes.map { Sanitizer.clean($0) }.joined(separator: ", "))
        for match in repeats { print(RepeatText.line(match, start: state.declaredAt)) }
        let ranked = RepeatText.ranked(known)
        guard !ranked.isEmpty else { return print("No other incident carries a cause tag yet.") }
        print("Tags in use:")
        for (tag, ids) in ranked.prefix(30) {
            print("  \(Sanitizer.clean(tag))  \(ids.count) incident\(ids.count == 1 ? "" : "s") (\(ids.suffix(3).joined(separator: ", ")))")
        }
        if ranked.count > 30 { print("  … and \(ranked.count - 30) more (--json lists them all)") }
    }
}

/// How a repeat is said, in the CLI's lines and JSON.
enum RepeatText {
    /// `Repeat of INC-3 (cause config-push): action item INC-3:2 is still open, 4 days past due: "Validate configs"`.
    static func line(_ match: RepeatMatch, start: Timestamp) -> String {
        let items = match.unfinished.prefix(3).map { item in
            let late = RepeatMatch.isLate(item, at: start) ? ", late" : ""
            return "\(match.earlier):\(item.number) \"\(item.text)\" (\(item.owner), due \(item.due.dateOnly)\(late))"
        }
        let more = match.unfinished.count > 3 ? " and \(match.unfinished.count - 3) more" : ""
        return Sanitizer.clean("Repeat of \(match.earlier) \"\(match.title)\" (\(match.shared)): "
            + "not done when this incident began: " + items.joined(separator: "; ") + more)
    }

    static func json(_ match: RepeatMatch, start: Timestamp) -> JSONValue {
        .object([("earlier", .string(match.earlier)), ("title", .string(match.title)),
                 ("causes", .array(match.causes.map { .string($0) })), ("fingerprints", .array(match.fingerprints.map { .string($0) })),
                 ("unfinished", .array(match.unfinished.map { item in
                     .object([("item", .string("\(match.earlier):\(item.number)")), ("text", .string(item.text)),
                              ("owner", .string(item.owner)), ("due", .string(item.due.dateOnly)),
                              ("late", .bool(RepeatMatch.isLate(item, at: start)))])
                 }))])
    }

    /// Tags most used first, then by name.
    static func ranked(_ known: [String: [IncidentID]]) -> [(String, [IncidentID])] {
        known.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
    }
}
