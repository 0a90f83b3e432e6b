/*
 * ast: constructors for the grammar's actions, statement collection, and
 * the Excel unparser (ast_to_excel) that the exporter writes formulas with.
 *
 * Invariant: every node's depth is at most AST_MAX_DEPTH, so the recursive
 * walks in bind, compile and the unparser stay within a small C stack.
 */
#include "ast.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fn.h"
#include "parse.h"
#include "sheet.h"

/* Deep enough for a 4000-term sum written out (Excel accepts 8192
 * characters per formula), shallow enough for recursive walks under ASan. */
enum { AST_MAX_DEPTH = 4000 };

static const char *
ast_text(const ParseCtx *ctx, Token t)
{
    return ctx->text + t.span.off;
}

static AstNode *
ast_new(ParseCtx *ctx, AstKind kind, Span span)
{
    AstNode *n = arena_zalloc(ctx->arena, sizeof *n);
    n->kind = (uint8_t)kind;
    n->span = span;
    return n;
}

static AstNode *
ast_error_node(ParseCtx *ctx, Span span, ErrorCode e)
{
    AstNode *n = ast_new(ctx, AST_ERROR, span);
    n->err = (uint8_t)e;
    return n;
}

/* Depth bookkeeping: a too-deep node is reported once and replaced. */
static AstNode *
ast_check_depth(ParseCtx *ctx, AstNode *n)
{
    if (n->depth > AST_MAX_DEPTH) {
        if (!ctx->stmt_error)
            diag_error(ctx->diags, n->span, "formula nested too deeply");
        ctx->stmt_error = true;
        return ast_error_node(ctx, n->span, XE_VALUE);
    }
    return n;
}

static uint16_t
ast_depth2(const AstNode *a, const AstNode *b)
{
    uint16_t d = a ? a->depth : 0;
    if (b && b->depth > d)
        d = b->depth;
    return (uint16_t)(d + 1);
}

AstNode *
ast_number(ParseCtx *ctx, Token t)
{
    char buf[400];
    uint32_t n = t.span.len;
    if (n >= sizeof buf) {
        diag_error(ctx->diags, t.span, "number literal too long");
        return ast_error_node(ctx, t.span, XE_NUM);
    }
    memcpy(buf, ast_text(ctx, t), n);
    buf[n] = '\0';
    double x = strtod(buf, NULL);
    AstNode *node = ast_new(ctx, AST_NUMBER, t.span);
    if (x - x != 0) {
        diag_error(ctx->diags, t.span, "number '%s' is out of range", buf);
        return ast_error_node(ctx, t.span, XE_NUM);
    }
    node->u.num = x;
    return node;
}

AstNode *
ast_string(ParseCtx *ctx, Token t)
{
    const char *s = ast_text(ctx, t) + 1;
    uint32_t n = t.span.len - 2;
    char *buf = arena_alloc(ctx->arena, n + 1);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        buf[k++] = s[i];
        if (s[i] == '"')
            i++; /* doubled quote */
    }
    if (str_utf8_len(buf, k) > VS_MAX_STRLEN) {
        diag_error(ctx->diags, t.span,
                   "string is longer than Excel's 32767 characters");
        return ast_error_node(ctx, t.span, XE_VALUE);
    }
    AstNode *node = ast_new(ctx, AST_STRING, t.span);
    node->u.str = str_new(ctx->arena, buf, k);
    return node;
}

AstNode *
ast_errlit(ParseCtx *ctx, Token t)
{
    ErrorCode e = value_error_parse(ast_text(ctx, t), t.span.len);
    return ast_error_node(ctx, t.span, e ? e : XE_VALUE);
}

AstNode *
ast_emptyarg(ParseCtx *ctx)
{
    return ast_new(ctx, AST_EMPTYARG, ctx->cur);
}

void
ast_col_name(uint16_t col0, char out[4])
{
    char tmp[4];
    int k = 0;
    unsigned c = (unsigned)col0 + 1;
    while (c > 0 && k < 3) {
        unsigned r = (c - 1) % 26;
        tmp[k++] = (char)('A' + r);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    out[k] = '\0';
}

bool
ast_parse_cellref(const char *s, size_t n, uint32_t *row0, uint16_t *col0,
                  uint8_t *abs, const char **why)
{
    size_t i = 0;
    uint8_t a = 0;
    if (i < n && s[i] == '$') {
        a |= REF_ABS_COL0;
        i++;
    }
    uint32_t col = 0;
    size_t letters = 0;
    while (i < n && isalpha((unsigned char)s[i])) {
        col = col * 26 + (uint32_t)(toupper((unsigned char)s[i]) - 'A' + 1);
        i++;
        letters++;
    }
    if (letters == 0 || letters > 3) {
        *why = "not a cell reference";
        return false;
    }
    if (i < n && s[i] == '$') {
        a |= REF_ABS_ROW0;
        i++;
    }
    uint64_t row = 0;
    size_t digits = 0;
    while (i < n && isdigit((unsigned char)s[i])) {
        if (row < 100000000)
            row = row * 10 + (uint64_t)(s[i] - '0');
        i++;
        digits++;
    }
    if (digits == 0 || i != n) {
        *why = "not a cell reference";
        return false;
    }
    if (col > VS_MAX_COLS) {
        *why = "is beyond column XFD";
        return false;
    }
    if (row < 1 || row > VS_MAX_ROWS) {
        *why = row < 1 ? "has row 0 (rows start at 1)" : "is beyond row 1048576";
        return false;
    }
    *row0 = (uint32_t)row - 1;
    *col0 = (uint16_t)(col - 1);
    *abs = a;
    return true;
}

/* Decodes a sheet prefix token ('Deal terms'! or Inputs!) to an interned
 * name. */
static const Str *
ast_sheet_name(ParseCtx *ctx, Token t)
{
    const char *s = ast_text(ctx, t);
    uint32_t n = t.span.len - 1; /* drop '!' */
    if (n >= 2 && s[0] == '\'') {
        char *buf = arena_alloc(ctx->arena, n);
        uint32_t k = 0;
        for (uint32_t i = 1; i + 1 < n; i++) {
            buf[k++] = s[i];
            if (s[i] == '\'')
                i++;
        }
        return str_intern(ctx->names, buf, k);
    }
    return str_intern(ctx->names, s, n);
}

AstNode *
ast_ref(ParseCtx *ctx, const Token *sheet, Token t)
{
    Span span = sheet ? span_join(sheet->span, t.span) : t.span;
    uint32_t row0;
    uint16_t col0;
    uint8_t abs;
    const char *why;
    if (!ast_parse_cellref(ast_text(ctx, t), t.span.len, &row0, &col0, &abs, &why)) {
        diag_error(ctx->diags, t.span, "reference '%.*s' %s", (int)t.span.len,
                   ast_text(ctx, t), why);
        return ast_error_node(ctx, span, XE_REF);
    }
    AstNode *n = ast_new(ctx, AST_REF, span);
    n->u.ref.sheet_name = sheet ? ast_sheet_name(ctx, *sheet) : NULL;
    n->u.ref.row0 = n->u.ref.row1 = row0;
    n->u.ref.col0 = n->u.ref.col1 = col0;
    n->u.ref.abs = (uint8_t)(abs | (abs << 2));
    n->depth = 1;
    return n;
}

/* Parses one side of A:C or 2:5 ("$AB" or "$12"). */
static bool
ast_parse_whole_part(const char *s, size_t n, bool cols, uint32_t *pos, bool *abs)
{
    size_t i = 0;
    *abs = n > 0 && s[0] == '$';
    if (*abs)
        i++;
    if (i == n)
        return false;
    uint64_t v = 0;
    for (; i < n; i++) {
        int c = (unsigned char)s[i];
        if (cols && isalpha(c))
            v = v * 26 + (uint64_t)(toupper(c) - 'A' + 1);
        else if (!cols && isdigit(c) && v < VS_MAX_ROWS + 1)
            v = v * 10 + (uint64_t)(c - '0');
        else if (!cols && isdigit(c))
            v = VS_MAX_ROWS + 1;
        else
            return false;
    }
    if (v < 1 || v > (cols ? VS_MAX_COLS : VS_MAX_ROWS))
        return false;
    *pos = (uint32_t)v - 1;
    return true;
}

AstNode *
ast_ref_whole(ParseCtx *ctx, const Token *sheet, Token t)
{
    Span span = sheet ? span_join(sheet->span, t.span) : t.span;
    const char *s = ast_text(ctx, t);
    const char *colon = memchr(s, ':', t.span.len);
    size_t n0 = (size_t)(colon - s);
    bool cols = isalpha((unsigned char)s[s[0] == '$' ? 1 : 0]);
    uint32_t a, b;
    bool abs_a, abs_b;
    if (!ast_parse_whole_part(s, n0, cols, &a, &abs_a) ||
        !ast_parse_whole_part(colon + 1, t.span.len - n0 - 1, cols, &b, &abs_b)) {
        diag_error(ctx->diags, t.span, "reference '%.*s' is beyond %s", (int)t.span.len, s,
                   cols ? "column XFD" : "row 1048576");
        return ast_error_node(ctx, span, XE_REF);
    }
    AstNode *n = ast_new(ctx, AST_REF, span);
    n->b = true;
    n->depth = 1;
    n->u.ref.sheet_name = sheet ? ast_sheet_name(ctx, *sheet) : NULL;
    n->u.ref.whole = cols ? REF_WHOLE_COLS : REF_WHOLE_ROWS;
    uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
    bool abs_lo = a <= b ? abs_a : abs_b, abs_hi = a <= b ? abs_b : abs_a;
    if (cols) {
        n->u.ref.row0 = 0;
        n->u.ref.row1 = VS_MAX_ROWS - 1;
        n->u.ref.col0 = (uint16_t)lo;
        n->u.ref.col1 = (uint16_t)hi;
        n->u.ref.abs = (uint8_t)(REF_ABS_ROW0 | REF_ABS_ROW1 | (abs_lo ? REF_ABS_COL0 : 0) |
                                 (abs_hi ? REF_ABS_COL1 : 0));
    } else {
        n->u.ref.row0 = lo;
        n->u.ref.row1 = hi;
        n->u.ref.col0 = 0;
        n->u.ref.col1 = VS_MAX_COLS - 1;
        n->u.ref.abs = (uint8_t)(REF_ABS_COL0 | REF_ABS_COL1 | (abs_lo ? REF_ABS_ROW0 : 0) |
                                 (abs_hi ? REF_ABS_ROW1 : 0));
    }
    return n;
}

/* ---- array constants ---- */

ArrayElem
ast_array_elem(ParseCtx *ctx, const Token *minus, Token t)
{
    ArrayElem e;
    e.span = minus ? span_join(minus->span, t.span) : t.span;
    AstNode *n = NULL;
    switch (t.type) {
    case TK_NUMBER:
        n = ast_number(ctx, t);
        break;
    case TK_STRING:
        n = ast_string(ctx, t);
        break;
    case TK_ERRLIT:
        n = ast_errlit(ctx, t);
        break;
    default:
        n = ast_name(ctx, t);
        if (n->kind != AST_BOOL) {
            diag_error(ctx->diags, t.span, "an array constant holds numbers, text, "
                       "TRUE/FALSE or error values, not '%.*s'", (int)t.span.len,
                       ast_text(ctx, t));
            ctx->stmt_error = true;
            n = ast_error_node(ctx, t.span, XE_VALUE);
        }
        break;
    }
    bool pct;
    if (!ast_constant(n, &e.v, &pct, ctx->arena))
        e.v = value_error(XE_VALUE);
    if (minus && e.v.kind == VK_NUMBER)
        e.v = value_number(e.v.u.num == 0 ? 0 : -e.v.u.num);
    return e;
}

ArrayBuild *
ast_array_add(ParseCtx *ctx, ArrayBuild *b, ArrayElem e, bool new_row)
{
    if (!b) {
        b = arena_zalloc(ctx->arena, sizeof *b);
        b->rows = 1;
    } else if (new_row) {
        if (b->rows == 1)
            b->cols = b->in_row;
        else if (b->in_row != b->cols && !b->bad_row) {
            b->bad_row = b->rows;
            b->bad_len = b->in_row;
        }
        b->rows++;
        b->in_row = 0;
    }
    if (b->n == b->cap) {
        uint32_t ncap = b->cap ? b->cap * 2 : 8;
        Value *nv = arena_alloc(ctx->arena, ncap * sizeof *nv);
        if (b->n)
            memcpy(nv, b->v, b->n * sizeof *nv);
        b->v = nv;
        b->cap = ncap;
    }
    b->v[b->n++] = e.v;
    b->in_row++;
    return b;
}

AstNode *
ast_array(ParseCtx *ctx, Token lbrace, ArrayBuild *b, Token rbrace)
{
    Span span = span_join(lbrace.span, rbrace.span);
    if (b->rows == 1)
        b->cols = b->in_row;
    else if (b->in_row != b->cols && !b->bad_row) {
        b->bad_row = b->rows;
        b->bad_len = b->in_row;
    }
    if (b->bad_row) {
        diag_error(ctx->diags, span, "array constant rows differ in length: row 1 has "
                   "%u item%s, row %u has %u", b->cols, b->cols == 1 ? "" : "s",
                   b->bad_row, b->bad_len);
        ctx->stmt_error = true;
        return ast_error_node(ctx, span, XE_VALUE);
    }
    Array *arr = value_array_new(ctx->arena, b->rows, b->cols);
    memcpy(arr->v, b->v, (size_t)b->n * sizeof *b->v);
    AstNode *n = ast_new(ctx, AST_ARRAY, span);
    n->u.arr = arr;
    n->depth = 1;
    return n;
}

AstNode *
ast_name(ParseCtx *ctx, Token t)
{
    const char *s = ast_text(ctx, t);
    if (str_eq_fold(s, t.span.len, "TRUE", 4) || str_eq_fold(s, t.span.len, "FALSE", 5)) {
        AstNode *n = ast_new(ctx, AST_BOOL, t.span);
        n->b = t.span.len == 4;
        return n;
    }
    AstNode *n = ast_new(ctx, AST_NAME, t.span);
    n->u.name.name = str_intern(ctx->names, s, t.span.len);
    n->depth = 1;
    return n;
}

AstNode *
ast_call(ParseCtx *ctx, Token name, AstList *args, Token rparen)
{
    AstNode *n = ast_new(ctx, AST_CALL, span_join(name.span, rparen.span));
    n->u.call.name = str_intern(ctx->names, ast_text(ctx, name), name.span.len);
    if (args->n == 1 && args->v[0]->kind == AST_EMPTYARG) {
        n->u.call.n_args = 0; /* F() has no arguments, not one empty one */
    } else {
        n->u.call.args = args->v;
        n->u.call.n_args = args->n;
    }
    uint16_t d = 0;
    for (uint32_t i = 0; i < n->u.call.n_args; i++)
        if (n->u.call.args[i]->depth > d)
            d = n->u.call.args[i]->depth;
    n->depth = (uint16_t)(d + 1);
    return ast_check_depth(ctx, n);
}

AstNode *
ast_unary(ParseCtx *ctx, Token op, AstNode *a)
{
    AstNode *n = ast_new(ctx, AST_UNARY, span_join(op.span, a->span));
    n->op = op.type == TK_MINUS ? OP_NEG : OP_PLUS;
    n->u.bin.a = a;
    n->depth = ast_depth2(a, NULL);
    return ast_check_depth(ctx, n);
}

static OpCode
ast_binop(int type)
{
    switch (type) {
    case TK_PLUS: return OP_ADD;
    case TK_MINUS: return OP_SUB;
    case TK_STAR: return OP_MUL;
    case TK_SLASH: return OP_DIV;
    case TK_CARET: return OP_POW;
    case TK_AMP: return OP_CONCAT;
    case TK_EQ: return OP_EQ;
    case TK_NE: return OP_NE;
    case TK_LT: return OP_LT;
    case TK_LE: return OP_LE;
    case TK_GT: return OP_GT;
    case TK_GE: return OP_GE;
    default: return OP_RANGE;
    }
}

AstNode *
ast_binary(ParseCtx *ctx, Token op, AstNode *a, AstNode *b)
{
    OpCode code = ast_binop(op.type);
    if (code == OP_RANGE && a->kind == AST_REF && b->kind == AST_REF && !a->b &&
        !b->b && (!b->u.ref.sheet_name || b->u.ref.sheet_name == a->u.ref.sheet_name)) {
        /* A1:C9 is one area; its corners are normalised as Excel does. */
        AstNode *n = ast_new(ctx, AST_REF, span_join(a->span, b->span));
        n->b = true;
        n->depth = 1;
        n->u.ref.sheet_name = a->u.ref.sheet_name;
        uint32_t ra = a->u.ref.row0, rb = b->u.ref.row0;
        uint16_t ca = a->u.ref.col0, cb = b->u.ref.col0;
        uint8_t absa = a->u.ref.abs & 3, absb = b->u.ref.abs & 3;
        n->u.ref.row0 = ra < rb ? ra : rb;
        n->u.ref.row1 = ra < rb ? rb : ra;
        n->u.ref.col0 = ca < cb ? ca : cb;
        n->u.ref.col1 = ca < cb ? cb : ca;
        uint8_t abs = 0;
        abs |= (ra <= rb ? absa : absb) & REF_ABS_ROW0;
        abs |= (ca <= cb ? absa : absb) & REF_ABS_COL0;
        abs |= (uint8_t)(((ra <= rb ? absb : absa) & REF_ABS_ROW0) << 2);
        abs |= (uint8_t)(((ca <= cb ? absb : absa) & REF_ABS_COL0) << 2);
        n->u.ref.abs = abs;
        return n;
    }
    if (code == OP_RANGE && a->kind == AST_REF && b->kind == AST_REF &&
        b->u.ref.sheet_name && b->u.ref.sheet_name != a->u.ref.sheet_name) {
        diag_error(ctx->diags, b->span, "a range cannot span two sheets");
        ctx->stmt_error = true;
        return ast_error_node(ctx, span_join(a->span, b->span), XE_REF);
    }
    AstNode *n = ast_new(ctx, AST_BINARY, span_join(a->span, b->span));
    n->op = (uint8_t)code;
    n->u.bin.a = a;
    n->u.bin.b = b;
    n->depth = ast_depth2(a, b);
    return ast_check_depth(ctx, n);
}

AstNode *
ast_percent(ParseCtx *ctx, Token op, AstNode *a)
{
    AstNode *n = ast_new(ctx, AST_PERCENT, span_join(a->span, op.span));
    n->op = OP_PCT;
    n->u.bin.a = a;
    n->depth = ast_depth2(a, NULL);
    return ast_check_depth(ctx, n);
}

AstNode *
ast_group(ParseCtx *ctx, Token l, AstNode *a, Token r)
{
    (void)ctx;
    /* Parentheses are not kept: the unparser adds the ones precedence
     * needs. The span grows so diagnostics underline the whole group. */
    a->span = span_join(l.span, span_join(a->span, r.span));
    return a;
}

AstList *
ast_list(ParseCtx *ctx, AstList *l, AstNode *n)
{
    if (!l)
        l = arena_zalloc(ctx->arena, sizeof *l);
    if (l->n == l->cap) {
        uint32_t ncap = l->cap ? l->cap * 2 : 4;
        AstNode **nv = arena_alloc(ctx->arena, ncap * sizeof *nv);
        if (l->n)
            memcpy(nv, l->v, l->n * sizeof *nv);
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = n;
    return l;
}

/* ------------------------------------------------------------ targets */

Target
ast_target(ParseCtx *ctx, const Token *sheet, Token cell)
{
    Target t;
    memset(&t, 0, sizeof t);
    t.span = sheet ? span_join(sheet->span, cell.span) : cell.span;
    t.sheet_name = sheet ? ast_sheet_name(ctx, *sheet) : NULL;
    uint32_t row0;
    uint16_t col0;
    uint8_t abs;
    const char *why;
    if (!ast_parse_cellref(ast_text(ctx, cell), cell.span.len, &row0, &col0, &abs, &why)) {
        diag_error(ctx->diags, cell.span, "reference '%.*s' %s",
                   (int)cell.span.len, ast_text(ctx, cell), why);
        ctx->stmt_error = true;
        return t;
    }
    t.row0 = t.row1 = row0;
    t.col0 = t.col1 = col0;
    t.ok = true;
    return t;
}

Target
ast_target_range(ParseCtx *ctx, const Target *first, Token last)
{
    Target t = *first;
    Target b = ast_target(ctx, NULL, last);
    t.span = span_join(first->span, last.span);
    if (!first->ok || !b.ok) {
        t.ok = false;
        return t;
    }
    if (b.row0 < t.row0) {
        t.row1 = t.row0;
        t.row0 = b.row0;
    } else {
        t.row1 = b.row0;
    }
    if (b.col0 < t.col0) {
        t.col1 = t.col0;
        t.col0 = b.col0;
    } else {
        t.col1 = b.col0;
    }
    return t;
}

static bool
ast_parse_col(const char *s, size_t n, uint16_t *col0)
{
    if (n < 1 || n > 3)
        return false;
    uint32_t col = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)s[i]))
            return false;
        col = col * 26 + (uint32_t)(toupper((unsigned char)s[i]) - 'A' + 1);
    }
    if (col > VS_MAX_COLS)
        return false;
    *col0 = (uint16_t)(col - 1);
    return true;
}

Target
ast_colspan(ParseCtx *ctx, Token first, Token last)
{
    Target t;
    memset(&t, 0, sizeof t);
    t.span = span_join(first.span, last.span);
    uint16_t a, b;
    if (!ast_parse_col(ast_text(ctx, first), first.span.len, &a)) {
        diag_error(ctx->diags, first.span, "'%.*s' is not a column (A to XFD)",
                   (int)first.span.len, ast_text(ctx, first));
        ctx->stmt_error = true;
        return t;
    }
    if (!ast_parse_col(ast_text(ctx, last), last.span.len, &b)) {
        diag_error(ctx->diags, last.span, "'%.*s' is not a column (A to XFD)",
                   (int)last.span.len, ast_text(ctx, last));
        ctx->stmt_error = true;
        return t;
    }
    t.col0 = a < b ? a : b;
    t.col1 = a < b ? b : a;
    t.row0 = 0;
    t.row1 = VS_MAX_ROWS - 1;
    t.ok = true;
    return t;
}

/* ------------------------------------------------------------- styles */

static StyleOpts
ast_style_none(void)
{
    StyleOpts o;
    memset(&o, 0, sizeof o);
    o.fill = -1;
    o.color = -1;
    return o;
}

StyleOpts
ast_style_flag(ParseCtx *ctx, Token key)
{
    StyleOpts o = ast_style_none();
    const char *s = ast_text(ctx, key);
    uint32_t n = key.span.len;
    if (str_eq_fold(s, n, "bold", 4))
        o.bold = true;
    else if (str_eq_fold(s, n, "italic", 6))
        o.italic = true;
    else if (str_eq_fold(s, n, "underline", 9))
        o.underline = true;
    else if (str_eq_fold(s, n, "border", 6))
        o.border = true;
    else if (str_eq_fold(s, n, "wrap", 4))
        o.wrap = true;
    else if (str_eq_fold(s, n, "left", 4))
        o.align = 1;
    else if (str_eq_fold(s, n, "center", 6))
        o.align = 2;
    else if (str_eq_fold(s, n, "right", 5))
        o.align = 3;
    else {
        diag_error(ctx->diags, key.span,
                   "unknown style '%.*s' (bold, italic, underline, border, wrap, "
                   "left, center, right, fill=#RRGGBB, color=#RRGGBB)",
                   (int)n, s);
        ctx->stmt_error = true;
    }
    return o;
}

StyleOpts
ast_style_color(ParseCtx *ctx, Token key, Token color)
{
    StyleOpts o = ast_style_none();
    const char *s = ast_text(ctx, key);
    uint32_t n = key.span.len;
    int32_t rgb = (int32_t)strtol(ast_text(ctx, color) + 1, NULL, 16);
    if (str_eq_fold(s, n, "fill", 4))
        o.fill = rgb;
    else if (str_eq_fold(s, n, "color", 5))
        o.color = rgb;
    else {
        diag_error(ctx->diags, key.span, "unknown style '%.*s' (fill= or color=)",
                   (int)n, s);
        ctx->stmt_error = true;
    }
    return o;
}

StyleOpts
ast_style_merge(ParseCtx *ctx, const StyleOpts *a, const StyleOpts *b)
{
    (void)ctx;
    StyleOpts o = *a;
    o.bold |= b->bold;
    o.italic |= b->italic;
    o.underline |= b->underline;
    o.border |= b->border;
    o.wrap |= b->wrap;
    if (b->align)
        o.align = b->align;
    if (b->fill >= 0)
        o.fill = b->fill;
    if (b->color >= 0)
        o.color = b->color;
    return o;
}

/* --------------------------------------------------------- statements */

static Stmt *
ast_stmt_new(ParseCtx *ctx, StmtKind kind, Span span)
{
    if (ctx->stmt_error)
        return NULL; /* a bad statement */
    if (ctx->in_scenario && kind != ST_OVERRIDE) {
        diag_error(ctx->diags, span, "only input overrides (NAME = value or "
                   "CELL = value) may appear inside a scenario block; close it "
                   "with 'end'");
        return NULL;
    }
    Stmt *s = arena_zalloc(ctx->arena, sizeof *s);
    s->kind = (uint8_t)kind;
    s->span = span;
    s->sheet_name = ctx->sheet;
    if (ctx->last)
        ctx->last->next = s;
    else
        ctx->first = s;
    ctx->last = s;
    return s;
}

static const Str *
ast_token_string(ParseCtx *ctx, Token t)
{
    AstNode *n = ast_string(ctx, t);
    return n->kind == AST_STRING ? n->u.str : str_new(ctx->arena, "", 0);
}

void
ast_stmt_text(ParseCtx *ctx, StmtKind kind, Token s)
{
    Stmt *st = ast_stmt_new(ctx, kind, s.span);
    if (st)
        st->text = ast_token_string(ctx, s);
}

void
ast_stmt_sheet(ParseCtx *ctx, Token name)
{
    if (ctx->in_scenario) {
        ast_stmt_new(ctx, ST_SHEET, name.span); /* reports the misplacement */
        return;
    }
    const Str *s;
    if (name.type == TK_STRING) {
        const Str *raw = ast_token_string(ctx, name);
        s = str_intern(ctx->names, raw->s, raw->len);
    } else {
        s = str_intern(ctx->names, ast_text(ctx, name), name.span.len);
    }
    /* Excel's rules: 1-31 characters, none of []:*?/\ , not quoted-edged. */
    size_t len = str_utf8_len(s->s, s->len);
    const char *bad = strpbrk(s->s, "[]:*?/\\");
    if (len < 1 || len > 31 || bad || s->s[0] == '\'' || s->s[s->len - 1] == '\'') {
        diag_error(ctx->diags, name.span,
                   "invalid sheet name '%s': Excel allows 1-31 characters, "
                   "none of []:*?/\\", s->s);
        return;
    }
    ctx->sheet = s;
    Stmt *st = ast_stmt_new(ctx, ST_SHEET, name.span);
    if (st)
        st->text = s;
}

void
ast_stmt_cells(ParseCtx *ctx, const Target *t, AstList *items)
{
    if (!t->ok)
        return;
    if (ctx->in_scenario) {
        if (t->row0 != t->row1 || t->col0 != t->col1 || items->n != 1) {
            diag_error(ctx->diags, t->span, "a scenario overrides one cell per line");
            return;
        }
        Stmt *st = ast_stmt_new(ctx, ST_OVERRIDE, t->span);
        if (!st)
            return;
        st->target = *t;
        st->items = items->v;
        st->n_items = 1;
        return;
    }
    Stmt *st = ast_stmt_new(ctx, ST_CELLS, t->span);
    if (!st)
        return;
    st->target = *t;
    st->items = items->v;
    st->n_items = items->n;
}

void
ast_stmt_override(ParseCtx *ctx, Token name, AstNode *e)
{
    if (ctx->in_scenario) {
        Stmt *st = ast_stmt_new(ctx, ST_OVERRIDE, name.span);
        if (!st)
            return;
        st->text = str_intern(ctx->names, ast_text(ctx, name), name.span.len);
        st->items = arena_alloc(ctx->arena, sizeof(AstNode *));
        st->items[0] = e;
        st->n_items = 1;
        return;
    }
    diag_error(ctx->diags, name.span,
               "'%.*s' is not a cell reference; write 'name %.*s = ...' to "
               "define a name", (int)name.span.len, ast_text(ctx, name),
               (int)name.span.len, ast_text(ctx, name));
}

static bool
ast_name_is_r1c1(const char *s, size_t n)
{
    /* Excel refuses R, C and R1C1-style names. */
    if (n == 1 && (toupper((unsigned char)s[0]) == 'R' || toupper((unsigned char)s[0]) == 'C'))
        return true;
    size_t i = 0;
    if (i < n && toupper((unsigned char)s[i]) == 'R') {
        i++;
        while (i < n && isdigit((unsigned char)s[i]))
            i++;
        if (i < n && toupper((unsigned char)s[i]) == 'C') {
            i++;
            while (i < n && isdigit((unsigned char)s[i]))
                i++;
            return i == n;
        }
        return i == n && n > 1;
    }
    if (i < n && toupper((unsigned char)s[i]) == 'C') {
        i++;
        while (i < n && isdigit((unsigned char)s[i]))
            i++;
        return i == n && n > 1;
    }
    return false;
}

void
ast_stmt_name(ParseCtx *ctx, Token name, AstNode *e)
{
    if (ctx->in_scenario) {
        ast_stmt_new(ctx, ST_NAME, name.span); /* reports the misplacement */
        return;
    }
    const char *s = ast_text(ctx, name);
    uint32_t n = name.span.len;
    if (name.type == TK_CELLREF) {
        char col[8], row[16];
        size_t kc = 0, kr = 0;
        for (uint32_t i = 0; i < n; i++) {
            if (isalpha((unsigned char)s[i]) && kc < sizeof col - 1)
                col[kc++] = (char)toupper((unsigned char)s[i]);
            else if (isdigit((unsigned char)s[i]) && kr < sizeof row - 1)
                row[kr++] = s[i];
        }
        col[kc] = row[kr] = '\0';
        diag_error(ctx->diags, name.span,
                   "name '%.*s' looks like a cell reference (column %s, row %s); "
                   "choose another name", (int)n, s, col, row);
        return;
    }
    if (ast_name_is_r1c1(s, n)) {
        diag_error(ctx->diags, name.span,
                   "name '%.*s' looks like an R1C1 reference; choose another name",
                   (int)n, s);
        return;
    }
    if (str_eq_fold(s, n, "TRUE", 4) || str_eq_fold(s, n, "FALSE", 5)) {
        diag_error(ctx->diags, name.span, "'%.*s' cannot be used as a name", (int)n, s);
        return;
    }
    if (n > 128) {
        /* Excel allows 255, but the xlsx writer (libxlsxwriter) refuses
         * defined names over 128 characters: say so here, with a place. */
        diag_error(ctx->diags, name.span,
                   "name is %u characters long; names are limited to 128", n);
        return;
    }
    Stmt *st = ast_stmt_new(ctx, ST_NAME, name.span);
    if (!st)
        return;
    st->text = str_intern(ctx->names, s, n);
    st->items = arena_alloc(ctx->arena, sizeof(AstNode *));
    st->items[0] = e;
    st->n_items = 1;
}

void
ast_stmt_format(ParseCtx *ctx, const Target *t, Token fmt)
{
    if (!t->ok)
        return;
    Stmt *st = ast_stmt_new(ctx, ST_FORMAT, t->span);
    if (!st)
        return;
    st->target = *t;
    st->text = ast_token_string(ctx, fmt);
    if (st->text->len > 255)
        diag_error(ctx->diags, fmt.span, "number format is longer than 255 characters");
}

void
ast_stmt_style(ParseCtx *ctx, const Target *t, const StyleOpts *o)
{
    if (!t->ok)
        return;
    Stmt *st = ast_stmt_new(ctx, ST_STYLE, t->span);
    if (!st)
        return;
    st->target = *t;
    st->style = *o;
}

void
ast_stmt_width(ParseCtx *ctx, const Target *cols, Token w)
{
    if (!cols->ok)
        return;
    AstNode *n = ast_number(ctx, w);
    if (n->kind != AST_NUMBER)
        return;
    if (n->u.num < 0 || n->u.num > 255) {
        diag_error(ctx->diags, w.span, "column width must be between 0 and 255");
        return;
    }
    Stmt *st = ast_stmt_new(ctx, ST_WIDTH, cols->span);
    if (!st)
        return;
    st->target = *cols;
    st->width = n->u.num;
}

void
ast_stmt_freeze(ParseCtx *ctx, const Target *t)
{
    if (!t->ok)
        return;
    Stmt *st = ast_stmt_new(ctx, ST_FREEZE, t->span);
    if (st)
        st->target = *t;
}

void
ast_stmt_scenario(ParseCtx *ctx, Token name)
{
    if (ctx->in_scenario) {
        diag_error(ctx->diags, name.span, "scenario blocks cannot be nested; "
                   "close '%s' with 'end' first", ctx->scenario_name->s);
        return;
    }
    const Str *s = name.type == TK_STRING
                       ? ast_token_string(ctx, name)
                       : str_new(ctx->arena, ast_text(ctx, name), name.span.len);
    Stmt *st = ast_stmt_new(ctx, ST_SCENARIO, name.span);
    if (st)
        st->text = s;
    ctx->in_scenario = true;
    ctx->scenario_span = name.span;
    ctx->scenario_name = s;
}

void
ast_stmt_end(ParseCtx *ctx, Token end)
{
    if (!ctx->in_scenario) {
        diag_error(ctx->diags, end.span, "'end' without a scenario block");
        return;
    }
    ctx->in_scenario = false;
}

void
ast_stmt_outputs(ParseCtx *ctx, AstList *l)
{
    Stmt *st = ast_stmt_new(ctx, ST_OUTPUTS, l->v[0]->span);
    if (!st)
        return;
    st->items = l->v;
    st->n_items = l->n;
}

void
ast_stmt_raw(ParseCtx *ctx, StmtKind kind, Token keyword, Token rest)
{
    Stmt *st = ast_stmt_new(ctx, kind, rest.span.len ? rest.span : keyword.span);
    if (st)
        st->text = str_new(ctx->arena, ast_text(ctx, rest), rest.span.len);
}

/* Model options; each is off unless named. */
static const char *const ast_options[] = {
    "guarded_export",   /* valuation functions reproduce their error rules */
    "volatile_dates",   /* allow TODAY() and NOW() (builds then differ) */
};

void
ast_stmt_option(ParseCtx *ctx, Token name)
{
    const char *s = ast_text(ctx, name);
    for (size_t i = 0; i < sizeof ast_options / sizeof ast_options[0]; i++) {
        if (str_eq_fold(s, name.span.len, ast_options[i], strlen(ast_options[i]))) {
            Stmt *st = ast_stmt_new(ctx, ST_OPTION, name.span);
            if (st)
                st->text = str_intern(ctx->names, ast_options[i], strlen(ast_options[i]));
            return;
        }
    }
    diag_error(ctx->diags, name.span, "unknown option '%.*s' (known: guarded_export, volatile_dates)",
               (int)name.span.len, s);
}

/* ---------------------------------------------------------- constants */

/* A number literal under any mix of unary signs and percents: -5%, 5%%. */
static bool
ast_constant_number(const AstNode *n, double *x, bool *pct, int depth)
{
    if (depth > 8)
        return false;
    switch (n->kind) {
    case AST_NUMBER:
        *x = n->u.num;
        return true;
    case AST_PERCENT:
        if (!ast_constant_number(n->u.bin.a, x, pct, depth + 1))
            return false;
        *x /= 100;
        *pct = true;
        return true;
    case AST_UNARY:
        if (!ast_constant_number(n->u.bin.a, x, pct, depth + 1))
            return false;
        if (n->op == OP_NEG)
            *x = -*x;
        return true;
    default:
        return false;
    }
}

bool
ast_constant(const AstNode *n, Value *v, bool *is_percent, Arena *a)
{
    (void)a;
    *is_percent = false;
    switch (n->kind) {
    case AST_STRING:
        *v = value_string(n->u.str);
        return true;
    case AST_BOOL:
        *v = value_bool(n->b);
        return true;
    case AST_ERROR:
        *v = value_error((ErrorCode)n->err);
        return true;
    default: {
        double x;
        if (!ast_constant_number(n, &x, is_percent, 0))
            return false;
        if (x == 0)
            x = 0; /* no -0 */
        *v = value_number(x);
        return true;
    }
    }
}

/* ----------------------------------------------------------- unparser */

enum {
    PREC_CMP = 1, PREC_CONCAT, PREC_ADD, PREC_MUL, PREC_POW, PREC_PCT,
    PREC_UNARY, PREC_RANGE, PREC_PRIMARY
};

static int
ast_prec(const AstNode *n)
{
    switch (n->kind) {
    case AST_BINARY:
        switch (n->op) {
        case OP_ADD: case OP_SUB: return PREC_ADD;
        case OP_MUL: case OP_DIV: return PREC_MUL;
        case OP_POW: return PREC_POW;
        case OP_CONCAT: return PREC_CONCAT;
        case OP_RANGE: return PREC_RANGE;
        default: return PREC_CMP;
        }
    case AST_UNARY:
        return PREC_UNARY;
    case AST_PERCENT:
        return PREC_PCT;
    default:
        return PREC_PRIMARY;
    }
}

static const char *
ast_op_text(uint8_t op)
{
    switch (op) {
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_POW: return "^";
    case OP_CONCAT: return "&";
    case OP_EQ: return "=";
    case OP_NE: return "<>";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    case OP_RANGE: return ":";
    case OP_NEG: return "-";
    case OP_PLUS: return "+";
    default: return "?";
    }
}

void
ast_sheet_prefix(const Str *name, StrBuf *out)
{
    bool plain = name->len > 0 && (isalpha((unsigned char)name->s[0]) || name->s[0] == '_');
    for (uint32_t i = 0; plain && i < name->len; i++) {
        unsigned char c = (unsigned char)name->s[i];
        if (!(isalnum(c) || c == '_' || c == '.'))
            plain = false;
    }
    if (plain) {
        /* A name that reads as a cell (Q1) or R1C1 must be quoted too. */
        uint32_t row0;
        uint16_t col0;
        uint8_t abs;
        const char *why;
        if (ast_parse_cellref(name->s, name->len, &row0, &col0, &abs, &why) ||
            ast_name_is_r1c1(name->s, name->len))
            plain = false;
    }
    if (plain) {
        strbuf_add(out, name->s, name->len);
    } else {
        strbuf_putc(out, '\'');
        for (uint32_t i = 0; i < name->len; i++) {
            if (name->s[i] == '\'')
                strbuf_putc(out, '\'');
            strbuf_putc(out, name->s[i]);
        }
        strbuf_putc(out, '\'');
    }
    strbuf_putc(out, '!');
}

typedef struct Unparse {
    const AstExcel *sheets;
    uint32_t sheet;
    int64_t drow, dcol;
    StrBuf *out;
    bool ok;
} Unparse;

static void ast_unparse(Unparse *u, const AstNode *n, int min_prec);

static bool
ast_shift(int64_t base, int64_t d, bool abs, int64_t limit, int64_t *out)
{
    int64_t v = abs ? base : base + d;
    *out = v;
    return v >= 0 && v < limit;
}

static void
ast_unparse_corner(Unparse *u, uint32_t row0, uint16_t col0, bool abs_row,
                   bool abs_col, bool *bad)
{
    int64_t r, c;
    if (!ast_shift(row0, u->drow, abs_row, VS_MAX_ROWS, &r) ||
        !ast_shift(col0, u->dcol, abs_col, VS_MAX_COLS, &c)) {
        *bad = true;
        return;
    }
    char text[8];
    size_t n = 0;
    if (abs_col)
        text[n++] = '$';
    ast_col_name((uint16_t)c, text + n);
    n += strlen(text + n);
    if (abs_row)
        text[n++] = '$';
    strbuf_add(u->out, text, n);
    strbuf_uint(u->out, (uint64_t)r + 1);
}

/* A:C or 2:5 as written, shifted along its free axis. */
static void
ast_unparse_whole(Unparse *u, const AstNode *n, bool *bad)
{
    uint8_t abs = n->u.ref.abs;
    bool cols = n->u.ref.whole == REF_WHOLE_COLS;
    for (int side = 0; side < 2 && !*bad; side++) {
        bool a = cols ? abs & (side ? REF_ABS_COL1 : REF_ABS_COL0)
                      : abs & (side ? REF_ABS_ROW1 : REF_ABS_ROW0);
        int64_t v;
        if (cols ? !ast_shift(side ? n->u.ref.col1 : n->u.ref.col0, u->dcol, a, VS_MAX_COLS, &v)
                 : !ast_shift(side ? n->u.ref.row1 : n->u.ref.row0, u->drow, a, VS_MAX_ROWS, &v)) {
            *bad = true;
            return;
        }
        if (side)
            strbuf_putc(u->out, ':');
        if (a)
            strbuf_putc(u->out, '$');
        if (cols) {
            char col[4];
            ast_col_name((uint16_t)v, col);
            strbuf_puts(u->out, col);
        } else {
            strbuf_uint(u->out, (uint64_t)v + 1);
        }
    }
}

static void
ast_unparse_ref(Unparse *u, const AstNode *n)
{
    size_t mark = u->out->len;
    if (n->u.ref.sheet != u->sheet && n->u.ref.sheet < u->sheets->n)
        ast_sheet_prefix(u->sheets->names[n->u.ref.sheet], u->out);
    bool bad = false;
    uint8_t abs = n->u.ref.abs;
    if (n->u.ref.whole) {
        ast_unparse_whole(u, n, &bad);
        if (bad) {
            u->out->len = mark;
            strbuf_puts(u->out, "#REF!");
        }
        return;
    }
    ast_unparse_corner(u, n->u.ref.row0, n->u.ref.col0, abs & REF_ABS_ROW0,
                       abs & REF_ABS_COL0, &bad);
    if (n->b && !bad) {
        strbuf_putc(u->out, ':');
        ast_unparse_corner(u, n->u.ref.row1, n->u.ref.col1, abs & REF_ABS_ROW1,
                           abs & REF_ABS_COL1, &bad);
    }
    if (bad) {
        u->out->len = mark;
        strbuf_puts(u->out, "#REF!");
    }
}

typedef struct ExportCall {
    FnExport ex;        /* first member: the stdlib sees only this */
    Unparse *u;
    const AstNode *call;
} ExportCall;

static void
ast_export_arg_cb(FnExport *ex, int i)
{
    ExportCall *ec = (ExportCall *)ex;
    if (i < 0 || (uint32_t)i >= ec->call->u.call.n_args) {
        ec->u->ok = false;
        return;
    }
    StrBuf *saved = ec->u->out;
    ec->u->out = ex->out;
    ast_unparse(ec->u, ec->call->u.call.args[i], PREC_PRIMARY);
    ec->u->out = saved;
}

static bool
ast_export_shape_cb(FnExport *ex, int i, uint32_t *rows, uint32_t *cols)
{
    ExportCall *ec = (ExportCall *)ex;
    if (i < 0 || (uint32_t)i >= ec->call->u.call.n_args)
        return false;
    const AstNode *a = ec->call->u.call.args[i];
    if (a->kind == AST_NAME && a->u.name.def) {
        /* A name that stands for a reference has that reference's shape. */
        a = a->u.name.def->expr;
    }
    if (!a || a->kind != AST_REF)
        return false;
    *rows = a->u.ref.row1 - a->u.ref.row0 + 1;
    *cols = (uint32_t)(a->u.ref.col1 - a->u.ref.col0) + 1;
    return true;
}

static void
ast_unparse_call(Unparse *u, const AstNode *n)
{
    const FnDef *fn = n->u.call.fn;
    if (fn && fn->expand) {
        ExportCall ec;
        ec.ex.out = u->out;
        ec.ex.argc = (int)n->u.call.n_args;
        ec.ex.guarded = u->sheets->guarded;
        ec.ex.ud = u;
        ec.ex.arg = ast_export_arg_cb;
        ec.ex.arg_shape = ast_export_shape_cb;
        ec.u = u;
        ec.call = n;
        strbuf_putc(u->out, '(');
        if (!fn->expand(&ec.ex))
            u->ok = false;
        strbuf_putc(u->out, ')');
        return;
    }
    if (fn && (fn->flags & FN_NOEXPORT))
        u->ok = false;
    const char *name = fn ? (fn->xlsx_name ? fn->xlsx_name : fn->name) : n->u.call.name->s;
    if (!fn) {
        for (const char *p = name; *p; p++)
            strbuf_putc(u->out, (char)toupper((unsigned char)*p));
    } else {
        strbuf_puts(u->out, name);
    }
    strbuf_putc(u->out, '(');
    for (uint32_t i = 0; i < n->u.call.n_args; i++) {
        if (i)
            strbuf_putc(u->out, ',');
        ast_unparse(u, n->u.call.args[i], PREC_CMP);
    }
    strbuf_putc(u->out, ')');
}

static void
ast_unparse_number(StrBuf *out, double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", x);
    if (strtod(buf, NULL) != x)
        snprintf(buf, sizeof buf, "%.17g", x);
    for (char *p = buf; *p; p++)
        if (*p == 'e')
            *p = 'E';
    strbuf_puts(out, buf);
}

static void
ast_unparse_string(StrBuf *out, const char *s, uint32_t n)
{
    strbuf_putc(out, '"');
    for (uint32_t i = 0; i < n; i++) {
        if (s[i] == '"')
            strbuf_putc(out, '"');
        strbuf_putc(out, s[i]);
    }
    strbuf_putc(out, '"');
}

/* {1,2;3,4}: columns by ',' and rows by ';' (Excel's US separators). */
static void
ast_unparse_array(StrBuf *out, const Array *a)
{
    strbuf_putc(out, '{');
    for (uint32_t r = 0; r < a->rows; r++) {
        for (uint32_t c = 0; c < a->cols; c++) {
            if (c)
                strbuf_putc(out, ',');
            else if (r)
                strbuf_putc(out, ';');
            Value v = a->v[(size_t)r * a->cols + c];
            switch (v.kind) {
            case VK_NUMBER:
                ast_unparse_number(out, v.u.num);
                break;
            case VK_STRING:
                ast_unparse_string(out, v.u.str->s, v.u.str->len);
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
    }
    strbuf_putc(out, '}');
}

static void
ast_unparse(Unparse *u, const AstNode *n, int min_prec)
{
    int prec = ast_prec(n);
    bool paren = prec < min_prec;
    if (paren)
        strbuf_putc(u->out, '(');
    switch (n->kind) {
    case AST_NUMBER:
        ast_unparse_number(u->out, n->u.num);
        break;
    case AST_STRING:
        ast_unparse_string(u->out, n->u.str->s, n->u.str->len);
        break;
    case AST_BOOL:
        strbuf_puts(u->out, n->b ? "TRUE" : "FALSE");
        break;
    case AST_ERROR:
        strbuf_puts(u->out, value_error_text((ErrorCode)n->err));
        break;
    case AST_EMPTYARG:
        break;
    case AST_REF:
        ast_unparse_ref(u, n);
        break;
    case AST_ARRAY:
        ast_unparse_array(u->out, n->u.arr);
        break;
    case AST_NAME:
        strbuf_add(u->out, n->u.name.name->s, n->u.name.name->len);
        break;
    case AST_CALL:
        ast_unparse_call(u, n);
        break;
    case AST_UNARY:
        strbuf_puts(u->out, ast_op_text(n->op));
        ast_unparse(u, n->u.bin.a, PREC_UNARY);
        break;
    case AST_PERCENT:
        ast_unparse(u, n->u.bin.a, PREC_PCT);
        strbuf_putc(u->out, '%');
        break;
    case AST_BINARY:
        ast_unparse(u, n->u.bin.a, prec);
        strbuf_puts(u->out, ast_op_text(n->op));
        ast_unparse(u, n->u.bin.b, prec + 1);
        break;
    }
    if (paren)
        strbuf_putc(u->out, ')');
}

bool
ast_to_excel(const AstNode *n, const AstExcel *sheets, uint32_t sheet,
             int64_t drow, int64_t dcol, StrBuf *out)
{
    Unparse u = {sheets, sheet, drow, dcol, out, true};
    ast_unparse(&u, n, PREC_CMP);
    return u.ok;
}
