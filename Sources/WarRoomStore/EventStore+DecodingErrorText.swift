import Foundation

/// Decoding errors in words a person can act on, for every backend and for imported lines.
public enum DecodingErrorText {
    /// A decoding error in words a person can act on, naming the field (`missing field 'data.text'`,
    /// `at: 'x' is not an ISO 8601 UTC time …`): the one wording for stored events and imported lines.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            // JSONDecoder's own text here is `No value associated with key CodingKeys(stringValue: …)`.
            return "missing field '\((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context),
             DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context):
            let at = context.codingPath.map(\.stringValue).joined(separator: ".")
            return at.isEmpty ? context.debugDescription : "\(at): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
