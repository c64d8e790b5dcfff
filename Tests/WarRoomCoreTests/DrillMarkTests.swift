import Testing
import WarRoomCore
import WarRoomTestSupport

/// The drill runner's marks through `Incident.decide`: only a drill takes them, started once and
/// first, nothing after the end, indexes where needed; and what the fold keeps of them.
@Suite struct DrillMarkTests {
    static let started = DrillMark(action: .started, scenarioName: "small", scenarioFile: "small.yaml", scenarioText: "title: Small\n")

    static func drill(speed: Int? = 10) -> Scenario {
        var scenario = Scenario()
        scenario.must(.declare(Declaration(title: "Game day", severity: .sev2, isDrill: true, drillSpeed: speed.flatMap(DrillSpeed.init(factor:)))))
        return scenario
    }

    static func refusal(_ scenario: inout Scenario, _ mark: DrillMark) -> String? {
        do {
            _ = try scenario.run(.markDrill(mark), by: DrillMark.author)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a real incident refuses every mark; a drill takes started once, then the rest, and nothing after ended")
    func order() throws {
        var real = Scenario()
        real.must(.declare(Declaration(title: "Checkout errors", severity: .sev2)))
        #expect(Self.refusal(&real, Self.started)?.hasPrefix("INC-1 is not a drill") == true)
        var drill = Self.drill()
        #expect(Self.refusal(&drill, DrillMark(action: .injected, inject: 0)) == "the drill INC-1 has not started; nothing was recorded")
        #expect(Self.refusal(&drill, DrillMark(action: .started, scenarioName: "small")) == "a drill starts with its scenario's name and text; nothing was recorded")
        #expect(Self.refusal(&drill, Self.started) == nil)
        #expect(Self.refusal(&drill, Self.started) == "the drill INC-1 has already started; nothing was recorded")
        #expect(Self.refusal(&drill, DrillMark(action: .injected)) == "an inject mark names its inject; nothing was recorded")
        #expect(Self.refusal(&drill, DrillMark(action: .met, inject: 0)) == "an expectation mark names its inject and expectation; nothing was recorded")
        #expect(Self.refusal(&drill, DrillMark(action: .injected, inject: 0, offset: .minutes(2))) == nil)
        #expect(Self.refusal(&drill, DrillMark(action: .missed, inject: 0, expectation: 0, offset: .minutes(7))) == nil)
        #expect(Self.refusal(&drill, DrillMark(action: .ended, text: "over")) == nil)
        #expect(Self.refusal(&drill, DrillMark(action: .paused)) == "the drill INC-1 has ended; nothing was recorded")
        let record = try #require(drill.state?.drill)
        #expect(record.scenarioName == "small" && record.scenarioText == "title: Small\n" && record.endReason == "over")
        #expect(record.played(0) != nil && record.played(1) == nil && record.decided(inject: 0, expectation: 0)?.met == false)
        #expect(drill.state?.timeline.count == 1, "marks add no timeline row")
        let huge = DrillMark(action: .started, scenarioName: "big", scenarioText: String(repeating: "x", count: DrillMark.scenarioLimit + 1))
        var fresh = Self.drill()
        #expect(Self.refusal(&fresh, huge) == "the scenario's text is over 256 KB; nothing was recorded")
    }

    @Test("an offset is kept in whole seconds, as a span is stored (a pause at +00:12.345 is +00:12)")
    func wholeSeconds() {
        #expect(DrillMark(action: .paused, offset: TimeSpan(millis: 12_345)).offset == .seconds(12))
        #expect(DrillMark(action: .paused, offset: TimeSpan(millis: 999)).offset == .zero)
        #expect(DrillMark(action: .paused).offset == nil)
    }

    @Test("the speed is a drill's only: a real declaration drops it, and 1× is no pace")
    func speedOnlyForDrills() {
        #expect(Declaration(title: "real", severity: .sev1, drillSpeed: DrillSpeed(factor: 10)).drillSpeed == nil)
        #expect(Declaration(title: "drill", severity: .sev1, isDrill: true, drillSpeed: DrillSpeed(factor: 1)).drillSpeed == nil)
        #expect(Self.drill(speed: 10).state?.drillSpeed == DrillSpeed(factor: 10))
    }

    @Test("a drill at 10×: its defaults and typed timeboxes ten times shorter, the monitoring window too; a paced policy is not paced twice")
    func paced() throws {
        var drill = Self.drill()
        drill.must(.openHypothesis(text: "dns", owner: nil, timebox: nil))
        drill.must(.openHypothesis(text: "config", owner: nil, timebox: .minutes(10)))
        let hypotheses = try #require(drill.state?.hypotheses)
        #expect(hypotheses.map(\.timebox) == [.seconds(90), .minutes(1)])
        let state = try #require(drill.state)
        let once = Policy.standard.paced(for: state)
        #expect(once.paced(for: state) == once && once.hypothesisTimebox == .seconds(90) && once.sev2.updateCadence == .minutes(3))
        #expect(Policy.standard.paced(for: nil) == .standard)
        drill.must(.setStatus(.status(.monitoring), reason: nil, force: false))
        // 15 minutes of monitoring at 10× is 90 seconds: refused after 60, taken after 100.
        drill.now = drill.now + .seconds(60)
        #expect(throws: CommandError.self) { try drill.run(.setStatus(.status(.resolved), reason: nil, force: false)) }
        drill.now = drill.now + .seconds(40)
        drill.must(.setStatus(.status(.resolved), reason: nil, force: false))
        #expect(drill.state?.status == .resolved)
    }
}
