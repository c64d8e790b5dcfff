import ArgumentParser
import WarRoomCore
import Foundation
import WarRoomText

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "status")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new status, or reopen.") var target: StatusTarget
    @Option(help: "Why (required with --force).") var reason: String?
    @Flag(help: "Override a guard, such as the monitoring window; needs --reason.") var force = false
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        try Recording.run(global, at: at, json: output.json, command: .setStatus(target, reason: reason, force: force))
    }
}

struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(table: "notify")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Who was told or brought in.") var target: String
    @Flag(help: "This brings in the next tier of responders.") var escalation = false
    @Option(help: "The tier or level, if any.") var tier: String?
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global)
        let when = try at.resolve(now: session.now)
        let (state, written) = try session.record(incident: try session.resolveIncident(global.incident), at: when) { _ in
            .notify(target: target, kind: escalation ? .escalation : nil, tier: tier)
        }
        Recording.confirm(state, written, json: output.json)
        // Say what is still owed when this cleared nothing: on stderr under --json, so the JSON stays one document.
        for stored in written {
            guard case .notified(let record) = stored.event.payload,
                  let notice = state.notificationNotice(for: record, policy: session.policy, now: session.now) else { continue }
            let line = "note: " + Sanitizer.clean(notice)
            if output.json { try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8)) } else { print(line) }
        }
    }
}

