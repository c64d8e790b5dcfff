/// The semantic roles every drawn cell carries. Panes name a role, never a colour; a `Theme`
/// maps roles to colours and attributes.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    // Text in general
    case text, muted, border, focusBorder, title, selection
    // Severity badges and lifecycle
    case sev1, sev2, sev3, sev4, status
    // Urgency
    case overdue, warning, ok, info
    // Timeline rows
    case timestamp, author, note, action, decision, finding, comms, system, retracted
    // Roster
    case roleHolder, roleVacant
    // Countdown and timeboxes (`timeboxWarning`: a timebox's last minutes, before it expires)
    case countdown, bigDigits, barFilled, barEmpty, timeboxWarning, expired
    // Input line and footer
    case prompt, input, inputError, inputInfo, footerKey, footerText
}
