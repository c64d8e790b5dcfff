import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomApp
import WarRoomStore
import WarRoomTerminal
import WarRoomText

/// The `warroom` command: every subcommand hangs off it.
public struct Warroom: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "warroom",
        abstract: "A terminal war room for production incidents.",
        discussion: """
        Records an incident as an append-only event log in a local SQLite store and keeps every \
        deadline of the incident-response method in view. Store: --store PATH, else $WARROOM_STORE, \
        else $XDG_DATA_HOME/warroom/warroom.db (~/.local/share/warroom/warroom.db).
        """,
        version: BuildInfo.versionLine,
        subcommands: [
            Open.self, Demo.self, Share.self, Declare.self, Log.self, Exec.self, Amend.self, Retract.self, RoleCommand.self, SeverityCommand.self, ImpactCommand.self,
            HypothesisCommand.self, StatusCommand.self, Notify.self, UpdateCommand.self, PostmortemCommand.self,
            ServiceCommand.self, StartedCommand.self, DetectedCommand.self,
            Actions.self, Show.self, List.self, TimelineCommand.self, Export.self, Import.self, Check.self,
            StoreCommand.self, IntegrationsCommand.self, OutboxCommand.self, AlertsCommand.self, ProposalsCommand.self, ReportCommand.self, SLOCommand.self, OnCallCommand.self, RunbookCommand.self, DrillGroup.self, SearchCommand.self, LinkCommand.self,
        ],
        defaultSubcommand: Open.self)

    public init() {}
}

/// Runs `warroom` with the process arguments and exits.
public enum WarroomMain {
    public static func run(arguments: [String]? = nil) -> Never {
        quietCrashReports()
        do {
            var arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
            arguments = try ArgumentGuard.prepare(arguments, tree: CommandTree.load())
            var command = try Warroom.parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as UsageError {
            try? FileHandle.standardError.write(contentsOf: Data(("warroom: " + Sanitizer.clean(error.description) + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch let error as QueuedOffline {
            try? FileHandle.standardError.write(contentsOf: Data(("warroom: " + Sanitizer.clean(error.description) + "\n").utf8))
            Foundation.exit(QueuedOffline.exitCode)
        } catch let error as UserFacingError {
            fail(error.message)
        } catch let error as CommandError {
            fail(error.description)
        } catch let error as TimeExpressionError {
            fail(error.description)
        } catch let error as ProposalError {
            fail(error.description)
        } catch let error as StoreError {
            fail(error.description)
        } catch let error as TerminalError {
            fail(error.description)
        } catch let error as RuntimeError {
            fail(error.description)
        } catch {
            // Parse errors and help: ArgumentParser's own messages and exit codes, but sanitized:
            // its messages quote the offending argument (`Unknown option '--\e[2J'`) verbatim.
            let code = Warroom.exitCode(for: error)
            // A typed value a vocabulary refused: its own message and exit status, as before it was typed.
            if code != .success, let refusal = ArgumentRefusal.message(behind: Warroom.message(for: error)) { fail(refusal) }
            let message = Warroom.fullMessage(for: error)
            if !message.isEmpty {
                let text = Data((Sanitizer.clean(message, newlines: .keep) + "\n").utf8)
                if code == .success { try? FileHandle.standardOutput.write(contentsOf: text) } else { try? FileHandle.standardError.write(contentsOf: text) }
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// A crash must never leave a terminal waiting for a keypress: Swift's backtracer asks
    /// interactively unless told not to, and it reads its setting only at start-up, so the
    /// process starts itself again once with `SWIFT_BACKTRACE=interactive=no`.
    static func quietCrashReports() {
        guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil else { return }
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        let arguments = CommandLine.arguments
        var pointers = arguments.map { strdup($0) } + [nil]
        // The executable's real path, not /proc/self/exe: the kernel names the process after the
        // file exec'd, and `ps`, `top` and `pgrep warroom` would see "exe".
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
        execv(executable, &pointers)
        // exec failed: carry on with the interactive default rather than not at all.
        for pointer in pointers { free(pointer) }
    }

    /// Prints `warroom: message` to stderr, sanitized, and exits 1.
    static func fail(_ message: String) -> Never {
        try? FileHandle.standardError.write(contentsOf: Data(("warroom: " + Sanitizer.clean(message) + "\n").utf8))
        Foundation.exit(1)
    }
}

/// One line on stderr, `warroom: ` first, sanitized: a warning or a note that leaves stdout to
/// what the command prints for scripts.
func warn(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(("warroom: " + Sanitizer.clean(text) + "\n").utf8))
}

/// An error whose message is written for the person at the terminal.
public struct UserFacingError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
