import Foundation
import WarRoomDevServer
import WarRoomCore
import Testing
import WarRoomHTTP
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway Prometheus for the tests, as `WarRoomDevServer` is for PostgreSQL: generated
/// series (OpenMetrics) written into blocks by `promtool tsdb create-blocks-from openmetrics` in a
/// temporary directory, then `prometheus` on a free loopback port with a config that scrapes
/// nothing, waited for at `/-/ready`. One server for the whole test process, stopped and removed
/// at exit (and by a watchdog shell if the process dies first).
///
/// Kept fast: promtool (2.42, Debian's) writes one block per two hours that hold a sample and has
/// no `--max-block-duration`, so the series are dense (one sample a minute) only over the last
/// 6 h, and sparse (one sample) at the start of the 1 d, 3 d and 30 d windows: 7 blocks in all,
/// and every window from 5 m to 30 d is covered at `TestPrometheus.at`.
final class TestPrometheus: @unchecked Sendable {
    /// The instant the series end at, which every query is asked at.
    static let at = Timestamp(iso8601: "2026-11-28T14:00:00Z")!

    let url: String
    let directory: String
    let process: Process
    /// How long generating, promtool and the start took (printed once, for the CI budget).
    let setupSeconds: Double

    /// Where `name` is on `PATH` (or in /usr/bin), nil when absent.
    static func binary(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Both binaries there (CI installs Debian's `prometheus`, which has both).
    static let available = binary("prometheus") != nil && binary("promtool") != nil
    static let skipReason: Comment = "prometheus and promtool are not installed (apt-get install --no-install-recommends prometheus); .ci/run installs them"

    /// The shared server, or why none could be started.
    static let shared: Result<TestPrometheus, TestPrometheusError> = {
        do {
            let server = try TestPrometheus()
            atexit { TestPrometheus.stopAtExit() }
            return .success(server)
        } catch let error as TestPrometheusError {
            return .failure(error)
        } catch {
            return .failure(TestPrometheusError("\(error)"))
        }
    }()

    static func running() throws -> TestPrometheus { try shared.get() }

    private static func stopAtExit() {
        if case .success(let server) = shared { server.stop() }
    }

    private init() throws {
        let started = Date()
        guard let prometheus = Self.binary("prometheus"), let promtool = Self.binary("promtool") else {
            throw TestPrometheusError("prometheus or promtool is not installed")
        }
        let base = FileManager.default.temporaryDirectory.path + "/warroom-prometheus-" + UUID().uuidString
        directory = base
        try FileManager.default.createDirectory(atPath: base + "/data", withIntermediateDirectories: true)
        let series = base + "/series.om"
        try Self.openMetrics().write(toFile: series, atomically: true, encoding: .utf8)
        let created = try Self.run(promtool, ["tsdb", "create-blocks-from", "openmetrics", "-q", series, base + "/data"], log: base + "/promtool.log")
        guard created == 0 else {
            throw TestPrometheusError("promtool failed (status \(created)): \(Self.read(base + "/promtool.log"))")
        }
        try "global:\n  scrape_interval: 1h\n".write(toFile: base + "/prometheus.yml", atomically: true, encoding: .utf8)
        let port = try Self.freePort()
        url = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: prometheus)
        process.arguments = ["--storage.tsdb.path=\(base)/data", "--web.listen-address=127.0.0.1:\(port)",
                             "--config.file=\(base)/prometheus.yml", "--storage.tsdb.retention.time=10y", "--log.level=warn"]
        FileManager.default.createFile(atPath: base + "/prometheus.log", contents: nil)
        let log = FileHandle(forWritingAtPath: base + "/prometheus.log")
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Stops it and removes the directory if this process dies without its atexit.
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; kill \(process.processIdentifier) 2>/dev/null; sleep 1; rm -rf '\(base)'"]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try? watchdog.run()
        let client = HTTPClient()
        var ready = false
        for _ in 0..<300 {
            if case .success(let answer) = client.send("GET", url + "/-/ready", headers: [], body: [], timeout: 2), answer.status == 200 {
                ready = true
                break
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        guard ready else {
            let said = Self.read(base + "/prometheus.log")
            if process.isRunning { process.terminate() }
            throw TestPrometheusError("prometheus did not become ready at \(url)/-/ready: \(said.suffix(2000))")
        }
        setupSeconds = Date().timeIntervalSince(started)
        print("TestPrometheus: ready at \(url) in \(String(format: "%.1f", setupSeconds)) s (\(Self.blockCount(base + "/data")) blocks)")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: The series

    /// Requests a minute on checkout-api, and the errors (status 500) of each stretch.
    static let perMinute = 1000.0
    /// The minute-intervals of the last hour: 1.5 % errors (burn 15 at 99.9 %).
    static let lastHourErrors = 15.0
    /// The five hours before: 0.05 % (burn 0.5).
    static let baselineErrors = 0.5
    /// The intervals ending at the sparse samples and the first dense one, oldest first: 27 d at
    /// 0.05 %, 2 d at 0.05 %, 18 h at 0.4 %.
    static let sparse: [(minutes: Double, errors: Double)] = [(38_880, 19_440), (2880, 1440), (1080, 4320)]

    /// The sample times, oldest first: T−30d+30s, T−3d+30s, T−1d+30s, then every minute from
    /// T−5h59m30s to T−30s (none on a window's edge, so no boundary rule matters).
    static func sampleTimes() -> [Int64] {
        let end = at.millis / 1000
        var times = [end - 30 * 86_400 + 30, end - 3 * 86_400 + 30, end - 86_400 + 30]
        times += (0..<360).reversed().map { end - 30 - Int64($0) * 60 }
        return times
    }

    /// Two counters per service (status 200 and 500) in OpenMetrics; search is half errors, to
    /// show the selector's labels are what counts.
    static func openMetrics() -> String {
        let times = sampleTimes()
        // Requests and errors in the interval ending at each sample (none before the first).
        var intervals: [(requests: Double, errors: Double)] = [(0, 0)]
        for (minutes, errors) in sparse { intervals.append((minutes * perMinute, errors)) }
        // The first dense sample follows the 18 h interval; then 359 one-minute intervals, the
        // last 60 of them (ending at T−59m30s … T−30s) in the last hour's stretch.
        for k in (0..<359).reversed() { intervals.append((perMinute, k < 60 ? lastHourErrors : baselineErrors)) }
        precondition(intervals.count == times.count)
        var out = "# TYPE http_requests counter\n# HELP http_requests Requests served.\n"
        for (service, share) in [("checkout-api", nil as Double?), ("search", 0.5)] {
            for status in ["200", "500"] {
                var total = 1e7
                for (time, interval) in zip(times, intervals) {
                    let errors = share.map { interval.requests * $0 } ?? interval.errors
                    total += status == "500" ? errors : interval.requests - errors
                    out += "http_requests_total{service=\"\(service)\",status=\"\(status)\"} \(String(format: "%.1f", total)) \(time)\n"
                }
            }
        }
        return out + "# EOF\n"
    }

    // MARK: Processes and ports

    static func run(_ executable: String, _ arguments: [String], log: String) throws -> Int32 {
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = FileHandle(forWritingAtPath: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? handle?.close()
        return process.terminationStatus
    }

    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    static func blockCount(_ data: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).filter { $0.hasPrefix("01") }.count
    }

    /// A free TCP port on 127.0.0.1, as the kernel picks one (the PostgreSQL dev server's).
    static func freePort() throws -> Int { try PostgresDevServer.freePort() }
}

struct TestPrometheusError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
