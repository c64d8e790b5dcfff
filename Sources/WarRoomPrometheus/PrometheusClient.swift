import Foundation
import WarRoomCore
import WarRoomHTTP

/// What an instant query answered: one number, or nothing to go on (an empty vector, NaN: no
/// events in the window, or no series matched).
public enum PrometheusValue: Hashable, Sendable {
    case number(Double)
    case noData

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// Why a query gave no value, naming the server, the query and what came back.
public struct PrometheusError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server's URL, without any user or password in it.
    public var url: String
    public var query: String
    public var reason: String

    public init(url: String, query: String, reason: String) {
        self.url = url
        self.query = query
        self.reason = reason
    }

    /// Whether the server could not be reached at all (asking it more would only wait again).
    public var unreachable = false

    public var description: String { "Prometheus at \(url), query \(query): \(reason)" }
}

/// `GET /api/v1/query?query=…&time=…` against one Prometheus server, on WarRoomHTTP's client.
public final class PrometheusClient: @unchecked Sendable {
    public let baseURL: String
    public let timeout: Int
    private let http: HTTPClient

    /// `baseURL` as configured (`http://prometheus:9090`, with or without a path prefix).
    public init(baseURL: String, timeout: Int = 10, http: HTTPClient = HTTPClient()) {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.timeout = max(1, timeout)
        self.http = http
    }

    /// The URL as messages show it: no `user:password@`.
    public var shownURL: String { Self.withoutUserInfo(baseURL) }

    static func withoutUserInfo(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.user != nil || parts.password != nil else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }

    /// The request URL of `query` at `time`.
    public func requestURL(_ query: String, at time: Timestamp) -> String {
        // ASCII letters and digits only: `alphanumerics` would let other scripts through unencoded.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return baseURL + "/api/v1/query?query=" + encoded + "&time=" + Self.seconds(time)
    }

    /// `1764684000.5`: Prometheus's time, seconds since the epoch.
    static func seconds(_ time: Timestamp) -> String {
        let whole = time.millis / 1000, rest = time.millis % 1000
        if rest == 0 { return String(whole) }
        if time.millis < 0 { return String(format: "%.3f", Double(time.millis) / 1000) }
        return "\(whole)." + String(format: "%03d", Int(rest))
    }

    /// Runs `query` at `time`: one number, or no data, or why not.
    public func query(_ query: String, at time: Timestamp) -> Result<PrometheusValue, PrometheusError> {
        func failure(_ reason: String, unreachable: Bool = false) -> Result<PrometheusValue, PrometheusError> {
            var error = PrometheusError(url: shownURL, query: query, reason: reason)
            error.unreachable = unreachable
            return .failure(error)
        }
        switch http.send("GET", requestURL(query, at: time), headers: [("Accept", "application/json")], body: [], timeout: timeout) {
        case .failure(let transport):
            return failure(transport.description, unreachable: true)
        case .success(let answer):
            return Self.interpret(answer.status, answer.body, contentType: answer.header("Content-Type"))
                .mapError { PrometheusError(url: shownURL, query: query, reason: $0.text) }
        }
    }

    /// What an answer means (`status` and `body`), or the reason worded for a person.
    static func interpret(_ status: Int, _ body: [UInt8], contentType: String?) -> Result<PrometheusValue, Reason> {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        if let object, object["status"] as? String == "error" {
            let kind = object["errorType"] as? String ?? "unknown"
            let message = object["error"] as? String ?? "no message"
            return fail("the server answered HTTP \(status), \(kind): \(message)")
        }
        guard (200..<300).contains(status) else {
            return fail("the server answered HTTP \(status)" + excerpt(body))
        }
        guard let object else { return fail("the answer is not Prometheus's JSON" + excerpt(body)) }
        guard object["status"] as? String == "success", let data = object["data"] as? [String: Any],
              let type = data["resultType"] as? String else {
            return fail("the answer has no status \"success\" with data.resultType" + excerpt(body))
        }
        switch type {
        case "scalar":
            guard let pair = data["result"] as? [Any] else { return fail("a scalar answer without its [time, value]" + excerpt(body)) }
            return sampleValue(pair, body)
        case "vector":
            guard let series = data["result"] as? [Any] else { return fail("a vector answer without its result list" + excerpt(body)) }
            if series.isEmpty { return .success(.noData) }
            guard series.count == 1 else {
                return fail("the query gave \(series.count) series, not one (sum the SLI's expression so it gives a single ratio)")
            }
            guard let sample = series[0] as? [String: Any], let pair = sample["value"] as? [Any] else {
                return fail("a vector sample without its value" + excerpt(body))
            }
            return sampleValue(pair, body)
        default:
            return fail("the query gave a \(type), not an instant number (is it a range query, or a string?)")
        }
    }

    static func sampleValue(_ pair: [Any], _ body: [UInt8]) -> Result<PrometheusValue, Reason> {
        guard pair.count == 2, let text = pair[1] as? String else { return fail("a sample that is not [time, \"value\"]" + excerpt(body)) }
        switch text {
        case "NaN", "+Inf", "-Inf", "Inf": return .success(.noData)
        default:
            guard let value = Double(text), value.isFinite else { return fail("a sample value '\(text)' that is not a number") }
            return .success(.number(value))
        }
    }

    /// Why an answer means no value, worded for a person.
    struct Reason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    static func fail(_ text: String) -> Result<PrometheusValue, Reason> { .failure(Reason(text)) }

    /// `: «the first 200 characters»`, controls shown as `?`.
    static func excerpt(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return " (empty body)" }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined()
        return ": «\(text)\(body.count > 200 ? "…" : "")»"
    }
}
