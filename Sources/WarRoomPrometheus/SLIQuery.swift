import Foundation
import WarRoomCore
import WarRoomReports

/// The PromQL of an SLI's error ratio over a window, built from what the SLO file says:
///
/// - `metric`, the method's shape: the *good* ratio as a user writes it, with range selectors
///   (`sum(rate(x{…,status!~"5.."}[5m])) / sum(rate(x{…}[5m]))`). Every plain range selector's
///   duration is set to the window (subqueries `[1h:5m]` are kept), and the error ratio is
///   `1 - (metric)`.
/// - else `good_event` and `valid_event` as series selectors (`http_requests_total{code!~"5.."}`):
///   `1 - sum(rate(GOOD[w])) / sum(rate(VALID[w]))`.
///
/// A metric with a `threshold` (`histogram_quantile(0.99, …)` against `400ms at p99`) is a value,
/// not a ratio: such an SLI needs the selectors (good: the bucket at the threshold, `…_bucket{le="0.4"}`;
/// valid: `…_count`). Anything else (descriptions in words, a threshold alone, a metric with no
/// range selector to set the window in) is refused with what to write instead.
public enum SLIQuery {
    /// The error-ratio query of `sli` over `window`, or why there is none.
    public static func errorRatio(_ sli: SLODefinition.SLI, window: TimeSpan) -> Result<String, SLIQueryError> {
        let duration = promDuration(window)
        if let metric = sli.metric?.trimmingCharacters(in: .whitespacesAndNewlines), !metric.isEmpty, sli.threshold == nil {
            switch settingRanges(of: metric, to: duration) {
            case .success(let windowed): return .success("1 - (\(windowed))")
            case .failure(let error):
                // A metric without a range selector may still come with selectors for its events.
                if case .noRangeSelector = error, let pair = selectors(sli) { return .success(ratio(pair, duration)) }
                return .failure(error)
            }
        }
        if let pair = selectors(sli) { return .success(ratio(pair, duration)) }
        if sli.threshold != nil, sli.metric != nil { return .failure(.thresholdMetric(sli.name)) }
        if sli.goodEvent != nil || sli.validEvent != nil { return .failure(.eventsNotSelectors(sli.name)) }
        return .failure(.nothingToQuery(sli.name))
    }

    static func ratio(_ pair: (good: String, valid: String), _ duration: String) -> String {
        "1 - sum(rate(\(pair.good)[\(duration)])) / sum(rate(\(pair.valid)[\(duration)]))"
    }

    /// Both events written as series selectors, trimmed; nil otherwise.
    static func selectors(_ sli: SLODefinition.SLI) -> (good: String, valid: String)? {
        guard let good = sli.goodEvent?.trimmingCharacters(in: .whitespacesAndNewlines), isSelector(good),
              let valid = sli.validEvent?.trimmingCharacters(in: .whitespacesAndNewlines), isSelector(valid) else { return nil }
        return (good, valid)
    }

    /// `name`, `name{…}` or `{…}`: a metric name (letters, digits, `_`, `:`), then at most one
    /// brace block that closes at the end, quotes respected.
    public static func isSelector(_ text: String) -> Bool {
        let chars = Array(text.unicodeScalars)
        var index = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c == ":" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        func isName(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }
        if index < chars.count, isNameStart(chars[index]) {
            while index < chars.count, isName(chars[index]) { index += 1 }
        }
        let hadName = index > 0
        if index == chars.count { return hadName }
        guard chars[index] == "{" else { return false }
        guard let close = closing(chars, from: index, open: "{", close: "}"), close == chars.count - 1 else { return false }
        return hadName || close > index + 1
    }

    /// Where the bracket opened at `from` closes, string literals skipped; nil if it never does.
    static func closing(_ chars: [Unicode.Scalar], from: Int, open: Unicode.Scalar, close: Unicode.Scalar) -> Int? {
        var depth = 0
        var index = from
        var quote: Unicode.Scalar?
        while index < chars.count {
            let c = chars[index]
            if let q = quote {
                if c == "\\", q != "`" { index += 1 } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" || c == "`" {
                quote = c
            } else if c == open {
                depth += 1
            } else if c == close {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// `metric` with the duration of every plain range selector (`[5m]`, not `[1h:5m]`) set to
    /// `duration`; quoted strings are left alone.
    public static func settingRanges(of metric: String, to duration: String) -> Result<String, SLIQueryError> {
        let chars = Array(metric.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        var quote: Unicode.Scalar?
        var replaced = 0
        while index < chars.count {
            let c = chars[index]
            if let q = quote {
                out.append(c)
                if c == "\\", q != "`", index + 1 < chars.count {
                    out.append(chars[index + 1])
                    index += 1
                } else if c == q { quote = nil }
                index += 1
                continue
            }
            if c == "\"" || c == "'" || c == "`" {
                quote = c
                out.append(c)
                index += 1
                continue
            }
            if c == "[" {
                guard let close = closing(chars, from: index, open: "[", close: "]") else {
                    return .failure(.unbalanced)
                }
                let inside = String(String.UnicodeScalarView(chars[(index + 1)..<close]))
                if inside.contains(":") {
                    out.append(contentsOf: chars[index...close])
                } else {
                    out.append(contentsOf: "[\(duration)]".unicodeScalars)
                    replaced += 1
                }
                index = close + 1
                continue
            }
            out.append(c)
            index += 1
        }
        if quote != nil { return .failure(.unbalanced) }
        guard replaced > 0 else { return .failure(.noRangeSelector) }
        return .success(String(out))
    }

    /// A span as PromQL writes it: `30d`, `6h`, `5m`, `90s`, `1500ms` (the largest unit that
    /// divides it).
    public static func promDuration(_ span: TimeSpan) -> String {
        let millis = max(1, span.millis)
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)] where millis % size == 0 {
            return "\(millis / size)\(unit)"
        }
        return "\(millis)ms"
    }
}

/// Why an SLI gives no query.
public enum SLIQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    case noRangeSelector
    case unbalanced
    case eventsNotSelectors(String)
    case nothingToQuery(String)
    case thresholdMetric(String)

    public var description: String {
        switch self {
        case .noRangeSelector:
            "its metric has no range selector such as [5m] to set each window in (write the good ratio, "
                + "sum(rate(good[5m])) / sum(rate(valid[5m])), or good_event and valid_event as series selectors)"
        case .unbalanced: "its metric has a bracket or a quote that does not close"
        case let .eventsNotSelectors(name):
            "SLI '\(name)' has no metric, and its good_event and valid_event are not both series selectors "
                + "(such as http_requests_total{status!~\"5..\"}): nothing to ask Prometheus"
        case let .thresholdMetric(name):
            "SLI '\(name)' compares its metric with a threshold, which is not a ratio of good events: give good_event "
                + "and valid_event as series selectors (such as the bucket at the threshold, x_bucket{le=\"0.4\"}, and x_count)"
        case let .nothingToQuery(name):
            "SLI '\(name)' has no metric and no good_event/valid_event selectors (a threshold alone cannot be "
                + "queried): nothing to ask Prometheus"
        }
    }
}
