import ArgumentParser
import Foundation
import WarRoomApp
import WarRoomConfig
import WarRoomCore
import WarRoomReports
import WarRoomText

/// `warroom exec -- CMD ARGS…`: runs a command in the user's terminal and records it as an
/// action entry with its status, duration and output digest.
struct Exec: ParsableCommand, PassesCommandLine {
    static let configuration = CommandConfiguration(table: "exec")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Also save the whole output beside the store (outputs/, mode 0600) and record where.")
    var saveOutput = false
    @Option(name: .customLong("tag"), help: "A key moment the post-mortem picks out (repeatable).")
    var tags: [EntryTag] = []
    @Argument(help: ArgumentHelp("The command and its arguments, after `--`.", valueName: "command"))
    var command: [String] = []

    func run() throws {
        guard let program = command.first, program.contains(where: { !$0.isWhitespace }) else {
            throw UsageError(description: "give the command to run after `--`: `warroom exec -- kubectl rollout undo deploy/api`; "
                + "nothing was run or recorded")
        }
        let session = try Session(global)
        // Which incident, before anything runs: a command must not run to be recorded nowhere.
        let id = try session.resolveIncident(global.incident)
        let startedAt = session.now
        let save = try saveOutput ? openSaveFile(session, incident: id, at: startedAt) : nil
        let outcome = CommandCapture(save: save).run(command)
        if let save { close(save.descriptor) }
        if let failure = outcome.saveFailure { warn("the saved output is incomplete: \(failure)") }
        let run = Self.commandRun(outcome, command: command, savedOutput: save?.path)
        // The command's last line may not have ended: ours starts on a line of its own.
        if outcome.endsMidLine, isatty(STDOUT_FILENO) == 1 { try? FileHandle.standardError.write(contentsOf: Data("\n".utf8)) }
        if let error = outcome.startError { warn("\(CommandRun.shellQuoted(program)): \(error.reason)") }
        record(run, session: session, incident: id, at: startedAt)
        // The command's status, so that `warroom exec -- cmd && next` composes as `cmd && next`.
        if run.shellStatus != 0 { throw ExitCode(Int32(run.shellStatus)) }
    }

    /// The entry's `run` from how the command went.
    static func commandRun(_ outcome: CommandCapture.Outcome, command: [String], savedOutput: String?) -> CommandRun {
        let (head, tail) = outcome.digest.digest
        var exitStatus = outcome.startError?.shellStatus, signal: Int?
        if let status = outcome.waitStatus {
            exitStatus = Spawn.exitStatus(status)
            signal = Spawn.signal(status)
        }
        return CommandRun(command: command, exitStatus: exitStatus, signal: signal, startError: outcome.startError?.reason,
                          durationMillis: outcome.durationMillis, outputBytes: outcome.digest.bytes,
                          outputLines: outcome.digest.lines, head: head, tail: tail, savedOutput: savedOutput)
    }

    /// Records the entry, dated when the command started, and prints it on stderr (stdout is the
    /// command's). A store that cannot be reached queues it; any other failure is said, and the
    /// exit status stays the command's: what it did was done either way.
    private func record(_ run: CommandRun, session: Session, incident id: IncidentID, at startedAt: Timestamp) {
        let entry = Entry(kind: .action, text: TimelineWording.ran(run), tags: tags, run: run)
        do {
            try session.tick()
            let (state, written) = try session.record(incident: id, at: startedAt, offline: .log(entry)) { _ in .log(entry) }
            Recording.confirm(state, written, json: false, now: session.now) { warn($0) }
        } catch let offline as QueuedOffline {
            warn(offline.description)
        } catch {
            warn("the command ran but was NOT recorded: \(Self.describe(error)); record it by hand with "
                + "`warroom log --kind action \(CommandRun.shellQuoted(entry.text))`")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as UserFacingError: error.message
        case let error as CustomStringConvertible: error.description
        default: String(describing: error)
        }
    }

    /// The new file the whole output goes to, or why there is none (then nothing runs).
    private func openSaveFile(_ session: Session, incident: IncidentID, at: Timestamp) throws -> (descriptor: Int32, path: String) {
        do {
            return try PrivateFile.createUnique(in: session.outputsDirectory) { attempt in
                UpdateFiles.name(incident: incident, at: at, label: "exec", extension: "log", attempt: attempt)
            }
        } catch {
            throw UserFacingError("cannot save the output: \(error.description); nothing was run (leave out --save-output to run it anyway)")
        }
    }
}

/// A subcommand that runs another program: every word from the first one that is not one of its
/// own options is that program's command line, never read as warroom's (`exec kubectl --store x`).
protocol PassesCommandLine {}
