import WarRoomCore
import WarRoomReports

/// One SLO measured live: its status from the ratios that could be read, and what failed.
public struct LiveSLOOutcome: Sendable {
    public var status: LiveSLOStatus
    /// Each window's query, as sent (for `--json` and the messages).
    public var queries: [(window: TimeSpan, query: String)]
    /// Why some (or all) windows have no figure: the SLI gives no query, or Prometheus failed.
    public var problems: [String]
    /// Prometheus was unreachable or answered an error (not merely "no data").
    public var failed: Bool
}

/// Asks Prometheus for each SLO's error ratio over every window it needs, at one instant.
public enum LiveSLOEvaluator {
    /// Every objective of `definitions` at `at`. Once the server cannot be reached, nothing more
    /// is asked of it (each question would only wait for the same timeout).
    public static func evaluate(_ definitions: [SLODefinition], client: PrometheusClient, at: Timestamp) -> [LiveSLOOutcome] {
        var unreachable: PrometheusError?
        var outcomes: [LiveSLOOutcome] = []
        for definition in definitions {
            for objective in definition.objectives {
                var ratios: [TimeSpan: Double?] = [:]
                var queries: [(TimeSpan, String)] = []
                var problems: [String] = []
                var failed = false
                guard let sli = definition.slis.first(where: { $0.name == objective.sli }) else {
                    problems.append("\(definition.service) \(objective.sli): no SLI of that name in the file")
                    outcomes.append(LiveSLOOutcome(status: LiveSLOStatus(definition, objective, at: at, ratios: [:]),
                                                   queries: [], problems: problems, failed: false))
                    continue
                }
                for window in LiveSLOStatus.windows(for: objective, at: at) {
                    switch SLIQuery.errorRatio(sli, window: window) {
                    case .failure(let error):
                        problems.append("\(definition.service) \(objective.sli): \(error)")
                    case .success(let query):
                        queries.append((window, query))
                        if let down = unreachable {
                            failed = true
                            if problems.isEmpty { problems.append("not asked: \(down.url) was unreachable (\(down.reason))") }
                            continue
                        }
                        switch client.query(query, at: at) {
                        case .success(let value): ratios[window] = value.number
                        case .failure(let error):
                            failed = true
                            problems.append(error.description)
                            if error.unreachable { unreachable = error }
                        }
                    }
                    // The SLI's shape is the same for every window: said once.
                    if case .failure = SLIQuery.errorRatio(sli, window: window) { break }
                }
                outcomes.append(LiveSLOOutcome(status: LiveSLOStatus(definition, objective, at: at, ratios: ratios),
                                               queries: queries, problems: problems, failed: failed))
            }
        }
        return outcomes
    }
}
