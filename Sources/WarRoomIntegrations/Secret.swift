/// A credential (an API key, a routing key, a webhook secret, a secret URL): its value is only
/// ever read through `value`, and every description, debug print and mirror shows `***`.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential itself: for the HTTP client only.
    public let value: String

    /// Wraps an already-resolved credential (read inline from a 0600 file, or from `env:VAR`).
    public init(_ value: String) { self.value = value }

    /// Always `***`.
    public var description: String { "***" }
    /// Always `***`.
    public var debugDescription: String { "***" }
    /// `dump` shows `***` too.
    public var customMirror: Mirror { Mirror(self, children: ["value": "***"]) }
}
