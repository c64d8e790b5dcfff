import Testing
import WarRoomCore
import WarRoomUI

@Suite("Input line commands")
struct InputTests {
    var context: InputContext {
        let script = Script.checkoutOutage()
        return InputContext(state: script.state!, now: script.now)
    }

    @Test("Lines become actions",
          arguments: [
              ("rolled back", InputAction.record(.log(Entry(kind: .note, text: "rolled back")), at: nil)),
              ("/action scaled to 20 pods", .record(.log(Entry(kind: .action, text: "scaled to 20 pods")), at: nil)),
              ("/sev 1 data corruption seen", .record(.setSeverity(.sev1, reason: "data corruption seen"), at: nil)),
              ("/severity SEV3", .record(.setSeverity(.sev3, reason: nil), at: nil)),
              ("/role ic bob", .record(.assignRole(.commander, person: "bob"), at: nil)),
              ("/role scribe @dan", .record(.assignRole(.scribe, person: "dan"), at: nil)),
              ("/hyp bad config deploy @bob 20m", .record(.openHypothesis(text: "bad config deploy", owner: "bob", timebox: .minutes(20)), at: nil)),
              ("/hyp cache stampede", .record(.openHypothesis(text: "cache stampede", owner: nil, timebox: nil), at: nil)),
              ("/confirm 2", .record(.decideHypothesis(number: 2, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true), at: nil)),
              ("/pivot #1 metrics clean", .record(.decideHypothesis(number: 1, verdict: .ruledOut, extendedBy: nil, note: "metrics clean", markIdentified: true), at: nil)),
              ("/extend 1 10m", .record(.decideHypothesis(number: 1, verdict: .extended, extendedBy: .minutes(10), note: nil, markIdentified: true), at: nil)),
              ("/impact 30% paying customer", .record(.recordImpact(ImpactReport(usersAffectedPercent: 30, customerReported: true, payingAccounts: true)), at: nil)),
              ("/notify VP Eng + CTO", .record(.notify(target: "VP Eng + CTO", kind: nil, tier: nil), at: nil)),
              ("/page on-call secondary", .record(.notify(target: "on-call secondary", kind: .escalation, tier: nil), at: nil)),
              ("/update executives: mitigated", .record(.postUpdate(audience: .executives, text: "mitigated"), at: nil)),
              ("/mitigated", .record(.setStatus(.status(.monitoring), reason: nil, force: false), at: nil)),
              ("/resolve! false positive", .record(.setStatus(.status(.resolved), reason: "false positive", force: true), at: nil)),
              ("/status identified root cause found", .record(.setStatus(.status(.identified), reason: "root cause found", force: false), at: nil)),
              ("/reopen errors are back", .record(.setStatus(.reopen, reason: "errors are back", force: false), at: nil)),
              ("/filter kind:action rollback", .filter(TimelineFilter(text: "rollback", kind: .action))),
              ("/filter", .filter(nil)),
              ("/help", .showHelp),
              ("/quit", .quit),
          ])
    func parse(_ line: String, _ expected: InputAction) throws {
        #expect(try SlashCommands.parse(line, context: context) == expected)
    }

    @Test("A leading HH:MM or HH:MM:SS backdates the entry or command")
    func backdating() throws {
        let now = context.now // 14:12
        #expect(try SlashCommands.parse("14:02 alert fired", context: context)
            == .record(.log(Entry(kind: .note, text: "alert fired")), at: Timestamp(iso8601: "2026-11-28T14:02:00Z")))
        #expect(try SlashCommands.parse("14:05:30 /sev 1 outage", context: context)
            == .record(.setSeverity(.sev1, reason: "outage"), at: Timestamp(iso8601: "2026-11-28T14:05:30Z")))
        // A time later than now today means yesterday.
        #expect(try SlashCommands.parse("23:50 late-night note", context: context)
            == .record(.log(Entry(kind: .note, text: "late-night note")), at: now.startOfDay - .minutes(10)))
    }

    @Test("A pasted multi-line text is one entry, even when a line looks like a command")
    func pasteIsOneEntry() throws {
        let text = "line one\n/sev 1 boom"
        #expect(try SlashCommands.parse(text, context: context) == .record(.log(Entry(kind: .note, text: text)), at: nil))
    }

    @Test("Malformed commands explain themselves",
          arguments: [("/sev 7", "unknown severity '7'"), ("/sev", "/sev needs a level"), ("/role ic", "/role needs a role and a name"),
                      ("/role boss alice", "unknown role 'boss'"), ("/confirm", "open ones are #1, #2"), ("/extend 1 soon", "/extend takes a span"),
                      ("/impact lots", "/impact does not know 'lots'"), ("/frobnicate", "unknown command /frobnicate"),
                      ("/ro ic x", "did you mean /role"), ("   ", "nothing to record"), ("/", "a lone / is not a command"),
                      ("/filter kind:rant", "unknown kind 'rant'"), ("/mitigatign x", "did you mean /mitigating?"),
                      ("/retracct 3 x", "did you mean /retract?"), ("/monitorign", "did you mean /mitigated?")])
    func errors(_ line: String, _ fragment: String) {
        do {
            let action = try SlashCommands.parse(line, context: context)
            Issue.record("'\(line)' parsed as \(action)")
        } catch {
            #expect(error.message.contains(fragment), "'\(line)': \(error.message)")
        }
    }

    @Test("Every command appears in the help screen and completes by name")
    func tableDrivesHelpAndCompletion() {
        let script = Script.checkoutOutage()
        var model = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "alice", width: 120, height: 200)
        model.mode = .help
        let screen = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        for command in SlashCommands.all {
            #expect(screen.contains("/" + command.name), "/\(command.name) missing from help")
            var typing = model
            typing.mode = .input
            typing.input.replace(with: "/" + command.name)
            #expect(typing.completions().contains("/" + command.name))
        }
        for binding in KeyTable.all where binding.inFooter {
            #expect(screen.contains(binding.label), "\(binding.label) missing from help")
        }
    }
}

@Suite("Timeline filter")
struct TimelineFilterTests {
    func item(_ text: String, author: String = "alice", kind: TimelineItem.Kind = .note) throws -> TimelineItem {
        var script = Script.checkoutOutage()
        script.run(.log(Entry(kind: EntryKind(rawValue: kind.rawValue) ?? .note, text: text)), by: author)
        return try #require(script.state?.timeline.last)
    }

    @Test("Text matches anywhere in the row or its author, ignoring case",
          arguments: [("Rolled back to V41", "v41", true), ("Rolled back to V41", "ROLLED", true), ("p99 latency", "99 l", true),
                      ("p99 latency", "latency!", false), ("short", "a much longer needle", false), ("ends with X", "x", true),
                      ("日本語 support tickets", "日本語", true), ("Été chargé", "été", true), ("Été", "ete", false),
                      ("nothing here", "bob", false)])
    func text(_ text: String, _ needle: String, _ expected: Bool) throws {
        #expect(TimelineFilter(text: needle, kind: nil).matches(try item(text)) == expected)
    }

    @Test("Authors match; a kind narrows; an empty text matches everything of the kind")
    func authorAndKind() throws {
        #expect(TimelineFilter(text: "BO", kind: nil).matches(try item("restarted the pool", author: "bob")))
        #expect(!TimelineFilter(text: "pool", kind: .decision).matches(try item("restarted the pool", kind: .action)))
        #expect(TimelineFilter(text: "pool", kind: .action).matches(try item("restarted the pool", kind: .action)))
        #expect(TimelineFilter(text: "", kind: .action).matches(try item("anything", kind: .action)))
        #expect(TimelineFilter(text: nil, kind: nil).matches(try item("anything")))
    }

    @Test("A recorded change matches by the words its row shows, not only by its kind",
          arguments: [("handed off", Command.assignRole(.commander, person: "dana"), true),
                      ("INCIDENT COMMANDER", .assignRole(.commander, person: "dana"), true),
                      ("sev2: worse", .setSeverity(.sev2, reason: "worse"), true),
                      ("to executives: all", .postUpdate(audience: .executives, text: "all clear soon"), true),
                      ("notified eng", .notify(target: "Eng Manager", kind: nil, tier: nil), true),
                      ("nowhere", .setSeverity(.sev2, reason: "worse"), false)])
    func recordedChange(_ needle: String, _ command: Command, _ expected: Bool) throws {
        var script = Script.checkoutOutage()
        script.run(command, by: "carol")
        let row = try #require(script.state?.timeline.last)
        #expect(row.detail != nil)
        #expect(TimelineFilter(text: needle, kind: nil).matches(row) == expected)
    }
}
