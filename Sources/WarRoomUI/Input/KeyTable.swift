import WarRoomCore
import WarRoomScreen
/// Where keys go: the input line, navigation (scrolling the timeline), the help screen, or the
/// quit question.
public enum Mode: Hashable, Sendable {
    case input, navigate, help, confirmQuit
    /// Editing a status-update draft.
    case compose
    /// The results of `/search`, over the panes.
    case search
    /// A runbook, over the panes (F2, `/runbook`).
    case runbook
}

/// What a key does.
public enum KeyAction: Hashable, Sendable {
    case submit, complete, historyBack, historyForward
    case cursorLeft, cursorRight, cursorHome, cursorEnd, backspace, deleteForward, deleteWord, deleteToStart
    case scrollUp, scrollDown, pageUp, pageDown, jumpNewest, jumpOldest
    case help, closeOverlay, quit, navigate, backToInput, nextPane, startFilter, redraw
    case lineUp, lineDown, newline, nextAudience, post
    /// Throw away the edits of the open status-update draft (asks first).
    case discard
    /// The runbook view: open it, move between its code blocks and runbooks, run a block.
    case openRunbook, nextBlock, previousBlock, runBlock, nextRunbook, previousRunbook
}

/// One row of the key table: keys, what they do, in which modes, and whether the footer shows it.
/// The footer hints and the help screen are generated from `KeyTable.all`.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    /// How the keys are written in hints: `F1`, `Ctrl-Q`, `PgUp/PgDn`.
    public var label: String
    public var action: KeyAction
    public var help: String
    public var modes: Set<Mode>
    public var inFooter: Bool

    /// A binding whose label is already shown by its partner (`↓` beside `↑/↓`) is left out of
    /// the help screen.
    public var inHelp: Bool { !KeyTable.partners.contains(label) }
}

public enum KeyTable {
    /// Labels that the help screen shows through their partner binding.
    static let partners: Set<String> = ["↓", "→", "PgDn", "↓/j", "p", "Shift-Tab"]

    public static let all: [KeyBinding] = [
        KeyBinding(keys: [.enter], label: "Enter", action: .submit, help: "Record the line (a note, or a /command)",
                   modes: [.input], inFooter: true),
        KeyBinding(keys: [.tab], label: "Tab", action: .complete, help: "Complete commands, roles, people, hypothesis ids",
                   modes: [.input], inFooter: true),
        KeyBinding(keys: [.up], label: "↑/↓", action: .historyBack, help: "Recall earlier lines", modes: [.input], inFooter: true),
        KeyBinding(keys: [.down], label: "↓", action: .historyForward, help: "Recall later lines", modes: [.input], inFooter: false),
        KeyBinding(keys: [.pageUp], label: "PgUp/PgDn", action: .pageUp, help: "Scroll the timeline",
                   modes: [.input, .navigate], inFooter: true),
        KeyBinding(keys: [.pageDown], label: "PgDn", action: .pageDown, help: "Scroll the timeline down",
                   modes: [.input, .navigate], inFooter: false),
        KeyBinding(keys: [.ctrl("e")], label: "Ctrl-E", action: .jumpNewest, help: "Jump to the newest entry and follow",
                   modes: [.input], inFooter: false),
        KeyBinding(keys: [.escape], label: "Esc", action: .navigate, help: "Navigation mode: arrows scroll, / filters, i types",
                   modes: [.input], inFooter: true),
        KeyBinding(keys: [.ctrl("t")], label: "Ctrl-T", action: .nextPane, help: "Next pane (small screens show one at a time)",
                   modes: [.input, .navigate], inFooter: false),
        KeyBinding(keys: [.function(1)], label: "F1", action: .help, help: "This help", modes: [.input, .navigate], inFooter: true),
        KeyBinding(keys: [.function(2)], label: "F2", action: .openRunbook, help: "The runbooks for this incident; /runbook NAME links another",
                   modes: [.input, .navigate], inFooter: false),
        KeyBinding(keys: [.ctrl("q")], label: "Ctrl-Q", action: .quit, help: "Quit (asks first if text is unsent)",
                   modes: [.input, .navigate, .help], inFooter: true),
        KeyBinding(keys: [.ctrl("l")], label: "Ctrl-L", action: .redraw, help: "Redraw the screen",
                   modes: [.input, .navigate, .help], inFooter: false),
        // Editing
        KeyBinding(keys: [.left], label: "←/→", action: .cursorLeft, help: "Move the cursor", modes: [.input], inFooter: false),
        KeyBinding(keys: [.right], label: "→", action: .cursorRight, help: "Move the cursor right", modes: [.input], inFooter: false),
        KeyBinding(keys: [.home, .ctrl("a")], label: "Home/Ctrl-A", action: .cursorHome, help: "Start of line", modes: [.input], inFooter: false),
        KeyBinding(keys: [.end], label: "End", action: .cursorEnd, help: "End of line", modes: [.input], inFooter: false),
        KeyBinding(keys: [.backspace], label: "Backspace", action: .backspace, help: "Delete before the cursor", modes: [.input], inFooter: false),
        KeyBinding(keys: [.delete, .ctrl("d")], label: "Del/Ctrl-D", action: .deleteForward, help: "Delete at the cursor", modes: [.input], inFooter: false),
        KeyBinding(keys: [.ctrl("w")], label: "Ctrl-W", action: .deleteWord, help: "Delete the word before the cursor", modes: [.input], inFooter: false),
        KeyBinding(keys: [.ctrl("u")], label: "Ctrl-U", action: .deleteToStart, help: "Delete to the start of the line", modes: [.input], inFooter: false),
        // Navigation mode
        KeyBinding(keys: [.up, .character("k")], label: "↑/k ↓/j", action: .scrollUp, help: "Scroll one row",
                   modes: [.navigate], inFooter: true),
        KeyBinding(keys: [.down, .character("j")], label: "↓/j", action: .scrollDown, help: "Scroll one row down", modes: [.navigate], inFooter: false),
        KeyBinding(keys: [.character("G"), .end], label: "G/End", action: .jumpNewest, help: "Newest entry, follow", modes: [.navigate], inFooter: true),
        KeyBinding(keys: [.character("g"), .home], label: "g/Home", action: .jumpOldest, help: "Oldest entry", modes: [.navigate], inFooter: false),
        KeyBinding(keys: [.character("/")], label: "/", action: .startFilter, help: "Filter the timeline", modes: [.navigate], inFooter: true),
        KeyBinding(keys: [.tab], label: "Tab", action: .nextPane, help: "Next pane", modes: [.navigate], inFooter: true),
        KeyBinding(keys: [.character("i"), .escape, .enter], label: "i/Esc", action: .backToInput, help: "Back to typing",
                   modes: [.navigate], inFooter: true),
        KeyBinding(keys: [.character("q")], label: "q", action: .quit, help: "Quit", modes: [.navigate], inFooter: false),
        // Composing a status update
        KeyBinding(keys: [.ctrl("s")], label: "Ctrl-S", action: .post, help: "Post the update (records it, restarts the countdown)",
                   modes: [.compose], inFooter: true),
        KeyBinding(keys: [.tab], label: "Tab", action: .nextAudience, help: "Next audience (\(Audience.names.joined(separator: ", "))); edits are kept",
                   modes: [.compose], inFooter: true),
        KeyBinding(keys: [.escape], label: "Esc", action: .closeOverlay, help: "Close; an edited draft is kept for /update AUDIENCE",
                   modes: [.compose], inFooter: true),
        KeyBinding(keys: [.ctrl("x")], label: "Ctrl-X", action: .discard, help: "Discard edits to this draft (asks first)",
                   modes: [.compose], inFooter: true),
        KeyBinding(keys: [.enter], label: "Enter", action: .newline, help: "New line", modes: [.compose], inFooter: false),
        KeyBinding(keys: [.up], label: "↑/↓ ←/→", action: .lineUp, help: "Move in the draft", modes: [.compose], inFooter: false),
        KeyBinding(keys: [.down], label: "↓", action: .lineDown, help: "Next line", modes: [.compose], inFooter: false),
        KeyBinding(keys: [.left], label: "←", action: .cursorLeft, help: "Left", modes: [.compose], inFooter: false),
        KeyBinding(keys: [.right], label: "→", action: .cursorRight, help: "Right", modes: [.compose], inFooter: false),
        KeyBinding(keys: [.backspace], label: "Backspace", action: .backspace, help: "Delete before the cursor", modes: [.compose], inFooter: false),
        KeyBinding(keys: [.delete], label: "Del", action: .deleteForward, help: "Delete at the cursor", modes: [.compose], inFooter: false),
        KeyBinding(keys: [.ctrl("q")], label: "Ctrl-Q", action: .quit, help: "Quit", modes: [.compose], inFooter: false),
        // Help
        KeyBinding(keys: [.escape, .function(1), .character("q"), .enter], label: "Esc", action: .closeOverlay, help: "Close help",
                   modes: [.help], inFooter: true),
        KeyBinding(keys: [.up, .character("k")], label: "↑/↓", action: .scrollUp, help: "Scroll help", modes: [.help], inFooter: true),
        KeyBinding(keys: [.down, .character("j")], label: "↓", action: .scrollDown, help: "Scroll help down", modes: [.help], inFooter: false),
        KeyBinding(keys: [.pageUp], label: "PgUp", action: .pageUp, help: "Page up", modes: [.help], inFooter: false),
        KeyBinding(keys: [.pageDown], label: "PgDn", action: .pageDown, help: "Page down", modes: [.help], inFooter: false),
        // Search results
        KeyBinding(keys: [.escape, .character("q"), .enter], label: "Esc", action: .closeOverlay, help: "Close the search results",
                   modes: [.search], inFooter: true),
        KeyBinding(keys: [.up, .character("k")], label: "↑/↓", action: .scrollUp, help: "Scroll the results", modes: [.search], inFooter: true),
        KeyBinding(keys: [.down, .character("j")], label: "↓", action: .scrollDown, help: "Scroll the results down", modes: [.search], inFooter: false),
        KeyBinding(keys: [.pageUp], label: "PgUp", action: .pageUp, help: "Page up", modes: [.search], inFooter: false),
        KeyBinding(keys: [.pageDown], label: "PgDn", action: .pageDown, help: "Page down", modes: [.search], inFooter: false),
        KeyBinding(keys: [.ctrl("q")], label: "Ctrl-Q", action: .quit, help: "Quit", modes: [.search], inFooter: false),
        // A runbook
        KeyBinding(keys: [.escape, .character("q"), .function(2)], label: "Esc", action: .closeOverlay, help: "Close the runbook",
                   modes: [.runbook], inFooter: true),
        KeyBinding(keys: [.up, .character("k")], label: "↑/↓", action: .scrollUp, help: "Scroll the runbook", modes: [.runbook], inFooter: true),
        KeyBinding(keys: [.down, .character("j")], label: "↓", action: .scrollDown, help: "Scroll the runbook down", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.pageUp, .character("b")], label: "PgUp", action: .pageUp, help: "Page up", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.pageDown, .character(" ")], label: "PgDn", action: .pageDown, help: "Page down", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.home, .character("g")], label: "g/Home", action: .jumpOldest, help: "Top of the runbook", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.end, .character("G")], label: "G/End", action: .jumpNewest, help: "End of the runbook", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.tab], label: "Tab", action: .nextBlock, help: "Select the next code block (Shift-Tab: the one before)",
                   modes: [.runbook], inFooter: true),
        KeyBinding(keys: [.backTab], label: "Shift-Tab", action: .previousBlock, help: "Select the code block before", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.enter, .character("x")], label: "Enter", action: .runBlock,
                   help: "Run the selected code block in this terminal, recorded as warroom exec does (asks first)", modes: [.runbook], inFooter: true),
        KeyBinding(keys: [.character("n"), .right], label: "n/p", action: .nextRunbook, help: "Next runbook that answers the incident (p: the one before)",
                   modes: [.runbook], inFooter: true),
        KeyBinding(keys: [.character("p"), .left], label: "p", action: .previousRunbook, help: "The runbook before", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.ctrl("q")], label: "Ctrl-Q", action: .quit, help: "Quit", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.ctrl("l")], label: "Ctrl-L", action: .redraw, help: "Redraw the screen", modes: [.runbook], inFooter: false),
        KeyBinding(keys: [.function(1)], label: "F1", action: .help, help: "Every key and command", modes: [.runbook], inFooter: false),
    ]

    /// The action of `key` in `mode`, if any.
    public static func action(for key: Key, in mode: Mode) -> KeyAction? {
        all.first { $0.modes.contains(mode) && $0.keys.contains(key) }?.action
    }

    /// The footer hints of a mode, in table order.
    public static func footer(for mode: Mode) -> [KeyBinding] {
        all.filter { $0.inFooter && $0.modes.contains(mode) }
    }

    /// The footer hints of a mode; a read-only wall display leaves out every key that types,
    /// records or filters (it takes no typing), so it never offers "Enter record".
    public static func footer(for mode: Mode, readOnly: Bool) -> [KeyBinding] {
        footer(for: mode).filter { !readOnly || !typingActions.contains($0.action) }
    }

    /// Actions that edit or submit the input line: refused by a read-only wall display.
    public static let typingActions: Set<KeyAction> = [
        .submit, .complete, .historyBack, .historyForward, .cursorLeft, .cursorRight, .cursorHome, .cursorEnd,
        .backspace, .deleteForward, .deleteWord, .deleteToStart, .startFilter, .backToInput, .newline, .post, .discard,
    ]
}
