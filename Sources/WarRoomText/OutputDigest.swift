/// What a command printed, in little room: its first and last lines, made inert and capped, and
/// how many bytes and lines there were. Fed the output as it comes, in chunks of any size, it
/// keeps a bounded amount of it however much there is.
///
/// A line ends at `\n` (a `\r` before it is dropped); a lone `\r` starts the line over, as a
/// progress bar's redraw does on a terminal, so a line holds what was last drawn there. Each line
/// loses its escape sequences (colour is not words), then goes through `Sanitizer.clean`; a line
/// longer than `lineLimit` characters is cut, with `…`.
public struct OutputDigest: Sendable {
    /// How many first lines and how many last lines are kept.
    public let keep: Int
    /// The most characters a kept line holds.
    public let lineLimit: Int
    /// Every byte given.
    public private(set) var bytes: Int64 = 0
    /// Lines ended so far.
    private var ended: Int64 = 0
    /// A line as it came: at most `rawLimit` bytes, and whether there were more.
    private struct RawLine: Sendable {
        var bytes: [UInt8] = []
        var cut = false
    }
    /// The first `keep` lines.
    private var first: [RawLine] = []
    /// The last `keep` ended lines after `first`, oldest first.
    private var last: [RawLine] = []
    /// The line being read.
    private var line = RawLine()
    /// A `\r` was the last byte: a `\n` next ends the line, anything else starts it over.
    private var carriageReturn = false
    /// The bytes kept of one line: room for `lineLimit` characters of UTF-8 and colour codes.
    private var rawLimit: Int { lineLimit * 8 }

    public init(keep: Int = 5, lineLimit: Int = 200) {
        self.keep = max(0, keep)
        self.lineLimit = max(2, lineLimit)
    }

    /// Reads more output.
    public mutating func add(_ chunk: some Sequence<UInt8>) {
        for byte in chunk {
            bytes += 1
            if carriageReturn {
                carriageReturn = false
                if byte != UInt8(ascii: "\n") { line = RawLine() }
            }
            switch byte {
            case UInt8(ascii: "\n"): endLine()
            case UInt8(ascii: "\r"): carriageReturn = true
            default:
                if line.bytes.count < rawLimit { line.bytes.append(byte) } else { line.cut = true }
            }
        }
    }

    private mutating func endLine() {
        if first.count < keep {
            first.append(line)
        } else if keep > 0 {
            if last.count == keep { last.removeFirst() }
            last.append(line)
        }
        ended += 1
        line = RawLine()
    }

    /// How many lines the output has: a last line without a newline counts.
    public var lines: Int64 { ended + (line.bytes.isEmpty ? 0 : 1) }

    /// The first lines and the last ones after them (none when the first hold them all), inert
    /// and capped; a last line without a newline is among them.
    public var digest: (head: [String], tail: [String]) {
        var whole = self
        if !whole.line.bytes.isEmpty { whole.endLine() }
        return (whole.first.map(clean), whole.last.map(clean))
    }

    /// One kept line in words: escapes dropped, controls visible, at most `lineLimit` characters.
    private func clean(_ raw: RawLine) -> String {
        let text = Sanitizer.clean(Sanitizer.withoutEscapeSequences(String(decoding: raw.bytes, as: UTF8.self)))
        guard raw.cut || text.count > lineLimit else { return text }
        return String(text.prefix(lineLimit - 1)) + "…"
    }
}
