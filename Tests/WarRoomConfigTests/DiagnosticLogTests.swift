import Foundation
import Testing
@testable import WarRoomConfig

@Suite("Diagnostic log")
struct DiagnosticLogTests {
    @Test("Appends timestamped lines, creating a private folder and file")
    func writes() throws {
        try withTemporaryDirectory { folder in
            let state = folder + "/state/warroom"
            let log = DiagnosticLog(directory: state)
            #expect(log.write("first", at: "2026-11-28T14:02:00Z"))
            #expect(log.write(Diagnostic(file: "c.toml", line: 2, key: "theme", message: "bad\nvalue").description,
                              at: "2026-11-28T14:02:01Z"))
            let text = try String(contentsOfFile: state + "/warroom.log", encoding: .utf8)
            #expect(text == "2026-11-28T14:02:00Z first\n2026-11-28T14:02:01Z c.toml:2: key 'theme': bad\\nvalue\n")
            #expect(try permissions(state) == 0o700)
            #expect(try permissions(folder + "/state") == 0o700)
            #expect(try permissions(state + "/warroom.log") == 0o600)
            #expect(log.path == state + "/warroom.log")
        }
    }

    @Test("Writes a batch of diagnostics, one line each")
    func batch() throws {
        try withTemporaryDirectory { folder in
            let log = DiagnosticLog(directory: folder)
            let diagnostics = [Diagnostic(file: "a", line: 1, message: "x"), Diagnostic(file: "b", message: "y\u{1B}[2J")]
            #expect(log.write(diagnostics, at: "T"))
            let text = try String(contentsOfFile: folder + "/warroom.log", encoding: .utf8)
            #expect(text == "T a:1: x\nT b: y\\u{1b}[2J\n")
        }
    }

    @Test("A log that cannot be written is skipped without throwing or trapping")
    func unwritable() throws {
        try withTemporaryDirectory { folder in
            try writeFile(folder + "/file", "not a folder")
            #expect(DiagnosticLog(directory: folder + "/file").write("x", at: "T") == false)
            #expect(DiagnosticLog(directory: folder + "/file/below").write("x", at: "T") == false)
            #expect(DiagnosticLog(directory: "").write("x", at: "T") == false)
        }
    }
}
