import Foundation
import WarRoomApp
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport
import WarRoomUI
import WarRoomScreen

/// One war room run in process, as swift-composable-architecture's TestStore runs a feature:
/// a fake terminal plays keys and clock steps, a store in memory answers (or fails), and every
/// message with the effects the model returned is kept, with every frame drawn.
final class RuntimeHarness {
    let store: MemoryEventStore
    let clock: FakeClock
    /// The state directory (drafts) and the folder for update copies, removed by `cleanUp`.
    let directory: String
    var stateDirectory: String
    var readOnly = false
    var startNotice: String?
    /// Sets what else the run needs (runbooks, a command runner) before it starts.
    var configure: ((inout WarRoomRuntime.Setup) -> Void)?
    /// Every message the model got, with the effects it returned, in order.
    private(set) var trace: [(message: Message, effects: [Effect])] = []
    /// The monotonic time of each poll the runtime asked for.
    private(set) var pollTimes: [Int64] = []
    private(set) var terminal: FakeTerminal?

    /// A harness on a SEV2 declared at t0, opened ten minutes later.
    init(pinnedClock: Bool = false) {
        let declared = Scenario.declared(.sev2, title: "Checkout errors")
        store = MemoryEventStore(declared.events)
        clock = FakeClock(wall: t0 + .minutes(10), pinned: pinnedClock)
        directory = NSTemporaryDirectory() + "warroom-runtime-\(UUID().uuidString.prefix(8))"
        stateDirectory = directory + "/state"
    }

    var updatesDirectory: String { directory + "/updates" }
    var drafts: DraftStore { DraftStore(stateDirectory: stateDirectory, store: store.identity) }

    /// Runs the war room on INC-1 through `script` (flattened) until it ends.
    func run(_ script: [[FakeTerminal.Step]], size: (width: Int, height: Int) = (100, 30)) throws -> WarRoomRuntime.Outcome {
        let terminal = FakeTerminal(script.flatMap { $0 }, clock: clock, size: size)
        self.terminal = terminal
        let clock = self.clock
        var setup = WarRoomRuntime.Setup(
            store: store, incident: "INC-1", author: "carol", policy: .standard, theme: Theme(name: "plain", styles: [:]),
            noColor: false, readOnly: readOnly, drafts: drafts, log: nil, startNotice: startNotice,
            updatesDirectory: updatesDirectory, clock: { clock.wall }, monotonicMillis: { clock.monotonic },
            openTerminal: { terminal },
            observe: { [unowned self] message, effects in
                trace.append((message, effects))
                if message == .pollDue { pollTimes.append(clock.monotonic) }
            })
        configure?(&setup)
        return try WarRoomRuntime(setup).run()
    }

    /// The trace without the clock's ticks and the polls that found nothing to do (the idle
    /// rhythm, which the pacing tests check on their own).
    var eventful: [(message: Message, effects: [Effect])] {
        trace.filter { entry in
            switch entry.message {
            case .tick: false
            case .pollDue: entry.effects != [.readStore(evenIfUnchanged: false)]
            // The links' bookkeeping (looked up at the start and after others write): LinkRuntimeTests'.
            case .othersWrote, .linksLookedUp: false
            default: true
            }
        }
    }

    /// The events of INC-1 in the store.
    var storedEvents: [Event] { (store.stored["INC-1"] ?? []).map(\.event) }

    /// The last screen drawn, as text.
    var screen: String { (terminal?.screen ?? []).joined(separator: "\n") }

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }
}

/// A trace entry, for exact comparisons.
struct Step: Equatable, CustomStringConvertible {
    var message: Message
    var effects: [Effect]
    init(_ message: Message, _ effects: [Effect]) {
        self.message = message
        self.effects = effects
    }
    var description: String { "\(message) → \(effects)" }
}

extension Array where Element == (message: Message, effects: [Effect]) {
    var steps: [Step] { map { Step($0.message, $0.effects) } }
}
