import Foundation

/// A parsed JSON value with the path it was found at, so every error names its place
/// (`alerts[1].labels.severity`). Wraps Foundation's `JSONSerialization` output; nothing here
/// traps on any input.
struct JSONValue {
    let value: Any
    let path: String

    /// Checks size and nesting, then parses. The body must be one JSON value.
    static func parse(_ body: [UInt8], limits: AlertLimits) throws(AlertParseError) -> JSONValue {
        try limits.checkSize(body.count)
        guard body.contains(where: { !isJSONSpace($0) }) else { throw .empty }
        try checkDepth(body, limit: limits.maxDepth)
        do {
            let value = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
            return JSONValue(value: value, path: "body")
        } catch {
            throw .notJSON(detail: reason(error, body: body))
        }
    }

    /// The member `key` of this object, nil when absent or JSON null.
    func member(_ key: String) throws(AlertParseError) -> JSONValue? {
        let object = try self.object()
        guard let found = object[key], !(found is NSNull) else { return nil }
        return JSONValue(value: found, path: path == "body" ? key : "\(path).\(key)")
    }

    /// The member `key`, which must be present; `hint` says what it is for.
    func required(_ key: String, hint: String = "") throws(AlertParseError) -> JSONValue {
        guard let found = try member(key) else {
            throw .missingField(path: path == "body" ? key : "\(path).\(key)", hint: hint)
        }
        return found
    }

    /// This value as an object's members.
    func object() throws(AlertParseError) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw .notAnObject(path: path, found: JSONValue.kind(of: value)) }
        return object
    }

    /// This value's elements, each with its indexed path.
    func array() throws(AlertParseError) -> [JSONValue] {
        guard let array = value as? [Any] else {
            throw .wrongType(path: path, expected: "an array", found: JSONValue.kind(of: value))
        }
        return array.enumerated().map { JSONValue(value: $0.element, path: "\(path)[\($0.offset)]") }
    }

    /// This value as a string.
    func string() throws(AlertParseError) -> String {
        guard let text = value as? String, !(value is NSNumber) else {
            throw .wrongType(path: path, expected: "a string", found: JSONValue.kind(of: value))
        }
        return text
    }

    /// An object of string values (labels, annotations), in key order.
    func stringMap() throws(AlertParseError) -> [String: String] {
        var map: [String: String] = [:]
        // In key order, so of several bad values the same one is named every time.
        for (key, element) in try object().sorted(by: { $0.key < $1.key }) {
            if element is NSNull { continue }
            map[key] = try JSONValue(value: element, path: "\(path).\(key)").string()
        }
        return map
    }

    /// Optional member `key` as a string.
    func optionalString(_ key: String) throws(AlertParseError) -> String? {
        try member(key)?.string()
    }

    /// Optional member `key` as a string map (absent: empty).
    func optionalStringMap(_ key: String) throws(AlertParseError) -> [String: String] {
        try member(key)?.stringMap() ?? [:]
    }

    /// How an error names a JSON value's type: `a number`, `an array`, …
    static func kind(of value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case _ where type(of: value) == Bool.self: "true/false"
        case let number as NSNumber where String(cString: number.objCType) == "c": "true/false"
        case is NSNumber, is Int, is Double: "a number"
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default: "an unknown value"
        }
    }

    private static func isJSONSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Counts bracket depth outside strings, so a body of a million `[` never reaches a
    /// recursive parser.
    private static func checkDepth(_ body: [UInt8], limit: Int) throws(AlertParseError) {
        var depth = 0, inString = false, escaped = false
        for byte in body {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > limit { throw .tooDeep(limit: limit) }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
    }

    /// A short reason: invalid UTF-8 and NUL bytes are named, since Foundation's message is vague.
    private static func reason(_ error: any Error, body: [UInt8]) -> String {
        if String(validating: body, as: UTF8.self) == nil { return "it is not valid UTF-8" }
        if body.contains(0) { return "it contains a NUL byte" }
        let text = String(describing: (error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? "")
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.isEmpty ? "malformed" : String(line.prefix(200))
    }
}

/// Parsed JSON root of one webhook.
enum JSONDocument {
    /// The body as a JSON object, or why not.
    static func parse(_ body: [UInt8], limits: AlertLimits) throws(AlertParseError) -> JSONValue {
        let root = try JSONValue.parse(body, limits: limits)
        _ = try root.object()
        return root
    }
}
