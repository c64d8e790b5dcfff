// wcwidth and sigaction's full set need the GNU/X/Open declarations; must precede every include.
#define _GNU_SOURCE 1
#include "CTerminal.h"

#include <ncursesw/term.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

attr_t ct_attr_normal(void) { return A_NORMAL; }
attr_t ct_attr_bold(void) { return A_BOLD; }
attr_t ct_attr_dim(void) { return A_DIM; }
attr_t ct_attr_reverse(void) { return A_REVERSE; }
attr_t ct_attr_underline(void) { return A_UNDERLINE; }
attr_t ct_attr_italic(void) { return A_ITALIC; }

int ct_key_f(int n) { return KEY_F(n); }

WINDOW *ct_stdscr(void) { return stdscr; }
int ct_colors(void) { return COLORS; }
int ct_color_pairs(void) { return COLOR_PAIRS; }
FILE *ct_stdout(void) { return stdout; }
FILE *ct_stdin(void) { return stdin; }

int ct_wcwidth(wchar_t wc) { return wcwidth(wc); }

int ct_set_cchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    // The short argument caps at 32767; the opts pointer carries the full pair number.
    short low = pair > 32767 ? 0 : (short)pair;
    return setcchar(cell, text, attrs, low, &pair);
}

int ct_get_cchar(const cchar_t *cell, wchar_t *text, int capacity, attr_t *attrs, int *pair) {
    wchar_t buffer[CCHARW_MAX + 1];
    short low = 0;
    int extended = 0;
    memset(buffer, 0, sizeof buffer);
    if (getcchar(cell, buffer, attrs, &low, &extended) == ERR) return -1;
    if (pair) *pair = extended ? extended : low;
    int count = 0;
    while (count < CCHARW_MAX && buffer[count] != 0 && count + 1 < capacity) {
        text[count] = buffer[count];
        count++;
    }
    if (capacity > 0) text[count] = 0;
    return count;
}

int ct_check_terminal(const char *name) {
    TERMINAL *saved = cur_term;
    int err = 0;
    int result;
    if (setupterm(name, STDOUT_FILENO, &err) != OK) {
        result = err == -1 ? -1 : 0;
    } else {
        const char *cup = tigetstr("cup");
        result = (cup == NULL || cup == (const char *)-1) ? 2 : 1;
        del_curterm(cur_term);
    }
    set_curterm(saved);
    return result;
}

// ---- Signals that end the process: record only; the run loop saves the draft, gives the
// terminal back, and the process then dies of the same signal (ct_die_by_signal). ----

static volatile sig_atomic_t pending_signal = 0;
static int signal_handlers_installed = 0;

static void record_signal(int sig) { pending_signal = sig; }

// Every signal whose default action ends the process and that is not a crash (those are below):
// a kill -USR1 or a SIGPIPE must not leave the terminal raw on the alternate screen.
static const int leave_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGVTALRM, SIGPROF,
    SIGXCPU, SIGXFSZ,
#ifdef SIGIO
    SIGIO,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGLOST
    SIGLOST,
#endif
};
#define LEAVE_SIGNAL_COUNT (sizeof leave_signals / sizeof leave_signals[0])

static void install_leave_handler(int sig, const struct sigaction *action, int only_if_default) {
    struct sigaction current;
    if (only_if_default) {
        // A signal the parent chose to ignore (nohup, a shell ignoring SIGPIPE) stays ignored.
        if (sigaction(sig, NULL, &current) != 0 || current.sa_handler == SIG_IGN) return;
    }
    sigaction(sig, action, NULL);
}

void ct_install_signal_handlers(void) {
    if (signal_handlers_installed) return;
    signal_handlers_installed = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a signal interrupts the blocking read, so the loop sees it at once.
    action.sa_flags = 0;
    for (size_t i = 0; i < LEAVE_SIGNAL_COUNT; i++) {
        int sig = leave_signals[i];
        // The four interrupts were always caught; the others only where their default applies.
        int interrupt = sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT;
        install_leave_handler(sig, &action, !interrupt);
    }
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++) install_leave_handler(sig, &action, 1);
    // A parent may hand its children these signals blocked (test runners do): they would stay
    // pending, and the war room would never leave when asked.
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < LEAVE_SIGNAL_COUNT; i++) sigaddset(&set, leave_signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int ct_is_leave_signal(int sig) {
    for (size_t i = 0; i < LEAVE_SIGNAL_COUNT; i++) {
        if (leave_signals[i] == sig) return 1;
    }
    return sig >= SIGRTMIN && sig <= SIGRTMAX;
}

void ct_die_by_signal(int sig) {
    fflush(NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    // Only if the default action did not end the process (it always does for these signals).
    _exit(128 + sig);
}

int ct_take_signal(void) {
    int sig = pending_signal;
    pending_signal = 0;
    return sig;
}

// ---- Crash signals: put the terminal back, then let the previous handler report the crash. ----

static volatile sig_atomic_t screen_active = 0;
static volatile sig_atomic_t screen_output_fd = -1;
static int crash_handler_installed = 0;
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSYS};
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
static struct sigaction previous_actions[CRASH_SIGNAL_COUNT];

void ct_set_screen_active(int active, int output_fd) {
    screen_output_fd = output_fd;
    screen_active = active;
}

int ct_screen_active(void) { return screen_active; }

static void crash_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (screen_active) {
        screen_active = 0;
        // Not async-signal-safe, but the process is dying anyway and a terminal left in raw mode
        // on the alternate screen (with the crash text lost) is worse; htop does the same.
        endwin();
        static const char paste_off[] = "\x1b[?2004l";
        int fd = screen_output_fd >= 0 ? screen_output_fd : STDOUT_FILENO;
        ssize_t ignored = write(fd, paste_off, sizeof paste_off - 1);
        (void)ignored;
    }
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] == sig) {
            sigaction(sig, &previous_actions[i], NULL);
            break;
        }
    }
    // A fault the kernel raised (a Swift trap is SIGILL from ud2) happens again when the
    // faulting instruction re-executes, now under the restored action and with its real siginfo.
    // A sent signal (abort(), kill) must be raised again: it is blocked until this returns.
    // SIGTRAP too: after int3 the program counter is already past the trap instruction, and
    // SIGSYS: a refused system call returns, it is not executed again.
    if (sig == SIGTRAP || sig == SIGSYS || info == NULL || info->si_code <= 0) raise(sig);
}

void ct_install_crash_handler(void) {
    if (crash_handler_installed) return;
    crash_handler_installed = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = crash_handler;
    sigemptyset(&action.sa_mask);
    // SA_ONSTACK: a stack overflow can only be handled on the alternate stack (Swift's runtime
    // sets one up for its backtracer).
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &action, &previous_actions[i]);
    }
}
