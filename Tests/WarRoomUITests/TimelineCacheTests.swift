import Testing
import WarRoomCore
@testable import WarRoomUI

/// The timeline keeps the rows it has laid out. Whatever it keeps, a frame must equal the frame
/// of a war room opened afresh on the same state: these tests change what a cached row shows
/// and compare.
@Suite("Timeline row cache")
struct TimelineCacheTests {
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
        let warm = WarRoomView.render(model).grid, cold = WarRoomView.render(fresh(model)).grid
        // Text first (a readable difference), then every cell's role too.
        #expect(warm.lines == cold.lines, comment, sourceLocation: sourceLocation)
        let sameCells = warm == cold
        #expect(sameCells, comment, sourceLocation: sourceLocation)
    }

    @Test("An amended or retracted entry is laid out again, not drawn from the cache")
    func changedEntries() throws {
        var m = model()
        _ = WarRoomView.render(m) // lays out every row
        let entry = try #require(m.incident.timeline.last { $0.kind == .decision })
        try record(.amend(entry: entry.id, text: "Freeze deploys to checkout only"), into: &m, id: 500)
        #expect(WarRoomView.render(m).grid.lines.joined().contains("Freeze deploys to checkout only (amended)"))
        expectSameAsFresh(m, "after an amendment")
        try record(.retract(entry: entry.id, reason: "wrong service"), into: &m, id: 501)
        #expect(WarRoomView.render(m).grid.lines.joined().contains("[retracted]"))
        expectSameAsFresh(m, "after a retraction")
    }

    @Test("A new width, a filter and scrolling draw what a fresh war room draws")
    func widthFilterScroll() throws {
        var m = model()
        for n in 0..<60 { try record(.log(Entry(kind: .note, text: "checking pool \(n) of the 日本語 replicas")), into: &m, id: 600 + n) }
        _ = WarRoomView.render(m)
        for (width, height) in [(80, 24), (200, 60), (47, 20), (120, 40)] {
            _ = m.update(.input(.resize(width: width, height: height)))
            expectSameAsFresh(m, "at \(width)×\(height)")
        }
        _ = m.update(.input(.key(.pageUp)))
        #expect(m.scrollBack > 0)
        expectSameAsFresh(m, "scrolled back")
        m.filter = TimelineFilter(text: nil, kind: .finding)
        expectSameAsFresh(m, "filtered")
    }

    @Test("The cache holds at most its capacity, however far back the timeline is read")
    func bounded() throws {
        var script = Script.checkoutOutage()
        for n in 0..<(TimelineRowCache.capacity + 300) {
            script.run(.log(Entry(kind: .note, text: "entry \(n)")), by: "bob")
        }
        var m = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
        _ = m.update(.input(.key(.escape))) // navigation mode
        _ = m.update(.input(.key(.home)))    // the oldest row
        #expect(m.scrollBack > TimelineRowCache.capacity)
        _ = WarRoomView.render(m)
        #expect(m.timelineRows.count > 0)
        #expect(m.timelineRows.count <= TimelineRowCache.capacity)
        expectSameAsFresh(m, "at the oldest row")
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
