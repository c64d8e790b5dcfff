import Foundation
import WarRoomCore
import Yams

/// What every YAML file reader of warroom shares: each mistake a `Diagnostic` with file, line and
/// key, unknown keys refused with a did-you-mean, and a flag that the item being read had one.
protocol YAMLReader {
    var file: String { get }
    var problems: [Diagnostic] { get set }
    /// Whether the item being read had a mistake (it is then left out).
    var failed: Bool { get set }
    /// What to add to Yams's line numbers for the file's: a Markdown file's front matter starts on its line 2.
    var lineOffset: Int { get }
}

extension YAMLReader {
    var lineOffset: Int { 0 }

    /// The line of `node` in the file.
    func line(_ node: Node?) -> Int? { node?.mark.map { $0.line + lineOffset } }

    mutating func problem(_ node: Node?, key: String?, table: String? = nil, _ message: String) {
        problems.append(Diagnostic(file: file, line: line(node), table: table, key: key, message: message))
        failed = true
    }

    mutating func yamlError(_ error: Error) {
        if let yaml = error as? YamlError {
            switch yaml {
            case .reader(let problem, let offset?, _, let yaml):
                // Control characters: the line is the one holding the offset (a byte offset into the text).
                let line = yaml.utf8.prefix(max(0, offset)).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                problems.append(Diagnostic(file: file, line: line + lineOffset, message: "is not valid YAML: \(problem); nothing after it was read"))
                return
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                problems.append(Diagnostic(file: file, line: mark.line + lineOffset, message: "is not valid YAML: \(problem); nothing after it was read"))
                return
            case .duplicatedKeysInMapping(let keys, let context):
                // Yams refuses the whole document; say the key and its first line, not the document.
                problems.append(Diagnostic(file: file, line: context.mark.line + lineOffset, key: keys.first,
                                           message: "is written more than once in one mapping: keep one; nothing of this document was read"))
                return
            default: break
            }
        }
        problems.append(Diagnostic(file: file, message: "is not valid YAML (\(error)); nothing after it was read"))
    }

    /// The mapping's entries by key, refusing keys it does not know (with a suggestion).
    mutating func entries(_ node: Node, known: [String], table: String?) -> [String: Node]? {
        guard let mapping = node.mapping else {
            problem(node, key: nil, table: table, "must be a mapping of keys (\(known.joined(separator: ", ")))")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            if known.contains(key) {
                result[key] = value
            } else {
                problem(keyNode, key: key, table: table, "is not a key here" + Suggestion.didYouMean(key, among: known)
                        + ": known keys are \(known.joined(separator: ", "))")
            }
        }
        return result
    }

    func scalar(_ node: Node?) -> String? { node?.scalar?.string }

    /// Each document of `text`, a top-level list read as one item per element.
    mutating func items(_ text: String, _ read: (inout Self, Node) -> Void) {
        do {
            var documents = try Yams.compose_all(yaml: text)
            while let document = documents.next() {
                if let list = document.sequence {
                    for item in list { read(&self, item) }
                } else {
                    read(&self, document)
                }
            }
            if let error = documents.error { yamlError(error) }
        } catch {
            yamlError(error)
        }
    }
}
