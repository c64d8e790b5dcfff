import WarRoomScreen
import WarRoomTerminal
import WarRoomUI

/// `warroom report --screen`: the report's text full screen until q; the terminal is restored on
/// every way out.
public final class ReportScreenRuntime {
    public enum Outcome: Hashable, Sendable {
        case quit
        case signal(Int32)
    }

    let text: String
    let title: String
    let theme: Theme
    let noColor: Bool
    let openTerminal: (() throws -> any TerminalDevice)?

    public init(text: String, title: String, theme: Theme, noColor: Bool, openTerminal: (() throws -> any TerminalDevice)? = nil) {
        self.text = text
        self.title = title
        self.theme = theme
        self.noColor = noColor
        self.openTerminal = openTerminal
    }

    public func run() throws -> Outcome {
        let terminal = try openTerminal?() ?? Terminal(theme: theme, noColor: noColor)
        defer { terminal.shutdown() }
        let size = terminal.size
        var model = ReportScreenModel(text: text, title: title, width: size.width, height: size.height)
        var dirty = true
        while true {
            if dirty {
                terminal.draw(ReportScreenView.render(model), cursor: nil)
                dirty = false
            }
            let wait = terminal.read(timeoutMillis: 1_000, wakingOn: nil)
            if let signal = terminal.pendingSignal() { return .signal(signal) }
            guard case .input(let input) = wait else { continue }
            dirty = true
            switch model.update(input) {
            case .quit: return .quit
            case .redraw: terminal.invalidate()
            case nil: break
            }
        }
    }
}
