import Foundation
import Glibc
import Testing
import WarRoomCore
@testable import WarRoomStore

/// The change signal a store offers for live follow: a descriptor that wakes on another
/// connection's (or process's) commit, drains, settles, and never stands for the truth.
@Suite("Change signal")
struct ChangeSignalTests {
    /// Whether `signal`'s descriptor becomes readable within `millis`.
    static func wakes(_ signal: any StoreChangeSignal, within millis: Int32) -> Bool {
        var entry = pollfd(fd: signal.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, millis)
            if ready < 0, errno == EINTR { continue }
            return ready == 1 && Int32(entry.revents) & Int32(POLLIN) != 0
        }
    }

    /// Short recheck gaps, so tests settle fast (the default schedule lasts 2 s).
    static let quickRechecks = [1, 2, 4, 8]

    /// Drains until the signal stays quiet for `quiet` ms (longer than the longest recheck gap);
    /// returns how many wake-ups that took. Fails past `limit`: a signal that stays readable would
    /// make a loop spin.
    static func settle(_ signal: any StoreChangeSignal, quiet: Int32 = 1_500, limit: Int = 50,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        var count = 0
        while wakes(signal, within: quiet) {
            try signal.drain()
            count += 1
            guard count <= limit else {
                Issue.record("the signal is still readable after \(limit) drains", sourceLocation: sourceLocation)
                return count
            }
        }
        return count
    }

    // MARK: Every backend

    @Test("Another connection's commit wakes the signal; drained, it settles; data_version says there is news",
          arguments: StoreBackend.all)
    func wakesOnAnotherConnectionsCommit(_ backend: StoreBackend) throws {
        try backend.withStore { a, location in
            let signal = try #require(try a.makeChangeSignal(), "\(backend.name) offers a change signal")
            let b = try location.open()
            let id = try declareIncident(b)
            #expect(Self.wakes(signal, within: 5_000), "the other connection's declaration wakes the signal")
            try signal.drain()
            #expect(try a.hasExternalChanges())
            #expect(try Self.settle(signal) < 50)
            #expect(!Self.wakes(signal, within: 0), "settled: not readable until the next commit")
            _ = try b.append(to: id, knownSequence: 1) { _ in [note(id, "second")] }
            #expect(Self.wakes(signal, within: 5_000), "a later commit wakes it again")
            try signal.drain()
            #expect(try a.hasExternalChanges())
            #expect(try a.events(of: id, after: 1).map(\.sequence) == [2])
        }
    }

    @Test("A commit by another process (the warroom binary) wakes the signal", arguments: StoreBackend.all)
    func wakesOnAnotherProcessCommit(_ backend: StoreBackend) throws {
        try backend.withStore { a, location in
            let id = try declareIncident(a)
            let signal = try #require(try a.makeChangeSignal())
            _ = try Self.settle(signal)
            _ = try a.hasExternalChanges()
            let process = Process()
            process.executableURL = warroomBinary
            process.arguments = ["log", "--store", location.argument, "--incident", id, "from another process"]
            process.environment = ["USER": "dan", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(),
                                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "warroom log failed")
            #expect(Self.wakes(signal, within: 5_000))
            try signal.drain()
            #expect(try a.hasExternalChanges())
            let texts = try a.events(of: id, after: 1).compactMap { stored -> String? in
                if case .entry(let entry) = stored.event.payload { entry.text } else { nil }
            }
            #expect(texts == ["from another process"])
        }
    }

    @Test("Our own commit may wake the signal, but it is no external change: nothing to read", arguments: StoreBackend.all)
    func ownCommitIsNoExternalChange(_ backend: StoreBackend) throws {
        try backend.withStore { a, _ in
            let signal = try #require(try a.makeChangeSignal())
            let id = try declareIncident(a)
            _ = try a.append(to: id, knownSequence: 1) { _ in [note(id)] }
            _ = try Self.settle(signal)
            #expect(try !a.hasExternalChanges())
        }
    }

    // MARK: SQLite

    @Test("After a file event the SQLite signal rechecks (a commit is visible only after its fsync), then settles")
    func sqliteRechecksThenSettles() throws {
        try withTemporaryDirectory { directory in
            let signal = try SQLiteChangeSignal(paths: [directory + "/w.db"], rechecks: Self.quickRechecks)
            #expect(!Self.wakes(signal, within: 0))
            #expect(FileManager.default.createFile(atPath: directory + "/w.db-wal", contents: Data("frame".utf8)))
            #expect(Self.wakes(signal, within: 0), "inotify queues the event before write() returns")
            // The event, then one recheck per step of the schedule, then quiet.
            #expect(try Self.settle(signal, quiet: 200) == 1 + Self.quickRechecks.count)
        }
    }

    /// What happens to files in the store's directory, and whether it must wake the signal.
    struct FileChange: Sendable, CustomTestStringConvertible {
        var name: String
        var wakes: Bool
        /// Whether inotify reports it at all (it does not look into subdirectories).
        var reported = true
        var change: @Sendable (String) throws -> Void
        var testDescription: String { name }
    }

    static let changes: [FileChange] = [
        FileChange(name: "a commit appends frames to the -wal", wakes: true) { directory in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/w.db-wal"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("frame".utf8))
            try handle.close()
        },
        FileChange(name: "the -wal is truncated (a checkpoint with TRUNCATE)", wakes: true) { directory in
            #expect(truncate(directory + "/w.db-wal", 0) == 0)
        },
        FileChange(name: "the -wal is removed (the last connection closed)", wakes: true) { directory in
            #expect(unlink(directory + "/w.db-wal") == 0)
        },
        FileChange(name: "the store file is written (a checkpoint)", wakes: true) { directory in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/w.db"))
            try handle.write(contentsOf: Data("page".utf8))
            try handle.close()
        },
        FileChange(name: "the store file is replaced by a rename", wakes: true) { directory in
            #expect(rename(directory + "/other", directory + "/w.db") == 0)
        },
        FileChange(name: "the -journal is written (a rollback-journal writer)", wakes: true) {
            try Data("j".utf8).write(to: URL(fileURLWithPath: $0 + "/w.db-journal"))
        },
        FileChange(name: "another store's -wal in the same directory", wakes: false) {
            try Data("x".utf8).write(to: URL(fileURLWithPath: $0 + "/x.db-wal"))
        },
        FileChange(name: "a file whose name only starts like the store's", wakes: false) {
            try Data("x".utf8).write(to: URL(fileURLWithPath: $0 + "/w.db.bak"))
        },
        FileChange(name: "the -shm is written (mapped memory, as every reader does)", wakes: false) { directory in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/w.db-shm"))
            try handle.write(contentsOf: Data("s".utf8))
            try handle.close()
        },
        FileChange(name: "an update is saved in a subdirectory", wakes: false, reported: false) {
            try Data("d".utf8).write(to: URL(fileURLWithPath: $0 + "/updates/w.db"))
        },
    ]

    @Test("The SQLite signal rechecks after changes of the store's file, -wal or -journal, by name, and after nothing else",
          arguments: changes)
    func sqliteWakesByName(_ change: FileChange) throws {
        try withTemporaryDirectory { directory in
            for name in ["w.db", "w.db-shm", "w.db-wal", "other"] {
                #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data("old".utf8)))
            }
            try FileManager.default.createDirectory(atPath: directory + "/updates", withIntermediateDirectories: true)
            let signal = try SQLiteChangeSignal(paths: [directory + "/w.db"], rechecks: Self.quickRechecks)
            try change.change(directory)
            // Any event in the directory makes the descriptor readable (the kernel does not filter
            // by name); a drain that finds none of the store's names arms no recheck.
            #expect(Self.wakes(signal, within: 0) == change.reported, "inotify queues the event before the call returns")
            #expect(try Self.settle(signal, quiet: 200) == (change.wakes ? 1 + Self.quickRechecks.count : change.reported ? 1 : 0))
        }
    }

    @Test("A checkpoint that truncates the -wal does not stop the signal: the next commit still wakes it")
    func sqliteSurvivesCheckpoint() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/w.db"
            let a = try SQLiteEventStore(path: path)
            let b = try SQLiteEventStore(path: path)
            let id = try declareIncident(b)
            let signal = try #require(try a.makeChangeSignal())
            _ = try a.hasExternalChanges()
            for round in 1...3 {
                try rawSQL(path, "PRAGMA wal_checkpoint(TRUNCATE);")
                #expect(StoreFile.size(path + "-wal") == 0, "round \(round): the -wal was truncated")
                _ = try Self.settle(signal)
                // SQLite counts the reset of the -wal as a change (one read that finds nothing).
                _ = try a.hasExternalChanges()
                _ = try b.append(to: id, knownSequence: Int64(round)) { _ in [note(id, "round \(round)")] }
                #expect(Self.wakes(signal, within: 5_000), "round \(round): the commit after the checkpoint wakes it")
                try signal.drain()
                #expect(try a.hasExternalChanges())
            }
        }
    }

    @Test("Removing the store's directory breaks the signal with a reason: the waiter polls instead of waiting forever")
    func sqliteBrokenWhenDirectoryGoes() throws {
        try withTemporaryDirectory { scratch in
            let directory = scratch + "/data"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let signal = try SQLiteChangeSignal(paths: [directory + "/w.db"])
            try FileManager.default.removeItem(atPath: directory)
            #expect(Self.wakes(signal, within: 5_000))
            #expect(throws: StoreChangeSignalBroken.self) { try signal.drain() }
            #expect(throws: StoreChangeSignalBroken.self, "it stays broken") { try signal.drain() }
        }
    }

    @Test("A signal cannot be made for a directory that does not exist: a clear error, not a trap")
    func sqliteMissingDirectory() throws {
        #expect(throws: StoreChangeSignalBroken.self) {
            _ = try SQLiteChangeSignal(paths: ["/nonexistent-\(UUID().uuidString)/w.db"])
        }
    }

    @Test("WARROOM_CHANGE_SIGNAL: off polls (saying so), on or unset wakes, anything else polls and names what is accepted",
          arguments: [("off", false, "polling the store"), ("0", false, "polling the store"), ("on", true, nil),
                      ("", true, nil), ("maybe", false, "is not on or off")] as [(String, Bool, String?)])
    func environmentSwitch(_ value: String, _ signalled: Bool, _ note: String?) throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/w.db")
            let opened = store.openChangeSignal(environment: ["WARROOM_CHANGE_SIGNAL": value])
            #expect((opened.signal != nil) == signalled)
            if let note { #expect(opened.note?.contains(note) == true, "\(opened.note ?? "no note")") } else { #expect(opened.note == nil) }
        }
    }
}
