import Foundation
import WarRoomApp
import WarRoomText

extension Export {
    /// Writes an export to the destination's file (private, see `PrivateFile`), or to stdout.
    static func write(_ text: String, to destination: Destination) throws {
        guard let output = destination.output else { return FileHandle.standardOutput.write(Data(text.utf8)) }
        do {
            let replaced = try PrivateFile.write(Data(text.utf8), to: output, replace: destination.force)
            if let mode = replaced, mode & 0o077 != 0 {
                FileHandle.standardError.write(Data(("warroom: \(Sanitizer.clean(output)) kept its mode "
                    + String(mode, radix: 8) + ": others can read it (chmod 600 to make it private)\n").utf8))
            }
        } catch {
            throw UserFacingError(error.description + "; nothing was exported")
        }
    }
}
