/// What the knowledge base indexes of one incident: its title apart (matches there rank first),
/// and every text people wrote about it in one body — the summary, the entries (latest wording,
/// retracted ones left out), the hypotheses, the post-mortem's sections, contributing factors,
/// whys and action items, and the alerts it received. `sequence` is the last event folded in, so
/// an index knows when a document is stale.
public struct SearchDocument: Hashable, Sendable {
    public var incident: IncidentID
    public var sequence: Int64
    public var declaredAt: Timestamp
    public var severity: Severity
    public var status: IncidentStatus
    public var service: String?
    public var title: String
    public var body: String
    /// Its cause tags and the fingerprints of its alerts: what finds the incidents a new one may
    /// repeat without folding every incident (`Repeats`).
    public var causes: [String]
    public var fingerprints: [String]

    public init(incident: IncidentID, sequence: Int64, declaredAt: Timestamp, severity: Severity, status: IncidentStatus,
                service: String?, title: String, body: String, causes: [String] = [], fingerprints: [String] = []) {
        self.incident = incident
        self.sequence = sequence
        self.declaredAt = declaredAt
        self.severity = severity
        self.status = status
        self.service = service
        self.title = title
        self.body = body
        self.causes = causes
        self.fingerprints = fingerprints
    }

    /// The document of a folded incident whose last event is `sequence`.
    public init(_ state: IncidentState, sequence: Int64) {
        var lines: [String] = []
        if let summary = state.summary { lines.append(summary) }
        if let service = state.service { lines.append(service) }
        for item in state.timeline where item.kind.isEntry && !item.isRetracted && !item.text.isEmpty {
            lines.append(item.text)
        }
        for hypothesis in state.hypotheses { lines.append(hypothesis.text) }
        for section in PostmortemSection.allCases { if let text = state.postmortem.texts[section] { lines.append(text) } }
        for level in FactorLevel.allCases { if let text = state.postmortem.factors[level] { lines.append(text) } }
        lines += state.postmortem.whys
        lines += state.postmortem.actionItems.map(\.text)
        lines += state.postmortem.causes
        self.init(incident: state.id, sequence: sequence, declaredAt: state.declaredAt, severity: state.severity, status: state.status,
                  service: state.service, title: state.title, body: lines.filter { !$0.isEmpty }.joined(separator: "\n"),
                  causes: state.postmortem.causes, fingerprints: state.alertFingerprints.sorted())
    }
}

/// One incident a search found: what a list row shows, and where the words matched.
public struct SearchHit: Hashable, Sendable {
    /// How it matched: by words (stemmed, ranked by bm25 or the backend's rank), or only as a
    /// substring (identifiers and error strings: `ECONNRESET`, `pg-primary-2`).
    public enum Match: String, Hashable, Sendable { case words, substring }

    public var incident: IncidentID
    public var title: String
    public var severity: Severity
    public var status: IncidentStatus
    public var service: String?
    public var declaredAt: Timestamp
    /// A few words around the match, the matched words between `SearchQuery.highlightStart` and
    /// `SearchQuery.highlightEnd`.
    public var snippet: String
    public var match: Match
    /// Higher is better, comparable within one search's `words` hits only.
    public var score: Double

    public init(incident: IncidentID, title: String, severity: Severity, status: IncidentStatus, service: String?,
                declaredAt: Timestamp, snippet: String, match: Match, score: Double) {
        self.incident = incident
        self.title = title
        self.severity = severity
        self.status = status
        self.service = service
        self.declaredAt = declaredAt
        self.snippet = snippet
        self.match = match
        self.score = score
    }
}
