/*
 * fn_text: text built-ins (stdlib module): CONCATENATE, CONCAT, TEXTJOIN,
 * LEFT, RIGHT, MID, LEN, UPPER, LOWER, PROPER, TRIM, SUBSTITUTE, REPLACE,
 * FIND, SEARCH, REPT, EXACT. TEXT and VALUE are in fn_textfmt.c.
 *
 * Scalar arguments are converted by value_to_text (a multi-cell reference
 * is intersected implicitly, as in Excel before dynamic arrays), so numbers
 * appear as the engine prints them (%.15g). Positions and lengths count
 * UTF-16 code units as Excel does (fn_utf.h); counts are truncated toward
 * zero. A result longer than Excel's 32,767 characters is #VALUE!.
 */
#include "fn_impl.h"

#include <string.h>

#include "fn_utf.h"

/* The string in b as a result (b is freed): #VALUE! when too long. */
static Value
fn_text_result(FnCtx *cx, StrBuf *b)
{
    Value res;
    if (fn_utf16_len(b->data, b->len) > VS_MAX_STRLEN)
        res = value_error(XE_VALUE);
    else
        res = value_string(str_new(cx->scratch, b->data, b->len));
    strbuf_free(b);
    return res;
}

/* argv[i] as text into a fresh buffer; on error the buffer is freed. */
static ErrorCode
fn_text_get(FnCtx *cx, Value v, StrBuf *b)
{
    strbuf_init(b);
    ErrorCode err = fn_arg_text(cx, v, b);
    if (err != XE_NONE)
        strbuf_free(b);
    return err;
}

/* Optional count argument i (default dflt), truncated. Callers convert
 * every argument first, in order, so the first argument's error wins, and
 * check ranges after. */
static ErrorCode
fn_text_count(FnCtx *cx, int argc, const Value *argv, int i, double dflt, double *out)
{
    *out = dflt;
    if (argc <= i || argv[i].kind == VK_EMPTYARG)
        return XE_NONE;
    return fn_arg_int(cx, argv[i], out);
}

/* LEFT, RIGHT, REPT: text argv[0] into *s and count argv[1] (default
 * dflt) into *n; a negative count #VALUE!. On error *s is freed. */
static ErrorCode
fn_text_and_count(FnCtx *cx, int argc, const Value *argv, double dflt, StrBuf *s,
                  double *n)
{
    ErrorCode err = fn_text_get(cx, argv[0], s);
    if (err != XE_NONE)
        return err;
    err = fn_text_count(cx, argc, argv, 1, dflt, n);
    if (err == XE_NONE && *n < 0)
        err = XE_VALUE;
    if (err != XE_NONE)
        strbuf_free(s);
    return err;
}

static size_t
fn_text_units(double x)
{
    return x > (double)VS_MAX_STRLEN * 4 ? (size_t)VS_MAX_STRLEN * 4 : (size_t)x;
}

/* The joined text; #VALUE! beyond Excel's 32,767 characters. */
Value
fn_concatenate(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf b;
    strbuf_init(&b);
    for (int i = 0; i < argc; i++) {
        ErrorCode err = fn_arg_text(cx, argv[i], &b);
        if (err != XE_NONE) {
            strbuf_free(&b);
            return value_error(err);
        }
    }
    return fn_text_result(cx, &b);
}

/* Appends each element of v (every cell of a reference, row by row) to the
 * join: a separator from seps (cycling) before all but the first kept
 * element. ignore_empty drops "" and blank cells. */
typedef struct Joiner {
    StrBuf out;
    const StrBuf *seps;     /* TEXTJOIN delimiters; NULL for CONCAT */
    size_t n_seps;
    size_t n_items;         /* elements kept so far */
    bool ignore_empty;
} Joiner;

static ErrorCode
fn_text_join_value(FnCtx *cx, Joiner *j, Value v)
{
    RangeIter it;
    Value e;
    StrBuf t;
    strbuf_init(&t);
    fn_iter_init(&it, cx, v);
    while (fn_iter_next(&it, &e)) {
        ErrorCode err = XE_NONE;
        strbuf_clear(&t);
        if (e.kind != VK_EMPTYARG && !value_to_text(e, &t, &err)) {
            strbuf_free(&t);
            return err;
        }
        if (j->ignore_empty && t.len == 0)
            continue;
        if (j->n_items++ > 0 && j->n_seps > 0) {
            const StrBuf *s = &j->seps[(j->n_items - 2) % j->n_seps];
            strbuf_add(&j->out, s->data, s->len);
        }
        strbuf_add(&j->out, t.data, t.len);
        if (j->out.len > (size_t)VS_MAX_STRLEN * 4) {
            strbuf_free(&t);
            return XE_VALUE;    /* surely too long; stop early */
        }
    }
    strbuf_free(&t);
    return XE_NONE;
}

/* CONCAT(text1, ...): like CONCATENATE, but a reference contributes all of
 * its cells, row by row. */
Value
fn_concat(FnCtx *cx, int argc, const Value *argv)
{
    Joiner j = {.seps = NULL};
    strbuf_init(&j.out);
    for (int i = 0; i < argc; i++) {
        ErrorCode err = fn_text_join_value(cx, &j, argv[i]);
        if (err != XE_NONE) {
            strbuf_free(&j.out);
            return value_error(err);
        }
    }
    return fn_text_result(cx, &j.out);
}

/* TEXTJOIN(delimiter, ignore_empty, text1, ...): the texts joined by the
 * delimiter; a delimiter range supplies several, used in turn. */
Value
fn_textjoin(FnCtx *cx, int argc, const Value *argv)
{
    Joiner j = {.seps = NULL};
    RangeIter it;
    Value e;
    bool ign;
    ErrorCode err = fn_arg_bool(cx, argv[1], &ign);
    if (err != XE_NONE)
        return value_error(err);
    fn_iter_init(&it, cx, argv[0]);
    StrBuf *seps = arena_alloc(cx->scratch, (size_t)(it.n ? it.n : 1) * sizeof *seps);
    size_t n_seps = 0;
    while (err == XE_NONE && fn_iter_next(&it, &e)) {
        strbuf_init(&seps[n_seps]);
        if (e.kind != VK_EMPTYARG && !value_to_text(e, &seps[n_seps], &err)) {
            strbuf_free(&seps[n_seps]);
            break;
        }
        n_seps++;
    }
    j.seps = seps;
    j.n_seps = n_seps;
    j.ignore_empty = ign;
    strbuf_init(&j.out);
    for (int i = 2; i < argc && err == XE_NONE; i++)
        err = fn_text_join_value(cx, &j, argv[i]);
    for (size_t k = 0; k < n_seps; k++)
        strbuf_free(&seps[k]);
    if (err != XE_NONE) {
        strbuf_free(&j.out);
        return value_error(err);
    }
    return fn_text_result(cx, &j.out);
}

/* LEFT(text, [n = 1]) and RIGHT(text, [n = 1]); n < 0 #VALUE!. */
static Value
fn_text_side(FnCtx *cx, int argc, const Value *argv, bool right)
{
    StrBuf s;
    StrBuf out;
    double n;
    ErrorCode err = fn_text_and_count(cx, argc, argv, 1, &s, &n);
    if (err != XE_NONE)
        return value_error(err);
    size_t len = fn_utf16_len(s.data, s.len);
    size_t k = fn_text_units(n);
    if (k > len)
        k = len;
    strbuf_init(&out);
    fn_utf16_slice(s.data, s.len, right ? len - k : 0, k, &out);
    strbuf_free(&s);
    return fn_text_result(cx, &out);
}

Value
fn_left(FnCtx *cx, int argc, const Value *argv)
{
    return fn_text_side(cx, argc, argv, false);
}

Value
fn_right(FnCtx *cx, int argc, const Value *argv)
{
    return fn_text_side(cx, argc, argv, true);
}

/* MID(text, start, n): start < 1 or n < 0 #VALUE!; past the end "". */
Value
fn_mid(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf s;
    StrBuf out;
    double start;
    double n;
    ErrorCode err = fn_text_get(cx, argv[0], &s);
    if (err != XE_NONE)
        return value_error(err);
    err = fn_arg_int(cx, argv[1], &start);
    if (err == XE_NONE)
        err = fn_text_count(cx, argc, argv, 2, 0, &n);
    if (err == XE_NONE && (start < 1 || n < 0))
        err = XE_VALUE;
    if (err != XE_NONE) {
        strbuf_free(&s);
        return value_error(err);
    }
    strbuf_init(&out);
    fn_utf16_slice(s.data, s.len, fn_text_units(start - 1), fn_text_units(n), &out);
    strbuf_free(&s);
    return fn_text_result(cx, &out);
}

/* LEN(text): UTF-16 code units, as Excel counts. */
Value
fn_len(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf s;
    (void)argc;
    ErrorCode err = fn_text_get(cx, argv[0], &s);
    if (err != XE_NONE)
        return value_error(err);
    double n = (double)fn_utf16_len(s.data, s.len);
    strbuf_free(&s);
    return value_number(n);
}

enum { FN_CASE_UPPER, FN_CASE_LOWER, FN_CASE_PROPER };

/* UPPER, LOWER, PROPER. PROPER capitalises a letter that follows a
 * non-letter (digits and apostrophes too: "don't" -> "Don'T", as Excel). */
static Value
fn_text_case(FnCtx *cx, Value v, int mode)
{
    StrBuf s;
    StrBuf out;
    ErrorCode err = fn_text_get(cx, v, &s);
    if (err != XE_NONE)
        return value_error(err);
    strbuf_init(&out);
    bool after_letter = false;
    for (size_t i = 0; i < s.len;) {
        uint32_t cp = fn_utf8_next(s.data, s.len, &i);
        bool upper = mode == FN_CASE_UPPER || (mode == FN_CASE_PROPER && !after_letter);
        after_letter = fn_cp_is_letter(cp);
        fn_utf8_put(&out, upper ? fn_cp_upper(cp) : fn_cp_lower(cp));
    }
    strbuf_free(&s);
    return fn_text_result(cx, &out);
}

Value
fn_upper(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_text_case(cx, argv[0], FN_CASE_UPPER);
}

Value
fn_lower(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_text_case(cx, argv[0], FN_CASE_LOWER);
}

Value
fn_proper(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_text_case(cx, argv[0], FN_CASE_PROPER);
}

/* TRIM(text): drops leading and trailing spaces and collapses runs of
 * spaces to one. Only the ASCII space (Excel leaves U+00A0 alone). */
Value
fn_trim(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf s;
    StrBuf out;
    (void)argc;
    ErrorCode err = fn_text_get(cx, argv[0], &s);
    if (err != XE_NONE)
        return value_error(err);
    strbuf_init(&out);
    bool gap = false;
    for (size_t i = 0; i < s.len; i++) {
        if (s.data[i] == ' ') {
            gap = out.len > 0;
            continue;
        }
        if (gap)
            strbuf_putc(&out, ' ');
        gap = false;
        strbuf_putc(&out, s.data[i]);
    }
    strbuf_free(&s);
    return fn_text_result(cx, &out);
}

/* SUBSTITUTE(text, old, new, [instance]): replaces every occurrence of old
 * (case-sensitive), or only the instance-th; instance < 1 #VALUE!; an empty
 * old changes nothing. */
Value
fn_substitute(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf t[3];
    StrBuf out;
    double inst = 0;
    ErrorCode err = XE_NONE;
    int got = 0;
    while (got < 3 && (err = fn_text_get(cx, argv[got], &t[got])) == XE_NONE)
        got++;
    if (err == XE_NONE && argc >= 4 && argv[3].kind != VK_EMPTYARG) {
        err = fn_arg_int(cx, argv[3], &inst);
        if (err == XE_NONE && inst < 1)
            err = XE_VALUE;
    }
    if (err != XE_NONE) {
        while (got > 0)
            strbuf_free(&t[--got]);
        return value_error(err);
    }
    strbuf_init(&out);
    size_t i = 0;
    double seen = 0;
    while (i < t[0].len) {
        if (t[1].len > 0 && t[0].len - i >= t[1].len &&
            memcmp(t[0].data + i, t[1].data, t[1].len) == 0 &&
            (inst == 0 || ++seen == inst)) {
            strbuf_add(&out, t[2].data, t[2].len);
            i += t[1].len;
            if (out.len > (size_t)VS_MAX_STRLEN * 4)
                break;
            continue;
        }
        if (t[1].len > 0 && t[0].len - i >= t[1].len &&
            memcmp(t[0].data + i, t[1].data, t[1].len) == 0) {
            /* an occurrence before the instance wanted: keep it whole */
            strbuf_add(&out, t[0].data + i, t[1].len);
            i += t[1].len;
            continue;
        }
        strbuf_putc(&out, t[0].data[i++]);
    }
    for (int k = 0; k < 3; k++)
        strbuf_free(&t[k]);
    return fn_text_result(cx, &out);
}

/* REPLACE(old, start, n, new): n characters from start replaced by new;
 * start < 1 or n < 0 #VALUE!. */
Value
fn_replace(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf s;
    StrBuf nw;
    StrBuf out;
    double start;
    double n;
    ErrorCode err = fn_text_get(cx, argv[0], &s);
    if (err != XE_NONE)
        return value_error(err);
    err = fn_arg_int(cx, argv[1], &start);
    if (err == XE_NONE)
        err = fn_text_count(cx, argc, argv, 2, 0, &n);
    if (err == XE_NONE)
        err = fn_text_get(cx, argv[3], &nw);
    else
        strbuf_init(&nw);
    if (err == XE_NONE && (start < 1 || n < 0))
        err = XE_VALUE;
    if (err != XE_NONE) {
        strbuf_free(&s);
        strbuf_free(&nw);
        return value_error(err);
    }
    size_t a = fn_text_units(start - 1);
    strbuf_init(&out);
    fn_utf16_slice(s.data, s.len, 0, a, &out);
    strbuf_add(&out, nw.data, nw.len);
    fn_utf16_slice(s.data, s.len, a + fn_text_units(n), (size_t)-1, &out);
    strbuf_free(&s);
    strbuf_free(&nw);
    return fn_text_result(cx, &out);
}

/* FIND and SEARCH: the position of find_text in within_text at or after
 * start (default 1). start < 1 or beyond the text, or not found, #VALUE!;
 * an empty find_text matches at start. */
static Value
fn_text_find(FnCtx *cx, int argc, const Value *argv, bool wild)
{
    StrBuf f;
    StrBuf w;
    double start = 1;
    ErrorCode err = fn_text_get(cx, argv[0], &f);
    if (err != XE_NONE)
        return value_error(err);
    if ((err = fn_text_get(cx, argv[1], &w)) != XE_NONE) {
        strbuf_free(&f);
        return value_error(err);
    }
    if (argc >= 3 && argv[2].kind != VK_EMPTYARG)
        err = fn_arg_int(cx, argv[2], &start);
    if (err != XE_NONE) {
        strbuf_free(&f);
        strbuf_free(&w);
        return value_error(err);
    }
    size_t len = fn_utf16_len(w.data, w.len);
    long at = -1;
    if (start >= 1 && start <= (double)len + (f.len == 0 ? 1 : 0)) {
        size_t from = fn_utf16_offset(w.data, w.len, (size_t)start - 1);
        if (wild) {
            at = fn_wild_search(f.data, f.len, w.data, w.len, from);
        } else if (f.len == 0) {
            at = (long)from;
        } else {
            for (size_t i = from; i + f.len <= w.len && at < 0; i++)
                if (memcmp(w.data + i, f.data, f.len) == 0)
                    at = (long)i;
        }
    }
    double pos = at < 0 ? 0 : (double)fn_utf16_len(w.data, (size_t)at) + 1;
    strbuf_free(&f);
    strbuf_free(&w);
    return at < 0 ? value_error(XE_VALUE) : value_number(pos);
}

/* FIND: case-sensitive, no wildcards. */
Value
fn_find(FnCtx *cx, int argc, const Value *argv)
{
    return fn_text_find(cx, argc, argv, false);
}

/* SEARCH: without case, with the wildcards ? * and ~. */
Value
fn_search(FnCtx *cx, int argc, const Value *argv)
{
    return fn_text_find(cx, argc, argv, true);
}

/* REPT(text, n): text repeated n times; n < 0 or a result beyond 32,767
 * characters #VALUE!. */
Value
fn_rept(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf s;
    StrBuf out;
    double n;
    ErrorCode err = fn_text_and_count(cx, argc, argv, 0, &s, &n);
    if (err != XE_NONE)
        return value_error(err);
    size_t len = fn_utf16_len(s.data, s.len);
    if (len > 0 && n * (double)len > VS_MAX_STRLEN) {
        strbuf_free(&s);
        return value_error(XE_VALUE);
    }
    strbuf_init(&out);
    for (double k = 0; k < n && len > 0; k++)
        strbuf_add(&out, s.data, s.len);
    strbuf_free(&s);
    return fn_text_result(cx, &out);
}

/* EXACT(text1, text2): TRUE when the texts are identical, case included. */
Value
fn_exact(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf a;
    StrBuf b;
    (void)argc;
    ErrorCode err = fn_text_get(cx, argv[0], &a);
    if (err != XE_NONE)
        return value_error(err);
    if ((err = fn_text_get(cx, argv[1], &b)) != XE_NONE) {
        strbuf_free(&a);
        return value_error(err);
    }
    bool eq = a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
    strbuf_free(&a);
    strbuf_free(&b);
    return value_bool(eq);
}
