import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL store's change signal: a connection of its own that `LISTEN`s on the channel
/// every insert announces on (`PostgresSchema.channel`, a trigger's `pg_notify`, delivered at
/// commit), and a pipe it writes a byte to for each notification. A notification is a wake-up
/// only: one sent while the listener was reconnecting is lost, so after every (re)connection the
/// signal fires once, and the waiter reads everything after its last sequence anyway.
///
/// The listener lives on postgres-nio's event loop; it reconnects by itself with backoff
/// (0.5 s doubling to 10 s) when the server goes away, and stops when the signal is released.
final class PostgresChangeSignal: StoreChangeSignal, @unchecked Sendable {
    /// The pipe's read end: readable when a notification (or a reconnection) came.
    let fileDescriptor: Int32
    private let writeEnd: Int32
    private let listener: Listener
    /// Whether the pipe may still be written: cleared, under its lock, before the pipe is closed,
    /// so a notification handled late never writes into a descriptor number reused meanwhile.
    private let open: NIOLockedValueBox<Bool>

    init(settings: PostgresSettings, location: String) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw StoreChangeSignalBroken("pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        fileDescriptor = ends[0]
        writeEnd = ends[1]
        let writeEnd = ends[1]
        let open = NIOLockedValueBox(true)
        self.open = open
        listener = Listener(link: PostgresLink(settings: settings, location: location), poke: {
            open.withLockedValue { isOpen in
                guard isOpen else { return }
                var byte: UInt8 = 1
                _ = write(writeEnd, &byte, 1)
            }
        })
        listener.start()
    }

    deinit {
        listener.stop()
        open.withLockedValue { isOpen in
            isOpen = false
            close(writeEnd)
        }
        close(fileDescriptor)
    }

    func drain() throws {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(fileDescriptor, &buffer, buffer.count) > 0 {}
    }

    /// The listening connection and its reconnection, all on one event loop.
    final class Listener: @unchecked Sendable {
        private let link: PostgresLink
        private let poke: @Sendable () -> Void
        private let loop: any EventLoop
        private let state = NIOLockedValueBox(State())
        private let logger = Logger(label: "warroom.store.listen", factory: { _ in SwiftLogNoOpLogHandler() })

        private struct State {
            var stopped = false
            var connection: PostgresConnection?
            var backoff: TimeAmount = .milliseconds(500)
        }

        init(link: PostgresLink, poke: @escaping @Sendable () -> Void) {
            self.link = link
            self.poke = poke
            loop = MultiThreadedEventLoopGroup.singleton.next()
        }

        func start() { loop.execute { self.connect() } }

        /// Stops listening and closes the connection; no reconnection after this.
        func stop() {
            let connection = state.withLockedValue { state -> PostgresConnection? in
                state.stopped = true
                defer { state.connection = nil }
                return state.connection
            }
            if let connection {
                let closing: EventLoopFuture<Void> = connection.close()
                _ = try? closing.wait()
            }
        }

        private func connect() {
            guard !state.withLockedValue({ $0.stopped }) else { return }
            let configuration: PostgresConnection.Configuration
            do {
                configuration = try link.configuration()
            } catch {
                return retryLater()
            }
            PostgresConnection.connect(on: loop, configuration: configuration, id: 0, logger: logger)
                .flatMap { connection -> EventLoopFuture<PostgresConnection> in
                    connection.addListener(channel: PostgresSchema.channel) { [poke = self.poke] _, _ in poke() }
                    return connection.query("LISTEN \(unescaped: PostgresSchema.channel)", logger: self.logger)
                        .map { _ in connection }
                        .flatMapErrorThrowing { error in
                            let _: EventLoopFuture<Void> = connection.close()
                            throw error
                        }
                }
                .whenComplete { result in
                    switch result {
                    case .success(let connection):
                        let keep = self.state.withLockedValue { state -> Bool in
                            guard !state.stopped else { return false }
                            state.connection = connection
                            state.backoff = .milliseconds(500)
                            return true
                        }
                        guard keep else {
                            let _: EventLoopFuture<Void> = connection.close()
                            return
                        }
                        // Whatever was committed while nobody listened is read now.
                        self.poke()
                        connection.closeFuture.whenComplete { _ in self.lost(connection) }
                    case .failure:
                        self.retryLater()
                    }
                }
        }

        private func lost(_ connection: PostgresConnection) {
            let current = state.withLockedValue { state -> Bool in
                guard state.connection === connection else { return false }
                state.connection = nil
                return !state.stopped
            }
            if current { retryLater() }
        }

        private func retryLater() {
            let delay = state.withLockedValue { state -> TimeAmount? in
                guard !state.stopped else { return nil }
                defer { state.backoff = min(state.backoff * 2, .seconds(10)) }
                return state.backoff
            }
            guard let delay else { return }
            loop.scheduleTask(in: delay) { self.connect() }
        }
    }
}
