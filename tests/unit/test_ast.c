/*
 * test_ast: unit tests of the formula parser and the Excel unparser:
 * formulas are parsed with parse_formula, bound with bind_expr against a
 * small book (so sheet names and functions resolve) and written back with
 * ast_to_excel. Checks precedence (Excel's quirks: -2^2 is (-2)^2, 2^3^2 is
 * (2^3)^2), the parentheses the unparser adds or drops, ranges, percent,
 * strings, sheet prefixes, fill shifts and #REF! off the sheet; also the
 * cell-reference helpers and ast_constant. Expected texts are by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "bind.h"
#include "book.h"
#include "diag.h"
#include "parse.h"
#include "str.h"
#include "test.h"

static Diags diags;
static Book book;

enum { SH_SHEET1, SH_DEAL, SH_Q1, SH_DATA, SH_ITS, N_SHEETS };

static void
setup(void)
{
    diag_init(&diags, NULL);
    book_init(&book, &diags);
    static const char *const names[N_SHEETS] = {"Sheet1", "Deal terms", "Q1", "Data",
                                                "it's"};
    for (int i = 0; i < N_SHEETS; i++) {
        const Str *s = str_intern(&book.names, names[i], strlen(names[i]));
        book_add_sheet(&book, s, span_none());
    }
}

static void
teardown(void)
{
    book_free(&book);
    diag_free(&diags);
}

/* Parses and binds src as a formula on `sheet`; NULL on any error. */
static AstNode *
parse(const char *src, uint32_t sheet)
{
    size_t n = strlen(src);
    char *copy = malloc(n + 1);
    if (!copy)
        abort();
    memcpy(copy, src, n + 1);
    uint32_t file = diag_add_file(&diags, "formula", copy, (uint32_t)n);
    ParseCtx ctx;
    parse_ctx_init(&ctx, &book.arena, &book.names, &diags, file);
    uint32_t before = diags.n_errors;
    AstNode *e = parse_formula(&ctx);
    if (!e || diags.n_errors != before)
        return NULL;
    if (bind_expr(&book, e, sheet))
        return NULL;
    return e;
}

/* The Excel text of src written on `sheet` and filled by (drow, dcol). */
static const char *
excel_at(const char *src, uint32_t sheet, int64_t drow, int64_t dcol)
{
    static char out[512];
    AstNode *e = parse(src, sheet);
    if (!e)
        return "<error>";
    const Str *names[N_SHEETS];
    for (uint32_t i = 0; i < N_SHEETS; i++)
        names[i] = book.sheets[i].name;
    AstExcel sn = {names, N_SHEETS, false};
    StrBuf b;
    strbuf_init(&b);
    strbuf_puts(&b, "");
    bool ok = ast_to_excel(e, &sn, sheet, drow, dcol, &b);
    snprintf(out, sizeof out, "%s%s", b.data, ok ? "" : " <not exportable>");
    strbuf_free(&b);
    return out;
}

static const char *
excel(const char *src)
{
    return excel_at(src, SH_SHEET1, 0, 0);
}

static void
test_precedence(void)
{
    /* Unary minus binds tighter than ^, as in Excel: -2^2 = 4. */
    AstNode *e = parse("-2^2", 0);
    CHECK(e && e->kind == AST_BINARY && e->op == OP_POW);
    CHECK(e && e->u.bin.a->kind == AST_UNARY && e->u.bin.a->op == OP_NEG);
    CHECK_STR(excel("-2^2"), "-2^2");
    CHECK_STR(excel("-(2^2)"), "-(2^2)");
    CHECK_STR(excel("(-2)^2"), "-2^2");
    /* ^ is left-associative in Excel: 2^3^2 = (2^3)^2 = 64. */
    e = parse("2^3^2", 0);
    CHECK(e && e->op == OP_POW && e->u.bin.a->kind == AST_BINARY &&
          e->u.bin.a->op == OP_POW);
    CHECK_STR(excel("2^3^2"), "2^3^2");
    CHECK_STR(excel("(2^3)^2"), "2^3^2");
    CHECK_STR(excel("2^(3^2)"), "2^(3^2)");
    /* Parentheses kept only where precedence needs them. */
    CHECK_STR(excel("(1+2)*3"), "(1+2)*3");
    CHECK_STR(excel("1+(2*3)"), "1+2*3");
    CHECK_STR(excel("1+2*3"), "1+2*3");
    e = parse("1+2*3", 0);
    CHECK(e && e->op == OP_ADD && e->u.bin.b->op == OP_MUL);
    CHECK_STR(excel("((((1))))"), "1");
    CHECK_STR(excel("1-(2-3)"), "1-(2-3)");
    CHECK_STR(excel("(1-2)-3"), "1-2-3");
    CHECK_STR(excel("1-(2+3)"), "1-(2+3)");
    CHECK_STR(excel("1/(2*3)"), "1/(2*3)");
    CHECK_STR(excel("1/2*3"), "1/2*3");
    CHECK_STR(excel("(1+2)&3"), "1+2&3");
    CHECK_STR(excel("1&(2&3)"), "1&(2&3)");
    CHECK_STR(excel("\"a\"&(1=1)"), "\"a\"&(1=1)");
    CHECK_STR(excel("(1<2)=TRUE"), "1<2=TRUE");
    CHECK_STR(excel("1=(2=3)"), "1=(2=3)");
    CHECK_STR(excel("A1<>B1"), "A1<>B1");
    CHECK_STR(excel("a1 >= 1"), "A1>=1");
    CHECK_STR(excel("A1<=-1"), "A1<=-1");
    CHECK_STR(excel("+A1"), "+A1");
    CHECK_STR(excel("--1"), "--1");
    CHECK_STR(excel("-(1+2)"), "-(1+2)");
    CHECK_STR(excel("(-1)*2"), "-1*2");
    /* Percent: tighter than ^, looser than unary minus. */
    CHECK_STR(excel("50%"), "50%");
    CHECK_STR(excel("(1+2)%"), "(1+2)%");
    CHECK_STR(excel("-5%"), "-5%");
    CHECK_STR(excel("2^50%"), "2^50%");
    CHECK_STR(excel("(2^50)%"), "(2^50)%");
    CHECK_STR(excel("A1%*2"), "A1%*2");
    e = parse("-5%", 0);
    CHECK(e && e->kind == AST_PERCENT && e->u.bin.a->kind == AST_UNARY);
    /* Newlines inside parentheses are whitespace. */
    CHECK_STR(excel("SUM(1,\n    2)"), "SUM(1,2)");
}

static void
test_literals(void)
{
    CHECK_STR(excel("\"say \"\"hi\"\"\""), "\"say \"\"hi\"\"\"");
    CHECK_STR(excel("\"\""), "\"\"");
    CHECK_STR(excel("\"Z\xc3\xbcrich\""), "\"Z\xc3\xbcrich\"");
    CHECK_STR(excel("\"# not a comment\""), "\"# not a comment\"");
    CHECK_STR(excel("1.5e6"), "1500000");
    CHECK_STR(excel("0.1"), "0.1");
    CHECK_STR(excel(".5"), "0.5");
    CHECK_STR(excel("1e20"), "1E+20");
    CHECK_STR(excel("1e-7"), "1E-07");
    CHECK_STR(excel("true"), "TRUE");
    CHECK_STR(excel("False"), "FALSE");
    CHECK_STR(excel("#N/A"), "#N/A");
    CHECK_STR(excel("#DIV/0!"), "#DIV/0!");
    CHECK_STR(excel("1 # a comment"), "1");
    AstNode *e = parse("\"a\"\"b\"", 0);
    CHECK(e && e->kind == AST_STRING && e->u.str->len == 3);
    CHECK(e && strcmp(e->u.str->s, "a\"b") == 0);
    e = parse("#REF!", 0);
    CHECK(e && e->kind == AST_ERROR && e->err == XE_REF);
}

static void
test_refs_and_calls(void)
{
    CHECK_STR(excel("a1:b2"), "A1:B2");
    CHECK_STR(excel("$A$1:B$2"), "$A$1:B$2");
    CHECK_STR(excel("B2:A1"), "A1:B2");
    AstNode *e = parse("C3:A1", 0);
    CHECK(e && e->kind == AST_REF && e->b);
    CHECK(e && e->u.ref.row0 == 0 && e->u.ref.row1 == 2);
    CHECK(e && e->u.ref.col0 == 0 && e->u.ref.col1 == 2);
    CHECK_STR(excel("$XFD$1048576"), "$XFD$1048576");
    /* Sheet prefixes: own sheet unqualified, quotes only where needed. */
    CHECK_STR(excel("'Deal terms'!B3"), "'Deal terms'!B3");
    CHECK_STR(excel("Sheet1!A1"), "A1");
    CHECK_STR(excel("sheet1!a1"), "A1");
    CHECK_STR(excel("Data!A1:B2"), "Data!A1:B2");
    CHECK_STR(excel("'Data'!A1"), "Data!A1");
    CHECK_STR(excel("'Q1'!A1"), "'Q1'!A1");
    CHECK_STR(excel("'it''s'!C3"), "'it''s'!C3");
    CHECK_STR(excel_at("Data!A1+Sheet1!A1", SH_DATA, 0, 0), "A1+Sheet1!A1");
    CHECK_STR(excel_at("A1", SH_DEAL, 0, 0), "A1");
    CHECK_STR(excel_at("Sheet1!A1", SH_DEAL, 0, 0), "Sheet1!A1");
    e = parse("'Deal terms'!B3", 0);
    CHECK(e && e->kind == AST_REF && e->u.ref.sheet == SH_DEAL);
    CHECK(parse("Nowhere!A1", 0) == NULL); /* unknown sheet */
    /* Functions upper-case, arguments comma-separated, empty kept. */
    CHECK_STR(excel("sum(a1:a3, 2)"), "SUM(A1:A3,2)");
    CHECK_STR(excel("SUM((A1:A3))"), "SUM(A1:A3)");
    CHECK_STR(excel("IF(A1,,1)"), "IF(A1,,1)");
    CHECK_STR(excel("if(a1>0,\"y\",\"n\")"), "IF(A1>0,\"y\",\"n\")");
    CHECK_STR(excel("Round(1/3, 2) * 2"), "ROUND(1/3,2)*2");
    CHECK_STR(excel("log10(100)"), "LOG10(100)"); /* a call, not cell LOG10 */
    CHECK_STR(excel("nosuchfn(100)"), "<error>");
    /* Functions newer than Excel 2007 carry their _xlfn. prefix. */
    CHECK_STR(excel("ifs(a1>0,1)"), "_xlfn.IFS(A1>0,1)");
    CHECK_STR(excel("stdev.s(a1:a3)"), "_xlfn.STDEV.S(A1:A3)");
    e = parse("SUM()", 0);
    CHECK(e == NULL); /* SUM takes at least one argument */
    /* IFS and the *IFS functions take pairs (FN_PAIRS): Excel refuses an
     * odd tail at entry, and so does bind. */
    CHECK(parse("IFS(A1>1, 2, A1>0)", 0) == NULL);
    CHECK(parse("COUNTIFS(A1:A3, 1, A1:A3)", 0) == NULL);
    CHECK(parse("SUMIFS(A1:A3, A1:A3, 1, A1:A3)", 0) == NULL);
    e = parse("SUMIFS(A1:A3, A1:A3, 1)", 0);
    CHECK(e && e->kind == AST_CALL && e->u.call.fn);
    e = parse("NPV(10%, A1:A3)", 0);
    CHECK(e && e->kind == AST_CALL && e->u.call.n_args == 2 && e->u.call.fn);
    /* Parse errors give NULL. */
    CHECK(parse("1+", 0) == NULL);
    CHECK(parse("(1", 0) == NULL);
    CHECK(parse("1)", 0) == NULL);
    CHECK(parse("", 0) == NULL);
    CHECK(parse("XFE1", 0) == NULL);
    CHECK(parse("\"open", 0) == NULL);
}

static void
test_fill_shift(void)
{
    /* Written for A1, filled to B3: relative parts move, $ parts stay. */
    CHECK_STR(excel_at("A1+B$2+$C3+$D$4", 0, 2, 1), "B3+C$2+$C5+$D$4");
    CHECK_STR(excel_at("SUM(A2:B3)", 0, -1, 0), "SUM(A1:B2)");
    CHECK_STR(excel_at("A1:$B$2", 0, 3, 2), "C4:$B$2");
    CHECK_STR(excel_at("-A1%", 0, 0, 1), "-B1%");
    CHECK_STR(excel_at("$A$1", 0, -5, -5), "$A$1");
    CHECK_STR(excel_at("'Deal terms'!C5*2", 0, 1, 1), "'Deal terms'!D6*2");
    /* Off the sheet: #REF! in place of the whole reference. */
    CHECK_STR(excel_at("A1", 0, -1, 0), "#REF!");
    CHECK_STR(excel_at("A1:B2", 0, 0, -1), "#REF!");
    CHECK_STR(excel_at("XFD1", 0, 0, 1), "#REF!");
    CHECK_STR(excel_at("A1048576", 0, 1, 0), "#REF!");
    CHECK_STR(excel_at("$A1048576", 0, 1, 0), "#REF!");
    CHECK_STR(excel_at("A$1048576", 0, 1, 0), "A$1048576");
    CHECK_STR(excel_at("Data!A1+1", 0, -1, 0), "#REF!+1");
    CHECK_STR(excel_at("SUM(A1:A3,B1)", 0, 0, -1), "SUM(#REF!,A1)");
    CHECK_STR(excel_at("A2:A5", 0, -1, 0), "A1:A4");
    CHECK_STR(excel_at("A2:A5", 0, -2, 0), "#REF!");
}

static void
test_cellref(void)
{
    uint32_t row0 = 99;
    uint16_t col0 = 99;
    uint8_t abs = 99;
    const char *why = NULL;
    CHECK(ast_parse_cellref("A1", 2, &row0, &col0, &abs, &why));
    CHECK(row0 == 0 && col0 == 0 && abs == 0);
    CHECK(ast_parse_cellref("$XFD$1048576", 12, &row0, &col0, &abs, &why));
    CHECK(row0 == 1048575 && col0 == 16383 && abs == (REF_ABS_ROW0 | REF_ABS_COL0));
    CHECK(ast_parse_cellref("b$7", 3, &row0, &col0, &abs, &why));
    CHECK(row0 == 6 && col0 == 1 && abs == REF_ABS_ROW0);
    CHECK(ast_parse_cellref("$AA10", 5, &row0, &col0, &abs, &why));
    CHECK(row0 == 9 && col0 == 26 && abs == REF_ABS_COL0);
    CHECK(!ast_parse_cellref("XFE1", 4, &row0, &col0, &abs, &why));
    CHECK_STR(why, "is beyond column XFD");
    CHECK(!ast_parse_cellref("A0", 2, &row0, &col0, &abs, &why));
    CHECK_STR(why, "has row 0 (rows start at 1)");
    CHECK(!ast_parse_cellref("A1048577", 8, &row0, &col0, &abs, &why));
    CHECK_STR(why, "is beyond row 1048576");
    CHECK(!ast_parse_cellref("A99999999999", 12, &row0, &col0, &abs, &why));
    CHECK_STR(why, "is beyond row 1048576");
    CHECK(!ast_parse_cellref("AAAA1", 5, &row0, &col0, &abs, &why));
    CHECK(!ast_parse_cellref("A", 1, &row0, &col0, &abs, &why));
    CHECK(!ast_parse_cellref("1A", 2, &row0, &col0, &abs, &why));
    CHECK(!ast_parse_cellref("A1B", 3, &row0, &col0, &abs, &why));
    CHECK(!ast_parse_cellref("", 0, &row0, &col0, &abs, &why));

    static const struct {
        uint16_t col0;
        const char *name;
    } cols[] = {{0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"},
                {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        char out[4];
        ast_col_name(cols[i].col0, out);
        CHECK_STR(out, cols[i].name);
    }
}

static void
test_constant(void)
{
    Value v;
    bool pct = true;
    CHECK(ast_constant(parse("5", 0), &v, &pct, &book.arena));
    CHECK(v.kind == VK_NUMBER && v.u.num == 5 && !pct);
    CHECK(ast_constant(parse("-5", 0), &v, &pct, &book.arena));
    CHECK(v.kind == VK_NUMBER && v.u.num == -5 && !pct);
    CHECK(ast_constant(parse("12.5%", 0), &v, &pct, &book.arena));
    CHECK(v.kind == VK_NUMBER && v.u.num == 0.125 && pct);
    CHECK(ast_constant(parse("\"x\"", 0), &v, &pct, &book.arena));
    CHECK(v.kind == VK_STRING && strcmp(v.u.str->s, "x") == 0);
    CHECK(ast_constant(parse("TRUE", 0), &v, &pct, &book.arena));
    CHECK(v.kind == VK_BOOL && v.u.b);
    CHECK(ast_constant(parse("#N/A", 0), &v, &pct, &book.arena));
    CHECK(v.kind == VK_ERROR && v.err == XE_NA);
    CHECK(ast_constant(parse("-0", 0), &v, &pct, &book.arena));
    CHECK(v.kind == VK_NUMBER && v.u.num == 0);
    CHECK(!ast_constant(parse("A1", 0), &v, &pct, &book.arena));
    CHECK(!ast_constant(parse("1+1", 0), &v, &pct, &book.arena));
    CHECK(!ast_constant(parse("SUM(1)", 0), &v, &pct, &book.arena));
    CHECK(!ast_constant(parse("-A1", 0), &v, &pct, &book.arena));
    CHECK(!ast_constant(parse("(1+1)%", 0), &v, &pct, &book.arena));
}

int
main(void)
{
    setup();
    test_precedence();
    test_literals();
    test_refs_and_calls();
    test_fill_shift();
    test_cellref();
    test_constant();
    teardown();
    return test_report("test_ast");
}
