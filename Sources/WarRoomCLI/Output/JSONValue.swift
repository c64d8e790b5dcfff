/// A JSON document built by hand, so keys keep their order and absent values print as `null`.
/// Strings escape every control, C1, bidi and invisible (zero-width, word joiner, soft hyphen)
/// character, so JSON printed to a terminal is inert.
indirect enum JSONValue {
    case string(String)
    case number(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A string, or null.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// The serialized document; `pretty` indents by two spaces.
    func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let newline = pretty ? "\n" : ""
        switch self {
        case .string(let text): JSONValue.quote(text, into: &out)
        case .number(let value): out += String(value)
        case .double(let value): out += value.isFinite ? String(value) : "null"
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad
                item.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (index < items.count - 1 ? "," : "") + newline
            }
            out += close + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (index, (key, value)) in fields.enumerated() {
                out += pad
                JSONValue.quote(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (index < fields.count - 1 ? "," : "") + newline
            }
            out += close + "}"
        }
    }

    /// A JSON document with every scalar `quote` escapes, wherever it stands unescaped, written
    /// as `\uXXXX`. JSON's syntax is ASCII, so such scalars can only be inside strings, and the
    /// result parses to the same value. Works on UTF-8 bytes: a 10 MB line costs one pass.
    static func inert(_ json: String) -> String {
        let bytes = Array(json.utf8)
        guard bytes.contains(where: { $0 >= 0x7F }) else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        func escape(_ value: UInt32) {
            let hex = Array(String(value, radix: 16).utf8)
            out += Array("\\u".utf8) + Array(repeating: UInt8(ascii: "0"), count: 4 - hex.count) + hex
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            let third = i + 2 < bytes.count ? bytes[i + 2] : 0
            if b == 0x7F {
                escape(0x7F); i += 1
            } else if b == 0xC2, (0x80...0x9F).contains(next) || next == 0xAD {
                escape(UInt32(next)); i += 2
            } else if b == 0xD8, next == 0x9C {
                escape(0x061C); i += 2
            } else if b == 0xE2, next == 0x80, (0x8B...0x8F).contains(third) || (0xA8...0xAE).contains(third) {
                escape(0x2000 + UInt32(third - 0x80)); i += 3
            } else if b == 0xE2, next == 0x81, (0xA0...0xA4).contains(third) || (0xA6...0xA9).contains(third) {
                escape(0x2040 + UInt32(third - 0x80)); i += 3
            } else if b == 0xE1, next == 0xA0, third == 0x8E {
                escape(0x180E); i += 3
            } else if b == 0xEF, next == 0xBB, third == 0xBF {
                escape(0xFEFF); i += 3
            } else {
                out.append(b); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x00AD || v == 0x061C || v == 0x180E
                    || (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v) || (0x2060...0x2064).contains(v)
                    || (0x2066...0x2069).contains(v) || v == 0xFEFF {
                    let hex = String(v, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
