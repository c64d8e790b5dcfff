// The C side of the terminal layer: ncursesw with its wide-character API, plus what Swift cannot
// import from curses (attribute and key macros) and the signal plumbing that has to be C.
#ifndef CTERMINAL_H
#define CTERMINAL_H

// SwiftPM drops the -D_XOPEN_SOURCE flag pkg-config gives; without these two the wide API
// (cchar_t, setcchar, wget_wch, mvwadd_wch) is not declared.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <stdio.h>
#include <wchar.h>

// Attribute values (macros in curses.h, so invisible to Swift).
attr_t ct_attr_normal(void);
attr_t ct_attr_bold(void);
attr_t ct_attr_dim(void);
attr_t ct_attr_reverse(void);
attr_t ct_attr_underline(void);
attr_t ct_attr_italic(void);

/// KEY_F(n): the key code of function key n.
int ct_key_f(int n);

/// The C globals Swift 6 will not read safely: the current screen's window and colour counts.
WINDOW *ct_stdscr(void);
int ct_colors(void);
int ct_color_pairs(void);
FILE *ct_stdout(void);
FILE *ct_stdin(void);

/// Columns of one wide character as libc (and therefore ncurses) sees it: -1, 0, 1 or 2.
int ct_wcwidth(wchar_t wc);

/// Fills `cell` from a NUL-terminated wide string (a spacing character and up to four
/// zero-width ones), attributes and colour pair; pairs above 32767 go through the extended API.
int ct_set_cchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair);

/// Reads back a cell: its wide characters (NUL-terminated, `capacity` includes the NUL),
/// attributes and pair. Returns the number of characters or -1.
int ct_get_cchar(const cchar_t *cell, wchar_t *text, int capacity, attr_t *attrs, int *pair);

/// Whether a terminal name is usable without starting a screen: 1 usable, 0 unknown,
/// -1 no terminfo database, 2 known but cannot position the cursor.
int ct_check_terminal(const char *name);

/// Installs flag-only handlers for every signal whose default action ends the process without a
/// crash: SIGINT, SIGTERM, SIGHUP, SIGQUIT always; SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGVTALRM,
/// SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT and the real-time signals unless ignored.
/// Call before newterm so ncurses does not install its own exit-on-signal handlers. Idempotent.
void ct_install_signal_handlers(void);

/// The last of those signals received since the previous call (0 if none); clears it.
int ct_take_signal(void);

/// Whether `sig` is one of the signals `ct_install_signal_handlers` records.
int ct_is_leave_signal(int sig);

/// Ends the process by `sig` with its default action (so the parent sees the real cause), after
/// flushing stdio. Call once the terminal is restored. Does not return.
void ct_die_by_signal(int sig) __attribute__((noreturn));

/// Installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE and SIGSYS that restore the
/// terminal (endwin, bracketed paste off), restore the previous action and re-raise, so the
/// crash report prints on the normal screen. Idempotent.
void ct_install_crash_handler(void);

/// Tells the crash handler whether a screen is active and where the terminal's output goes.
void ct_set_screen_active(int active, int output_fd);

/// Whether a screen is active (one at a time: ncurses state is process-global).
int ct_screen_active(void);

#endif
