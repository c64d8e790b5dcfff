import Foundation
import WarRoomCore

/// A mistake in how `warroom` was called, found before ArgumentParser sees the arguments.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// Looks at the arguments before ArgumentParser does, because ArgumentParser reads every word that
/// starts with `-` as options: `warroom log "- rolled back the flag"` was `-h` among others, so it
/// printed the help and exited 0, recording nothing. Here:
/// - a word that cannot be an option (`- rolled back`, `-5% errors`, `->`) is text: it is passed
///   after a `--`, where ArgumentParser takes every word as text;
/// - an option's value that starts with `-` (`--reason "-"`, `--text -x`, `--at -5m`) is passed as
///   `--name=VALUE`, unless it is itself a known option (then the value is missing, and
///   ArgumentParser says so);
/// - an unknown subcommand, a first word that is neither a subcommand nor an incident id
///   (`warroom lgo hi`), and an unknown option are refused with a did-you-mean from the real
///   command tree, and a hint to use `--` when the command takes text.
enum ArgumentGuard {
    /// The arguments to give ArgumentParser, in canonical order (subcommands, options, text), or
    /// the arguments unchanged for the root's own help and version.
    static func prepare(_ arguments: [String], tree: CommandTree) throws(UsageError) -> [String] {
        var command = tree
        var path: [String] = []
        var options: [String] = []
        var typedOptions: [OptionToken] = []
        var positionals: [String] = []
        // The words as typed that are text or no option at all, in order: the `--` hint's example.
        var textual: [String] = []
        var terminated = false
        // The words before a subcommand name are read with the options every subcommand shares.
        // (`actions --owner bob`: the options of a default subcommand come before its implicit name.)
        var everyOption: [CommandTree.Argument] {
            command.options + (command.defaultSubcommand.flatMap { command.subcommand(named: $0) }?.options ?? [])
                + CommandTree.shared
        }
        func argument(for option: OptionToken) -> CommandTree.Argument? {
            switch option.name {
            case .long(let name):
                // A mistyped option (`--incdent 3 show`) takes a value as the one meant would, so
                // the words after it are read as they were meant; it is refused below.
                command.option(long: name) ?? everyOption.first { $0.longNames.contains(name) }
                    ?? Suggestion.closest(to: name, among: everyOption.flatMap(\.longNames)).flatMap { meant in everyOption.first { $0.longNames.contains(meant) } }
            case .short(let letters):
                letters.count == 1 ? (command.option(short: letters[0]) ?? everyOption.first { $0.shortNames.contains(letters[0]) }) : nil
            }
        }
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if token == "--" {
                positionals += arguments[index...]
                textual += arguments[index...]
                terminated = true
                break
            }
            // `exec kubectl get pods -o wide --store x`: the program's words, all of them.
            if command.passesCommandLine, OptionToken(token) == nil {
                positionals += arguments[(index - 1)...]
                textual += arguments[(index - 1)...]
                terminated = true
                break
            }
            if let option = OptionToken(token) {
                // The root's own flags, and ArgumentParser's hidden tooling flags, as they are.
                if path.isEmpty, positionals.isEmpty, option.isRootBuiltin { return arguments }
                typedOptions.append(option)
                options.append(token)
                if argument(for: option) == nil { textual.append(token) }
                // `--store=` names no value: ArgumentParser would take the next word (reordered, a
                // text word) as it, and `log x --store=` would record into a store named "x".
                if option.inlineValue == "", let known = argument(for: option), known.takesValue {
                    throw UsageError(description: "'\(token)' needs a value (\(token)VALUE); nothing was done")
                }
                guard option.inlineValue == nil, let known = argument(for: option), known.takesValue else { continue }
                // Said here: once the words are reordered, ArgumentParser would take a text word as the value.
                let next = index < arguments.count ? arguments[index] : nil
                let nextIsOption = next.flatMap(OptionToken.init).map { $0.isHelp || argument(for: $0) != nil } ?? false
                guard let value = next, !nextIsOption else {
                    throw UsageError(description: "'\(token)' needs a value (\(token) VALUE; a value that starts with '-' is fine); nothing was done")
                }
                index += 1
                if value.hasPrefix("-"), let long = known.longNames.first {
                    options[options.count - 1] = "--\(long)=\(value)"
                } else {
                    options.append(value)
                }
                continue
            }
            if positionals.isEmpty, !token.hasPrefix("-"), !command.subcommands.isEmpty {
                if let sub = command.subcommand(named: token) {
                    path.append(sub.commandName)
                    command = sub
                    continue
                }
                if path.isEmpty, token == "help" { return arguments }
                if let name = command.defaultSubcommand, let fallback = command.subcommand(named: name),
                   path.isEmpty ? looksLikeIncidentID(token) : !fallback.positionals.isEmpty {
                    path.append(name)
                    command = fallback
                } else {
                    throw unknownSubcommand(token, of: command, path: path)
                }
            }
            positionals.append(token)
            textual.append(token)
        }
        if !command.subcommands.isEmpty, let name = command.defaultSubcommand,
           let fallback = command.subcommand(named: name) {
            path.append(name)
            command = fallback
        }
        for option in typedOptions where !option.isHelp {
            if case .long(let name) = option.name, command.option(long: name) != nil { continue }
            if case .short(let letters) = option.name, letters.allSatisfy({ command.option(short: $0) != nil }) { continue }
            // The example keeps the options that were understood (`--store`, `--incident` …), so
            // running it records where the first try meant to.
            let understood = options.filter { !textual.contains($0) }
            throw unknownOption(option, of: command, path: path, options: understood, text: textual)
        }
        let needsTerminator = terminated || positionals.contains { $0.hasPrefix("-") }
        return path + options + (needsTerminator ? ["--"] : []) + positionals
    }

    /// What `warroom WORD` may open: `3`, `INC-3`, `#3`, an imported `OPS_2026.3`. A word without a
    /// digit is far likelier a mistyped subcommand (`warroom lgo`, `warroom tiemline`).
    static func looksLikeIncidentID(_ word: String) -> Bool {
        word.contains(where: \.isNumber) || word.uppercased().hasPrefix("INC")
    }

    static func unknownSubcommand(_ word: String, of command: CommandTree, path: [String]) -> UsageError {
        let names = command.subcommandNames
        let at = path.isEmpty ? "" : " of `warroom \(path.joined(separator: " "))`"
        var message = "unknown \(path.isEmpty ? "command" : "subcommand") '\(word)'\(at)"
            + Suggestion.didYouMean(word, among: names) + ": use " + names.joined(separator: ", ")
        if path.isEmpty { message += " (to open an incident by its id: `warroom open \(word)`)" }
        return UsageError(description: message)
    }

    static func unknownOption(_ option: OptionToken, of command: CommandTree, path: [String],
                              options: [String] = [], text: [String]) -> UsageError {
        let longs = command.options.flatMap(\.longNames) + ["help"]
        let typed: String
        switch option.name {
        case .long(let name): typed = name
        case .short(let letters): typed = String(letters)
        }
        let guess = Suggestion.closest(to: typed, among: longs)
        let name = (["warroom"] + path).joined(separator: " ")
        var message = "unknown option '\(option.text)' for `\(name)`" + (guess.map { " (did you mean '--\($0)'?)" } ?? "")
        if command.takesText {
            let example = (["warroom"] + path + options.map(shellQuoted) + ["--"] + text.map(shellQuoted)).joined(separator: " ")
            message += "; to give text that starts with '-', put `--` before it: `\(example)`"
        }
        return UsageError(description: message + "; nothing was done; see `\(name) --help`")
    }

    /// A word as a shell would need it in an example.
    static func shellQuoted(_ word: String) -> String { CommandRun.shellQuoted(word) }
}

/// A word that has the shape of an option: `--name`, `--name=value`, `-x`, `-xyz`. Words that
/// start with `-` but have no such shape (`- rolled back`, `-5m`, `->`, one word with a space in
/// its name) are text.
struct OptionToken {
    enum Name {
        case long(String)
        case short([Character])
    }
    var text: String
    var name: Name
    var inlineValue: String?

    init?(_ word: String) {
        let isLong = word.hasPrefix("--")
        guard word.hasPrefix("-") else { return nil }
        let body = word.dropFirst(isLong ? 2 : 1)
        let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        // One word with a space in its name was quoted as text (`"- rolled back"`, `"-rolled back"`).
        guard let name = parts.first, let first = name.first, !name.contains(where: \.isWhitespace) else { return nil }
        // `-5m`, `->`, `-é`: text. Any other `--word` is meant as an option, known or not.
        if !isLong { guard first.isASCII, first.isLetter else { return nil } }
        text = word
        inlineValue = parts.count > 1 ? String(parts[1]) : nil
        self.name = isLong ? .long(String(name)) : .short(Array(name))
    }

    var isHelp: Bool {
        switch name {
        case .long(let name): name == "help"
        case .short(let letters): letters == ["h"] || String(letters) == "help"
        }
    }

    /// `warroom --help`, `-h`, `--version`, and ArgumentParser's hidden tooling flags.
    var isRootBuiltin: Bool {
        guard case .long(let name) = self.name else { return isHelp }
        return ["help", "version", "generate-completion-script", "experimental-dump-help"].contains(name)
            || name.hasPrefix("experimental")
    }
}
