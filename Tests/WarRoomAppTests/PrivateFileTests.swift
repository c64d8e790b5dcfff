import Foundation
import Testing
import WarRoomCore
@testable import WarRoomApp

/// Files with incident data are private (0600), never silently overwritten; drafts that cannot be
/// saved say why, and the war room's outcome says what became of the unsent text.
@Suite("Private files and draft failures")
struct PrivateFileTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "warroom-private-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("A new file is 0600; an existing one is refused, or replaced keeping its mode")
    func modes() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/export.md"
        #expect(try PrivateFile.write(Data("one".utf8), to: path, replace: false) == nil)
        #expect(mode(path) == 0o600)
        #expect(throws: PrivateFile.Failure.self) { try PrivateFile.write(Data("two".utf8), to: path, replace: false) }
        #expect(contents(path) == "one", "refused means untouched")
        chmod(path, 0o644)
        #expect(try PrivateFile.write(Data("three".utf8), to: path, replace: true) == 0o644)
        #expect(mode(path) == 0o644 && contents(path) == "three")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []) == ["export.md"], "no temporary left")
    }

    @Test("A symlink in the way is not followed")
    func symlink() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = directory + "/target", link = directory + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: PrivateFile.Failure.self) { try PrivateFile.write(Data("x".utf8), to: link, replace: false) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("makeDirectories says what is wrong", arguments: ["file/sub", "file/sub/deeper"])
    func directories(under: String) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/file", contents: Data())
        #expect(PrivateFile.makeDirectories(directory + "/" + under) == "\(directory)/file is not a directory")
        #expect(PrivateFile.makeDirectories(directory + "/a/b/c") == nil)
        #expect(PrivateFile.makeDirectories(directory + "/a/b/c") == nil, "existing is fine")
    }

    @Test("Two copies of updates posted in the same second are two files, both 0600")
    func updateCopies() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let at = try #require(Timestamp(iso8601: "2026-11-28T14:10:00Z"))
        let updates = directory + "/updates"
        let first = try #require(UpdateFiles.save("first", audience: .engineering, incident: "INC-1", at: at, directory: updates))
        let second = try #require(UpdateFiles.save("second", audience: .engineering, incident: "INC-1", at: at, directory: updates))
        #expect(first != second)
        #expect(contents(first) == "first\n" && contents(second) == "second\n")
        #expect(mode(first) == 0o600 && mode(second) == 0o600)
        #expect(mode(updates) == 0o700)
    }

    @Test("A draft that cannot be saved says why, and saving works again once the way is clear")
    func draftFailure() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A file where the state directory should be: fails for root too, unlike a read-only directory.
        let blocker = directory + "/state"
        FileManager.default.createFile(atPath: blocker, contents: Data())
        let session = DraftStore(stateDirectory: blocker, store: .sqlite(path: "/tmp/w.db")).open("INC-1")
        #expect(!session.save("precious"))
        #expect(session.lastFailure == "\(blocker) is not a directory")
        #expect(WarRoomRuntime.keep("precious", in: session) == .lost("precious", reason: "\(blocker) is not a directory"))
        #expect(WarRoomRuntime.keep("", in: session) == .none)
        try FileManager.default.removeItem(atPath: blocker)
        #expect(session.save("precious"))
        #expect(session.lastFailure == nil)
        #expect(WarRoomRuntime.keep("precious", in: session) == .kept)
        #expect(WarRoomRuntime.keep("precious", in: nil) == .none, "a read-only view keeps nothing")
        session.close()
    }
}
