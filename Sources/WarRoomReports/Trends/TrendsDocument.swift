import WarRoomCore

/// `warroom report` as text, Markdown and CSV (JSON is the CLI's): the period and filters, the
/// counts, every response time as a distribution with the clocks it measures between, and the
/// scorecard with each target beside its figure. Texts from the record (services) are the
/// caller's to sanitize for a terminal; Markdown escapes them.
public enum TrendsDocument {
    /// "declared 2026-10-01 to 2026-12-31, SEV1 and SEV2, on checkout".
    public static func scope(_ trends: IncidentTrends, period: String?) -> String {
        var parts: [String] = []
        let filter = trends.filter
        if let period { parts.append(period) } else {
            switch (filter.since, filter.until) {
            case let (since?, until?): parts.append("declared \(since.dateOnly) to \((until - .minutes(1)).dateOnly)")
            case let (since?, nil): parts.append("declared since \(since.dateOnly)")
            case let (nil, until?): parts.append("declared before \(until.dateOnly)")
            case (nil, nil): parts.append("every incident")
            }
        }
        if !filter.severities.isEmpty { parts.append(filter.severities.sorted().map(\.label).joined(separator: ", ")) }
        if !filter.services.isEmpty { parts.append("on " + filter.services.joined(separator: ", ")) }
        return parts.joined(separator: ", ")
    }

    static func span(_ value: TimeSpan?) -> String { value?.compact ?? "—" }

    static func interval(_ distribution: Distribution) -> String {
        distribution.medianInterval.map { "\($0.lowerBound.compact)–\($0.upperBound.compact)" } ?? "—"
    }

    static func counts(_ trends: IncidentTrends) -> [(String, String)] {
        [("By severity", trends.bySeverity.map { "\($0.0.label) \($0.1)" }.joined(separator: " · ")),
         ("By service", trends.byService.isEmpty ? "—" : trends.byService.map { "\($0.0) \($0.1)" }.joined(separator: " · ")),
         ("By month", trends.byMonth.isEmpty ? "—" : trends.byMonth.map { "\($0.0) \($0.1)" }.joined(separator: " · "))]
    }

    static func mark(_ verdict: IncidentTrends.Score.Verdict) -> String {
        switch verdict {
        case .met: "met"
        case .missed: "MISSED"
        case .noData: "no data"
        }
    }

    /// The charts: incidents per month (a sparkline, then a bar each, the last 24 months) and
    /// per service (the 8 with most); nothing when there is no incident. With `braille` (and
    /// `unicode`), the sparkline has two months a character.
    public static func charts(_ trends: IncidentTrends, unicode: Bool, braille: Bool = false) -> [String] {
        guard !trends.incidents.isEmpty else { return [] }
        let months = Array(Charts.monthSeries(trends.byMonth).suffix(24))
        let counts = months.map(\.1)
        var lines = ["Incidents per month, \(months.first?.0 ?? "") to \(months.last?.0 ?? ""): "
                     + (braille && unicode ? Charts.brailleSparkline(counts) : Charts.sparkline(counts, unicode: unicode))]
        lines += Charts.bars(months.map { (label: $0.0, value: $0.1) }, width: 30, unicode: unicode).map { "  " + $0 }
        lines.append("Incidents per service:")
        lines += Charts.bars(trends.byService.prefix(8).map { (label: $0.0, value: $0.1) }, width: 30, unicode: unicode).map { "  " + $0 }
        return lines
    }

    /// Plain text, columns aligned, for a terminal or a pipe; charts in block elements, or in
    /// ASCII when `unicode` is false (a terminal whose locale is not UTF-8).
    public static func text(_ trends: IncidentTrends, period: String? = nil, unicode: Bool = true, braille: Bool = false) -> String {
        var lines = ["Incidents: \(trends.incidents.count), \(scope(trends, period: period)) (as of \(trends.generatedAt.iso8601))"]
        for (name, value) in counts(trends) { lines.append("\(name): \(value)") }
        lines.append("")
        let chart = charts(trends, unicode: unicode, braille: braille)
        if !chart.isEmpty { lines += chart + [""] }
        lines.append("Response times: n, median [90% interval of the median], p90, max — never a mean")
        let nameWidth = trends.metrics.map(\.name.count).max() ?? 0
        let clockWidth = trends.metrics.map(\.clocks.count).max() ?? 0
        for metric in trends.metrics {
            let d = metric.distribution
            lines.append("  " + pad(metric.name, nameWidth) + "  " + pad(metric.clocks, clockWidth) + "  n=\(d.count)"
                         + (d.count == 0 ? "" : "  median \(span(d.p50)) [\(interval(d))]  p90 \(span(d.p90))  max \(span(d.max))"))
        }
        lines.append("")
        lines += alertLines(trends)
        lines.append("Scorecard (the method's targets)")
        let scoreWidth = trends.scorecard.map(\.name.count).max() ?? 0
        let targetWidth = trends.scorecard.map(\.target.count).max() ?? 0
        for score in trends.scorecard {
            lines.append("  " + pad(mark(score.verdict), 7) + "  " + pad(score.name, scoreWidth) + "  " + pad(score.target, targetWidth)
                         + "  " + score.value)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The audit's lines for text: its summary, then the noisiest rules.
    static func alertLines(_ trends: IncidentTrends) -> [String] {
        guard let audit = trends.alerts else { return ["Alerts: the proposal inbox could not be read", ""] }
        var lines = ["Alerts: " + audit.summary]
        if !audit.noisiest.isEmpty {
            lines.append("  Noisiest (proposals dismissed · times fired in them):")
            for noise in audit.noisiest { lines.append("    \(noiseName(noise))  \(noise.dismissed) · \(noise.fired)") }
        }
        lines.append("")
        return lines
    }

    static func noiseName(_ noise: AlertAudit.Noise) -> String { noise.alert + (noise.service.map { " on " + $0 } ?? "") }

    /// Markdown: headings and tables, for a review document.
    public static func markdown(_ trends: IncidentTrends, period: String? = nil) -> String {
        var lines = ["# Incident report: \(MarkdownText.inline(scope(trends, period: period)))", "",
                     "\(trends.incidents.count) incident\(trends.incidents.count == 1 ? "" : "s"), as of \(trends.generatedAt.iso8601).", ""]
        for (name, value) in counts(trends) { lines.append("- **\(name)**: \(MarkdownText.inline(value))") }
        let chart = charts(trends, unicode: true)
        if !chart.isEmpty { lines += ["", "```"] + chart + ["```"] }
        lines += ["", "## Response times", "", "Distributions, never a mean: the median with a bootstrap 90 % interval, the 90th percentile and the largest.", "",
                  "| Metric | Between | n | Median | 90 % interval | p90 | Max |", "|---|---|---:|---:|---|---:|---:|"]
        for metric in trends.metrics {
            let d = metric.distribution
            lines.append("| \(metric.name) | \(metric.clocks) | \(d.count) | \(span(d.p50)) | \(interval(d)) | \(span(d.p90)) | \(span(d.max)) |")
        }
        lines += ["", "## Alerts", ""]
        if let audit = trends.alerts {
            lines.append(MarkdownText.inline(audit.summary) + ".")
            if !audit.noisiest.isEmpty {
                lines += ["", "| Noisiest alert | Proposals dismissed | Times fired in them |", "|---|---:|---:|"]
                for noise in audit.noisiest { lines.append("| \(MarkdownText.cell(noiseName(noise))) | \(noise.dismissed) | \(noise.fired) |") }
            }
        } else {
            lines.append("The proposal inbox could not be read.")
        }
        lines += ["", "## Scorecard", "", "| | Metric | Target | Figure |", "|---|---|---|---|"]
        for score in trends.scorecard {
            lines.append("| \(mark(score.verdict)) | \(score.name) | \(score.target) | \(MarkdownText.cell(score.value)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// CSV (RFC 4180): one row per figure, durations in seconds, for a spreadsheet.
    public static func csv(_ trends: IncidentTrends) -> String {
        var rows = [["section", "name", "detail", "n", "p50_seconds", "median_low_seconds", "median_high_seconds", "p90_seconds", "max_seconds", "verdict"]]
        for (level, count) in trends.bySeverity { rows.append(["count", "severity", level.label, String(count), "", "", "", "", "", ""]) }
        for (service, count) in trends.byService { rows.append(["count", "service", service, String(count), "", "", "", "", "", ""]) }
        for (month, count) in trends.byMonth { rows.append(["count", "month", month, String(count), "", "", "", "", "", ""]) }
        func seconds(_ span: TimeSpan?) -> String { span.map { String($0.seconds) } ?? "" }
        for metric in trends.metrics {
            let d = metric.distribution
            rows.append(["metric", metric.name, metric.clocks, String(d.count), seconds(d.p50), seconds(d.medianInterval?.lowerBound),
                         seconds(d.medianInterval?.upperBound), seconds(d.p90), seconds(d.max), ""])
        }
        if let audit = trends.alerts {
            for (name, value) in [("alerts into incidents", audit.alertsIntoIncidents), ("incidents with alerts", audit.incidentsWithAlerts),
                                  ("incidents detected by an alert", audit.incidentsDetectedByAlert),
                                  ("proposals accepted", audit.proposalsAccepted), ("proposals dismissed", audit.proposalsDismissed),
                                  ("proposals waiting", audit.proposalsWaiting), ("alerts dismissed", audit.alertsDismissed)] {
                rows.append(["alerts", name, "", String(value), "", "", "", "", "", ""])
            }
            for noise in audit.noisiest {
                rows.append(["noise", noiseName(noise), "fired \(noise.fired)", String(noise.dismissed), "", "", "", "", "", ""])
            }
        }
        for score in trends.scorecard {
            rows.append(["score", score.name, score.target + ": " + score.value, "", "", "", "", "", "", score.verdict.rawValue])
        }
        return rows.map { $0.map(CSVText.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
