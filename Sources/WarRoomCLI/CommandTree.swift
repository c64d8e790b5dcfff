import ArgumentParser
import Foundation

/// The subcommands and options of `warroom`, read from ArgumentParser's own description of the
/// command tree (`_dumpHelp`), so suggestions and argument checks never drift from the commands.
struct CommandTree: Decodable {
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

    var commandName: String
    var aliases: [String]?
    var defaultSubcommand: String?
    var subcommands: [CommandTree]?
    var arguments: [Argument]?

    private struct Document: Decodable { var command: CommandTree }

    /// The tree of `Warroom`, or nil if ArgumentParser's description cannot be read (then every
    /// argument goes to ArgumentParser unchanged).
    static func load() -> CommandTree? {
        guard var tree = try? JSONDecoder().decode(Document.self, from: Data(Warroom._dumpHelp().utf8)).command else {
            return nil
        }
        tree.readDefaults(from: Warroom.self)
        return tree
    }

    /// The description leaves out default subcommands: read them from the command types.
    private mutating func readDefaults(from type: any ParsableCommand.Type) {
        defaultSubcommand = type.configuration.defaultSubcommand?._commandName
        let types = type.configuration.subcommands
        guard var subcommands else { return }
        for index in subcommands.indices {
            if let match = types.first(where: { $0._commandName == subcommands[index].commandName }) {
                subcommands[index].readDefaults(from: match)
            }
        }
        self.subcommands = subcommands
    }

    var subcommandNames: [String] { (subcommands ?? []).map(\.commandName) }

    func subcommand(named name: String) -> CommandTree? {
        (subcommands ?? []).first { $0.commandName == name || ($0.aliases ?? []).contains(name) }
    }

    var options: [Argument] { (arguments ?? []).filter { $0.kind != "positional" } }
    var positionals: [Argument] { (arguments ?? []).filter { $0.kind == "positional" } }
    /// Whether the command takes words of free text (`log WORDS…`), which may start with `-`.
    var takesText: Bool { positionals.contains { $0.isRepeating == true } }

    func option(long name: String) -> Argument? { options.first { $0.longNames.contains(name) } }
    func option(short name: Character) -> Argument? { options.first { $0.shortNames.contains(name) } }

    /// Every command of the tree, this one first.
    var all: [CommandTree] { [self] + (subcommands ?? []).flatMap(\.all) }
}
