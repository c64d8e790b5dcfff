import Testing
import WarRoomCore
import WarRoomUI
import WarRoomTestSupport

/// The declare dialogue on the plain terminal, fed scripted lines.
@Suite("Input: the declare prompt")
struct InputDeclarePromptTests {
    /// Runs the dialogue on `lines` (then end of input); returns the answers and everything written.
    func run(_ lines: [String], now: Timestamp = t0 + .minutes(10)) -> (DeclarePrompt.Answers?, [String]) {
        var remaining = lines[...]
        var written: [String] = []
        let answers = DeclarePrompt(author: "alice", now: now).run(read: { remaining.popFirst() }, write: { written.append($0) })
        return (answers, written)
    }

    @Test("Title, severity, service, impact start, detection and the Incident Commander")
    func everything() throws {
        let (answers, written) = run(["Checkout down", "2", "checkout-api", "13:50", "-12m", "bob"])
        let got = try #require(answers)
        #expect(got.declaration == Declaration(title: "Checkout down", severity: .sev2, service: "checkout-api",
                                               impactStartedAt: Timestamp(iso8601: "2026-11-28T13:50:00Z"),
                                               detectedAt: Timestamp(iso8601: "2026-11-28T13:58:00Z")))
        #expect(got.commander == "bob")
        #expect(written.contains("  = 2026-11-28T13:58:00Z\n"), "the time read is echoed: \(written)")
    }

    @Test("Enter skips the optional facts; the declarer commands unless '-'")
    func skips() throws {
        let (answers, _) = run(["Login slow", "sev3", "", "", "", ""])
        #expect(answers == DeclarePrompt.Answers(declaration: Declaration(title: "Login slow", severity: .sev3), commander: "alice"))
        let (nobody, _) = run(["Login slow", "SEV4", "", "", "", "-"])
        #expect(nobody?.commander == nil)
        #expect(nobody?.declaration.severity == .sev4)
    }

    @Test("A bad answer is asked again with the reason",
          arguments: [(["", "T", "2"], "A title is needed"), (["T", "SEV7", "2"], "unknown severity 'SEV7'"),
                      (["T", "2", "", "soon", ""], "cannot read the time 'soon'"),
                      (["T", "2", "", "2030-01-01T00:00:00Z", ""], "more than a day after now"),
                      (["T", "2", "", "2026-11-28T15:00:00Z", ""], "is in the future"),
                      (["T", "2", "", "14:05", "14:02", ""], "is before the impact started"),
                      (["T", "2", "", "", "", "-12m"], "looks like a time, not a person"),
                      (["T", "2", "", "", "", "13:58"], "looks like a time, not a person"),
                      (["T", "2", "", "", "", "--no-ic"], "is not a person's name"),
                      (["T", "2", "", "", "", "@"], "is not a person's name")])
    func reasked(_ lines: [String], _ reason: String) throws {
        let (answers, written) = run(lines + ["", "", "", ""])
        #expect(answers != nil)
        #expect(written.contains { $0.contains(reason) }, "\(written)")
        #expect(answers?.declaration.title == "T")
        #expect(answers?.commander == "alice", "what was refused is not recorded; the Enter after it means you")
    }

    @Test("Ctrl-D at any question cancels, and ends the prompt's line first", arguments: 0...5)
    func cancel(_ answered: Int) {
        let lines = Array(["Checkout down", "2", "checkout-api", "13:50", "13:58"].prefix(answered))
        let (answers, written) = run(lines)
        #expect(answers == nil)
        #expect(written.last == "\n", "the caller's 'cancelled' must start on its own line: \(written)")
        #expect(written.dropLast().last?.hasSuffix(": ") == true)
    }
}
