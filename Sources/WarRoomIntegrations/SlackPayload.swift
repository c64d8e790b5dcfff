import WarRoomCore

/// A Slack incoming webhook message: `text` (the notification's fallback) plus Block Kit
/// `blocks` — a header, the text in sections, a context line of facts.
enum SlackPayload {
    /// Slack Block Kit: at most 50 blocks in a message (docs.slack.dev, "Blocks").
    static let maxBlocks = 50
    /// A section block's `text`: at most 3,000 characters (docs.slack.dev, "Section block").
    static let maxSectionText = 3000
    /// A header block's `plain_text`: at most 150 characters (docs.slack.dev, "Header block").
    static let maxHeaderText = 150

    static func request(_ notice: OutboundNotice, destination: Destination) -> OutboundRequest {
        let json = message(notice, destination: destination)
        return destination.jsonRequest("POST", path: "", json: json, key: destination.idempotencyKey(notice))
    }

    static func message(_ notice: OutboundNotice, destination: Destination) -> JSONValue {
        let headline = NoticeWording.headline(notice, destination: destination.name)
        var blocks: [JSONValue] = [.object([
            "type": .string("header"),
            "text": .object(["type": .string("plain_text"), "text": .string(TextLimit.truncate(headline, toUTF16: maxHeaderText))]),
        ])]
        let body = NoticeWording.body(notice, destination: destination.name)
        let sections = sectionTexts(body, available: maxBlocks - 2)
        blocks += sections.map { JSONValue.object(["type": .string("section"), "text": .object(["type": .string("mrkdwn"), "text": .string($0)])]) }
        var facts = NoticeWording.facts(notice.incident).map { "*\($0.0):* \(escape($0.1))" }
        if let link = notice.link { facts.append("<\(linkTarget(link))|Open \(escape(notice.incident.id))>") }
        blocks.append(.object([
            "type": .string("context"),
            "elements": .array([.object(["type": .string("mrkdwn"), "text": .string(TextLimit.truncate(facts.joined(separator: "  ·  "), toUTF16: maxSectionText))])]),
        ]))
        return .object(["text": .string(escape(TextLimit.truncate(headline, toUTF16: maxSectionText))), "blocks": .array(blocks)])
    }

    /// Slack's mrkdwn escaping: `&`, `<` and `>` become entities, so user text cannot make a
    /// link, a mention (`<!channel>`) or a broken message (docs.slack.dev, "Formatting text").
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A URL inside `<url|label>`: `|` and `>` would end it early, so they are percent-encoded.
    static func linkTarget(_ url: String) -> String {
        escape(url.replacingAll("|", with: "%7C").replacingAll(">", with: "%3E").replacingAll("<", with: "%3C"))
    }

    /// The escaped text cut into sections of at most 3,000 characters each — at a line break or
    /// a space when one is in the second half, never inside an entity — and at most `available`
    /// of them; when the text needs more, the last one ends saying how much was left out.
    static func sectionTexts(_ text: String, available: Int) -> [String] {
        // A single "character" can be thousands of combining marks; past 64 units only its base is
        // kept, so every piece fits a section and the loop below always makes progress.
        let pieces = text.map { character in
            let escaped = escape(String(character))
            return (escaped.utf16.count > 64 ? escape(String(character.unicodeScalars.first.map(Character.init) ?? " ")) : escaped,
                    character.isWhitespace)
        }
        var sections: [String] = []
        var current: [(String, Bool)] = []
        var length = 0
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            let size = piece.0.utf16.count
            if length + size > maxSectionText, !current.isEmpty {
                var cut = current.count
                if let space = current.lastIndex(where: { $0.1 }), space >= current.count / 2 { cut = space + 1 }
                sections.append(current[..<cut].map { $0.0 }.joined())
                let carried = Array(current[cut...])
                current = carried
                length = carried.reduce(0) { $0 + $1.0.utf16.count }
                continue
            }
            current.append(piece)
            length += size
            index += 1
        }
        if !current.isEmpty || sections.isEmpty { sections.append(current.map { $0.0 }.joined()) }
        guard sections.count > available, available > 0 else { return sections }
        let omitted = sections[available...].reduce(0) { $0 + $1.count }
        let note = "\n… (cut to fit Slack's \(maxBlocks)-block limit: \(omitted) more characters are in warroom)"
        var kept = Array(sections[..<available])
        kept[available - 1] = String(entitySafePrefix(kept[available - 1], utf16: maxSectionText - note.utf16.count)) + note
        return kept
    }

    /// The longest prefix within `utf16` units that does not end inside an `&amp;` entity.
    static func entitySafePrefix(_ text: String, utf16 limit: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf16.count
            guard used + size <= limit else { break }
            used += size
            end = text.index(after: index)
        }
        var prefix = text[..<end]
        if let amp = prefix.lastIndex(of: "&"), !prefix[amp...].contains(";") { prefix = prefix[..<amp] }
        return prefix
    }
}
