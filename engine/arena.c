/*
 * arena: bump allocator. Blocks grow geometrically; large requests get a
 * block of their own so one huge string does not waste a standard block.
 */
#define _DEFAULT_SOURCE     /* madvise, MADV_HUGEPAGE */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct ArenaBlock {
    ArenaBlock *next;   /* older block */
    size_t size;        /* usable bytes in data */
    size_t used;        /* bytes handed out */
    _Alignas(16) unsigned char data[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024 };

_Noreturn void
arena_fatal(const char *what)
{
    fprintf(stderr, "valsheet: fatal: out of memory (%s)\n", what);
    exit(2);
}

void
arena_init(Arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void
arena_hint_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (!p || n < 2 * huge)
        return;
    /* Only blocks with a mapping of their own. The brk heap is shared
     * with small allocations and glibc trims and regrows its top; under
     * the hint every regrowth faults in whole 2 MB pages again (measured:
     * eight per one-product edit of the 1m bench model, each zeroing 2 MB). */
    if ((uintptr_t)p < (uintptr_t)sbrk(0))
        return;
    uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t hi = ((uintptr_t)p + n) & ~(huge - 1);
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

static ArenaBlock *
arena_new_block(size_t need, size_t prev)
{
    size_t size = prev ? prev * 2 : ARENA_MIN_BLOCK;
    if (size > 8u * 1024 * 1024)
        size = 8u * 1024 * 1024;
    if (size < need)
        size = need;
    ArenaBlock *b = malloc(sizeof(ArenaBlock) + size);
    if (!b)
        arena_fatal("arena block");
    arena_hint_huge(b, sizeof(ArenaBlock) + size);
    b->size = size;
    b->used = 0;
    b->next = NULL;
    return b;
}

void *
arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < n) {
        /* A reset may have left emptied newer blocks behind: reuse one that
         * fits is not worth the bookkeeping; allocate afresh. */
        ArenaBlock *nb = arena_new_block(n, b ? b->size : 0);
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
}

void *
arena_zalloc(Arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

void *
arena_dup(Arena *a, const void *p, size_t n)
{
    void *q = arena_alloc(a, n);
    if (n)
        memcpy(q, p, n);
    return q;
}

ArenaMark
arena_mark(const Arena *a)
{
    ArenaMark m;
    m.block = a->head;
    m.used = a->head ? a->head->used : 0;
    return m;
}

void
arena_reset_to(Arena *a, ArenaMark m)
{
    while (a->head && a->head != m.block) {
        ArenaBlock *next = a->head->next;
        if (!next && !m.block) {
            /* Back to empty: keep the first block, so a scratch arena
             * reset after every cell does not malloc and free each time. */
            a->head->used = 0;
            return;
        }
        free(a->head);
        a->head = next;
    }
    if (a->head)
        a->head->used = m.used;
}

void
arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
