import ArgumentParser
import WarRoomCore

extension CommandConfiguration {
    /// The configuration of the subcommand at `path` (`hypothesis confirm`): its name, abstract
    /// and discussion come from its row in `CommandTable`, which the war room's help shares.
    /// A path without a row gets an empty help, which `CommandTableTests` refuses.
    init(table path: String, subcommands: [any ParsableCommand.Type] = [],
         defaultSubcommand: (any ParsableCommand.Type)? = nil) {
        let form = CommandTable.cli(path)
        self.init(commandName: form?.name ?? String(path.split(separator: " ").last ?? Substring(path)),
                  abstract: form?.abstract ?? "", discussion: form?.discussion ?? "",
                  subcommands: subcommands, defaultSubcommand: defaultSubcommand)
    }
}
