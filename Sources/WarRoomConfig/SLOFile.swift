import Foundation
import WarRoomCore
import WarRoomReports
import Yams

/// Reads SLO files in the method's YAML shape: one service per document (several documents, or
/// a list of them, in one file), its `slis`, its `slos` with `target`, `window` and
/// `burn_rate_alerts`, and its `error_budget_policy`. Every mistake is a `Diagnostic` with file,
/// line and key (and a did-you-mean for a misspelt key); a definition with a mistake is left out,
/// the others kept.
public enum SLOFile {
    /// The default file: `slo.yaml` beside the config file.
    public static func defaultPath(environment: [String: String]) -> String {
        (Config.paths(environment: environment).config as NSString).deletingLastPathComponent + "/slo.yaml"
    }

    public static func read(path: String) -> (definitions: [SLODefinition], problems: [Diagnostic]) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            return ([], [Diagnostic(file: path, message: "cannot be read (\(error.localizedDescription)); no SLO was loaded")])
        }
        return parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) -> (definitions: [SLODefinition], problems: [Diagnostic]) {
        var reader = Reader(file: file)
        reader.items(text) { reader, item in reader.definition(item) }
        if reader.definitions.isEmpty && reader.problems.isEmpty {
            reader.problems.append(Diagnostic(file: file, message: "holds no SLO: write a service with its slis and slos (see the README)"))
        }
        return (reader.definitions, reader.problems)
    }

    static let topKeys = ["service", "owner", "review_cadence", "slis", "slos", "burn_rate_alerts", "error_budget_policy"]
    static let sliKeys = ["description", "metric", "good_event", "valid_event", "threshold"]
    static let sloKeys = ["sli", "target", "window", "error_budget", "burn_rate_alerts"]
    static let alertKeys = ["severity", "short_window", "long_window", "burn_rate"]
    static let policyKeys: [(String, BudgetTier)] = [("budget_remaining_above_50pct", .normal),
                                                     ("budget_remaining_25_to_50pct", .featureFreezeReview),
                                                     ("budget_remaining_below_25pct", .allHandsOnReliability),
                                                     ("budget_exhausted", .freezeDeploys)]
    /// Beside the tiers: the share of a budget one incident may spend before its post-mortem
    /// owes a P1 action item.
    static let thresholdKey = "single_incident_threshold"

    struct Reader: YAMLReader {
        let file: String
        var definitions: [SLODefinition] = []
        var problems: [Diagnostic] = []
        var failed = false

        init(file: String) { self.file = file }

        mutating func definition(_ node: Node) {
            failed = false
            guard let top = entries(node, known: SLOFile.topKeys, table: nil) else { return }
            guard let service = scalar(top["service"])?.trimmingCharacters(in: .whitespaces), !service.isEmpty else {
                problem(top["service"] ?? node, key: "service", "is missing: name the service the SLOs are for (checkout-api)")
                return
            }
            let table = service
            var slis: [SLODefinition.SLI] = []
            if let sliNode = top["slis"] {
                if let mapping = sliNode.mapping {
                    for (nameNode, value) in mapping {
                        guard let name = nameNode.string else { continue }
                        guard let fields = entries(value, known: SLOFile.sliKeys, table: "\(table).slis.\(name)") else { continue }
                        slis.append(SLODefinition.SLI(name: name, description: scalar(fields["description"]), metric: scalar(fields["metric"]),
                                                      goodEvent: scalar(fields["good_event"]), validEvent: scalar(fields["valid_event"]),
                                                      threshold: scalar(fields["threshold"])))
                    }
                } else {
                    problem(sliNode, key: "slis", table: table, "must map each SLI's name to its description and metric")
                }
            }
            let shared = top["burn_rate_alerts"].map { alerts($0, table: table) } ?? []
            var objectives: [SLODefinition.Objective] = []
            if let list = top["slos"]?.sequence {
                for item in list {
                    guard let fields = entries(item, known: SLOFile.sloKeys, table: "\(table).slos") else { continue }
                    guard let sli = scalar(fields["sli"]) else {
                        problem(item, key: "sli", table: "\(table).slos", "is missing: name the SLI this objective is on")
                        continue
                    }
                    if !slis.isEmpty, !slis.contains(where: { $0.name == sli }) {
                        let names = slis.map(\.name)
                        problem(fields["sli"], key: "sli", table: "\(table).slos", "'\(sli)' is not one of the slis"
                                + Suggestion.didYouMean(sli, among: names) + ": \(names.joined(separator: ", "))")
                        continue
                    }
                    guard let target = percent(fields["target"], table: "\(table).slos") else { continue }
                    guard let windowText = scalar(fields["window"]), let window = SLOWindow.parse(windowText) else {
                        problem(fields["window"] ?? item, key: "window", table: "\(table).slos",
                                "'\(scalar(fields["window"]) ?? "")' is not a window: write 30d, 28d, 4w or month")
                        continue
                    }
                    let own = fields["burn_rate_alerts"].map { alerts($0, table: "\(table).slos") }
                    objectives.append(SLODefinition.Objective(sli: sli, budget: ErrorBudget(target: target, window: window),
                                                              burnRateAlerts: own ?? shared, line: item.mark?.line))
                }
            } else {
                problem(top["slos"] ?? node, key: "slos", table: table, "must list the objectives: - sli: availability, target: 99.95%, window: 30d")
            }
            var policy: [BudgetTier: String] = [:]
            var threshold = SLODefinition.defaultSingleIncidentP1Share
            if let policyNode = top["error_budget_policy"],
               let fields = entries(policyNode, known: SLOFile.policyKeys.map(\.0) + [SLOFile.thresholdKey],
                                    table: "\(table).error_budget_policy") {
                for (key, tier) in SLOFile.policyKeys { if let text = scalar(fields[key]) { policy[tier] = text } }
                if let node = fields[SLOFile.thresholdKey] {
                    threshold = percent(node, key: SLOFile.thresholdKey, table: "\(table).error_budget_policy",
                                        example: "20%", upToWhole: true) ?? threshold
                }
            }
            guard !failed else {
                problems.append(Diagnostic(file: file, line: node.mark?.line, table: table, message: "left out until the mistakes above are fixed"))
                return
            }
            definitions.append(SLODefinition(service: service, owner: scalar(top["owner"]), slis: slis, objectives: objectives, policy: policy,
                                             singleIncidentP1Share: threshold))
        }

        /// `99.95%`, `99.95` or `0.9995` → 0.9995; refused outside (0, 100) % (or (0, 100] % when
        /// `upToWhole`).
        mutating func percent(_ node: Node?, key: String = "target", table: String, example: String = "99.95%",
                              upToWhole: Bool = false) -> Double? {
            guard let text = scalar(node)?.trimmingCharacters(in: .whitespaces) else {
                problem(node, key: key, table: table, "is missing: write the objective as a percentage, \(example)")
                return nil
            }
            // In decimal, so 99.9% is 0.999 exactly as written, not 0.9990000000000001.
            let digits = text.hasSuffix("%") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
            let number = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
                .flatMap { digits.allSatisfy { $0.isNumber || $0 == "." } ? $0 : nil }
            let share = number.map { text.hasSuffix("%") || $0 > 1 ? NSDecimalNumber(decimal: $0 / 100).doubleValue
                : NSDecimalNumber(decimal: $0).doubleValue }
            guard let share, share.isFinite, share > 0, share < 1 || (upToWhole && share == 1) else {
                problem(node, key: key, table: table, "'\(text)' is not a \(key == "target" ? "target" : "share"): write a percentage "
                        + "\(upToWhole ? "up to 100" : "below 100"), such as \(example)")
                return nil
            }
            return share
        }

        mutating func alerts(_ node: Node, table: String) -> [SLODefinition.BurnRateAlert] {
            guard let list = node.sequence else {
                problem(node, key: "burn_rate_alerts", table: table, "must be a list: - severity: page, short_window: 5m, long_window: 1h, burn_rate: 14.4")
                return []
            }
            var result: [SLODefinition.BurnRateAlert] = []
            for item in list {
                guard let fields = entries(item, known: SLOFile.alertKeys, table: "\(table).burn_rate_alerts") else { continue }
                let short = scalar(fields["short_window"]).flatMap(TimeSpan.parse)
                let long = scalar(fields["long_window"]).flatMap(TimeSpan.parse)
                let rateText = scalar(fields["burn_rate"])?.trimmingCharacters(in: .whitespaces)
                let rate = rateText.flatMap { Double($0.hasSuffix("x") ? String($0.dropLast()) : $0) }
                guard let short, short.millis > 0 else {
                    problem(fields["short_window"] ?? item, key: "short_window", table: "\(table).burn_rate_alerts", "write a span: 5m")
                    continue
                }
                guard let long, long > short else {
                    problem(fields["long_window"] ?? item, key: "long_window", table: "\(table).burn_rate_alerts",
                            "write a span longer than short_window (\(short.compact)): 1h")
                    continue
                }
                guard let rate, rate.isFinite, rate > 0 else {
                    problem(fields["burn_rate"] ?? item, key: "burn_rate", table: "\(table).burn_rate_alerts",
                            "'\(rateText ?? "")' is not a burn rate: write a positive number, 14.4 or 14.4x")
                    continue
                }
                result.append(SLODefinition.BurnRateAlert(severity: scalar(fields["severity"]) ?? "page", shortWindow: short,
                                                          longWindow: long, burnRate: rate))
            }
            return result
        }
    }
}
