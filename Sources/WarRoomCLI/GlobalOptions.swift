import ArgumentParser
import Foundation
import WarRoomCore

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store: a file path, sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE (default: $WARROOM_STORE, else ~/.local/share/warroom/warroom.db).", valueName: "location"))
    var store: String?

    @Option(help: ArgumentHelp("The incident (default: the one open incident).", valueName: "id"))
    var incident: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who is recording (default: $USER).", valueName: "name"))
    var author: String?
}

/// `--at TIME` on every subcommand that records an event.
struct AtOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("When it happened: ISO 8601, HH:MM[:SS] UTC, or -5m (default: now).", valueName: "time"))
    var at: String?

    /// The instant meant, relative to `now`.
    func resolve(now: Timestamp) throws -> Timestamp {
        guard let at else { return now }
        return try TimeExpression.parse(at, now: now)
    }
}

/// `--json` on every subcommand that prints.
struct JSONFlag: ParsableArguments {
    @Flag(help: "Print JSON instead of text.")
    var json = false
}
