import Foundation
import Testing

/// What shipping relies on: `--version` names the commit, and the binary itself writes the
/// completions and the description of its commands that Scripts/install and generate-manual use.
@Suite("Shipping: version, completions, manual source")
struct ShipCLITests {
    @Test("--version prints the version and the commit (unknown without Scripts/build-release's stamp)")
    func version() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let out = try cli.ok("--version").trimmingCharacters(in: .newlines)
        let shape = /warroom \d+\.\d+\.\d+ \(commit (unknown|[0-9a-f]{7,40}(-dirty)?)\)/
        #expect(out.wholeMatch(of: shape) != nil, "warroom --version printed '\(out)'")
    }

    @Test("Completions for each shell name the subcommands", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let script = try cli.ok("--generate-completion-script", shell)
        for word in ["warroom", "declare", "postmortem", "runbook"] {
            #expect(script.contains(word), "the \(shell) completions lack '\(word)'")
        }
    }

    @Test("An unknown shell is refused with the ones it knows")
    func unknownShell() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let err = try cli.fails("--generate-completion-script", "tcsh")
        #expect(err.contains("tcsh") && err.contains("bash"), "stderr: \(err)")
    }

    @Test("The command description generate-manual reads is JSON naming every subcommand")
    func dumpHelp() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let out = try cli.ok("--experimental-dump-help")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        #expect(command["commandName"] as? String == "warroom")
        let names = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        #expect(names.contains("declare") && names.contains("show") && names.contains("demo"), "subcommands: \(names)")
    }
}
