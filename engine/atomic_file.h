/*
 * atomic_file: replaces a file all at once. The new contents go to a
 * temporary file beside the target, named ".BASE.vstmp.XXXXXX", which is
 * fsync'd and renamed over the target; a reader sees the old file or the
 * new one, never a mix.
 *
 * A process killed mid-write (SIGKILL, power loss) cannot remove its
 * temporary file. So the writer holds an flock on it for as long as it
 * lives (the kernel drops the lock when the process dies), and the next
 * atomic_open for the same target removes every ".BASE.vstmp.*" whose lock
 * it can take: those were left by dead writers. A live writer's file is
 * never removed.
 */
#ifndef VS_ATOMIC_FILE_H
#define VS_ATOMIC_FILE_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct AtomicFile {
    char *tmp;      /* the temporary file's path (malloc'd) */
    int fd;         /* open and locked until commit or abort */
} AtomicFile;

/* Creates the temporary file for target with permissions mode & ~umask,
 * after sweeping temporaries left by dead writers. Returns false with
 * errno set; f is then empty. */
bool atomic_open(AtomicFile *f, const char *target, mode_t mode);

/* Makes the temporary file the target: fsync, rename, fsync of the
 * directory. Whatever the outcome, f is released (and on failure the
 * temporary file removed). Returns false with errno set. */
bool atomic_commit(AtomicFile *f, const char *target);

/* Removes the temporary file and releases f. Safe on an empty f. */
void atomic_abort(AtomicFile *f);

#endif
