import ArgumentParser
import Foundation
import WarRoomApp
import WarRoomConfig
import WarRoomCore
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
        // A password never goes into the arguments tmux and the war room run with (`ps` shows them
        // to everyone on the host): it goes into a password file of the user's own, 0600.
        var command = [binary, "open", incident, "--store", session.location.argumentWithoutPassword]
        if let line = (session.store as? PostgresEventStore)?.settings.passwordFileLine {
            command = ["env", "PGPASSFILE=\(try Self.passwordFile(line, incident: incident, write: !dryRun))"] + command
        }
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

    /// Writes the shared war room's password file in warroom's state directory (mode 0600, one
    /// per incident, replaced each time) and returns its path (only the path, for a dry run).
    static func passwordFile(_ line: String, incident: IncidentID, write: Bool) throws -> String {
        let directory = Config.paths(environment: ProcessInfo.processInfo.environment).state
        let path = PathText.joined(directory, "share-\(incident).pgpass")
        guard write else { return path }
        if let problem = PrivateFile.makeDirectories(directory) {
            throw UserFacingError("cannot keep the store's password for the shared war room: \(problem); nothing was started")
        }
        unlink(path) // replaced, never rewritten in place: a file someone else made is not trusted
        do {
            try PrivateFile.write(Data((line + "\n").utf8), to: path, replace: false)
        } catch {
            throw UserFacingError("cannot keep the store's password for the shared war room: \(error); nothing was started")
        }
        return path
    }

    static func quote(_ word: String) -> String {
        guard word.contains(where: { !($0.isLetter || $0.isNumber || "-_./:=@+".contains($0)) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

}
