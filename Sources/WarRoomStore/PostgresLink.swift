import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the PostgreSQL server, used synchronously: each call sends its statement on
/// postgres-nio's event loop and waits for the answer, at most `answerTimeout` (a server that stops
/// answering — a cable pulled, a VM paused — closes the connection instead of hanging the war room).
/// Every failure is a `StoreError`: `.unreachable` when the server could not be reached or the
/// connection dropped (the next call connects again), `.readOnly`, `.server` or `.cannotOpen`
/// otherwise. Use from one thread at a time.
final class PostgresLink {
    let settings: PostgresSettings
    /// How messages name the store: the URL without its password.
    let location: String
    /// How long a connection attempt may take.
    let connectTimeout: TimeAmount
    /// How long one statement may wait for its answer.
    let answerTimeout: TimeAmount
    private var connection: PostgresConnection?
    private var nextID = 0
    /// Inside BEGIN … COMMIT: the connection that holds the transaction is the only one its
    /// statements may use. One that closed meanwhile (the server ended the session) is not
    /// replaced: a statement on a new connection would run outside the transaction, without its
    /// locks, and COMMIT there would "succeed" having committed nothing.
    private var pinned: PostgresConnection?
    private let logger = Logger(label: "warroom.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(settings: PostgresSettings, location: String, answerTimeout: TimeAmount = .seconds(15)) {
        self.settings = settings
        self.location = location
        self.connectTimeout = .seconds(Int64(settings.connectTimeout ?? 5))
        self.answerTimeout = answerTimeout
    }

    deinit { close() }

    /// Closes the connection (the next statement opens a new one).
    func close() {
        guard let connection else { return }
        self.connection = nil
        let closing: EventLoopFuture<Void> = connection.close()
        _ = try? closing.wait()
    }

    var isConnected: Bool { connection.map { !$0.isClosed } ?? false }

    // MARK: Statements

    /// The rows of one statement, `$1 …` bound to `binds`.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), operation: String,
               committing: Bool = false) throws -> PostgresQueryResult {
        let connection = try connected(operation: operation)
        let future = connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        return try wait(future, on: connection, operation: operation, committing: committing)
    }

    /// Runs one statement and hands its rows to `body` on the calling thread, in batches, while
    /// postgres-nio is still receiving the rest on its event loop: decoding on this thread overlaps
    /// the server sending and NIO parsing (on two cores, about the larger of the two instead of
    /// their sum). A throw from `body` is rethrown once the statement ended; the remaining rows
    /// are read and dropped meanwhile, so the connection stays usable.
    func forEachRow(_ sql: String, _ binds: PostgresBindings, operation: String,
                    _ body: ([PostgresRow]) throws -> Void) throws {
        let connection = try connected(operation: operation)
        let pipe = RowPipe()
        let future = connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) { row in pipe.put(row) }
        // A silent server ends the wait (and so the pipe) at the answer timeout.
        let (answer, timer) = deadlined(future, on: connection, operation: operation, committing: false)
        answer.whenComplete { _ in pipe.finish() }
        var failure: (any Error)?
        while let batch = pipe.take() {
            guard failure == nil else { continue }
            do { try body(batch) } catch { failure = error }
        }
        timer.cancel()
        _ = try settle(answer, on: connection, operation: operation, committing: false)
        if let failure { throw failure }
    }

    /// Rows from the event loop to the waiting thread.
    private final class RowPipe: @unchecked Sendable {
        private let condition = NSCondition()
        private var rows: [PostgresRow] = []
        private var finished = false
        private var waiting = false

        func put(_ row: PostgresRow) {
            condition.lock()
            rows.append(row)
            if waiting { condition.signal() }
            condition.unlock()
        }

        func finish() {
            condition.lock()
            finished = true
            if waiting { condition.signal() }
            condition.unlock()
        }

        /// The rows that arrived since the last call, waiting for one; nil once the statement ended.
        func take() -> [PostgresRow]? {
            condition.lock()
            defer { condition.unlock() }
            while rows.isEmpty && !finished {
                waiting = true
                condition.wait()
                waiting = false
            }
            if rows.isEmpty { return nil }
            var batch: [PostgresRow] = []
            swap(&batch, &rows)
            return batch
        }
    }

    /// Binds for `query`.
    static func binds(_ values: any PostgresThrowingDynamicTypeEncodable...) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { try? binds.append(value) } // text, integers and uuids always encode
        return binds
    }

    private func wait<T: Sendable>(_ future: EventLoopFuture<T>, on connection: PostgresConnection, operation: String,
                         committing: Bool) throws -> T {
        let (answer, timer) = deadlined(future, on: connection, operation: operation, committing: committing)
        defer { timer.cancel() }
        return try settle(answer, on: connection, operation: operation, committing: committing)
    }

    /// `future`'s answer, or the store's error for it (the connection dropped when it is gone).
    private func settle<T: Sendable>(_ answer: EventLoopFuture<T>, on connection: PostgresConnection, operation: String,
                                     committing: Bool) throws -> T {
        do {
            return try answer.wait()
        } catch {
            let mapped = storeError(error, operation: operation, committing: committing)
            if mapped.isUnreachable || connection.isClosed { drop(connection) }
            throw mapped
        }
    }

    /// `future`, or `.unreachable` once `answerTimeout` passed without an answer. The connection
    /// is closed then too, but that is not relied on to end the wait: a server killed in the middle
    /// of an answer has been seen to leave postgres-nio's future pending for good (CI's writer under
    /// `pg_ctl stop -m immediate` waited 10 minutes), which would freeze a war room.
    private func deadlined<T: Sendable>(_ future: EventLoopFuture<T>, on connection: PostgresConnection, operation: String,
                                        committing: Bool) -> (EventLoopFuture<T>, Scheduled<Void>) {
        let answer = connection.eventLoop.makePromise(of: T.self)
        future.cascade(to: answer)
        let location = self.location
        let seconds = answerTimeout.nanoseconds / 1_000_000_000
        let timer = connection.eventLoop.scheduleTask(in: answerTimeout) {
            // The first of the answer and this failure wins; the other is ignored.
            answer.fail(StoreError.unreachable(location: location, operation: operation,
                                               reason: "no answer from the server in \(seconds) s", mayHaveCommitted: committing))
            let _: EventLoopFuture<Void> = connection.close()
        }
        return (answer.futureResult, timer)
    }

    private func drop(_ dead: PostgresConnection) {
        if connection === dead { connection = nil }
        // Waited for, a few seconds at most: postgres-nio insists a connection is closed before it
        // is released, but a close that never completes must not hold the caller.
        let closing = dead.eventLoop.makePromise(of: Void.self)
        dead.close().cascade(to: closing)
        let timer = dead.eventLoop.scheduleTask(in: .seconds(5)) { closing.succeed(()) }
        _ = try? closing.futureResult.wait()
        timer.cancel()
    }

    // MARK: Connecting

    /// Marks the start of a transaction on the current connection (call right after BEGIN).
    func pin() { pinned = connection }

    /// Marks its end (after COMMIT or ROLLBACK, or when it failed).
    func unpin() { pinned = nil }

    private func connected(operation: String) throws -> PostgresConnection {
        if let pinned {
            guard !pinned.isClosed, pinned === connection else {
                throw StoreError.unreachable(location: location, operation: operation,
                                             reason: "the connection closed in the middle of the transaction",
                                             mayHaveCommitted: false)
            }
            return pinned
        }
        if let connection, !connection.isClosed { return connection }
        connection = nil
        let configuration = try self.configuration()
        nextID += 1
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let future = PostgresConnection.connect(on: loop, configuration: configuration, id: nextID, logger: logger)
        do {
            let connection = try future.wait()
            self.connection = connection
            return connection
        } catch {
            throw storeError(error, operation: "connecting (\(operation))", committing: false)
        }
    }

    /// How postgres-nio reaches the server these settings name: TCP (with TLS as `sslmode` says)
    /// or the Unix socket in the directory `host` names.
    func configuration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if settings.host.hasPrefix("/") {
            // A Unix socket directory, as libpq takes it: the socket is .s.PGSQL.PORT in it.
            configuration = .init(unixSocketPath: settings.host + "/.s.PGSQL.\(settings.port)", username: settings.user,
                                  password: settings.password, database: settings.database)
        } else {
            configuration = .init(host: settings.host, port: settings.port, username: settings.user,
                                  password: settings.password, database: settings.database, tls: try tls())
        }
        configuration.options.connectTimeout = connectTimeout
        // Durable commits whatever the server's default, and a name in pg_stat_activity.
        // A session that vanished inside a transaction (a laptop's network gone) must not hold an
        // incident's row lock for hours, nor make others wait longer than they would wait for it.
        // No JIT: the read of a long incident looks costly to the planner, and compiling it took
        // longer (300 ms) than running it; warroom's statements are all short.
        configuration.options.additionalStartupParameters = [
            ("synchronous_commit", "on"), ("application_name", "warroom"),
            ("idle_in_transaction_session_timeout", "20s"), ("lock_timeout", "10s"), ("jit", "off"),
        ]
        return configuration
    }

    /// libpq's `sslmode`: `prefer` (TLS when offered, unchecked) unless the URL or `PGSSLMODE` says.
    private func tls() throws -> PostgresConnection.Configuration.TLS {
        let mode = settings.tlsMode
        if mode == .disable { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .verifyFull: tls.certificateVerification = .fullVerification
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .require, .disable, nil: tls.certificateVerification = .none
        }
        if let root = settings.rootCertificate { tls.trustRoots = .file(root) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw StoreError.cannotOpen(path: location, reason: "TLS could not be set up (\(error))"
                                        + (settings.rootCertificate.map { "; is sslrootcert=\($0) a PEM file?" } ?? ""))
        }
        return mode == nil ? .prefer(context) : .require(context)
    }

    // MARK: Errors

    /// What a postgres-nio or NIO failure means for the user.
    func storeError(_ error: any Error, operation: String, committing: Bool) -> StoreError {
        if let error = error as? StoreError { return error }
        let unreachable = { (reason: String) in
            StoreError.unreachable(location: self.location, operation: operation, reason: reason,
                                   mayHaveCommitted: committing)
        }
        guard let error = error as? PSQLError else {
            if Self.isTLSFailure(error) { return tlsRefusal(error) }
            return unreachable(Self.describe(error))
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?"
            let message = error.serverInfo?[.message] ?? "no message"
            return serverError(state: state, message: message, operation: operation, unreachable: unreachable)
        case .sslUnsupported:
            return .cannotOpen(path: location, reason: "the server does not offer TLS, and sslmode="
                               + (settings.tlsMode?.rawValue ?? "require") + " asks for it")
        case .authMechanismRequiresPassword:
            return .cannotOpen(path: location, reason: "the server asks user '\(settings.user)' for a password and "
                               + "none was given (put it in ~/.pgpass or PGPASSFILE, or PGPASSWORD)")
        case .unsupportedAuthMechanism, .saslError:
            return .cannotOpen(path: location, reason: "the server's authentication failed (\(error.code))")
        default:
            if let underlying = error.underlying, Self.isTLSFailure(underlying) { return tlsRefusal(underlying) }
            return unreachable(error.underlying.map(Self.describe) ?? "\(error.code)")
        }
    }

    private func serverError(state: String, message: String, operation: String,
                             unreachable: (String) -> StoreError) -> StoreError {
        switch state {
        case _ where state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state):
            // Connection exceptions, the server shutting down or starting, too many connections.
            return unreachable(message)
        case "42501", "25006":
            return .readOnly(location: location, reason: message)
        case "55P03", "40001", "40P01":
            // lock_timeout, a serialization failure, a deadlock: another writer was in the way;
            // trying again is right (the spool keeps such an entry), refusing it for good is not.
            return .busy(path: location, seconds: 10)
        case "28P01", "28000":
            return .cannotOpen(path: location, reason: "\(message) (check the user and the password in the URL, "
                               + "~/.pgpass, PGPASSFILE or PGPASSWORD)")
        case "3D000":
            return .cannotOpen(path: location, reason: "\(message); create it first (createdb \(settings.database))")
        default:
            return .server(location: location, operation: operation, code: state, message: message)
        }
    }

    private func tlsRefusal(_ error: any Error) -> StoreError {
        .cannotOpen(path: location, reason: "the server's TLS certificate was refused (\(Self.describe(error)))"
                    + (settings.rootCertificate == nil ? "; give its CA with sslrootcert=PATH" : ""))
    }

    private static func isTLSFailure(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }

    /// An error as a short phrase: NIO's errors print their type names otherwise.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.last.map { describe($0.error) } ?? "connection failed"
        }
        if error is ChannelError { return "the connection was closed" }
        return "\(error)"
    }
}
