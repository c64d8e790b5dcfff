import Foundation
import Testing
import WarRoomCore

/// `warroom role assign` takes every role of the table, `show` and `--json` carry it, `--help`
/// lists it; the optional Deputy end to end.
@Suite("CLI: every role, and the optional Deputy")
struct RoleCLITests {
    @Test("Every role is assigned by its name and alias; --json names each role, vacant ones null")
    func everyRole() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV3", "--no-ic")
        var roles = try #require(try cli.state()["roles"] as? [String: Any])
        #expect(Set(roles.keys) == Set(Role.allCases.map(\.rawValue)), "every role is a key, even vacant")
        #expect(Role.allCases.allSatisfy { roles[$0.rawValue] is NSNull })
        for role in Role.allCases {
            try cli.ok("role", "assign", role.short, "\(role.rawValue)-one")
            try cli.ok("role", "assign", role.title, "\(role.rawValue)-two")
        }
        roles = try #require(try cli.state()["roles"] as? [String: Any])
        for role in Role.allCases { #expect(roles[role.rawValue] as? String == "\(role.rawValue)-two") }
    }

    @Test("A missing name whose place a role's name takes is refused, not recorded as a person", arguments: [
        ["deputy", "ic"], ["deputy", "incident commander"], ["ic", "scribe"], ["tech lead", "Deputy IC"],
    ])
    func personIsARole(_ args: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV3", "--no-ic")
        let result = try cli.run(["role", "assign"] + args)
        #expect(result.status == 1, "\(result)")
        #expect(result.err.contains("names a role") && result.err.contains("nothing was recorded"), "\(result.err)")
        let roles = try #require(try cli.state()["roles"] as? [String: Any])
        #expect(roles.values.allSatisfy { $0 is NSNull }, "\(roles)")
    }

    @Test("role assign --help lists every role")
    func help() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let help = try cli.ok("role", "assign", "--help")
        for role in Role.allCases { #expect(help.contains(role.rawValue), "\(role) missing from \(help)") }
        #expect(help.contains("Roles: commander (ic), deputy, comms (cl), tech (tl), scribe."), "\(help)")
    }

    @Test("The Deputy: assigned, handed off, in show and --json; vacant, no alert and not listed")
    func deputy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        let vacant = try cli.ok("show")
        #expect(!vacant.contains("Deputy"), "a vacant optional role is nothing to report: \(vacant)")
        var state = try cli.state()
        #expect((state["alerts"] as? [String])?.contains { $0.contains("Deputy") } == false)
        #expect((state["roles"] as? [String: Any])?["deputy"] is NSNull)

        try cli.ok("role", "assign", "deputy", "bob")
        state = try cli.state()
        #expect((state["roles"] as? [String: Any])?["deputy"] as? String == "bob")
        #expect(try cli.ok("show").contains("Roles:  IC alice (since 14:10) · Deputy bob (since 14:10) · CL — vacant"))

        try cli.ok("role", "assign", "Deputy Incident Commander", "dan")
        #expect(try cli.ok("timeline").contains("Deputy Incident Commander handed off: bob → dan"))
        try cli.ok("role", "assign", "deputy-ic", "alice")
        state = try cli.state()
        #expect((state["alerts"] as? [String])?.contains("alice is IC and also Deputy Incident Commander: hand one off") == true,
                "\(state["alerts"] ?? "")")
        let typo = try cli.fails("role", "assign", "depty", "bob")
        #expect(typo.contains("did you mean 'deputy'?") && typo.contains("deputy"), "\(typo)")
    }
}
