#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro cast Swift cannot import: bind calls use this to make SQLite copy.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
