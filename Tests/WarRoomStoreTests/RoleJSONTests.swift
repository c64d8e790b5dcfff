import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// Events store a role by its name. Both decoders (the fast one and Foundation's) read every role
/// of the table, the Deputy included, and a store written before the Deputy existed still reads.
@Suite("Store: roles in stored events")
struct RoleJSONTests {
    static func body(_ role: String, person: String = "bob") -> Data {
        Data(#"{"id":"0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"alice","type":"roleAssigned","data":{"role":"\#(role)","person":"\#(person)"}}"#.utf8)
    }

    @Test("Both decoders read every role by its stored name", arguments: Role.allCases)
    func everyRole(_ role: Role) throws {
        let body = Self.body(role.rawValue)
        let reference = try JSONDecoder().decode(Event.self, from: body)
        var decoder = EventJSONDecoder()
        let decoded = decoder.decodeFast(body)
        let fast = try #require(decoded, "the fast path reads \(role.rawValue) itself")
        #expect(fast == reference)
        #expect(fast.payload == .roleAssigned(RoleAssignment(role: role, person: "bob")))
        let encoded = try JSONEncoder().encode(fast)
        let again = try decoder.decode(encoded)
        #expect(again == fast, "round trip")
    }

    @Test("A role name the table does not hold is refused by both, alike", arguments: ["Deputy", "deputy ic", "dic", ""])
    func unknownName(_ name: String) {
        let body = Self.body(name)
        var decoder = EventJSONDecoder()
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Event.self, from: body) }
        #expect(throws: (any Error).self) { _ = try decoder.decode(body) }
    }

    @Test("A store written before the Deputy (the four first roles) still reads; the Deputy is vacant and no gap")
    func olderStore() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-roles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteEventStore(path: directory + "/warroom.db")
        let id = try declareIncident(store)
        let older: [Role] = [.commander, .comms, .tech, .scribe]
        _ = try store.append(to: id, knownSequence: 1) { _ in
            older.map { role in
                Event(id: UUID(), incident: id, at: baseTime, recordedAt: baseTime, author: "alice",
                      payload: .roleAssigned(RoleAssignment(role: role, person: role.rawValue + "-person")))
            }
        }
        let reopened = try SQLiteEventStore(path: directory + "/warroom.db")
        let events = try reopened.events(of: id, after: 0).map(\.event)
        #expect(events.count == 5)
        let state = try #require(IncidentState.fold(events))
        for role in older { #expect(state.roles[role]?.person == role.rawValue + "-person") }
        #expect(state.roles[.deputy] == nil)
        #expect(state.roleGaps.isEmpty, "a store without a Deputy has no gap")
    }
}
