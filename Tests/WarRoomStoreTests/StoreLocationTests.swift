import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// `--store` text → a location → an open `any EventStore`; and the identity drafts are kept under.
@Suite struct StoreLocationTests {
    @Test func resolvePrecedence() throws {
        let env = ["WARROOM_STORE": "/env/store.db", "XDG_DATA_HOME": "/xdg", "HOME": "/home/al"]
        #expect(try StoreLocation.resolve(explicit: "/flag.db", environment: env) == .sqlite(path: "/flag.db"))
        #expect(try StoreLocation.resolve(explicit: nil, environment: env) == .sqlite(path: "/env/store.db"))
        var rest = env
        rest["WARROOM_STORE"] = ""
        #expect(try StoreLocation.resolve(explicit: "", environment: rest) == .sqlite(path: "/xdg/warroom/warroom.db"))
        rest["XDG_DATA_HOME"] = "/xdg/"
        #expect(try StoreLocation.resolve(explicit: nil, environment: rest) == .sqlite(path: "/xdg/warroom/warroom.db"))
        rest["XDG_DATA_HOME"] = "relative/data" // ignored, as the XDG spec says
        #expect(try StoreLocation.resolve(explicit: nil, environment: rest)
            == .sqlite(path: "/home/al/.local/share/warroom/warroom.db"))
        #expect(try StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/bo"])
            == .sqlite(path: "/home/bo/.local/share/warroom/warroom.db"))
        // $WARROOM_STORE is read like --store.
        #expect(try StoreLocation.resolve(explicit: nil, environment: ["WARROOM_STORE": "sqlite:/e.db"]) == .sqlite(path: "/e.db"))
    }

    @Test("Paths stay paths (even with a colon); sqlite: names a file",
          arguments: [("/var/lib/w.db", "/var/lib/w.db"), ("w.db", "w.db"), ("./sqlite:x.db", "./sqlite:x.db"),
                      ("backup:2026/w.db", "backup:2026/w.db"), ("C:/w.db", "C:/w.db"), ("a b/w.db", "a b/w.db"),
                      ("sqlite:/var/lib/w.db", "/var/lib/w.db"), ("sqlite:w.db", "w.db"), ("SQLite:w.db", "w.db"),
                      ("sqlite:///var/lib/w.db", "/var/lib/w.db"), ("sqlite:../w.db", "../w.db")])
    func paths(_ text: String, _ path: String) throws {
        let location = try StoreLocation.parse(text)
        #expect(location == .sqlite(path: path))
        #expect(try StoreLocation.parse(location.argument) == location, "argument reads back: \(location.argument)")
    }

    @Test("Refused with what was wrong and what is accepted",
          arguments: [("", "it is empty"), ("sqlite:", "needs a file path"), ("sqlite://host/w.db", "not a host"),
                      ("mysql://db/w", "'mysql:' is not a kind of store"), ("postgress://h/db", "did you mean 'postgres'?"),
                      ("sqlit://x", "did you mean 'sqlite'?"), ("postgresql:db", "postgresql://USER@HOST:PORT/DATABASE")])
    func refused(_ text: String, _ says: String) {
        do {
            let location = try StoreLocation.parse(text)
            Issue.record("'\(text)' was read as \(location)")
        } catch let error as StoreError {
            guard case .invalidLocation = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains(says), "\(error)")
            #expect(error.description.contains("accepted: a file path, sqlite:PATH, or postgresql://USER@HOST:PORT/DATABASE"), "\(error)")
            #expect(error.description.hasSuffix("nothing was opened"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("postgresql:// is recognised, its password never repeated nor passed on, and opened as PostgreSQL",
          arguments: ["postgresql://ops:s3cret@127.0.0.1:1/warroom", "postgres://ops@127.0.0.1:1/warroom",
                      "POSTGRESQL://ops@127.0.0.1:1/warroom?sslmode=disable"])
    func postgresLocation(_ url: String) throws {
        let location = try StoreLocation.parse(url)
        #expect(location == .postgreSQL(url: url))
        #expect(location.argument == url)
        #expect(!location.description.contains("s3cret"))
        #expect(!location.argumentWithoutPassword.contains("s3cret"))
        #expect(try StoreLocation.parse(location.argumentWithoutPassword) == .postgreSQL(url: location.argumentWithoutPassword))
        // Port 1 on loopback: nothing listens, so opening reaches the PostgreSQL backend and fails there.
        do {
            _ = try location.open()
            Issue.record("a store was opened on port 1")
        } catch let error as StoreError {
            #expect(error.isUnreachable, "\(error)")
            #expect(!error.description.contains("s3cret"))
        }
        // A URL is not taken for a relative path: nothing was created under the working directory.
        #expect(!FileManager.default.fileExists(atPath: "postgresql:") && !FileManager.default.fileExists(atPath: "postgres:"))
    }

    @Test func aPasswordInAnUnknownURLIsNotRepeated() {
        #expect(throws: StoreError.invalidLocation(location: "mysql://ops:***@db/w",
                                                   reason: "'mysql:' is not a kind of store warroom knows")) {
            _ = try StoreLocation.parse("mysql://ops:hunter2@db/w")
        }
    }

    @Test("The identity is the canonical path: relative, dotted and linked names of one file share it")
    func identity() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/w.db"
            let store = try StoreLocation.sqlite(path: path).open()
            let canonical = store.identity.key
            #expect(canonical.hasPrefix("/") && canonical.hasSuffix("/w.db"))
            #expect(store.identity.name == path)
            #expect(store.identity.localDirectory == directory)
            try FileManager.default.createSymbolicLink(atPath: directory + "/link.db", withDestinationPath: path)
            try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: false)
            for other in [directory + "/./w.db", directory + "/sub/../w.db", directory + "/link.db", directory + "//w.db"] {
                let again = try StoreLocation.sqlite(path: other).open()
                #expect(again.identity.key == canonical, "\(other)")
                #expect(again.identity.name == other)
                #expect(again.identity.formerKeys == [other], "what earlier versions keyed drafts by")
            }
            #expect(try StoreLocation.sqlite(path: directory + "/other.db").open().identity.key != canonical)
            // An absolute, canonical path is its own key: nothing former to look under.
            #expect(try StoreLocation.sqlite(path: canonical).open().identity.formerKeys.isEmpty)
        }
    }
}
