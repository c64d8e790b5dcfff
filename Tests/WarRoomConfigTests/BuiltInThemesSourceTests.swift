import Foundation
import Testing
@testable import WarRoomConfig
import WarRoomScreen
import WarRoomTestSupport

/// `BuiltInThemes.swift` is written by this suite from themes/*.toml, never by hand: editing or
/// adding a theme file is one step (`WARROOM_RECORD_GOLDENS=1 swift test --filter BuiltInThemesSource`),
/// and the embedded copy can never drift from the files.
@Suite("BuiltInThemesSource")
struct BuiltInThemesSourceTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/WarRoomConfig")

    @Test("BuiltInThemes.swift is exactly what themes/*.toml generate")
    func generated() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ThemeTests.themesFolder)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        var files: [(name: String, text: String)] = []
        for name in names {
            files.append((name, try String(contentsOfFile: ThemeTests.themesFolder + "/\(name).toml", encoding: .utf8)))
        }
        GoldenFile.check(Self.source(files), directory: Self.sources, name: "BuiltInThemes.swift", suite: "BuiltInThemesSource")
    }

    @Test("The generator keeps text that looks like a closing delimiter, a backslash or an interpolation")
    func awkwardText() {
        let text = "name = \"x\"\n# \"\"\"# and \\(oops) and \\n\n"
        let source = Self.source([("dark", text)])
        #expect(source.contains("##\"\"\"\n" + text + "\n\"\"\"##"))
    }

    /// The Swift source embedding `files`: the default theme first, then by name.
    static func source(_ files: [(name: String, text: String)]) -> String {
        let ordered = files.sorted { ($0.name == ThemeCatalog.defaultName ? 0 : 1, $0.name) < ($1.name == ThemeCatalog.defaultName ? 0 : 1, $1.name) }
        func identifier(_ name: String) -> String {
            let parts = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return parts.enumerated().map { $0.offset == 0 ? $0.element.lowercased() : $0.element.capitalized }.joined()
        }
        var out = """
            // GENERATED from themes/*.toml by Tests/WarRoomConfigTests/BuiltInThemesSourceTests.swift; do not edit.
            // After editing or adding a theme file: WARROOM_RECORD_GOLDENS=1 swift test --filter BuiltInThemesSource
            // (it rewrites this file and fails once on purpose), then run it again to see it pass.
            // Embedded so an installed binary finds the themes from any working directory.

            /// The text of the built-in theme files, by name.
            enum BuiltInThemes {
                /// The built-in names, the default first.
                static let names = [\(ordered.map { "\"\($0.name)\"" }.joined(separator: ", "))]

                /// The file text of a built-in theme.
                static func text(_ name: String) -> String? {
                    switch name {

            """
        for file in ordered { out += "        case \"\(file.name)\": \(identifier(file.name))\n" }
        out += "        default: nil\n        }\n    }\n"
        for file in ordered {
            // Enough `#`s that nothing in the file closes the raw string or interpolates.
            var hashes = "#"
            while file.text.contains("\"\"\"" + hashes) || file.text.contains("\\" + hashes) { hashes += "#" }
            out += "\n    static let \(identifier(file.name)) = \(hashes)\"\"\"\n\(file.text)\n\"\"\"\(hashes)\n"
        }
        return out + "}\n"
    }
}
