import Foundation
import Testing

/// Proposed incidents as the IC meets them, through the real binary under a private tmux server:
/// the opening prompt offers the waiting proposal, a new one appears in the strip of the open war
/// room while it runs, and `/dismiss` decides it there.
@Suite("Proposed incidents in the war room", .serialized)
struct ProposalTryoutTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("WarRoomAlertIntakeTests/Fixtures")

    @Test("No open incident but a proposal: the prompt offers it, a typo is refused, P1 declares it and opens it; a later proposal shows in the strip and /dismiss decides it")
    func acceptAtStartDismissInRoom() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        // The alert started two minutes ago, whenever the test runs: with the fixture's fixed day the
        // header's T+ clock grows each day until it pushes the title out of 80 columns.
        let startsAt = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-120))
        let warning = try String(contentsOf: Self.fixtures.appendingPathComponent("alertmanager-warning.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"startsAt\": \"2026-11-28T13:50:00Z\"", with: "\"startsAt\": \"\(startsAt)\"")
        #expect(warning.contains(startsAt))
        let first = sandbox.directory.appendingPathComponent("search.json").path
        try warning.write(toFile: first, atomically: true, encoding: .utf8)
        #expect(sandbox.ok("alerts", "ingest", first).contains("proposed as P1 (SEV3)"))

        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand([]), width: 80, height: 24)
        let offer = tmux.waitFor(text: "Accept one (P1)")
        #expect(offer?.lines.contains { $0.contains("alerts propose one:") } == true, "\(offer?.lines ?? [])")
        #expect(offer?.lines.contains { $0.contains("P1  SEV3  SearchIndexLag on search") } == true, "\(offer?.lines ?? [])")
        tmux.type("P7")
        tmux.keys("Enter")
        tmux.waitFor(text: "there is no proposal P7; waiting: P1; nothing was declared")
        tmux.type("p1")
        tmux.keys("Enter")
        let room = tmux.waitForWarRoom()
        #expect(room?.lines.first?.contains("SEV3") == true && room?.lines.first?.contains("SearchIndexLag on search") == true,
                "\(room?.lines ?? [])")
        let state = try sandbox.state()
        #expect(state["title"] as? String == "SearchIndexLag on search")
        #expect((try sandbox.timeline()).contains { ($0["text"] as? String)?.hasPrefix("Alert firing: SearchIndexLag") == true })

        // Another alert, another service: proposed while the room is open, shown within a poll.
        let second = sandbox.directory.appendingPathComponent("billing.json").path
        try warning.replacingOccurrences(of: "search", with: "billing").replacingOccurrences(of: "0e8d61a7b3c2f945", with: "1f2e3d4c5b6a7980")
            .write(toFile: second, atomically: true, encoding: .utf8)
        #expect(sandbox.ok("alerts", "ingest", second).contains("proposed as P2 (SEV3)"))
        tmux.waitFor(text: "P2 proposed")
        tmux.type("/dismiss P2")
        tmux.keys("Enter")
        tmux.waitFor(text: "/dismiss P2 needs a reason")
        tmux.keys("C-u")
        tmux.type("/dismiss P2 billing indexer is a batch job, not user-facing")
        tmux.keys("Enter")
        let decided = tmux.waitFor(text: "P2 dismissed")
        #expect(decided?.lines.contains { $0.contains("P2 proposed") } == false, "the strip no longer shows it: \(decided?.lines ?? [])")
        let all = sandbox.ok("proposals", "--all")
        #expect(all.contains("accepted as INC-1") && all.contains("dismissed by") && all.contains("batch job, not user-facing"), "\(all)")
    }
}
