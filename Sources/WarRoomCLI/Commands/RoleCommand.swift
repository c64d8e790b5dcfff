import ArgumentParser
import WarRoomCore

struct RoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "role", subcommands: [Assign.self])

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(table: "role assign")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The role: its name, alias or full title.") var role: Role
        @Argument(help: "Who takes it.") var name: String
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            try Recording.run(global, at: at, json: output.json, command: .assignRole(role, person: name))
        }
    }
}
