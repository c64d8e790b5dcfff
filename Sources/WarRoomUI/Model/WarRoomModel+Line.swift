import WarRoomCore

extension WarRoomModel {
    /// The prompt before the input line: it says what Enter will do with the text.
    public var inputPrompt: String {
        if readOnly { return "read-only " }
        switch (lineKind, mode) {
        case (.filter, .navigate): return "nav › Filter: "
        case (.filter, _): return "Filter: "
        case (.entry, .navigate): return "nav › "
        case (.entry, _): return "› "
        }
    }

    /// The muted hint in an empty input line, if any.
    public var inputPlaceholder: String? {
        guard input.isEmpty, mode == .input, !readOnly else { return nil }
        switch lineKind {
        case .entry: return "type an entry (14:02 backdates it) or /help"
        case .filter: return "text or kind:KIND, Enter applies (empty: show all), Backspace leaves"
        }
    }

    /// Everything typed and not recorded: the line, and the entry put aside while a filter line is
    /// open. What a quit, a signal or a crash keeps as the draft.
    public var unsentText: String {
        guard let asideEntry, !asideEntry.isEmpty else { return input.text }
        return input.isEmpty || lineKind == .filter ? asideEntry : asideEntry + "\n" + input.text
    }

    /// Back to the entry line, with the text put aside when the filter line opened.
    mutating func leaveFilterLine() {
        lineKind = .entry
        restoreAside()
    }

    /// Puts the entry text set aside by the filter line back, unless the line holds other text
    /// (then it goes into the history, where ↑ finds it).
    mutating func restoreAside() {
        guard let aside = asideEntry else { return }
        asideEntry = nil
        if input.isEmpty { input.replace(with: aside) } else if history.last != aside { history.append(aside) }
    }

    /// Everything the strip shows, most urgent first: the incident's alerts, and the proposals
    /// waiting in the inbox (warnings, after the incident's own warnings).
    public var alerts: [Alert] {
        var own = incident.alerts(policy: policy, now: now)
        if let onCall {
            // The escalation owed names who the next tier is now; pages waiting come after.
            if let place = own.firstIndex(where: { $0.subject == .obligation(.rootCauseEscalation) }) {
                own[place].message += onCall.nextTier(incident, at: now).map { ": /page pages \($0.description)" } ?? ""
            }
            let pages = onCall.alerts(incident, now: now)
            let split = own.firstIndex { $0.level > .warning } ?? own.endIndex
            own = Array(own[..<split]) + pages.filter { $0.level <= .warning } + Array(own[split...]) + pages.filter { $0.level > .warning }
        }
        if let offer = runbookOfferAlert { own.append(offer) }
        let proposed = Proposal.alerts(proposals) + childAlerts
        guard !proposed.isEmpty else { return own }
        let split = own.firstIndex { $0.level > .warning } ?? own.endIndex
        return Array(own[..<split]) + proposed + Array(own[split...])
    }

    /// A warning per child whose next update is overdue: the parent's IC coordinates, and a
    /// child's silence is theirs to chase. At every size, where the links pane may not fit.
    var childAlerts: [Alert] {
        guard let links else { return [] }
        return links.graph(for: incident).children(of: incident.id).compactMap { id in
            links.related[id].flatMap { Alert.childUpdateOverdue(id, $0, policy: policy, now: now) }
        }
    }

    /// The key hints the footer offers now: a wall display offers none that type or record.
    public var footerHints: [KeyBinding] { KeyTable.footer(for: mode, readOnly: readOnly) }

    /// Audiences with an edited, unposted draft (the open editor's included), in audience order.
    public var editedAudiences: [Audience] {
        Audience.allCases.filter { audience in
            composer?.audience == audience ? composer?.isEdited == true : keptDrafts[audience] != nil
        }
    }

    /// What a read-only wall display says when someone tries to type into it.
    static let readOnlyNotice = "This read-only wall display takes no typing: record from another terminal. "
        + "PgUp/PgDn scroll, F1 help, Ctrl-Q quits"
}
