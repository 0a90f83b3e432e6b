/*
 * fn_search: private to stdlib. The searches behind MATCH, VLOOKUP,
 * HLOOKUP, LOOKUP, XLOOKUP and XMATCH, over one row or column of a range
 * or array (a LookVec), so every lookup function compares and matches the
 * same way: text without case, numbers < text < booleans, wildcards only
 * where the caller asks for them.
 */
#ifndef VS_FN_SEARCH_H
#define VS_FN_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "fn.h"

/* One row or column of a range or array, read lazily. */
typedef struct LookVec {
    FnCtx *cx;
    Value src;          /* range, array or scalar */
    uint32_t n;         /* elements searched: past the sheet's used area a
                           range is empty, so it is not read */
    uint32_t fixed;     /* the column read (down) or the row (across) */
    bool down;          /* true: element i is row i */
} LookVec;

/* The vector of src along rows (down) or columns, at row or column fixed.
 * Its length is the source's extent, clipped to the used area. */
void fn_lookvec_init(LookVec *v, FnCtx *cx, Value src, bool down, uint32_t fixed);

/* Element i (zero-based) of the vector. */
Value fn_lookvec_at(const LookVec *v, uint32_t i);

/* Comparable class of a scalar: 0 number, 1 text, 2 boolean; -1 for empty
 * cells and errors, which a lookup never matches. */
int fn_look_class(Value v);

/* Excel's wildcard match ('*', '?', '~' escape), ASCII case-insensitive. */
bool fn_wild_match(const char *p, size_t pn, const char *s, size_t sn);

/* Exact match of element e against key: same class, text without case,
 * with wildcards when wild. */
bool fn_look_equal(Value key, Value e, bool wild);

/* Excel's approximate binary search (MATCH 1 and -1, VLOOKUP and HLOOKUP
 * TRUE, LOOKUP): the index of the last element <= key (dir 1, ascending
 * data) or >= key (dir -1, descending data); elements of another class
 * than key are stepped over; -1 when there is none. Like Excel, unsorted
 * data gives whatever the bisection meets. */
int64_t fn_look_approx(const LookVec *v, Value key, int dir);

/* First exact match scanning forwards (or backwards when reverse); -1
 * when none. */
int64_t fn_look_linear(const LookVec *v, Value key, bool wild, bool reverse);

/* Rows [r0, r1] x columns [c0, c1] (zero-based) of src: a reference when
 * src is one (allocated in cx->scratch), else the element or a sub-array. */
Value fn_select(FnCtx *cx, Value src, uint32_t r0, uint32_t r1, uint32_t c0,
                uint32_t c1);

#endif
