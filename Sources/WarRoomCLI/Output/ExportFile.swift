import Foundation
import WarRoomApp
import WarRoomText

extension Export {
    /// Writes an export to the destination's file (private, see `PrivateFile`), or to stdout.
    static func write(_ text: String, to destination: Destination) throws {
        guard let output = destination.output else {
            // A full disk or a closed pipe behind stdout is said, not trapped on.
            do { try FileHandle.standardOutput.write(contentsOf: Data(text.utf8)) } catch {
                throw UserFacingError("cannot write the export to standard output (\(error.localizedDescription)); nothing is lost, the store is unchanged")
            }
            return
        }
        do {
            let replaced = try PrivateFile.write(Data(text.utf8), to: output, replace: destination.force)
            if let mode = replaced, mode & 0o077 != 0 {
                try? FileHandle.standardError.write(contentsOf: Data(("warroom: \(Sanitizer.clean(output)) kept its mode "
                    + String(mode, radix: 8) + ": others can read it (chmod 600 to make it private)\n").utf8))
            }
        } catch {
            throw UserFacingError(error.description + "; nothing was exported")
        }
    }
}
