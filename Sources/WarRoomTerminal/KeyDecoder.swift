import CTerminal
import WarRoomScreen

/// Turns what `wget_wch` reports into keys: characters (`OK`) and key codes (`KEY_CODE_YES`).
/// Paste markers and resizes need the terminal's state and are handled by `Terminal`.
enum KeyDecoder {
    /// The key for a character `wget_wch` returned with `OK`; nil for bytes that are no key
    /// (NUL, the other C0 and C1 controls, invalid scalars).
    static func key(character value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 127, 8: return .backspace
        case 27: return .escape
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26 (raw mode: Ctrl-C arrives here, not as SIGINT).
            guard let letter = Unicode.Scalar(UInt32(UInt8(ascii: "a")) + value - 1) else { return nil }
            return .ctrl(Character(letter))
        case 0..<32, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// The key for a key code `wget_wch` returned with `KEY_CODE_YES`; nil for keys the war
    /// room does not use (mouse, keypad extras, shifted arrows …).
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        default:
            let function = Int(code - ct_key_f(0))
            return (1...12).contains(function) ? .function(function) : nil
        }
    }
}
