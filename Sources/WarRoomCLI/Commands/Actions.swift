import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomText

struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open action items across every incident; `actions done INC-3:2` closes one.",
        subcommands: [ListOpen.self, Done.self], defaultSubcommand: ListOpen.self)

    struct ListOpen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List open action items across incidents.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this owner's items.") var owner: String?
        @Flag(help: "Only items past their due date.") var overdue = false
        @Flag(help: "Include done items.") var all = false
        @OptionGroup var output: JSONFlag

        func run() throws {
            let session = try Session(global, readOnly: true)
            let states = try session.allIncidents().map(\.0)
            let everything = states.flatMap { state in state.postmortem.actionItems.map { (state.id, $0) } }
            let shown = everything.filter { _, item in
                (all || !item.isDone) && (owner.map { item.owner.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                    && (!overdue || item.isOverdue(at: session.now))
            }
            let due = everything.filter { $0.1.due + .hours(24) <= session.now || $0.1.isDone }
            let onTime = due.filter { $0.1.doneOnTime }.count
            let rate = due.isEmpty ? nil : Double(onTime) / Double(due.count)
            if output.json {
                let items = shown.map { id, item in
                    JSONValue.object([
                        ("id", .string("\(id):\(item.number)")), ("incident", .string(id)), ("text", .string(item.text)),
                        ("owner", .string(item.owner)), ("priority", .string(item.priority.rawValue)),
                        ("due", .string(item.due.dateOnly)), ("done", item.doneAt.map { .string($0.iso8601) } ?? .null),
                        ("overdue", .bool(item.isOverdue(at: session.now))),
                    ])
                }
                print(JSONValue.object([
                    ("items", .array(items)),
                    ("completedOnTimeShare", rate.map(JSONValue.double) ?? .null),
                    ("dueCount", .number(Int64(due.count))),
                ]).rendered())
                return
            }
            if shown.isEmpty { print(all ? "No action items." : "No open action items.") }
            for (id, item) in shown { print(Actions.row(id, item, now: session.now)) }
            if let rate {
                let percent = Int((rate * 100).rounded())
                print("Completed by their due date: \(onTime) of \(due.count) (\(percent)%; the target is 90%)")
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an action item done: INC-3:2 (or 2 with --incident).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "INC-3:2, or the item number with --incident or one open incident.") var id: String
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            var options = global
            let parts = id.split(separator: ":")
            let numberText = parts.last.map(String.init) ?? id
            if parts.count == 2 { options.incident = String(parts[0]) }
            guard let number = Int(numberText), number > 0, parts.count <= 2 else {
                throw UserFacingError("'\(id)' is not an action item id: use INC-3:2 (incident:number)")
            }
            try Recording.run(options, at: at, json: output.json) { _ in .completeActionItem(number: number) }
        }
    }

    /// `INC-3:2  P1  due 2026-11-30  platform  Validate config in CI  [done|OVERDUE]`.
    static func row(_ incident: IncidentID, _ item: ActionItem, now: Timestamp) -> String {
        let status = item.isDone ? "done \(item.doneAt?.dateOnly ?? "")" : (item.isOverdue(at: now) ? "OVERDUE" : "open")
        return "\(incident):\(item.number)\t\(item.priority.rawValue)\tdue \(item.due.dateOnly)\t\(Sanitizer.clean(item.owner))\t"
            + "\(Sanitizer.clean(item.text))\t[\(status)]"
    }
}
