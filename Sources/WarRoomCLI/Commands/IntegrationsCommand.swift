import ArgumentParser
import Foundation
import WarRoomConfig
import WarRoomText

/// `warroom integrations …`: the destinations of the outbox.
struct IntegrationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "integrations", subcommands: [IntegrationsList.self, IntegrationsTest.self, IntegrationsReceive.self])
}

/// `warroom integrations list`: what the config file sets up, secrets never shown.
struct IntegrationsList: ParsableCommand {
    static let configuration = CommandConfiguration(table: "integrations list")

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let load = Config.load(environment: environment)
        let problems = load.diagnostics.filter { $0.table?.hasPrefix("integrations") == true }
        for problem in load.diagnostics {
            try? FileHandle.standardError.write(contentsOf: Data(("warroom: config: " + Sanitizer.clean(problem.description) + "\n").utf8))
        }
        let integrations = load.config.integrations
        if integrations.isEmpty {
            print("No destinations configured" + (load.path.map { " in \(Sanitizer.clean($0))" } ?? "")
                  + ": add [integrations.NAME] tables to \(Sanitizer.clean(Config.paths(environment: environment).config)) (see the README).")
        }
        var unset: [String] = []
        for integration in integrations {
            print(IntegrationListing.describe(integration, environment: environment))
            unset += IntegrationListing.unsetVariables(integration, environment: environment).map { "\($0) (\(integration.name))" }
        }
        if !unset.isEmpty {
            try? FileHandle.standardError.write(contentsOf: Data(("warroom: environment variables not set: " + Sanitizer.clean(unset.joined(separator: ", "))
                                                 + "; deliveries to those destinations fail until they are set\n").utf8))
        }
        if !unset.isEmpty || !problems.isEmpty { throw ExitCode(1) }
    }
}

/// How `integrations list` words a destination: every value that could be a secret is shown as
/// `env:VAR` or `***`; a URL that is a secret by itself (Slack, Teams, webhooks) shows only its host.
enum IntegrationListing {
    static func describe(_ integration: Integration, environment: [String: String]) -> String {
        var lines = ["\(Sanitizer.clean(integration.name))  \(integration.type.rawValue)"]
        let target: String
        switch integration.url {
        case nil: target = integration.type.defaultBaseURL.map { "\($0) (the vendor's)" } ?? "none"
        case let .environment(name)?: target = "env:\(name) (\(isSet(name, environment) ? "set" : "NOT SET"))"
        case let .inline(url)?: target = integration.type == .slack || integration.type == .teams || integration.type == .webhook
            ? hostOnly(url) : Sanitizer.clean(url)
        }
        lines.append("  sends to:  \(target)")
        lines.append("  events:    \(integration.events.isEmpty ? "none" : integration.events.map(\.rawValue).joined(separator: ", "))")
        lines.append("  audiences: \(integration.audiences.isEmpty ? "none" : integration.audiences.map(\.rawValue).joined(separator: ", "))")
        for (key, credential) in integration.credentials.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(key): \(shown(credential, environment))")
        }
        for (target, credential) in integration.routingKeys.sorted(by: { $0.key < $1.key }) {
            lines.append("  routing key for \(Sanitizer.clean(target)): \(shown(credential, environment))")
        }
        for (key, value) in integration.options.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(key): \(Sanitizer.clean(value.tomlText))")
        }
        return lines.joined(separator: "\n")
    }

    /// The `env:` variables this destination names that are unset or empty.
    static func unsetVariables(_ integration: Integration, environment: [String: String]) -> [String] {
        let all = [integration.url].compactMap { $0 } + Array(integration.credentials.values) + Array(integration.routingKeys.values)
        return all.compactMap { credential in
            if case let .environment(name) = credential, !isSet(name, environment) { return name }
            return nil
        }.sorted()
    }

    private static func isSet(_ name: String, _ environment: [String: String]) -> Bool {
        environment[name].map { !$0.isEmpty } ?? false
    }

    private static func shown(_ credential: Credential, _ environment: [String: String]) -> String {
        switch credential {
        case .inline: "*** (in the config file)"
        case let .environment(name): "env:\(name) (\(isSet(name, environment) ? "set" : "NOT SET"))"
        }
    }

    /// `https://hooks.slack.com/***`: the scheme and host, never the path that holds the token.
    static func hostOnly(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "***" }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map(String.init) ?? ""
        return Sanitizer.clean(String(url[..<schemeEnd.upperBound]) + host) + "/***"
    }
}
