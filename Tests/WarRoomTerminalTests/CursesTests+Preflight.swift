import Testing
@testable import WarRoomTerminal

extension CursesTests {
    /// The checks before the screen starts (they read terminfo, so they stay serialized).
    @Suite struct Preflight {
        struct Case: Sendable, CustomTestStringConvertible {
            var name: String
            var term: String?
            var stdin = true
            var stdout = true
            var message: String?
            var testDescription: String { name }
        }

        static let cases: [Case] = [
            Case(name: "usable", term: "xterm-256color"),
            Case(name: "tmux", term: "tmux-256color"),
            Case(name: "piped stdout", term: "xterm-256color", stdout: false,
                 message: "warroom needs a terminal: stdout is not a tty (run it in a terminal, or use `warroom show` from scripts)"),
            Case(name: "piped stdin", term: "xterm-256color", stdin: false,
                 message: "warroom needs a terminal: stdin is not a tty (run it in a terminal, or use `warroom show` from scripts)"),
            Case(name: "no TERM", term: nil,
                 message: "warroom needs a terminal: TERM is not set (set it, e.g. TERM=xterm-256color)"),
            Case(name: "empty TERM", term: "",
                 message: "warroom needs a terminal: TERM is not set (set it, e.g. TERM=xterm-256color)"),
            Case(name: "unknown TERM", term: "foo", message: "TERM 'foo' is unknown: try TERM=xterm-256color"),
            Case(name: "dumb", term: "dumb",
                 message: "TERM 'dumb' cannot position the cursor, which the war room needs: try TERM=xterm-256color"),
        ]

        @Test(arguments: cases) func preflight(_ testCase: Case) {
            var environment = ["HOME": "/root"]
            if let term = testCase.term { environment["TERM"] = term }
            var message: String?
            do {
                try Terminal.preflight(environment: environment, stdinIsTerminal: testCase.stdin,
                                       stdoutIsTerminal: testCase.stdout)
            } catch {
                message = "\(error)"
            }
            #expect(message == testCase.message)
        }
    }
}
