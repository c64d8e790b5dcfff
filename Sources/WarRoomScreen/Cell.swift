/// One terminal cell: a grapheme and the role it is drawn in. A wide grapheme (CJK, emoji)
/// occupies its cell and the next one, which holds `continuation`.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; empty for the right half of a wide grapheme.
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .text) {
        self.text = text
        self.role = role
    }

    public static let blank = Cell(" ", .text)
    /// The right half of a wide grapheme: draws nothing of its own.
    public static func continuation(_ role: StyleRole) -> Cell { Cell("", role) }

    public var isContinuation: Bool { text.isEmpty }
}
