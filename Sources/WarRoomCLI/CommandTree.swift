import ArgumentParser
import Foundation

/// The subcommands and options of `warroom`, read from the command types and from
/// ArgumentParser's own description of each command's arguments (`_dumpHelp`), so suggestions and
/// argument checks never drift from the commands. Arguments are described only for the commands
/// an invocation reaches: describing the whole tree costs hundreds of milliseconds.
final class CommandTree {
    /// One option, flag or positional argument.
    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var names: [Name]?
        var isRepeating: Bool?

        var takesValue: Bool { kind == "option" }
        var longNames: [String] { (names ?? []).filter { $0.kind != "short" }.map(\.name) }
        var shortNames: [Character] { (names ?? []).filter { $0.kind == "short" }.compactMap(\.name.first) }
    }

    private struct Document: Decodable {
        struct Command: Decodable { var arguments: [Argument]? }
        var command: Command
    }

    let type: any ParsableCommand.Type

    init(_ type: any ParsableCommand.Type) { self.type = type }

    /// The tree of `Warroom`.
    static func load() -> CommandTree { CommandTree(Warroom.self) }

    var commandName: String { type._commandName }
    var defaultSubcommand: String? { type.configuration.defaultSubcommand?._commandName }
    lazy var subcommands: [CommandTree] = type.configuration.subcommands.map(CommandTree.init)
    /// The root has only help and version of its own (and describing it would describe everything).
    lazy var arguments: [Argument] = type == Warroom.self ? [] : Self.arguments(of: type)

    /// The options every subcommand shares (store, incident, author, --at, --json, the screen's),
    /// for reading the words before a subcommand name.
    static let shared: [Argument] = [GlobalOptions.self, AtOption.self, JSONFlag.self, ScreenOptions.self]
        .flatMap { arguments(of: $0) }

    static func arguments(of type: any ParsableArguments.Type) -> [Argument] {
        (try? JSONDecoder().decode(Document.self, from: Data(type._dumpHelp().utf8)).command.arguments) ?? []
    }

    var subcommandNames: [String] { subcommands.map(\.commandName) }

    func subcommand(named name: String) -> CommandTree? {
        subcommands.first { $0.commandName == name || $0.type.configuration.aliases.contains(name) }
    }

    var options: [Argument] { arguments.filter { $0.kind != "positional" } }
    var positionals: [Argument] { arguments.filter { $0.kind == "positional" } }
    /// Whether every word from the first that is not an option is another program's (`exec`).
    var passesCommandLine: Bool { type is any PassesCommandLine.Type }
    /// Whether the command takes words of free text (`log WORDS…`), which may start with `-`.
    var takesText: Bool { positionals.contains { $0.isRepeating == true } }

    func option(long name: String) -> Argument? { options.first { $0.longNames.contains(name) } }
    func option(short name: Character) -> Argument? { options.first { $0.shortNames.contains(name) } }
}
