import Foundation
import Testing

/// `export … -o FILE` writes files as private as the store; an existing file is not replaced unless asked.
@Suite("CLI export files")
struct CLIExportTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test("A new export file is 0600 whatever the umask lets through", arguments: [["export", "jsonl"], ["export", "postmortem"]])
    func newFile(args: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2")
        let path = cli.directory.appendingPathComponent("out").path
        let result = try cli.run(args + ["-o", path])
        #expect(result.status == 0, "\(result.err)")
        #expect(Self.mode(path) == 0o600)
        #expect(Self.mode(cli.store) == 0o600, "as the store")
    }

    @Test("An existing file is refused without --force, and replaced keeping its mode with it")
    func existing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2")
        let path = cli.directory.appendingPathComponent("notes.md").path
        try "my notes".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        let refused = try cli.run(["export", "postmortem", "-o", path])
        #expect(refused.status != 0 && refused.err.contains("exists (--force replaces it") && refused.err.contains("nothing was exported"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my notes")
        let forced = try cli.run(["export", "postmortem", "-o", path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("# "), "replaced by the post-mortem")
        #expect(Self.mode(path) == 0o644 && forced.err.contains("kept its mode 644: others can read it"))
        chmod(path, 0o600)
        let quiet = try cli.run(["export", "jsonl", "-o", path, "--force"])
        #expect(quiet.status == 0 && !quiet.err.contains("kept its mode"))
    }

    @Test("The copy of a posted update is 0600")
    func updateCopy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2")
        let out = try cli.ok("update", "--text", "all good")
        let path = try #require(out.split(separator: "\n").first { $0.hasPrefix("A copy to send: ") }?.dropFirst("A copy to send: ".count))
        #expect(Self.mode(String(path)) == 0o600)
    }
}
