import ArgumentParser
import WarRoomCore

struct RoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Assign or hand off an incident role.", subcommands: [Assign.self])

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a role to someone; if someone held it, this is a handoff.",
            discussion: "Roles: \(Role.allCases.map(\.choice).joined(separator: ", ")).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "\(Choices.bar(Role.names)) (or \(Role.allCases.compactMap(\.alias).joined(separator: ", "))).") var role: String
        @Argument(help: "Who takes it.") var name: String
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let role = try Role.parse(role)
            try Recording.run(global, at: at, json: output.json) { _ in .assignRole(role, person: name) }
        }
    }
}
