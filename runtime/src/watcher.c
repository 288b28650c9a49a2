/*
 * watcher.c — Viper.IO.Watcher (RUNTIME-SYSTEM §4.9): polled file-system change notification,
 * inotify on Linux, kqueue (EVFILT_VNODE) on macOS; other systems trap in Start.
 *
 * New(p) checks the path exists (`Watcher.New: null path` / `empty path` / `path does not
 * exist`) and remembers whether it is a directory; nothing is watched until Start
 * (`Watcher.Start: null watcher`, `already watching`, `failed to initialize inotify`, `failed to
 * add watch`; macOS: `failed to open path for watching`, `failed to create kqueue`, `failed to
 * register kevent`; else `unsupported platform`). PollFor(w, ms) returns a queued event at once;
 * otherwise it waits up to ms milliseconds (ms < 0: forever, 0: just check), reads every pending
 * kernel event into a 64-entry queue (dropping the oldest when full) and returns the first one's
 * type, or 0 (NULL or not watching → 0). Event codes: NONE 0, CREATED 1, MODIFIED 2, DELETED 3,
 * RENAMED 4; inotify: IN_CREATE → 1, else IN_MODIFY → 2, else IN_DELETE/IN_DELETE_SELF → 3, else
 * moves → 4 (other events are ignored); the event path is the entry name inside the watched
 * directory ("" for the watched file itself). kqueue reports no names: NOTE_DELETE → 3,
 * NOTE_RENAME → 4, NOTE_WRITE/NOTE_EXTEND → 2 for a file; for a watched directory a write (its
 * entry list changed) is reported as CREATED with an empty path.
 * The returned event becomes the last event: EventPath (+1; traps `Watcher.EventPath: null
 * watcher` / `no event polled yet`), EventType (0 if none). Stop removes the watch (NULL or not
 * watching: nothing); the finaliser does too. get_EVENT_* ignore their argument.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#define _DARWIN_C_SOURCE /* O_EVTONLY, kqueue */
#endif
#include "rt_io_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/inotify.h>
#elif defined(__APPLE__)
#include <sys/event.h>
#include <sys/time.h>
#ifndef O_EVTONLY
#define O_EVTONLY O_RDONLY
#endif
#endif

enum { EV_NONE = 0, EV_CREATED = 1, EV_MODIFIED = 2, EV_DELETED = 3, EV_RENAMED = 4 };
#define QUEUE_CAP 64

typedef struct wevent {
    int64_t type;
    rt_string path; /* owned */
} wevent;

typedef struct rt_watcher {
    void *vptr; /* NULL (collection convention) */
    rt_string path; /* owned */
    bool is_dir;
    bool watching;
    int fd; /* inotify instance or kqueue */
    int wd; /* inotify watch / watched file descriptor (kqueue) */
    wevent queue[QUEUE_CAP];
    int qhead, qlen;
    bool has_last;
    int64_t last_type;
    rt_string last_path; /* owned */
} rt_watcher;

static void clear_queue(rt_watcher *w) {
    while (w->qlen > 0) {
        rt_str_release_maybe(w->queue[w->qhead].path);
        w->qhead = (w->qhead + 1) % QUEUE_CAP;
        w->qlen--;
    }
    w->qhead = 0;
}

static void stop_watch(rt_watcher *w) {
    if (!w->watching)
        return;
#if defined(__linux__)
    inotify_rm_watch(w->fd, w->wd);
    close(w->fd);
#elif defined(__APPLE__)
    close(w->fd);
    close(w->wd);
#endif
    w->fd = w->wd = -1;
    w->watching = false;
    clear_queue(w);
}

static void w_finalize(void *p) {
    rt_watcher *w = p;
    stop_watch(w);
    rt_str_release_maybe(w->path);
    rt_str_release_maybe(w->last_path);
    w->path = w->last_path = NULL;
}

static rt_watcher *w_of(void *p) { return rt__is_collection(p, w_finalize) ? p : NULL; }

static void push_event(rt_watcher *w, int64_t type, const char *name, size_t n) {
    if (w->qlen == QUEUE_CAP) { /* drop the oldest */
        rt_str_release_maybe(w->queue[w->qhead].path);
        w->qhead = (w->qhead + 1) % QUEUE_CAP;
        w->qlen--;
    }
    wevent *e = &w->queue[(w->qhead + w->qlen) % QUEUE_CAP];
    e->type = type;
    e->path = n ? rt__str_new(name, n) : rt_str_empty();
    w->qlen++;
}

void *rt_watcher_new(rt_string path) {
    if (!path)
        rt__trap("Watcher.New: null path");
    const char *p = rt__str_bytes(path);
    if (!*p)
        rt__trap("Watcher.New: empty path");
    struct stat st;
    if (stat(p, &st) != 0)
        rt__trap("Watcher.New: path does not exist");
    rt_watcher *w = rt__collection_alloc(sizeof(rt_watcher), w_finalize);
    rt_str_retain_maybe(path);
    w->path = path;
    w->is_dir = S_ISDIR(st.st_mode);
    w->fd = w->wd = -1;
    return w;
}

void rt_watcher_start(void *p) {
    rt_watcher *w = w_of(p);
    if (!w)
        rt__trap("Watcher.Start: null watcher");
    if (w->watching)
        rt__trap("Watcher.Start: already watching");
#if defined(__linux__)
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        rt__trap("Watcher.Start: failed to initialize inotify");
    uint32_t mask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO;
    if (!w->is_dir)
        mask |= IN_DELETE_SELF | IN_MOVE_SELF;
    int wd = inotify_add_watch(fd, rt__str_bytes(w->path), mask);
    if (wd < 0) {
        close(fd);
        rt__trap("Watcher.Start: failed to add watch");
    }
    w->fd = fd;
    w->wd = wd;
#elif defined(__APPLE__)
    int target = open(rt__str_bytes(w->path), O_EVTONLY);
    if (target < 0)
        rt__trap("Watcher.Start: failed to open path for watching");
    int kq = kqueue();
    if (kq < 0) {
        close(target);
        rt__trap("Watcher.Start: failed to create kqueue");
    }
    struct kevent ev;
    EV_SET(&ev, target, EVFILT_VNODE, EV_ADD | EV_CLEAR,
           NOTE_WRITE | NOTE_DELETE | NOTE_RENAME | NOTE_EXTEND | NOTE_ATTRIB, 0, NULL);
    if (kevent(kq, &ev, 1, NULL, 0, NULL) < 0) {
        close(kq);
        close(target);
        rt__trap("Watcher.Start: failed to register kevent");
    }
    w->fd = kq;
    w->wd = target;
#else
    rt__trap("Watcher.Start: unsupported platform");
#endif
    w->watching = true;
}

void rt_watcher_stop(void *p) {
    rt_watcher *w = w_of(p);
    if (w)
        stop_watch(w);
}

/* Wait up to ms for the kernel and queue everything pending. */
static void collect(rt_watcher *w, int64_t ms) {
    int timeout = ms < 0 ? -1 : ms > 0x7FFFFFFF ? 0x7FFFFFFF : (int)ms;
#if defined(__linux__)
    struct pollfd pfd = {.fd = w->fd, .events = POLLIN};
    int r;
    do {
        r = poll(&pfd, 1, timeout);
    } while (r < 0 && errno == EINTR);
    if (r <= 0)
        return;
    _Alignas(struct inotify_event) char buf[4096];
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (char *q = buf; q < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)q;
            int64_t type = EV_NONE;
            if (ev->mask & IN_CREATE)
                type = EV_CREATED;
            else if (ev->mask & IN_MODIFY)
                type = EV_MODIFIED;
            else if (ev->mask & (IN_DELETE | IN_DELETE_SELF))
                type = EV_DELETED;
            else if (ev->mask & (IN_MOVED_FROM | IN_MOVED_TO | IN_MOVE_SELF))
                type = EV_RENAMED;
            if (type != EV_NONE)
                push_event(w, type, ev->name, ev->len ? strlen(ev->name) : 0);
            q += sizeof(struct inotify_event) + ev->len;
        }
    }
#elif defined(__APPLE__)
    struct timespec ts, *tp = NULL;
    if (timeout >= 0) {
        ts.tv_sec = timeout / 1000;
        ts.tv_nsec = (long)(timeout % 1000) * 1000000L;
        tp = &ts;
    }
    struct kevent evs[16];
    int n = kevent(w->fd, NULL, 0, evs, 16, tp);
    while (n > 0) {
        for (int i = 0; i < n; i++) {
            unsigned f = evs[i].fflags;
            int64_t type = EV_NONE;
            if (f & NOTE_DELETE)
                type = EV_DELETED;
            else if (f & NOTE_RENAME)
                type = EV_RENAMED;
            else if (f & (NOTE_WRITE | NOTE_EXTEND))
                type = w->is_dir ? EV_CREATED : EV_MODIFIED;
            if (type != EV_NONE)
                push_event(w, type, "", 0);
        }
        struct timespec zero = {0, 0};
        n = kevent(w->fd, NULL, 0, evs, 16, &zero);
    }
#else
    (void)timeout;
#endif
}

int64_t rt_watcher_poll_for(void *p, int64_t ms) {
    rt_watcher *w = w_of(p);
    if (!w || !w->watching)
        return EV_NONE;
    if (w->qlen == 0)
        collect(w, ms);
    if (w->qlen == 0)
        return EV_NONE;
    wevent e = w->queue[w->qhead];
    w->qhead = (w->qhead + 1) % QUEUE_CAP;
    w->qlen--;
    rt_str_release_maybe(w->last_path);
    w->last_path = e.path;
    w->last_type = e.type;
    w->has_last = true;
    return e.type;
}

int64_t rt_watcher_poll(void *w) { return rt_watcher_poll_for(w, 0); }

rt_string rt_watcher_event_path(void *p) {
    rt_watcher *w = w_of(p);
    if (!w)
        rt__trap("Watcher.EventPath: null watcher");
    if (!w->has_last)
        rt__trap("Watcher.EventPath: no event polled yet");
    rt_str_retain_maybe(w->last_path);
    return w->last_path;
}

int64_t rt_watcher_event_type(void *p) {
    rt_watcher *w = w_of(p);
    return w && w->has_last ? w->last_type : EV_NONE;
}

rt_string rt_watcher_get_path(void *p) {
    rt_watcher *w = w_of(p);
    if (!w || !w->path)
        return rt_str_empty();
    rt_str_retain_maybe(w->path);
    return w->path;
}

bool rt_watcher_get_is_watching(void *p) {
    rt_watcher *w = w_of(p);
    return w && w->watching;
}

int64_t rt_watcher_event_none(void *w) {
    (void)w;
    return EV_NONE;
}
int64_t rt_watcher_event_created(void *w) {
    (void)w;
    return EV_CREATED;
}
int64_t rt_watcher_event_modified(void *w) {
    (void)w;
    return EV_MODIFIED;
}
int64_t rt_watcher_event_deleted(void *w) {
    (void)w;
    return EV_DELETED;
}
int64_t rt_watcher_event_renamed(void *w) {
    (void)w;
    return EV_RENAMED;
}
