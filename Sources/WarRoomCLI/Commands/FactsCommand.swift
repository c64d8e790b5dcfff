import ArgumentParser
import WarRoomCore

/// `warroom service NAME`: sets or corrects the service or feature affected.
struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "service")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The service or feature, e.g. checkout-api.") var name: [String] = []
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        let service = name.joined(separator: " ")
        guard !service.allSatisfy(\.isWhitespace) else {
            throw UserFacingError("give the service or feature affected, e.g. warroom service checkout-api")
        }
        try Recording.run(global, at: at, json: output.json, command: .setFacts(IncidentFacts(service: service)))
    }
}

/// `warroom started TIME`: sets or corrects when user impact began.
struct StartedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "started")

    @OptionGroup var global: GlobalOptions
    // A relative time such as -20m is text: ArgumentGuard passes it after `--`.
    @Argument(help: ArgumentHelp("When impact began.", valueName: "time")) var time: [String] = []
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        try FactTime.record(time, usage: "warroom started 13:50", global: global, at: at, json: output.json) {
            IncidentFacts(impactStartedAt: $0)
        }
    }
}

/// `warroom detected TIME`: sets or corrects when the problem was detected.
struct DetectedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "detected")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("When it was detected.", valueName: "time")) var time: [String] = []
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        try FactTime.record(time, usage: "warroom detected 13:58", global: global, at: at, json: output.json) {
            IncidentFacts(detectedAt: $0)
        }
    }
}

/// The shared body of `started` and `detected`: one time, read against the session's clock.
enum FactTime {
    static func record(_ words: [String], usage: String, global: GlobalOptions, at: AtOption, json: Bool,
                       _ facts: (Timestamp) -> IncidentFacts) throws {
        guard words.count == 1, let text = words.first else {
            let got = words.isEmpty ? "no time" : "\(words.count) words (\(words.joined(separator: " ")))"
            throw UserFacingError("give one time, e.g. \(usage) (got \(got)): \(TimeExpression.formats)")
        }
        let session = try Session(global)
        let instant = try TimeExpression.parse(text, now: session.now)
        let when = try at.resolve(now: session.now)
        let (state, written) = try session.record(incident: try session.resolveIncident(global.incident), at: when) { _ in
            .setFacts(facts(instant))
        }
        Recording.confirm(state, written, json: json)
    }
}
