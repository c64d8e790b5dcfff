/// The one way a fixed list of words is written out for people: in help, in error messages and in
/// usage lines, so no list of choices is ever typed by hand (and none goes stale when a case is added).
public enum Choices {
    /// `a, b, c or d` (`last` joins the final two; one word alone is itself).
    public static func list(_ words: [String], last: String = "or") -> String {
        guard let final = words.last else { return "" }
        guard words.count > 1 else { return final }
        return words.dropLast().joined(separator: ", ") + " \(last) " + final
    }

    /// `a|b|c`: a usage line's alternatives.
    public static func bar(_ words: [String]) -> String { words.joined(separator: "|") }
}

extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    /// Every case's name, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }
}
