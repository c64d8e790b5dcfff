/// SEV1 (critical) to SEV4 (low), as in the severity matrix. A lower number is more severe.
public enum Severity: Int, CaseIterable, Comparable, Sendable {
    case sev1 = 1, sev2, sev3, sev4

    /// `SEV1` … `SEV4`, the form people write and the form stored.
    public var label: String { "SEV\(rawValue)" }

    /// The matrix's name for the level: Critical, Major, Moderate, Low.
    public var name: String {
        switch self {
        case .sev1: "Critical"
        case .sev2: "Major"
        case .sev3: "Moderate"
        case .sev4: "Low"
        }
    }

    /// The method's "single brain to decide": at this level the Incident Commander must hold no
    /// other role (SEV1 and SEV2).
    public var needsUndividedCommander: Bool {
        switch self {
        case .sev1, .sev2: true
        case .sev3, .sev4: false
        }
    }

    /// The valid spellings, for error messages and help: `SEV1, SEV2, SEV3 or SEV4`.
    public static let choices = Choices.list(allCases.map(\.label))

    /// One level more severe; SEV1 stays SEV1.
    public var upgraded: Severity { Severity(rawValue: rawValue - 1) ?? .sev1 }

    /// True when `self` is more severe than `other`.
    public func isMoreSevere(than other: Severity) -> Bool { rawValue < other.rawValue }

    /// "More severe" sorts first, so `min` of severities is the most severe.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Reads `SEV2`, `sev2`, `Sev 2` or `2`.
    public static func parse(_ text: String) throws(CommandError) -> Severity {
        var rest = Substring(text.trimmingSpaces.lowercased())
        if rest.hasPrefix("sev") { rest = rest.dropFirst(3).trimmingSpaces }
        if rest.count == 1, let digit = rest.first?.wholeNumberValue, let level = Severity(rawValue: digit) {
            return level
        }
        throw .unknownSeverity(text)
    }
}

extension Severity: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try Severity.parse(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }
}

extension Severity: CustomStringConvertible {
    public var description: String { label }
}
