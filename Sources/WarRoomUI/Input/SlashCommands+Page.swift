import WarRoomCore

extension SlashCommands {
    /// `/page` (the next tier), `/page secondary`, `/page 2`, `/page bob`: with an on-call file,
    /// the schedule says who that is now, and the page waits for an acknowledgement (and
    /// escalates on the policy's timeouts). `/page! TEXT`, or any text without an on-call file,
    /// records the words as typed: an escalation to someone warroom does not page.
    static func page(_ args: [String], forced: Bool, context: InputContext) throws(InputError) -> InputAction {
        let words = rest(args, from: 0)
        guard let roster = context.onCall, !forced else {
            guard let words else {
                throw InputError(forced ? "/page! needs who was paged, as it is recorded: /page! DBA team lead"
                    : "/page needs who was paged: /page on-call secondary (an on-call file, oncall.yaml, lets /page name the next tier itself)")
            }
            return .record(.notify(target: words, kind: .escalation, tier: nil), at: nil)
        }
        do {
            let target = try roster.resolve(words ?? "", state: context.state, at: context.now)
            return .record(.page(target.record()), at: nil)
        } catch {
            throw InputError("/page: " + error.message)
        }
    }

    /// `/ack` (the one page waiting), `/ack #12` (that page), `/ack bob` (the page waiting for
    /// bob), `/ack #12 carol` (carol answered page #12). The person is the one paged unless named.
    static func acknowledge(_ args: [String], context: InputContext) throws(InputError) -> InputAction {
        let state = context.state
        let waiting = state.pages.filter { $0.acknowledged == nil && $0.escalatedBy == nil }
        func number(of page: NotificationEntry) -> String { state.timelineItem(for: page.id).map { "#\($0.number)" } ?? "?" }
        func list(_ pages: [NotificationEntry]) -> String {
            pages.map { "\(number(of: $0)) \($0.record.person ?? $0.record.target)" }.joined(separator: ", ")
        }
        var words = args
        var page: NotificationEntry?
        if let (typed, used) = EntryReference.number(in: args, incident: state.id) {
            guard let found = state.notifications.first(where: { state.timelineItem(for: $0.id)?.number == typed }), found.isPage else {
                throw InputError("/ack: #\(typed) is not a page" + (waiting.isEmpty ? "; no page is waiting" : "; waiting: \(list(waiting))"))
            }
            if let answer = found.acknowledged { throw InputError("/ack: #\(typed) was acknowledged already, by \(answer.person)") }
            page = found
            words.removeFirst(used)
        }
        let named = rest(words, from: 0).map { String($0.trimmingSpaces.drop { $0 == "@" }) }
        if page == nil {
            guard !waiting.isEmpty else {
                throw InputError("/ack: no page is waiting for an acknowledgement" + (state.pages.isEmpty ? " (/page pages someone)" : ""))
            }
            if let named {
                // An earlier page of a chain counts: alice answering after bob was paged answers both.
                let unanswered = state.pages.filter { $0.acknowledged == nil }
                let theirs = unanswered.filter { $0.record.person?.lowercased() == named.lowercased() }
                guard let latest = theirs.last else {
                    let people = unanswered.compactMap(\.record.person)
                    throw InputError("/ack: no page to '\(named)' is waiting" + Suggestion.didYouMean(named, among: people)
                        + "; waiting: \(list(waiting)) (/ack #N PERSON when someone else answered)")
                }
                page = latest
            } else {
                guard waiting.count == 1 else {
                    throw InputError("/ack: \(waiting.count) pages are waiting (\(list(waiting))): /ack #N or /ack PERSON says which")
                }
                page = waiting[0]
            }
        }
        guard let page else { throw InputError("/ack: no page is waiting for an acknowledgement") }
        let person = named ?? page.record.person ?? page.record.target
        return .record(.acknowledgePage(page: page.id, person: person), at: nil)
    }
}
