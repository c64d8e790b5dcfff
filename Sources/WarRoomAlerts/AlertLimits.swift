/// What one webhook may carry. Senders are untrusted: every size is bounded so a hostile or broken
/// sender costs bounded memory and time, and texts stay short enough for a timeline line.
public struct AlertLimits: Equatable, Sendable {
    /// Bodies over this many bytes are refused before parsing (1 MiB by default).
    public var maxBodyBytes: Int
    /// Arrays and objects nested deeper than this are refused before parsing.
    public var maxDepth: Int
    /// Alerts in one payload (Alertmanager's own default `max_alerts` is 0, unlimited; a group of
    /// a thousand is already a storm to summarize, not to record one by one).
    public var maxAlerts: Int
    /// Unicode scalars kept of any one text (summary, description, label value, URL); longer texts
    /// are cut and end in `…`.
    public var maxTextLength: Int
    /// Labels kept per alert (the first ones in name order).
    public var maxLabels: Int

    /// The defaults: 1 MiB, depth 32, 1,000 alerts, 2,000-scalar texts, 64 labels.
    public init(maxBodyBytes: Int = 1 << 20, maxDepth: Int = 32, maxAlerts: Int = 1_000,
                maxTextLength: Int = 2_000, maxLabels: Int = 64) {
        self.maxBodyBytes = maxBodyBytes
        self.maxDepth = maxDepth
        self.maxAlerts = maxAlerts
        self.maxTextLength = maxTextLength
        self.maxLabels = maxLabels
    }

    /// Refuses a body of `byteCount` bytes over the limit: for the server to call on
    /// `Content-Length` (and while streaming) before buffering a body or computing its HMAC.
    public func checkSize(_ byteCount: Int) throws(AlertParseError) {
        guard byteCount <= maxBodyBytes else { throw .tooLarge(bytes: byteCount, limit: maxBodyBytes) }
    }

    /// `text` cut to `maxTextLength` scalars, ending in `…` when cut.
    func capped(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > maxTextLength else { return text }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.prefix(max(0, maxTextLength - 1)))
        kept.append("…")
        return String(kept)
    }
}
