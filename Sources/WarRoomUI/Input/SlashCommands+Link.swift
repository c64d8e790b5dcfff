import WarRoomCore

extension SlashCommands {
    /// `/link INC-4 parent` (INC-4 coordinates this incident), `/link 4 related`, `/link -INC-4`
    /// (off). The other incident must be in the store, and the link must not contradict what
    /// the store's links say (a second parent, a loop): checked here, where the links are known.
    static func link(_ args: [String], context: InputContext) throws(InputError) -> InputAction {
        let own = context.state.links
        guard var typed = args.first else {
            throw InputError("/link needs an incident and a kind: /link INC-4 \(LinkKind.usage) (parent: INC-4 coordinates this one)"
                + (own.isEmpty ? "" : "; this incident links " + own.map { "\($0.other) (\($0.kind.rawValue))" }.joined(separator: ", ")))
        }
        let remove = typed.hasPrefix("-")
        if remove { typed = String(typed.dropFirst()) }
        let other: IncidentID
        do { other = try IncidentIDRule.normalized(typed) } catch { throw InputError(error.description) }
        guard let facts = context.links else {
            throw InputError("The incidents in the store are still being looked up: press Enter again in a moment (nothing was recorded)")
        }
        let graph = facts.graph(for: context.state)
        if remove {
            guard args.count == 1 else { throw InputError("/link -\(other) takes no kind: it takes the link to \(other) off") }
            if let problem = graph.removalProblem(of: other, from: context.state.id) { throw InputError(problem.description) }
            return .record(.unlink(other), at: nil)
        }
        guard args.count >= 2 else {
            throw InputError("/link \(other) needs a kind: /link \(other) \(LinkKind.usage) (parent: \(other) coordinates this one)")
        }
        guard args.count == 2 else {
            throw InputError("/link takes an incident and a kind, nothing more: /link \(other) \(args[1])")
        }
        let kind: LinkKind
        do { kind = try LinkKind.parse(args[1]) } catch { throw InputError(error.description) }
        let link = IncidentLink(other: other, kind: kind)
        if let problem = graph.problem(linking: link, from: context.state.id, known: facts.known) { throw InputError(problem.description) }
        return .record(.link(link), at: nil)
    }
}
