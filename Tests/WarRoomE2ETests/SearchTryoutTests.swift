import Foundation
import Testing

/// The knowledge base as an IC meets it, through the real binary under a private tmux server: a
/// new incident declared at the prompt opens saying the past one it resembles, and `/search`
/// finds an entry written a moment before, from another terminal, part of an identifier included.
@Suite("Search in the war room", .serialized)
struct SearchTryoutTests {
    @Test("Declared at the prompt, the room names the similar past incident; /search finds a fresh entry by part of an identifier; Esc closes the results")
    func similarThenSearch() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.ok("declare", "--title", "Checkout 502s after config push", "--severity", "SEV2", "--service", "checkout-api")
        sandbox.ok("postmortem", "factor", "immediate", "a config push without canary")
        sandbox.ok("status", "resolved", "--force", "--reason", "rolled back")
        sandbox.ok("postmortem", "status", "final", "--force")
        sandbox.ok("status", "closed", "--reason", "reviewed")

        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand([]), width: 80, height: 24)
        tmux.waitFor(text: "Title:")
        for answer in ["Checkout errors spiking", "2", "checkout-api", "", "", ""] {
            if !answer.isEmpty { tmux.type(answer) }
            tmux.keys("Enter")
            Thread.sleep(forTimeInterval: 0.2)
        }
        let room = tmux.waitFor(text: "Like INC-1")
        #expect(room?.lines.joined(separator: " ").contains("cause: a config push without") == true, "\(room?.lines ?? [])")

        sandbox.ok("log", "--incident", "INC-2", "pool logged ECONNRESET from pg-primary-2")
        tmux.type("/search econnres")
        tmux.keys("Enter")
        let results = tmux.waitFor(text: "Search “econnres”: 1 incident")
        #expect(results?.lines.contains { $0.contains("INC-2  SEV2  investigating") } == true, "\(results?.lines ?? [])")
        #expect(results?.lines.contains { $0.contains("pool logged ›ECONNRES‹ET from pg-primary-2") } == true, "\(results?.lines ?? [])")
        tmux.keys("Escape")
        let back = tmux.waitFor(text: "› type an entry")
        #expect(back?.lines.contains { $0.contains("Search “econnres”") } == false, "\(back?.lines ?? [])")
    }
}
