import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomStore
import WarRoomText

/// A command that could not reach the store's server and was queued in the offline spool: not
/// recorded yet, so the process exits with `exitCode` (75, EX_TEMPFAIL), never 0.
struct QueuedOffline: Error, CustomStringConvertible {
    /// EX_TEMPFAIL from sysexits.h: "try again later"; 0 keeps meaning "recorded".
    static let exitCode: Int32 = 75
    var description: String
}

extension Session {
    /// The state directory, where the spool lives.
    var stateDirectory: String { Config.paths(environment: environment).state }

    /// This store's spool when its file exists (nothing is created for a store that was never
    /// out of reach).
    func existingSpool() throws(SpoolError) -> Spool? {
        let path = Spool.path(stateDirectory: stateDirectory, store: store.identity)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Spool(stateDirectory: stateDirectory, store: store.identity)
    }

    /// Delivers what an earlier command or war room of this user queued for this store, if
    /// anything, and prints on stderr what was delivered and what the store refused (each refusal
    /// once). Never fails the command it runs before: a spool that cannot be used is said, and
    /// kept.
    func deliverSpool() {
        let spool: Spool
        do {
            guard let existing = try existingSpool() else { return }
            spool = existing
        } catch {
            warn(error.description)
            return
        }
        guard (try? spool.count()) ?? 0 > 0 || !((try? spool.refusals()) ?? []).isEmpty else { return }
        let report = spool.deliver(to: store, policy: policy, now: now, routing: routing)
        if !report.delivered.isEmpty {
            let count = report.delivered.count
            warn("delivered \(count) entr\(count == 1 ? "y" : "ies") queued while \(storeName) could not be reached: "
                + report.delivered.map { "\($0.incident) \($0.entry.at.clockTime) \($0.entry.summary)" }.joined(separator: "; "))
        }
        for refusal in (try? spool.takeRefusals(of: author)) ?? [] { warn(refusal.message) }
        if report.remaining > 0, let reason = report.stoppedBy, !report.busyElsewhere {
            warn("\(report.remaining) queued entr\(report.remaining == 1 ? "y" : "ies") still waiting: \(reason)")
        }
    }

    func warn(_ text: String) { WarRoomCLI.warn(text) }

    /// Remembers the one open incident of a store on a server, for commands typed while it
    /// cannot be reached.
    func rememberOpenIncident(_ id: IncidentID) {
        guard store.identity.localDirectory == nil else { return }
        guard let spool = try? Spool(stateDirectory: stateDirectory, store: store.identity),
              (try? spool.rememberedOpenIncident()) != id else { return }
        try? spool.rememberOpenIncident(id)
    }

    /// Where a command goes while the server cannot be reached: `--incident`, else the open
    /// incident last seen, unless a declaration is queued (what it declares has no id yet, and
    /// the entry is most likely meant for it); else it is refused, nothing queued.
    func offlineIncident(_ explicit: String?, _ error: StoreError) throws -> IncidentID {
        if let explicit {
            do { return try IncidentIDRule.normalized(explicit) } catch { throw UserFacingError(error.description) }
        }
        if let waiting = try? existingSpool()?.pending(), waiting.contains(where: { $0.incident == nil }) {
            throw UserFacingError("\(error.description); name the incident with --incident: a declaration is queued "
                + "and has no id yet, so nothing was queued (an entry for the incident it declares can be typed once "
                + "the server is back and the declaration is delivered)")
        }
        if let id = try? existingSpool()?.rememberedOpenIncident() { return id }
        throw UserFacingError("\(error.description); which incident is open is not known here, so nothing was queued: "
            + "name it with --incident INC-N")
    }

    /// Queues `entry` and says so: the caller's command ends with exit status 75.
    func queue(_ entry: SpoolEntry, because error: StoreError) throws -> Never {
        let queued: SpoolEntry
        do { queued = try Spool(stateDirectory: stateDirectory, store: store.identity).enqueue(entry) } catch {
            throw UserFacingError("the server cannot be reached, and the entry could not be queued either: "
                + "\(error.description); nothing was recorded")
        }
        queueing = true
        lastQueueReason = error
        let count = (try? Spool(stateDirectory: stateDirectory, store: store.identity).count()) ?? 1
        throw QueuedOffline(description: "server unreachable: queued #\(queued.position) "
            + "\(entry.incident.map { $0 + " " } ?? "")\(entry.at.clockTime) \(entry.summary) "
            + "(will be delivered by the next warroom command that reaches the server; \(count) queued in all; "
            + "exit status \(QueuedOffline.exitCode): not recorded yet) — \(error.description)")
    }

    /// What the person typed, for the spool: the command line after `warroom`.
    /// The store's location is left out: a URL may carry a password, which is never kept.
    static var typed: String { typed(Array(CommandLine.arguments.dropFirst())) }

    static func typed(_ arguments: [String]) -> String {
        var kept: [String] = [], skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--store" { skipNext = true; continue }
            if argument.hasPrefix("--store=") { continue }
            kept.append(argument)
        }
        return kept.joined(separator: " ")
    }
}
