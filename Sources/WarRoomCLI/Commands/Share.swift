import ArgumentParser
import Foundation
import WarRoomStore
import WarRoomText

struct Share: ParsableCommand {
    static let configuration = CommandConfiguration(table: "share")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var screen: ScreenOptions
    @Option(help: ArgumentHelp("A private tmux server (tmux -L NAME); default: your usual one.", valueName: "name"))
    var socket: String?
    @Flag(help: "Print the commands without starting tmux.") var dryRun = false

    func run() throws {
        let session = try Session(global)
        let incident = try session.resolveIncident(global.incident)
        // The id names a tmux session and is passed to a shell: an id stored before ids were
        // restricted (an import of `..`, `a b`) is refused here rather than quoted into tmux.
        guard IncidentIDRule.isValid(incident) else {
            throw UserFacingError("the incident id '\(incident)' cannot name a tmux session (ids are "
                + "\(IncidentIDRule.accepted)); open it without sharing: warroom open --incident '\(incident)'; nothing was started")
        }
        let name = "warroom-\(incident)"
        var tmux = ["tmux"]
        if let socket { tmux += ["-L", socket] }
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var command = [binary, "open", incident, "--store", session.location.argument]
        if let theme = screen.theme { command += ["--theme", theme] }
        if screen.readOnly { command.append("--read-only") }
        if let author = global.author { command += ["--as", author] }
        let shellCommand = command.map(Self.quote).joined(separator: " ")
        let exists = !dryRun && Spawn.run(tmux + ["has-session", "-t", name]) == 0
        if !exists && !dryRun {
            let status = Spawn.run(tmux + ["new-session", "-d", "-s", name, "-x", "120", "-y", "40", shellCommand])
            guard status == 0 else {
                throw UserFacingError("tmux could not start the session \(name) (exit \(status)); is tmux installed? (apt-get install tmux)")
            }
        }
        let prefix = Sanitizer.clean(tmux.map(Self.quote).joined(separator: " "))
        print(exists ? "The war room for \(incident) is already shared as tmux session \(name)." :
              dryRun ? "Would start tmux session \(name) running: \(Sanitizer.clean(shellCommand))" :
              "Started tmux session \(name) with the war room for \(incident).")
        print("You (read-write):     \(prefix) attach -t \(name)")
        print("Watchers (read-only): \(prefix) attach -r -t \(name)")
    }

    static func quote(_ word: String) -> String {
        guard word.contains(where: { !($0.isLetter || $0.isNumber || "-_./:=@+".contains($0)) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

}
