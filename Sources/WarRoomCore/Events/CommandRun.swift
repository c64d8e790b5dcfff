/// A command run with `warroom exec`, as its action entry records it: what was run, how it ended,
/// how long it took, and a digest of what it printed. The lines are already made inert (escape
/// sequences dropped, other controls in caret notation) and capped by the one who ran it; outputs
/// sanitize them again, as any recorded text.
public struct CommandRun: Hashable, Codable, Sendable {
    /// The program and its arguments, as given after `--`.
    public var command: [String]
    /// The exit status when the command exited (127 when it could not be started); nil when a
    /// signal ended it.
    public var exitStatus: Int?
    /// The signal that ended it (2 for SIGINT), when one did.
    public var signal: Int?
    /// Why it could not be started (`not found`, `permission denied`); nil when it ran.
    public var startError: String?
    /// From start to end, by the monotonic clock.
    public var durationMillis: Int64
    /// Every byte it wrote to its standard output and error.
    public var outputBytes: Int64
    /// How many lines those bytes make (a last line without a newline counts).
    public var outputLines: Int64
    /// Its first lines of output.
    public var head: [String]
    /// Its last lines of output, after `head` (none when `head` holds them all).
    public var tail: [String]
    /// Where the whole output was saved (`--save-output`), mode 0600.
    public var savedOutput: String?

    public init(command: [String], exitStatus: Int?, signal: Int? = nil, startError: String? = nil,
                durationMillis: Int64, outputBytes: Int64 = 0, outputLines: Int64 = 0,
                head: [String] = [], tail: [String] = [], savedOutput: String? = nil) {
        self.command = command
        self.exitStatus = exitStatus
        self.signal = signal
        self.startError = startError
        self.durationMillis = durationMillis
        self.outputBytes = outputBytes
        self.outputLines = outputLines
        self.head = head
        self.tail = tail
        self.savedOutput = savedOutput
    }

    /// True when it ran and exited 0.
    public var succeeded: Bool { startError == nil && signal == nil && exitStatus == 0 }

    /// The status a shell would report for it: the exit status, or 128 + the signal's number.
    public var shellStatus: Int { signal.map { 128 + $0 } ?? exitStatus ?? 1 }

    /// The command as a shell line would give it: `kubectl rollout undo deploy/api`, words with
    /// spaces or shell syntax in single quotes.
    public var commandLine: String { command.map(Self.shellQuoted).joined(separator: " ") }

    /// `SIGINT` for 2, `signal 40` for one without a usual name (Linux numbering).
    public static func signalName(_ number: Int) -> String {
        let names = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS",
                     8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE",
                     14: "SIGALRM", 15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ", 26: "SIGVTALRM", 27: "SIGPROF"]
        return names[number] ?? "signal \(number)"
    }

    /// A word as a shell would need it: as it is when it holds nothing a shell reads specially,
    /// else in single quotes (`'a b'`, `'it'\''s'`).
    public static func shellQuoted(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { !($0.isLetter || $0.isNumber || "-_./:=@+,%".contains($0)) }) else {
            return word
        }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
