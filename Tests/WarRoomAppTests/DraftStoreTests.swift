import Foundation
import Testing
@testable import WarRoomApp

/// Drafts under a temporary state directory. A crashed war room is what the kernel leaves of
/// one: its draft and its lock file, with no process holding the lock.
@Suite("Drafts")
struct DraftStoreTests {
    let state: String
    let store: DraftStore

    init() throws {
        state = NSTemporaryDirectory() + "warroom-drafts-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        store = DraftStore(stateDirectory: state, store: .sqlite(path: "/tmp/some/warroom.db"))
    }

    var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: store.directory)) ?? []).sorted() }

    func text(_ name: String) -> String? {
        FileManager.default.contents(atPath: store.path(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Leaves a draft as a war room killed with SIGKILL would: text and an unheld lock file.
    func leaveCrashed(_ text: String, session: String, incident: String = "INC-1", age: TimeInterval = 0) throws {
        let base = store.stem(incident) + "@" + session
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: store.path(base + ".txt"), contents: Data(text.utf8))
        FileManager.default.createFile(atPath: store.path(base + ".lock"), contents: nil)
        try FileManager.default.setAttributes([.modificationDate: Date() - age], ofItemAtPath: store.path(base + ".txt"))
    }

    @Test("Two war rooms on one incident keep their own drafts; neither is offered the other's")
    func twoRunning() throws {
        let first = store.open("INC-1"), second = store.open("INC-1")
        #expect(first.save("first's text") && second.save("second's text"))
        let third = store.open("INC-1")
        #expect(third.restored == nil, "both war rooms still run")
        #expect(text(first.base + ".txt") == "first's text" && text(second.base + ".txt") == "second's text")
        first.close()
        let fourth = store.open("INC-1")
        #expect(fourth.restored == "first's text", "the first has ended: its draft is offered")
        #expect(text(second.base + ".txt") == "second's text", "the running one's draft is untouched")
        #expect(text(fourth.base + ".txt") == "first's text", "the claimed text is the new war room's draft")
        #expect(!files.contains(first.base + ".txt"))
        [second, third, fourth].forEach { $0.close() }
    }

    @Test("Killed war rooms' drafts are offered once, joined oldest first; another incident's stay")
    func crashed() throws {
        try leaveCrashed("older", session: "aaaa", age: 60)
        try leaveCrashed("newer", session: "bbbb")
        try leaveCrashed("another incident's", session: "cccc", incident: "INC-10")
        let first = store.open("INC-1")
        #expect(first.restored == "older\nnewer")
        #expect(first.restoredFrom == 2)
        #expect(files.filter { $0.hasPrefix(store.stem("INC-1") + "@") && $0.hasSuffix(".txt") } == [first.base + ".txt"])
        #expect(first.save("older\nnewer, edited"))
        first.close()
        let second = store.open("INC-1")
        #expect(second.restored == "older\nnewer, edited", "what the first war room left, once")
        #expect(second.restoredFrom == 1)
        second.close()
        #expect(text(store.stem("INC-10") + "@cccc.txt") == "another incident's", "INC-10 is not INC-1")
    }

    @Test("A draft from an earlier version (one file per incident) is offered")
    func legacy() throws {
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: store.path(store.stem("INC-1") + ".txt"), contents: Data("kept before".utf8))
        let session = store.open("INC-1")
        #expect(session.restored == "kept before")
        #expect(!files.contains(store.stem("INC-1") + ".txt"))
        session.close()
    }

    @Test("Incident ids that differ only in punctuation keep apart")
    func distinctIDs() throws {
        #expect(store.stem("INC.1") != store.stem("INC_1"))
        #expect(store.stem("INC-1") == store.storeKey + "-INC-1", "plain ids keep the name earlier versions used")
        let dotted = store.open("INC.1")
        #expect(dotted.save("typed in INC.1"))
        dotted.close()
        let underscored = store.open("INC_1")
        #expect(underscored.restored == nil)
        underscored.close()
        #expect(store.open("INC.1").restored == "typed in INC.1")
    }

    @Test("Lock and temporary files of ended war rooms that kept no text are swept; a running one's stay")
    func sweep() throws {
        let running = store.open("INC-1")
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        for name in ["@dead1.lock", "@dead2.tmp", "@dead2.lock"] {
            FileManager.default.createFile(atPath: store.path(store.stem("INC-1") + name), contents: Data("x".utf8))
        }
        let next = store.open("INC-1")
        #expect(files.sorted() == [running.base + ".lock", next.base + ".lock"].sorted(), "left: \(files)")
        running.close()
        next.close()
    }

    @Test("A closed draft saves nothing more")
    func saveAfterClose() {
        let session = store.open("INC-1")
        session.close()
        #expect(!session.save("late text"))
        #expect(files.isEmpty)
    }

    @Test("An empty draft removes the file; closing with none leaves nothing behind")
    func emptyAndClose() throws {
        let session = store.open("INC-1")
        #expect(session.save("x"))
        #expect(files.contains(session.base + ".txt") && files.contains(session.base + ".lock"))
        #expect(session.save(""))
        session.close()
        #expect(files.isEmpty, "left: \(files)")
    }
}
