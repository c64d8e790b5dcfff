import Foundation
import WarRoomText
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command for `warroom exec`: its output passes through to ours unchanged while a digest
/// of it is read (and the whole of it written to a file, when asked), and how it ended is kept.
///
/// When our standard output is a terminal, the command runs on a pseudo-terminal sized like ours,
/// in a session of its own, so it sees a terminal (colours, progress bars, prompts) and our
/// terminal is raw meanwhile: keys go to it as bytes, and Ctrl-C becomes its SIGINT through its
/// terminal, as if we were not there. Otherwise (a pipe, a file, the tests) its standard output
/// and error are pipes passed on to ours. Either way SIGINT, SIGTERM, SIGHUP and SIGQUIT sent to
/// warroom are passed on to it, and warroom waits for it to end.
struct CommandCapture {
    /// How a run went.
    struct Outcome {
        /// The raw wait status; nil when it could not be started.
        var waitStatus: Int32?
        /// Why it could not be started.
        var startError: Spawn.SpawnError?
        var durationMillis: Int64
        var digest: OutputDigest
        /// Why the copy of the output stopped being written, when it did.
        var saveFailure: String?
        /// The last byte passed to our standard output was not a line feed.
        var endsMidLine: Bool
    }

    /// Where the whole output is also written (`--save-output`), and its path for messages.
    var save: (descriptor: Int32, path: String)?

    /// Runs `arguments` to the end.
    func run(_ arguments: [String]) -> Outcome {
        var digest = OutputDigest()
        let signals = SignalPipe()
        defer { signals.close() }
        let onTerminal = isatty(STDOUT_FILENO) == 1
        let started = Self.monotonicMillis()
        var child: Child
        switch Child.start(arguments, onTerminal: onTerminal) {
        case .success(let started): child = started
        case .failure(let error):
            return Outcome(waitStatus: nil, startError: error, durationMillis: Self.monotonicMillis() - started,
                           digest: digest, saveFailure: nil, endsMidLine: false)
        }
        // Raw only once the child runs: a failure to start leaves our terminal as it was.
        let raw = child.forwardsInput ? RawMode(STDIN_FILENO) : nil
        defer { raw?.restore() }
        var saveFailure: String?
        var lastByte: UInt8 = UInt8(ascii: "\n")
        var status: Int32?
        var exitedAt = started
        var pendingInput: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if status != nil, child.outputs.isEmpty { break }
            var descriptors = [pollfd(fd: signals.reader, events: Int16(POLLIN), revents: 0)]
            for output in child.outputs { descriptors.append(pollfd(fd: output.descriptor, events: Int16(POLLIN), revents: 0)) }
            if let input = child.input, child.inputOpen {
                if !pendingInput.isEmpty { descriptors.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
                if child.readsStdin, pendingInput.count < buffer.count {
                    descriptors.append(pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0))
                }
            }
            // Once it has ended, what it printed last is read until nothing more comes for a
            // moment (or for 2 s at most): a process it left running may keep its terminal or
            // pipe open for ever. Until then SIGCHLD wakes us, and a poll each second is the
            // safety net should the signal pipe be missing.
            if status != nil, Self.monotonicMillis() - exitedAt > 2_000 { break }
            let ready = poll(&descriptors, nfds_t(descriptors.count), status == nil ? 1_000 : 200)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            if ready == 0 {
                guard status == nil else { break }
                if let ended = child.reap() {
                    status = ended
                    exitedAt = Self.monotonicMillis()
                }
                continue
            }
            for entry in descriptors where entry.revents != 0 {
                if entry.fd == signals.reader {
                    for (number, fromKernel) in signals.take() {
                        if number == SIGCHLD {
                            if status == nil, let ended = child.reap() {
                                status = ended
                                exitedAt = Self.monotonicMillis()
                            }
                        } else if number == SIGWINCH {
                            child.followSize()
                        } else if status == nil {
                            child.pass(number, fromKernel: fromKernel)
                        }
                    }
                } else if entry.fd == STDIN_FILENO {
                    let count = read(STDIN_FILENO, &buffer, buffer.count - pendingInput.count)
                    if count > 0 { pendingInput += buffer[0..<count] } else if count == 0 || errno != EINTR && errno != EAGAIN {
                        child.readsStdin = false
                    }
                } else if entry.fd == child.input, entry.revents & Int16(POLLOUT) != 0 {
                    let count = pendingInput.withUnsafeBytes { write(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 { pendingInput.removeFirst(count) } else if count < 0, errno != EINTR, errno != EAGAIN { pendingInput = [] }
                } else if let output = child.outputs.first(where: { $0.descriptor == entry.fd }) {
                    let count = read(output.descriptor, &buffer, buffer.count)
                    if count < 0, errno == EINTR || errno == EAGAIN { continue }
                    // 0, or EIO on a terminal: every holder of its other end has closed it.
                    guard count > 0 else {
                        child.closeOutput(output.descriptor)
                        continue
                    }
                    let chunk = buffer[0..<count]
                    digest.add(chunk)
                    if output.passTo == STDOUT_FILENO, let last = chunk.last { lastByte = last }
                    Self.writeAll(chunk, to: output.passTo)
                    if let save, saveFailure == nil, !Self.writeAll(chunk, to: save.descriptor) {
                        saveFailure = "cannot write \(save.path): \(String(validatingCString: strerror(errno)) ?? "error \(errno)")"
                    }
                }
            }
        }
        if status == nil { status = child.waitForEnd() }
        if exitedAt == started { exitedAt = Self.monotonicMillis() }
        child.closeAll()
        return Outcome(waitStatus: status, startError: nil, durationMillis: exitedAt - started, digest: digest,
                       saveFailure: saveFailure, endsMidLine: lastByte != UInt8(ascii: "\n"))
    }

    /// Writes all of `bytes` to `descriptor`, false when it refused (a closed pipe: `| head`).
    @discardableResult
    static func writeAll(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                // Ours may be non-blocking (set by whoever shares it): wait until it takes more.
                if errno == EAGAIN {
                    var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, 100)
                    continue
                }
                return false
            }
            offset += count
        }
        return true
    }

    static func monotonicMillis() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}

/// The running command and the descriptors we hold to it.
private struct Child {
    /// A descriptor of its output, and which of ours gets what comes out of it.
    struct Output {
        var descriptor: Int32
        var passTo: Int32
    }

    let pid: pid_t
    /// Its pseudo-terminal, when it runs on one.
    let terminal: PseudoTerminal?
    /// Where our standard input goes: the terminal's master, when it reads its input from it.
    let input: Int32?
    private(set) var outputs: [Output]
    /// Our standard input is still read (until its end).
    var readsStdin: Bool
    /// Its terminal still has a reader on the other side: input may still go to it.
    private(set) var inputOpen = true
    var forwardsInput: Bool { input != nil }

    /// Starts it on a pseudo-terminal when `onTerminal`, else with pipes for its output.
    static func start(_ arguments: [String], onTerminal: Bool) -> Result<Child, Spawn.SpawnError> {
        var pipes: [(reader: Int32, writer: Int32, passTo: Int32)] = []
        func pipe(passTo: Int32) -> Int32? {
            guard let (reader, writer) = Spawn.pipe() else { return nil }
            pipes.append((reader, writer, passTo))
            return writer
        }
        var terminal: PseudoTerminal?
        var descriptors: [Spawn.Descriptor] = []
        let stdinIsTerminal = isatty(STDIN_FILENO) == 1
        if onTerminal {
            switch PseudoTerminal.open(size: PseudoTerminal.size(of: STDOUT_FILENO), like: stdinIsTerminal ? STDIN_FILENO : STDOUT_FILENO) {
            case .success(let opened): terminal = opened
            case .failure(let error): return .failure(error)
            }
            guard let slave = terminal?.slavePath else { return .failure(Spawn.SpawnError(code: ENOTTY)) }
            // The first terminal it opens in its new session becomes its controlling terminal.
            let first: Int32 = stdinIsTerminal ? STDIN_FILENO : STDOUT_FILENO
            descriptors.append(.open(first, slave, O_RDWR))
            if first != STDOUT_FILENO { descriptors.append(.copy(STDOUT_FILENO, from: first)) }
            if isatty(STDERR_FILENO) == 1 {
                descriptors.append(.copy(STDERR_FILENO, from: first))
            } else if let writer = pipe(passTo: STDERR_FILENO) {
                descriptors.append(.copy(STDERR_FILENO, from: writer))
            }
        } else {
            for ours in [STDOUT_FILENO, STDERR_FILENO] {
                guard let writer = pipe(passTo: ours) else { continue }
                descriptors.append(.copy(ours, from: writer))
            }
        }
        // We ignore SIGPIPE meanwhile (to keep recording when our reader goes away); the
        // command gets the default back, as it would have had from the shell.
        let started = Spawn.start(arguments, descriptors: descriptors, newSession: onTerminal, defaultSignals: [SIGPIPE])
        for (_, writer, _) in pipes { close(writer) }
        guard case .success(let pid) = started else {
            for (reader, _, _) in pipes { close(reader) }
            if let terminal { close(terminal.master) }
            if case .failure(let error) = started { return .failure(error) }
            return .failure(Spawn.SpawnError(code: EINVAL))
        }
        var outputs = pipes.map { Output(descriptor: $0.reader, passTo: $0.passTo) }
        if let terminal { outputs.insert(Output(descriptor: terminal.master, passTo: STDOUT_FILENO), at: 0) }
        let input = terminal != nil && stdinIsTerminal ? terminal?.master : nil
        if let input { _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK) }
        return .success(Child(pid: pid, terminal: terminal, input: input, outputs: outputs, readsStdin: input != nil))
    }

    /// Its raw wait status if it has ended (and is now reaped), else nil.
    func reap() -> Int32? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? status : nil
    }

    /// Waits for it to end.
    func waitForEnd() -> Int32 { Spawn.wait(pid) }

    /// Passes on a signal sent to us. On a terminal of its own it gets every one, as its process
    /// group would from its terminal. Without one it shares our terminal and process group: a
    /// Ctrl-C typed there (sent by the kernel) reached it already, and is not sent twice.
    func pass(_ number: Int32, fromKernel: Bool) {
        if terminal != nil {
            kill(-pid, number)
        } else if !fromKernel {
            kill(pid, number)
        }
    }

    /// Gives its terminal our terminal's new size.
    func followSize() {
        guard let terminal, let size = PseudoTerminal.size(of: STDOUT_FILENO) else { return }
        terminal.resize(size)
    }

    mutating func closeOutput(_ descriptor: Int32) {
        outputs.removeAll { $0.descriptor == descriptor }
        // The terminal's master is also where input went: it stays open until the end, unused.
        if descriptor == terminal?.master { inputOpen = false } else { close(descriptor) }
    }

    mutating func closeAll() {
        for output in outputs where output.descriptor != terminal?.master { close(output.descriptor) }
        outputs = []
        if let terminal { close(terminal.master) }
    }
}

/// The signals `warroom exec` takes while its command runs, each turned into two bytes on a pipe
/// (the number, and whether the kernel sent it) that the loop polls beside the command's output.
/// Closing it puts every previous action back.
private final class SignalPipe {
    let reader: Int32
    private var previous: [(Int32, sigaction)] = []

    /// SIGINT, SIGTERM, SIGHUP and SIGQUIT to pass on (unless ignored when we started: a
    /// background job's), SIGCHLD when the command ends, SIGWINCH when our terminal is resized;
    /// SIGPIPE ignored, so a reader that goes away (`| head`) does not stop us recording.
    init() {
        let (reader, writer) = Spawn.pipe() ?? (-1, -1)
        for end in [reader, writer] { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        self.reader = reader
        signalPipeWriter = writer
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = noteSignal
        action.sa_flags = SA_SIGINFO | SA_RESTART
        sigemptyset(&action.sa_mask)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGWINCH] {
            var old = sigaction()
            sigaction(number, nil, &old)
            let ignored = unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            if ignored, [SIGINT, SIGTERM, SIGHUP, SIGQUIT].contains(number) { continue }
            sigaction(number, &action, nil)
            previous.append((number, old))
        }
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var old = sigaction()
        sigaction(SIGPIPE, &ignore, &old)
        previous.append((SIGPIPE, old))
        // A parent may hand us these blocked (test runners do): they would never arrive.
        var set = sigset_t()
        sigemptyset(&set)
        for (number, _) in previous { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signals noted since the last call, in order.
    func take() -> [(Int32, Bool)] {
        var bytes = [UInt8](repeating: 0, count: 256)
        var taken: [(Int32, Bool)] = []
        while true {
            let count = read(reader, &bytes, bytes.count)
            guard count > 0 else { break }
            for pair in stride(from: 0, to: count - 1, by: 2) { taken.append((Int32(bytes[pair]), bytes[pair + 1] == 1)) }
        }
        return taken
    }

    func close() {
        for (number, old) in previous.reversed() {
            var old = old
            sigaction(number, &old, nil)
        }
        previous = []
        let writer = signalPipeWriter
        signalPipeWriter = -1
        Glibc.close(writer)
        Glibc.close(reader)
    }
}

/// The write end of the signal pipe: all the handler touches.
nonisolated(unsafe) private var signalPipeWriter: Int32 = -1

/// The handler: the signal's number and whether the kernel sent it (a key typed at a terminal,
/// a child's end) rather than a process (`kill`), written to the pipe. Async-signal-safe.
private func noteSignal(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    let saved = errno
    var message: (UInt8, UInt8) = (UInt8(truncatingIfNeeded: number), (info?.pointee.si_code ?? 0) > 0 ? 1 : 0)
    _ = withUnsafeBytes(of: &message) { write(signalPipeWriter, $0.baseAddress, 2) }
    errno = saved
}
