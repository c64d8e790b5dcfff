import Foundation
import WarRoomConfig

/// A file the user writes (the SLO file, the on-call file), read whole or not at all: missing,
/// the run is refused saying where to write one; with mistakes, each is said on stderr with its
/// line and key and the run is refused.
enum UserFile {
    /// `kind` names the file (`SLO`), `section` the README's section on it, `refused` what a
    /// mistake stops (`nothing was checked against it`).
    static func read<Item>(_ path: String, kind: String, section: String, refused: String,
                           _ read: (String) -> (definitions: [Item], problems: [Diagnostic])) throws -> [Item] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw missing("\(kind) file", at: path, section: section, option: "--file PATH")
        }
        let (definitions, problems) = read(path)
        guard problems.isEmpty else {
            say(problems)
            throw UserFacingError("\(problems.count) mistake\(problems.count == 1 ? "" : "s") in \(path); \(refused)")
        }
        return definitions
    }

    /// `no SLO file at PATH: write one (see the README's SLO section) or name it with --file PATH`.
    static func missing(_ what: String, at path: String, section: String, option: String) -> UserFacingError {
        UserFacingError("no \(what) at \(path): write one (see the README's \(section) section) or name it with \(option)")
    }

    /// Each mistake on stderr, one line each, with file, line and key.
    static func say(_ problems: [Diagnostic]) {
        for problem in problems { warn(problem.description) }
    }
}
