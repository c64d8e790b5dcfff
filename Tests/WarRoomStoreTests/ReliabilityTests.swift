import Foundation
import Testing
import WarRoomCore
import WarRoomDevServer
import WarRoomStore

/// The stores under load and under a failing server, bounded in time: many processes appending
/// to one incident at once (both backends), a PostgreSQL server killed and restarted under a
/// writer, TLS.
@Suite struct StoreReliabilityTests {
    @Test("8 warroom processes × 500 appends to one incident at once: 4,000 events, gapless, no error",
          arguments: StoreBackend.all)
    func eightProcessesAppendAtOnce(_ backend: StoreBackend) throws {
        try backend.withLocation { location in try eightProcesses(location) }
    }

    private func eightProcesses(_ location: StoreLocation) throws {
        let url = location.argument
        let id = try declareIncident(try location.open())
        let writers = 8, perWriter = 500
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }

        var running: [(Process, Pipe)] = []
        for writer in 0..<writers {
            let process = Process()
            process.executableURL = warroomBinary
            process.arguments = ["log", "--each-line", "--store", url, "--incident", id, "--as", "w\(writer)"]
            process.environment = ["HOME": home.path, "USER": "w\(writer)", "LANG": "C.UTF-8",
                                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            let input = (1...perWriter).map { "w\(writer) line \($0)" }.joined(separator: "\n") + "\n"
            let inputFile = home.appendingPathComponent("in-\(writer).txt")
            try Data(input.utf8).write(to: inputFile)
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
            process.standardOutput = FileHandle.nullDevice
            let stderr = Pipe()
            process.standardError = stderr
            try process.run()
            running.append((process, stderr))
        }
        for (process, stderr) in running {
            let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(said)")
            #expect(said.isEmpty, "\(said)")
        }

        let stored = try location.open().events(of: id, after: 0)
        #expect(stored.map(\.sequence) == Array(1...Int64(1 + writers * perWriter)))
        for writer in 0..<writers {
            let texts = stored.compactMap { stored -> String? in
                guard stored.event.author == "w\(writer)", case .entry(let entry) = stored.event.payload else { return nil }
                return entry.text
            }
            #expect(texts == (1...perWriter).map { "w\(writer) line \($0)" }, "writer \(writer)'s order is kept")
        }
        #expect(try location.open().health().integrity == "ok")
    }

    @Test("A writer while the server is killed (-m immediate) and restarted 20 times: every id it saw stored is stored once")
    func writerSurvivesImmediateStops() throws {
        // A server of its own: the shared one serves tests running at the same time.
        let server = try PostgresDevServer(.init(durable: false))
        defer { try? server.shutdown() }
        let url = try server.createDatabase(name: "restarts")
        let id = try declareIncident(try PostgresEventStore(url: url))

        let log = WriterLog()
        let writer = Thread {
            do {
                var store: PostgresEventStore?
                var known: Int64 = 1
                while !log.shouldStop {
                    // The same event until it is stored: a retry after a lost answer is not a duplicate.
                    let event = note(id, "entry \(log.acknowledged.count + 1)")
                    while true {
                        do {
                            if store == nil { store = try PostgresEventStore(url: url) }
                            guard let open = store else { continue }
                            let result = try open.append(to: id, knownSequence: known) { _ in [event] }
                            known = result.events.last?.sequence ?? known
                            break
                        } catch let error as StoreError where error.isUnreachable {
                            log.noteUnreachable()
                            Thread.sleep(forTimeInterval: 0.02)
                        }
                    }
                    log.acknowledge(event.id)
                }
            } catch {
                log.fail("\(error)")
            }
            log.finish()
        }
        writer.start()

        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.3, using: &generator))
            try server.stop(mode: .immediate)
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.2, using: &generator))
            try server.start()
        }
        // The writer resumes by itself: it acknowledges more after the last restart.
        let before = log.acknowledged.count
        let deadline = Date().addingTimeInterval(60)
        while log.acknowledged.count < before + 20, Date() < deadline, log.failure == nil {
            Thread.sleep(forTimeInterval: 0.05)
        }
        log.stop()
        log.waitUntilFinished()

        #expect(log.failure == nil, "\(log.failure ?? "")")
        #expect(log.acknowledged.count >= before + 20, "the writer went on after the last restart")
        #expect(log.unreachableCount > 0, "the server really went away under the writer")
        let stored = try PostgresEventStore(url: url).events(of: id, after: 0)
        #expect(stored.map(\.sequence) == Array(1...Int64(stored.count)), "gapless")
        let counts = Dictionary(stored.map { ($0.event.id, 1) }, uniquingKeysWith: +)
        for acknowledged in log.acknowledged {
            #expect(counts[acknowledged] == 1, "event \(acknowledged) acknowledged but stored \(counts[acknowledged] ?? 0) times")
        }
        #expect(stored.count <= log.acknowledged.count + 2, "at most the entry in flight is stored unacknowledged")
    }

    @Test("sslmode=verify-full connects with the server's CA as sslrootcert and refuses without it")
    func verifyFullTLS() throws {
        let server = try PostgresDevServer(.init(tls: true, durable: false))
        defer { try? server.shutdown() }
        _ = try server.createDatabase(name: "tls")
        let ca = try #require(server.authorityCertificate)

        let trusted = server.url(database: "tls", host: "localhost", sslMode: "verify-full")
        #expect(trusted.contains("sslrootcert="))
        let store = try PostgresEventStore(url: trusted)
        _ = try declareIncident(store)
        #expect(try store.incidents().count == 1)

        // The system's CAs do not know this one: refused, and not as an unreachable server.
        let untrusted = server.url(database: "tls", host: "localhost") + "?sslmode=verify-full"
        #expect {
            _ = try PostgresEventStore(url: untrusted)
        } throws: { error in
            guard case StoreError.cannotOpen(_, let reason) = error else { return false }
            return reason.contains("certificate") && reason.contains("sslrootcert")
        }
        _ = ca
    }
}

/// What the writer thread reports, behind a lock.
final class WriterLog: @unchecked Sendable {
    private let lock = NSCondition()
    private var ids: [UUID] = []
    private var unreachable = 0
    private var stopping = false
    private var finished = false
    private var failed: String?

    var acknowledged: [UUID] { lock.withLock { ids } }
    var unreachableCount: Int { lock.withLock { unreachable } }
    var shouldStop: Bool { lock.withLock { stopping } }
    var failure: String? { lock.withLock { failed } }

    func acknowledge(_ id: UUID) { lock.withLock { ids.append(id) } }
    func noteUnreachable() { lock.withLock { unreachable += 1 } }
    func fail(_ message: String) { lock.withLock { failed = message } }
    func stop() { lock.withLock { stopping = true } }

    func finish() {
        lock.lock()
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    func waitUntilFinished() {
        lock.lock()
        while !finished { lock.wait() }
        lock.unlock()
    }
}
