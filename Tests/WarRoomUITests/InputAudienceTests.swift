import Testing
import WarRoomCore
import WarRoomUI

/// `/update`: an audience is named exactly, by a unique prefix, or refused; nothing is posted to
/// an audience the person did not mean.
@Suite("Input: /update audiences")
struct InputAudienceTests {
    var context: InputContext {
        let script = Script.checkoutOutage()
        return InputContext(state: script.state!, now: script.now)
    }

    @Test("Accepted: exact names, unique prefixes, a colon before the text, plain text for engineering",
          arguments: [
              ("/update", InputAction.composeUpdate(.engineering)),
              ("/update executives", .composeUpdate(.executives)),
              ("/update Customers", .composeUpdate(.customers)),
              ("/update exec", .composeUpdate(.executives)),
              ("/update eng", .composeUpdate(.engineering)),
              ("/update c", .composeUpdate(.customers)),
              ("/update executives:", .composeUpdate(.executives)),
              ("/update exec:", .composeUpdate(.executives)),
              ("/update exec: mitigated", .record(.postUpdate(audience: .executives, text: "mitigated"), at: nil)),
              ("/update EXECUTIVES: mitigated, monitoring", .record(.postUpdate(audience: .executives, text: "mitigated, monitoring"), at: nil)),
              ("/update executive: ETA 20 minutes", .record(.postUpdate(audience: .executives, text: "ETA 20 minutes"), at: nil)),
              ("/update customer: fixed", .record(.postUpdate(audience: .customers, text: "fixed"), at: nil)),
              ("/update cust: fixed", .record(.postUpdate(audience: .customers, text: "fixed"), at: nil)),
              ("/update executives:mitigated", .record(.postUpdate(audience: .executives, text: "mitigated"), at: nil)),
              ("/update engineering: customer reports fixed", .record(.postUpdate(audience: .engineering, text: "customer reports fixed"), at: nil)),
              ("/update mitigated, monitoring", .record(.postUpdate(audience: .engineering, text: "mitigated, monitoring"), at: nil)),
              ("/update 14:05 rolled back", .record(.postUpdate(audience: .engineering, text: "14:05 rolled back"), at: nil)),
              ("/update a fix is deployed", .record(.postUpdate(audience: .engineering, text: "a fix is deployed"), at: nil)),
              ("/update rollback done, monitoring", .record(.postUpdate(audience: .engineering, text: "rollback done, monitoring"), at: nil)),
          ])
    func accepted(_ line: String, _ expected: InputAction) throws {
        #expect(try SlashCommands.parse(line, context: context) == expected)
    }

    @Test("Refused, with what is accepted and a did-you-mean; never posted to engineering",
          arguments: [
              ("/update execs:", ["unknown audience 'execs'", "did you mean 'executives'", "engineering:, executives: or customers:"]),
              ("/update execs: mitigated", ["unknown audience 'execs'", "did you mean 'executives'"]),
              ("/update custmers: fixed", ["unknown audience 'custmers'", "did you mean 'customers'"]),
              ("/update ETA: 20 minutes", ["unknown audience 'ETA'"]),
              ("/update vip: all good", ["unknown audience 'vip'"]),
              ("/update : mitigated", ["no audience before the colon"]),
              ("/update e: mitigated", ["could be engineering: or executives:"]),
              ("/update e", ["could be engineering or executives"]),
              ("/update execs", ["'execs' is not an audience", "did you mean 'executives'"]),
              ("/update mitigated", ["'mitigated' is not an audience", "/update engineering: mitigated"]),
              ("/update executives mitigated", ["without its colon", "/update executives: mitigated"]),
              ("/update exec mitigated, monitoring", ["without its colon", "/update executives: mitigated, monitoring"]),
              ("/update customer reports fixed", ["/update customers: reports fixed", "/update engineering: customer reports fixed"]),
              ("/update executivs all good", ["/update executives: all good"]),
              ("/update customers, all fixed", ["/update customers: all fixed"]),
              ("/update e mitigated", ["without its colon", "/update AUDIENCE: mitigated"]),
              ("/update engineering mitigated", ["/update engineering: mitigated"]),
          ])
    func refused(_ line: String, _ fragments: [String]) {
        do {
            let action = try SlashCommands.parse(line, context: context)
            Issue.record("'\(line)' parsed as \(action)")
        } catch {
            for fragment in fragments { #expect(error.message.contains(fragment), "'\(line)': \(error.message)") }
            #expect(error.message.hasPrefix("Not posted: "), "'\(line)' does not start by saying nothing was posted: \(error.message)")
        }
    }

    @Test("A refused /update in the war room records nothing and keeps the line")
    func refusedInTheRoom() {
        let script = Script.checkoutOutage()
        var model = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
        for character in "/update execs: mitigated" { _ = model.update(.input(.key(.character(character)))) }
        #expect(model.send(.input(.key(.enter))).isEmpty)
        #expect(model.input.text == "/update execs: mitigated")
        #expect(model.notice?.kind == .error)
    }
}
