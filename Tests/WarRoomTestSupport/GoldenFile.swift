import Foundation
import Testing

/// Golden text files: the one comparison every golden test uses (screens, documents). On a
/// difference it prints every changed line, numbered, as `-` what the file says and `+` what the
/// code made, so a review sees the whole change, not its first line. `WARROOM_RECORD_GOLDENS=1`
/// rewrites the file instead — and fails the run, so a recording never passes CI by accident.
public enum GoldenFile {
    /// Compares `actual` with `directory/name`; records instead when asked, and fails then.
    public static func check(_ actual: String, directory: URL, name: String, suite: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["WARROOM_RECORD_GOLDENS"] == "1" {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: file)
                Issue.record("recorded \(name): unset WARROOM_RECORD_GOLDENS and run again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            let message = "no golden \(file.path): run `WARROOM_RECORD_GOLDENS=1 swift test --filter \(suite)` to create it, "
                + "review it, then run again without the variable"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let message = "golden \(name) differs (- the file, + now; re-record with WARROOM_RECORD_GOLDENS=1 if intended):\n"
            + diff(expected, actual)
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// Every line that differs, position by position, with its number; lines only one side has
    /// are shown against `<none>`.
    public static func diff(_ expected: String, _ actual: String) -> String {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for line in 0..<max(want.count, got.count) {
            let a = line < want.count ? String(want[line]) : nil
            let b = line < got.count ? String(got[line]) : nil
            guard a != b else { continue }
            out.append("\(line + 1): - \(a ?? "<none>")")
            out.append("\(line + 1): + \(b ?? "<none>")")
        }
        return out.joined(separator: "\n")
    }
}
