import WarRoomCore

extension SlashCommands {
    /// What `/notify` completes to for the root-cause escalation, and records as an escalation.
    public static let nextTier = "next tier"

    /// `/amend N` may carry a multi-line text (an entry's text that Tab put in the line).
    static func isAmend(_ text: String) -> Bool {
        let first = text.prefix { $0 != " " && $0 != "\n" }.lowercased()
        return first == "/amend"
    }

    /// The text of a filter. A first word that is a command's name (`mitigating …`) is refused:
    /// the person most likely meant the command, and a filter would silently swallow it. Quotes
    /// filter for the words themselves: `"mitigating"`.
    static func filterText(_ words: [String]) throws(InputError) -> String? {
        guard let first = words.first else { return nil }
        let text = words.joined(separator: " ")
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            let inner = String(text.dropFirst().dropLast())
            return inner.isEmpty ? nil : inner
        }
        let name = first.hasSuffix("!") ? String(first.dropLast()) : first
        if let command = named(name) {
            let kindHint = TimelineItem.Kind(rawValue: name.lowercased()).map { "kind:\($0.rawValue) shows those rows; " } ?? ""
            throw InputError("Not filtered, not recorded: '\(first)' is the command /\(command.name); type /\(command.name) … to run it, "
                + "\(kindHint)or quote the words to filter for them: \"\(text)\"")
        }
        return text
    }
}
