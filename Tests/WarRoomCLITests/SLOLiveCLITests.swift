import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `slo status` with a Prometheus named (`--prometheus-url`, the config's `prometheus_url`): the
/// URL checked, and a server that cannot be reached said on stderr, the incident-based status
/// still printed, exit 2. (The figures from a real server: WarRoomPrometheusTests.)
@Suite struct SLOLiveCLITests {
    static let fixture = SLOCLITests.fixture

    /// A port on 127.0.0.1 nothing listens on (bound by the kernel's choice, then closed).
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("Unreachable: what failed on stderr (URL, query, answer), the incident-based lines still printed, exit 2")
    func unreachable() throws {
        let cli = try CLI(now: "2026-11-28T14:05:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "search is slow", "--severity", "SEV3", "--service", "search")
        let url = "http://127.0.0.1:\(Self.closedPort())"
        let result = try cli.run(["slo", "status", "--file", Self.fixture, "--prometheus-url", url])
        #expect(result.status == 2, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "checkout-api availability 99.95% over 30d: 0% of the 21m36s budget spent — Normal feature development", "\(result.out)")
        #expect(lines.dropFirst().first == "  live error ratio: no data over 5m, no data over 30m, no data over 1h, no data over 6h, no data over 30d", "\(result.out)")
        #expect(lines.contains("  page quiet: burn no data over 5m, no data over 1h (fires above 14.4× in both)"), "\(result.out)")
        #expect(lines.contains("  live budget: no data over 30d"))
        #expect(result.err.contains("warroom: Prometheus at \(url), query 1 - (sum(rate(http_requests_total{service=\"checkout-api\", status!~\"5..\"}[5m]))"),
                "\(result.err)")
        #expect(result.err.contains("127.0.0.1 refused the connection (nothing listening?)"), "\(result.err)")
        #expect(lines.contains("  live: not measured: checkout-api latency: SLI 'latency' compares its metric with a threshold, which is not a ratio of good events: "
            + "give good_event and valid_event as series selectors (such as the bucket at the threshold, x_bucket{le=\"0.4\"}, and x_count)"), "\(result.out)")
        #expect(lines.contains { $0.hasPrefix("  live: not measured: checkout-api correctness: its metric has no range selector such as [5m]") }, "\(result.out)")
        #expect(!result.err.contains("latency"), "said on its line, not twice: \(result.err)")
        #expect(result.err.contains("the live figures above are incomplete"), "\(result.err)")
        // The same under --json: the live part beside each status, the exit still 2.
        let json = try cli.run(["slo", "status", "--file", Self.fixture, "--prometheus-url", url, "--json"])
        #expect(json.status == 2)
        let statuses = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        let live = try #require(statuses.first?["live"] as? [String: Any])
        #expect(live["prometheus"] as? String == url && live["failed"] as? Bool == true && live["consumed"] is NSNull)
        #expect((live["windows"] as? [[String: Any]])?.map { $0["window"] as? String } == ["5m", "30m", "1h", "6h", "30d"])
        #expect(statuses.first?["tier"] as? String == "normal", "the incident-based figures are all there")
    }

    @Test("A bad --prometheus-url is refused before anything is read; a bad prometheus_url in the config is said with its line, and status is as without it")
    func badURLs() throws {
        let cli = try CLI(now: "2026-11-28T14:05:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "search is slow", "--severity", "SEV3", "--service", "search")
        let refused = try cli.fails("slo", "status", "--file", Self.fixture, "--prometheus-url", "ftp://prometheus:9090")
        #expect(refused.contains("--prometheus-url 'ftp://prometheus:9090' is not an http or https URL: give one such as http://prometheus:9090"), "\(refused)")
        let config = cli.directory.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "author = \"alice\"\nprometheus_url = \"prometheus:9090\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let result = try cli.run(["slo", "status", "--file", Self.fixture])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("config.toml:2: key 'prometheus_url': 'prometheus:9090' is not an http or https URL"), "\(result.err)")
        #expect(result.out.split(separator: "\n").count == 3 && !result.out.contains("live"), "\(result.out)")
    }
}
