import Foundation
import Testing

/// `--store` and `$WARROOM_STORE` through the real binary: a path or `sqlite:PATH` open the same
/// store; a PostgreSQL URL goes to the server (and says so when none answers), anything URL-like
/// and unknown is refused, and neither creates a file.
@Suite("Store locations through the CLI")
struct StoreLocationCLITests {
    @Test("sqlite:PATH, sqlite:///PATH and the bare path are one store, whichever way it is given")
    func sqliteForms() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "db down", "--severity", "SEV2", "--no-ic")
        for store in ["sqlite:" + cli.store, "sqlite://" + cli.store, cli.store] {
            #expect(try cli.run(["show", "--store", store]).out.contains("db down"), "--store \(store)")
            let viaEnvironment = try cli.run(["show"], env: ["WARROOM_STORE": store])
            #expect(viaEnvironment.status == 0 && viaEnvironment.out.contains("db down"), "WARROOM_STORE=\(store): \(viaEnvironment.err)")
        }
        let logged = try cli.run(["log", "via the prefix", "--store", "sqlite:" + cli.store])
        #expect(logged.status == 0, "\(logged.err)")
        #expect(try cli.ok("export", "jsonl").contains("via the prefix"))
    }

    @Test("A PostgreSQL store nobody answers for is named unreachable, without its password; nothing is created",
          arguments: [["--store", "postgresql://ops:s3cret@127.0.0.1:1/warroom"], ["--store", "postgres://127.0.0.1:1/warroom"]])
    func postgresUnreachable(_ store: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for command in [["show"], ["check"]] {
            let result = try cli.run(command + store)
            #expect(result.status != 0, "\(command): \(result.out) \(result.err)")
            #expect(result.out.isEmpty)
            #expect(result.err.contains("the server cannot be reached"), "\(result.err)")
            #expect(!result.err.contains("s3cret"), "a password is never repeated: \(result.err)")
        }
        let result = try cli.run(["show"], env: ["WARROOM_STORE": store[1]])
        #expect(result.status != 0 && result.err.contains("127.0.0.1:1"), "\(result.err)")
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(left.isEmpty, "nothing was created: \(left)")
    }

    @Test("A URL of an unknown kind is refused with a suggestion, not taken for a relative path",
          arguments: [("mysql://db/warroom", "'mysql:' is not a kind of store"), ("postgress://db/w", "did you mean 'postgres'?"),
                      ("sqlite:", "needs a file path"), ("sqlite://host/w.db", "not a host")])
    func unknownRefused(_ store: String, _ says: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["declare", "--title", "t", "--severity", "SEV2", "--no-ic", "--store", store])
        #expect(result.status == 1 && result.out.isEmpty, "\(result.out)")
        #expect(result.err.contains(says) && result.err.contains("accepted: a file path, sqlite:PATH, or postgresql://"), "\(result.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/mysql:"))
    }

    @Test("share hands the war room it starts a --store that reopens the same store")
    func shareReopensTheStore() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let out = try cli.ok("share", "--dry-run", "--store", "sqlite:" + cli.store)
        #expect(out.contains("--store \(cli.store)"), "\(out)")
    }
}
