/// An alert as a runbook is looked up for it: its name (`alertname`) and its `runbook_url`
/// annotation, either of which may be missing.
public struct RunbookAlert: Hashable, Sendable {
    public var name: String?
    public var runbookURL: String?

    public init(name: String?, runbookURL: String?) {
        self.name = name
        self.runbookURL = runbookURL
    }
}

/// Why a runbook was found for an incident, best first: an alert's `runbook_url` names its file,
/// its `alerts` list an alert's name, or its `service` is the incident's.
public enum RunbookReason: Hashable, Sendable, Comparable {
    case link(String)
    case alert(String)
    case service(String)

    var rank: Int {
        switch self {
        case .link: 0
        case .alert: 1
        case .service: 2
        }
    }

    public static func < (lhs: RunbookReason, rhs: RunbookReason) -> Bool { lhs.rank < rhs.rank }
}

/// A runbook found for an incident, and why.
public struct RunbookMatch: Hashable, Sendable {
    public var runbook: Runbook
    public var reason: RunbookReason
}

/// The runbooks of one folder, by name: lookups by name, by a `runbook_url`, and which runbooks
/// answer an incident. Pure.
public struct RunbookLibrary: Hashable, Sendable {
    /// By name (case-insensitive order, then exact).
    public private(set) var runbooks: [Runbook]

    public init(_ runbooks: [Runbook]) {
        self.runbooks = runbooks.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
    }

    public var names: [String] { runbooks.map(\.name) }

    /// The runbook of that name: the exact name, else the one name that differs only in case.
    public func named(_ name: String) -> Runbook? {
        if let exact = runbooks.first(where: { $0.name == name }) { return exact }
        let folded = runbooks.filter { $0.name.lowercased() == name.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }

    /// The runbook a `runbook_url` names, if it names one of this folder's.
    public func linked(by url: String) -> Runbook? {
        RunbookLibrary.linkedName(url).flatMap(named)
    }

    /// The name a `runbook_url` (or a file path) names: its last path component without a query,
    /// an anchor or `.md`/`.html` (`https://runbooks.example.com/checkout/high-error-rate.md#mitigation`
    /// → `high-error-rate`; prometheus-operator's lowercase `…/kubernetes/kubepodcrashlooping` →
    /// `kubepodcrashlooping`, which `named` finds as `KubePodCrashLooping`). Nil when it names no
    /// file: a bare host, an empty path.
    public static func linkedName(_ url: String) -> String? {
        var text = url.trimmingSpaces
        if let cut = text.firstIndex(where: { $0 == "#" || $0 == "?" }) { text = text[..<cut] }
        let schemeEnd = text.indices.first { text[$0...].hasPrefix("://") }
        if let schemeEnd {
            let afterScheme = text[text.index(schemeEnd, offsetBy: 3)...]
            // The host is no file: `https://runbooks.example.com/` names nothing.
            guard let slash = afterScheme.firstIndex(of: "/") else { return nil }
            text = afterScheme[afterScheme.index(after: slash)...]
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        guard var last = text.split(separator: "/").last.map(String.init) else { return nil }
        for suffix in [".md", ".html", ".htm"] where last.lowercased().hasSuffix(suffix) {
            last = String(last.dropLast(suffix.count))
            break
        }
        return last.isEmpty ? nil : last
    }

    /// Which runbooks answer an incident on `service` with `alerts` attached, best first: those an
    /// alert's `runbook_url` names, then those listing an alert's name in `alerts`, then those of
    /// the service (names and services compared without case); each runbook once, for its best
    /// reason, by name within a reason.
    public func matches(service: String?, alerts: [RunbookAlert]) -> [RunbookMatch] {
        var best: [String: RunbookMatch] = [:]
        func offer(_ runbook: Runbook, _ reason: RunbookReason) {
            if let known = best[runbook.file], known.reason <= reason { return }
            best[runbook.file] = RunbookMatch(runbook: runbook, reason: reason)
        }
        for alert in alerts {
            if let url = alert.runbookURL, let runbook = linked(by: url) { offer(runbook, .link(url)) }
            guard let name = alert.name.map({ String($0.trimmingSpaces).lowercased() }), !name.isEmpty else { continue }
            for runbook in runbooks where runbook.facts.alerts.contains(where: { $0.lowercased() == name }) {
                offer(runbook, .alert(alert.name ?? name))
            }
        }
        if let service = service.map({ String($0.trimmingSpaces).lowercased() }), !service.isEmpty {
            for runbook in runbooks where runbook.facts.service?.lowercased() == service {
                offer(runbook, .service(runbook.facts.service ?? service))
            }
        }
        let order = Dictionary(runbooks.enumerated().map { ($1.file, $0) }, uniquingKeysWith: min)
        return best.values.sorted { ($0.reason.rank, order[$0.runbook.file] ?? 0) < ($1.reason.rank, order[$1.runbook.file] ?? 0) }
    }

    /// `matches`' runbooks, best first.
    public func match(service: String?, alerts: [RunbookAlert]) -> [Runbook] {
        matches(service: service, alerts: alerts).map(\.runbook)
    }
}
