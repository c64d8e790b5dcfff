import ArgumentParser
import Foundation
import WarRoomStore
import WarRoomText

/// `warroom store init`: creates the store (or migrates it to this warroom's schema) and says
/// what the user who ran it may do there: what a team's admin runs once as the database's owner.
struct StoreInit: ParsableCommand {
    static let configuration = CommandConfiguration(table: "store init")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let location = try StoreLocation.resolve(explicit: global.store, environment: ProcessInfo.processInfo.environment)
        let store = try location.open(create: true)
        let incidents = try store.incidents().count
        print("\(Sanitizer.clean(location.description)): ready, \(incidents) incident\(incidents == 1 ? "" : "s")"
              + (store.readOnlyReason.map { "; read-only for you: \(Sanitizer.clean($0))" } ?? "; you may record"))
        if store is PostgresEventStore {
            print("Grants for the roles that record, and for wall displays (replace the role names):")
            print(PostgresEventStore.writerGrants(role: "responders"))
            print(PostgresEventStore.readerGrants(role: "wall"))
        }
    }
}
