import Foundation
import Testing

/// Paging played on the real binary in a private tmux server, on the real clock: `/page` pages
/// the primary on call through `oncall.yaml`, nobody answers within level 1's 3-second timeout, the
/// war room pages level 2 by itself, and `/ack` answers the chain. The record has each step.
@Suite("Paging from the war room, on a terminal", .serialized)
struct PagingTryoutTests {
    static let oncall = """
        schedule:
          name: backend-primary
          timezone: Europe/Berlin
          rotation_type: weekly
          handoff_time: "10:00"
          handoff_day: monday
          start: 2026-01-05 10:00
          participants:
            members: [alice, bob, carol, dave]
        escalation_policy:
          - level: 1
            target: on-call-primary
            timeout: 3_seconds
          - level: 2
            target: on-call-secondary
            schedule: backend-secondary
            timeout: 10_minutes
          - level: 3
            target: engineering-manager
            timeout: 0
        ---
        schedule:
          name: backend-secondary
          timezone: Europe/Berlin
          rotation_type: weekly
          handoff_time: "10:00"
          handoff_day: monday
          start: 2026-01-05 10:00
          participants:
            members: [erin, frank, grace, heidi]
        """

    @Test("/page pages the primary, level 2 is paged by the war room when nobody answers in time, /ack answers the chain")
    func pagesAndEscalates() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let configDirectory = (sandbox.config as NSString).appendingPathComponent("warroom")
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        try Self.oncall.write(toFile: configDirectory + "/oncall.yaml", atomically: true, encoding: .utf8)

        let tmux = try TmuxServer(sandbox, label: "paging")
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open"]) + "; echo WARROOM-ENDED; sleep 30", width: 120, height: 40)
        tmux.waitForWarRoom()
        tmux.type("/page")
        tmux.keys("Enter")
        let paged = tmux.waitFor(text: ": /ack when they answer")
        let primary = ["alice", "bob", "carol", "dave"].first { paged?.text.contains("Paged \($0): /ack") == true }
        #expect(primary != nil, "a person of the primary rotation was paged: \(paged?.text ?? "")")
        let escalated = tmux.waitFor(text: "in 3s: paging ", timeout: 15)
        let secondary = ["erin", "frank", "grace", "heidi"].first { escalated?.text.contains("paging \($0) (level 2") == true }
        #expect(secondary != nil, "the secondary on call was paged: \(escalated?.text ?? "")")
        tmux.type("/ack")
        tmux.keys("Enter")
        tmux.waitFor(text: "acknowledged by \(secondary ?? "?")")
        tmux.keys("C-q")
        tmux.waitFor(text: "WARROOM-ENDED")

        let texts = try sandbox.timeline().compactMap { $0["text"] as? String }
        #expect(texts.contains { $0.hasPrefix("Paged \(primary ?? "?") (level 1 on-call-primary)") }, "\(texts)")
        #expect(texts.contains { $0.hasPrefix("Paged \(secondary ?? "?") (level 2 on-call-secondary): the page before was not acknowledged in time") },
                "\(texts)")
        #expect(texts.contains { $0.contains("acknowledged by \(secondary ?? "?")") }, "\(texts)")
        #expect(!texts.contains { $0.contains("engineering-manager") }, "answered: level 3 is not paged: \(texts)")
    }
}
