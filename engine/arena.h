/*
 * arena: bump allocator owning everything that lives as long as a workbook
 * (AST, programs, interned names, strings stored in cells) or as long as one
 * evaluation (the scratch arena, reset after each cell).
 *
 * Invariant: arena_alloc never returns NULL; on exhaustion it calls the fatal
 * hook (message, exit 2), so callers never check.
 */
#ifndef VS_ARENA_H
#define VS_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;   /* newest block first; owned */
    size_t total;       /* bytes handed out, for statistics */
} Arena;

/* A point an arena can be rewound to (arena_mark / arena_reset_to). */
typedef struct ArenaMark {
    ArenaBlock *block;
    size_t used;
} ArenaMark;

/* Initialises an empty arena; allocates nothing until first use. */
void arena_init(Arena *a);

/* Returns n bytes aligned to 16, uninitialised; never NULL. */
void *arena_alloc(Arena *a, size_t n);

/* Returns n zeroed bytes; never NULL. */
void *arena_zalloc(Arena *a, size_t n);

/* Copies n bytes of p into the arena. */
void *arena_dup(Arena *a, const void *p, size_t n);

/* Remembers the current fill level. */
ArenaMark arena_mark(const Arena *a);

/* Frees everything allocated after mark m (blocks are kept for reuse). */
void arena_reset_to(Arena *a, ArenaMark m);

/* Releases every block. The arena may be reused after arena_init. */
void arena_free(Arena *a);

/* Asks the kernel to back the 2 MB-aligned interior of a large block with
 * huge pages. A million-cell book first-touches tens of thousands of 4 KB
 * pages, and on virtual machines each of those faults is costly; with the
 * hint they are a few hundred. Call before the memory is first written.
 * Harmless where huge pages are off or unknown. */
void arena_hint_huge(void *p, size_t n);

/* Called when memory is exhausted; prints and exits with status 2. */
_Noreturn void arena_fatal(const char *what);

#endif
