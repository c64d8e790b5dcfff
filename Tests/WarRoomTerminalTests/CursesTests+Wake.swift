import CTerminal
import Glibc
import Testing
@testable import WarRoomTerminal
import WarRoomScreen

extension CursesTests {
    /// The read that also wakes on another descriptor (a store's change signal): stdin and the
    /// descriptor polled together, keys still decoded by curses, keys curses holds first.
    @Suite struct Wake {
        typealias PipedTerminal = CursesTests.Input.PipedTerminal

        /// A pipe standing for a change signal.
        final class WakePipe {
            let readEnd: Int32
            private var writeEnd: Int32

            init() throws {
                var fds: [Int32] = [-1, -1]
                try #require(pipe(&fds) == 0)
                readEnd = fds[0]
                writeEnd = fds[1]
            }

            func fire() {
                var byte: UInt8 = 1
                _ = write(writeEnd, &byte, 1)
            }

            func drain() {
                var byte: UInt8 = 0
                _ = read(readEnd, &byte, 1)
            }

            func closeWriteEnd() {
                if writeEnd >= 0 { close(writeEnd) }
                writeEnd = -1
            }

            deinit {
                close(readEnd)
                closeWriteEnd()
            }
        }

        @Test func nothingTimesOut() throws {
            let piped = try PipedTerminal()
            let wake = try WakePipe()
            #expect(piped.terminal.read(timeoutMillis: 30, wakingOn: wake.readEnd) == .timedOut)
        }

        @Test func readableDescriptorWakes() throws {
            let piped = try PipedTerminal()
            let wake = try WakePipe()
            wake.fire()
            #expect(piped.terminal.read(timeoutMillis: 5_000, wakingOn: wake.readEnd) == .woken)
            #expect(piped.terminal.read(timeoutMillis: 5_000, wakingOn: wake.readEnd) == .woken, "not drained: still readable")
            wake.drain()
            #expect(piped.terminal.read(timeoutMillis: 30, wakingOn: wake.readEnd) == .timedOut)
        }

        @Test func keysAreDecodedWhileWaitingOnTheDescriptor() throws {
            let piped = try PipedTerminal()
            let wake = try WakePipe()
            piped.send("a\u{1B}OA\u{1B}[5~é中\u{1B}[200~two\r\nlines\u{1B}[201~\u{11}")
            let expected: [TerminalInput] = [.key(.character("a")), .key(.up), .key(.pageUp), .key(.character("é")),
                                             .key(.character("中")), .paste("two\nlines"), .key(.ctrl("q"))]
            for input in expected {
                #expect(piped.terminal.read(timeoutMillis: 5_000, wakingOn: wake.readEnd) == .input(input))
            }
            piped.send("\u{1B}")
            #expect(piped.terminal.read(timeoutMillis: 5_000, wakingOn: wake.readEnd) == .input(.key(.escape)))
        }

        @Test func keysWaitingComeBeforeTheWakeUpAndNoneIsLost() throws {
            let piped = try PipedTerminal()
            let wake = try WakePipe()
            piped.send("xy")
            wake.fire()
            var seen: [TerminalWait] = []
            for _ in 0..<3 { seen.append(piped.terminal.read(timeoutMillis: 5_000, wakingOn: wake.readEnd)) }
            #expect(seen == [.input(.key(.character("x"))), .input(.key(.character("y"))), .woken])
        }

        @Test func resizeCursesHoldsComesFirst() throws {
            let piped = try PipedTerminal(width: 30, height: 8)
            let wake = try WakePipe()
            wake.fire()
            resizeterm(12, 40)
            #expect(piped.terminal.read(timeoutMillis: 1_000, wakingOn: wake.readEnd) == .input(.resize(width: 40, height: 12)))
            #expect(piped.terminal.read(timeoutMillis: 1_000, wakingOn: wake.readEnd) == .woken)
        }

        @Test func hungUpDescriptorFailsInsteadOfSpinning() throws {
            let piped = try PipedTerminal()
            let wake = try WakePipe()
            wake.closeWriteEnd()
            guard case .wakeFailed(let reason) = piped.terminal.read(timeoutMillis: 5_000, wakingOn: wake.readEnd) else {
                Issue.record("a hung-up descriptor must be reported")
                return
            }
            #expect(reason.contains("closed"))
        }

        @Test func endOfInputIsTimedOutNotABusyLoop() throws {
            let piped = try PipedTerminal()
            let wake = try WakePipe()
            piped.closeInput()
            #expect(piped.terminal.read(timeoutMillis: 50, wakingOn: wake.readEnd) == .timedOut)
        }

        @Test func withoutDescriptorItIsThePlainRead() throws {
            let piped = try PipedTerminal()
            piped.send("k")
            #expect(piped.terminal.read(timeoutMillis: 1_000, wakingOn: nil) == .input(.key(.character("k"))))
            #expect(piped.terminal.read(timeoutMillis: 30, wakingOn: nil) == .timedOut)
        }
    }
}
