/*
 * numfmt: Excel number formats rendered as displayed text (see numfmt.h).
 *
 * A format is split into up to four sections; the chosen section is cut
 * into tokens (literals, digit placeholders, '.', ',', '%', E+, General,
 * '@', date codes) and rendered in one pass over the tokens. Digits come
 * from the value's 15-significant-digit decimal form, rounded half away
 * from zero, so no binary artefacts show (Excel does the same).
 *
 * Invariant: every function only appends to the caller's StrBuf and never
 * reads past the format's terminating NUL, whatever the format holds.
 */
#include "numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    NUMFMT_MAX_SECTIONS = 4,
    NUMFMT_MAX_TOKENS = 256,    /* formats are at most 255 characters */
    NUMFMT_MAX_DECIMALS = 30
};

typedef enum NumTokKind {
    NF_LIT,         /* literal bytes lit[0..n) */
    NF_DIGIT,       /* placeholder ch: '0', '#' or '?' */
    NF_DOT,         /* decimal point */
    NF_COMMA,       /* grouping, scaling or literal: decided by position */
    NF_PCT,         /* percent: value times 100, '%' shown */
    NF_EXP,         /* E+ or E- (ch is the sign character) */
    NF_GENERAL,     /* "General" inside a section */
    NF_TEXT,        /* '@' */
    NF_DATE         /* date/time code ch ('y','m','d','h','s','a','p') */
} NumTokKind;

typedef struct NumTok {
    uint8_t kind;       /* NumTokKind */
    char ch;            /* placeholder, exponent sign or date code */
    uint8_t run;        /* date codes: repeat count ("mmm" is 3) */
    bool elapsed;       /* date codes in brackets: [h] */
    const char *lit;    /* NF_LIT: points into the format */
    size_t n;           /* NF_LIT: bytes */
} NumTok;

typedef struct NumSection {
    const char *s;
    size_t n;
} NumSection;

typedef struct NumToks {
    NumTok v[NUMFMT_MAX_TOKENS];
    int n;
} NumToks;

static const char *const numfmt_month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"
};

static const char *const numfmt_day_names[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday"
};

static char
numfmt_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Bytes of the UTF-8 code point starting at s[i] (at least 1, within n). */
static size_t
numfmt_cp_len(const char *s, size_t i, size_t n)
{
    size_t k = 1;
    while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
        k++;
    return k;
}

/* Splits fmt on ';' outside quotes, escapes and brackets. */
static int
numfmt_split(const char *fmt, NumSection sec[NUMFMT_MAX_SECTIONS])
{
    int n = 0;
    size_t start = 0;
    size_t len = strlen(fmt);
    size_t i = 0;
    while (i < len) {
        char c = fmt[i];
        if (c == '"') {
            i++;
            while (i < len && fmt[i] != '"')
                i++;
            i++;
        } else if (c == '\\' || c == '_' || c == '*') {
            i += 1 + (i + 1 < len ? numfmt_cp_len(fmt, i + 1, len) : 0);
        } else if (c == '[') {
            while (i < len && fmt[i] != ']')
                i++;
            i++;
        } else if (c == ';') {
            if (n < NUMFMT_MAX_SECTIONS - 1) {
                sec[n].s = fmt + start;
                sec[n].n = i - start;
                n++;
                start = i + 1;
            }
            i++;
        } else {
            i++;
        }
    }
    if (start > len)
        start = len;
    sec[n].s = fmt + start;
    sec[n].n = len - start;
    return n + 1;
}

static void
numfmt_push(NumToks *t, NumTokKind kind, char ch, const char *lit, size_t n)
{
    if (t->n >= NUMFMT_MAX_TOKENS)
        return;
    NumTok *k = &t->v[t->n++];
    k->kind = (uint8_t)kind;
    k->ch = ch;
    k->run = 1;
    k->elapsed = false;
    k->lit = lit;
    k->n = n;
}

static bool
numfmt_prefix_fold(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    if (n < w)
        return false;
    for (size_t i = 0; i < w; i++)
        if (numfmt_lower(s[i]) != numfmt_lower(word[i]))
            return false;
    return true;
}

/* Bracketed section parts: [$sym-409] shows sym, [h] [mm] [ss] are
 * elapsed-time codes, colours and conditions show nothing. */
static void
numfmt_bracket(NumToks *t, const char *s, size_t n)
{
    if (n > 0 && s[0] == '$') {
        size_t k = 1;
        while (k < n && s[k] != '-')
            k++;
        if (k > 1)
            numfmt_push(t, NF_LIT, 0, s + 1, k - 1);
        return;
    }
    char c = n ? numfmt_lower(s[0]) : 0;
    if (c != 'h' && c != 'm' && c != 's')
        return;
    for (size_t i = 1; i < n; i++)
        if (numfmt_lower(s[i]) != c)
            return;
    numfmt_push(t, NF_DATE, c, NULL, 0);
    if (t->n > 0) {
        t->v[t->n - 1].run = (uint8_t)(n > 255 ? 255 : n);
        t->v[t->n - 1].elapsed = true;
    }
}

/* Cuts one section into tokens. */
static void
numfmt_tokenize(const char *s, size_t n, NumToks *t)
{
    size_t i = 0;
    bool after_exp = false;
    t->n = 0;
    while (i < n) {
        char c = s[i];
        char lc = numfmt_lower(c);
        if (c == '"') {
            size_t j = i + 1;
            while (j < n && s[j] != '"')
                j++;
            numfmt_push(t, NF_LIT, 0, s + i + 1, j - i - 1);
            i = j < n ? j + 1 : n;
        } else if (c == '\\') {
            if (i + 1 < n) {
                size_t k = numfmt_cp_len(s, i + 1, n);
                numfmt_push(t, NF_LIT, 0, s + i + 1, k);
                i += 1 + k;
            } else {
                i++;
            }
        } else if (c == '_') {
            numfmt_push(t, NF_LIT, 0, " ", 1);
            i += 1 + (i + 1 < n ? numfmt_cp_len(s, i + 1, n) : 0);
        } else if (c == '*') {
            i += 1 + (i + 1 < n ? numfmt_cp_len(s, i + 1, n) : 0);
        } else if (c == '[') {
            size_t j = i + 1;
            while (j < n && s[j] != ']')
                j++;
            numfmt_bracket(t, s + i + 1, j - i - 1);
            i = j < n ? j + 1 : n;
        } else if (c == '0' || c == '#' || c == '?') {
            numfmt_push(t, NF_DIGIT, c, NULL, 0);
            i++;
        } else if (c == '.') {
            numfmt_push(t, NF_DOT, c, NULL, 0);
            i++;
        } else if (c == ',') {
            numfmt_push(t, NF_COMMA, c, NULL, 0);
            i++;
        } else if (c == '%') {
            numfmt_push(t, NF_PCT, c, NULL, 0);
            i++;
        } else if (lc == 'e' && !after_exp && i + 1 < n &&
                   (s[i + 1] == '+' || s[i + 1] == '-')) {
            numfmt_push(t, NF_EXP, s[i + 1], NULL, 0);
            after_exp = true;
            i += 2;
        } else if (lc == 'g' && numfmt_prefix_fold(s + i, n - i, "general")) {
            numfmt_push(t, NF_GENERAL, 0, NULL, 0);
            i += 7;
        } else if (c == '@') {
            numfmt_push(t, NF_TEXT, c, NULL, 0);
            i++;
        } else if (lc == 'a' && numfmt_prefix_fold(s + i, n - i, "am/pm")) {
            numfmt_push(t, NF_DATE, 'a', NULL, 0);
            i += 5;
        } else if (lc == 'a' && numfmt_prefix_fold(s + i, n - i, "a/p")) {
            numfmt_push(t, NF_DATE, 'p', NULL, 0);
            i += 3;
        } else if (lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's') {
            size_t j = i;
            while (j < n && numfmt_lower(s[j]) == lc)
                j++;
            numfmt_push(t, NF_DATE, lc, NULL, 0);
            if (t->n > 0)
                t->v[t->n - 1].run = (uint8_t)(j - i > 255 ? 255 : j - i);
            i = j;
        } else {
            size_t k = numfmt_cp_len(s, i, n);
            numfmt_push(t, NF_LIT, 0, s + i, k);
            i += k;
        }
    }
}

/* ---- digits ---- */

/* The decimal digits of v >= 0 rounded half away from zero to dec
 * decimals, starting from v's 15-significant-digit form: ip gets the
 * integer digits without leading zeros ("" for zero), fp exactly dec
 * digits. */
static void
numfmt_fixed(double v, int dec, StrBuf *ip, StrBuf *fp)
{
    char buf[64];
    char dig[17];
    int nd = 0;
    int e10 = 0;
    snprintf(buf, sizeof buf, "%.14e", v);
    const char *p = buf;
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && nd < 15)
            dig[nd++] = *p;
    if (*p)
        e10 = atoi(p + 1);
    if (v == 0) {
        nd = 0;
        e10 = 0;
    }
    /* dig[i] has place value 10^(e10 - i); keep places >= -dec. */
    int keep = e10 + dec + 1;
    if (keep < 0) {
        nd = 0;
    } else if (keep < nd) {
        bool up = dig[keep] >= '5';
        nd = keep;
        for (int i = nd - 1; up && i >= 0; i--) {
            if (dig[i] == '9') {
                dig[i] = '0';
            } else {
                dig[i]++;
                up = false;
            }
        }
        if (up) {
            memmove(dig + 1, dig, (size_t)nd);
            dig[0] = '1';
            nd++;
            e10++;
        }
    }
    int top = e10 > 0 ? e10 : 0;
    for (int place = top; place >= -dec; place--) {
        int i = e10 - place;
        char d = (i >= 0 && i < nd) ? dig[i] : '0';
        if (place >= 0) {
            if (d != '0' || ip->len > 0)
                strbuf_putc(ip, d);
        } else {
            strbuf_putc(fp, d);
        }
    }
}

/* floor(log10(v)) of v > 0 as its 15-digit decimal form shows it. */
static int
numfmt_exponent(double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.14e", v);
    const char *e = strchr(buf, 'e');
    return e ? atoi(e + 1) : 0;
}

/* Strips trailing fraction zeros (and a bare point) from buf in place. */
static void
numfmt_strip_zeros(char *buf)
{
    char *dot = strchr(buf, '.');
    if (!dot)
        return;
    char *end = buf + strlen(buf);
    while (end > dot + 1 && end[-1] == '0')
        end--;
    if (end == dot + 1)
        end = dot;
    *end = '\0';
}

/* x in fixed notation with dec decimals, '.' as the point. */
static void
numfmt_fixed_text(double x, int dec, char *buf, size_t n)
{
    StrBuf ip;
    StrBuf fp;
    strbuf_init(&ip);
    strbuf_init(&fp);
    numfmt_fixed(fabs(x), dec, &ip, &fp);
    bool zero = ip.len == 0 && strspn(fp.data ? fp.data : "", "0") == fp.len;
    snprintf(buf, n, "%s%s%s%s", x < 0 && !zero ? "-" : "",
             ip.len ? ip.data : "0", dec > 0 ? "." : "", dec > 0 ? fp.data : "");
    strbuf_free(&ip);
    strbuf_free(&fp);
}

/* Scientific with five mantissa decimals, trailing zeros dropped and an
 * exponent of at least two digits: 1.23457E+11, 1E-10. */
static void
numfmt_sci_text(double x, char *buf, size_t n)
{
    double ax = fabs(x);
    int e = numfmt_exponent(ax);
    char mant[64];
    numfmt_fixed_text(ax / pow(10, e), 5, mant, sizeof mant);
    if (strncmp(mant, "10", 2) == 0) {
        e++;
        numfmt_fixed_text(ax / pow(10, e), 5, mant, sizeof mant);
    }
    numfmt_strip_zeros(mant);
    snprintf(buf, n, "%s%sE%c%02d", x < 0 ? "-" : "", mant, e < 0 ? '-' : '+',
             e < 0 ? -e : e);
}

/* Excel's General: at most 11 characters (12 with a minus sign), fixed
 * notation while it fits with enough digits, scientific otherwise. */
static void
numfmt_general(double x, StrBuf *out)
{
    char buf[400];
    if (x == 0) {
        strbuf_putc(out, '0');
        return;
    }
    size_t w = x < 0 ? 12 : 11;
    int e = numfmt_exponent(fabs(x));
    if (e >= -4 && e <= -1) {
        /* 10 + e significant digits: always nine decimals here. */
        numfmt_fixed_text(x, 9, buf, sizeof buf);
        numfmt_strip_zeros(buf);
    } else if (e >= -9 && e <= 9) {
        numfmt_fixed_text(x, 12, buf, sizeof buf);
        numfmt_strip_zeros(buf);
        if (strlen(buf) > w && e >= 0) {
            numfmt_fixed_text(x, 9 - e, buf, sizeof buf);
            numfmt_strip_zeros(buf);
        }
        if (strlen(buf) > w)
            numfmt_sci_text(x, buf, sizeof buf);
    } else if (e == 10) {
        numfmt_fixed_text(x, 0, buf, sizeof buf);
        if (strlen(buf) > w)    /* 99999999999.5 rounds to 12 digits */
            numfmt_sci_text(x, buf, sizeof buf);
    } else {
        numfmt_sci_text(x, buf, sizeof buf);
    }
    strbuf_puts(out, buf);
}

/* ---- number sections ---- */

static void
numfmt_group(const char *digits, size_t n, StrBuf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            strbuf_putc(out, ',');
        strbuf_putc(out, digits[i]);
    }
}

typedef struct NumLayout {
    int dot;            /* token index of the decimal point, or -1 */
    int exp;            /* token index of E+/E-, or -1 */
    int first_int;      /* first integer placeholder, or -1 */
    int n_int0, n_intq, n_inth;
    int n_frac;
    int n_exp0;
    int pct;
    int scale;          /* scaling commas */
    bool group;
    bool general;
} NumLayout;

/* Classifies commas and counts placeholders. Commas between integer
 * placeholders group; commas right after a placeholder elsewhere scale
 * by 1000; any other comma is literal text (kind becomes NF_LIT). */
static void
numfmt_layout(NumToks *t, NumLayout *L)
{
    memset(L, 0, sizeof *L);
    L->dot = -1;
    L->exp = -1;
    L->first_int = -1;
    for (int i = 0; i < t->n; i++) {
        if (t->v[i].kind == NF_DOT && L->dot < 0 && L->exp < 0)
            L->dot = i;
        else if (t->v[i].kind == NF_DOT) {
            t->v[i].kind = NF_LIT;  /* a second point is text */
            t->v[i].lit = ".";
            t->v[i].n = 1;
        }
        if (t->v[i].kind == NF_EXP && L->exp < 0)
            L->exp = i;
    }
    int int_end = L->dot >= 0 ? L->dot : (L->exp >= 0 ? L->exp : t->n);
    for (int i = 0; i < t->n; i++) {
        NumTok *k = &t->v[i];
        if (k->kind == NF_PCT) {
            L->pct++;
        } else if (k->kind == NF_GENERAL) {
            L->general = true;
        } else if (k->kind == NF_DIGIT) {
            if (i < int_end) {
                if (L->first_int < 0)
                    L->first_int = i;
                if (k->ch == '0')
                    L->n_int0++;
                else if (k->ch == '?')
                    L->n_intq++;
                else
                    L->n_inth++;
            } else if (L->exp >= 0 && i > L->exp) {
                L->n_exp0++;
            } else {
                L->n_frac++;
            }
        } else if (k->kind == NF_COMMA) {
            bool digit_before = false;
            bool digit_after = false;
            int j = i - 1;
            while (j >= 0 && t->v[j].kind == NF_LIT && t->v[j].ch == ',')
                j--;        /* an earlier scaling comma */
            digit_before = j >= 0 && t->v[j].kind == NF_DIGIT;
            for (j = i + 1; j < int_end; j++)
                if (t->v[j].kind == NF_DIGIT)
                    digit_after = true;
            if (i < int_end && digit_before && digit_after) {
                L->group = true;
                k->kind = NF_LIT;
                k->n = 0;       /* shown through the grouped digits */
            } else if (digit_before && (i + 1 >= t->n || t->v[i + 1].kind != NF_DIGIT)) {
                L->scale++;
                k->kind = NF_LIT;
                k->ch = ',';
                k->n = 0;
            } else {
                k->kind = NF_LIT;
                k->lit = ",";
                k->n = 1;
            }
        }
    }
    if (L->n_frac > NUMFMT_MAX_DECIMALS)
        L->n_frac = NUMFMT_MAX_DECIMALS;
}

/* Renders v >= 0 through a number section; neg adds a leading '-'. */
static void
numfmt_number(NumToks *t, double v, bool neg, StrBuf *out)
{
    NumLayout L;
    numfmt_layout(t, &L);
    for (int i = 0; i < L.pct; i++)
        v *= 100;
    for (int i = 0; i < L.scale; i++)
        v /= 1000;

    bool any_digits = L.first_int >= 0 || L.n_frac > 0 || L.dot >= 0 || L.general;
    StrBuf ip;
    StrBuf fp;
    StrBuf body;
    strbuf_init(&ip);
    strbuf_init(&fp);
    strbuf_init(&body);
    int exponent = 0;
    if (L.exp >= 0 && v != 0) {
        int k = L.n_int0 + L.n_intq + L.n_inth;
        int e10 = numfmt_exponent(v);
        if (k > 1 && L.n_inth > 0)
            exponent = (int)floor((double)e10 / k) * k;
        else
            exponent = e10 - (k > 0 ? k - 1 : -1);
        numfmt_fixed(v / pow(10, exponent), L.n_frac, &ip, &fp);
        if ((int)ip.len > (k > 0 ? k : 0) && !(k > 1 && L.n_inth > 0)) {
            exponent++;
            strbuf_clear(&ip);
            strbuf_clear(&fp);
            numfmt_fixed(v / pow(10, exponent), L.n_frac, &ip, &fp);
        }
    } else if (!L.general) {
        numfmt_fixed(v, L.n_frac, &ip, &fp);
    }

    /* Integer part: digits padded to the '0' count, then '?' spaces. */
    StrBuf ints;
    strbuf_init(&ints);
    {
        size_t nd = ip.len;
        for (size_t i = nd; i < (size_t)L.n_int0; i++)
            strbuf_putc(&ints, '0');
        strbuf_add(&ints, ip.data ? ip.data : "", nd);
        StrBuf grouped;
        strbuf_init(&grouped);
        for (size_t i = ints.len; i < (size_t)(L.n_int0 + L.n_intq); i++)
            strbuf_putc(&grouped, ' ');
        if (L.group)
            numfmt_group(ints.data ? ints.data : "", ints.len, &grouped);
        else
            strbuf_add(&grouped, ints.data ? ints.data : "", ints.len);
        strbuf_clear(&ints);
        strbuf_add(&ints, grouped.data ? grouped.data : "", grouped.len);
        strbuf_free(&grouped);
    }

    /* Fraction: trailing zeros under '#' vanish, under '?' become spaces. */
    char ftype[NUMFMT_MAX_DECIMALS];
    int nf = 0;
    for (int i = 0; i < t->n && nf < L.n_frac; i++)
        if (t->v[i].kind == NF_DIGIT && L.dot >= 0 && i > L.dot &&
            (L.exp < 0 || i < L.exp))
            ftype[nf++] = t->v[i].ch;
    int keep = nf;
    if ((size_t)nf > fp.len)
        nf = keep = 0;      /* General section: no fixed digits */
    while (keep > 0 && ftype[keep - 1] != '0' && fp.data[keep - 1] == '0')
        keep--;

    bool int_done = false;
    int fi = 0;
    bool exp_done = false;
    for (int i = 0; i < t->n; i++) {
        const NumTok *k = &t->v[i];
        switch (k->kind) {
        case NF_LIT:
            strbuf_add(&body, k->lit, k->n);
            break;
        case NF_GENERAL:
            numfmt_general(v, &body);
            break;
        case NF_PCT:
            strbuf_putc(&body, '%');
            break;
        case NF_DOT:
            if (!int_done && !L.general) {
                strbuf_add(&body, ints.data ? ints.data : "", ints.len);
                int_done = true;
            }
            strbuf_putc(&body, '.');
            break;
        case NF_EXP:
            strbuf_putc(&body, 'E');
            if (exponent < 0)
                strbuf_putc(&body, '-');
            else if (k->ch == '+')
                strbuf_putc(&body, '+');
            break;
        case NF_DIGIT:
            if (L.exp >= 0 && i > L.exp) {
                if (!exp_done) {
                    char eb[16];
                    snprintf(eb, sizeof eb, "%0*d", L.n_exp0 > 9 ? 9 : L.n_exp0,
                             exponent < 0 ? -exponent : exponent);
                    strbuf_puts(&body, eb);
                    exp_done = true;
                }
            } else if (L.dot >= 0 && i > L.dot) {
                if (fi < nf) {
                    if (fi < keep)
                        strbuf_putc(&body, fp.data[fi]);
                    else if (ftype[fi] == '?')
                        strbuf_putc(&body, ' ');
                    fi++;
                }
            } else if (!int_done) {
                strbuf_add(&body, ints.data ? ints.data : "", ints.len);
                int_done = true;
            }
            break;
        default:
            break;
        }
    }
    /* A negative that rounds to zero shows no sign (LibreOffice's "0.0"
     * for -0.04). */
    bool nonzero = L.general ? v != 0 : ip.len > 0;
    for (size_t i = 0; !nonzero && i < fp.len; i++)
        nonzero = fp.data[i] != '0';
    if (neg && any_digits && nonzero)
        strbuf_putc(out, '-');
    strbuf_add(out, body.data ? body.data : "", body.len);
    strbuf_free(&ints);
    strbuf_free(&ip);
    strbuf_free(&fp);
    strbuf_free(&body);
}

/* ---- dates ---- */

/* Year, month, day of a day count since 1970-01-01 (proleptic
 * Gregorian; H. Hinnant's civil_from_days). */
static void
numfmt_civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* Nearest date/time code before (dir -1) or after (dir 1) token i. */
static char
numfmt_date_neighbour(const NumToks *t, int i, int dir)
{
    for (int j = i + dir; j >= 0 && j < t->n; j += dir)
        if (t->v[j].kind == NF_DATE)
            return t->v[j].ch;
    return 0;
}

static void
numfmt_date(const NumToks *t, double x, StrBuf *out)
{
    if (x < 0 || x >= 2958466) {
        strbuf_puts(out, "########");
        return;
    }
    int frac_digits = 0;
    bool ampm = false;
    for (int i = 0; i < t->n; i++) {
        if (t->v[i].kind == NF_DATE && (t->v[i].ch == 'a' || t->v[i].ch == 'p'))
            ampm = true;
        if (t->v[i].kind == NF_DIGIT && frac_digits < 3)
            frac_digits++;
    }
    double unit = pow(10, frac_digits);
    double ticks = floor(x * 86400.0 * unit + 0.5);
    int64_t serial = (int64_t)floor(ticks / (86400.0 * unit));
    double day_ticks = ticks - (double)serial * 86400.0 * unit;
    int64_t secs = (int64_t)floor(day_ticks / unit);
    int64_t sub = (int64_t)(day_ticks - (double)secs * unit);
    int y = 1900;
    int mo = 1;
    int d = 0;
    if (serial == 60) {
        mo = 2;
        d = 29;
    } else if (serial > 60) {
        numfmt_civil(serial - 25569, &y, &mo, &d);
    } else if (serial > 0) {
        numfmt_civil(serial - 25568, &y, &mo, &d);
    }
    int wday = (int)((serial + 6) % 7);     /* 0 Sunday; serial 1 is a Sunday */
    int hh = (int)(secs / 3600);
    int mi = (int)(secs / 60 % 60);
    int ss = (int)(secs % 60);
    bool pm = hh >= 12;
    for (int i = 0; i < t->n; i++) {
        const NumTok *k = &t->v[i];
        char buf[32];
        buf[0] = '\0';
        switch (k->kind) {
        case NF_LIT:
            strbuf_add(out, k->lit, k->n);
            continue;
        case NF_DOT:
            strbuf_putc(out, '.');
            continue;
        case NF_DIGIT:
            /* fractional seconds, most significant first */
            if (frac_digits > 0) {
                int pos = 0;
                for (int j = 0; j < i; j++)
                    if (t->v[j].kind == NF_DIGIT)
                        pos++;
                if (pos < frac_digits) {
                    int64_t div = 1;
                    for (int j = pos + 1; j < frac_digits; j++)
                        div *= 10;
                    strbuf_putc(out, (char)('0' + (sub / div) % 10));
                }
            }
            continue;
        case NF_COMMA:
            strbuf_putc(out, ',');
            continue;
        case NF_PCT:
            strbuf_putc(out, '%');
            continue;
        case NF_DATE:
            break;
        default:
            continue;
        }
        int run = k->run;
        switch (k->ch) {
        case 'y':
            if (run <= 2)
                snprintf(buf, sizeof buf, "%02d", y % 100);
            else
                snprintf(buf, sizeof buf, "%04d", y);
            break;
        case 'm': {
            bool minute = k->elapsed || numfmt_date_neighbour(t, i, -1) == 'h' ||
                          numfmt_date_neighbour(t, i, 1) == 's';
            if (k->elapsed)
                snprintf(buf, sizeof buf, "%0*lld", run, (long long)(serial * 1440 + secs / 60));
            else if (minute)
                snprintf(buf, sizeof buf, run >= 2 ? "%02d" : "%d", mi);
            else if (run <= 2)
                snprintf(buf, sizeof buf, run == 2 ? "%02d" : "%d", mo);
            else if (run == 3)
                snprintf(buf, sizeof buf, "%.3s", numfmt_month_names[mo - 1]);
            else if (run == 4)
                snprintf(buf, sizeof buf, "%s", numfmt_month_names[mo - 1]);
            else
                snprintf(buf, sizeof buf, "%.1s", numfmt_month_names[mo - 1]);
            break;
        }
        case 'd':
            if (run <= 2)
                snprintf(buf, sizeof buf, run == 2 ? "%02d" : "%d", d);
            else if (run == 3)
                snprintf(buf, sizeof buf, "%.3s", numfmt_day_names[wday]);
            else
                snprintf(buf, sizeof buf, "%s", numfmt_day_names[wday]);
            break;
        case 'h': {
            if (k->elapsed) {
                snprintf(buf, sizeof buf, "%0*lld", run, (long long)(serial * 24 + hh));
                break;
            }
            int h = hh;
            if (ampm) {
                h = hh % 12;
                if (h == 0)
                    h = 12;
            }
            snprintf(buf, sizeof buf, run >= 2 ? "%02d" : "%d", h);
            break;
        }
        case 's':
            if (k->elapsed)
                snprintf(buf, sizeof buf, "%0*lld", run, (long long)(serial * 86400 + secs));
            else
                snprintf(buf, sizeof buf, run >= 2 ? "%02d" : "%d", ss);
            break;
        case 'a':
            snprintf(buf, sizeof buf, "%s", pm ? "PM" : "AM");
            break;
        case 'p':
            snprintf(buf, sizeof buf, "%s", pm ? "P" : "A");
            break;
        default:
            break;
        }
        strbuf_puts(out, buf);
    }
}

static bool
numfmt_has(const NumToks *t, NumTokKind kind)
{
    for (int i = 0; i < t->n; i++)
        if (t->v[i].kind == kind)
            return true;
    return false;
}

static bool
numfmt_is_general(const char *fmt)
{
    return !fmt || !*fmt || (strlen(fmt) == 7 && numfmt_prefix_fold(fmt, 7, "general"));
}

size_t
numfmt_number_width_bound(const char *fmt, double x)
{
    if (!numfmt_is_general(fmt))
        return 0;
    /* Scientific text has a three-digit exponent from 1E+100 and below
     * 1E-99 ("1.23457E+100"); the margins cover mantissas that round up
     * into the next decade. */
    double ax = fabs(x);
    size_t w = ax >= 9e99 || (ax > 0 && ax < 2e-99) ? 12 : 11;
    return x < 0 ? w + 1 : w;
}

void
numfmt_render(const char *fmt, double x, StrBuf *out)
{
    if (x - x != 0) {
        strbuf_puts(out, "#NUM!");
        return;
    }
    if (x == 0)
        x = 0;      /* no "-0" */
    if (numfmt_is_general(fmt)) {
        numfmt_general(x, out);
        return;
    }
    NumSection sec[NUMFMT_MAX_SECTIONS];
    int n = numfmt_split(fmt, sec);
    const NumSection *use = &sec[0];
    bool sign = x < 0;
    if (n >= 2 && x < 0) {
        use = &sec[1];
        sign = false;
    } else if (n >= 3 && x == 0) {
        use = &sec[2];
    }
    NumToks *t = malloc(sizeof *t);
    if (!t) {
        numfmt_general(x, out);
        return;
    }
    numfmt_tokenize(use->s, use->n, t);
    if (numfmt_has(t, NF_DATE)) {
        if (sign)
            strbuf_puts(out, "########");
        else
            numfmt_date(t, fabs(x), out);
    } else {
        numfmt_number(t, fabs(x), sign, out);
    }
    free(t);
}

void
numfmt_render_text(const char *fmt, const char *s, StrBuf *out)
{
    if (numfmt_is_general(fmt)) {
        strbuf_puts(out, s);
        return;
    }
    NumSection sec[NUMFMT_MAX_SECTIONS];
    int n = numfmt_split(fmt, sec);
    const NumSection *use = n >= 4 ? &sec[3] : &sec[0];
    NumToks *t = malloc(sizeof *t);
    if (!t) {
        strbuf_puts(out, s);
        return;
    }
    numfmt_tokenize(use->s, use->n, t);
    if (!numfmt_has(t, NF_TEXT)) {
        strbuf_puts(out, s);
    } else {
        for (int i = 0; i < t->n; i++) {
            if (t->v[i].kind == NF_LIT)
                strbuf_add(out, t->v[i].lit, t->v[i].n);
            else if (t->v[i].kind == NF_TEXT)
                strbuf_puts(out, s);
        }
    }
    free(t);
}

void
numfmt_render_value(const char *fmt, Value v, StrBuf *out)
{
    switch (v.kind) {
    case VK_NUMBER:
        numfmt_render(fmt, v.u.num, out);
        break;
    case VK_STRING:
        numfmt_render_text(fmt, v.u.str->s, out);
        break;
    case VK_BOOL:
        strbuf_puts(out, v.u.b ? "TRUE" : "FALSE");
        break;
    case VK_ERROR:
        strbuf_puts(out, value_error_text((ErrorCode)v.err));
        break;
    default:
        break;
    }
}

bool
numfmt_is_date(const char *fmt)
{
    if (numfmt_is_general(fmt))
        return false;
    NumSection sec[NUMFMT_MAX_SECTIONS];
    numfmt_split(fmt, sec);
    NumToks *t = malloc(sizeof *t);
    if (!t)
        return false;
    numfmt_tokenize(sec[0].s, sec[0].n, t);
    bool r = numfmt_has(t, NF_DATE);
    free(t);
    return r;
}
