extension Runbook {
    /// A quarter, in days: "runbooks must be tested quarterly". A runbook last tested more whole
    /// days ago than this is stale.
    public static let quarterDays: Int64 = 91

    /// Whole days from its last test to `now` (negative when the test is in the future); nil when
    /// it was never tested.
    public func daysSinceTested(now: Timestamp) -> Int64? {
        guard let tested = facts.lastTested else { return nil }
        let day: Int64 = 86_400_000
        let elapsed = now.millis &- tested.millis
        return elapsed >= 0 ? elapsed / day : -((-elapsed + day - 1) / day)
    }

    /// Never tested, or tested more than a quarter ago: "an untested runbook is a false sense of security".
    public func isStale(now: Timestamp) -> Bool {
        guard let days = daysSinceTested(now: now) else { return true }
        return days > Runbook.quarterDays
    }

    /// `today`, `yesterday`, `75 days ago`, `in the future`; nil when never tested.
    public func testedAgo(now: Timestamp) -> String? {
        guard let days = daysSinceTested(now: now) else { return nil }
        switch days {
        case ..<0: return "in the future"
        case 0: return "today"
        case 1: return "yesterday"
        default: return "\(days) days ago"
        }
    }
}

/// One thing `warroom runbook check` flags, said as the person fixing it needs it.
public struct RunbookFinding: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case untested, stale, testedInFuture, noService, noMitigation, serviceWithoutRunbook, linkNamesNothing
    }

    public var kind: Kind
    /// The runbook's file, when the finding is about one.
    public var file: String?
    /// The line in it, when one line is at fault.
    public var line: Int?
    public var message: String

    /// A warning is said but does not fail the check: the runbook still helps as it is.
    public var isWarning: Bool { kind == .noService || kind == .noMitigation }

    /// `runbooks/checkout.md:5: last tested …`, or the message alone.
    public var description: String {
        guard let file else { return message }
        return (line.map { "\(file):\($0)" } ?? file) + ": " + (isWarning ? "warning: " : "") + message
    }
}

/// The method's rules for runbooks: each tested within a quarter and saying how to mitigate,
/// every service that had incidents with a runbook, every alert's `runbook_url` naming one.
public enum RunbookCheck {
    /// An alert recorded on an incident whose `runbook_url` the check follows.
    public struct AlertLink: Hashable, Sendable {
        public var incident: IncidentID
        /// The alert's name, when the entry kept it.
        public var alert: String?
        public var url: String

        public init(incident: IncidentID, alert: String?, url: String) {
            self.incident = incident
            self.alert = alert
            self.url = url
        }
    }

    /// Everything to flag: each runbook's own (file order), then the services of `incidents`
    /// (drills left out) without a runbook, then each `runbook_url` that names none.
    public static func findings(_ library: RunbookLibrary, now: Timestamp, incidents: [IncidentSummary] = [],
                                links: [AlertLink] = []) -> [RunbookFinding] {
        var findings: [RunbookFinding] = []
        for runbook in library.runbooks { findings += own(runbook, now: now) }
        findings += servicesWithout(library, incidents: incidents.filter { !$0.isDrill })
        findings += linksNamingNothing(library, links: links)
        return findings
    }

    /// What one runbook's file says wrong: never or long ago tested, no service, no mitigation.
    public static func own(_ runbook: Runbook, now: Timestamp) -> [RunbookFinding] {
        var findings: [RunbookFinding] = []
        let facts = runbook.facts
        let file = runbook.file
        if let tested = facts.lastTestedText, let days = runbook.daysSinceTested(now: now) {
            let by = facts.testedBy.map { " by \($0)" } ?? ""
            if days < 0 {
                findings.append(RunbookFinding(kind: .testedInFuture, file: file, line: facts.lastTestedLine,
                                               message: "last_tested \(tested) is in the future: write the day it was last tested"))
            } else if days > Runbook.quarterDays {
                findings.append(RunbookFinding(kind: .stale, file: file, line: facts.lastTestedLine,
                                               message: "last tested \(tested)\(by), \(days) days ago: more than a quarter (\(Runbook.quarterDays) days); "
                                                + "test it again (a game day or drill) and update last_tested"))
            }
        } else if runbook.hasFrontMatter {
            findings.append(RunbookFinding(kind: .untested, file: file, line: nil,
                                           message: "never tested (no last_tested): test it in a game day or drill, then write last_tested: YYYY-MM-DD "
                                            + "and tested_by — an untested runbook is a false sense of security"))
        } else {
            findings.append(RunbookFinding(kind: .untested, file: file, line: nil,
                                           message: "never tested, service unknown (no front matter): test it, then open the file with --- and "
                                            + "service, owner, alerts, last_tested and tested_by, then --- (see the README's runbooks section)"))
        }
        if runbook.hasFrontMatter, facts.service == nil {
            findings.append(RunbookFinding(kind: .noService, file: file, line: nil,
                                           message: "no service: write service: NAME in the front matter so incidents on it find this runbook"))
        }
        if !runbook.hasMitigation {
            findings.append(RunbookFinding(kind: .noMitigation, file: file, line: nil,
                                           message: "no Mitigation section: add ## Mitigation with the steps that stop the impact "
                                            + "(the sections are Meaning, Impact, Diagnosis, Mitigation)"))
        }
        return findings
    }

    /// Each service with incidents that no runbook names (names compared without case).
    static func servicesWithout(_ library: RunbookLibrary, incidents: [IncidentSummary]) -> [RunbookFinding] {
        let covered = Set(library.runbooks.compactMap { $0.facts.service?.lowercased() })
        let written = library.runbooks.compactMap(\.facts.service)
        var byService: [String: (name: String, ids: [IncidentID])] = [:]
        var order: [String] = []
        for incident in incidents {
            guard let service = incident.service.map({ String($0.trimmingSpaces) }), !service.isEmpty else { continue }
            let key = service.lowercased()
            guard !covered.contains(key) else { continue }
            if byService[key] == nil { order.append(key) }
            byService[key, default: (service, [])].ids.append(incident.id)
        }
        return order.compactMap { key in
            guard let (service, ids) = byService[key] else { return nil }
            return RunbookFinding(kind: .serviceWithoutRunbook, file: nil, line: nil,
                                  message: "service '\(service)' had \(count(ids.count, "incident")) (\(listed(ids))) and no runbook"
                                    + Suggestion.didYouMean(service, among: written)
                                    + ": write one with service: \(service) in its front matter")
        }
    }

    /// Each distinct `runbook_url` that names no runbook of the folder, with the incidents and
    /// alerts that carried it.
    static func linksNamingNothing(_ library: RunbookLibrary, links: [AlertLink]) -> [RunbookFinding] {
        var byURL: [String: [AlertLink]] = [:]
        var order: [String] = []
        for link in links where library.linked(by: link.url) == nil {
            if byURL[link.url] == nil { order.append(link.url) }
            byURL[link.url, default: []].append(link)
        }
        return order.map { url in
            let carried = byURL[url] ?? []
            var seen = Set<String>()
            let alerts = carried.compactMap(\.alert).filter { seen.insert($0).inserted }
            var ids: [IncidentID] = []
            for link in carried where !ids.contains(link.incident) { ids.append(link.incident) }
            let who = (alerts.isEmpty ? "an alert" : "alert " + alerts.joined(separator: ", ")) + " on \(listed(ids))"
            guard let name = RunbookLibrary.linkedName(url) else {
                return RunbookFinding(kind: .linkNamesNothing, file: nil, line: nil,
                                      message: "\(who) has runbook_url \(url), which names no file: point the alert's runbook_url "
                                        + "annotation at a runbook (…/NAME or …/NAME.md)")
            }
            return RunbookFinding(kind: .linkNamesNothing, file: nil, line: nil,
                                  message: "\(who) has runbook_url \(url), which names no runbook ('\(name)')"
                                    + Suggestion.didYouMean(name, among: library.names)
                                    + ": add \(name).md to the folder, or point the alert's runbook_url annotation at one")
        }
    }

    /// `1 runbook`, `3 runbooks`.
    public static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// `INC-1, INC-4, INC-9 and 2 more`.
    static func listed(_ ids: [IncidentID]) -> String {
        ids.count <= 3 ? ids.joined(separator: ", ") : ids.prefix(3).joined(separator: ", ") + " and \(ids.count - 3) more"
    }
}
