import WarRoomCore

/// A folder of runbooks (a checkout of the team's runbooks, usually): every `NAME.md` in it and
/// its subfolders, but for hidden ones (`.git`), names starting with `_` (a site generator's
/// `_index.md`) and the repository's own `README.md`, `CONTRIBUTING.md`, `CHANGELOG.md`… Bounded:
/// at most `maxFiles` files, `maxDepth` folders deep, so a huge tree or a symlink loop ends.
public enum RunbookFolder {
    public static let maxFiles = 5_000
    public static let maxDepth = 8
    /// Markdown files of a repository that are not runbooks.
    static let notRunbooks: Set<String> = ["readme", "contributing", "changelog", "license", "code_of_conduct", "security", "index"]

    public struct Reading: Sendable {
        public var library: RunbookLibrary
        /// Each file's front-matter mistakes and each file that could not be read, in path order.
        public var problems: [Diagnostic]
    }

    /// The folder's runbooks; nil when nothing is at `directory`.
    public static func read(_ directory: String) -> Reading? {
        if FileText.isRegularFile(directory) {
            return Reading(library: RunbookLibrary([]), problems: [Diagnostic(file: directory, message: "is a file, not a folder: name the folder that holds the runbooks")])
        }
        guard FileText.isDirectory(directory) else { return nil }
        var walk = Walk()
        collect(directory, depth: 0, into: &walk)
        var problems = walk.problems
        let paths = walk.paths
        var runbooks: [Runbook] = []
        var byName: [String: String] = [:]
        for path in paths {
            let (runbook, found) = RunbookFile.read(path: path)
            problems += found
            guard let runbook else { continue }
            let key = runbook.name.lowercased()
            if let first = byName[key] {
                problems.append(Diagnostic(file: path, message: "is named like \(first) ('\(runbook.name)'), and a name must find one runbook: "
                                           + "rename one of them; this one was left out"))
                continue
            }
            byName[key] = path
            runbooks.append(runbook)
        }
        return Reading(library: RunbookLibrary(runbooks), problems: problems)
    }

    /// The Markdown files found so far, and what was said on the way.
    struct Walk {
        var paths: [String] = []
        var problems: [Diagnostic] = []
        var truncated = false
    }

    static func collect(_ directory: String, depth: Int, into walk: inout Walk) {
        for name in FileText.directoryEntries(directory).sorted() {
            guard !name.hasPrefix("."), !name.hasPrefix("_") else { continue }
            let path = PathText.joined(directory, name)
            if FileText.isDirectory(path) {
                if depth + 1 < maxDepth {
                    collect(path, depth: depth + 1, into: &walk)
                } else {
                    walk.problems.append(Diagnostic(file: path, message: "is more than \(maxDepth) folders deep: its runbooks were not read"))
                }
                continue
            }
            guard name.lowercased().hasSuffix(".md"), !notRunbooks.contains(String(name.lowercased().dropLast(3))) else { continue }
            guard walk.paths.count < maxFiles else {
                if !walk.truncated {
                    walk.truncated = true
                    walk.problems.append(Diagnostic(file: directory, message: "holds more than \(maxFiles) Markdown files: only the first \(maxFiles) were read"))
                }
                return
            }
            walk.paths.append(path)
        }
    }
}
