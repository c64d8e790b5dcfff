// What the store benchmarks share: clocks, percentiles, and the same generated incidents on
// every run (SplitMix64), so SQLite and PostgreSQL are measured on identical events.
import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: Measuring

public func nowNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// CPU time of the calling thread: unlike wall time, not inflated by other processes waiting for
/// or holding the CPU.
public func cpuNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

public func millis(_ nanos: UInt64) -> Double { Double(nanos) / 1e6 }

/// The value at `fraction` (0…1) of sorted samples, nearest rank.
public func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

public func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }

public func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

public func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("\((CommandLine.arguments.first ?? "bench").split(separator: "/").last ?? ""): \(message)\n".utf8))
    exit(1)
}

/// `text` as a number above zero, or exit saying `option` needs one.
public func positiveNumber(_ text: String, _ option: String) -> Int {
    guard let value = Int(text), value > 0 else { fail("\(option) needs a positive number, not \(text)") }
    return value
}

/// A benchmark's command line, read an argument at a time.
public struct Arguments {
    private var rest: ArraySlice<String>
    public init(_ arguments: ArraySlice<String>) { rest = arguments }
    /// The next argument, nil at the end.
    public mutating func next() -> String? { rest.popFirst() }
    /// The value after option `name`, or exit saying it needs one.
    public mutating func value(_ name: String) -> String {
        guard let value = rest.popFirst() else { fail("\(name) needs a value") }
        return value
    }
    /// The number above zero after option `name`.
    public mutating func positive(_ name: String) -> Int { positiveNumber(value(name), name) }
}

/// A `kB` field of /proc/self/status (VmHWM, VmRSS), in kibibytes.
public func procStatusKB(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
        return Int(digits) ?? -1
    }
    return -1
}

// MARK: Events

/// SplitMix64: the same events on every run.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

public let words = ["checkout", "latency", "p99", "rollback", "deploy", "db-primary", "replica", "lag", "errors",
             "5xx", "cache", "eviction", "pager", "on-call", "customer", "dashboard", "canary", "config",
             "flag", "restart", "pods", "OOM", "queue", "backlog", "TLS", "cert", "DNS", "timeout", "retry",
             "storm", "shard", "failover", "région", "東京", "✅"]
public let people = ["alice", "bob", "carol", "dave", "erin", "frank"]
public let start = Timestamp(millis: 1_795_000_000_000)

public func sentence(_ rng: inout SplitMix64, _ count: Int) -> String {
    (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
}

public func uuid(_ rng: inout SplitMix64) -> UUID {
    let a = rng.next(), b = rng.next()
    var bytes = [UInt8](repeating: 0, count: 16)
    for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i))) }
    for i in 0..<8 { bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i))) }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                       bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
}

/// The typical event of a live incident: a note of about 90 characters.
public func typicalEntry(_ incident: IncidentID, _ n: Int, _ rng: inout SplitMix64) -> Event {
    let at = start + .seconds(Int64(n))
    return Event(id: uuid(&rng), incident: incident, at: at, recordedAt: at, author: people[n % people.count],
                 payload: .entry(Entry(kind: .note, text: "#\(n) " + sentence(&rng, 12))))
}

/// An incident of `count` events: a declaration, then mostly timeline entries with every other
/// kind of event mixed in, as a long incident would have.
public func incident(_ incident: IncidentID, count: Int) -> [Event] {
    var rng = SplitMix64(state: UInt64(count))
    var events: [Event] = []
    events.reserveCapacity(count)
    var hypotheses: [UUID] = []
    var entries: [UUID] = []
    func add(_ n: Int, _ payload: EventPayload) {
        let at = start + .seconds(Int64(n) * 3)
        events.append(Event(id: uuid(&rng), incident: incident, at: at, recordedAt: at + TimeSpan(millis: 137),
                            author: people[n % people.count], payload: payload))
    }
    add(0, .declared(Declaration(title: "Checkout p99 latency above 4 s", severity: .sev2,
                                 summary: "EU checkout slow since the 14:00 deploy", service: "checkout",
                                 impactStartedAt: start - .minutes(12), detectedAt: start - .minutes(5))))
    var n = 1
    while events.count < count {
        let slot = n % 100
        switch slot {
        case 1: add(n, .roleAssigned(RoleAssignment(role: Role.allCases[n / 100 % 4], person: people[n % 6])))
        case 7: add(n, .impactRecorded(ImpactReport(usersAffectedPercent: Double(n % 700) / 7.0, // a share: 0 to 100
                                                    usersAffectedCount: n * 3, customerReported: n % 3 == 0,
                                                    note: sentence(&rng, 6))))
        case 13:
            add(n, .hypothesisOpened(HypothesisOpening(text: sentence(&rng, 10), owner: people[n % 6],
                                                       timebox: .minutes(15))))
            if let last = events.last { hypotheses.append(last.id) }
        case 29:
            if let hypothesis = hypotheses.last {
                add(n, .hypothesisDecided(HypothesisDecision(hypothesis: hypothesis, verdict: .extended,
                                                             extendedBy: .minutes(10), note: sentence(&rng, 5))))
            }
        case 37: add(n, .notified(NotificationRecord(target: "VP Eng", kind: .notification, tier: "SEV2 leadership",
                                                     obligation: .notifySev2)))
        case 43: add(n, .updatePosted(StatusUpdatePost(audience: .customers, text: sentence(&rng, 25))))
        case 53:
            if let entry = entries.last { add(n, .entryAmended(EntryAmendment(entry: entry, text: sentence(&rng, 12)))) }
        case 61:
            // A different entry each time: retracting one twice changes nothing, and the store refuses it.
            if !entries.isEmpty { add(n, .entryRetracted(EntryRetraction(entry: entries.removeFirst(), reason: "duplicate"))) }
        case 71: add(n, .severityChanged(SeverityChange(to: n / 100 % 2 == 0 ? .sev1 : .sev2, reason: "scope")))
        default:
            let tags: [EntryTag] = slot % 10 == 3 ? [.diagnosis, .keyMoment] : []
            add(n, .entry(Entry(kind: EntryKind.allCases[n % 5], text: sentence(&rng, 4 + Int(rng.next() % 20)),
                                tags: tags)))
            if let last = events.last, entries.count < 64 { entries.append(last.id) }
        }
        n += 1
    }
    if count > 2 { // end the incident the way incidents end
        events[count - 2].payload = .statusChanged(StatusChange(to: .resolved, reason: "fixed"))
        events[count - 1].payload = .postmortemStatusChanged(PostmortemStatusChange(status: .draft))
    }
    return events
}

