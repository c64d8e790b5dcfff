import ArgumentParser
import WarRoomCore

struct SeverityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "severity")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new level (SEV2, sev2 or 2).") var level: Severity
    @Option(help: "Why.") var reason: String?
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        try Recording.run(global, at: at, json: output.json, command: .setSeverity(level, reason: reason))
    }
}

struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "impact")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Share of users affected, 0–100 (a trailing % is fine).", valueName: "pct"))
    var usersAffected: String?
    @Option(help: ArgumentHelp("Number of users affected.", valueName: "n")) var usersCount: Int?
    @Flag(help: "Customers reported it.") var customerReported = false
    @Flag(help: "Paying accounts are affected.") var payingAccounts = false
    @Flag(help: "There is a data-integrity concern.") var dataIntegrity = false
    @Flag(help: "There is a security breach.") var security = false
    @Option(help: "A note on the impact.") var note: String?
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        var percent: Double?
        if let usersAffected {
            let digits = usersAffected.hasSuffix("%") ? String(usersAffected.dropLast()) : usersAffected
            guard let value = Double(digits), value.isFinite else {
                throw UserFacingError("cannot read --users-affected '\(usersAffected)': give a share from 0 to 100, such as 30 or 30%")
            }
            percent = value
        }
        let report = ImpactReport(usersAffectedPercent: percent, usersAffectedCount: usersCount,
                                  customerReported: customerReported, payingAccounts: payingAccounts,
                                  dataIntegrity: dataIntegrity, securityBreach: security, note: note)
        try Recording.run(global, at: at, json: output.json, command: .recordImpact(report))
    }
}
