import Foundation
import Testing
@testable import WarRoomApp
import WarRoomCore
import WarRoomStore

/// Drafts and update copies are kept by store identity: every name of one store finds them, a
/// draft kept by an earlier version (keyed by the path as typed) is still offered, and two stores
/// never share them.
@Suite("Drafts by store identity")
struct DraftIdentityTests {
    let directory: String
    var state: String { directory + "/state" }

    init() throws {
        directory = NSTemporaryDirectory() + "warroom-draft-identity-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
    }

    /// How the release before store identities named a draft: FNV-1a of the store path as given.
    static func releasedName(storePath: String, incident: String, session: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in storePath.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 16) + "-" + incident + "@" + session
    }

    /// Leaves a draft as the released war room, killed, would have: text and an unheld lock file.
    func leaveReleasedDraft(_ text: String, storePath: String, incident: String = "INC-1") throws -> String {
        let drafts = state + "/drafts"
        try FileManager.default.createDirectory(atPath: drafts, withIntermediateDirectories: true)
        let base = drafts + "/" + Self.releasedName(storePath: storePath, incident: incident, session: "old1")
        #expect(FileManager.default.createFile(atPath: base + ".txt", contents: Data(text.utf8)))
        #expect(FileManager.default.createFile(atPath: base + ".lock", contents: nil))
        return base
    }

    func identity(_ path: String) throws -> StoreIdentity {
        try StoreLocation.sqlite(path: path).open().identity
    }

    @Test("A draft the released version kept for an absolute store path keeps its name and is offered")
    func releasedAbsolute() throws {
        let path = try identity(directory + "/data/w.db").key // canonical, as the default store's path is
        let base = try leaveReleasedDraft("typed before the upgrade", storePath: path)
        let drafts = DraftStore(stateDirectory: state, store: try identity(path))
        #expect(drafts.stem("INC-1") + "@old1" == (base as NSString).lastPathComponent, "the same file name as before")
        let session = drafts.open("INC-1")
        #expect(session.restored == "typed before the upgrade")
        #expect(!FileManager.default.fileExists(atPath: base + ".txt"), "claimed, not copied")
        session.close()
    }

    @Test("A draft the released version kept under the path as typed (relative, dotted, linked) is offered",
          arguments: ["data/./w.db", "data/../data/w.db", "link.db", "data//w.db"])
    func releasedOtherSpelling(_ spelling: String) throws {
        let canonicalFile = directory + "/data/w.db"
        _ = try identity(canonicalFile)
        try? FileManager.default.createSymbolicLink(atPath: directory + "/link.db", withDestinationPath: canonicalFile)
        let typed = directory + "/" + spelling
        let base = try leaveReleasedDraft("typed as \(spelling)", storePath: typed)
        // Opened under another name of the same file: the canonical key finds it through the former key.
        let byOtherName = DraftStore(stateDirectory: state, store: try identity(typed))
        #expect(byOtherName.stem("INC-1") != (base as NSString).lastPathComponent.replacingOccurrences(of: "@old1", with: ""))
        let session = byOtherName.open("INC-1")
        #expect(session.restored == "typed as \(spelling)")
        #expect(session.save("typed as \(spelling), then more"))
        session.close()
        // Saved under the canonical key now: found by any name of the file.
        let again = DraftStore(stateDirectory: state, store: try identity(canonicalFile)).open("INC-1")
        #expect(again.restored == "typed as \(spelling), then more")
        again.close()
    }

    @Test("A draft the released version kept under a relative path is offered to no store: w.db named a store in every directory")
    func releasedRelative() throws {
        _ = try leaveReleasedDraft("typed in some directory", storePath: "w.db")
        let here = FileManager.default.currentDirectoryPath + "/w.db"
        for typed in ["w.db", here] {
            let session = DraftStore(stateDirectory: state, store: .sqlite(path: typed)).open("INC-1")
            #expect(session.restored == nil, "offered to \(typed)")
            session.close()
        }
        #expect(StoreIdentity.sqlite(path: "w.db").formerKeys.isEmpty)
        #expect(StoreIdentity.sqlite(path: here).formerKeys == [here] || StoreIdentity.sqlite(path: here).key == here)
    }

    @Test("Another store's drafts, and another incident's, are not offered")
    func otherStores() throws {
        let mine = try identity(directory + "/data/w.db"), other = try identity(directory + "/data/other.db")
        _ = try leaveReleasedDraft("other store's", storePath: other.key)
        _ = try leaveReleasedDraft("other incident's", storePath: mine.key, incident: "INC-2")
        let session = DraftStore(stateDirectory: state, store: mine).open("INC-1")
        #expect(session.restored == nil)
        session.close()
        let server = StoreIdentity(key: "postgresql://db.internal:5432/warroom", name: "postgresql://db.internal/warroom")
        #expect(DraftStore(stateDirectory: state, store: server).stem("INC-1") != DraftStore(stateDirectory: state, store: mine).stem("INC-1"))
    }

    @Test("Update copies go beside a store file, as before; a server store's go under the state directory by its key")
    func updateCopies() throws {
        let file = StoreIdentity.sqlite(path: directory + "/data/w.db")
        #expect(UpdateFiles.directory(for: file, stateDirectory: state) == directory + "/data/updates")
        #expect(UpdateFiles.directory(for: .sqlite(path: "w.db"), stateDirectory: state) == "updates",
                "a bare file name: updates/ in the working directory, as before")
        let one = StoreIdentity(key: "postgresql://a:5432/warroom", name: "postgresql://a/warroom")
        let two = StoreIdentity(key: "postgresql://b:5432/warroom", name: "postgresql://b/warroom")
        let first = UpdateFiles.directory(for: one, stateDirectory: state)
        #expect(first.hasPrefix(state + "/updates/"))
        #expect(first != UpdateFiles.directory(for: two, stateDirectory: state))
        let saved = try #require(UpdateFiles.save("posted", audience: .engineering, incident: "INC-1",
                                                  at: Timestamp(millis: 1_700_000_000_000), directory: first))
        #expect(saved.hasPrefix(first + "/INC-1-"))
    }
}
