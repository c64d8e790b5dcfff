import Testing
import WarRoomCore
import WarRoomUI
import WarRoomScreen

@Suite("Layout")
struct LayoutTests {
    @Test("Arrangement by size",
          arguments: [(200, 60, Layout.Arrangement.columns), (120, 40, .columns), (100, 20, .columns), (80, 24, .stacked),
                      (60, 16, .stacked), (59, 24, .single), (80, 15, .single), (40, 12, .single), (24, 8, .single),
                      (23, 8, .tooSmall), (24, 7, .tooSmall), (1, 1, .tooSmall), (0, 0, .tooSmall)])
    func arrangement(_ width: Int, _ height: Int, _ expected: Layout.Arrangement) {
        #expect(Layout(width: width, height: height, alertCount: 3, focused: .timeline).arrangement == expected)
    }

    @Test("Every size from 1×1 to 200×60 renders without a trap, inside the grid, no wide grapheme split")
    func sweep() {
        let script = Script.checkoutOutage()
        guard let state = script.state else { Issue.record("no state"); return }
        var sizes: [(Int, Int)] = []
        for width in stride(from: 0, through: 200, by: 7) { for height in stride(from: 0, through: 60, by: 5) { sizes.append((width, height)) } }
        sizes += [(1, 1), (2, 1), (1, 2), (23, 7), (24, 8), (59, 15), (60, 16), (99, 19), (100, 20), (200, 60)]
        for (width, height) in sizes {
            for pane in WarRoomModel.Pane.allCases {
                var model = WarRoomModel(incident: state, policy: .standard, now: script.now, author: "alice",
                                         width: width, height: height)
                model.focusedPane = pane
                let (grid, cursor) = WarRoomView.render(model)
                #expect(grid.width == width && grid.height == height)
                if let cursor { #expect(grid.contains(x: cursor.x, y: cursor.y), "\(width)x\(height): cursor outside") }
                for y in 0..<height {
                    #expect(!grid[0, y].isContinuation, "\(width)x\(height): a row starts with half a grapheme")
                    if width > 0, DisplayWidth.of(Character(grid[width - 1, y].text.isEmpty ? " " : grid[width - 1, y].text)) == 2 {
                        Issue.record("\(width)x\(height): a wide grapheme straddles the right edge on row \(y)")
                    }
                }
            }
        }
    }

    @Test("Below the minimum, a clear notice says so")
    func tooSmall() {
        let script = Script.checkoutOutage()
        guard let state = script.state else { Issue.record("the scripted incident has no state"); return }
        let model = WarRoomModel(incident: state, policy: .standard, now: script.now, author: "a", width: 22, height: 7)
        let lines = WarRoomView.render(model).grid.lines
        #expect(lines.contains { $0.contains("Terminal too small") })
        #expect(lines.contains { $0.contains("have 22×7") })
    }
}

extension LayoutTests {
    @Test("Room for a long notice shortens only the panes above the input line, never below a frame and a row",
          arguments: [(120, 40), (80, 24), (60, 16), (40, 12), (24, 8), (200, 60)], [2, 4, 30])
    func reserveAboveInput(_ size: (Int, Int), _ rows: Int) {
        for pane in WarRoomModel.Pane.allCases {
            let before = Layout(width: size.0, height: size.1, alertCount: 3, focused: pane)
            var after = before
            after.reserveAboveInput(rows)
            #expect(Set(after.panes.keys) == Set(before.panes.keys))
            for id in before.panes.keys {
                let (old, new) = (before[id], after[id])
                #expect(new.x == old.x && new.y == old.y && new.width == old.width)
                if old.maxY == before.input.y, !old.isEmpty {
                    #expect(new.height == max(min(old.height, 3), old.height - rows))
                } else {
                    #expect(new == old)
                }
                #expect(new.maxY <= before.input.y)
            }
            #expect(after.input == before.input && after.footer == before.footer && after.alerts == before.alerts)
        }
    }
}
