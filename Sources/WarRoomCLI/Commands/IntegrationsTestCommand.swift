import ArgumentParser
import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomHTTP
import WarRoomIntegrations
import WarRoomOutbox
import WarRoomText

/// `warroom integrations test NAME [--dry-run]`: the destination's harmless test message, sent now
/// (not through the outbox: nothing is recorded), and what it answered.
struct IntegrationsTest: ParsableCommand {
    static let configuration = CommandConfiguration(table: "integrations test")
    @Argument(help: "The destination: NAME of its [integrations.NAME] table.") var name: String
    @Flag(help: "Print the exact request (credentials as ***) and send nothing.") var dryRun = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let load = Config.load(environment: environment)
        for problem in load.diagnostics where problem.table?.hasPrefix("integrations") == true {
            FileHandle.standardError.write(Data(("warroom: config: " + Sanitizer.clean(problem.description) + "\n").utf8))
        }
        let catalog = DestinationCatalog(integrations: load.config.integrations, environment: environment)
        let secrets = catalog.secretValues
        func clean(_ text: String) -> String { Sanitizer.clean(Redaction.scrub(text, secrets: secrets), newlines: .keep) }
        let destination: Destination
        switch catalog.destination(named: name) {
        case .success(let found): destination = found
        case .failure(let problem): throw UserFacingError(clean(problem.description) + "; nothing was sent")
        }
        let now = try SystemClock.now(environment: environment)
        let notice = Self.notice(at: now, by: load.config.author ?? environment["USER"])
        let requests: [OutboundRequest]
        do {
            switch try destination.plan(for: notice) {
            case .send(let planned): requests = planned
            case .skip(let reason): throw UserFacingError(clean("integrations.\(destination.name) has no test message: \(reason)"))
            }
        } catch let error as OutboundError {
            throw UserFacingError(clean(error.description) + "; nothing was sent")
        }
        if dryRun {
            print(clean("# integrations test \(destination.name) (\(destination.type.rawValue)): would send \(requests.count) request"
                        + (requests.count == 1 ? "" : "s")))
            for request in requests { print(clean(request.description) + "\n") }
            return
        }
        let client = HTTPClient()
        for request in requests {
            let verdict: DeliveryVerdict
            switch client.send(request, timeout: OutboxWorker.defaultRequestTimeout) {
            case .answer(let status, let headers, let body):
                verdict = destination.classify(status: status, headers: headers, body: body, now: now)
            case .failure(let failure):
                verdict = destination.classify(failure)
            }
            switch verdict {
            case .delivered:
                continue
            case .retry(_, let reason), .failed(let reason):
                throw UserFacingError(clean("integrations.\(destination.name): the test was not delivered: \(reason)"))
            }
        }
        print(clean("integrations.\(destination.name) (\(destination.type.displayName)): the test message was delivered"
                    + " to \(destination.host)"))
    }

    /// The test notice: about no incident, so every destination's test payload says so.
    static func notice(at now: Timestamp, by person: String?) -> OutboundNotice {
        let incident = IncidentSnapshot(id: "TEST", title: "warroom integration test", severity: .sev4, status: .investigating,
                                        commander: person)
        return OutboundNotice(incident: incident, kind: .test, at: now, storeIdentity: "warroom-integrations-test",
                              eventID: UUID().uuidString.lowercased())
    }
}
