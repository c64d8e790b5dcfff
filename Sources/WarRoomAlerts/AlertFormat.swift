import WarRoomCore

/// The three webhook formats `warroom alerts serve` accepts, one per path (`POST /alertmanager`,
/// `/grafana`, `/pagerduty`) and `warroom alerts ingest --format NAME`.
public enum AlertFormat: String, CaseIterable, Codable, Sendable {
    /// Prometheus Alertmanager `webhook_configs`, payload version 4.
    case alertmanager
    /// Grafana Alerting (unified alerting) webhook contact point, payload version 1.
    case grafana
    /// PagerDuty V3 webhook subscription (signed with `X-PagerDuty-Signature`).
    case pagerduty

    /// `alertmanager, grafana or pagerduty`, for help and errors.
    public static let choices = Choices.list(allCases.map(\.rawValue))

    /// The request path that receives this format: `/alertmanager`.
    public var path: String { "/" + rawValue }

    /// Reads a format name in any case; a typo is refused with a did-you-mean, never guessed.
    public static func named(_ name: String) throws(AlertParseError) -> AlertFormat {
        let key = name.trimmingSpaces.lowercased()
        if let format = AlertFormat(rawValue: key) { return format }
        throw .unknownFormat(name: name, suggestion: Suggestion.didYouMean(name, among: allCases.map(\.rawValue)))
    }

    /// The format a request path selects: `/grafana`, `/grafana/` and `/grafana?x=1` all select
    /// Grafana; anything else is refused (with a did-you-mean) so a mistyped URL in a sender's
    /// config fails loudly instead of being read as another format.
    public static func forPath(_ path: String) throws(AlertParseError) -> AlertFormat {
        var name = Substring(path)
        if let query = name.firstIndex(where: { $0 == "?" || $0 == "#" }) { name = name[..<query] }
        while name.hasPrefix("/") { name = name.dropFirst() }
        while name.hasSuffix("/") { name = name.dropLast() }
        return try named(String(name))
    }

    /// Parses a raw body of this format into normalized alerts, after checking its size.
    public func parse(_ body: [UInt8], limits: AlertLimits = AlertLimits()) throws(AlertParseError) -> [InboundAlert] {
        let root = try JSONDocument.parse(body, limits: limits)
        switch self {
        case .alertmanager: return try AlertmanagerPayload.alerts(in: root, limits: limits)
        case .grafana: return try GrafanaPayload.alerts(in: root, limits: limits)
        case .pagerduty: return try PagerDutyPayload.alerts(in: root, limits: limits)
        }
    }
}
