/*
 * fn_utf: character helpers for the text built-ins (stdlib module); see
 * fn_utf.h. Pure functions over byte ranges; nothing allocates except
 * through the caller's StrBuf.
 */
#include "fn_utf.h"

#include <stdlib.h>

uint32_t
fn_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    uint32_t c = u[k];
    int more = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
             : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (more < 0 || k + (size_t)more >= n) {
        *i = k + 1;
        return 0xFFFD;
    }
    uint32_t cp = more == 0 ? c : c & (0x3Fu >> more);
    for (int j = 1; j <= more; j++) {
        if ((u[k + j] & 0xC0) != 0x80) {
            *i = k + 1;
            return 0xFFFD;
        }
        cp = cp << 6 | (u[k + j] & 0x3F);
    }
    *i = k + 1 + (size_t)more;
    return cp;
}

void
fn_utf8_put(StrBuf *b, uint32_t cp)
{
    char buf[4];
    size_t n;
    if (cp < 0x80) {
        buf[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | cp >> 6);
        buf[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | cp >> 12);
        buf[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | cp >> 18);
        buf[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        buf[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_add(b, buf, n);
}

size_t
fn_utf16_len(const char *s, size_t n)
{
    size_t units = 0;
    for (size_t i = 0; i < n;)
        units += fn_utf8_next(s, n, &i) >= 0x10000 ? 2 : 1;
    return units;
}

void
fn_utf16_slice(const char *s, size_t n, size_t start0, size_t count, StrBuf *out)
{
    size_t u = 0;
    size_t end = start0 + count < start0 ? (size_t)-1 : start0 + count;
    for (size_t i = 0; i < n && u < end;) {
        size_t at = i;
        uint32_t cp = fn_utf8_next(s, n, &i);
        size_t w = cp >= 0x10000 ? 2 : 1;
        if (u >= start0 && u + w <= end)
            strbuf_add(out, s + at, i - at);
        else if (u + w > start0 && u < end)
            fn_utf8_put(out, 0xFFFD);   /* half of a surrogate pair */
        u += w;
    }
}

size_t
fn_utf16_offset(const char *s, size_t n, size_t u0)
{
    size_t u = 0;
    size_t i = 0;
    while (i < n && u < u0)
        u += fn_utf8_next(s, n, &i) >= 0x10000 ? 2 : 1;
    return i;
}

/* Letters whose lower case is upper + 32: Latin-1, Greek, Cyrillic. */
static bool
fn_cp_upper_block(uint32_t cp)
{
    return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
           (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F);
}

/* Latin Extended-A pairs: even upper, odd lower, except the ranges where
 * the parity flips (0x139-0x148, 0x179-0x17E) and the odd singles. */
static bool
fn_cp_ext_a(uint32_t cp, bool *upper)
{
    if (cp < 0x100 || cp > 0x17E || cp == 0x130 || cp == 0x131 || cp == 0x138 ||
        cp == 0x149 || cp == 0x17F)
        return false;
    bool flip = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    *upper = ((cp & 1) == 0) != flip;
    return true;
}

uint32_t
fn_cp_upper(uint32_t cp)
{
    bool up;
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if (fn_cp_upper_block(cp - 32) && cp != 0xF7 && cp != 0x3C2)
        return cp - 32;
    if (cp == 0x3C2)
        return 0x3A3;   /* final sigma */
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 80;
    if (cp == 0xFF)
        return 0x178;
    if (fn_cp_ext_a(cp, &up) && !up)
        return cp - 1;
    return cp;
}

uint32_t
fn_cp_lower(uint32_t cp)
{
    bool up;
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (fn_cp_upper_block(cp))
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp == 0x178)
        return 0xFF;
    if (fn_cp_ext_a(cp, &up) && up)
        return cp + 1;
    return cp;
}

bool
fn_cp_is_letter(uint32_t cp)
{
    return fn_cp_upper(cp) != cp || fn_cp_lower(cp) != cp || cp == 0xDF;
}

/* Decodes s[0..n) into upper-case code points (malloc'd; *len set). */
static uint32_t *
fn_wild_decode(const char *s, size_t n, size_t *len, size_t **offs)
{
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    size_t *off = offs ? malloc((n + 1) * sizeof *off) : NULL;
    if (!cp || (offs && !off)) {
        free(cp);
        free(off);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; k++) {
        if (off)
            off[k] = i;
        cp[k] = fn_cp_upper(fn_utf8_next(s, n, &i));
    }
    if (off)
        off[k] = n;
    *len = k;
    if (offs)
        *offs = off;
    return cp;
}

enum { FN_WILD_NO, FN_WILD_YES, FN_WILD_NEVER };

/* Whether p matches a prefix of s: FN_WILD_YES, FN_WILD_NO, or
 * FN_WILD_NEVER when it failed after a '*': what follows the star matches
 * nowhere in s, so no later start can match either and SEARCH stops
 * (that keeps it linear in the text, not quadratic). Iterative; backtracks
 * to the last '*' only, so it never recurses. */
static int
fn_wild_prefix(const uint32_t *p, size_t pn, const uint32_t *s, size_t sn)
{
    size_t pi = 0;
    size_t si = 0;
    size_t star = (size_t)-1;
    size_t mark = 0;
    for (;;) {
        if (pi == pn)
            return FN_WILD_YES;     /* a prefix is enough */
        if (p[pi] == '*') {
            star = ++pi;
            mark = si;
            continue;
        }
        if (si < sn) {
            if (p[pi] == '?') {
                pi++;
                si++;
                continue;
            }
            size_t lit = pi;
            if (p[pi] == '~' && pi + 1 < pn && (p[pi + 1] == '*' || p[pi + 1] == '?' ||
                                                p[pi + 1] == '~'))
                lit = pi + 1;
            if (p[lit] == s[si]) {
                pi = lit + 1;
                si++;
                continue;
            }
        }
        if (star == (size_t)-1)
            return FN_WILD_NO;
        if (mark >= sn)
            return FN_WILD_NEVER;
        pi = star;
        si = ++mark;
    }
}

long
fn_wild_search(const char *p, size_t pn, const char *s, size_t sn, size_t from)
{
    size_t np;
    size_t ns;
    size_t *off = NULL;
    uint32_t *pc = fn_wild_decode(p, pn, &np, NULL);
    uint32_t *sc = fn_wild_decode(s, sn, &ns, &off);
    long found = -1;
    if (pc && sc) {
        for (size_t k = 0; k <= ns && found < 0; k++) {
            if (off[k] < from)
                continue;
            int m = fn_wild_prefix(pc, np, sc + k, ns - k);
            if (m == FN_WILD_YES)
                found = (long)off[k];
            if (m == FN_WILD_NEVER)
                break;
        }
    }
    free(pc);
    free(sc);
    free(off);
    return found;
}
