/*
 * str: Str creation, case-insensitive interning, StrBuf, UTF-8 helpers.
 */
#include "str.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline unsigned char
str_fold(unsigned char c)
{
    return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 32) : c;
}

uint32_t
str_hash_fold(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= str_fold((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h;
}

const Str *
str_new(Arena *a, const char *s, size_t n)
{
    if (n > UINT32_MAX - 1)
        arena_fatal("string too long");
    Str *r = arena_alloc(a, sizeof(Str) + n + 1);
    r->len = (uint32_t)n;
    r->hash = str_hash_fold(s, n);
    if (n)
        memcpy(r->s, s, n);
    r->s[n] = '\0';
    return r;
}

bool
str_eq_fold(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (str_fold((unsigned char)a[i]) != str_fold((unsigned char)b[i]))
            return false;
    return true;
}

void
str_table_init(StrTable *t, Arena *a)
{
    t->arena = a;
    t->cap = 64;
    t->count = 0;
    t->slots = calloc(t->cap, sizeof *t->slots);
    if (!t->slots)
        arena_fatal("intern table");
}

void
str_table_free(StrTable *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

static void
str_table_grow(StrTable *t)
{
    uint32_t ncap = t->cap * 2;
    const Str **ns = calloc(ncap, sizeof *ns);
    if (!ns)
        arena_fatal("intern table");
    for (uint32_t i = 0; i < t->cap; i++) {
        const Str *s = t->slots[i];
        if (!s)
            continue;
        uint32_t j = s->hash & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = s;
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
}

const Str *
str_lookup(const StrTable *t, const char *s, size_t n)
{
    uint32_t h = str_hash_fold(s, n);
    uint32_t j = h & (t->cap - 1);
    while (t->slots[j]) {
        const Str *c = t->slots[j];
        if (c->hash == h && str_eq_fold(c->s, c->len, s, n))
            return c;
        j = (j + 1) & (t->cap - 1);
    }
    return NULL;
}

const Str *
str_intern(StrTable *t, const char *s, size_t n)
{
    const Str *found = str_lookup(t, s, n);
    if (found)
        return found;
    if ((t->count + 1) * 4 > t->cap * 3)
        str_table_grow(t);
    const Str *ns = str_new(t->arena, s, n);
    uint32_t j = ns->hash & (t->cap - 1);
    while (t->slots[j])
        j = (j + 1) & (t->cap - 1);
    t->slots[j] = ns;
    t->count++;
    return ns;
}

void
strbuf_init(StrBuf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void
strbuf_free(StrBuf *b)
{
    free(b->data);
    strbuf_init(b);
}

void
strbuf_clear(StrBuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void
strbuf_reserve(StrBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t ncap = b->cap ? b->cap * 2 : 64;
    while (ncap < b->len + extra + 1)
        ncap *= 2;
    char *nd = realloc(b->data, ncap);
    if (!nd)
        arena_fatal("string buffer");
    b->data = nd;
    b->cap = ncap;
}

void
strbuf_add(StrBuf *b, const char *s, size_t n)
{
    strbuf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
strbuf_puts(StrBuf *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

void
strbuf_putc(StrBuf *b, char c)
{
    strbuf_add(b, &c, 1);
}

void
strbuf_uint(StrBuf *b, uint64_t v)
{
    char buf[20];
    size_t i = sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    strbuf_add(b, buf + i, sizeof buf - i);
}

void
strbuf_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    strbuf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void
strbuf_number(StrBuf *b, double x)
{
    if (x == 0)
        x = 0; /* prints -0 as 0, as Excel does */
    size_t start = b->len;
    strbuf_printf(b, "%.15g", x);
    for (size_t i = start; i < b->len; i++)
        if (b->data[i] == 'e')
            b->data[i] = 'E'; /* Excel writes 1E-07, 1E+20 */
}

enum { STR_EDIT_MAX = 64 };

size_t
str_edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    size_t prev[STR_EDIT_MAX + 1];
    size_t cur[STR_EDIT_MAX + 1];
    if (na > STR_EDIT_MAX || nb > STR_EDIT_MAX)
        return STR_EDIT_MAX;
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        unsigned char ca = str_fold((unsigned char)a[i - 1]);
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t sub = prev[j - 1] + (ca != str_fold((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1;
            size_t ins = cur[j - 1] + 1;
            size_t m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
        }
        memcpy(prev, cur, (nb + 1) * sizeof prev[0]);
    }
    return prev[nb];
}

size_t
str_utf8_len(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

bool
str_utf8_valid(const char *s, size_t n, size_t *bad_off)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t need;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            need = 1;
            min = 0x80;
            c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2;
            min = 0x800;
            c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3;
            min = 0x10000;
            c &= 0x07;
        } else {
            goto bad;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= n || (p[i + k] & 0xC0) != 0x80)
                goto bad;
            c = (c << 6) | (p[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            goto bad;
        i += need + 1;
    }
    return true;
bad:
    if (bad_off)
        *bad_off = i;
    return false;
}

int
str_split_words(char *s, char **words, int max)
{
    int n = 0;
    char *p = s;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (!*p)
            break;
        char *w = p, *o = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r') {
            if (*p == '"') {
                p++;
                while (*p && !(*p == '"' && p[1] != '"')) {
                    if (*p == '"')
                        p++;
                    *o++ = *p++;
                }
                if (*p)
                    p++;
                continue;
            }
            if (*p == '\'') {
                *o++ = *p++;
                while (*p && *p != '\'')
                    *o++ = *p++;
                if (*p)
                    *o++ = *p++;
                continue;
            }
            *o++ = *p++;
        }
        bool more = *p != '\0';
        *o = '\0';
        words[n++] = w;
        if (more)
            p++;
    }
    return n;
}
