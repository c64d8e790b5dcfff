
/// The alphabet of incident ids, checked at every entry point (`--incident`, `open ID`, imports):
/// ids become tmux session names, file names and bare words in every listing, so `..` or `a/b`
/// must never get in.
public enum IncidentIDRule {
    /// The longest id accepted.
    public static let maximumLength = 32
    /// What is accepted, for error messages.
    public static let accepted = "letters, digits and '-', starting with a letter or digit, at most 32 characters (e.g. INC-12)"

    /// True for `INC-12`, `ops-2026-3`; false for `..`, `a/b`, `-x`, `""`, 33 characters.
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= maximumLength, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// The id `text` names: `3` and `inc-3` mean `INC-3`; anything else as typed. Throws a
    /// message naming the accepted alphabet when the result is not a valid id.
    public static func normalized(_ text: String) throws(IncidentIDError) -> IncidentID {
        let trimmed = String(text.trimmedOf(" \t"))
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return try checked("INC-" + trimmed, typed: text) }
        if trimmed.uppercased().hasPrefix("INC-") { return try checked("INC-" + trimmed.dropFirst(4), typed: text) }
        return try checked(trimmed, typed: text)
    }

    private static func checked(_ id: String, typed: String) throws(IncidentIDError) -> IncidentID {
        guard isValid(id) else { throw IncidentIDError(text: typed) }
        return id
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

/// A typed or imported incident id outside `IncidentIDRule`'s alphabet.
public struct IncidentIDError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// Wraps the refused text.
    public init(text: String) { self.text = text }
    public var description: String { "'\(text)' is not an incident id: use \(IncidentIDRule.accepted)" }
}

extension String {
    fileprivate func trimmedOf(_ set: String) -> Substring {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return slice
    }
}
