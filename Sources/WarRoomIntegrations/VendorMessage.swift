/// The vendor's own words out of an error answer, cleaned for one line of a pane.
enum VendorMessage {
    /// Slack: plain text (`invalid_payload`); PagerDuty: `message` and `errors[]`; Opsgenie:
    /// `message` (and `errors` by field); Statuspage: `error` (a string or a list); anything else:
    /// `message`, `error` or the text itself. Nil when the body says nothing.
    /// `secrets` are removed before the text is cut, so no part of one survives the cut.
    static func extract(type: DestinationType, body: [UInt8], secrets: [String]) -> String? {
        guard !body.isEmpty else { return nil }
        guard let json = JSONReader.parse(body) else {
            let raw = Redaction.scrub(String(decoding: body.prefix(16_384), as: UTF8.self), secrets: secrets)
            let text = Cleaning.clean(raw, limit: DeliveryVerdict.maxMessage)
            // An HTML error page says nothing a person can act on beyond its status.
            return text.isEmpty || text.hasPrefix("<") ? nil : text
        }
        var parts: [String] = []
        for key in ["message", "error", "errors"] {
            guard let value = json[key] else { continue }
            parts += strings(value)
        }
        // PagerDuty's `status` ("invalid event") only adds to a message, it never replaces one.
        if parts.isEmpty, let status = json["status"]?.stringValue { parts.append(status) }
        let text = Cleaning.clean(Redaction.scrub(unique(parts).joined(separator: "; "), secrets: secrets), limit: DeliveryVerdict.maxMessage)
        return text.isEmpty ? nil : text
    }

    static func strings(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(strings)
        case .object(let members): return members.keys.sorted().flatMap { key in strings(members[key] ?? .null).map { "\(key): \($0)" } }
        case .number(let text): return [text]
        case .bool, .null: return []
        }
    }

    static func unique(_ parts: [String]) -> [String] {
        var seen = Set<String>()
        return parts.filter { seen.insert($0).inserted }
    }
}

/// Untrusted text made one inert line: controls and bidi overrides become spaces, runs of white
/// space one space, and it is cut to a length.
enum Cleaning {
    static func clean(_ text: String, limit: Int) -> String {
        var out = ""
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let inert = scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
                || scalar.properties.isWhitespace
            if inert {
                if !lastWasSpace { out.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return TextLimit.truncate(out, toUTF16: limit)
    }
}
