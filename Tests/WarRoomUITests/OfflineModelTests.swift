import Foundation
import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomScreen
import WarRoomTestSupport
import WarRoomUI

/// The war room model while the store's server cannot be reached: pure messages in, effects and
/// screen out.
@Suite("Offline: queued entries and the status line")
struct OfflineModelTests {
    static func model(width: Int = 100, height: Int = 30) throws -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                            width: width, height: height)
    }

    static func entry(_ n: Int, _ text: String, at: Timestamp, unconfirmed: Bool = false) -> QueuedEntry {
        QueuedEntry(id: testID(800 + n), at: at, author: "carol", text: text, unconfirmed: unconfirmed)
    }

    static func footer(_ model: WarRoomModel) -> String {
        let grid = WarRoomView.render(model).grid
        return (0..<grid.width).map { grid[$0, grid.height - 1].text }.joined().trimmingCharacters(in: .whitespaces)
    }

    @Test("The status line counts the queued entries exactly", arguments: [1, 2, 7])
    func statusCounts(count: Int) throws {
        var m = try Self.model()
        for n in 0..<count {
            _ = m.update(.queued(Self.entry(n, "entry \(n)", at: m.now), source: .line("entry \(n)")))
        }
        m.notice = nil
        let entries = count == 1 ? "1 entry" : "\(count) entries"
        #expect(m.offlineStatus == "offline — \(entries) queued, retrying")
        #expect(Self.footer(m) == "offline — \(entries) queued, retrying")
        #expect(m.queuesEntries)
    }

    @Test("A failed read while the server is away is said once; later ones leave the status line, and polls stop")
    func readsDoNotSpam() throws {
        var m = try Self.model()
        #expect(m.update(.storeUnreachable("connection refused")) == [.log("store unreachable: connection refused")])
        #expect(m.notice?.text.contains("connection refused") == true)
        _ = m.update(.input(.key(.character("x"))))
        #expect(m.notice == nil)
        #expect(m.update(.storeUnreachable("connection refused")) == [], "no second log line")
        #expect(m.notice == nil && Self.footer(m) == "offline — no entries queued, retrying")
        #expect(m.update(.pollDue) == [], "no read per poll while offline")
    }

    @Test("Attempts follow the backoff: due at the tick after each delay, never before")
    func retrySchedule() throws {
        var m = try Self.model()
        let start = m.now
        _ = m.update(.queued(Self.entry(1, "a", at: start), source: .line("a")))
        var attempts: [Int64] = []
        for second in 1...40 {
            let effects = m.update(.tick(start + .seconds(Int64(second))))
            if effects.contains(.deliverQueued) {
                attempts.append(Int64(second))
                _ = m.update(.deliveryFailed("connection refused", remaining: 1))
            }
        }
        #expect(attempts == [1, 3, 7, 15, 31])
    }

    @Test("Delivered entries become normal rows; refused ones are shown with time, text and reason")
    func deliveredAndRefused() throws {
        var m = try Self.model()
        let a = Self.entry(1, "rolled back v41", at: m.now), b = Self.entry(2, "/resolve! done", at: m.now, unconfirmed: true)
        _ = m.update(.queued(a, source: .line(a.text)))
        _ = m.update(.queued(b, source: .line(b.text)))
        let event = Event(id: a.id, incident: m.incident.id, at: a.at, recordedAt: a.at, author: "carol",
                          payload: .entry(Entry(kind: .note, text: a.text)))
        _ = m.update(.delivered([event], entries: [a.id], remaining: 1))
        #expect(m.queued == [b] && m.offline)
        #expect(m.incident.timelineItem(for: a.id)?.text == a.text)
        _ = m.update(.deliveryRefused(b, reason: "the incident is already resolved"))
        _ = m.update(.delivered([], entries: [], remaining: 0))
        #expect(m.queued.isEmpty && !m.offline)
        #expect(m.notice?.text == "Not recorded: your queued entry of \(b.at.clockTime) “/resolve! done”: the incident is already resolved")
    }

    @Test("Queued and unconfirmed rows, and the offline status", arguments: [(80, 24), (120, 40)])
    func golden(_ size: (Int, Int)) throws {
        var m = try Self.model(width: size.0, height: size.1)
        _ = m.update(.storeUnreachable("connection refused"))
        _ = m.update(.queued(Self.entry(1, "rolled back to v41, error rate falling", at: m.now), source: .line("")))
        _ = m.update(.queued(Self.entry(2, "/sev 1 checkout fully down", at: m.now + .seconds(20), unconfirmed: true),
                             source: .line("")))
        m.notice = nil
        try Golden.check(WarRoomView.render(m).grid, theme: ThemeCatalog.defaultTheme, name: "offline-\(size.0)x\(size.1)-dark")
    }
}

extension OfflineModelTests {
    @Test("Rows another warroom process delivered meanwhile leave the queue once the spool is empty, and the store is read")
    func deliveredElsewhere() throws {
        var m = try Self.model()
        _ = m.update(.queued(Self.entry(1, "a", at: m.now), source: .line("a")))
        _ = m.update(.queued(Self.entry(2, "b", at: m.now), source: .line("b")))
        #expect(m.update(.delivered([], entries: [], remaining: 0)) == [.readStore(evenIfUnchanged: true)])
        #expect(m.queued.isEmpty && !m.offline && m.offlineStatus == nil)
        #expect(m.notice?.text == "Back online: the 2 queued entries are recorded")
    }
}
