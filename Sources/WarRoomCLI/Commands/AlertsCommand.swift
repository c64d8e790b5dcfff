import ArgumentParser
import Foundation
import WarRoomAlertIntake
import WarRoomAlerts
import WarRoomConfig
import WarRoomCore
import WarRoomHTTP
import WarRoomText
#if canImport(Glibc)
import Glibc
#endif

/// `warroom alerts …`: alerts in, from Alertmanager, Grafana and PagerDuty.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "alerts", subcommands: [AlertsServe.self, AlertsIngest.self])
}

/// What `serve` and `ingest` share: the `[alerts]` config turned into the intake's policy and
/// secrets, and the intake on the session's store.
enum AlertsSetup {
    /// The `[alerts]` table of the config file (its problems were already printed by the session).
    static func config(environment: [String: String]) -> AlertsConfig {
        Config.load(environment: environment).config.alerts
    }

    static func policy(_ alerts: AlertsConfig) -> AlertPolicy {
        AlertPolicy(levels: alerts.levels, autoDeclare: alerts.autoDeclare, ignored: Set(alerts.ignored), unmapped: alerts.unmapped)
    }

    /// The intake on `session`'s store, recording as `--as` if given, else `[alerts] author`.
    static func intake(_ session: Session, alerts: AlertsConfig, authorOverride: String?, secrets: IntakeSecrets) -> AlertIntake {
        let environment = session.environment
        let intake = AlertIntake(store: session.store, policy: policy(alerts), corePolicy: session.policy,
                                 author: authorOverride ?? alerts.author, secrets: secrets,
                                 clock: { try SystemClock.now(environment: environment) })
        intake.routing = session.routing
        return intake
    }

    /// One printed line: sanitized, flushed (a supervisor or a test reads it as it comes).
    static func say(_ line: String) {
        print(Sanitizer.clean(line))
        fflush(nil)
    }

    static func warn(_ line: String) { WarRoomCLI.warn(line) }

    /// Whether `host` is this machine only.
    static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// `warroom alerts serve`: the webhook receiver, in the foreground until Ctrl-C or SIGTERM.
struct AlertsServe: ParsableCommand {
    static let configuration = CommandConfiguration(table: "alerts serve")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Where to listen, HOST:PORT (default: [alerts] listen, else 127.0.0.1:9095; port 0 picks a free one).",
                               valueName: "host:port"))
    var listen: String?
    @Flag(help: "Allow listening beyond this machine; needs [alerts] shared_secret, which every sender must then present.")
    var allowRemote = false

    func run() throws {
        // Blocked before any thread starts, so Ctrl-C and SIGTERM are taken by `sigtimedwait`
        // below (NIO's threads inherit the mask) and the receiver stops cleanly.
        var stopping = sigset_t()
        sigemptyset(&stopping)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stopping, signal) }
        pthread_sigmask(SIG_BLOCK, &stopping, nil)

        let environment = ProcessInfo.processInfo.environment
        let alerts = AlertsSetup.config(environment: environment)
        var host = alerts.listenHost, port = alerts.listenPort
        if let listen {
            guard let parsed = AlertsConfig.parseListen(listen) else {
                throw UserFacingError("--listen '\(listen)' is not HOST:PORT (such as 127.0.0.1:9095, or [::1]:9095); nothing was started")
            }
            (host, port) = parsed
        }
        let shared = alerts.sharedSecret?.resolve(environment)
        let remote = !AlertsSetup.isLoopback(host)
        if remote {
            guard allowRemote, shared != nil else {
                let missing = [allowRemote ? nil : "--allow-remote",
                               shared != nil ? nil : (alerts.sharedSecret.map { "the shared secret (\($0) is not set)" }
                                   ?? "a shared secret (shared_secret in [alerts]: inline in a config file of mode 0600, or \"env:VAR\")")]
                    .compactMap { $0 }
                throw UserFacingError("refusing to listen on \(host):\(port), which is reachable beyond this machine: that needs "
                    + "--allow-remote and a shared secret (shared_secret in [alerts]), which every sender must present as "
                    + "'Authorization: Bearer …' or an \(WebhookSignature.sharedSecretHeader) HMAC; missing: "
                    + missing.joined(separator: " and ") + "; nothing was started (listen on 127.0.0.1 to stay on this machine)")
            }
        }
        let pagerDuty = alerts.pagerDutySecret?.resolve(environment)
        if let credential = alerts.pagerDutySecret, pagerDuty == nil {
            AlertsSetup.warn("[alerts] pagerduty_secret is \(credential), which is not set: PagerDuty deliveries are refused (401) until it is")
        }
        let session = try Session(global)
        let intake = AlertsSetup.intake(session, alerts: alerts, authorOverride: global.author,
                                        secrets: IntakeSecrets(pagerDuty: pagerDuty.map { [$0] } ?? [], shared: shared,
                                                               requireShared: remote))
        let server: HTTPServer
        do {
            server = try HTTPServer(host: host, port: port) { request in
                let answer = intake.receive(method: request.method, path: request.path, headers: request.headers, body: request.body)
                let stamp = (try? SystemClock.now(environment: environment).iso8601) ?? ""
                AlertsSetup.say("\(stamp) \(AlertEntryText.oneLine(request.method, limit: 10)) "
                    + "\(AlertEntryText.oneLine(request.path, limit: 60)) \(answer.logLine)")
                let headers: [(name: String, value: String)] = [(name: "Content-Type", value: "application/json")] + answer.headers
                return OutgoingResponse(status: answer.status, headers: headers, body: answer.jsonBody)
            }
        } catch {
            throw UserFacingError("cannot listen on \(host):\(port): \(error); nothing was started")
        }
        let shown = host.contains(":") ? "[\(host)]:\(server.port)" : "\(host):\(server.port)"
        AlertsSetup.say("Receiving alerts on http://\(shown) (POST \(AlertFormat.allCases.map(\.path).joined(separator: ", "))) "
            + "into \(session.storeName) as \(intake.author)"
            + (remote ? "; every sender must present the shared secret" : "; loopback only")
            + (pagerDuty == nil ? "; PagerDuty deliveries are refused: no pagerduty_secret is set" : "")
            + ". Stop with Ctrl-C.")
        var timeout = timespec(tv_sec: 1, tv_nsec: 0)
        var received: Int32 = -1
        while received < 0 { received = sigtimedwait(&stopping, nil, &timeout) }
        server.close()
        AlertsSetup.say("Stopped receiving alerts.")
    }
}

/// `warroom alerts ingest`: one payload from a file or standard input, through the same intake.
struct AlertsIngest: ParsableCommand {
    static let configuration = CommandConfiguration(table: "alerts ingest")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The payload's format: \(AlertFormat.choices) (default: told from the payload).", valueName: "format"))
    var format: String?
    @Flag(help: "Decide and print what each alert would do, recording nothing.")
    var dryRun = false
    @Argument(help: ArgumentHelp("The payload file (default: standard input).", valueName: "file"))
    var file: String?

    func run() throws {
        let chosen: AlertFormat?
        do { chosen = try format.map { try AlertFormat.named($0) } } catch { throw UserFacingError("--format: \(error)") }
        let limits = AlertLimits()
        let body = try Self.read(file, limit: limits.maxBodyBytes)
        let environment = ProcessInfo.processInfo.environment
        let alerts = AlertsSetup.config(environment: environment)
        let detected = try chosen ?? Self.detect(body, limits: limits)
        let session = try Session(global)
        let intake = AlertsSetup.intake(session, alerts: alerts, authorOverride: global.author, secrets: IntakeSecrets())
        let answer = intake.receive(format: detected, headers: [], body: body, verified: true, dryRun: dryRun)
        for report in answer.alerts {
            AlertsSetup.say(AlertEntryText.oneLine(report.name, limit: 80) + (report.service.map { " on " + AlertEntryText.oneLine($0, limit: 60) } ?? "")
                + " (\(report.status.rawValue)): \(report.outcome.summary)")
        }
        guard answer.isSuccess else { throw UserFacingError(answer.message) }
        AlertsSetup.say((chosen == nil ? "\(detected.rawValue) payload: " : "") + answer.message)
    }

    /// The whole payload, refused past `limit` bytes without reading further.
    static func read(_ file: String?, limit: Int) throws -> [UInt8] {
        let handle: FileHandle
        if let file {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                throw UserFacingError("cannot read \(file): no such file, or not readable; nothing was recorded")
            }
            handle = opened
        } else {
            handle = FileHandle.standardInput
        }
        var bytes: [UInt8] = []
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 64 * 1024) ?? Data() } catch {
                throw UserFacingError("cannot read \(file ?? "standard input"): \(error); nothing was recorded")
            }
            if chunk.isEmpty { break }
            bytes += chunk
            if bytes.count > limit {
                throw UserFacingError("the payload is over the limit of \(limit) bytes; nothing was recorded")
            }
        }
        return bytes
    }

    /// The format a payload is in: the first that reads it (Alertmanager's version 4, then Grafana,
    /// then PagerDuty's `event`); none → each one's reason, and `--format` to say.
    static func detect(_ body: [UInt8], limits: AlertLimits) throws -> AlertFormat {
        var reasons: [String] = []
        for format in [AlertFormat.alertmanager, .grafana, .pagerduty] {
            do {
                _ = try format.parse(body, limits: limits)
                return format
            } catch let error {
                if case .notJSON = error { throw UserFacingError(error.description) }
                if case .empty = error { throw UserFacingError(error.description) }
                if case .tooDeep = error { throw UserFacingError(error.description) }
                reasons.append("as \(format.rawValue): \(error)")
            }
        }
        throw UserFacingError("the payload is in none of the formats (" + reasons.joined(separator: "; ")
            + "); name its format with --format \(AlertFormat.choices)")
    }
}
