/*
 * cli_watch: the rebuild loop of `valsheet watch`.
 *
 * Directories are watched rather than files because editors save by
 * writing a temporary file and renaming it over the original, which
 * replaces the inode a file watch would follow. The set of files is taken
 * again after every build, so a new include is watched from then on.
 * SIGINT and SIGTERM are blocked while a build runs, so stopping the
 * watcher never interrupts the (already atomic) workbook write.
 */
#define _GNU_SOURCE /* ppoll */
#include "cli_watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t watch_stop;

static void
watch_on_signal(int sig)
{
    (void)sig;
    watch_stop = 1;
}

static void
watch_deps_clear(WatchDeps *deps)
{
    for (size_t i = 0; i < deps->n; i++)
        free(deps->paths[i]);
    free(deps->paths);
    deps->paths = NULL;
    deps->n = 0;
}

static void
watch_deps_add(WatchDeps *deps, const char *path)
{
    for (size_t i = 0; i < deps->n; i++)
        if (strcmp(deps->paths[i], path) == 0)
            return;
    char **np = realloc(deps->paths, (deps->n + 1) * sizeof *np);
    char *copy = strdup(path);
    if (!np || !copy) {
        fprintf(stderr, "valsheet: error: out of memory\n");
        exit(2);
    }
    deps->paths = np;
    deps->paths[deps->n++] = copy;
}

void
watch_note_book(WatchDeps *deps, const vs_book *b)
{
    const char *p;
    for (size_t i = 0; (p = vs_book_source_path(b, i)) != NULL; i++)
        watch_deps_add(deps, p);
}

static double
watch_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Splits a path into its directory (into dir) and its last part. */
static const char *
watch_split(const char *path, char *dir, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, n, ".");
        return path;
    }
    if (slash == path)
        snprintf(dir, n, "/");
    else
        snprintf(dir, n, "%.*s", (int)(slash - path), path);
    return slash + 1;
}

typedef struct WatchDir {
    int wd;
    char dir[PATH_MAX];
} WatchDir;

/* True when event ev names one of the files (same watched dir, same name). */
static bool
watch_matches(const WatchDeps *deps, const WatchDir *dirs, size_t n_dirs,
              const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW)
        return true;
    if (ev->len == 0)
        return false;
    for (size_t i = 0; i < n_dirs; i++) {
        if (dirs[i].wd != ev->wd)
            continue;
        for (size_t k = 0; k < deps->n; k++) {
            char dir[PATH_MAX];
            const char *base = watch_split(deps->paths[k], dir, sizeof dir);
            if (strcmp(dir, dirs[i].dir) == 0 && strcmp(base, ev->name) == 0)
                return true;
        }
    }
    return false;
}

/* Blocks until a file of deps changes (true) or a signal stops us. */
static bool
watch_wait(const WatchDeps *deps, const sigset_t *unblocked)
{
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd < 0) {
        fprintf(stderr, "valsheet: error: cannot watch files: %s\n", strerror(errno));
        return false;
    }
    WatchDir *dirs = calloc(deps->n ? deps->n : 1, sizeof *dirs);
    if (!dirs) {
        close(fd);
        return false;
    }
    size_t n_dirs = 0;
    for (size_t k = 0; k < deps->n; k++) {
        char dir[PATH_MAX];
        watch_split(deps->paths[k], dir, sizeof dir);
        int wd = inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
                                                IN_DELETE | IN_MOVED_FROM | IN_ATTRIB);
        if (wd < 0) {
            fprintf(stderr, "valsheet: warning: cannot watch '%s': %s\n", dir,
                    strerror(errno));
            continue;
        }
        bool seen = false;
        for (size_t i = 0; i < n_dirs; i++)
            seen |= dirs[i].wd == wd;
        if (!seen) {
            dirs[n_dirs].wd = wd;
            snprintf(dirs[n_dirs].dir, sizeof dirs[n_dirs].dir, "%s", dir);
            n_dirs++;
        }
    }
    bool changed = false;
    bool ok = n_dirs > 0;
    if (!ok)
        fprintf(stderr, "valsheet: error: no directory to watch\n");
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (ok && !watch_stop) {
        struct pollfd pfd = {fd, POLLIN, 0};
        /* After a change, wait for the burst of events an editor's save
         * makes (write, rename, chmod) to end before building. */
        struct timespec settle = {0, 50 * 1000 * 1000};
        int r = ppoll(&pfd, 1, changed ? &settle : NULL, unblocked);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fprintf(stderr, "valsheet: error: watching files: %s\n", strerror(errno));
            ok = false;
            break;
        }
        if (r == 0)
            break; /* the burst is over */
        ssize_t got;
        while ((got = read(fd, buf, sizeof buf)) > 0) {
            for (char *p = buf; p < buf + got;) {
                const struct inotify_event *ev = (const struct inotify_event *)p;
                if (watch_matches(deps, dirs, n_dirs, ev))
                    changed = true;
                p += sizeof *ev + ev->len;
            }
        }
    }
    free(dirs);
    close(fd);
    return ok && changed && !watch_stop;
}

int
watch_run(const char *model, const char *out, WatchBuildFn build, void *arg)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = watch_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigset_t stops, unblocked;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigprocmask(SIG_BLOCK, &stops, &unblocked);
    sigdelset(&unblocked, SIGINT);
    sigdelset(&unblocked, SIGTERM);
    WatchDeps deps = {NULL, 0};
    int rc = 0;
    for (bool first = true; !watch_stop; first = false) {
        watch_deps_clear(&deps);
        double t0 = watch_now();
        int status = build(arg, &deps);
        watch_deps_add(&deps, model); /* even when it could not be read */
        if (status == 0)
            printf("%s %s in %.2f s\n", first ? "built" : "rebuilt", out, watch_now() - t0);
        else
            printf("build failed; waiting for a change\n");
        fflush(stdout);
        fflush(stderr);
        if (!watch_wait(&deps, &unblocked)) {
            if (!watch_stop)
                rc = 2;
            break;
        }
    }
    watch_deps_clear(&deps);
    return rc;
}
