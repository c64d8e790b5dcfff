import WarRoomCore

/// The questions `warroom` asks on the plain terminal, before the screen starts, to declare an
/// incident: title and severity (required), then service, impact start, detection time and the
/// Incident Commander (each skippable with Enter). Pure but for the two closures, so the dialogue
/// is tested without a terminal.
public struct DeclarePrompt: Sendable {
    /// What the answers declare, and who takes the Incident Commander role (nil: nobody yet).
    public struct Answers: Hashable, Sendable {
        public var declaration: Declaration
        public var commander: String?

        public init(declaration: Declaration, commander: String?) {
            self.declaration = declaration
            self.commander = commander
        }
    }

    public var author: String
    public var now: Timestamp

    public init(author: String, now: Timestamp) {
        self.author = author
        self.now = now
    }

    /// What to say when there is no open incident: a read-only wall display shows one and never
    /// declares one, so it gets a refusal (nil: ask the questions).
    public static func refusal(readOnly: Bool, store: String) -> String? {
        guard readOnly else { return nil }
        return "no open incident in \(store): a read-only wall display shows an incident, it does not declare one. "
            + "Declare it from another terminal (warroom, or warroom declare --title … --severity …), "
            + "or name a closed one: warroom open --read-only INC-1"
    }

    /// Asks every question through `read` (nil: end of input, Ctrl-D) and `write` (no newline
    /// added). Nil when cancelled: the prompt's line is ended first, so the caller's "cancelled"
    /// starts on a line of its own.
    public func run(read: () -> String?, write: (String) -> Void) -> Answers? {
        func ask(_ question: String) -> String? {
            write(question)
            guard let line = read() else {
                write("\n")
                return nil
            }
            return String(line.trimmingSpaces)
        }
        var title = ""
        while title.isEmpty {
            guard let line = ask("Title: ") else { return nil }
            title = line
            if title.isEmpty { write("A title is needed: what is wrong, in a few words (Ctrl-D cancels).\n") }
        }
        var severity: Severity?
        while severity == nil {
            guard let line = ask("Severity (SEV1 critical, SEV2 major, SEV3 moderate, SEV4 low): ") else { return nil }
            do { severity = try Severity.parse(line) } catch { write("\(error)\n") }
        }
        guard let service = ask("Service or feature affected (Enter skips): ") else { return nil }
        guard let started = askTime("Impact started at (13:50, -20m or ISO 8601, UTC; Enter skips): ", floor: nil,
                                    ask: ask, write: write) else { return nil }
        guard let detected = askTime("Detected at (same forms; Enter: now, when declared): ", floor: started,
                                     ask: ask, write: write) else { return nil }
        var answer: String?
        while answer == nil {
            guard let line = ask("Incident Commander (Enter: you, \(author); - for nobody yet): ") else { return nil }
            // A time or an option typed one question late is not a person: a record that names
            // "-12m" as IC is wrong and would need a handoff to mend.
            let isTime = (try? TimeExpression.parse(line, now: now)) != nil
            if line != "-", isTime || line.hasPrefix("-") || (!line.isEmpty && line.allSatisfy { $0 == "@" }) {
                write("'\(line)' " + (isTime ? "looks like a time, not a person" : "is not a person's name")
                      + ": type the Incident Commander's name, Enter for you (\(author)), or - for nobody yet\n")
            } else {
                answer = line
            }
        }
        let commander = answer ?? ""
        // `-` skips, as it does for the Incident Commander: it is no service's name.
        let declaration = Declaration(title: title, severity: severity ?? .sev2, service: service.isEmpty || service == "-" ? nil : service,
                                      impactStartedAt: started, detectedAt: detected)
        return Answers(declaration: declaration,
                       commander: commander == "-" ? nil : (commander.isEmpty ? author : commander))
    }

    /// An optional time: `.some(nil)` when skipped, nil when cancelled. A time that cannot be
    /// read, or is out of order, is asked again with the reason.
    private func askTime(_ question: String, floor: Timestamp?, ask: (String) -> String?,
                         write: (String) -> Void) -> Timestamp?? {
        while true {
            guard let line = ask(question) else { return nil }
            if line.isEmpty { return .some(nil) }
            do {
                let instant = try TimeExpression.parse(line, now: now)
                if instant > now {
                    write("\(instant.iso8601) is in the future (now is \(now.iso8601)): type it again, or Enter to skip\n")
                } else if let floor, instant < floor {
                    write("\(instant.iso8601) is before the impact started (\(floor.iso8601)): type it again, or Enter to skip\n")
                } else {
                    write("  = \(instant.iso8601)\n")
                    return .some(instant)
                }
            } catch {
                write("\(error); type it again, or Enter to skip\n")
            }
        }
    }
}
