import CTerminal
import Glibc
import Testing
@testable import WarRoomTerminal
import WarRoomScreen

extension CursesTests {
    /// Keys and pastes fed through a pipe into a headless xterm-256color screen: the real
    /// escape-sequence decoding of ncurses, no terminal.
    @Suite struct Input {
        /// A headless terminal reading from a pipe; `send` writes bytes to it.
        final class PipedTerminal {
            let terminal: Terminal
            private var writeEnd: Int32

            init(width: Int = 30, height: Int = 8) throws {
                var fds: [Int32] = [0, 0]
                try #require(pipe(&fds) == 0)
                let input = try #require(fdopen(fds[0], "r"))
                writeEnd = fds[1]
                terminal = try Terminal.headless(width: width, height: height, theme: CursesTests.theme, input: input)
            }

            func send(_ text: String) {
                var bytes = Array(text.utf8)
                _ = write(writeEnd, &bytes, bytes.count)
            }

            func closeInput() {
                if writeEnd >= 0 { close(writeEnd) }
                writeEnd = -1
            }

            deinit {
                closeInput()
                terminal.shutdown()
            }
        }

        @Test func keysAreDecoded() throws {
            let piped = try PipedTerminal()
            // xterm-256color sends cursor and function keys in keypad-transmit form (ESC O …).
            piped.send("a\r\n\u{3}\t\u{7F}\u{8}é中\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD\u{1B}OH\u{1B}OF"
                + "\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[Z\u{1B}OP\u{1B}[15~\u{1B}[24~\u{11}\u{1A}")
            let expected: [Key] = [
                .character("a"), .enter, .enter, .ctrl("c"), .tab, .backspace, .backspace,
                .character("é"), .character("中"), .up, .down, .right, .left, .home, .end,
                .pageUp, .pageDown, .delete, .backTab, .function(1), .function(5), .function(12),
                .ctrl("q"), .ctrl("z"),
            ]
            for key in expected {
                #expect(piped.terminal.read(timeoutMillis: 1000) == .key(key))
            }
            // A lone Esc is a key once the 25 ms escape delay has passed.
            piped.send("\u{1B}")
            #expect(piped.terminal.read(timeoutMillis: 1000) == .key(.escape))
            // Nothing typed: nil after the timeout.
            #expect(piped.terminal.read(timeoutMillis: 30) == nil)
        }

        @Test func bracketedPasteIsTextNotKeys() throws {
            let piped = try PipedTerminal()
            piped.send("\u{1B}[200~first line\r\nsecond\rthird\n\tindented é 中\u{3}\u{1B}[201~q")
            #expect(piped.terminal.read(timeoutMillis: 1000) == .paste("first line\nsecond\nthird\n\tindented é 中"))
            #expect(piped.terminal.read(timeoutMillis: 1000) == .key(.character("q")))
        }

        @Test func pasteWithoutEndMarkerEndsAfterAPause() throws {
            let piped = try PipedTerminal()
            piped.send("\u{1B}[200~half a paste")
            #expect(piped.terminal.read(timeoutMillis: 1000) == .paste("half a paste"))
            // The paste is over: what is typed after the pause is a key again, not more paste text.
            piped.send("q")
            #expect(piped.terminal.read(timeoutMillis: 1000) == .key(.character("q")))
        }

        @Test func oversizedPasteIsCutAndTheRestDropped() throws {
            let piped = try PipedTerminal()
            piped.terminal.pasteLimitBytes = 8
            piped.send("\u{1B}[200~0123456789abcdef\u{1B}[201~x")
            #expect(piped.terminal.read(timeoutMillis: 1000) == .paste("01234567"))
            #expect(piped.terminal.read(timeoutMillis: 1000) == .key(.character("x")))
        }

        @Test func resizeReportsTheNewSize() throws {
            let piped = try PipedTerminal(width: 30, height: 8)
            // What ncurses does on SIGWINCH: resizeterm, which queues KEY_RESIZE for the next read.
            resizeterm(12, 40)
            #expect(piped.terminal.read(timeoutMillis: 1000) == .resize(width: 40, height: 12))
            #expect(piped.terminal.read(timeoutMillis: 0) == nil)
        }

        @Test func endOfInputIsNilNotABusyLoop() throws {
            let piped = try PipedTerminal()
            piped.closeInput()
            #expect(piped.terminal.read(timeoutMillis: 50) == nil)
        }
    }
}
