import WarRoomCore

/// A Teams Workflows webhook message: `type: message` with one Adaptive Card attachment.
enum TeamsPayload {
    /// Teams refuses a webhook message over 28 KB (learn.microsoft.com, "Create an Incoming
    /// Webhook" › limits, the same for Workflows). Read as 28,000 bytes, the stricter reading.
    static let maxBytes = 28_000
    /// Adaptive Cards 1.4: what Teams renders on desktop, web and mobile.
    static let cardVersion = "1.4"

    static func request(_ notice: OutboundNotice, destination: Destination) -> OutboundRequest {
        destination.jsonRequest("POST", path: "", json: message(notice, destination: destination),
                                key: destination.idempotencyKey(notice))
    }

    /// The message, its text shortened (and saying so in the card) until the whole body fits.
    static func message(_ notice: OutboundNotice, destination: Destination) -> JSONValue {
        let text = NoticeWording.body(notice, destination: destination.name)
        let full = card(notice, destination: destination, text: text, note: nil)
        guard full.bytes.count > maxBytes else { return full }
        // The longest prefix (in characters) that fits with the note: a binary search, each step
        // one encoding, so a 1 MB update costs about 20 encodings, not a million.
        let characters = Array(text)
        var low = 0, high = characters.count
        func attempt(_ count: Int) -> JSONValue {
            let note = "Shortened to fit Teams' 28 KB limit: \(count) of \(characters.count) characters shown; the full text is in warroom."
            return card(notice, destination: destination, text: String(characters[..<count]) + TextLimit.ellipsis, note: note)
        }
        while low < high {
            let middle = (low + high + 1) / 2
            if attempt(middle).bytes.count <= maxBytes { low = middle } else { high = middle - 1 }
        }
        return attempt(low)
    }

    static func card(_ notice: OutboundNotice, destination: Destination, text: String, note: String?) -> JSONValue {
        var body: [JSONValue] = [
            .object(["type": .string("TextBlock"), "text": .string(TextLimit.truncate(NoticeWording.headline(notice, destination: destination.name), toUTF16: 1000)),
                     "weight": .string("Bolder"), "size": .string("Medium"), "wrap": .bool(true)]),
            .object(["type": .string("TextBlock"), "text": .string(text), "wrap": .bool(true)]),
        ]
        if let note {
            body.append(.object(["type": .string("TextBlock"), "text": .string(note), "isSubtle": .bool(true),
                                 "color": .string("Attention"), "wrap": .bool(true)]))
        }
        body.append(.object(["type": .string("FactSet"), "facts": .array(NoticeWording.facts(notice.incident).map {
            JSONValue.object(["title": .string($0.0), "value": .string(TextLimit.truncate($0.1, toUTF16: 500))])
        })]))
        var content: [String: JSONValue] = [
            "$schema": .string("http://adaptivecards.io/schemas/adaptive-card.json"),
            "type": .string("AdaptiveCard"), "version": .string(cardVersion), "body": .array(body),
        ]
        if let link = notice.link {
            content["actions"] = .array([.object(["type": .string("Action.OpenUrl"), "title": .string("Open \(notice.incident.id)"),
                                                  "url": .string(link)])])
        }
        return .object([
            "type": .string("message"),
            "attachments": .array([.object([
                "contentType": .string("application/vnd.microsoft.card.adaptive"),
                "contentUrl": .null,
                "content": .object(content),
            ])]),
        ])
    }
}
