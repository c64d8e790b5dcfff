// The outbox's worker (issue 13): see ARCHITECTURE.md.
