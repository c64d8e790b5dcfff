extension StyleRole {
    /// The role this one looks like in a theme that does not style it, so a new role costs one
    /// case here and no theme file: the switch has no default, so adding a role without saying
    /// what it falls back to does not compile. nil only for `text`, the end of every chain.
    public var fallback: StyleRole? {
        switch self {
        case .text: nil
        case .muted, .title, .selection, .warning, .ok, .author, .note, .action, .decision, .finding, .comms, .input: .text
        case .border, .info, .timestamp, .system, .retracted, .barEmpty, .footerText, .sev4: .muted
        case .focusBorder: .border
        case .status, .countdown, .prompt: .title
        case .sev1, .roleVacant, .expired, .inputError: .overdue
        case .overdue, .timeboxWarning, .sev2: .warning
        case .sev3, .barFilled, .inputInfo: .info
        case .roleHolder: .ok
        case .bigDigits: .countdown
        case .footerKey: .selection
        }
    }
}
