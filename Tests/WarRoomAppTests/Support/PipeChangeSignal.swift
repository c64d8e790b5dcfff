import Foundation
import Glibc
import WarRoomStore

/// A change signal on a pipe, for the runtime tests: `fire()` makes it readable as another
/// process's commit would; drains are counted; it can break or refuse to drain on demand.
final class PipeChangeSignal: StoreChangeSignal {
    let fileDescriptor: Int32
    private var writeEnd: Int32
    /// Calls of `drain()`.
    private(set) var drains = 0
    /// The reason the next drains throw with, when set.
    var failure: String?
    /// When true, `drain()` leaves the pipe readable (a broken backend): the loop must not spin.
    var stuck = false

    init() {
        var fds: [Int32] = [-1, -1]
        precondition(pipe(&fds) == 0, "pipe: \(String(cString: strerror(errno)))")
        fileDescriptor = fds[0]
        writeEnd = fds[1]
        _ = fcntl(fileDescriptor, F_SETFL, fcntl(fileDescriptor, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(fileDescriptor)
        closeWriteEnd()
    }

    /// Closes the writing end: the reading end then polls as hung up (a backend that went away).
    func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }

    /// Makes the descriptor readable.
    func fire() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Whether the descriptor is readable now.
    var isReadable: Bool {
        var entry = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }

    func drain() throws {
        drains += 1
        if let failure { throw StoreChangeSignalBroken(failure) }
        guard !stuck else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(fileDescriptor, &buffer, buffer.count) > 0 {}
    }
}
