/// The line an on-call rotation's health is measured against, from the method: no more than 5
/// pages an engineer a week, and mandatory rest after a long SEV1.
public struct OnCallHealthRules: Hashable, Sendable {
    /// More pages than this in a week, for one engineer, is an alert (`alert_if_pages_exceed`).
    public var pagesPerWeek: Int
    /// Whether a long SEV1 owes its responders rest (`post_incident_time_off`).
    public var restAfterLongSEV1: Bool
    /// A SEV1 at least this long owes rest (`long_sev1`).
    public var longSEV1: TimeSpan
    /// How much rest it owes each responder (`rest`).
    public var rest: TimeSpan

    public init(pagesPerWeek: Int = 5, restAfterLongSEV1: Bool = true, longSEV1: TimeSpan = .hours(4), rest: TimeSpan = .hours(12)) {
        self.pagesPerWeek = pagesPerWeek
        self.restAfterLongSEV1 = restAfterLongSEV1
        self.longSEV1 = longSEV1
        self.rest = rest
    }
}
