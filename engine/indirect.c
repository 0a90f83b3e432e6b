/*
 * indirect: parses INDIRECT's reference text (engine module). Only reads
 * the book (sheet names, defined names); never allocates.
 */
#include "indirect.h"

#include <ctype.h>
#include <string.h>

#include "ast.h"

/* A cursor over the text being parsed. */
typedef struct RefText {
    const char *s;
    size_t n;
    size_t i;
} RefText;

static bool
indirect_peek_ci(const RefText *t, char c)
{
    return t->i < t->n && toupper((unsigned char)t->s[t->i]) == c;
}

/* Splits off "Sheet!" or "'Deal terms'!"; *sheet keeps its default when
 * there is none. False for an unknown sheet. */
static bool
indirect_sheet(const Book *b, RefText *t, uint32_t *sheet, bool *prefixed)
{
    char name[256];
    size_t k = 0;
    *prefixed = false;
    if (t->n && t->s[0] == '\'') {
        size_t i = 1;
        for (; i < t->n; i++) {
            if (t->s[i] == '\'') {
                if (i + 1 < t->n && t->s[i + 1] == '\'') {
                    i++;
                } else {
                    break;
                }
            }
            if (k + 1 >= sizeof name)
                return false;
            name[k++] = t->s[i];
        }
        if (i + 1 >= t->n || t->s[i] != '\'' || t->s[i + 1] != '!')
            return false;
        t->i = i + 2;
    } else {
        const char *bang = memchr(t->s, '!', t->n);
        if (!bang)
            return true;
        k = (size_t)(bang - t->s);
        if (k == 0 || k >= sizeof name)
            return false;
        memcpy(name, t->s, k);
        t->i = k + 1;
    }
    const Str *s = str_lookup(&b->names, name, k);
    uint32_t found = s ? book_find_sheet(b, s) : UINT32_MAX;
    if (found == UINT32_MAX)
        return false;
    *sheet = found;
    *prefixed = true;
    return true;
}

/* Digits (at most 7) as a number; false when there are none. */
static bool
indirect_digits(RefText *t, int64_t *out)
{
    size_t start = t->i;
    int64_t v = 0;
    while (t->i < t->n && isdigit((unsigned char)t->s[t->i]) && t->i - start < 8)
        v = v * 10 + (t->s[t->i++] - '0');
    *out = v;
    return t->i > start && !(t->i < t->n && isdigit((unsigned char)t->s[t->i]));
}

/* One A1 part: a cell, a column ("$C") or a row ("12"), each with its
 * optional '$'. kind: 0 cell, 1 column, 2 row. */
static bool
indirect_a1_part(RefText *t, int *kind, int64_t *row, int64_t *col)
{
    size_t start = t->i;
    if (t->i < t->n && t->s[t->i] == '$')
        t->i++;
    int64_t c = 0;
    int letters = 0;
    while (t->i < t->n && isalpha((unsigned char)t->s[t->i]) && letters < 4) {
        c = c * 26 + (toupper((unsigned char)t->s[t->i++]) - 'A' + 1);
        letters++;
    }
    if (letters > 3)
        return false;
    bool dollar_row = t->i < t->n && t->s[t->i] == '$';
    if (dollar_row)
        t->i++;
    int64_t r = 0;
    bool has_row = t->i < t->n && isdigit((unsigned char)t->s[t->i]);
    if (has_row && !indirect_digits(t, &r))
        return false;
    if (letters && has_row) {
        *kind = 0;
    } else if (letters && !dollar_row) {
        *kind = 1;
    } else if (!letters && has_row && (t->s[start] != '$' || t->i > start + 1)) {
        *kind = 2;
    } else {
        return false;
    }
    *row = r - 1;
    *col = c - 1;
    if ((*kind != 1 && (r < 1 || r > VS_MAX_ROWS)) || (*kind != 2 && (c < 1 || c > VS_MAX_COLS)))
        return false;
    return true;
}

/* One R1C1 coordinate after its 'R' or 'C': "5", "[-2]" or nothing
 * (the formula's own row or column). */
static bool
indirect_r1c1_coord(RefText *t, int64_t self, int64_t *out)
{
    if (t->i < t->n && t->s[t->i] == '[') {
        t->i++;
        bool neg = t->i < t->n && t->s[t->i] == '-';
        if (neg)
            t->i++;
        int64_t d;
        if (!indirect_digits(t, &d) || t->i >= t->n || t->s[t->i] != ']')
            return false;
        t->i++;
        *out = self + (neg ? -d : d);
        return true;
    }
    if (t->i < t->n && isdigit((unsigned char)t->s[t->i])) {
        int64_t v;
        if (!indirect_digits(t, &v) || v < 1)
            return false;
        *out = v - 1;
        return true;
    }
    *out = self;
    return true;
}

/* One R1C1 part: "RnCm" (kind 0), "Cm" (1, a column) or "Rn" (2, a row). */
static bool
indirect_r1c1_part(RefText *t, uint32_t row0, uint32_t col0, int *kind, int64_t *row,
                   int64_t *col)
{
    bool has_r = indirect_peek_ci(t, 'R');
    if (has_r) {
        t->i++;
        if (!indirect_r1c1_coord(t, row0, row))
            return false;
    }
    bool has_c = indirect_peek_ci(t, 'C');
    if (has_c) {
        t->i++;
        if (!indirect_r1c1_coord(t, col0, col))
            return false;
    }
    if (!has_r && !has_c)
        return false;
    *kind = has_r && has_c ? 0 : (has_c ? 1 : 2);
    if ((*kind != 1 && (*row < 0 || *row >= VS_MAX_ROWS)) ||
        (*kind != 2 && (*col < 0 || *col >= VS_MAX_COLS)))
        return false;
    return true;
}

static bool
indirect_name(const Book *b, const char *s, size_t n, RangeRef *out)
{
    const Str *name = str_lookup(&b->names, s, n);
    const NameDef *d = name ? book_find_name(b, name) : NULL;
    if (!d || !d->expr || d->expr->kind != AST_REF)
        return false;
    out->sheet = d->expr->u.ref.sheet;
    out->row0 = d->expr->u.ref.row0;
    out->row1 = d->expr->u.ref.row1;
    out->col0 = d->expr->u.ref.col0;
    out->col1 = d->expr->u.ref.col1;
    return true;
}

bool
indirect_resolve(const Book *b, const char *text, size_t n, bool a1, uint32_t sheet,
                 uint32_t row0, uint32_t col0, RangeRef *out)
{
    RefText t = {text, n, 0};
    bool prefixed;
    if (!indirect_sheet(b, &t, &sheet, &prefixed) || sheet >= b->n_sheets)
        return false;
    int k0, k1;
    int64_t r0 = 0, c0 = 0, r1, c1;
    bool ok = a1 ? indirect_a1_part(&t, &k0, &r0, &c0)
                 : indirect_r1c1_part(&t, row0, col0, &k0, &r0, &c0);
    if (!ok || (t.i < t.n && t.s[t.i] != ':')) {
        /* Not a reference: a defined name, when unqualified. */
        return !prefixed && indirect_name(b, text, n, out);
    }
    k1 = k0;
    r1 = r0;
    c1 = c0;
    if (t.i < t.n) {
        t.i++;
        ok = a1 ? indirect_a1_part(&t, &k1, &r1, &c1)
                : indirect_r1c1_part(&t, row0, col0, &k1, &r1, &c1);
        if (!ok || t.i != t.n || k1 != k0)
            return false;
    } else if (k0 != 0) {
        /* A lone column or row: R2 and C3 in R1C1; "A" or "2" alone is
         * no A1 reference. */
        if (a1)
            return !prefixed && indirect_name(b, text, n, out);
    }
    if (k0 == 1) {
        r0 = 0;
        r1 = VS_MAX_ROWS - 1;
    } else if (k0 == 2) {
        c0 = 0;
        c1 = VS_MAX_COLS - 1;
    }
    out->sheet = sheet;
    out->row0 = (uint32_t)(r0 < r1 ? r0 : r1);
    out->row1 = (uint32_t)(r0 < r1 ? r1 : r0);
    out->col0 = (uint16_t)(c0 < c1 ? c0 : c1);
    out->col1 = (uint16_t)(c0 < c1 ? c1 : c0);
    return true;
}
