// The outbound payloads land here (issue 13); this file goes once the first real one does.
enum WarRoomIntegrationsPlaceholder {}
