import Testing
import WarRoomConfig
import WarRoomUI
import WarRoomTestSupport

/// The scripted checkout outage at fixed sizes and themes, with a fixed clock.
@Suite("Golden screens")
struct GoldenScreenTests {
    @Test("Golden screens", arguments: [(120, 40), (80, 24), (40, 12)], ["dark", "monochrome"])
    func golden(_ size: (Int, Int), _ themeName: String) throws {
        let script = Script.checkoutOutage()
        let theme = try #require(ThemeCatalog.builtIn(themeName))
        let model = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                                 width: size.0, height: size.1)
        try Golden.check(WarRoomView.render(model).grid, theme: theme, name: "checkout-\(size.0)x\(size.1)-\(themeName)")
    }

    @Test("Help screen and too-small notice")
    func overlays() throws {
        let script = Script.checkoutOutage()
        let theme = ThemeCatalog.defaultTheme
        var model = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                                 width: 80, height: 24)
        model.mode = .help
        try Golden.check(WarRoomView.render(model).grid, theme: theme, name: "help-80x24-dark")
        model.mode = .input
        model.width = 20
        model.height = 6
        try Golden.check(WarRoomView.render(model).grid, theme: theme, name: "too-small-20x6-dark")
    }

    @Test("Everything owed at once, and the all-clear owed after resolution",
          arguments: [(80, 24), (120, 40), (50, 14)])
    func owedAndResolved(_ size: (Int, Int)) throws {
        let theme = ThemeCatalog.defaultTheme
        let owed = ScreenAlertsTests.everythingOwed()
        try Golden.check(WarRoomView.render(ScreenAlertsTests.model(owed, width: size.0, height: size.1)).grid, theme: theme,
                         name: "owed-\(size.0)x\(size.1)-dark")
        let resolved = ScreenPanesTests.resolved()
        try Golden.check(WarRoomView.render(ScreenPanesTests.model(resolved, width: size.0, height: size.1)).grid, theme: theme,
                         name: "resolved-\(size.0)x\(size.1)-dark")
    }
}
