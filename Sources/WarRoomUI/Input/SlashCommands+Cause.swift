import WarRoomCore
import WarRoomText

extension SlashCommands {
    /// `/cause TAG`, `/cause -TAG` (off), `/cause! TAG` (a new tag close to one in use, on purpose).
    static func cause(_ args: [String], forced: Bool, context: InputContext) throws(InputError) -> InputAction {
        let current = context.state.postmortem.causes
        guard var typed = rest(args, from: 0) else {
            throw InputError("/cause needs a tag: /cause config-push (Tab offers the tags in use)"
                + (current.isEmpty ? "" : "; this incident's: " + current.joined(separator: ", ")))
        }
        let remove = typed.hasPrefix("-")
        if remove { typed = String(typed.dropFirst()) }
        let tag: String
        do { tag = try CauseTag.normalize(typed) } catch { throw InputError(error.description) }
        if !remove, !forced, let meant = CauseTag.likelyMeant(tag, known: context.knownCauses) {
            throw InputError(CommandError.newCauseTagNearOld(tag: tag, known: meant, force: "type /cause! \(tag)").description)
        }
        return .record(.tagCause(tag, remove: remove), at: nil)
    }
}

extension CauseFacts {
    /// `This alert was seen in INC-3 "Checkout 502s" (2026-11-10): cause bad config push · runbook https://… · 1 action item not done — /search for more`.
    public static func precedentNotice(_ earlier: AlertPrecedent, others: Int) -> String {
        var facts = ["cause " + (earlier.cause ?? "not recorded")]
        if let runbook = earlier.runbook { facts.append("runbook " + runbook) }
        if earlier.unfinished > 0 { facts.append("\(earlier.unfinished) action item\(earlier.unfinished == 1 ? "" : "s") not done") }
        return Sanitizer.clean("This alert was seen in \(earlier.incident) \"\(earlier.title)\" (\(earlier.declaredAt.dateOnly))"
            + (others > 0 ? " and \(others) more" : "") + ": " + facts.joined(separator: " · ") + " — /search to look further")
    }

    /// `Repeat of INC-3 (cause config-push): its action item INC-3:2 "…" (sre, late) was not done when this incident began`.
    public static func repeatNotice(_ match: RepeatMatch, start: Timestamp) -> String {
        let items = match.unfinished.map { item in
            "\(match.earlier):\(item.number) \"\(item.text)\" (\(item.owner)" + (RepeatMatch.isLate(item, at: start) ? ", late)" : ")")
        }
        let said = items.count == 1 ? "its action item \(items[0]) was not done when this incident began"
            : "\(items.count) of its action items were not done when this incident began, \(items.first ?? "") among them"
        return Sanitizer.clean("Repeat of \(match.earlier) (\(match.shared)): " + said)
    }
}
