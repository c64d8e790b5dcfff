import CTerminal

/// How one role is drawn in curses terms: attributes and a colour pair.
struct CellStyle: Equatable {
    var attributes: attr_t
    var pair: Int32
}
