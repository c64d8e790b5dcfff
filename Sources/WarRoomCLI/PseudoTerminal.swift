import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair: the master we read and write, and the name of the slave a child opens
/// as its terminal. What a program writes to it (colours, cursor moves, a prompt) is what it
/// would write to the real terminal, since it sees one.
struct PseudoTerminal {
    let master: Int32
    let slavePath: String

    /// Opens a new pair whose slave starts with `size` and the modes of our terminal `like` (its
    /// erase key, UTF-8 input…, as `script` does), or says why not.
    static func open(size: winsize?, like: Int32) -> Result<PseudoTerminal, Spawn.SpawnError> {
        guard let functions = PTYFunctions.shared else { return .failure(Spawn.SpawnError(code: ENOSYS)) }
        let master = functions.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { return .failure(Spawn.SpawnError(code: errno)) }
        var name = [CChar](repeating: 0, count: 128)
        guard functions.grantpt(master) == 0, functions.unlockpt(master) == 0,
              functions.ptsname(master, &name, name.count) == 0 else {
            let code = errno
            close(master)
            return .failure(Spawn.SpawnError(code: code))
        }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        let terminal = PseudoTerminal(master: master, slavePath: String(cString: name))
        if var size { _ = ioctl(master, UInt(TIOCSWINSZ), &size) }
        terminal.setModes(like: like)
        return .success(terminal)
    }

    /// Gives the slave `size` (the child gets SIGWINCH).
    func resize(_ size: winsize) {
        var size = size
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// The size of the terminal `descriptor` is, or nil when it is none.
    static func size(of descriptor: Int32) -> winsize? {
        var size = winsize()
        return ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? size : nil
    }

    /// The slave's modes: those of our terminal `like` when it is one, except that Ctrl-Z is an
    /// ordinary key: it would stop the child where nobody can continue it (our own terminal is
    /// raw, so no shell sees it).
    private func setModes(like: Int32) {
        let slave = Glibc.open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { return }
        defer { close(slave) }
        var modes = termios()
        guard tcgetattr(like, &modes) == 0 || tcgetattr(slave, &modes) == 0 else { return }
        // VSUSP's slot in c_cc; 0 is _POSIX_VDISABLE on Linux.
        withUnsafeMutableBytes(of: &modes.c_cc) { $0[Int(VSUSP)] = 0 }
        _ = tcsetattr(slave, TCSANOW, &modes)
    }

    /// `posix_openpt`, `grantpt`, `unlockpt` and `ptsname_r`, which glibc declares only for
    /// X/Open and Swift therefore does not import; looked up once.
    private struct PTYFunctions {
        let openpt: @convention(c) (Int32) -> Int32
        let grantpt: @convention(c) (Int32) -> Int32
        let unlockpt: @convention(c) (Int32) -> Int32
        let ptsname: @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32

        static let shared: PTYFunctions? = {
            let handle = UnsafeMutableRawPointer(bitPattern: 0)
            guard let openpt = dlsym(handle, "posix_openpt"), let grantpt = dlsym(handle, "grantpt"),
                  let unlockpt = dlsym(handle, "unlockpt"), let ptsname = dlsym(handle, "ptsname_r") else { return nil }
            typealias Unary = @convention(c) (Int32) -> Int32
            return PTYFunctions(openpt: unsafeBitCast(openpt, to: Unary.self), grantpt: unsafeBitCast(grantpt, to: Unary.self),
                                unlockpt: unsafeBitCast(unlockpt, to: Unary.self),
                                ptsname: unsafeBitCast(ptsname, to: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self))
        }()
    }
}

/// Our terminal in raw mode while a child runs on a pseudo-terminal: every key, Ctrl-C included,
/// goes to the child's terminal as a byte, whose line discipline then does what ours would have.
/// `restore()` puts the modes back; it must run on every way out.
final class RawMode {
    private let descriptor: Int32
    private var saved: termios

    /// Puts `descriptor`'s terminal in raw mode, or returns nil when it is no terminal.
    init?(_ descriptor: Int32) {
        var modes = termios()
        guard isatty(descriptor) == 1, tcgetattr(descriptor, &modes) == 0 else { return nil }
        self.descriptor = descriptor
        saved = modes
        cfmakeraw(&modes)
        guard tcsetattr(descriptor, TCSADRAIN, &modes) == 0 else { return nil }
    }

    func restore() {
        _ = tcsetattr(descriptor, TCSADRAIN, &saved)
    }
}
