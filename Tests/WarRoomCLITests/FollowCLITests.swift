import Foundation
import Glibc
import Testing

/// `warroom timeline --follow` woken by the store's change signal, or polling when it is turned
/// off or the setting is not understood (which it says on stderr, naming what is accepted).
@Suite("CLI follow")
struct FollowCLITests {
    @Test("timeline --follow prints what other processes record, woken or polling",
          arguments: [("", nil), ("on", nil), ("off", "polling the store"), ("sometimes", "is not on or off")] as [(String, String?)])
    func followsOtherProcesses(_ setting: String, _ note: String?) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--no-ic")
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["timeline", "--follow", "--json"]
        process.environment = cli.environment.merging(["WARROOM_CHANGE_SIGNAL": setting]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // SIGKILL: the test process may hand its children SIGTERM blocked.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let descriptor = out.fileHandleForReading.fileDescriptor
        var buffer: [UInt8] = []
        let deadline = Date().addingTimeInterval(30)
        func next() throws -> [String: Any] {
            let line = try #require(CLIAmendTests.line(descriptor, &buffer, deadline: deadline), "timeline --follow printed nothing more")
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not one JSON object: \(line)")
        }
        #expect(try next()["number"] as? Int == 1)
        for n in 2...4 {
            try cli.ok("log", "entry \(n) from another process")
            let row = try next()
            #expect(row["number"] as? Int == n && row["text"] as? String == "entry \(n) from another process")
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if let note {
            #expect(stderr.contains(note) && stderr.hasPrefix("warroom: WARROOM_CHANGE_SIGNAL="), "\(stderr)")
        } else {
            #expect(stderr.isEmpty, "\(stderr)")
        }
    }
}
