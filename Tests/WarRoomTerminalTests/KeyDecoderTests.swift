import CTerminal
import Testing
@testable import WarRoomTerminal
import WarRoomScreen

/// What `wget_wch` values mean as keys (pure: no screen).
struct KeyDecoderTests {
    static let characters: [(UInt32, Key?)] = [
        (0x61, .character("a")), (0x20, .character(" ")), (0xE9, .character("é")), (0x4E2D, .character("中")),
        (13, .enter), (10, .enter), (9, .tab), (127, .backspace), (8, .backspace), (27, .escape),
        (1, .ctrl("a")), (3, .ctrl("c")), (17, .ctrl("q")), (26, .ctrl("z")),
        (0, nil), (28, nil), (31, nil), (0x85, nil), (0x9B, nil), (0xD800, nil),
    ]

    @Test(arguments: characters) func character(_ value: UInt32, _ key: Key?) {
        #expect(KeyDecoder.key(character: value) == key)
    }

    static let codes: [(Int32, Key?)] = [
        (KEY_ENTER, .enter), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
        (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
        (ct_key_f(1), .function(1)), (ct_key_f(12), .function(12)),
        (ct_key_f(0), nil), (ct_key_f(13), nil), (KEY_MOUSE, nil), (KEY_SRIGHT, nil),
    ]

    @Test(arguments: codes) func code(_ code: Int32, _ key: Key?) {
        #expect(KeyDecoder.key(code: code) == key)
    }
}
