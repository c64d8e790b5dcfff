import Foundation
import Testing
import WarRoomAlertIntake
import WarRoomAlerts
import WarRoomCore
import WarRoomDevServer
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a webhook from `Fixtures/` next to this file (the test target excludes the folder).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) -> [UInt8] {
        (try? Array(Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
    }

    static func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }
}

/// The PagerDuty webhook secret the tests sign with.
let pagerDutySecret = "pd-intake-test-secret-91c3"

/// The clock of every test: a little after the fixtures' alerts started.
let testNow = Timestamp(iso8601: "2026-11-28T14:10:00Z")!

/// A backend the intake tests run against, each test on a store of its own.
struct Backend: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable (_ scratch: String) throws -> StoreLocation
    let remove: @Sendable (StoreLocation) -> Void
    var testDescription: String { name }

    static let sqlite = Backend(name: "SQLite", make: { .sqlite(path: $0 + "/w.db") }, remove: { _ in })
    static let postgreSQL = Backend(name: "PostgreSQL", make: { _ in .postgreSQL(url: try IntakePostgres.freshDatabase()) },
                                    remove: { IntakePostgres.drop($0) })
    static let all: [Backend] = [.sqlite, .postgreSQL]

    /// A fresh store, and its location (to open it again, as another process would).
    func withStore(_ body: (any EventStore, StoreLocation) throws -> Void) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-intake-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let location = try make(scratch)
        defer { remove(location) }
        try body(try location.open(), location)
    }
}

/// One PostgreSQL server for the intake tests, a database per test.
enum IntakePostgres {
    static let server: Result<PostgresDevServer, any Error> = {
        do {
            let server = try PostgresDevServer(.init(durable: false))
            atexit { IntakePostgres.stop() }
            return .success(server)
        } catch {
            return .failure(error)
        }
    }()

    private static func stop() {
        if case .success(let server) = server { try? server.shutdown() }
    }

    static func freshDatabase() throws -> String {
        let name = "wr_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try server.get().createDatabase(name: name)
    }

    static func drop(_ location: StoreLocation) {
        guard case .postgreSQL(let url) = location, let server = try? server.get(),
              let name = url.split(separator: "?").first?.split(separator: "/").last else { return }
        _ = try? server.adminSQL("DROP DATABASE IF EXISTS \(PostgresDevServer.identifier(String(name))) WITH (FORCE);")
    }
}

/// An intake with the default policy, the test clock and the test PagerDuty secret.
func makeIntake(_ store: any EventStore, policy: AlertPolicy = AlertPolicy(), now: Timestamp = testNow,
                secrets: IntakeSecrets = IntakeSecrets(pagerDuty: [pagerDutySecret])) -> AlertIntake {
    AlertIntake(store: store, policy: policy, secrets: secrets, clock: { now })
}

/// Every incident of the store, folded, oldest first.
func incidents(_ store: any EventStore) throws -> [IncidentState] {
    try store.incidents().compactMap { record in IncidentState.fold(try store.events(of: record.id, after: 0).map(\.event)) }
}

/// How many events the store holds in all.
func eventCount(_ store: any EventStore) throws -> Int {
    try store.incidents().reduce(0) { $0 + Int($1.lastSequence) }
}

/// `POST /PATH` of a fixture through the intake as the server hands it over.
func post(_ intake: AlertIntake, _ path: String, _ body: [UInt8], headers: [(name: String, value: String)] = []) -> IntakeAnswer {
    intake.receive(method: "POST", path: path, headers: headers, body: body)
}

/// The PagerDuty signature header for `body`.
func pagerDutyHeaders(_ body: [UInt8], secret: String = pagerDutySecret) -> [(name: String, value: String)] {
    [(name: WebhookSignature.pagerDutyHeader, value: "v1=" + WebhookSignature.hexSignature(body: body, secret: secret))]
}

/// A store that fails, as an unreachable server does, while `failing` is set: every other call
/// goes to the real store.
final class FlakyStore: EventStore {
    let base: any EventStore
    var failing = true
    /// The next this many inbox appends fail as unreachable, whatever `failing` says.
    var failingInboxAppends = 0
    var failure: StoreError { .unreachable(location: "postgresql://db.example:5432/warroom", operation: "BEGIN",
                                           reason: "connection refused", mayHaveCommitted: false) }

    init(_ base: any EventStore) { self.base = base }

    private func check() throws { if failing { throw failure } }

    var identity: StoreIdentity { base.identity }
    func append(to incident: IncidentID, knownSequence: Int64,
                _ makeEvents: ([StoredEvent]) throws -> [Event]) throws -> AppendResult {
        try check()
        return try base.append(to: incident, knownSequence: knownSequence, makeEvents)
    }
    func declare(_ makeEvents: (IncidentID) throws -> [Event]) throws -> (IncidentID, [StoredEvent]) {
        try check()
        return try base.declare(makeEvents)
    }
    func events(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] {
        try base.events(of: incident, after: sequence)
    }
    func incidents() throws -> [IncidentRecord] { try base.incidents() }
    func importEvents(_ events: [Event], lines: [Int], asNew: Bool) throws -> ImportResult {
        try base.importEvents(events, lines: lines, asNew: asNew)
    }
    func exportLines(of incident: IncidentID) throws -> [String] { try base.exportLines(of: incident) }
    var readOnlyReason: String? { base.readOnlyReason }
    func hasExternalChanges() throws -> Bool { try base.hasExternalChanges() }
    func makeChangeSignal() throws -> (any StoreChangeSignal)? { nil }
    func health() throws -> StoreHealth { try base.health() }
    func unreadableEvents(of incident: IncidentID) throws -> [(sequence: Int64, reason: String)] {
        try base.unreadableEvents(of: incident)
    }
    func inboxEvents(after sequence: Int64) throws -> InboxRead { try base.inboxEvents(after: sequence) }
    func appendInbox(knownSequence: Int64,
                     _ makeEvents: ([StoredInboxEvent]) throws -> [InboxEvent]) throws -> InboxAppendResult {
        try check()
        if failingInboxAppends > 0 {
            failingInboxAppends -= 1
            throw failure
        }
        return try base.appendInbox(knownSequence: knownSequence, makeEvents)
    }
    func indexedSequences() throws -> [IncidentID: Int64] {
        try check()
        return try base.indexedSequences()
    }
    func index(_ documents: [SearchDocument]) throws {
        try check()
        try base.index(documents)
    }
    func searchBacklog() throws -> (mark: Int64?, lagging: [IncidentRecord]) {
        try check()
        return try base.searchBacklog()
    }
    func recordSearchIndexed(through mark: Int64) throws {
        try check()
        try base.recordSearchIndexed(through: mark)
    }
    func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        try check()
        return try base.search(query, limit: limit)
    }
    func wordMatches(_ query: SearchQuery, upTo cap: Int) throws -> Int {
        try check()
        return try base.wordMatches(query, upTo: cap)
    }
    func incidentsSharing(causes: [String], fingerprints: [String]) throws -> [IncidentID] {
        try check()
        return try base.incidentsSharing(causes: causes, fingerprints: fingerprints)
    }
    func causeTags() throws -> [String: [IncidentID]] {
        try check()
        return try base.causeTags()
    }
}

/// Sends `bytes` on a raw loopback TCP connection, then reads until the server closes (or 5 s pass).
func rawExchange(_ port: Int, _ bytes: [UInt8]) -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return "connect failed" }
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = recv(fd, &buffer, buffer.count, 0)
        if count <= 0 { break }
        answer += buffer[0..<count]
    }
    return String(decoding: answer, as: UTF8.self)
}
