import Foundation
import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomHTTP
import WarRoomIntegrations
import WarRoomOutbox
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP receiver (WarRoomHTTP's server on 127.0.0.1, a free port) that answers from a
/// script and records every request it was sent, in arrival order.
final class Receiver: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [IncomingRequest] = []
    private var script: [@Sendable (IncomingRequest) -> OutgoingResponse]
    private let fallback: @Sendable (IncomingRequest) -> OutgoingResponse
    private(set) var server: HTTPServer?
    private(set) var port: Int

    /// A receiver answering `script`'s answers in turn, then `fallback` (default: 200 as Slack would).
    init(port: Int = 0, script: [@Sendable (IncomingRequest) -> OutgoingResponse] = [],
         fallback: @escaping @Sendable (IncomingRequest) -> OutgoingResponse = Receiver.ok) throws {
        self.script = script
        self.fallback = fallback
        self.port = port
        try start()
    }

    /// Listens (again) on its port.
    func start() throws {
        server = try HTTPServer(host: "127.0.0.1", port: port) { [weak self] request in
            guard let self else { return .text(500, "gone") }
            return self.answer(request)
        }
        port = server?.port ?? port
    }

    func stop() {
        server?.close()
        server = nil
    }

    private func answer(_ request: IncomingRequest) -> OutgoingResponse {
        lock.lock()
        seen.append(request)
        let next = script.isEmpty ? fallback : script.removeFirst()
        lock.unlock()
        return next(request)
    }

    var requests: [IncomingRequest] { lock.lock(); defer { lock.unlock() }; return seen }

    /// `http://127.0.0.1:PORT` and `path`.
    func url(_ path: String = "") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Waits (up to `seconds`) until `count` requests came.
    func wait(for count: Int, seconds: Double = 20) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if requests.count >= count { return true }
            usleep(20_000)
        }
        return requests.count >= count
    }

    static let ok: @Sendable (IncomingRequest) -> OutgoingResponse = { _ in .text(200, "ok") }

    static func status(_ code: Int, _ body: String = "", headers: [(String, String)] = []) -> @Sendable (IncomingRequest) -> OutgoingResponse {
        let bytes = Array(body.utf8)
        return { _ in OutgoingResponse(status: code, headers: headers.map { (name: $0.0, value: $0.1) }, body: bytes) }
    }

    static func json(_ code: Int, _ body: String) -> @Sendable (IncomingRequest) -> OutgoingResponse {
        status(code, body, headers: [("Content-Type", "application/json")])
    }
}

/// A TCP listener on 127.0.0.1 that accepts each connection, reads what comes, and resets it (an
/// RST: SO_LINGER 0) without answering.
final class ResettingListener: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var accepted = 0
    private var running = true

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        var chosen = sockaddr_in()
        _ = withUnsafeMutablePointer(to: &chosen) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: chosen.sin_port))
        let listener = fd
        Thread.detachNewThread { [self] in
            while self.isRunning {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                self.count()
                var buffer = [UInt8](repeating: 0, count: 4096)
                var timeout = timeval(tv_sec: 1, tv_usec: 0)
                setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                _ = read(client, &buffer, buffer.count)
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                close(client)
            }
        }
    }

    private var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return running }
    private func count() { lock.lock(); accepted += 1; lock.unlock() }
    var connections: Int { lock.lock(); defer { lock.unlock() }; return accepted }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}

/// A clock that moves only when told.
final class SteppedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp

    init(_ start: Timestamp = SteppedClock.wallNow) { current = start }

    var now: Timestamp { lock.lock(); defer { lock.unlock() }; return current }
    func advance(_ span: TimeSpan) { lock.lock(); current = current + span; lock.unlock() }
    func set(_ time: Timestamp) { lock.lock(); current = time; lock.unlock() }

    /// The wall clock, to the millisecond.
    static var wallNow: Timestamp { Timestamp(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))) }
}

/// A store in a temporary directory, a config file's destinations, and the record path that
/// queues deliveries as the CLI's does.
final class Harness {
    let directory: URL
    let path: String
    let store: SQLiteEventStore
    let clock: SteppedClock
    var config: Config
    var environment: [String: String]
    var routing: DestinationRouting?
    var incident: IncidentID = ""

    init(config text: String, environment: [String: String] = [:], clock: SteppedClock = SteppedClock()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("warroom.db").path
        store = try SQLiteEventStore(path: path)
        let load = Config.parse(text, file: "config.toml", privateFile: true)
        #expect(load.diagnostics.isEmpty, "config: \(load.diagnostics.map(\.description))")
        config = load.config
        self.environment = environment
        self.clock = clock
        routing = config.deliveryRouting(storeIdentity: store.identity.key)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var catalog: DestinationCatalog { DestinationCatalog(integrations: config.integrations, environment: environment) }

    /// A worker on its own connection to the store.
    func worker(_ name: String = "test-host:1", lease: TimeSpan = .seconds(60), timeout: TimeSpan = .seconds(5),
                spacing: @escaping (DestinationType) -> TimeSpan = { _ in .zero },
                sender: any RequestSending = HTTPClient(), catalog: DestinationCatalog? = nil) throws -> OutboxWorker {
        let connection = try SQLiteEventStore(path: path)
        let clock = self.clock
        return OutboxWorker(store: connection, catalog: catalog ?? self.catalog, sender: sender, worker: name, lease: lease,
                            clock: { clock.now }, requestTimeout: timeout, random: { 0.5 }, spacing: spacing)
    }

    /// Declares the incident (SEV2, with Ana Ruiz as IC), queueing what the config routes.
    @discardableResult
    func declare(_ title: String = "Checkout errors") throws -> IncidentID {
        let entry = SpoolEntry(incident: nil, knownSequence: 0,
                               commands: [.declare(Declaration(title: title, severity: .sev2, service: "checkout-api")),
                                          .assignRole(.commander, person: "Ana Ruiz")],
                               author: "alice", at: clock.now, recordedAt: clock.now, summary: "")
        let (id, _) = try store.declare(entry, policy: .standard, now: clock.now, routing: routing)
        incident = id
        return id
    }

    /// Records `command` on the incident as `warroom …` would, queueing its deliveries.
    func record(_ command: Command, by author: String = "alice") throws {
        let (state, last) = try load()
        _ = try store.record(incident: incident, onto: state, knownSequence: last, author: author, at: clock.now, now: clock.now,
                             policy: .standard, routing: routing) { _ in command }
    }

    func load() throws -> (IncidentState, Int64) {
        let events = try store.events(of: incident, after: 0)
        guard let state = IncidentState.fold(events.map(\.event)) else { throw POSIXError(.ENOENT) }
        return (state, events.last?.sequence ?? 0)
    }

    var outbox: Outbox { (try? load().0.outbox) ?? Outbox() }

    /// The delivery steps of the incident, as stored.
    func steps() throws -> [DeliveryRecord] {
        try store.events(of: incident, after: 0).compactMap { if case .delivery(let record) = $0.event.payload { record } else { nil } }
    }

    /// Every stored line of the incident: what an export holds.
    func exportText() throws -> String { try store.exportLines(of: incident).joined(separator: "\n") }

    /// The notice of `delivery` rebuilt independently of the worker, and the requests it plans.
    func planned(_ delivery: OutboundDelivery) throws -> [OutboundRequest] {
        let events = try store.events(of: incident, after: 0).map(\.event)
        guard let index = events.firstIndex(where: { $0.id == delivery.cause }) else { return [] }
        let before = index == 0 ? nil : IncidentState.fold(events[..<index])
        guard let after = IncidentState.fold(events[...index]) else { return [] }
        let notices = NoticeBuilder.notices(for: events[index], before: before, after: after, storeIdentity: store.identity.key)
        guard let notice = notices.first(where: { NoticeBuilder.noticeName($0.kind) == delivery.notice }),
              case .success(let destination) = catalog.destination(named: delivery.destination) else { return [] }
        let state = IncidentState.fold(events) ?? after
        let earlier = state.outbox.deliveries.prefix { $0.id != delivery.id }
        let reference = earlier.last { $0.destination == delivery.destination && $0.vendorReference != nil }?.vendorReference
        guard case .send(let requests) = try destination.plan(for: notice, vendorReference: reference) else { return [] }
        return requests
    }
}

/// The parsed JSON body of a request.
func jsonBody(_ request: IncomingRequest) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
}

/// Expects the received request to be exactly the planned one: method, path and query, every
/// planned header, the body's bytes.
func expectSame(_ received: IncomingRequest, _ planned: OutboundRequest, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(received.method == planned.method, sourceLocation: sourceLocation)
    let path = received.path + (received.query.map { "?" + $0 } ?? "")
    #expect(planned.url.hasSuffix(path) && !path.isEmpty, "received \(path), planned \(planned.redactedURL)", sourceLocation: sourceLocation)
    for header in planned.headers {
        #expect(received.header(header.name) == header.value, "header \(header.name)", sourceLocation: sourceLocation)
    }
    #expect(received.body == planned.body, "body: \(String(decoding: received.body, as: UTF8.self))", sourceLocation: sourceLocation)
}
