/*
 * fmt: the canonical layout of a .vsheet source. See fmt.h.
 *
 * Three passes. (1) Read: the lexer is driven statement by statement with
 * the same mode rules as parse.c (sheet mode at the head, formula mode
 * after the '=' of a cell, name or override, raw rest of line after
 * `chart`/`analysis`), and each statement becomes a Unit: blank, comment,
 * statement or verbatim line. Comments are found in the gaps between
 * tokens, where the lexer skipped them; a comment always ends at a
 * newline, so it belongs to the NEWLINE token after it. (2) Align: runs of
 * consecutive one-line assignments of one kind get their '=' and their
 * row-list items in columns, and runs of one-line statements their end of
 * line comments. (3) Emit.
 *
 * Alignment is computed from the canonical text only, never from the
 * input's spacing, which is what makes fmt(fmt(x)) == fmt(x).
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream, mkstemp, fsync */
#include "fmt.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "lex.h"
#include "parse.h"
#include "sheet.h"
#include "valsheet.h"

/* A token of one statement. NEWLINE tokens inside a statement are line
 * breaks inside parentheses; c_off/c_len is the comment that ended that
 * line (c_len 0: none). */
typedef struct FTok {
    int type;
    uint32_t off;
    uint32_t len;
    uint32_t c_off;
    uint32_t c_len;
    bool formula;           /* lexed in formula mode */
} FTok;

enum UnitKind { U_BLANK, U_COMMENT, U_STMT, U_VERBATIM };
enum AlignKind { A_NONE, A_CELLS, A_NAME, A_OVERRIDE };

typedef struct Unit {
    uint8_t kind;           /* UnitKind */
    uint8_t align;          /* AlignKind; A_NONE when multiline */
    bool multiline;         /* continuation lines inside parentheses */
    int indent;             /* 2 inside a scenario block */
    char *head;             /* owned: text before '=' (aligned units) */
    char **items;           /* owned: rendered items right of '=' */
    uint32_t n_items;
    char *code;             /* owned: the finished code (or comment text) */
    char *comment;          /* owned: end of line comment, or NULL */
} Unit;

typedef struct Fmt {
    const char *text;
    FTok *toks;             /* owned: the current statement's tokens */
    uint32_t n_toks;
    uint32_t cap_toks;
    Unit *units;            /* owned */
    uint32_t n_units;
    uint32_t cap_units;
} Fmt;

static char *
fmt_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        arena_fatal("fmt");
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static size_t
fmt_width(const char *s)
{
    return str_utf8_len(s, strlen(s));
}

static void
fmt_pad(StrBuf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        strbuf_putc(b, ' ');
}

static void
fmt_push_tok(Fmt *F, FTok t)
{
    if (F->n_toks == F->cap_toks) {
        F->cap_toks = F->cap_toks ? F->cap_toks * 2 : 64;
        FTok *v = realloc(F->toks, F->cap_toks * sizeof *v);
        if (!v)
            arena_fatal("fmt");
        F->toks = v;
    }
    F->toks[F->n_toks++] = t;
}

static Unit *
fmt_push_unit(Fmt *F, uint8_t kind, int indent)
{
    if (F->n_units == F->cap_units) {
        F->cap_units = F->cap_units ? F->cap_units * 2 : 64;
        Unit *v = realloc(F->units, F->cap_units * sizeof *v);
        if (!v)
            arena_fatal("fmt");
        F->units = v;
    }
    Unit *u = &F->units[F->n_units++];
    memset(u, 0, sizeof *u);
    u->kind = kind;
    u->indent = indent;
    return u;
}

/* The comment in the skipped gap text[from..to), trailing blanks (and a
 * CR) removed; *n 0 when there is none. */
static uint32_t
fmt_gap_comment(const char *text, uint32_t from, uint32_t to, uint32_t *n)
{
    *n = 0;
    for (uint32_t p = from; p < to; p++) {
        if (text[p] == '#') {
            uint32_t e = to;
            while (e > p && isspace((unsigned char)text[e - 1]))
                e--;
            *n = e - p;
            return p;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ rendering */

static bool
fmt_is_operator(int t)
{
    switch (t) {
    case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
    case TK_AMP: case TK_PLUS: case TK_MINUS: case TK_STAR: case TK_SLASH:
    case TK_CARET:
        return true;
    default:
        return false;
    }
}

/* State of one rendering: column tracking for continuation lines. */
typedef struct ParenPos {
    size_t col_after;       /* column just after the '(' */
    size_t line_indent;     /* indent of the line holding it */
    bool break_after;       /* the line breaks right after it */
} ParenPos;

typedef struct Render {
    StrBuf *out;
    size_t col;             /* current column, code points */
    size_t line_indent;
    bool line_start;        /* after a continuation break, nothing yet */
    int prev;               /* previous token type, -1 at the start */
    bool prev_unary;
    bool in_brace;
    int head;               /* the statement's first token type */
    ParenPos *parens;       /* owned stack */
    uint32_t depth;
    uint32_t cap;
} Render;

static bool
fmt_need_space(const Render *r, int c)
{
    int p = r->prev;
    if (p < 0)
        return false;
    if (c == TK_COMMA || c == TK_RPAREN || c == TK_PERCENT || c == TK_SEMI ||
        c == TK_RBRACE || c == TK_COLON)
        return false;
    if (p == TK_LPAREN || p == TK_LBRACE || p == TK_SEMI || p == TK_COLON ||
        p == TK_SHEETPREFIX || r->prev_unary)
        return false;
    if (c == TK_LPAREN && p == TK_IDENT)
        return false;   /* a function call */
    if (p == TK_COMMA && r->in_brace)
        return false;   /* array constants stay compact: {1,2;3,4} */
    if (r->head == TK_KW_STYLE && (p == TK_EQ || c == TK_EQ))
        return false;   /* fill=#DDEBF7 */
    return true;
}

static void
fmt_put_case(StrBuf *b, const char *s, uint32_t n, int mode)
{
    for (uint32_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        strbuf_putc(b, (char)(mode > 0 ? toupper(ch) : mode < 0 ? tolower(ch) : ch));
    }
}

/* The case a token is written in: +1 upper, -1 lower, 0 as written. */
static int
fmt_token_case(const Fmt *F, const FTok *t, const FTok *next, bool is_head)
{
    const char *s = F->text + t->off;
    if (is_head && t->type != TK_CELLREF && t->type != TK_SHEETPREFIX &&
        t->type != TK_IDENT)
        return -1;  /* a keyword */
    switch (t->type) {
    case TK_IDENT:
        if (next && next->type == TK_LPAREN)
            return 1;   /* function name */
        if (t->formula && (str_eq_fold(s, t->len, "TRUE", 4) ||
                           str_eq_fold(s, t->len, "FALSE", 5)))
            return 1;
        return 0;
    case TK_CELLREF:    /* except `sheet q1` (fmt_render_token) */
    case TK_COLRANGE: case TK_ROWRANGE: case TK_ERRLIT:
        return 1;
    default:
        return 0;
    }
}

static void
fmt_render_token(Render *r, const Fmt *F, const FTok *t, const FTok *next,
                 bool is_head)
{
    int c = t->type;
    if (r->line_start) {
        size_t ind = r->line_indent + 4;
        if (r->depth > 0) {
            const ParenPos *pp = &r->parens[r->depth - 1];
            if (c == TK_RPAREN)
                ind = pp->line_indent;
            else if (pp->break_after)
                ind = pp->line_indent + 4;
            else
                ind = pp->col_after;
        }
        fmt_pad(r->out, ind);
        r->col = ind;
        r->line_indent = ind;
        r->line_start = false;
    } else if (fmt_need_space(r, c)) {
        strbuf_putc(r->out, ' ');
        r->col++;
    }
    int mode = fmt_token_case(F, t, next, is_head);
    if (c == TK_CELLREF && r->head == TK_KW_SHEET)
        mode = 0;
    fmt_put_case(r->out, F->text + t->off, t->len, mode);
    r->col += str_utf8_len(F->text + t->off, t->len);
    bool unary = (c == TK_MINUS || c == TK_PLUS) &&
                 (r->prev < 0 || fmt_is_operator(r->prev) || r->prev == TK_LPAREN ||
                  r->prev == TK_COMMA || r->prev == TK_SEMI || r->prev == TK_LBRACE);
    if (c == TK_LPAREN) {
        if (r->depth == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 16;
            ParenPos *v = realloc(r->parens, r->cap * sizeof *v);
            if (!v)
                arena_fatal("fmt");
            r->parens = v;
        }
        r->parens[r->depth++] = (ParenPos){r->col, r->line_indent, false};
    } else if (c == TK_RPAREN && r->depth > 0) {
        r->depth--;
    } else if (c == TK_LBRACE) {
        r->in_brace = true;
    } else if (c == TK_RBRACE) {
        r->in_brace = false;
    }
    r->prev = c;
    r->prev_unary = unary;
}

/* A line break inside parentheses, with the comment that ended the line. */
static void
fmt_render_break(Render *r, const Fmt *F, const FTok *t)
{
    if (r->prev == TK_LPAREN && r->depth > 0 && !r->line_start)
        r->parens[r->depth - 1].break_after = true;
    if (r->line_start) {
        /* A line holding only a comment keeps it; an empty one goes. */
        if (t->c_len) {
            size_t ind = r->line_indent + 4;
            if (r->depth > 0)
                ind = r->parens[r->depth - 1].break_after
                          ? r->parens[r->depth - 1].line_indent + 4
                          : r->parens[r->depth - 1].col_after;
            fmt_pad(r->out, ind);
            strbuf_add(r->out, F->text + t->c_off, t->c_len);
            strbuf_putc(r->out, '\n');
        }
        return;
    }
    if (t->c_len) {
        strbuf_puts(r->out, "  ");
        strbuf_add(r->out, F->text + t->c_off, t->c_len);
    }
    strbuf_putc(r->out, '\n');
    r->line_start = true;
}

/* Renders toks[from..to) into a new string; col is the column where it
 * starts, is_head whether toks[from] is the statement's first token. */
static char *
fmt_render(const Fmt *F, uint32_t from, uint32_t to, size_t col, bool is_head)
{
    StrBuf b;
    strbuf_init(&b);
    Render r;
    memset(&r, 0, sizeof r);
    r.out = &b;
    r.col = col;
    r.line_indent = col;
    r.prev = -1;
    r.head = F->toks[0].type;
    if (is_head)
        fmt_pad(&b, col);
    for (uint32_t i = from; i < to; i++) {
        const FTok *t = &F->toks[i];
        if (t->type == TK_NEWLINE) {
            fmt_render_break(&r, F, t);
            continue;
        }
        const FTok *next = NULL;
        for (uint32_t k = i + 1; k < to && !next; k++)
            if (F->toks[k].type != TK_NEWLINE)
                next = &F->toks[k];
        fmt_render_token(&r, F, t, next, is_head && i == from);
    }
    free(r.parens);
    char *s = fmt_strndup(b.data ? b.data : "", b.len);
    strbuf_free(&b);
    return s;
}

/* -------------------------------------------------------------- reading */

static bool
fmt_known_head(int type)
{
    switch (type) {
    case TK_KW_TITLE: case TK_KW_AUTHOR: case TK_KW_SHEET: case TK_KW_NAME:
    case TK_KW_FORMAT: case TK_KW_STYLE: case TK_KW_WIDTH: case TK_KW_FREEZE:
    case TK_KW_SCENARIO: case TK_KW_END: case TK_KW_OUTPUTS: case TK_KW_OPTION:
    case TK_KW_CHART: case TK_KW_ANALYSIS: case TK_CELLREF: case TK_SHEETPREFIX:
        return true;
    default:
        return false;
    }
}

static uint32_t
fmt_next_nonblank(const char *text, uint32_t p)
{
    while (text[p] == ' ' || text[p] == '\t')
        p++;
    return p;
}

/* Turns the statement in F->toks into a unit. */
static void
fmt_statement(Fmt *F, int indent, uint32_t c_off, uint32_t c_len)
{
    Unit *u = fmt_push_unit(F, U_STMT, indent);
    if (c_len)
        u->comment = fmt_strndup(F->text + c_off, c_len);
    int head = F->toks[0].type;
    uint32_t eq = 0;
    for (uint32_t i = 0; i < F->n_toks; i++) {
        if (F->toks[i].type == TK_NEWLINE)
            u->multiline = true;
        if (!eq && F->toks[i].type == TK_EQ)
            eq = i;
    }
    if (eq && !u->multiline) {
        if (head == TK_CELLREF || head == TK_SHEETPREFIX)
            u->align = A_CELLS;
        else if (head == TK_KW_NAME)
            u->align = A_NAME;
        else if (head == TK_IDENT)
            u->align = A_OVERRIDE;
        /* In a scenario, by name or by reference, all are overrides. */
        if (indent > 0 && u->align == A_CELLS)
            u->align = A_OVERRIDE;
    }
    if (u->align == A_NONE) {
        u->code = fmt_render(F, 0, F->n_toks, (size_t)indent, true);
        return;
    }
    u->head = fmt_render(F, 0, eq, (size_t)indent, true);
    /* Items: split at commas outside parentheses and braces. */
    int depth = 0;
    uint32_t start = eq + 1;
    for (uint32_t i = eq + 1; i <= F->n_toks; i++) {
        int t = i < F->n_toks ? F->toks[i].type : TK_COMMA;
        if (t == TK_LPAREN || t == TK_LBRACE)
            depth++;
        else if ((t == TK_RPAREN || t == TK_RBRACE) && depth > 0)
            depth--;
        else if (t == TK_COMMA && depth == 0) {
            char **v = realloc(u->items, (u->n_items + 1) * sizeof *v);
            if (!v)
                arena_fatal("fmt");
            u->items = v;
            u->items[u->n_items++] = fmt_render(F, start, i, 0, false);
            start = i + 1;
        }
    }
}

static void
fmt_read(Fmt *F, const char *text, uint32_t len)
{
    Lexer lx;
    lex_init(&lx, text, len, 0);
    uint32_t origin = lx.pos;   /* after a byte-order mark */
    uint32_t prev_end = lx.pos;
    bool in_scenario = false;
    for (;;) {
        Token t = lex_sheet_token(&lx);
        uint32_t c_len;
        uint32_t c_off = fmt_gap_comment(text, prev_end, t.span.off, &c_len);
        int indent = in_scenario ? 2 : 0;
        if (t.type == TK_NEWLINE || t.type == 0) {
            if (c_len) {
                Unit *u = fmt_push_unit(F, U_COMMENT, indent);
                u->code = fmt_strndup(text + c_off, c_len);
            } else if (t.type == TK_NEWLINE) {
                fmt_push_unit(F, U_BLANK, 0);
            }
            prev_end = t.span.off + t.span.len;
            if (t.type == 0)
                break;
            continue;
        }
        int head = t.type;
        if (head == TK_IDENT) {
            int kw = parse_keyword(text + t.span.off, t.span.len);
            uint32_t p = fmt_next_nonblank(text, lx.pos);
            if ((kw == TK_KW_CHART || kw == TK_KW_ANALYSIS) && text[p] == '=')
                kw = 0;
            if (kw)
                head = kw;
            else if (text[p] != '=')
                head = -1;  /* not a statement fmt knows */
        } else if (!fmt_known_head(head)) {
            head = -1;
        }
        if (head != TK_IDENT && !fmt_known_head(head)) {
            /* A line fmt does not understand (a statement added after
             * it was written) is kept exactly, bar trailing blanks. */
            uint32_t ls = t.span.off;
            while (ls > origin && text[ls - 1] != '\n')
                ls--;
            uint32_t le = t.span.off;
            while (le < len && text[le] != '\n')
                le++;
            uint32_t e = le;
            while (e > ls && isspace((unsigned char)text[e - 1]))
                e--;
            Unit *u = fmt_push_unit(F, U_VERBATIM, 0);
            u->code = fmt_strndup(text + ls, e - ls);
            lx.pos = le < len ? le + 1 : le;
            prev_end = lx.pos;
            if (le >= len)
                break;
            continue;
        }
        if (head == TK_KW_END)
            indent = 0;
        F->n_toks = 0;
        fmt_push_tok(F, (FTok){head, t.span.off, t.span.len, 0, 0, false});
        prev_end = t.span.off + t.span.len;
        bool formula = false;
        uint32_t depth = 0;
        if (head == TK_KW_CHART || head == TK_KW_ANALYSIS) {
            Token raw = parse_raw_line(&lx);
            if (raw.span.len)
                fmt_push_tok(F, (FTok){TK_RAWLINE, raw.span.off, raw.span.len, 0, 0,
                                       false});
            prev_end = lx.pos;
        }
        uint32_t end_c_off = 0, end_c_len = 0;
        bool eof = false;
        for (;;) {
            Token k = formula ? lex_formula_token(&lx) : lex_sheet_token(&lx);
            uint32_t kc_len;
            uint32_t kc_off = fmt_gap_comment(text, prev_end, k.span.off, &kc_len);
            prev_end = k.span.off + k.span.len;
            if (k.type == TK_NEWLINE && formula && depth > 0) {
                fmt_push_tok(F, (FTok){TK_NEWLINE, k.span.off, 0, kc_off, kc_len, true});
                continue;
            }
            if (k.type == TK_NEWLINE || k.type == 0) {
                end_c_off = kc_off;
                end_c_len = kc_len;
                eof = k.type == 0;
                break;
            }
            if (k.type == TK_EQ && !formula &&
                (head == TK_CELLREF || head == TK_IDENT || head == TK_SHEETPREFIX ||
                 head == TK_KW_NAME))
                formula = true;
            else if (formula && k.type == TK_LPAREN)
                depth++;
            else if (formula && k.type == TK_RPAREN && depth > 0)
                depth--;
            else if (formula && k.type == TK_CELLREF &&
                     text[k.span.off + k.span.len] == '(')
                k.type = TK_IDENT;  /* LOG10( is a function */
            fmt_push_tok(F, (FTok){k.type, k.span.off, k.span.len, 0, 0, formula});
        }
        /* An unclosed '(' at the end of the file leaves trailing breaks. */
        while (F->n_toks > 1 && F->toks[F->n_toks - 1].type == TK_NEWLINE)
            F->n_toks--;
        fmt_statement(F, indent, end_c_off, end_c_len);
        if (head == TK_KW_SCENARIO)
            in_scenario = true;
        else if (head == TK_KW_END)
            in_scenario = false;
        if (eof)
            break;
    }
}

/* ------------------------------------------------------------- aligning */

static bool
fmt_aligns_with(const Unit *a, const Unit *b)
{
    return b->kind == U_STMT && b->align != A_NONE && b->align == a->align &&
           b->indent == a->indent;
}

/* Builds the code of the aligned units among units[i..j) (full-line
 * comments in between are skipped: they do not break a block). */
static void
fmt_align_block(Fmt *F, uint32_t i, uint32_t j)
{
    size_t head_w = 0;
    uint32_t max_items = 0;
    for (uint32_t k = i; k < j; k++) {
        if (F->units[k].kind != U_STMT)
            continue;
        size_t w = fmt_width(F->units[k].head);
        if (w > head_w)
            head_w = w;
        if (F->units[k].n_items > max_items)
            max_items = F->units[k].n_items;
    }
    /* Column c's width counts only items followed by another. */
    size_t *col_w = calloc(max_items ? max_items : 1, sizeof *col_w);
    if (!col_w)
        arena_fatal("fmt");
    for (uint32_t k = i; k < j; k++)
        for (uint32_t c = 0; F->units[k].kind == U_STMT && c + 1 < F->units[k].n_items;
             c++) {
            size_t w = fmt_width(F->units[k].items[c]);
            if (w > col_w[c])
                col_w[c] = w;
        }
    for (uint32_t k = i; k < j; k++) {
        Unit *u = &F->units[k];
        if (u->kind != U_STMT)
            continue;
        StrBuf b;
        strbuf_init(&b);
        strbuf_puts(&b, u->head);
        fmt_pad(&b, head_w - fmt_width(u->head));
        strbuf_puts(&b, " = ");
        for (uint32_t c = 0; c < u->n_items; c++) {
            strbuf_puts(&b, u->items[c]);
            if (c + 1 < u->n_items) {
                strbuf_puts(&b, ", ");
                fmt_pad(&b, col_w[c] - fmt_width(u->items[c]));
            }
        }
        u->code = fmt_strndup(b.data, b.len);
        strbuf_free(&b);
    }
    free(col_w);
}

static void
fmt_align(Fmt *F)
{
    for (uint32_t i = 0; i < F->n_units;) {
        Unit *u = &F->units[i];
        if (u->kind != U_STMT || u->align == A_NONE) {
            i++;
            continue;
        }
        /* The block ends at the last aligned unit before anything else. */
        uint32_t end = i + 1;
        for (uint32_t j = i + 1; j < F->n_units; j++) {
            if (fmt_aligns_with(u, &F->units[j]))
                end = j + 1;
            else if (F->units[j].kind != U_COMMENT || F->units[j].indent != u->indent)
                break;
        }
        fmt_align_block(F, i, end);
        i = end;
    }
}

/* ------------------------------------------------------------- emitting */

static bool
fmt_one_line(const Unit *u)
{
    return u->kind == U_STMT && !u->multiline;
}

static void
fmt_emit(const Fmt *F, StrBuf *out)
{
    bool any = false;
    bool blank = false;
    for (uint32_t i = 0; i < F->n_units;) {
        const Unit *u = &F->units[i];
        if (u->kind == U_BLANK) {
            blank = true;
            i++;
            continue;
        }
        if (blank && any)
            strbuf_putc(out, '\n');
        blank = false;
        any = true;
        if (u->kind == U_COMMENT) {
            fmt_pad(out, (size_t)u->indent);
            strbuf_puts(out, u->code);
            strbuf_putc(out, '\n');
            i++;
            continue;
        }
        if (u->kind == U_VERBATIM || !fmt_one_line(u)) {
            strbuf_puts(out, u->code);
            if (u->comment) {
                strbuf_puts(out, "  ");
                strbuf_puts(out, u->comment);
            }
            strbuf_putc(out, '\n');
            i++;
            continue;
        }
        /* A run of one-line statements: end of line comments in a column. */
        uint32_t j = i;
        size_t col = 0;
        while (j < F->n_units && fmt_one_line(&F->units[j]) &&
               F->units[j].indent == u->indent) {
            size_t w = fmt_width(F->units[j].code);
            if (F->units[j].comment && w > col)
                col = w;
            j++;
        }
        for (uint32_t k = i; k < j; k++) {
            const Unit *v = &F->units[k];
            strbuf_puts(out, v->code);
            if (v->comment) {
                fmt_pad(out, col - fmt_width(v->code) + 2);
                strbuf_puts(out, v->comment);
            }
            strbuf_putc(out, '\n');
        }
        i = j;
    }
}

void
fmt_source(const char *text, uint32_t len, StrBuf *out)
{
    Fmt F;
    memset(&F, 0, sizeof F);
    F.text = text;
    fmt_read(&F, text, len);
    fmt_align(&F);
    fmt_emit(&F, out);
    for (uint32_t i = 0; i < F.n_units; i++) {
        Unit *u = &F.units[i];
        free(u->head);
        for (uint32_t k = 0; k < u->n_items; k++)
            free(u->items[k]);
        free(u->items);
        free(u->code);
        free(u->comment);
    }
    free(F.units);
    free(F.toks);
}

/* ------------------------------------------------------------ public API */

vs_status
vs_format_source(const char *name, const char *text, size_t len, FILE *diag,
                 char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    /* Parse and bind first: a model with errors is never reformatted.
     * Its diagnostics are passed on as they are; warnings are not, since
     * formatting changes nothing they are about. */
    char *dtext = NULL;
    size_t dlen = 0;
    FILE *mem = open_memstream(&dtext, &dlen);
    if (!mem)
        arena_fatal("fmt");
    vs_book *b = NULL;
    vs_status s = vs_book_open_string(name, text, len, mem, &b);
    vs_book_close(b);
    fclose(mem);
    if (s != VS_OK) {
        fwrite(dtext, 1, dlen, diag);
        free(dtext);
        return s;
    }
    free(dtext);
    char *copy = fmt_strndup(text, len);   /* the lexer wants a final NUL */
    StrBuf b2;
    strbuf_init(&b2);
    fmt_source(copy, (uint32_t)len, &b2);
    free(copy);
    *out = fmt_strndup(b2.data ? b2.data : "", b2.len);
    *out_len = b2.len;
    strbuf_free(&b2);
    return VS_OK;
}

static char *
fmt_read_file(const char *path, size_t *len, FILE *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(diag, "%s: error: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    StrBuf b;
    strbuf_init(&b);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_add(&b, chunk, got);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(diag, "%s: error: cannot read: %s\n", path, strerror(errno));
        strbuf_free(&b);
        return NULL;
    }
    *len = b.len;
    if (!b.data)
        return fmt_strndup("", 0);
    return b.data;
}

/* Replaces path by text atomically: a temporary file in the same
 * directory, written and fsync()ed, then renamed over it, keeping the
 * file's permissions. On any failure the original is untouched. */
static vs_status
fmt_write_atomic(const char *path, const char *text, size_t len, FILE *diag)
{
    struct stat st;
    AtomicFile tmp;
    if (stat(path, &st) != 0 || !atomic_open(&tmp, path, st.st_mode & 07777)) {
        fprintf(diag, "%s: error: cannot create a temporary file: %s\n", path,
                strerror(errno));
        return VS_ERR_IO;
    }
    /* atomic_open applied the umask; the copy keeps the original's bits. */
    bool ok = fchmod(tmp.fd, st.st_mode & 07777) == 0;
    for (size_t off = 0; ok && off < len;) {
        ssize_t w = write(tmp.fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        off += ok ? (size_t)w : 0;
    }
    int err = errno;
    if (ok && !atomic_commit(&tmp, path)) {
        err = errno;
        ok = false;
    }
    if (!ok) {
        fprintf(diag, "%s: error: cannot write: %s\n", path, strerror(err));
        atomic_abort(&tmp);
    }
    return ok ? VS_OK : VS_ERR_IO;
}

vs_status
vs_format_file(const char *path, vs_fmt_mode mode, FILE *out, FILE *diag,
               int *changed)
{
    *changed = 0;
    size_t len = 0;
    char *text = fmt_read_file(path, &len, diag);
    if (!text)
        return VS_ERR_IO;
    char *fmt = NULL;
    size_t flen = 0;
    vs_status s = vs_format_source(path, text, len, diag, &fmt, &flen);
    if (s == VS_OK) {
        *changed = flen != len || memcmp(fmt, text, len) != 0;
        if (mode == VS_FMT_PRINT)
            fwrite(fmt, 1, flen, out);
        else if (mode == VS_FMT_CHECK && *changed)
            fprintf(out, "%s\n", path);
        else if (mode == VS_FMT_WRITE && *changed)
            s = fmt_write_atomic(path, fmt, flen, diag);
    }
    free(fmt);
    free(text);
    return s;
}
