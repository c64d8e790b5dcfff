import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomUI
import WarRoomScreen

/// Hostile text through every part of the war room screen: entries, the title, the service,
/// author names, role holders, hypothesis texts and owners, notifications, status updates, the
/// input line, the update editor, notices and the filter. Every size from 1×1 to 200×60. The
/// rendered grid must hold no control character, no bidi control and no stray zero-width
/// character, and every row must be exactly as wide as the screen (nothing shifted, nothing
/// straddling an edge). Big inputs (a 10 MB entry, a 100,000-line paste) must render and be
/// right; the time taken is printed, not asserted.
@Suite("Hostile text on the screen")
struct HostileScreenTests {
    /// Escape sequences, C1 controls, overwrite tricks, bidi overrides and isolates, zero-width
    /// characters, and text that is fine (CJK, an emoji sequence, a combining mark) around them.
    static let corpus: [String] = [
        "clear\u{1B}[2Jscreen",
        "title\u{1B}]0;pwned\u{07}set",
        "clip\u{1B}]52;c;aGVsbG8=\u{07}board",
        "dcs\u{1B}Pq#0;2;0;0;0\u{1B}\\end",
        "c1csi\u{9B}31mred\u{9D}0;t\u{9C}",
        "st\u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "cr safe\roverwritten",
        "bs abc\u{08}\u{08}\u{08}xyz",
        "rlo \u{202E}gnp.exe",
        "iso\u{2066}a\u{2067}b\u{2068}c\u{2069}d \u{202A}e\u{202B}f\u{202C}g\u{202D}h",
        "zero\u{200B}width\u{FEFF}joiner\u{2060}hidden\u{00AD}soft\u{180E}mvs",
        "lrm\u{200E}rlm\u{200F}alm\u{061C}",
        "del\u{7F}bell\u{07}nul\u{00}vt\u{0B}ff\u{0C}",
        "tab\tseparated\u{2028}line\u{2029}para",
        "\u{0301}leading mark",
        "日本語 wide 👩‍👩‍👧 family 🇫🇷",
        "multi\nline\r\nentry",
        "\u{1B}[1;1H\u{1B}[0K\u{1B}[?1049l\u{1B}[?25l\u{1B}c",
    ]

    /// The whole corpus in one string.
    static let everything = corpus.joined(separator: " | ")

    static let sizes: [(Int, Int)] = [(200, 60), (120, 40), (100, 20), (80, 24), (60, 16), (40, 12), (24, 8), (23, 7),
                                      (10, 3), (1, 1), (250, 80)]

    /// Scalars that must never reach a cell.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200B || v == 0x200E || v == 0x200F || v == 0x061C || v == 0xFEFF || (0x2060...0x2064).contains(v)
            || v == 0x2028 || v == 0x2029 || v == 0x00AD || v == 0x180E
    }

    /// Problems with a rendered grid: forbidden scalars, cells holding more than one grapheme,
    /// rows whose display width is not the grid's width, wide graphemes without their right half.
    static func problems(_ grid: Grid) -> [String] {
        var found: [String] = []
        for y in 0..<grid.height {
            var x = 0
            while x < grid.width {
                let cell = grid[x, y]
                if cell.isContinuation {
                    found.append("(\(x),\(y)): a continuation cell without a wide grapheme on its left")
                    x += 1
                    continue
                }
                if cell.text.count != 1 { found.append("(\(x),\(y)): \(cell.text.debugDescription) is not one grapheme") }
                if let bad = cell.text.unicodeScalars.first(where: isForbidden) {
                    found.append("(\(x),\(y)): U+\(String(bad.value, radix: 16, uppercase: true)) in a cell")
                }
                let width = cell.text.first.map(DisplayWidth.of) ?? 0
                if width == 0 { found.append("(\(x),\(y)): \(cell.text.debugDescription) takes no column") }
                if width == 2 {
                    if x + 1 >= grid.width || !grid[x + 1, y].isContinuation {
                        found.append("(\(x),\(y)): wide \(cell.text) without its right half")
                    }
                    x += 2
                } else {
                    x += 1
                }
            }
            if found.count > 20 { break }
        }
        return found
    }

    /// An incident where every piece of user text is hostile: title, service, summary, authors,
    /// role holders, hypotheses, notification targets, posted updates, and entries of each kind.
    static func hostileIncident() -> Script {
        var s = Script()
        let hostile = everything
        s.run(.declare(Declaration(title: "Checkout \u{1B}]0;pwned\u{07} \u{202E}down", severity: .sev2,
                                   summary: hostile, service: "api\u{1B}[2J\u{9B}31m",
                                   impactStartedAt: t0 - .minutes(6), detectedAt: t0 - .minutes(2))),
              by: "mallory\u{1B}[2J")
        s.run(.assignRole(.commander, person: "ali\u{1B}]0;x\u{07}ce\u{202E}"))
        s.run(.assignRole(.scribe, person: "\u{9B}31mcarol\rEVIL"), by: "\u{202E}carol")
        s.run(.assignRole(.tech, person: "bob\u{200B}\u{2066}"))
        s.run(.openHypothesis(text: hostile, owner: "own\u{1B}[2Jer", timebox: nil), by: "bob\u{08}\u{08}X")
        s.run(.openHypothesis(text: "short \u{202E}rev", owner: "\u{1B}]52;c;aGVsbG8=\u{07}", timebox: .minutes(10)))
        s.run(.notify(target: "VP\u{1B}[2J Eng \u{202E}", kind: nil, tier: "tier\u{9B}1"))
        s.run(.postUpdate(audience: .engineering, text: hostile))
        for (index, text) in corpus.enumerated() {
            let kinds: [EntryKind] = [.note, .action, .decision, .finding, .comms]
            s.advance(.seconds(7))
            s.run(.log(Entry(kind: kinds[index % kinds.count], text: text)), by: corpus[(index + 3) % corpus.count])
        }
        s.run(.log(Entry(kind: .note, text: "TODO: " + hostile)), by: hostile)
        s.advance(.minutes(1))
        return s
    }

    static func model(_ script: Script, width: Int, height: Int) -> WarRoomModel {
        WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol\u{1B}[2J",
                     width: width, height: height)
    }

    @Test("Hostile text everywhere: every mode at every size renders inert, full-width rows")
    func everyModeEverySize() throws {
        let script = Self.hostileIncident()
        try #require(script.state != nil)
        for (width, height) in Self.sizes {
            var m = Self.model(script, width: width, height: height)
            var screens: [(String, Grid)] = [("input", WarRoomView.render(m).grid)]
            // The input line holding hostile text, typed and pasted.
            for character in "typed \u{1B}[2J\u{202E}x\r" { _ = m.update(.input(.key(.character(character)))) }
            _ = m.update(.input(.paste(Self.everything)))
            screens.append(("input line", WarRoomView.render(m).grid))
            // A refused record puts hostile text back, with a hostile reason in the footer.
            _ = m.update(.recordFailed("refused \u{1B}]0;t\u{07} \u{202E}", source: .line("src\u{1B}[2J")))
            screens.append(("notice", WarRoomView.render(m).grid))
            // Navigation mode, each pane focused (tabs on small screens).
            _ = m.update(.input(.key(.escape)))
            for _ in 0..<4 {
                screens.append(("navigate \(m.focusedPane)", WarRoomView.render(m).grid))
                _ = m.send(.input(.key(.tab)))
            }
            _ = m.update(.input(.key(.character("i"))))
            // A hostile filter.
            var filtered = Self.model(script, width: width, height: height)
            _ = filtered.update(.input(.paste("/filter \u{1B}[2J")))
            _ = filtered.send(.input(.key(.enter)))
            screens.append(("filter", WarRoomView.render(filtered).grid))
            // The update editor, with hostile text pasted into the draft.
            var compose = Self.model(script, width: width, height: height)
            _ = compose.update(.input(.paste("/update")))
            _ = compose.send(.input(.key(.enter)))
            _ = compose.update(.input(.paste(Self.everything)))
            screens.append(("compose", WarRoomView.render(compose).grid))
            // Help, and time passing until everything is overdue and expired.
            _ = m.update(.input(.key(.function(1))))
            screens.append(("help", WarRoomView.render(m).grid))
            var late = Self.model(script, width: width, height: height)
            _ = late.update(.tick(script.now + .hours(3)))
            screens.append(("3 hours later", WarRoomView.render(late).grid))

            for (name, grid) in screens {
                #expect(grid.width == width && grid.height == height)
                let found = Self.problems(grid)
                #expect(found.isEmpty, "\(width)×\(height) \(name): \(found.prefix(5))\n\(grid.lines.joined(separator: "\n"))")
            }
            if width >= 100 && height >= 20 {
                let text = screens[0].1.lines.joined(separator: "\n")
                #expect(text.contains("^[]0;pwned^G"), "the title's escape shows in caret notation:\n\(text)")
                #expect(text.contains("<U+202E>"), "the override shows as <U+202E>")
            }
        }
    }

    @Test("The timeline's columns stay aligned whatever the author's name holds")
    func authorColumnAligned() {
        let script = Self.hostileIncident()
        let grid = WarRoomView.render(Self.model(script, width: 200, height: 60)).grid
        // Rows of the timeline pane: `│#N   HH:MM:SS author… kind…` — the kind column starts at the
        // same column on every first row of an entry.
        // Read by cells, not characters: a wide grapheme takes two columns.
        func columns(_ y: Int, _ range: Range<Int>) -> String {
            range.map { grid[$0, y] }.filter { !$0.isContinuation }.map(\.text).joined()
        }
        let rows = (0..<grid.height).filter { y in
            grid[0, y].text == "│" && columns(y, 1..<2) == "#"
                && columns(y, 6..<14).allSatisfy { $0.isNumber || $0 == ":" } && columns(y, 8..<9) == ":"
        }
        #expect(rows.count >= 10)
        let kinds = TimelineItem.Kind.allCases.map { $0 == .notification ? "notify" : $0.rawValue }
        for y in rows {
            // 1 (border) + 5 (#N) + 8 (time) + 1 + author width (min(12, max(6, 150/8)) = 12) + 1.
            let kindColumn = columns(y, 28..<38).trimmingCharacters(in: .whitespaces)
            #expect(kinds.contains { kindColumn.hasPrefix($0) }, "kind column shifted in row: \(grid.rowText(y))")
            #expect(columns(y, 27..<28) == " ", "the author overflows its column: \(grid.rowText(y))")
        }
    }

    @Test("A 100,000-line paste goes into the input line as one entry and renders the end of the line")
    func hugePaste() {
        let script = Self.hostileIncident()
        var m = Self.model(script, width: 120, height: 40)
        let lines = (0..<100_000).map { "line \($0) \u{1B}[2J\u{202E}" }
        let paste = lines.joined(separator: "\n")
        let start = Date()
        _ = m.update(.input(.paste(paste)))
        let (grid, cursor) = WarRoomView.render(m)
        let elapsed = Date().timeIntervalSince(start)
        print("hostile: 100k-line paste (\(paste.utf8.count) bytes) inserted and rendered at 120×40 in \(String(format: "%.2f", elapsed)) s")
        #expect(m.input.text == paste)
        let found = Self.problems(grid)
        #expect(found.isEmpty, "\(found.prefix(5))")
        let inputRow = grid.lines[38]
        #expect(inputRow.hasPrefix("› "))
        #expect(inputRow.hasSuffix("line 99999 ^[[2J<U+202E>"), "the line scrolls to the cursor at the end: \(inputRow)")
        #expect(cursor.map { $0.y == 38 && $0.x < 120 } == true, "cursor \(String(describing: cursor))")
        // The cursor sits just after the last drawn character.
        if let cursor {
            #expect(DisplayWidth.of(inputRow) == cursor.x, "cursor at \(cursor.x), text ends at \(DisplayWidth.of(inputRow))")
        }
        let effects = m.send(.input(.key(.enter)))
        #expect(effects == [.record(.log(Entry(kind: .note, text: paste)), at: nil, source: .line(paste))],
                "the whole paste is one entry, recorded byte for byte")
        #expect(m.input.isEmpty)
    }

    @Test("The input line's cursor follows what is drawn when the line holds controls and overrides")
    func cursorWithControls() {
        let script = Self.hostileIncident()
        for text in ["a\u{1B}[2Jb", "x\u{202E}y", "tab\tz", "\u{9B}31m", String(repeating: "\u{1B}", count: 200) + "end"] {
            var m = Self.model(script, width: 80, height: 24)
            _ = m.update(.input(.paste(text)))
            let (grid, cursor) = WarRoomView.render(m)
            let row = grid.lines[22]
            #expect(cursor?.y == 22)
            #expect(cursor.map { $0.x == DisplayWidth.of(row) } == true,
                    "\(text.debugDescription): cursor at \(String(describing: cursor?.x)), the drawn line \(row.debugDescription) ends at \(DisplayWidth.of(row))")
            #expect(cursor.map { $0.x < 80 } == true)
        }
    }

    @Test("The update editor wraps hostile text by the columns it is drawn in: nothing cut, cursor at its end")
    func composeWrapsDrawnWidth() {
        let script = Self.hostileIncident()
        var m = Self.model(script, width: 80, height: 24)
        _ = m.update(.input(.paste("/update")))
        _ = m.send(.input(.key(.enter)))
        // Replace the draft with hostile text: select all is not a key, so delete it backwards.
        let draft = m.composer?.editor.text ?? ""
        for _ in 0..<draft.count { _ = m.update(.input(.key(.backspace))) }
        #expect(m.composer?.editor.text.isEmpty == true)
        let text = String(repeating: "x\u{1B}", count: 30) + " \u{202E}" + String(repeating: "y", count: 10)
        _ = m.update(.input(.paste(text)))
        let (grid, cursor) = WarRoomView.render(m)
        let found = Self.problems(grid)
        #expect(found.isEmpty, "\(found.prefix(5))")
        // The editor's rows, inside its box, joined: the whole sanitized text, nothing cut at a row's end.
        let rows = grid.lines.filter { $0.hasPrefix("│") }.map { String($0.dropFirst().dropLast()).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        let drawn = rows.joined()
        #expect(drawn.contains(String(repeating: "x^[", count: 30) + " <U+202E>" + String(repeating: "y", count: 10)),
                "rows: \(rows)")
        if let cursor {
            let row = grid.rowText(cursor.y)
            let end = DisplayWidth.of(row.replacingOccurrences(of: " +│?$", with: "", options: .regularExpression))
            #expect(cursor.x == end, "cursor at \(cursor.x), the text ends at \(end): \(row)")
        } else {
            Issue.record("no cursor in the editor")
        }
    }

    @Test("A 10 MB single-line entry renders at 200×60 and 40×12: its beginning, then what is left out",
          arguments: [(200, 60), (40, 12)])
    func tenMegabyteEntry(width: Int, height: Int) throws {
        let script = Self.hostileIncident()
        var m = Self.model(script, width: width, height: height)
        let chunk = "word \u{1B}[2J \u{202E}rev \u{200B}zw 日本 " + String(repeating: "x", count: 60) + " "
        let big = String(repeating: chunk, count: 10_000_000 / chunk.utf8.count) + "THE-END"
        #expect(big.utf8.count > 9_900_000)
        let event = Event(id: testID(5000), incident: "INC-7", at: m.now, recordedAt: m.now, author: "bob\u{1B}[2J",
                          payload: .entry(Entry(kind: .note, text: big)))
        _ = m.update(.events([event]))
        let start = Date()
        let (grid, _) = WarRoomView.render(m)
        let first = Date().timeIntervalSince(start)
        _ = m.update(.tick(m.now + .seconds(1)))
        let again = Date()
        let (next, _) = WarRoomView.render(m)
        let second = Date().timeIntervalSince(again)
        print("hostile: a 10 MB entry rendered at \(width)×\(height): first frame \(String(format: "%.2f", first)) s, next \(String(format: "%.2f", second)) s")
        for screen in [grid, next] {
            let found = Self.problems(screen)
            #expect(found.isEmpty, "\(found.prefix(5))")
        }
        let text = grid.lines.joined(separator: "\n")
        if width >= 100 {
            #expect(text.contains("^[[2J") && text.contains("<U+202E>rev") && text.contains("xxxxxxxx"),
                    "rows of the big entry are on screen:\n\(text)")
        }
        #expect(grid.lines.first?.hasPrefix(" INC-7") == true)
        // The newest rows end the entry with what was left out: the words, as wrapped across rows.
        let words = grid.lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
            .joined(separator: " ").split(separator: " ").joined(separator: " ")
        let left = big.utf8.count - String(big.prefix(16_384)).utf8.count
        #expect(words.contains("… [\(left) more bytes not shown: `warroom timeline` prints the whole entry]"),
                "the end of the shown part says what is left out:\n\(text)")
        #expect(!text.contains("THE-END"))
    }
}
