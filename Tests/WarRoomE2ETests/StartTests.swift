import Foundation
import Testing

/// Starting with nothing: an empty store asks for a title and severity; the demo opens a running incident.
@Suite("Starting the war room", .serialized)
struct StartTests {
    @Test("With no open incident, warroom asks for a title and a severity, declares, and opens the screen")
    func declaresInteractively() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand([]))
        tmux.waitFor(text: "Title:")
        tmux.type("Login page times out")
        tmux.keys("Enter")
        tmux.waitFor(text: "Severity")
        tmux.type("SEV7")
        tmux.keys("Enter")
        tmux.waitFor(text: "unknown severity 'SEV7'")
        tmux.type("2")
        tmux.keys("Enter")
        // Service, impact start, detection: skipped; the Incident Commander: the declarer.
        for question in ["Service", "Impact started", "Detected", "Incident Commander"] {
            tmux.waitFor(text: question)
            tmux.keys("Enter")
        }
        let screen = tmux.waitForWarRoom()
        #expect(screen?.lines.first?.contains("SEV2") == true)
        #expect(screen?.lines.first?.contains("Login page times out") == true)
        let state = try sandbox.state()
        #expect(state["title"] as? String == "Login page times out")
        #expect(state["severity"] as? String == "SEV2")
    }

    @Test("warroom demo opens a running incident in a throwaway store and removes it on quit")
    func demo() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start("sh -c " + Sandbox.quote(sandbox.paneCommand(["demo"]) + "; echo EXITED $?; sleep 5"))
        let screen = tmux.waitForWarRoom()
        #expect(screen?.lines.contains { $0.contains("Checkout API returning 500s") } == true)
        #expect(screen?.lines.contains { $0.contains("Hypotheses") } == true)
        tmux.keys("C-q")
        let after = tmux.waitFor(text: "EXITED 0")
        #expect(after?.lines.contains { $0.contains("The demo store") && $0.contains("was removed") } == true)
        #expect(!FileManager.default.fileExists(atPath: sandbox.store), "the demo never touches the real store")
    }
}
