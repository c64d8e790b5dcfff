import ArgumentParser
import Foundation
import WarRoomApp
import WarRoomCore
import WarRoomReports
import WarRoomText

struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "update")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Who it is written for.") var audience = Audience.engineering
    @Flag(help: "Record the update as posted.") var post = false
    @Option(help: "The text that was sent, instead of the draft (implies --post).") var text: String?
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global, readOnly: !post && text == nil)
        let id = try session.resolveIncident(global.incident)
        let (state, _) = try session.load(id)
        let draft = StatusUpdateDrafter.draft(state, audience: audience, policy: session.policy, now: session.now)
        guard post || text != nil else {
            if output.json {
                print(JSONValue.object([("kind", .string(draft.kind.rawValue)), ("audience", .string(audience.rawValue)),
                                        ("subject", .string(draft.subject)), ("body", .string(draft.body))]).rendered())
            } else {
                print(Sanitizer.clean(draft.text, newlines: .keep))
            }
            return
        }
        let sent = text ?? draft.text
        let when = try at.resolve(now: session.now)
        let (after, written) = try session.record(incident: id, at: when) { _ in .postUpdate(audience: audience, text: sent) }
        let copy = UpdateFiles.save(sent, audience: audience, incident: id, at: when, directory: session.updatesDirectory)
        if output.json {
            Recording.confirm(after, written, json: true)
            return
        }
        print(Sanitizer.clean(sent, newlines: .keep))
        print("")
        if let next = after.updateCountdown(policy: session.policy) {
            print("Posted to \(audience.rawValue). \(next.title) due \(next.nextDue.clockTime) UTC.")
        } else {
            print("Posted to \(audience.rawValue).")
        }
        if let copy { print("A copy to send: \(Sanitizer.clean(copy))") }
    }
}
