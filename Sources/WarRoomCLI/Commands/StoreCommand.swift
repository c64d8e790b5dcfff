import ArgumentParser

/// `warroom store …`: the stores themselves rather than an incident in one.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "store", subcommands: [StoreInit.self, StoreCopy.self, StoreDevServer.self])
}
