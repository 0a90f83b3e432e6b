/*
 * parse: the token pump between grammar/lex.re and grammar/sheet.y.
 *
 * Mode switching is the driver's job because it depends on the statement:
 * `style A1 fill=#DDEBF7` keeps sheet mode after '=' (the colour is not a
 * comment), while `A1 = ...`, `name x = ...` and scenario overrides switch
 * to formula mode, where '#' starts a comment unless it is an error literal.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "sheet.h"

void
parse_ctx_init(ParseCtx *ctx, Arena *arena, StrTable *names, Diags *d,
               uint32_t file)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->arena = arena;
    ctx->names = names;
    ctx->diags = d;
    ctx->file = file;
    ctx->text = d->files[file].text;
}

static const struct {
    const char *word;
    int type;
} parse_keywords[] = {
    {"analysis", TK_KW_ANALYSIS}, {"author", TK_KW_AUTHOR},
    {"chart", TK_KW_CHART},   {"end", TK_KW_END},
    {"format", TK_KW_FORMAT}, {"freeze", TK_KW_FREEZE},
    {"import", TK_KW_IMPORT}, {"include", TK_KW_INCLUDE},
    {"name", TK_KW_NAME},     {"option", TK_KW_OPTION},
    {"outputs", TK_KW_OUTPUTS},
    {"scenario", TK_KW_SCENARIO}, {"sheet", TK_KW_SHEET},
    {"style", TK_KW_STYLE},   {"title", TK_KW_TITLE},
    {"width", TK_KW_WIDTH},
};

int
parse_keyword(const char *s, uint32_t n)
{
    for (size_t i = 0; i < sizeof parse_keywords / sizeof parse_keywords[0]; i++)
        if (str_eq_fold(parse_keywords[i].word, strlen(parse_keywords[i].word), s, n))
            return parse_keywords[i].type;
    return 0;
}

static void
parse_token_text(const ParseCtx *ctx, const Token *t, char *buf, size_t n)
{
    if (t->type == 0) {
        snprintf(buf, n, "end of file");
        return;
    }
    if (t->type == TK_NEWLINE) {
        snprintf(buf, n, "end of line");
        return;
    }
    size_t len = t->span.len;
    if (len > 40)
        len = 40;
    const char *s = ctx->text + t->span.off;
    size_t k = 0;
    for (size_t i = 0; i < len && k + 4 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            k += (size_t)snprintf(buf + k, n - k, "\\0");
        else if (c < 0x20)
            k += (size_t)snprintf(buf + k, n - k, "\\x%02x", c);
        else
            buf[k++] = (char)c;
    }
    buf[k] = '\0';
}

void
parse_syntax_error(ParseCtx *ctx, const Token *t)
{
    if (ctx->stmt_error)
        return;
    ctx->stmt_error = true;
    char text[64];
    parse_token_text(ctx, t, text, sizeof text);
    if (ctx->depth > 0) {
        /* Newlines inside '(' are whitespace, so a missing ')' shows up
         * lines later; point at the parenthesis instead. */
        uint32_t open = ctx->paren_off[ctx->depth - 1];
        uint32_t lo, co, lt, ct;
        diag_line_col(ctx->diags, ctx->file, open, &lo, &co);
        diag_line_col(ctx->diags, ctx->file, t->span.off, &lt, &ct);
        if (lt != lo || t->type == 0 || t->type == TK_NEWLINE) {
            Span at = {ctx->file, open, 1};
            diag_error(ctx->diags, at, "'(' is not closed (found %s%s%s on line %u)",
                       t->type == 0 ? "" : "'", text, t->type == 0 ? "" : "'", lt);
            return;
        }
    }
    if (ctx->brace_off && (t->type == TK_RPAREN || t->type == TK_NEWLINE || t->type == 0)) {
        Span at = {ctx->file, ctx->brace_off - 1, 1};
        diag_error(ctx->diags, at, "'{' is not closed (found %s%s%s)",
                   t->type == TK_RPAREN ? "'" : "", text, t->type == TK_RPAREN ? "'" : "");
        return;
    }
    if (ctx->brace_off && t->type != TK_ILLEGAL) {
        diag_error(ctx->diags, t->span, "unexpected '%s' in an array constant (it holds "
                   "numbers, text, TRUE/FALSE or error values)", text);
        return;
    }
    if (t->type == TK_ILLEGAL && ctx->text[t->span.off] == '\0')
        diag_error(ctx->diags, t->span, "NUL byte in source");
    else if (t->type == TK_ILLEGAL)
        diag_error(ctx->diags, t->span, "unexpected character '%s'", text);
    else if (t->type == TK_BADSTRING)
        diag_error(ctx->diags, t->span, "unterminated string");
    else if (t->type == TK_BADERRLIT)
        diag_error(ctx->diags, t->span, "unknown error literal '%s' (Excel has #NULL!, "
                   "#DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #N/A)", text);
    else if (t->type == 0 || t->type == TK_NEWLINE)
        diag_error(ctx->diags, t->span, "unexpected %s", text);
    else
        diag_error(ctx->diags, t->span, "unexpected '%s'", text);
}

void
parse_stack_overflow(ParseCtx *ctx)
{
    ctx->stmt_error = true;
    diag_error(ctx->diags, ctx->cur, "formula nested too deeply");
}

void
parse_formula_done(ParseCtx *ctx, AstNode *e)
{
    ctx->formula = e;
}

/* The NUL-or-not check: a NUL inside the file is reported once, at its
 * place, by the syntax error path (the lexer gives TK_ILLEGAL). */

/* Reads the next token of statement state; handles mode, keywords, depth. */
typedef struct PumpState {
    Lexer lx;
    bool formula_mode;      /* right of a cell's '=' */
    bool at_head;           /* next token starts a statement */
    int first_type;         /* type of the statement's first token */
    bool raw_next;          /* next token is the rest of the line (chart) */
} PumpState;

/* The rest of a `chart` or `analysis` line as one token: those lines take
 * command-line style arguments (--inputs a,b; at D2; size=480,288) that the
 * formula lexer would split wrongly. Stops before a comment or the newline;
 * quotes ("Title", 'Deal terms'!B2) may hold '#'. */
Token
parse_raw_line(Lexer *lx)
{
    uint32_t p = lx->pos;
    while (p < lx->len && (lx->text[p] == ' ' || lx->text[p] == '\t'))
        p++;
    uint32_t start = p, end = p;
    char quote = 0;
    while (p < lx->len && lx->text[p] != '\n' && lx->text[p] != '\0') {
        char c = (char)lx->text[p];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            break;
        }
        p++;
        if (c != ' ' && c != '\t' && c != '\r')
            end = p;
    }
    lx->pos = end > start ? end : start;
    Token t;
    t.type = TK_RAWLINE;
    t.span.file = lx->file;
    t.span.off = start;
    t.span.len = end - start;
    return t;
}

static Token
parse_next(ParseCtx *ctx, PumpState *ps)
{
    if (ps->raw_next) {
        ps->raw_next = false;
        Token t = parse_raw_line(&ps->lx);
        ctx->cur = t.span;
        return t;
    }
    for (;;) {
        Token t = ps->formula_mode ? lex_formula_token(&ps->lx)
                                   : lex_sheet_token(&ps->lx);
        if (t.type == TK_NEWLINE && ps->formula_mode && ctx->depth > 0)
            continue; /* newlines inside parentheses are whitespace */
        ctx->cur = t.span;
        if (ps->at_head) {
            if (t.type == TK_NEWLINE)
                return t;
            if (t.type == TK_IDENT) {
                int kw = parse_keyword(ctx->text + t.span.off, t.span.len);
                if (kw)
                    t.type = kw;
                if (kw == TK_KW_CHART || kw == TK_KW_ANALYSIS || kw == TK_KW_INCLUDE ||
                    kw == TK_KW_IMPORT) {
                    /* `chart = 5` in a scenario overrides a name; the
                     * newer keywords leave such names alone. */
                    uint32_t p = ps->lx.pos;
                    while (ps->lx.text[p] == ' ' || ps->lx.text[p] == '\t')
                        p++;
                    if (ps->lx.text[p] == '=')
                        t.type = TK_IDENT;
                    else if (kw == TK_KW_CHART || kw == TK_KW_ANALYSIS)
                        ps->raw_next = true;
                }
            }
            ps->first_type = t.type;
            ps->at_head = false;
        }
        if (t.type == TK_EQ && !ps->formula_mode &&
            (ps->first_type == TK_CELLREF || ps->first_type == TK_IDENT ||
             ps->first_type == TK_SHEETPREFIX || ps->first_type == TK_KW_NAME))
            ps->formula_mode = true;
        if (ps->formula_mode) {
            if (t.type == TK_LPAREN) {
                if (ctx->depth == ctx->paren_cap) {
                    ctx->paren_cap = ctx->paren_cap ? ctx->paren_cap * 2 : 16;
                    uint32_t *np = realloc(ctx->paren_off, ctx->paren_cap * sizeof *np);
                    if (!np)
                        arena_fatal("parser");
                    ctx->paren_off = np;
                }
                ctx->paren_off[ctx->depth++] = t.span.off;
            } else if (t.type == TK_RPAREN && ctx->depth > 0)
                ctx->depth--;
            else if (t.type == TK_LBRACE)
                ctx->brace_off = t.span.off + 1;
            else if (t.type == TK_RBRACE)
                ctx->brace_off = 0;
            else if (t.type == TK_CELLREF &&
                     ctx->text[t.span.off + t.span.len] == '(')
                t.type = TK_IDENT; /* LOG10( is a function, not a cell */
        }
        return t;
    }
}

static void
parse_end_statement(ParseCtx *ctx, PumpState *ps)
{
    ps->formula_mode = false;
    ps->raw_next = false;
    ps->at_head = true;
    ctx->depth = 0;
    ctx->brace_off = 0;
    ctx->stmt_error = false;
}

uint32_t
parse_sheet(ParseCtx *ctx)
{
    uint32_t errors_before = ctx->diags->n_errors;
    PumpState ps;
    SourceFile *f = &ctx->diags->files[ctx->file];
    lex_init(&ps.lx, f->text, f->len, ctx->file);
    parse_end_statement(ctx, &ps);
    void *p = SheetParserAlloc(malloc, ctx);
    if (!p)
        arena_fatal("parser");
    for (;;) {
        Token t = parse_next(ctx, &ps);
        if (t.type == 0) {
            /* Close a last statement that has no newline. */
            Token nl = t;
            nl.type = TK_NEWLINE;
            if (!ps.at_head)
                SheetParser(p, TK_NEWLINE, nl);
            SheetParser(p, 0, t);
            break;
        }
        SheetParser(p, t.type, t);
        if (ctx->stmt_error) {
            /* Skip to the end of the statement, then restart the parser. */
            if (t.type != TK_NEWLINE) {
                ctx->depth = 0;
                ctx->brace_off = 0;
                Token s;
                do {
                    s = parse_next(ctx, &ps);
                } while (s.type != TK_NEWLINE && s.type != 0);
                if (s.type == 0) {
                    SheetParserFree(p, free);
                    p = NULL;
                    break;
                }
            }
            SheetParserFree(p, free);
            p = SheetParserAlloc(malloc, ctx);
            if (!p)
                arena_fatal("parser");
            parse_end_statement(ctx, &ps);
            continue;
        }
        if (t.type == TK_NEWLINE)
            parse_end_statement(ctx, &ps);
        if (ctx->diags->n_errors > DIAG_MAX_ERRORS)
            break;
    }
    if (p)
        SheetParserFree(p, free);
    free(ctx->paren_off);
    ctx->paren_off = NULL;
    ctx->paren_cap = 0;
    if (ctx->in_scenario)
        diag_error(ctx->diags, ctx->scenario_span,
                   "scenario block is not closed with 'end'");
    return ctx->diags->n_errors - errors_before;
}

AstNode *
parse_formula(ParseCtx *ctx)
{
    uint32_t errors_before = ctx->diags->n_errors;
    PumpState ps;
    SourceFile *f = &ctx->diags->files[ctx->file];
    lex_init(&ps.lx, f->text, f->len, ctx->file);
    parse_end_statement(ctx, &ps);
    ps.formula_mode = true;
    ps.at_head = false;
    void *p = SheetParserAlloc(malloc, ctx);
    if (!p)
        arena_fatal("parser");
    Token start = {TK_FORMULA_START, {ctx->file, 0, 0}};
    SheetParser(p, TK_FORMULA_START, start);
    for (;;) {
        Token t = parse_next(ctx, &ps);
        if (t.type == TK_NEWLINE)
            continue;
        SheetParser(p, t.type, t);
        if (t.type == 0 || ctx->stmt_error)
            break;
    }
    SheetParserFree(p, free);
    free(ctx->paren_off);
    ctx->paren_off = NULL;
    ctx->paren_cap = 0;
    if (ctx->diags->n_errors != errors_before)
        return NULL;
    return ctx->formula;
}
