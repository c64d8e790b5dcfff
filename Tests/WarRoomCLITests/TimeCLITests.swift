import Foundation
import Testing

/// Typed clock times and the echo of what was recorded.
@Suite("Times through the CLI")
struct TimeCLITests {
    @Test("HH:MM just ahead of now is refused with both readings; nothing is recorded",
          arguments: ["14:11", "14:15", "14:20"])
    func clockJustAhead(_ typed: String) throws {
        let cli = try CLI() // now is 14:10
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic", "--started-at", "13:00")
        let error = try cli.fails("log", "x", "--at", typed)
        #expect(error.contains("ahead of now (14:10:00") && error.contains("for yesterday type 2026-11-27T\(typed):00Z"), "\(error)")
        #expect(try cli.ok("export", "jsonl").split(separator: "\n").count == 1)
        let declared = try cli.run(["declare", "--title", "u", "--severity", "SEV4", "--no-ic", "--detected-at", typed])
        #expect(declared.status != 0 && declared.err.contains("ahead of now"))
    }

    @Test("The echo shows the date when the entry is not from today (UTC)")
    func echoDate() throws {
        let cli = try CLI(now: "2026-11-28T00:05:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic", "--started-at", "2026-11-27T23:00:00Z")
        let yesterday = try cli.ok("log", "late", "--at", "23:58")
        #expect(yesterday.contains("INC-1 #2 2026-11-27 23:58:00 alice"), "\(yesterday)")
        let today = try cli.ok("log", "now")
        #expect(today.contains("INC-1 #3 00:05:00 alice"), "\(today)")
        let lines = try cli.ok("log", "--each-line", "--at", "23:59", input: "a\nb\n")
        #expect(lines.split(separator: "\n").allSatisfy { $0.contains("2026-11-27 23:59:00") }, "\(lines)")
    }
}
