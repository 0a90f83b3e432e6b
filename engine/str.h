/*
 * str: immutable strings (Str), the identifier intern table and a growable
 * byte buffer (StrBuf) used by printers and the Excel unparser.
 *
 * Invariants: a Str is NUL-terminated UTF-8 and never changes after creation.
 * Interned identifiers are keyed case-insensitively (ASCII folding) and keep
 * the spelling of their first occurrence, so equal names have equal pointers.
 */
#ifndef VS_STR_H
#define VS_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct Str {
    uint32_t len;   /* bytes, without the terminating NUL */
    uint32_t hash;  /* case-folded FNV-1a of the bytes */
    char s[];       /* NUL-terminated */
} Str;

/* Intern table: open addressing over Str pointers; slots owned by the table,
 * strings by the arena given at init. */
typedef struct StrTable {
    Arena *arena;
    const Str **slots;
    uint32_t cap;
    uint32_t count;
} StrTable;

/* Growable, always NUL-terminated buffer; data is malloc'd and owned. */
typedef struct StrBuf {
    char *data;
    size_t len;
    size_t cap;
} StrBuf;

/* Case-folded hash of n bytes. */
uint32_t str_hash_fold(const char *s, size_t n);

/* A new, non-interned Str copied into arena a. */
const Str *str_new(Arena *a, const char *s, size_t n);

/* True when a and b hold the same bytes ignoring ASCII case. */
bool str_eq_fold(const char *a, size_t na, const char *b, size_t nb);

void str_table_init(StrTable *t, Arena *a);
void str_table_free(StrTable *t);

/* The interned Str for s[0..n) (case-insensitive key); creates it if new. */
const Str *str_intern(StrTable *t, const char *s, size_t n);

/* The interned Str for s[0..n) or NULL when it was never interned. */
const Str *str_lookup(const StrTable *t, const char *s, size_t n);

void strbuf_init(StrBuf *b);
void strbuf_free(StrBuf *b);
void strbuf_clear(StrBuf *b);
void strbuf_add(StrBuf *b, const char *s, size_t n);
void strbuf_puts(StrBuf *b, const char *s);
void strbuf_putc(StrBuf *b, char c);
/* printf into the buffer (C locale conventions: callers never setlocale). */
void strbuf_printf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends v in decimal; cheaper than strbuf_printf in per-cell loops. */
void strbuf_uint(StrBuf *b, uint64_t v);

/* Appends a number printed as the engine prints numbers (%.15g, "-0" as 0). */
void strbuf_number(StrBuf *b, double x);

/* Levenshtein distance between a[0..na) and b[0..nb), ASCII case folded,
 * for "did you mean" hints; strings longer than 64 bytes count as far
 * (returns 64). */
size_t str_edit_distance(const char *a, size_t na, const char *b, size_t nb);

/* Counts UTF-8 code points in s[0..n) (continuation bytes skipped). */
size_t str_utf8_len(const char *s, size_t n);

/* Returns true when s[0..n) is well-formed UTF-8; *bad_off gets the offset of
 * the first bad byte otherwise. */
bool str_utf8_valid(const char *s, size_t n, size_t *bad_off);

/* Splits a command-like line in place into at most max words: whitespace
 * separates; "..." is one word without its quotes ("" inside is one
 * quote); '...' is kept as written (a quoted sheet name). Returns the
 * count; each word starts where it started in s. */
int str_split_words(char *s, char **words, int max);

#endif
