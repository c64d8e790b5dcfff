import Foundation
import WarRoomCore

/// One inbox event as stored, with its place in the inbox.
public struct StoredInboxEvent: Hashable, Sendable {
    public var sequence: Int64
    public var event: InboxEvent

    public init(sequence: Int64, event: InboxEvent) {
        self.sequence = sequence
        self.event = event
    }
}

/// What reading the inbox found: the events that decode, and the rows that do not (written by a
/// newer warroom, or damaged), each with its sequence and why. One bad row hides only itself.
public struct InboxRead: Sendable {
    public var events: [StoredInboxEvent]
    public var unreadable: [(sequence: Int64, reason: String)]
    /// The highest sequence read, readable or not: where the next read starts.
    public var last: Int64

    public init(events: [StoredInboxEvent] = [], unreadable: [(sequence: Int64, reason: String)] = [], last: Int64 = 0) {
        self.events = events
        self.unreadable = unreadable
        self.last = last
    }
}

/// What an inbox append read and wrote: the events others wrote after the caller's sequence, then
/// its own that were stored (an id already stored is skipped), and how many those were.
public struct InboxAppendResult: Sendable {
    public var read: InboxRead
    public var written: Int
}

/// The rows of the inbox a backend's transaction reads and writes.
protocol InboxRows: AnyObject {
    var storeName: String { get }
    /// The rows after `sequence`, in order, bodies as stored.
    func inboxRows(after sequence: Int64) throws -> [(sequence: Int64, body: String)]
    /// Inserts one row; false when its id was already stored (nothing is written).
    func insertInboxRow(_ event: InboxEvent, sequence: Int64, body: String) throws -> Bool
    /// The highest sequence in the inbox (0 when empty).
    func lastInboxSequence() throws -> Int64
}

/// The inbox's rules, once for every backend: the encoding, reading that skips what does not
/// decode, and an append decided against the latest rows.
enum InboxLog {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The stored body of `event`, refused when it would not read back as the same event.
    static func body(of event: InboxEvent, store: String) throws -> String {
        let data: Data
        do { data = try encoder().encode(event) } catch {
            throw StoreError.encodingFailed(path: store, event: event.id, reason: "\(error)")
        }
        guard (try? JSONDecoder().decode(InboxEvent.self, from: data)) == event else {
            throw StoreError.encodingFailed(path: store, event: event.id, reason: "it would not read back as written")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ rows: [(sequence: Int64, body: String)], after sequence: Int64) -> InboxRead {
        var read = InboxRead(last: sequence)
        let decoder = JSONDecoder()
        for row in rows {
            read.last = max(read.last, row.sequence)
            do {
                read.events.append(StoredInboxEvent(sequence: row.sequence,
                                                    event: try decoder.decode(InboxEvent.self, from: Data(row.body.utf8))))
            } catch {
                read.unreadable.append((row.sequence, DecodingErrorText.describe(error)))
            }
        }
        return read
    }

    static func read(_ rows: some InboxRows, after sequence: Int64) throws -> InboxRead {
        decode(try rows.inboxRows(after: sequence), after: sequence)
    }

    /// `EventStore.appendInbox`, inside the backend's write transaction (which must keep two
    /// appends from taking one sequence).
    static func append(_ rows: some InboxRows, knownSequence: Int64,
                       _ makeEvents: ([StoredInboxEvent]) throws -> [InboxEvent]) throws -> InboxAppendResult {
        var read = try read(rows, after: knownSequence)
        let events = try makeEvents(read.events)
        var next = max(read.last, try rows.lastInboxSequence()) + 1
        var written = 0
        for event in events {
            let body = try body(of: event, store: rows.storeName)
            if try rows.insertInboxRow(event, sequence: next, body: body) {
                read.events.append(StoredInboxEvent(sequence: next, event: event))
                read.last = next
                next += 1
                written += 1
            }
        }
        return InboxAppendResult(read: read, written: written)
    }
}
