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

extension IncidentMetrics {
    /// Time to detect, acknowledge, mitigate and resolve, as product.md defines them.
    init(impactStartedAt: Timestamp?, detectedAt: Timestamp, declaredAt: Timestamp, acknowledgedAt: Timestamp?,
         mitigatedAt: Timestamp?, resolvedAt: Timestamp?) {
        self.init(timeToDetect: impactStartedAt.map { detectedAt - $0 },
                  timeToAcknowledge: acknowledgedAt.map { $0 - declaredAt },
                  timeToMitigate: mitigatedAt.map { $0 - detectedAt },
                  timeToResolve: resolvedAt.map { $0 - detectedAt })
    }
}

extension IncidentState {
    public var metrics: IncidentMetrics {
        IncidentMetrics(impactStartedAt: impactStartedAt, detectedAt: detectedAt, declaredAt: declaredAt,
                        acknowledgedAt: acknowledgedAt, mitigatedAt: mitigatedAt, resolvedAt: resolvedAt)
    }
}
