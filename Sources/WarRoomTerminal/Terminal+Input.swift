import CTerminal
import WarRoomScreen

extension Terminal {
    /// A paste whose end marker has not come after this long is taken as finished.
    static let pasteGapMillis: Int32 = 200

    /// The next key, paste or resize, waiting at most `timeoutMillis` (negative: no limit).
    /// Nil when nothing came in time, or when a signal interrupted the wait (check
    /// `pendingSignal()`). Keys the war room does not use are skipped, not returned.
    public func read(timeoutMillis: Int) -> TerminalInput? {
        guard !isShutDown else { return nil }
        if !queuedInput.isEmpty { return queuedInput.removeFirst() }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeoutMillis))
        var remaining = timeoutMillis
        while true {
            wtimeout(window, Int32(clamping: remaining))
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            if status == ERR {
                noteHangUp()
                return nil
            }
            if let input = decode(status: status, value: value) { return input }
            if timeoutMillis >= 0 {
                let left = clock.now.duration(to: deadline)
                remaining = Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
                if remaining <= 0 { return nil }
            }
        }
    }

    func decode(status: Int32, value: wint_t) -> TerminalInput? {
        guard status == KEY_CODE_YES else { return KeyDecoder.key(character: value).map(TerminalInput.key) }
        let code = Int32(bitPattern: value)
        switch code {
        case Self.pasteStartCode: return readPaste()
        case Self.pasteEndCode: return nil
        case KEY_RESIZE: return resizeInput()
        default: return KeyDecoder.key(code: code).map(TerminalInput.key)
        }
    }

    private func resizeInput() -> TerminalInput {
        let current = size
        return .resize(width: current.width, height: current.height)
    }

    /// Everything up to the paste end marker, as text: line breaks become "\n", tabs stay, other
    /// controls go. Ends early (keeping what came) if the end marker never arrives.
    private func readPaste() -> TerminalInput {
        var text = ""
        var bytes = 0
        var afterCarriageReturn = false
        wtimeout(window, Self.pasteGapMillis)
        while true {
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            if status == ERR { break }
            var piece: String?
            if status == KEY_CODE_YES {
                let code = Int32(bitPattern: value)
                if code == Self.pasteEndCode { break }
                if code == KEY_RESIZE { queuedInput.append(resizeInput()) }
                if code == KEY_ENTER { piece = "\n" }
                afterCarriageReturn = false
            } else {
                switch value {
                case 13:
                    piece = "\n"
                case 10:
                    // "\r\n" is one line break.
                    piece = afterCarriageReturn ? nil : "\n"
                case 9:
                    piece = "\t"
                case 0..<32, 127, 0x80...0x9F:
                    piece = nil
                default:
                    piece = Unicode.Scalar(value).map { String(Character($0)) }
                }
                afterCarriageReturn = value == 13
            }
            if let piece, bytes + piece.utf8.count <= pasteLimitBytes {
                text += piece
                bytes += piece.utf8.count
            }
        }
        return .paste(text)
    }
}
