import ArgumentParser
import WarRoomCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Move the lifecycle: investigating, identified, mitigating, monitoring, resolved, closed, or reopen.",
        discussion: """
        Forward skips are allowed. Resolving needs 15 minutes in monitoring, or --force --reason. \
        Closing needs the post-mortem marked final (`warroom postmortem status final`).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new status, or reopen.") var target: String
    @Option(help: "Why (required with --force).") var reason: String?
    @Flag(help: "Override a guard, such as the monitoring window; needs --reason.") var force = false
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        let target = try StatusTarget.parse(target)
        try Recording.run(global, at: at, json: output.json) { _ in .setStatus(target, reason: reason, force: force) }
    }
}

struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record an escalation or a notification (e.g. \"VP Eng + CTO\").",
        discussion: """
        A target named in the severity matrix discharges that level's notification. Past the root-cause \
        deadline, or with --escalation, it counts as the escalation to the next tier.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Who was told or brought in.") var target: String
    @Flag(help: "This brings in the next tier of responders.") var escalation = false
    @Option(help: "The tier or level, if any.") var tier: String?
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        try Recording.run(global, at: at, json: output.json) { _ in
            .notify(target: target, kind: escalation ? .escalation : nil, tier: tier)
        }
    }
}

