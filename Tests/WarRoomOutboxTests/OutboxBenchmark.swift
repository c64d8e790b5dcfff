import Foundation
import Testing
import WarRoomCore
import WarRoomHTTP
import WarRoomOutbox

/// The drain benchmark (issue 13): 1,000 queued deliveries against a loopback receiver, beside
/// 1,000 bare POSTs with the same client measured in the same run. Off unless WARROOM_BENCH=1 (it
/// asserts no speed; the figures are printed for NOTES-outbox.md / BENCHMARKS.md):
/// `WARROOM_BENCH=1 swift test --skip-build --filter OutboxBenchmark`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["WARROOM_BENCH"] == "1"))
struct OutboxBenchmark {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Queues `updates` engineering updates to `hooks` webhook destinations (plus the declaration).
    func queued(hooks: Int, updates: Int, receiver: Receiver) throws -> Harness {
        var config = ""
        for index in 0..<hooks {
            config += "[integrations.hook\(index)]\ntype = \"webhook\"\nurl = \"\(receiver.url("/h\(index)"))\"\nsecret = \"s\"\n"
                + "events = [\"declared\", \"status_update\"]\n\n"
        }
        let harness = try Harness(config: config)
        try harness.declare()
        for index in 0..<updates { try harness.record(.postUpdate(audience: .engineering, text: "update \(index)")) }
        return harness
    }

    /// Passes until nothing is due; sleeps for the spacing a pass reports.
    func drain(_ worker: OutboxWorker, _ incident: IncidentID) throws {
        while true {
            let pass = try worker.pass(incident: incident)
            if pass.handled.isEmpty {
                guard let wait = pass.held.map(\.readyIn).min() else { return }
                usleep(UInt32(clamping: max(wait.millis, 1) * 1000))
            }
        }
    }

    @Test("Drain 1,000 deliveries: one destination unspaced, ten at the webhook spacing; 1,000 bare POSTs")
    func drain() throws {
        let receiver = try Receiver()
        let client = HTTPClient()
        let bare = try Self.seconds {
            for index in 0..<1_000 {
                _ = client.send("POST", receiver.url("/bare"), headers: [("Content-Type", "application/json")],
                                body: Array("{\"n\":\(index)}".utf8), timeout: 10)
            }
        }
        let one = try queued(hooks: 1, updates: 999, receiver: receiver)
        #expect(one.outbox.deliveries.count == 1_000)
        let unspaced = try one.worker(spacing: { _ in .zero })
        let oneSeconds = try Self.seconds { try drain(unspaced, one.incident) }
        #expect(one.outbox.undelivered.isEmpty)

        let ten = try queued(hooks: 10, updates: 99, receiver: receiver)
        #expect(ten.outbox.deliveries.count == 1_000)
        let spaced = try ten.worker(spacing: { $0.minimumSpacing })
        let tenSeconds = try Self.seconds { try drain(spaced, ten.incident) }
        #expect(ten.outbox.undelivered.isEmpty)

        let report = """
            outbox drain benchmark (\(ProcessInfo.processInfo.hostName), \(ProcessInfo.processInfo.activeProcessorCount) cores, debug build)
            reference: 1000 bare POSTs, HTTPClient, loopback: \(String(format: "%.2f", bare)) s (\(String(format: "%.0f", 1000 / bare))/s)
            1000 deliveries, 1 webhook destination, no spacing: \(String(format: "%.2f", oneSeconds)) s (\(String(format: "%.0f", 1000 / oneSeconds))/s)
            1000 deliveries, 10 webhook destinations, webhook spacing 100 ms each: \(String(format: "%.2f", tenSeconds)) s (\(String(format: "%.0f", 1000 / tenSeconds))/s; the spacing allows at most 100/s)
            """
        print(report)
        try report.write(toFile: "/tmp/warroom-outbox-bench.txt", atomically: true, encoding: .utf8)
    }
}
