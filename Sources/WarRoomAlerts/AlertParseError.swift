/// Why a webhook body was refused: each case says what was wrong, where (a JSON path such as
/// `alerts[1].labels.severity`), and what is accepted. The server answers 400 (413 for `tooLarge`)
/// and records nothing.
public enum AlertParseError: Error, Equatable, Sendable {
    /// The body is bigger than the limit; checked before any parsing.
    case tooLarge(bytes: Int, limit: Int)
    /// An empty body.
    case empty
    /// Not JSON at all (or not UTF-8): the parser's own words in `detail`.
    case notJSON(detail: String)
    /// Arrays and objects nested deeper than the limit: refused before parsing so no input can
    /// exhaust the stack.
    case tooDeep(limit: Int)
    /// A value that must be an object is something else (`path` is `body` for the whole body).
    case notAnObject(path: String, found: String)
    /// A required field is absent.
    case missingField(path: String, hint: String)
    /// A field holds the wrong JSON type.
    case wrongType(path: String, expected: String, found: String)
    /// A field holds a value outside its accepted set (an alert `status`, say).
    case badValue(path: String, value: String, accepted: String)
    /// The payload's `version` is not the one understood.
    case unsupportedVersion(format: AlertFormat, found: String, accepted: String)
    /// A time that is not RFC 3339 (`2026-11-28T14:02:00Z`, fractional seconds and offsets allowed).
    case badTime(path: String, value: String)
    /// More alerts in one payload than the limit.
    case tooManyAlerts(count: Int, limit: Int)
    /// A format name (from `--format` or the request path) that is not one of the three.
    case unknownFormat(name: String, suggestion: String)
}

extension AlertParseError: CustomStringConvertible {
    /// One sentence for the sender (the HTTP answer's body) and for `warroom alerts ingest`.
    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            "the body is \(bytes) bytes, over the limit of \(limit) bytes; nothing was recorded"
        case .empty:
            "the body is empty; a webhook sends one JSON object; nothing was recorded"
        case .notJSON(let detail):
            "the body is not JSON (\(detail)); nothing was recorded"
        case .tooDeep(let limit):
            "the body nests arrays and objects more than \(limit) deep; no alert format does; nothing was recorded"
        case .notAnObject(let path, let found):
            "\(path) is \(found), not a JSON object; nothing was recorded"
        case .missingField(let path, let hint):
            "\(path) is missing\(hint.isEmpty ? "" : " (\(hint))"); nothing was recorded"
        case .wrongType(let path, let expected, let found):
            "\(path) is \(found), expected \(expected); nothing was recorded"
        case .badValue(let path, let value, let accepted):
            "\(path) is '\(value)', expected \(accepted); nothing was recorded"
        case .unsupportedVersion(let format, let found, let accepted):
            "\(format.rawValue) payload version '\(found)' is not supported (accepted: \(accepted)); nothing was recorded"
        case .badTime(let path, let value):
            "\(path) is '\(value)', not an RFC 3339 time such as 2026-11-28T14:02:00Z; nothing was recorded"
        case .tooManyAlerts(let count, let limit):
            "the payload carries \(count) alerts, over the limit of \(limit); nothing was recorded"
        case .unknownFormat(let name, let suggestion):
            "unknown alert format '\(name)'\(suggestion); accepted: \(AlertFormat.choices)"
        }
    }
}
