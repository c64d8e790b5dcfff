/// The response metrics of one incident; nil while the instants they need are unknown.
public struct IncidentMetrics: Hashable, Sendable {
    /// Detected − impact started.
    public var timeToDetect: TimeSpan?
    /// Acknowledged (IC in place) − declared.
    public var timeToAcknowledge: TimeSpan?
    /// Mitigated − detected.
    public var timeToMitigate: TimeSpan?
    /// Resolved − detected.
    public var timeToResolve: TimeSpan?
}

extension IncidentState {
    /// Time to detect, acknowledge, mitigate and resolve, as product.md defines them.
    public var metrics: IncidentMetrics {
        IncidentMetrics(
            timeToDetect: impactStartedAt.map { detectedAt - $0 },
            timeToAcknowledge: acknowledgedAt.map { $0 - declaredAt },
            timeToMitigate: mitigatedAt.map { $0 - detectedAt },
            timeToResolve: resolvedAt.map { $0 - detectedAt })
    }
}
