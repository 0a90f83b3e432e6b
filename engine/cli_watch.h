/*
 * cli_watch: `valsheet watch`, the command line's rebuild loop. It runs a
 * build, watches the directories of every file that build read (inotify,
 * Linux), and builds again when one of those files is written, created,
 * renamed into place or removed. Part of the command, not of the library:
 * it uses only valsheet.h.
 */
#ifndef VS_CLI_WATCH_H
#define VS_CLI_WATCH_H

#include <stddef.h>

#include "valsheet.h"

/* The files one build depended on; filled by watch_note_book. */
typedef struct WatchDeps {
    char **paths;   /* owned */
    size_t n;
} WatchDeps;

/* Records the files an opened book read (call before closing it). */
void watch_note_book(WatchDeps *deps, const vs_book *b);

/* One build: returns its exit status (0 success) and records its files. */
typedef int (*WatchBuildFn)(void *arg, WatchDeps *deps);

/* Builds, then rebuilds on every change until SIGINT or SIGTERM; prints
 * "rebuilt OUT in 0.12 s" after each successful build (diagnostics come
 * from the build itself). Returns 0 when stopped by a signal, 2 when the
 * files cannot be watched. */
int watch_run(const char *model, const char *out, WatchBuildFn build, void *arg);

#endif
