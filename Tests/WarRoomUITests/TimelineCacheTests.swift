import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// The timeline keeps the rows it has laid out. Whatever it keeps, a frame must equal the frame
/// of a war room opened afresh on the same state: these tests change what a cached row shows
/// and compare.
@Suite("Timeline row cache")
struct TimelineCacheTests {
    /// The memo a runtime keeps for its war room, given to every frame and key of a test.
    let rows = TimelineRowCache()

    func model(width: Int = 120, height: Int = 40) -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: width, height: height)
    }

    /// The same state, screen and keys in a war room with nothing laid out yet.
    func fresh(_ model: WarRoomModel) -> WarRoomModel {
        var copy = WarRoomModel(incident: model.incident, policy: model.policy, now: model.now, author: model.author,
                                width: model.width, height: model.height)
        copy.filter = model.filter
        copy.mode = model.mode
        copy.scrollBack = model.scrollBack
        return copy
    }

    /// Records `command` as `author` and hands the events to the model, as the runtime does.
    func record(_ command: Command, into model: inout WarRoomModel, id: Int) throws {
        let events = try Incident.record(command, incident: model.incident.id, state: model.incident, author: "carol",
                                         at: model.now, now: model.now, policy: .standard, makeID: { testID(id) })
        _ = model.update(.events(events))
    }

    func expectSameAsFresh(_ model: WarRoomModel, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
        let warm = WarRoomView.render(model, rows: rows).grid, cold = WarRoomView.render(fresh(model)).grid
        // Text first (a readable difference), then every cell's role too.
        #expect(warm.lines == cold.lines, comment, sourceLocation: sourceLocation)
        let sameCells = warm == cold
        #expect(sameCells, comment, sourceLocation: sourceLocation)
    }

    @Test("An amended or retracted entry is laid out again, not drawn from the cache")
    func changedEntries() throws {
        var m = model()
        _ = WarRoomView.render(m, rows: rows) // lays out every row
        let entry = try #require(m.incident.timeline.last { $0.kind == .decision })
        try record(.amend(entry: entry.id, text: "Freeze deploys to checkout only"), into: &m, id: 500)
        #expect(WarRoomView.render(m, rows: rows).grid.lines.joined().contains("Freeze deploys to checkout only (amended)"))
        expectSameAsFresh(m, "after an amendment")
        try record(.retract(entry: entry.id, reason: "wrong service"), into: &m, id: 501)
        #expect(WarRoomView.render(m, rows: rows).grid.lines.joined().contains("[retracted: wrong service]"))
        expectSameAsFresh(m, "after a retraction")
    }

    @Test("A posted update, and a new UTC day, draw what a fresh war room draws")
    func updatesAndMidnight() throws {
        var m = model()
        try record(.postUpdate(audience: .executives, text: "[SEV1] Checkout down\n\nStatus: investigating"), into: &m, id: 700)
        _ = WarRoomView.render(m, rows: rows)
        let posted = try #require(m.incident.timeline.last { $0.kind == .update })
        let lines = WarRoomView.render(m, rows: rows).grid.lines
        #expect(lines.contains { $0.contains("#\(posted.number) ") && $0.contains("to executives: [SEV1] Checkout down") },
                "\(lines.joined(separator: "\n"))")
        expectSameAsFresh(m, "after an update")
        // Past midnight UTC every row is from another day: dated, not drawn from the cache.
        _ = WarRoomView.render(m, rows: rows)
        m.now = m.now.startOfDay + .hours(24) + .minutes(5)
        let screen = WarRoomView.render(m, rows: rows).grid.lines.joined(separator: "\n")
        #expect(screen.contains("Nov 28 14:12:00"), "\(screen)")
        expectSameAsFresh(m, "after midnight")
    }

    @Test("A new width, a filter and scrolling draw what a fresh war room draws")
    func widthFilterScroll() throws {
        var m = model()
        for n in 0..<60 { try record(.log(Entry(kind: .note, text: "checking pool \(n) of the 日本語 replicas")), into: &m, id: 600 + n) }
        _ = WarRoomView.render(m, rows: rows)
        for (width, height) in [(80, 24), (200, 60), (47, 20), (120, 40)] {
            _ = m.update(.input(.resize(width: width, height: height)), rows: rows)
            expectSameAsFresh(m, "at \(width)×\(height)")
        }
        _ = m.update(.input(.key(.pageUp)), rows: rows)
        #expect(m.scrollBack > 0)
        expectSameAsFresh(m, "scrolled back")
        m.filter = TimelineFilter(text: nil, kind: .finding)
        expectSameAsFresh(m, "filtered")
    }

    @Test("Scrolled to the oldest of 3,000 entries, rows are drawn only for the screen; the frame equals a fresh one")
    func deepScroll() throws {
        var script = Script.checkoutOutage()
        for n in 0..<3_000 { script.run(.log(Entry(kind: .note, text: "entry \(n)")), by: "bob") }
        var m = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
        _ = WarRoomView.render(m, rows: rows)
        _ = m.update(.input(.key(.escape)), rows: rows) // navigation mode
        _ = m.update(.input(.key(.home)), rows: rows)    // the oldest row
        #expect(m.scrollBack > 2_900)
        let screen = WarRoomView.render(m, rows: rows).grid.lines.joined(separator: "\n")
        #expect(screen.contains("Declared SEV2") && !screen.contains("entry 2999"))
        #expect(rows.counted > 3_000, "every item between the newest and the screen was counted")
        #expect(rows.drawn.items < 100, "only the items on screen (now and at the start) were drawn")
        expectSameAsFresh(m, "at the oldest row")
        _ = m.update(.input(.key(.pageDown)), rows: rows)
        expectSameAsFresh(m, "a page later")
    }

    @Test("Pasted logs of thousands of rows: the drawn cells stay within the budget, the screen right")
    func cellBudget() throws {
        var script = Script.checkoutOutage()
        let log = (0..<3_000).map { "line \($0)" }.joined(separator: "\n") // ~1,600 rows shown of each
        for n in 0..<12 { script.run(.log(Entry(kind: .note, text: "paste \(n)\n" + log)), by: "bob") }
        var m = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
        for step in 0..<60 {
            for _ in 0..<10 { _ = m.update(.input(.key(.pageUp)), rows: rows) } // ~330 rows further back each time
            _ = WarRoomView.render(m, rows: rows)
            #expect(rows.drawn.cells <= 2 * TimelineRowCache.cellBudget)
            if step % 20 == 19 { expectSameAsFresh(m, "\(m.scrollBack) rows back") }
        }
        #expect(rows.drawn.cells > TimelineRowCache.cellBudget / 2, "what recent frames drew is kept")
    }

    @Test("An entry taller than the whole budget is kept, not laid out again every frame")
    func tallEntry() throws {
        var script = Script.checkoutOutage()
        script.run(.log(Entry(kind: .note, text: "paste" + String(repeating: "\n", count: 16_000))), by: "bob")
        var m = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
        _ = WarRoomView.render(m, rows: rows)
        #expect(rows.drawn.cells > TimelineRowCache.cellBudget, "the tall entry's rows are kept")
        m.now = m.now + .seconds(1)
        expectSameAsFresh(m, "the next second")
        _ = m.update(.input(.key(.pageUp)), rows: rows)
        expectSameAsFresh(m, "a page up")
    }

    @Test("Two generations: a full one is kept as the previous; what is found there comes back; a changed item is a miss")
    func generations() throws {
        let items = try (0..<4).map { n in try #require(Script.checkoutOutage().state?.timeline[n]) }
        var memo = Generations<String>(budget: 2)
        memo.insert("a", for: items[0], width: 80, weight: 1)
        memo.insert("b", for: items[1], width: 80, weight: 1)
        memo.insert("c", for: items[2], width: 80, weight: 1) // the first generation is full: a and b become the previous one
        #expect(memo.count == 3 && memo.weight == 3)
        var amended = items[0]
        amended.text += " (edited)"
        #expect(memo.value(for: amended, width: 80) == nil, "changed since it was kept")
        #expect(memo.value(for: items[1], width: 81) == nil, "another width")
        #expect(memo.value(for: items[2], width: 80) == "c")
        memo.insert("b", for: items[1], width: 80, weight: 1)
        memo.insert("d", for: items[3], width: 80, weight: 1) // c and b become the previous generation
        #expect(memo.value(for: items[2], width: 80) == "c", "found in the previous generation, moved back")
        #expect(memo.count <= 4 && memo.weight <= 2 * memo.budget)
        memo.insert("huge", for: items[0], width: 80, weight: 3)
        #expect(memo.value(for: items[0], width: 80) == "huge", "heavier than the budget: kept, in a generation of its own")
        #expect(memo.weight <= 3 + 2, "with the generation before it")
    }
}

@Suite("Placing laid-out rows")
struct PlaceTests {
    /// A row laid out by `put` on a grid of its own.
    func laidOut(_ text: String, width: Int) -> [Cell] {
        var row = Grid(width: width, height: 1)
        let used = row.put(text, x: 0, y: 0, role: .note)
        return Array(row.cells.prefix(used))
    }

    @Test("Placing a row draws what putting its text there draws", arguments: [0, 3, 7])
    func sameAsPut(_ x: Int) {
        let text = "ab日本 café 👩‍💻 z"
        var placed = Grid(width: 30, height: 2), put = Grid(width: 30, height: 2)
        placed.place(laidOut(text, width: 30), x: x, y: 1)
        put.put(text, x: x, y: 1, role: .note)
        #expect(placed == put)
    }

    @Test("Clipped at either edge, a wide grapheme cut in half becomes a blank")
    func clipping() {
        let row = laidOut("日本x", width: 10) // 日 continuation 本 continuation x
        var right = Grid(width: 5, height: 1)
        right.place(row, x: 2, y: 0) // 本 would straddle the right edge
        #expect(right.rowText(0) == "  日 ")
        #expect(!right[4, 0].isContinuation)
        var left = Grid(width: 5, height: 1)
        left.place(row, x: -1, y: 0) // 日 cut on the left
        #expect(left.rowText(0) == " 本x ")
        #expect(!left[0, 0].isContinuation)
        var outside = Grid(width: 5, height: 1)
        outside.place(row, x: 0, y: 3)
        outside.place(row, x: 9, y: 0)
        outside.place(row, x: -9, y: 0)
        #expect(outside == Grid(width: 5, height: 1))
    }
}
