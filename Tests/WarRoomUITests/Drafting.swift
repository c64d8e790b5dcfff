import WarRoomCore
import WarRoomReports
import WarRoomUI

extension WarRoomModel {
    /// `update`, with the fresh status-update drafts it asks for (`.draftUpdate`) drafted and sent
    /// back as the runtime does, for tests of the editor, which need a draft to edit. Returns every
    /// effect, the asks for drafts included.
    @discardableResult
    mutating func send(_ message: Message) -> [Effect] {
        var effects = update(message)
        for case .draftUpdate(let audience) in effects {
            let text = StatusUpdateDrafter.draft(incident, audience: audience, policy: policy, now: now).text
            effects += send(.updateDrafted(audience, text))
        }
        return effects
    }
}
