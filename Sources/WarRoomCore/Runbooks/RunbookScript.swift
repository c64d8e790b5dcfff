/// What running a runbook's code block would do: the shell and the script it is given, or why
/// the block is not run. The runbook view runs a block only through this, after the person at the
/// terminal confirmed the exact script shown. Pure.
public enum RunbookScript: Hashable, Sendable {
    /// Run `arguments` (`bash -c SCRIPT`); `script` is what the confirmation shows.
    case run(arguments: [String], script: String)
    /// A block in a language that is not a shell (`yaml`, `promql`, `sql`): shown, never run.
    case notShell(language: String)
    /// The block holds placeholders to fill in first (`<pod>`, `{{namespace}}`): run as written,
    /// `<pod>` would be read as a redirection.
    case placeholders([String])
    /// Nothing but blank lines and comments.
    case empty

    /// The info strings taken for a shell, and the shell each runs in: an untagged block is taken
    /// for the shell most runbooks are written for.
    static let shells: [String: String] = [
        "bash": "bash", "shell": "bash", "console": "bash", "shell-session": "bash", "terminal": "bash",
        "sh": "sh", "zsh": "zsh",
    ]

    /// The most placeholders named in a refusal.
    static let placeholderLimit = 5

    public init(_ block: RunbookCodeBlock) {
        let shell: String
        if let language = block.language {
            guard let named = Self.shells[language.lowercased()] else {
                self = .notShell(language: language)
                return
            }
            shell = named
        } else {
            shell = "bash"
        }
        let script = Self.commands(in: block.text)
        let meaningful = script.split(separator: "\n").contains { line in
            let trimmed = line.trimmingSpaces
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }
        guard meaningful else {
            self = .empty
            return
        }
        let found = Self.placeholders(in: script)
        guard found.isEmpty else {
            self = .placeholders(found)
            return
        }
        self = .run(arguments: [shell, "-c", script], script: script)
    }

    /// The commands of a block's text. A block in the `$ command` style of a terminal session
    /// keeps its prompted lines (the prompt taken off) and their `\` continuations, and leaves out
    /// the output shown between them; any other block is its text.
    static func commands(in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func prompted(_ line: String) -> String? {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("$ ") || trimmed == "$" else { return nil }
            return String(trimmed.dropFirst(trimmed.hasPrefix("$ ") ? 2 : 1))
        }
        guard lines.contains(where: { prompted($0) != nil }) else { return text }
        var kept: [String] = []
        var continuing = false
        for line in lines {
            if let command = prompted(line) {
                kept.append(command)
            } else if continuing {
                kept.append(line)
            } else {
                continue
            }
            continuing = kept.last?.hasSuffix("\\") == true
        }
        return kept.joined(separator: "\n")
    }

    /// The placeholders in `script`, once each, in order, at most `placeholderLimit`: `<pod-name>`
    /// (a word between angle brackets, not a `<<EOF` here-document or `<(…)`), and `{{ name }}`.
    static func placeholders(in script: String) -> [String] {
        var found: [String] = []
        func note(_ text: String) {
            if !found.contains(text), found.count < placeholderLimit { found.append(text) }
        }
        let characters = Array(script)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "<", index + 1 < characters.count, characters[index + 1].isLetter,
               index == 0 || characters[index - 1] != "<" {
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || "_-.:".contains(characters[end]) {
                    end += 1
                }
                if end < characters.count, characters[end] == ">" {
                    note(String(characters[index...end]))
                    index = end + 1
                    continue
                }
            }
            if character == "{", index + 1 < characters.count, characters[index + 1] == "{" {
                var end = index + 2
                while end + 1 < characters.count, !(characters[end] == "}" && characters[end + 1] == "}"), characters[end] != "\n" {
                    end += 1
                }
                if end + 1 < characters.count, characters[end] == "}", characters[end + 1] == "}" {
                    note(String(characters[index...(end + 1)]))
                    index = end + 2
                    continue
                }
            }
            index += 1
        }
        return found
    }
}
