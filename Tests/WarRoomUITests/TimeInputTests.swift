import Testing
import WarRoomCore
import WarRoomUI

/// The war room's leading `HH:MM` reads like the CLI's `--at`: one function in the core.
@Suite("Leading clock time in the war room")
struct TimeInputTests {
    var context: InputContext {
        let script = Script.checkoutOutage()
        return InputContext(state: script.state!, now: script.now) // 14:12
    }

    @Test("Up to 10 minutes ahead of now is refused with both readings, never silently yesterday",
          arguments: ["14:13 x", "14:15 alert fired", "14:22 /sev 1 outage", "14:12:01 x"])
    func justAhead(_ line: String) {
        #expect {
            try SlashCommands.parse(line, context: context)
        } throws: { error in
            let message = "\(error)"
            return message.contains("ahead of now (14:12:00 UTC)") && message.contains("for yesterday type 2026-11-27T14:")
        }
    }

    @Test("At or before now is today; more than 10 minutes ahead is yesterday, as with --at",
          arguments: [("14:12 x", "2026-11-28T14:12:00Z"), ("14:22:01 x", "2026-11-27T14:22:01Z"), ("23:50 x", "2026-11-27T23:50:00Z")])
    func sameAsTheCLI(_ line: String, _ expected: String) throws {
        guard case .record(_, let at) = try SlashCommands.parse(line, context: context) else {
            Issue.record("\(line) is not a recording")
            return
        }
        #expect(at == Timestamp(iso8601: expected))
        let typed = String(line.prefix { $0 != " " })
        #expect(try TimeExpression.parse(typed, now: context.now) == at)
    }
}
