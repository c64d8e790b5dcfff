import WarRoomCore

/// Where drill scenarios come from: the shipped ones (built-in copies of `scenarios/*.yaml`) and a
/// team's folder of `NAME.yaml` files (`--dir PATH`, else `drills = "PATH"` in the config), and
/// how `FILE|NAME` finds one.
public enum DrillScenarioCatalog {
    /// The most files a folder is read for.
    public static let maxFiles = 500

    /// The shipped scenarios' names, in order.
    public static var builtInNames: [String] { BuiltInScenarios.names }

    /// The file text of a shipped scenario.
    public static func builtInText(_ name: String) -> String? { BuiltInScenarios.text(name) }

    /// How a shipped scenario's diagnostics name it: `bad-config-deploy (shipped)`.
    public static func builtInLabel(_ name: String) -> String { "\(name) (shipped)" }

    /// One scenario found, read or not.
    public struct Entry: Sendable {
        /// The scenario's name: its file name without `.yaml`.
        public var name: String
        /// The file, or `NAME (shipped)`.
        public var file: String
        /// Whether it is one of the shipped scenarios.
        public var isBuiltIn: Bool
        /// Nil when it has mistakes.
        public var scenario: DrillScenario?
        /// Every mistake found, with file, line and key.
        public var problems: [Diagnostic]
    }

    /// The text a found scenario was read from (a shipped one's, or its file's now), and the
    /// scenario parsed from that very text: what a drill records and plays, so the two agree.
    /// Nil, with why, when the file cannot be read again or no longer parses.
    public static func source(of entry: Entry, checkAlert: DrillScenarioFile.AlertCheck)
        -> Result<(text: String, scenario: DrillScenario), SourceProblem> {
        let text: String
        if entry.isBuiltIn, let shipped = BuiltInScenarios.text(entry.name) {
            text = shipped
        } else {
            switch FileText.read(entry.file) {
            case .text(let read): text = read
            case .missing: return .failure(SourceProblem(message: "\(entry.file) is gone"))
            case .problem(let why): return .failure(SourceProblem(message: "\(entry.file) \(why)"))
            }
        }
        let (scenario, problems) = DrillScenarioFile.parse(text, name: entry.name, file: entry.file, checkAlert: checkAlert)
        guard let scenario, problems.isEmpty else {
            return .failure(SourceProblem(message: "\(entry.file) changed as it was read, and now has mistakes: warroom drill check \(entry.file)"))
        }
        return .success((text, scenario))
    }

    /// Why a scenario's text could not be had again.
    public struct SourceProblem: Error, Sendable {
        public var message: String
    }

    /// A shipped scenario, read; nil when no shipped scenario has that name.
    public static func builtIn(_ name: String, checkAlert: DrillScenarioFile.AlertCheck) -> Entry? {
        guard let text = BuiltInScenarios.text(name) else { return nil }
        let label = builtInLabel(name)
        let (scenario, problems) = DrillScenarioFile.parse(text, name: name, file: label, checkAlert: checkAlert)
        return Entry(name: name, file: label, isBuiltIn: true, scenario: scenario, problems: problems)
    }

    /// The `NAME.yaml` (and `.yml`) files of a folder, by name, read; nil when `folder` is not one.
    public static func folder(_ folder: String, checkAlert: DrillScenarioFile.AlertCheck) -> [Entry]? {
        files(in: folder).map { files in
            files.map { file in
                let (scenario, problems) = DrillScenarioFile.read(path: file.path, checkAlert: checkAlert)
                return Entry(name: file.name, file: file.path, isBuiltIn: false, scenario: scenario, problems: problems)
            }
        }
    }

    /// The scenario files of a folder (not hidden ones, not its subfolders), by name; nil when
    /// `folder` is not one.
    public static func files(in folder: String) -> [(name: String, path: String)]? {
        guard FileText.isDirectory(folder) else { return nil }
        let names = FileText.directoryEntries(folder).filter { name in
            let lower = name.lowercased()
            return !name.hasPrefix(".") && (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml"))
        }.sorted().prefix(maxFiles)
        return names.map { (DrillScenarioFile.name(ofFile: $0), PathText.joined(folder, $0)) }
    }

    /// Whether `FILE|NAME` names a file: a path with `/`, or one ending in `.yaml`/`.yml`.
    public static func looksLikeFile(_ argument: String) -> Bool {
        let lower = argument.lowercased()
        return argument.contains("/") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// What `FILE|NAME` finds: the file it names, else the folder's scenario of that name, else
    /// the shipped one; nil when none, with the names it could have meant.
    public static func find(_ argument: String, folder: String?, checkAlert: DrillScenarioFile.AlertCheck)
        -> (entry: Entry?, names: [String]) {
        if looksLikeFile(argument) || FileText.isRegularFile(argument) {
            let (scenario, problems) = DrillScenarioFile.read(path: argument, checkAlert: checkAlert)
            return (Entry(name: DrillScenarioFile.name(ofFile: argument), file: argument, isBuiltIn: false, scenario: scenario,
                          problems: problems), [])
        }
        let own = folder.flatMap { files(in: $0) } ?? []
        if let match = own.first(where: { $0.name == argument }) {
            let (scenario, problems) = DrillScenarioFile.read(path: match.path, checkAlert: checkAlert)
            return (Entry(name: match.name, file: match.path, isBuiltIn: false, scenario: scenario, problems: problems), [])
        }
        if let shipped = builtIn(argument, checkAlert: checkAlert) { return (shipped, []) }
        return (nil, own.map(\.name) + builtInNames.filter { name in !own.contains { $0.name == name } })
    }
}
