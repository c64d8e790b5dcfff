import CTerminal
import Glibc
import WarRoomScreen

extension Terminal {
    /// A screen of `width` × `height` on `xterm-256color` in the C.UTF-8 locale that writes to
    /// /dev/null: real curses, no terminal, for tests that read the screen back. `input` (taken
    /// over and closed at shutdown) feeds keys; /dev/null when nil.
    package static func headless(width: Int, height: Int, theme: Theme, noColor: Bool = false,
                                 input: UnsafeMutablePointer<FILE>? = nil) throws -> Terminal {
        guard let output = fopen("/dev/null", "w") else {
            if let input { fclose(input) }
            throw TerminalError.screenUnavailable("xterm-256color")
        }
        guard let input = input ?? fopen("/dev/null", "r") else {
            fclose(output)
            throw TerminalError.screenUnavailable("xterm-256color")
        }
        let terminal: Terminal
        do {
            terminal = try Terminal(terminalName: "xterm-256color", output: output, input: input,
                                    ownedFiles: [output, input], theme: theme, noColor: noColor, catchInterrupts: false,
                                    locale: "C.UTF-8")
        } catch {
            fclose(output)
            fclose(input)
            throw error
        }
        resizeterm(Int32(height), Int32(width))
        // resizeterm queues a KEY_RESIZE; a fresh screen has not been resized from anyone's view.
        flushinp()
        return terminal
    }

    /// The text curses holds for the cell at (`x`, `y`): what the terminal was told to show.
    package func screenText(x: Int, y: Int) -> String {
        var cell = cchar_t()
        guard !isShutDown, mvwin_wch(window, Int32(y), Int32(x), &cell) != ERR else { return "" }
        var characters = [wchar_t](repeating: 0, count: CellText.capacity + 1)
        var attributes: attr_t = 0
        var pair: Int32 = 0
        let count = ct_get_cchar(&cell, &characters, Int32(characters.count), &attributes, &pair)
        guard count > 0 else { return "" }
        var text = ""
        for character in characters.prefix(Int(count)) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: character)) { text.unicodeScalars.append(scalar) }
        }
        return text
    }

    /// The attributes and colour pair curses holds for the cell at (`x`, `y`).
    package func screenStyle(x: Int, y: Int) -> (attributes: UInt32, pair: Int32)? {
        var cell = cchar_t()
        guard !isShutDown, mvwin_wch(window, Int32(y), Int32(x), &cell) != ERR else { return nil }
        var characters = [wchar_t](repeating: 0, count: CellText.capacity + 1)
        var attributes: attr_t = 0
        var pair: Int32 = 0
        guard ct_get_cchar(&cell, &characters, Int32(characters.count), &attributes, &pair) >= 0 else { return nil }
        return (UInt32(attributes), pair)
    }
}
