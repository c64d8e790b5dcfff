import Foundation
import Testing
import WarRoomCore
import WarRoomDevServer
import WarRoomStore

/// What only the PostgreSQL backend does: roles that may only read, a database of another
/// program, the append-only triggers against a superuser, reconnecting, the password never in a
/// message. The store contract itself runs on both backends in `StoreContractTests`.
@Suite struct PostgresStoreTests {
    /// A fresh database and a store opened on it by its owner.
    func withDatabase(_ body: (_ name: String, _ url: String) throws -> Void) throws {
        let (name, url) = try TestPostgres.freshDatabase()
        defer { TestPostgres.drop(.postgreSQL(url: url)) }
        try body(name, url)
    }

    @Test("A role with only SELECT opens the store read-only, reads it, and every write says why")
    func selectOnlyRole() throws {
        let server = try TestPostgres.running()
        try withDatabase { name, url in
            let owner = try PostgresEventStore(url: url)
            let id = try declareIncident(owner, title: "wall")
            #expect(owner.readOnlyReason == nil)
            let role = "wall_" + String(name.suffix(8))
            let wallURL = try server.createRole(name: role, password: "pw-\(role)", database: name)
            try server.adminSQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role);", database: name)

            let wall = try PostgresEventStore(url: wallURL)
            let reason = try #require(wall.readOnlyReason)
            #expect(reason.contains(role) && reason.contains("INSERT"), "\(reason)")
            #expect(try wall.events(of: id, after: 0).count == 1)
            #expect(try wall.incidents().map(\.id) == [id])
            for write in [{ _ = try wall.append(to: id, knownSequence: 1) { _ in [note(id)] } },
                          { _ = try wall.declare { [declaration($0)] } },
                          { _ = try wall.importEvents([note(id)]) }] {
                #expect(throws: StoreError.readOnly(location: wall.identity.name, reason: reason)) { try write() }
            }
            #expect(try owner.events(of: id, after: 0).count == 1, "nothing was written")
            #expect(!wall.identity.name.contains("pw-"), "the password is not in the store's name")
        }
    }

    @Test("A role that may read but not create warroom's tables cannot open a new database, and says so")
    func noCreatePrivilege() throws {
        let server = try TestPostgres.running()
        try withDatabase { name, _ in
            let role = "nocreate_" + String(name.suffix(8))
            let url = try server.createRole(name: role, password: "pw", database: name)
            try server.adminSQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC;", database: name)
            #expect {
                _ = try PostgresEventStore(url: url)
            } throws: { error in
                guard case StoreError.cannotOpen(_, let reason) = error else { return false }
                return reason.contains(role) && reason.contains("owner")
            }
        }
    }

    @Test("A writer role with the documented grants records, and cannot change what is recorded")
    func writerRoleGrants() throws {
        let server = try TestPostgres.running()
        try withDatabase { name, url in
            let owner = try PostgresEventStore(url: url)
            let id = try declareIncident(owner)
            let role = "writer_" + String(name.suffix(8))
            let writerURL = try server.createRole(name: role, password: "pw", database: name)
            try server.adminSQL(PostgresEventStore.writerGrants(role: role), database: name)
            let writer = try PostgresEventStore(url: writerURL)
            #expect(writer.readOnlyReason == nil)
            _ = try writer.append(to: id, knownSequence: 1) { _ in [note(id, "from the writer")] }
            let (second, _) = try writer.declare { [declaration($0)] }
            #expect(second == "INC-2")
            #expect(throws: StoreError.self) { try writer.executeRawSQL("UPDATE events SET author = 'mallory'") }
            #expect(throws: StoreError.self) { try writer.executeRawSQL("DELETE FROM events") }
            #expect(try owner.events(of: id, after: 0).map(\.event.author) == ["alice", "alice"])
            // The search index is the writer's to keep level, and nothing else it holds changes the log.
            #expect(try SearchIndex.refresh(writer).indexed == 2)
            #expect(try writer.search(SearchQuery("writer"), limit: 5).map(\.incident) == [id])
            #expect(throws: StoreError.self) { try writer.executeRawSQL("DELETE FROM search_docs") }
        }
    }

    @Test("A writer granted before the search index existed still records and searches, and is told what grant it lacks")
    func writerWithOldGrants() throws {
        let server = try TestPostgres.running()
        try withDatabase { name, url in
            let owner = try PostgresEventStore(url: url)
            let id = try declareIncident(owner, title: "zookeeper timeouts")
            let role = "old_" + String(name.suffix(8))
            let writerURL = try server.createRole(name: role, password: "pw", database: name)
            try server.adminSQL("""
                GRANT SELECT ON warroom_schema, incidents, events, inbox, search_docs TO \(role);
                GRANT INSERT ON incidents, events, inbox TO \(role);
                GRANT UPDATE (last_seq) ON incidents TO \(role);
                """, database: name)
            let writer = try PostgresEventStore(url: writerURL)
            let refresh = try SearchIndex.refresh(writer)
            #expect(refresh.indexed == 0 && refresh.behind == [id] && refresh.reason?.contains("`warroom store init` prints the grants") == true,
                    "\(refresh)")
            _ = try writer.append(to: id, knownSequence: 1) { _ in [note(id, "still recording")] }
            _ = try SearchIndex.refresh(owner)
            #expect(try writer.search(SearchQuery("zookeeper"), limit: 5).map(\.incident) == [id])
            // The report's summaries are not granted either: that writer's report folds, and is right.
            #expect(throws: StoreError.self) { try writer.storeSummaries([(IncidentSummary(try #require(
                IncidentState.fold(try writer.events(of: id, after: 0).map(\.event)))), 2)]) }
            let reading = try IncidentSummaries.read(writer)
            #expect(reading.folded == 1 && reading.summaries.map(\.id) == [id])
        }
    }

    @Test("A reader role searches what writers indexed, and says what it could not index itself")
    func readerRoleSearches() throws {
        let server = try TestPostgres.running()
        try withDatabase { name, url in
            let owner = try PostgresEventStore(url: url)
            let id = try declareIncident(owner, title: "zookeeper timeouts")
            _ = try SearchIndex.refresh(owner)
            let role = "reader_" + String(name.suffix(8))
            let readerURL = try server.createRole(name: role, password: "pw", database: name)
            try server.adminSQL(PostgresEventStore.readerGrants(role: role), database: name)
            let reader = try PostgresEventStore(url: readerURL)
            #expect(reader.readOnlyReason != nil)
            _ = try owner.append(to: id, knownSequence: 1) { _ in [note(id, "etcd too")] }
            let refresh = try SearchIndex.refresh(reader)
            #expect(refresh.indexed == 0 && refresh.behind == [id] && refresh.reason?.contains(role) == true, "\(refresh)")
            #expect(try reader.search(SearchQuery("zookeeper"), limit: 5).map(\.incident) == [id])
            #expect(try reader.search(SearchQuery("etcd"), limit: 5).isEmpty, "not indexed yet, and said so")
        }
    }

    @Test("Not even the owner can update, delete or truncate events: the triggers refuse", arguments: [
        "UPDATE events SET author = 'mallory'", "DELETE FROM events", "TRUNCATE events CASCADE",
    ])
    func appendOnlyTriggers(_ sql: String) throws {
        try withDatabase { _, url in
            let store = try PostgresEventStore(url: url)
            let id = try declareIncident(store)
            #expect {
                try store.executeRawSQL(sql)
            } throws: { error in
                guard case StoreError.server(_, _, _, let message) = error else { return false }
                return message.contains("append-only")
            }
            #expect(try store.events(of: id, after: 0).count == 1)
            #expect(try store.health().integrity == "ok")
        }
    }

    @Test("A disabled trigger makes health() say the log can be changed")
    func healthSeesADisabledTrigger() throws {
        try withDatabase { name, url in
            let store = try PostgresEventStore(url: url)
            try TestPostgres.running().adminSQL("ALTER TABLE events DISABLE TRIGGER events_append_only;", database: name)
            #expect(try store.health().integrity.contains("events_append_only"))
        }
    }

    @Test("A database holding another program's incidents table is refused and left as it was")
    func foreignDatabase() throws {
        try withDatabase { name, url in
            let server = try TestPostgres.running()
            try server.adminSQL("CREATE TABLE incidents (ticket int);", database: name)
            #expect {
                _ = try PostgresEventStore(url: url)
            } throws: { error in
                guard case StoreError.cannotOpen(_, let reason) = error else { return false }
                return reason.contains("did not make")
            }
            #expect(try server.adminSQL("SELECT to_regclass('events') IS NULL;", database: name) == "t")
        }
    }

    @Test("A read-only command on an empty database creates nothing")
    func readOnlyOpeningCreatesNothing() throws {
        try withDatabase { name, url in
            #expect(throws: StoreError.noStore(path: StoreLocation.postgreSQL(url: url).description)) {
                _ = try StoreLocation.postgreSQL(url: url).open(create: false)
            }
            let server = try TestPostgres.running()
            #expect(try server.adminSQL("SELECT to_regclass('warroom_schema') IS NULL;", database: name) == "t")
        }
    }

    @Test("A dropped connection is opened again by the next call; nothing is lost")
    func reconnects() throws {
        try withDatabase { name, url in
            let store = try PostgresEventStore(url: url)
            let id = try declareIncident(store)
            try TestPostgres.running().adminSQL("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = '\(name)' AND pid <> pg_backend_pid();
                """)
            _ = try store.append(to: id, knownSequence: 1) { _ in [note(id, "after the drop")] }
            #expect(try store.events(of: id, after: 0).map(\.sequence) == [1, 2])
        }
    }

    @Test("A server that is not there is unreachable, and the message names no password")
    func unreachableServer() throws {
        let port = try PostgresDevServer.freePort()
        let url = "postgresql://someone:s3cret-pw@127.0.0.1:\(port)/nowhere"
        #expect {
            _ = try PostgresEventStore(url: url)
        } throws: { error in
            guard let error = error as? StoreError, error.isUnreachable else { return false }
            return !"\(error)".contains("s3cret-pw") && "\(error)".contains("127.0.0.1:\(port)")
        }
    }

    @Test("A wrong password is refused as such, not as an unreachable server, and is not repeated")
    func wrongPassword() throws {
        try withDatabase { name, _ in
            let server = try TestPostgres.running()
            let url = "postgresql://\(server.superuser):wrong-pw-123@127.0.0.1:\(server.port)/\(name)"
            #expect {
                _ = try PostgresEventStore(url: url)
            } throws: { error in
                guard case StoreError.cannotOpen(_, let reason) = error else { return false }
                return reason.contains("password") && !"\(error)".contains("wrong-pw-123")
            }
        }
    }

    /// Whether `fd` becomes readable within `millis`.
    func readable(_ fd: Int32, within millis: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, millis) == 1
    }

    @Test("The change signal fires on another connection's commit, rests once drained, and survives a dropped listener")
    func changeSignal() throws {
        try withDatabase { name, url in
            let follower = try PostgresEventStore(url: url)
            let writer = try PostgresEventStore(url: url)
            let id = try declareIncident(writer)
            let signal = try #require(try follower.makeChangeSignal())
            // The first wake-up says "connected: look"; then it rests.
            #expect(readable(signal.fileDescriptor, within: 5_000))
            try signal.drain()
            _ = try follower.hasExternalChanges()
            #expect(!readable(signal.fileDescriptor, within: 200))

            _ = try writer.append(to: id, knownSequence: 1) { _ in [note(id, "wake up")] }
            #expect(readable(signal.fileDescriptor, within: 5_000), "a commit wakes the follower")
            try signal.drain()
            #expect(try follower.hasExternalChanges())
            #expect(!readable(signal.fileDescriptor, within: 200), "drained")

            // The listening connection is killed: it reconnects by itself, says so, and listens again.
            try TestPostgres.running().adminSQL("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = '\(name)' AND query LIKE 'LISTEN%';
                """)
            #expect(readable(signal.fileDescriptor, within: 10_000), "the reconnection wakes the follower")
            try signal.drain()
            Thread.sleep(forTimeInterval: 0.2)
            try signal.drain()
            _ = try writer.append(to: id, knownSequence: 2) { _ in [note(id, "after the reconnection")] }
            #expect(readable(signal.fileDescriptor, within: 5_000), "commits wake it again")
        }
    }

    @Test("A damaged body is named by its sequence, the other incidents stay readable, and the connection stays usable")
    func damagedBody() throws {
        try withDatabase { name, url in
            let store = try PostgresEventStore(url: url)
            let damaged = try declareIncident(store), sound = try declareIncident(store)
            _ = try store.append(to: damaged, knownSequence: 1) { _ in (1...50).map { note(damaged, "n\($0)") } }
            // As the owner, around the triggers: what a damaged disk or a hand edit would leave.
            try TestPostgres.running().adminSQL("""
                ALTER TABLE events DISABLE TRIGGER events_append_only;
                UPDATE events SET body = '{"not": "an event"}' WHERE incident = '\(damaged)' AND seq = 30;
                ALTER TABLE events ENABLE TRIGGER events_append_only;
                """, database: name)
            #expect {
                _ = try store.events(of: damaged, after: 0)
            } throws: { error in
                guard case StoreError.corruptEvent(_, let incident, let sequence, _) = error else { return false }
                return incident == damaged && sequence == 30
            }
            #expect(try store.events(of: damaged, after: 30).count == 21, "after it, the rest reads")
            #expect(try store.events(of: sound, after: 0).count == 1)
            #expect(try store.unreadableEvents(of: damaged).map(\.sequence) == [30])
        }
    }
}

/// The read of a long incident comes in chunks of a thousand events (one row each): every count
/// around a chunk's edge and every starting point gives each event once, in sequence order, even
/// when the table's rows lie in reverse on disk and the server reads them in that order.
@Suite struct PostgresChunkedReadTests {
    /// An incident of `count` events (the declaration and notes), written in batches.
    func incident(_ store: PostgresEventStore, count: Int) throws -> (IncidentID, [UUID]) {
        let (id, _) = try store.declare { [declaration($0)] }
        var ids = try store.events(of: id, after: 0).map(\.event.id)
        var known: Int64 = 1
        while ids.count < count {
            let batch = (0..<min(700, count - ids.count)).map { _ in note(id, "n") }
            known = try store.append(to: id, knownSequence: known) { _ in batch }.events.last?.sequence ?? known
            ids += batch.map(\.id)
        }
        return (id, ids)
    }

    @Test("Counts around the chunk size, from several starting points")
    func boundaries() throws {
        let (_, url) = try TestPostgres.freshDatabase()
        defer { TestPostgres.drop(.postgreSQL(url: url)) }
        let store = try PostgresEventStore(url: url)
        for count in [1, 2, 999, 1_000, 1_001, 2_000, 2_501] {
            let (id, ids) = try incident(store, count: count)
            for after in Set([0, 1, 998, 999, 1_000, 1_001, 1_999, 2_000, count - 1, count, count + 5]) where after >= 0 {
                let read = try store.events(of: id, after: Int64(after))
                let skipped = min(after, ids.count)
                let rightEvents = read.map(\.event.id) == Array(ids.dropFirst(skipped))
                let rightSequences = read.map(\.sequence) == (0..<(ids.count - skipped)).map { Int64(skipped + $0 + 1) }
                let seen = "read \(read.count), first \(read.first?.sequence ?? -1), last \(read.last?.sequence ?? -1)"
                #expect(rightEvents && rightSequences, "\(count) events after \(after): \(seen)")
            }
        }
        #expect(try store.events(of: "INC-1", after: Int64.max).isEmpty)
        #expect(throws: StoreError.unknownIncident(path: store.identity.name, incident: "INC-404")) {
            try store.events(of: "INC-404", after: 0)
        }
    }

    @Test("Rows reversed on disk, read by a plan that follows the disk, still come in sequence order")
    func reversedOnDisk() throws {
        let (name, url) = try TestPostgres.freshDatabase()
        defer { TestPostgres.drop(.postgreSQL(url: url)) }
        let store = try PostgresEventStore(url: url)
        let (id, ids) = try incident(store, count: 2_345)
        let server = try TestPostgres.running()
        // CLUSTER rewrites the table in an index's order: a descending one lays it out backwards.
        _ = try server.adminSQL("CREATE INDEX backwards ON events (incident, seq DESC); CLUSTER events USING backwards; ANALYZE events;",
                                database: name)
        let physical = try server.adminSQL("SELECT string_agg(seq::text, ',') FROM (SELECT seq FROM events LIMIT 3) s;",
                                           database: name)
        #expect(physical == "2345,2344,2343", "the table now lies in reverse: \(physical)")
        let reader = try PostgresEventStore(url: url)
        try reader.executeRawSQL("SET enable_indexscan = off")
        try reader.executeRawSQL("SET enable_indexonlyscan = off")
        let read = try reader.events(of: id, after: 0)
        #expect(read.map(\.event.id) == ids && read.map(\.sequence) == (1...Int64(ids.count)).map { $0 },
                "read \(read.count), first sequences \(read.prefix(3).map(\.sequence))")
        let tail = try reader.events(of: id, after: 1_500)
        #expect(tail.map(\.event.id) == Array(ids.dropFirst(1_500)), "read \(tail.count), first \(tail.prefix(3).map(\.sequence))")
    }
}
