import Foundation
import WarRoomCore

extension EventLog {
    /// Writes the events of an export, all or nothing, in file order, skipping ids already stored.
    /// `lines[i]` is the file line of `events[i]`, for messages.
    ///
    /// Refused (an `ImportRefusal` naming the line, nothing written): an incident id outside
    /// `IncidentIDRule`; an incident with no declaration in the file nor the store; an event
    /// before its incident's declaration, a second declaration, a `recordedAt` far behind the
    /// event before it, or any event the fold would flag as an anomaly (an amendment of an entry
    /// that is not there yet…): such events would be stored yet never shown. A declaration whose
    /// incident id the store already uses for another incident (another declaration) is refused
    /// naming both titles, unless `asNew`: then that incident is imported under the next free
    /// `INC-n`, the incident field of each of its events rewritten. An incident already imported
    /// under a new id (its declaration's event id is stored) goes to that id again: re-importing
    /// stays idempotent.
    static func importEvents(_ rows: some EventLogRows, _ events: [Event], lines: [Int],
                             asNew: Bool) throws -> ImportResult {
        func line(_ index: Int) -> Int { index < lines.count ? lines[index] : index + 1 }
        // Group by incident, in order of first appearance; an id repeated in the file is one event.
        var order: [IncidentID] = []
        var members: [IncidentID: [Int]] = [:]
        var firstOfID: [UUID: Int] = [:]
        for (index, event) in events.enumerated() {
            guard IncidentIDRule.isValid(event.incident) else {
                throw ImportRefusal(line: line(index), reason: IncidentIDError(text: event.incident).description)
            }
            if let earlier = firstOfID[event.id] {
                guard events[earlier] == event else {
                    throw ImportRefusal(line: line(index), reason: "event \(event.id.uuidString) differs from the one "
                                        + "with the same id at line \(line(earlier))")
                }
                continue
            }
            firstOfID[event.id] = index
            if members[event.incident] == nil { order.append(event.incident) }
            members[event.incident, default: []].append(index)
        }

        var target: [IncidentID: IncidentID] = [:]
        var reserved = Set<IncidentID>()
        var plans: [(incident: IncidentID, indices: [Int])] = []
        for incident in order {
            let indices = members[incident] ?? []
            let declarations = indices.filter { if case .declared = events[$0].payload { return true }; return false }
            if declarations.count > 1 {
                throw ImportRefusal(line: line(declarations[1]), reason: "a second declaration of \(incident) "
                                    + "(the first is at line \(line(declarations[0])))")
            }
            let stored = try rows.incidentExists(incident) ? try rows.readEvents(of: incident, after: 0) : []
            var to = incident
            if let declaration = declarations.first {
                if declaration != indices[0] {
                    throw ImportRefusal(line: line(indices[0]), reason: "an event of \(incident) comes before its "
                                        + "declaration at line \(line(declaration)): the file is out of order")
                }
                if let owner = try rows.incidentOfEvent(events[declaration].id) {
                    to = owner
                } else if try rows.incidentExists(incident) {
                    let suggestion = try nextFreeID(rows, excluding: reserved)
                    guard asNew else {
                        let theirs = Self.title(of: events[declaration]) ?? "untitled"
                        let ours = stored.first.flatMap { Self.title(of: $0.event) } ?? "untitled"
                        throw ImportRefusal(line: line(declaration), reason: "\(incident) in the file is '\(theirs)' "
                            + "but \(incident) in this store is '\(ours)': they are different incidents and would "
                            + "be merged; import with --as-new to store the file's one as \(suggestion)",
                            suggestedID: suggestion)
                    }
                    to = suggestion
                    reserved.insert(suggestion)
                }
            } else if stored.isEmpty {
                throw ImportRefusal(line: line(indices[0]), reason: "\(incident) has no declaration in the file "
                                    + "nor in this store, so its events would be stored and never shown")
            }
            target[incident] = to
            let base = to == incident ? stored : try rows.readEvents(of: to, after: 0)
            try checkFold(rows, base.map(\.event), adding: indices, of: events, as: to, line: line)
            plans.append((to, indices))
        }

        var next: [IncidentID: Int64] = [:]
        var written = 0
        let planned = plans.flatMap { plan in plan.indices.map { (plan.incident, $0) } }.sorted { $0.1 < $1.1 }
        for (incident, index) in planned {
            var event = events[index]
            event.incident = incident
            if try rows.incidentOfEvent(event.id) != nil { continue }
            let sequence: Int64
            if let known = next[incident] {
                sequence = known
            } else {
                if try !rows.incidentExists(incident) {
                    try rows.insertIncident(incident, number: importNumber(rows, for: incident), createdAt: event.recordedAt.millis)
                }
                sequence = try rows.lastSequence(of: incident) + 1
            }
            if try rows.insertEvent(event, sequence: sequence) {
                written += 1
                next[incident] = sequence + 1
            } else {
                next[incident] = sequence
            }
        }
        return ImportResult(added: written, renamed: target.filter { $0.key != $0.value })
    }

    /// Folds the stored events, then each new one, refusing the first the fold would not show as
    /// recorded: one before the declaration, one it flags as an anomaly, one far out of time order.
    private static func checkFold(_ rows: some EventLogRows, _ stored: [Event], adding indices: [Int], of events: [Event],
                                  as incident: IncidentID, line: (Int) -> Int) throws {
        var state = IncidentState.fold(stored)
        var storedIDs = Set(stored.map(\.id))
        var last = stored.last?.recordedAt
        for index in indices {
            var event = events[index]
            event.incident = incident
            if storedIDs.contains(event.id) { continue }
            if let owner = try rows.incidentOfEvent(event.id), owner != incident {
                throw ImportRefusal(line: line(index), reason: "event \(event.id.uuidString) is already stored in \(owner)")
            }
            storedIDs.insert(event.id)
            if let last, event.recordedAt < last - importClockSlack {
                throw ImportRefusal(line: line(index), reason: "recorded at \(event.recordedAt.iso8601), more than "
                                    + "\(importClockSlack.compact) before the event before it (\(last.iso8601)): "
                                    + "the file is out of order")
            }
            last = max(last ?? event.recordedAt, event.recordedAt)
            guard var current = state else {
                guard case .declared = event.payload else {
                    throw ImportRefusal(line: line(index), reason: "an event of \(incident) before its declaration")
                }
                state = IncidentState.fold([event])
                continue
            }
            state = nil // `current` alone holds the timeline now, so `apply` does not copy it
            let before = current.anomalies.count
            current.apply(event)
            if current.anomalies.count > before, let anomaly = current.anomalies.last {
                throw ImportRefusal(line: line(index), reason: "this event would be stored but change nothing "
                                    + "(\(anomaly.message)); is the file edited, or out of order?")
            }
            state = current
        }
    }

    private static func title(of event: Event) -> String? {
        if case .declared(let declaration) = event.payload { return declaration.title }
        return nil
    }

    /// The next `INC-n` no incident uses and `reserved` does not hold.
    private static func nextFreeID(_ rows: some EventLogRows, excluding reserved: Set<IncidentID>) throws -> IncidentID {
        var number = try nextNumber(rows)
        while try rows.incidentExists("INC-\(number)") || reserved.contains("INC-\(number)") { number += 1 }
        return "INC-\(number)"
    }

    /// `n` for an imported `INC-n` whose number is free, else the next free number.
    private static func importNumber(_ rows: some EventLogRows, for incident: IncidentID) throws -> Int64 {
        if incident.hasPrefix("INC-") {
            let digits = incident.dropFirst(4)
            if let number = Int64(digits), number > 0, number <= highestImportedNumber, String(number) == digits,
               try !rows.incidentNumberTaken(number) {
                return number
            }
        }
        return try nextNumber(rows)
    }
}
