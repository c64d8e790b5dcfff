import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// What is owed, on every screen size: the strip under the header names every kind of thing owed
/// (collapsed by kind, with counts), the header never repeats it, and no word is cut in half.
@Suite("Screen: header and alerts")
struct ScreenAlertsTests {
    /// A SEV2 36 minutes in with everything owed at once: no roles (an IC owed, four vacant),
    /// Eng Manager not told, the initial notification overdue, two timeboxes expired, root cause
    /// still open.
    static func everythingOwed() -> Scenario {
        var s = Scenario.declared(.sev2, title: "Payments webhook retries exhausting the worker pool")
        s.advance(.minutes(2))
        s.must(.openHypothesis(text: "Bad deploy of the webhook consumer", owner: "bob", timebox: .minutes(5)), by: "bob")
        s.must(.openHypothesis(text: "Provider rate limiting us", owner: "dan", timebox: .minutes(5)), by: "bob")
        s.advance(.minutes(34))
        return s
    }

    static func model(_ s: Scenario, width: Int, height: Int) -> WarRoomModel {
        WarRoomModel(incident: s.s, policy: s.policy, now: s.now, author: "carol", width: width, height: height)
    }

    /// Rows 1 … the strip's last, as text.
    static func strip(_ grid: Grid, _ model: WarRoomModel) -> [String] {
        let alerts = model.incident.alerts(policy: model.policy, now: model.now)
        let layout = Layout(width: model.width, height: model.height,
                            alertCount: AlertsStrip.rowsWanted(alerts, now: model.now), focused: model.focusedPane)
        return (layout.alerts.y..<layout.alerts.maxY).map { grid.lines[$0] }
    }

    /// What a reader must find for each kind owed in `everythingOwed`.
    static let kinds = ["Initial notification", "Notify Eng Manager", "2 hypotheses expired", "Assign an I", "roles vacant", "Root cause"]

    @Test("Every kind of thing owed is on screen, by kind with counts, never only '… and N more'",
          arguments: [(80, 24), (120, 40), (100, 30), (200, 50), (90, 20)])
    func everyKindVisible(_ size: (Int, Int)) throws {
        let s = Self.everythingOwed()
        #expect(s.s.alerts(policy: s.policy, now: s.now).count >= 8, "the scenario owes many things")
        let model = Self.model(s, width: size.0, height: size.1)
        let grid = WarRoomView.render(model).grid
        let strip = Self.strip(grid, model).joined(separator: "\n")
        for kind in Self.kinds {
            #expect(strip.contains(kind), "\(kind) is not visible at \(size.0)×\(size.1):\n\(strip)")
        }
        #expect(!strip.contains("more"), "nothing hides behind a count at \(size.0)×\(size.1):\n\(strip)")
    }

    @Test("A small screen shows as many kinds as fit and counts the rest", arguments: [(40, 12), (48, 10), (59, 15)])
    func smallScreenCounts(_ size: (Int, Int)) throws {
        let s = Self.everythingOwed()
        let model = Self.model(s, width: size.0, height: size.1)
        let grid = WarRoomView.render(model).grid
        let strip = Self.strip(grid, model).joined(separator: "\n")
        let shown = Self.kinds.filter { strip.contains($0) }.count
        let counted = strip.split(separator: "+").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }.reduce(0, +)
        #expect(shown >= 1)
        #expect(shown + counted >= Self.kinds.count, "every kind is shown or counted at \(size.0)×\(size.1):\n\(strip)")
    }

    @Test("The header never repeats the alerts the strip shows", arguments: [(80, 24), (120, 40), (40, 12), (200, 50)])
    func headerDoesNotRepeat(_ size: (Int, Int)) throws {
        for s in [Self.everythingOwed(), Script.checkoutOutage().asScenario] {
            let model = Self.model(s, width: size.0, height: size.1)
            let header = WarRoomView.render(model).grid.lines[0]
            for alert in s.s.alerts(policy: s.policy, now: s.now) {
                let head = String(alert.message.prefix(12))
                #expect(!header.contains(head), "header repeats \(alert.message): \(header)")
            }
            #expect(!header.contains("‼") && !header.contains(" ! "), "no alert marker in the header: \(header)")
        }
    }

    @Test("No word on the header or the strip is cut in half", arguments: [(80, 24), (120, 40), (40, 12), (64, 18), (100, 30), (33, 10)])
    func wordsWhole(_ size: (Int, Int)) throws {
        for s in [Self.everythingOwed(), Script.checkoutOutage().asScenario] {
            let model = Self.model(s, width: size.0, height: size.1)
            let grid = WarRoomView.render(model).grid
            let alerts = s.s.alerts(policy: s.policy, now: s.now)
            let groups = AlertGroup.groups(alerts, now: s.now)
            let sources = [s.s.title, s.s.id.description, s.s.status.rawValue.uppercased()] + alerts.map(\.message)
                + groups.flatMap { [$0.long, $0.short] }
            var words = Set(sources.flatMap { $0.split(separator: " ").map(String.init) })
            words.formUnion(["‼", "!", "·", "UTC", "more", s.s.severity.label, model.now.clockTime, "T+" + (model.now - s.s.detectedAt).elapsedClock])
            words.formUnion((1...9).map { "+\($0)" })
            // Every word on these rows is a whole word of what they show, an ellipsis at most after it.
            for row in [grid.lines[0]] + Self.strip(grid, model) {
                for token in row.split(separator: " ") {
                    let word = token.hasSuffix("…") ? String(token.dropLast()) : String(token)
                    #expect(words.contains(word) || words.contains(word + ":") || words.contains(word + ","),
                            "'\(token)' is half a word at \(size.0)×\(size.1): \(row)")
                }
            }
        }
    }

    @Test("Truncation ends at a word boundary with an ellipsis, inside a word only when it is alone",
          arguments: [("Checkout API returning 500s", 24, "Checkout API returning…"),
                      ("Checkout API returning 500s", 27, "Checkout API returning 500s"),
                      ("Checkout API returning 500s", 12, "Checkout…"),
                      ("Notify VP Eng + CTO — overdue by 2m", 22, "Notify VP Eng + CTO…"),
                      ("Supercalifragilistic", 8, "Superca…"),
                      ("日本語 support tickets", 10, "日本語…"),
                      ("a b", 1, "…"),
                      ("anything", 0, "")])
    func truncation(_ text: String, _ width: Int, _ expected: String) {
        let cut = TextWrap.truncated(text, width: width)
        #expect(cut == expected)
        #expect(DisplayWidth.of(cut) <= max(0, width))
    }

    @Test("Vacant roles and expired timeboxes collapse to one line each, with counts")
    func collapsed() throws {
        let s = Self.everythingOwed()
        let groups = AlertGroup.groups(s.s.alerts(policy: s.policy, now: s.now), now: s.now)
        #expect(groups.count == 6)
        #expect(groups.contains { $0.short == "2 hypotheses expired" && $0.long.hasPrefix("2 hypotheses expired (#1, #2") })
        #expect(groups.contains { $0.short.hasPrefix("4 roles vacant") })
        #expect(groups.contains { $0.short == "Initial notification overdue 6m" })

        var later = Scenario.declared(.sev1)
        later.must(.assignRole(.commander, person: "alice"))
        later.advance(.minutes(5))
        later.must(.postUpdate(audience: .engineering, text: "first update"))
        later.must(.postUpdate(audience: .executives, text: "first update"))
        later.advance(.minutes(19))
        let update = AlertGroup.groups(later.s.alerts(policy: later.policy, now: later.now), now: later.now)
        #expect(update.contains { $0.short == "Update overdue 4m" }, "\(update.map(\.short))")
    }
}

extension Script {
    /// The scripted incident as a scenario, for tests written against `Scenario`.
    var asScenario: Scenario {
        var scenario = Scenario(now: now, incident: "INC-7")
        scenario.state = state
        return scenario
    }
}
