/*
 * fn_utf: private to stdlib. Character-level text helpers for the text
 * functions (fn_text.c, fn_textfmt.c): UTF-8 decoding, Excel's character
 * count, case mapping and wildcard search.
 *
 * Excel counts characters in UTF-16 code units, so a character outside the
 * Basic Multilingual Plane (an emoji) counts 2 in LEN, LEFT, MID, FIND.
 * These helpers do the same. Cutting such a character in half (LEFT(emoji,
 * 1)) cannot be written as UTF-8: the half becomes U+FFFD.
 */
#ifndef VS_FN_UTF_H
#define VS_FN_UTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "str.h"

/* The code point at s[*i] (of n bytes), advancing *i; a malformed byte
 * gives U+FFFD and advances one byte. */
uint32_t fn_utf8_next(const char *s, size_t n, size_t *i);

/* Appends code point cp as UTF-8. */
void fn_utf8_put(StrBuf *b, uint32_t cp);

/* Length of s[0..n) in UTF-16 code units (Excel's LEN). */
size_t fn_utf16_len(const char *s, size_t n);

/* Appends the units [start0, start0 + count) of s (zero-based, clipped to
 * the text) to out. */
void fn_utf16_slice(const char *s, size_t n, size_t start0, size_t count, StrBuf *out);

/* Byte offset of unit position u0 (clipped to n); a position inside a
 * surrogate pair rounds up to the next character. */
size_t fn_utf16_offset(const char *s, size_t n, size_t u0);

/* Simple case mapping for Latin-1, Latin Extended-A, Greek and Cyrillic;
 * other characters map to themselves. */
uint32_t fn_cp_upper(uint32_t cp);
uint32_t fn_cp_lower(uint32_t cp);

/* True for letters the case mapping knows (PROPER's word rule). */
bool fn_cp_is_letter(uint32_t cp);

/* SEARCH: the first byte offset >= from in s where pattern p matches a
 * prefix of the rest, with Excel's wildcards ('?' one character, '*' any
 * run, '~' quoting the next * ? ~) and without case; -1 when none. */
long fn_wild_search(const char *p, size_t pn, const char *s, size_t sn, size_t from);

#endif
