import Testing
import WarRoomCore

/// What counts as a TODO proposal: `TODO:` at the start, any case, after any leading blanks.
@Suite struct TodoProposalTests {
    @Test(arguments: [("TODO: add an alert", true), ("  todo: x", true), ("Todo:x", true), ("\tTODO:", true),
                      ("ToDo: ünïcode ✅", true), ("TODO:", true), ("\nTODO: after a newline", true),
                      ("TODO x", false), ("TODO", false), ("xTODO: y", false), ("", false), ("   ", false),
                      ("TO DO: y", false), ("TODO;", false)])
    func proposal(_ text: String, _ expected: Bool) {
        #expect(TodoProposal.isTodo(text) == expected, "\(text)")
    }
}
