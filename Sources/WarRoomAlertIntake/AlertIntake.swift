// Alerts in (issue 13): see ARCHITECTURE.md.
