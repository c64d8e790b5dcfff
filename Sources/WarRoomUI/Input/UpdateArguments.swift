import WarRoomCore

/// How `/update` reads its audience, so that a typo never posts to the wrong people.
///
/// The rule, which cannot misfile:
/// - `/update` alone opens the engineering draft; `/update NAME` (one word) opens NAME's draft when
///   NAME is an audience or the start of exactly one (`/update exec`); any other single word is
///   refused, since a one-word "update" is far likelier a mistyped audience than a message.
/// - A first word with a colon (`execs:`, `customer:`, `e:`) must name an audience: exactly, or as
///   the start of exactly one (`exec:` → executives). Anything else is refused with the choices.
/// - A first word without a colon that is, starts, or is close to an audience, followed by more
///   words (`/update executives mitigated`), is refused: the colon is asked for, because without it
///   the whole line would be posted to engineering.
/// - Otherwise the text is what was sent to engineering (`/update mitigated, monitoring`).
enum UpdateArguments {
    static let names = Audience.allCases.map(\.rawValue)
    /// The accepted forms, for messages.
    static let choices = Choices.list(names.map { $0 + ":" })

    static func parse(_ args: [String]) throws(InputError) -> InputAction {
        guard let first = args.first else { return .composeUpdate(.engineering) }
        var words = Array(args.dropFirst())
        if let colon = first.firstIndex(of: ":") {
            let name = String(first[..<colon])
            // `14:05 rolled back` is text; `execs:` and `e:` are (meant as) audiences.
            if name.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) {
                let audience = try audience(named: name)
                let after = String(first[first.index(after: colon)...])
                if !after.isEmpty { words.insert(after, at: 0) }
                guard let text = SlashCommands.rest(words, from: 0) else { return .composeUpdate(audience) }
                return .record(.postUpdate(audience: audience, text: text), at: nil)
            }
        }
        let extending = Suggestion.extending(first, among: names)
        if words.isEmpty {
            if extending.count == 1, let audience = Audience(rawValue: extending[0]) { return .composeUpdate(audience) }
            if extending.count > 1 {
                throw InputError("Not posted: '\(first)' could be \(orList(extending)); type more of the name (/update \(extending[0]))")
            }
            let hint = Suggestion.didYouMean(first, among: names)
            throw InputError("Not posted: '\(first)' is not an audience\(hint). To record a sent update, name who got it: "
                + "/update engineering: \(first); /update \(names.joined(separator: "|")) opens a draft")
        }
        let text = ([first] + words).joined(separator: " ")
        if !extending.isEmpty || Suggestion.closest(to: first, among: names) != nil {
            let meant = extending.count == 1 ? extending[0] : (extending.isEmpty ? Suggestion.closest(to: first, among: names) : nil)
            let fix = meant.map { "/update \($0): \(words.joined(separator: " "))" } ?? "/update AUDIENCE: \(words.joined(separator: " "))"
            throw InputError("Not posted: '\(first)' looks like an audience without its colon: type \(fix) "
                + "(or /update engineering: \(text) to post all of it to engineering)")
        }
        return .record(.postUpdate(audience: .engineering, text: text), at: nil)
    }

    /// The audience a name before a colon means: exact, or the start of exactly one.
    static func audience(named name: String) throws(InputError) -> Audience {
        guard !name.isEmpty else {
            throw InputError("Not posted: no audience before the colon; use \(choices) (/update executives: mitigated)")
        }
        if let exact = Audience(rawValue: name.lowercased()) { return exact }
        let extending = Suggestion.extending(name, among: names)
        if extending.count == 1, let audience = Audience(rawValue: extending[0]) { return audience }
        if extending.count > 1 {
            throw InputError("Not posted: '\(name):' could be \(orList(extending.map { $0 + ":" })); type more of the name")
        }
        throw InputError("Not posted: unknown audience '\(name)'\(Suggestion.didYouMean(name, among: names)); use \(choices)")
    }

    /// `a`, `a or b`, `a, b or c` (or `and`).
    static func orList(_ items: [String], _ conjunction: String = "or") -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
    }
}
