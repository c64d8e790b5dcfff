/// A key press, as the terminal layer reports it and the model consumes it.
public enum Key: Hashable, Sendable {
    /// A printable grapheme.
    case character(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl + a letter (`ctrl("q")`).
    case ctrl(Character)
    /// A function key, F1…F12.
    case function(Int)
}

/// What the terminal layer delivers to the model.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    /// Text that arrived between bracketed-paste markers: inserted as text, never run as keys.
    case paste(String)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
}
