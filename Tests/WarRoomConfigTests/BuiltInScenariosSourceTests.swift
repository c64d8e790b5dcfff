import Foundation
import Testing
@testable import WarRoomConfig
import WarRoomTestSupport

/// `BuiltInScenarios.swift` is written by this suite from scenarios/*.yaml, never by hand, as the
/// built-in themes are: `WARROOM_RECORD_GOLDENS=1 swift test --filter BuiltInScenariosSource`
/// after editing or adding a scenario, so the shipped copies can never drift from the files.
@Suite("BuiltInScenariosSource")
struct BuiltInScenariosSourceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sources = root.appendingPathComponent("Sources/WarRoomConfig")
    static let folder = root.appendingPathComponent("scenarios").path

    /// Each file of scenarios/, by name.
    static func files() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted().map { file in
            (String(file.dropLast(5)), try String(contentsOfFile: folder + "/" + file, encoding: .utf8))
        }
    }

    @Test("BuiltInScenarios.swift is exactly what scenarios/*.yaml generate")
    func generated() throws {
        let files = try Self.files()
        #expect(files.count >= 3, "the issue asks for at least three shipped scenarios")
        GoldenFile.check(Self.source(files), directory: Self.sources, name: "BuiltInScenarios.swift", suite: "BuiltInScenariosSource")
    }

    @Test("Every built-in copy equals its file, and every file has its copy")
    func equal() throws {
        let files = try Self.files()
        #expect(BuiltInScenarios.names == files.map(\.name))
        for file in files { #expect(BuiltInScenarios.text(file.name) == file.text, "\(file.name)") }
        #expect(BuiltInScenarios.text("no-such-scenario") == nil)
    }

    @Test("The generator keeps text that looks like a closing delimiter, a backslash or an interpolation")
    func awkwardText() {
        let text = "title: x\n# \"\"\"# and \\(oops) and \\n\n"
        #expect(Self.source([("a", text)]).contains("##\"\"\"\n" + text + "\n\"\"\"##"))
    }

    /// The Swift source embedding `files`, by name.
    static func source(_ files: [(name: String, text: String)]) -> String {
        let ordered = files.sorted { $0.name < $1.name }
        func identifier(_ name: String) -> String {
            let parts = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return parts.enumerated().map { $0.offset == 0 ? $0.element.lowercased() : $0.element.capitalized }.joined()
        }
        var out = """
            // GENERATED from scenarios/*.yaml by Tests/WarRoomConfigTests/BuiltInScenariosSourceTests.swift; do not edit.
            // After editing or adding a scenario file: WARROOM_RECORD_GOLDENS=1 swift test --filter BuiltInScenariosSource
            // (it rewrites this file and fails once on purpose), then run it again to see it pass.
            // Embedded so an installed binary plays the shipped drills from any working directory.

            /// The text of the shipped drill scenarios, by name.
            enum BuiltInScenarios {
                /// The shipped names, in order.
                static let names = [\(ordered.map { "\"\($0.name)\"" }.joined(separator: ", "))]

                /// The file text of a shipped scenario.
                static func text(_ name: String) -> String? {
                    switch name {

            """
        for file in ordered { out += "        case \"\(file.name)\": \(identifier(file.name))\n" }
        out += "        default: nil\n        }\n    }\n"
        for file in ordered {
            var hashes = "#"
            while file.text.contains("\"\"\"" + hashes) || file.text.contains("\\" + hashes) { hashes += "#" }
            out += "\n    static let \(identifier(file.name)) = \(hashes)\"\"\"\n\(file.text)\n\"\"\"\(hashes)\n"
        }
        return out + "}\n"
    }
}
