import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomText

struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(
        table: "actions", subcommands: [ListOpen.self, Start.self, Done.self, Drop.self, Reopen.self], defaultSubcommand: ListOpen.self)

    struct ListOpen: ParsableCommand {
        static let configuration = CommandConfiguration(table: "actions list")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this owner's items.") var owner: String?
        @Flag(help: "Only items past their due date.") var overdue = false
        @Flag(help: "Include done and dropped items.") var all = false
        @OptionGroup var output: JSONFlag

        func run() throws {
            let session = try Session(global, readOnly: true)
            let states = try session.allIncidents().map(\.0)
            let everything = states.flatMap { state in state.postmortem.actionItems.map { (state.id, $0) } }
            let mine = everything.filter { _, item in
                owner.map { item.owner.caseInsensitiveCompare($0) == .orderedSame } ?? true
            }
            let shown = mine.filter { _, item in
                (all || item.isOpen) && (!overdue || item.isOverdue(at: session.now))
            }
            // The method's 90% counts items that fell due or were done; a dropped item was decided
            // against, not missed, so it counts neither for nor against.
            let due = everything.filter { !$0.1.isDropped && ($0.1.due + .hours(24) <= session.now || $0.1.isDone) }
            let onTime = due.filter { $0.1.doneOnTime }.count
            let rate = due.isEmpty ? nil : Double(onTime) / Double(due.count)
            if output.json {
                let items = shown.map { id, item in Actions.json(id, item, now: session.now) }
                print(JSONValue.object([
                    ("items", .array(items)),
                    ("completedOnTimeShare", rate.map(JSONValue.double) ?? .null),
                    ("dueCount", .number(Int64(due.count))),
                ]).rendered())
                return
            }
            if shown.isEmpty {
                let open = mine.filter { $0.1.isOpen }.count
                if all {
                    print("No action items.")
                } else if overdue && open > 0 {
                    print("No overdue action items (\(open) open).")
                } else {
                    print(overdue ? "No overdue action items (none open)." : "No open action items.")
                }
            }
            for (id, item) in shown { print(Actions.row(id, item, now: session.now)) }
            if let rate {
                let percent = Int((rate * 100).rounded())
                print("Completed by their due date: \(onTime) of \(due.count) (\(percent)%; the target is 90%)")
            }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(table: "actions start")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "INC-3:2, or the item number with --incident or one open incident.") var id: String
        @Option(help: "A note kept with the change.") var reason: String?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws { try Actions.move(id, to: .inProgress, reason: reason, global, at, output) }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(table: "actions done")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "INC-3:2, or the item number with --incident or one open incident.") var id: String
        @Option(help: "A note kept with the change.") var reason: String?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws { try Actions.move(id, to: .done, reason: reason, global, at, output) }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(table: "actions drop")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "INC-3:2, or the item number with --incident or one open incident.") var id: String
        @Option(help: "Why it is dropped (required; the post-mortem shows it).") var reason: String?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws { try Actions.move(id, to: .dropped, reason: reason, global, at, output) }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(table: "actions reopen")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "INC-3:2, or the item number with --incident or one open incident.") var id: String
        @Option(help: "A note kept with the change.") var reason: String?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws { try Actions.move(id, to: .notStarted, reason: reason, global, at, output) }
    }

    /// One action item for `--json`: `actions` and `postmortem action list` print the same shape.
    static func json(_ incident: IncidentID, _ item: ActionItem, now: Timestamp) -> JSONValue {
        .object([
            ("id", .string("\(incident):\(item.number)")), ("incident", .string(incident)), ("text", .string(item.text)),
            ("owner", .string(item.owner)), ("priority", .string(item.priority.rawValue)),
            ("due", .string(item.due.dateOnly)), ("done", item.doneAt.map { .string($0.iso8601) } ?? .null),
            ("status", .string(item.status.rawValue)), ("reason", .optional(item.statusReason)),
            ("overdue", .bool(item.isOverdue(at: now))),
        ])
    }

    /// Records the move of item `id` to `status`.
    static func move(_ id: String, to status: ActionItemStatus, reason: String?, _ global: GlobalOptions,
                     _ at: AtOption, _ output: JSONFlag) throws {
        let (options, number) = try target(id, global)
        try Recording.run(options, at: at, json: output.json) { _ in
            .setActionItemStatus(number: number, status: status, reason: reason)
        }
    }

    /// `INC-3:2` (or `2`) as the options naming its incident, and the item number.
    static func target(_ id: String, _ global: GlobalOptions) throws -> (GlobalOptions, Int) {
        var options = global
        let parts = id.split(separator: ":", omittingEmptySubsequences: false)
        let numberText = parts.last.map(String.init) ?? id
        if parts.count == 2 { options.incident = String(parts[0]) }
        guard let number = Int(numberText), number > 0, parts.count <= 2, parts.first?.isEmpty == false else {
            throw UserFacingError("'\(id)' is not an action item id: use INC-3:2 (incident:number), "
                + "or the number alone with --incident")
        }
        return (options, number)
    }

    /// `INC-3:2  P1  due 2026-11-30  platform  Validate config in CI  [done|OVERDUE]`.
    static func row(_ incident: IncidentID, _ item: ActionItem, now: Timestamp) -> String {
        let status: String
        switch item.status {
        case .done: status = "done \(item.doneAt?.dateOnly ?? "")"
        case .dropped: status = "dropped: \(Sanitizer.clean(item.statusReason ?? ""))"
        case .inProgress: status = item.isOverdue(at: now) ? "in progress, OVERDUE" : "in progress"
        case .notStarted: status = item.isOverdue(at: now) ? "OVERDUE" : "open"
        }
        return "\(incident):\(item.number)\t\(item.priority.rawValue)\tdue \(item.due.dateOnly)\t\(Sanitizer.clean(item.owner))\t"
            + "\(Sanitizer.clean(item.text))\t[\(status)]"
    }
}
