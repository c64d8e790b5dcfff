import Foundation
import WarRoomApp
import WarRoomCore
import WarRoomReports
import WarRoomUI

/// A runbook's code block run from the war room, on the terminal the war room lent it: said
/// first, run as `warroom exec` runs a command (its own terminal, signals passed on, output
/// passed through and digested), then how it ended, and a key to go back, so its output can be
/// read before the war room covers it again.
enum RunbookStepRunner {
    static func run(_ step: RunbookStep) -> CommandRun {
        say("\nwarroom: step \(step.block) of runbook \(step.runbook)"
            + (step.section.isEmpty ? "" : " (\(step.section))") + " — Ctrl-C stops it\n\n")
        let outcome = CommandCapture(save: nil).run(step.arguments)
        let run = Exec.commandRun(outcome, command: step.arguments, savedOutput: nil)
        if outcome.endsMidLine { say("\n") }
        say("\nwarroom: " + TimelineWording.ending(run) + ". Press any key to go back to the war room.")
        waitForKey()
        return run
    }

    static func say(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }

    /// One key from the terminal, read raw (so Ctrl-C is a key here, not the war room's end);
    /// at once when the input is no terminal.
    static func waitForKey() {
        var saved = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        // Keys typed while the command ran were the command's, or too early to mean this.
        tcflush(STDIN_FILENO, TCIFLUSH)
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) < 0, errno == EINTR {}
        // The rest of an arrow key's sequence is not the war room's first key.
        tcflush(STDIN_FILENO, TCIFLUSH)
    }
}
