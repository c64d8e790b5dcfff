#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro cast Swift cannot import: bind calls use this to make SQLite copy.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

#ifdef __linux__
// The SQLite change signal (SQLiteChangeSignal.swift): inotify on the store's directory and a
// recheck timer, gathered in one epoll set so a waiter polls a single descriptor. Wrapped here
// because Glibc's Swift module has no epoll, and struct epoll_event is packed.
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/timerfd.h>
#include <time.h>

static inline int csqlite_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static inline int csqlite_epoll_add(int set, int fd) {
    struct epoll_event event = {0};
    event.events = EPOLLIN;
    event.data.fd = fd;
    return epoll_ctl(set, EPOLL_CTL_ADD, fd, &event);
}

static inline int csqlite_timer_create(void) {
    return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
}

/// Arms `timer` to expire once, `millis` from now; 0 disarms it.
static inline int csqlite_timer_arm(int timer, long millis) {
    struct itimerspec spec = {0};
    spec.it_value.tv_sec = millis / 1000;
    spec.it_value.tv_nsec = (millis % 1000) * 1000000L;
    return timerfd_settime(timer, 0, &spec, NULL);
}
#endif
