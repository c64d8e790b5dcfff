import Foundation
import Testing

/// `warroom store dev-server`: starts a server whose printed URL works, stops it on SIGINT/SIGTERM
/// (removing a temporary directory, keeping a given one), and leaves nothing running when killed.
@Suite("CLI store dev-server", .serialized)
struct StoreDevServerCLITests {
    /// A running `warroom store dev-server`, its output going to a file that is read as it grows.
    final class Running {
        let process = Process()
        let output: String

        init(_ cli: CLI, _ arguments: [String]) throws {
            output = cli.directory.appendingPathComponent("dev-server-\(UUID().uuidString.prefix(6)).out").path
            FileManager.default.createFile(atPath: output, contents: nil)
            process.executableURL = CLI.binary
            process.arguments = ["store", "dev-server"] + arguments
            process.environment = cli.environment
            process.standardOutput = FileHandle(forWritingAtPath: output)
            process.standardError = process.standardOutput
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var text: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }

        /// The printed `WARROOM_STORE` URL, once the server is up (nil if the command ended first).
        func url() -> String? {
            for _ in 0..<600 {
                if let line = text.split(separator: "\n").first(where: { $0.contains("export WARROOM_STORE='") }),
                   let start = line.range(of: "'"), let end = line.range(of: "'", options: .backwards), start.upperBound < end.lowerBound {
                    return String(line[start.upperBound..<end.lowerBound])
                }
                guard process.isRunning else { return nil }
                usleep(100_000)
            }
            return nil
        }

        /// The data directory it printed.
        var directory: String? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Its data is in ") }) else { return nil }
            let rest = line.dropFirst("Its data is in ".count)
            return rest.firstIndex(of: ",").map { String(rest[..<$0]) } ?? String(rest.prefix { $0 != " " })
        }

        func stop(_ signal: Int32) {
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
        }

        deinit { if process.isRunning { stop(SIGKILL) } }
    }

    /// psql with a connection URL: the password is the URL's, as a user would paste it.
    static func psql(_ url: String, _ sql: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-A", "-t", "-w", "-c", sql, url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether any postgres process serves `directory`.
    static func serverRuns(in directory: String) -> Bool {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.contains { pid in
            guard Int(pid) != nil, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains("postgres") && line.contains(directory + "/data")
        }
    }

    @Test("The printed URL reaches database warroom; SIGINT and SIGTERM stop it and remove its temporary directory",
          arguments: [SIGINT, SIGTERM])
    func tryOut(signal: Int32) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let running = try Running(cli, [])
        let url = try #require(running.url(), "no URL printed: \(running.text)")
        #expect(url.hasPrefix("postgresql://") && url.hasSuffix("/warroom"))
        let directory = try #require(running.directory, "\(running.text)")
        #expect(running.text.contains("removed when it stops"))
        #expect(running.text.contains("holds the password"), "the password in the URL is said so")
        let answer = try Self.psql(url + "?sslmode=disable", "SELECT current_database()")
        #expect(answer.status == 0 && answer.output == "warroom", "\(answer.output)")
        running.stop(signal)
        #expect(running.process.terminationStatus == 0, "\(running.text)")
        #expect(running.text.contains("Stopped; \(directory) was removed."), "\(running.text)")
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(!Self.serverRuns(in: directory))
    }

    @Test("--dir keeps the data: run again, the same URL finds it")
    func keptDirectory() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let directory = "/tmp/warroom-pg-cli-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try Running(cli, ["--dir", directory])
        let url = try #require(first.url(), "\(first.text)")
        #expect(first.text.contains("is kept when it stops"))
        #expect(try Self.psql(url + "?sslmode=disable", "CREATE TABLE kept (x int); INSERT INTO kept VALUES (41)").status == 0)
        first.stop(SIGINT)
        #expect(first.text.contains("its data is kept in \(directory)"), "\(first.text)")
        #expect(FileManager.default.fileExists(atPath: directory + "/data/PG_VERSION"))
        #expect(!Self.serverRuns(in: directory))

        let second = try Running(cli, ["--dir", directory])
        #expect(second.url() == url, "same port and password: \(second.text)")
        #expect(second.text.contains("started again with its data"))
        #expect(try Self.psql(url + "?sslmode=disable", "SELECT x + 1 FROM kept").output == "42")
        second.stop(SIGTERM)
    }

    @Test("Killed outright, its watchdog still stops the server and removes the directory")
    func killed() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let running = try Running(cli, ["--tls"])
        let url = try #require(running.url(), "\(running.text)")
        #expect(url.contains("sslmode=verify-full") && url.contains("sslrootcert="))
        #expect(try Self.psql(url, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").output == "t")
        let directory = try #require(running.directory)
        running.stop(SIGKILL)
        var waited = 0
        while (Self.serverRuns(in: directory) || FileManager.default.fileExists(atPath: directory)) && waited < 300 {
            usleep(100_000)
            waited += 1
        }
        #expect(!Self.serverRuns(in: directory), "the server outlived its warroom")
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test("Bad options are refused with what is accepted", arguments: [
        (["--port", "0"], "not a TCP port"),
        (["--port", "x"], "--port"),
        (["--dir", ""], "--dir needs a directory"),
    ])
    func badOptions(arguments: [String], message: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["store", "dev-server"] + arguments)
        #expect(result.status != 0)
        #expect(result.err.contains(message), "\(result.err)")
    }
}
