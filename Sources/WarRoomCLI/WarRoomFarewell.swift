import ArgumentParser
import Foundation
import WarRoomApp
import WarRoomCore
import WarRoomTerminal
import WarRoomText

/// What the war room says on the normal screen once it has ended: what was kept, and, when the
/// draft could not be saved, the text itself on stderr, so that nothing typed is lost.
enum WarRoomFarewell {
    @discardableResult
    static func report(_ outcome: WarRoomRuntime.Outcome, incident: IncidentID, demo: Bool) throws -> WarRoomRuntime.Outcome {
        switch outcome {
        case .showIncidents:
            break
        case .quit(let fate):
            switch fate {
            case .none: break
            case .kept where demo: break
            case .kept: print("Your unsent text was kept as a draft; `warroom open \(incident)` offers it back.")
            case .lost(let text, let reason): lost(text, reason: reason)
            }
        case .signal(let number, let fate):
            var line = "warroom: stopped by signal \(number) (\(name(number))); every recorded entry is stored"
            switch fate {
            case .none: break
            case .kept: line += demo ? "" : ", unsent text kept as a draft (`warroom open \(incident)` offers it back)"
            case .lost: line += ", but the unsent text could not be saved"
            }
            try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
            if case .lost(let text, let reason) = fate { lost(text, reason: reason) }
            // The demo removes its temporary store on the way out; the exit status still says the signal.
            if demo { throw ExitCode(128 + number) }
            // Dying of the same signal, as the default action would have, once the terminal is back.
            Terminal.endProcess(bySignal: number)
        }
        return outcome
    }

    /// Prints unsaved text on stderr, between markers, made inert but otherwise as typed.
    static func lost(_ text: String, reason: String) {
        let message = "warroom: your unsent text could NOT be saved as a draft (\(Sanitizer.clean(reason))); here it is:\n"
            + "----- unsent text -----\n" + Sanitizer.clean(text, newlines: .keep) + "\n----- end -----\n"
        try? FileHandle.standardError.write(contentsOf: Data(message.utf8))
    }

    static func name(_ number: Int32) -> String {
        let names: [Int32: String] = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT",
                                      SIGUSR1: "SIGUSR1", SIGUSR2: "SIGUSR2", SIGALRM: "SIGALRM", SIGPIPE: "SIGPIPE",
                                      SIGVTALRM: "SIGVTALRM", SIGPROF: "SIGPROF", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ"]
        return names[number] ?? "signal \(number)"
    }
}
