/*
 * atomic_file: see atomic_file.h.
 */
#define _DEFAULT_SOURCE     /* flock, mkstemp, fchmod, openat, unlinkat */
#include "atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

#define TMP_TAG ".vstmp."

/* The directory part of target ("." when it has none), malloc'd. */
static char *
dir_of(const char *target)
{
    const char *slash = strrchr(target, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == target ? 1 : (size_t)(slash - target);
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, target, n);
        d[n] = '\0';
    }
    return d;
}

/* Removes the temporaries of target whose writer is gone: their flock can
 * be taken. Best effort; an unreadable directory is left alone. */
static void
sweep(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t base_len = strlen(base), tag_len = strlen(TMP_TAG);
    int dfd = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (name[0] != '.' || strncmp(name + 1, base, base_len) != 0 ||
            strncmp(name + 1 + base_len, TMP_TAG, tag_len) != 0 ||
            strlen(name + 1 + base_len + tag_len) != 6)
            continue;
        int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0)
            unlinkat(dfd, name, 0);
        close(fd);
    }
    closedir(d);
}

bool
atomic_open(AtomicFile *f, const char *target, mode_t mode)
{
    f->tmp = NULL;
    f->fd = -1;
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    if (!*base) {
        errno = EISDIR;
        return false;
    }
    char *dir = dir_of(target);
    if (!dir)
        arena_fatal("atomic file");
    sweep(dir, base);
    free(dir);

    size_t dir_len = (size_t)(base - target);
    size_t n = dir_len + 1 + strlen(base) + strlen(TMP_TAG) + 7;
    char *tmp = malloc(n);
    if (!tmp)
        arena_fatal("atomic file");
    mode_t mask = umask(0);
    umask(mask);
    /* A sweeper may take the new file's lock between mkstemp and our
     * flock and unlink it; the link count tells, and we try again. */
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(tmp, n, "%.*s.%s" TMP_TAG "XXXXXX", (int)dir_len, target, base);
        int fd = mkstemp(tmp);
        if (fd < 0)
            break;
        struct stat st;
        if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0) {
            int saved = errno;
            close(fd);
            unlink(tmp);
            errno = saved;
            break;
        }
        if (st.st_nlink == 0) {
            close(fd);
            continue;
        }
        if (fchmod(fd, mode & ~mask) != 0) {
            int saved = errno;
            close(fd);
            unlink(tmp);
            errno = saved;
            break;
        }
        f->tmp = tmp;
        f->fd = fd;
        return true;
    }
    int saved = errno;
    free(tmp);
    errno = saved;
    return false;
}

bool
atomic_commit(AtomicFile *f, const char *target)
{
    if (!f->tmp) {
        errno = EBADF;
        return false;
    }
    /* The bytes must be on disk before the rename makes them the target,
     * or a crash could leave an empty file where a good one stood. The
     * lock is held until the rename, so no sweeper takes the file. */
    if (fsync(f->fd) != 0 || rename(f->tmp, target) != 0) {
        int saved = errno;
        atomic_abort(f);
        errno = saved;
        return false;
    }
    close(f->fd);
    free(f->tmp);
    f->tmp = NULL;
    f->fd = -1;
    /* The rename itself is durable once the directory is synced; some
     * file systems refuse fsync on a directory, which is no error here. */
    char *dir = dir_of(target);
    if (dir) {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            (void)fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    return true;
}

void
atomic_abort(AtomicFile *f)
{
    if (f->tmp) {
        unlink(f->tmp);
        free(f->tmp);
    }
    if (f->fd >= 0)
        close(f->fd);
    f->tmp = NULL;
    f->fd = -1;
}
