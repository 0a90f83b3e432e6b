/*
 * test_compile: programs are shared by R1C1 form (STYLE.md §11). Through
 * the public API, vs_book_stats counts formulas and distinct programs: a
 * 1000-cell fill is one program, 1000 row-list items of the same R1C1
 * formula share one, and equal R1C1 forms share across statements; the
 * values prove each cell still reads its own neighbours. Then compile.h
 * directly: one Program pointer for equal R1C1 texts at different anchors,
 * the RPN of a small formula, and compile_ref_at off the sheet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "bind.h"
#include "book.h"
#include "compile.h"
#include "diag.h"
#include "parse.h"
#include "str.h"
#include "test.h"
#include "valsheet.h"

static vs_book *
open_model(const char *text)
{
    vs_book *b = NULL;
    vs_status s = vs_book_open_string("m.vsheet", text, strlen(text), stderr, &b);
    CHECK(s == VS_OK);
    CHECK(b != NULL);
    return b;
}

static void
stats(vs_book *b, size_t *formulas, size_t *programs)
{
    size_t nodes, edges;
    vs_book_stats(b, formulas, programs, &nodes, &edges);
}

/* The text printout of one reference. */
static const char *
value1(vs_book *b, const char *ref)
{
    static char buf[256];
    FILE *f = tmpfile();
    if (!f)
        return "<tmpfile>";
    const char *refs[1] = {ref};
    CHECK(vs_book_print(b, f, refs, 1, VS_FORMAT_TEXT) == VS_OK);
    rewind(f);
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

static void
test_fill(void)
{
    /* B(k) = A(k) * 2 with A(k) = k: B1 = 2, B1000 = 2000. */
    vs_book *b = open_model("A1 = 1\nA2:A1000 = A1 + 1\nB1:B1000 = A1 * 2\n");
    size_t formulas, programs;
    stats(b, &formulas, &programs);
    CHECK(formulas == 999 + 1000);
    CHECK(programs == 2);   /* R[-1]C+1 and RC[-1]*2 */
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(value1(b, "B1"), "B1 = 2\n");
    CHECK_STR(value1(b, "B500"), "B500 = 1000\n");
    CHECK_STR(value1(b, "B1000"), "B1000 = 2000\n");
    vs_book_close(b);

    /* The 1000-cell fill alone: one program. */
    b = open_model("A1:A1000 = 1\nB1:B1000 = A1 * 2\n");
    stats(b, &formulas, &programs);
    CHECK(formulas == 1000);
    CHECK(programs == 1);
    vs_book_close(b);

    /* A fill over a block (Excel's fill right and down at once):
     * C8:L12 = C$4 * $B8, C4:L4 = 1..10, B8:B12 = 1..5.
     * C8 = 1 * 1, L12 = 10 * 5 = 50, G10 = 5 * 3 = 15. */
    b = open_model("C4:L4 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10\n"
                   "B8 = 1\nB9:B12 = B8 + 1\n"
                   "C8:L12 = C$4 * $B8\n");
    stats(b, &formulas, &programs);
    CHECK(formulas == 4 + 50);
    CHECK(programs == 2);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(value1(b, "C8"), "C8 = 1\n");
    CHECK_STR(value1(b, "L12"), "L12 = 50\n");
    CHECK_STR(value1(b, "G10"), "G10 = 15\n");
    vs_book_close(b);

    /* Absolute references and defined names in a fill: one program each. */
    b = open_model("A1 = 3\nname k = $A$1\nB1:B100 = $A$1 * 2\nC1:C100 = k * 3\n");
    stats(b, &formulas, &programs);
    CHECK(formulas == 200);
    CHECK(programs == 2);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(value1(b, "B100"), "B100 = 6\n");
    CHECK_STR(value1(b, "C100"), "C100 = 9\n");
    vs_book_close(b);
}

/* "C1:C1000 = B1*3, B2*3, ..., B1000*3" and the like, built in buf. */
static void
row_list(StrBuf *buf, const char *target, const char *col_or_null, int n,
         const char *suffix)
{
    strbuf_puts(buf, target);
    strbuf_puts(buf, " = ");
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            strbuf_puts(buf, ", ");
        if (col_or_null) {
            strbuf_printf(buf, "%s%d%s", col_or_null, i, suffix);
        } else {
            char col[4];
            ast_col_name((uint16_t)(i - 1), col);
            strbuf_printf(buf, "%s1%s", col, suffix);
        }
    }
    strbuf_putc(buf, '\n');
}

static void
test_row_list(void)
{
    /* 1000 items, each B(k)*3 written for C(k): all RC[-1]*3. */
    StrBuf m;
    strbuf_init(&m);
    strbuf_puts(&m, "B1 = 1\nB2:B1000 = B1 + 1\n");
    row_list(&m, "C1:C1000", "B", 1000, "*3");
    vs_book *b = open_model(m.data);
    size_t formulas, programs;
    stats(b, &formulas, &programs);
    CHECK(formulas == 999 + 1000);
    CHECK(programs == 2);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(value1(b, "C1"), "C1 = 3\n");
    CHECK_STR(value1(b, "C1000"), "C1000 = 3000\n");
    vs_book_close(b);

    /* Across a row: A2:ALL2 = A1*2, B1*2, ... (ALL is column 1000), all
     * R[-1]C*2; A1:ALL1 = 5 is a constant fill. ALL2 = 10. */
    strbuf_clear(&m);
    strbuf_puts(&m, "A1:ALL1 = 5\n");
    row_list(&m, "A2:ALL2", NULL, 1000, "*2");
    b = open_model(m.data);
    stats(b, &formulas, &programs);
    CHECK(formulas == 1000);
    CHECK(programs == 1);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(value1(b, "ALL2"), "ALL2 = 10\n");
    vs_book_close(b);

    /* Equal R1C1 forms share across statements: a fill of RC[-1]*2 in B,
     * a row list of RC[-1]*2 in E (reading D), and a lone F7 = E7*2. */
    strbuf_clear(&m);
    strbuf_puts(&m, "A1:A1000 = 1\nB1:B1000 = A1 * 2\nD1:D1000 = 4\n");
    row_list(&m, "E1:E1000", "D", 1000, "*2");
    strbuf_puts(&m, "F7 = E7 * 2\n");
    b = open_model(m.data);
    stats(b, &formulas, &programs);
    CHECK(formulas == 2001);
    CHECK(programs == 1);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(value1(b, "E1000"), "E1000 = 8\n");
    CHECK_STR(value1(b, "F7"), "F7 = 16\n");
    vs_book_close(b);
    strbuf_free(&m);

    /* Different R1C1 forms differ: RC[-1], RC[-2], R1C1 absolute, another
     * constant, another operator. */
    b = open_model("A1:A5 = 1\n"
                   "B1 = A1\nC1 = A1\nB2 = $A$1\nB3 = A3 * 3\nB4 = A4 * 2\n"
                   "B5 = A5 + 2\nC5 = B5\n");
    stats(b, &formulas, &programs);
    CHECK(formulas == 7);
    CHECK(programs == 6); /* RC[-1] (B1, C5), RC[-2], $A$1, *3, *2, +2 */
    vs_book_close(b);
}

static void
test_compiler(void)
{
    Diags d;
    Book book;
    diag_init(&d, stderr);
    book_init(&book, &d);
    book_add_sheet(&book, str_intern(&book.names, "Sheet1", 6), span_none());
    static const char *const texts[] = {"A1*2", "A5*2", "B5*2", "$A$1*2", "1+2*3",
                                        "SUM(A1:A3)"};
    AstNode *e[6];
    for (int i = 0; i < 6; i++) {
        size_t n = strlen(texts[i]);
        char *copy = malloc(n + 1);
        if (!copy)
            return;
        memcpy(copy, texts[i], n + 1);
        uint32_t f = diag_add_file(&d, "f", copy, (uint32_t)n);
        ParseCtx ctx;
        parse_ctx_init(&ctx, &book.arena, &book.names, &d, f);
        e[i] = parse_formula(&ctx);
        CHECK(e[i] != NULL);
        if (!e[i])
            return;
        CHECK(bind_expr(&book, e[i], 0) == 0);
    }
    Compiler *c = compile_new(&book.arena);
    /* A1*2 written for B1 and A5*2 written for B5: both RC[-1]*2. */
    const Program *p1 = compile_formula(c, e[0], 0, 1);
    const Program *p2 = compile_formula(c, e[1], 4, 1);
    CHECK(p1 == p2);
    CHECK(compile_count(c) == 1);
    /* B5*2 written for B1 is R[4]C*2: new. */
    const Program *p3 = compile_formula(c, e[2], 0, 1);
    CHECK(p3 != p1);
    /* $A$1*2 is the same wherever it is written. */
    const Program *p4 = compile_formula(c, e[3], 0, 1);
    const Program *p5 = compile_formula(c, e[3], 99, 7);
    CHECK(p4 == p5 && p4 != p1);
    CHECK(compile_count(c) == 3);
    /* The same AST at another anchor: A1*2 for C1 is RC[-2]*2. */
    CHECK(compile_formula(c, e[0], 0, 2) != p1);
    CHECK(compile_count(c) == 4);

    /* 1+2*3 in RPN: 1 2 3 * + then the return. */
    const Program *q = compile_formula(c, e[4], 0, 0);
    CHECK(q->n_code == 6);
    if (q->n_code == 6) {
        CHECK(q->code[0].op == I_CONST && q->code[1].op == I_CONST &&
              q->code[2].op == I_CONST);
        CHECK(q->code[3].op == OP_MUL && q->code[4].op == OP_ADD);
        CHECK(q->code[5].op == I_RET);
    }
    CHECK(q->n_consts == 3);
    CHECK(q->max_stack == 3);
    CHECK(q->n_refs == 0);

    /* SUM(A1:A3) written for B2: one area reference, relative. */
    const Program *s = compile_formula(c, e[5], 1, 1);
    CHECK(s->n_refs == 1 && s->n_fns == 1);
    if (s->n_refs == 1) {
        const RefSpec *r = &s->refs[0];
        CHECK(r->area && r->abs == 0);
        CHECK(r->row0 == -1 && r->row1 == 1 && r->col0 == -1 && r->col1 == -1);
        RangeRef rr;
        /* Evaluated at D10: C9:C11. */
        CHECK(compile_ref_at(r, 9, 3, &rr));
        CHECK(rr.row0 == 8 && rr.row1 == 10 && rr.col0 == 2 && rr.col1 == 2);
        /* At A1 it would start above row 1 and left of column A. */
        CHECK(!compile_ref_at(r, 0, 0, &rr));
        CHECK(!compile_ref_at(r, 5, 0, &rr));
        CHECK(!compile_ref_at(r, 0, 5, &rr));
        CHECK(compile_ref_at(r, 1, 1, &rr));
        CHECK(!compile_ref_at(r, VS_MAX_ROWS - 1, 1, &rr));
    }
    RefSpec absr = {2, 2, 3, 3, 0, REF_ABS_ROW0 | REF_ABS_ROW1 | REF_ABS_COL0 | REF_ABS_COL1,
                    false};
    RangeRef rr;
    CHECK(compile_ref_at(&absr, 1000, 1000, &rr));
    CHECK(rr.row0 == 2 && rr.col0 == 3);
    /* Mixed: row absolute, column relative +1. */
    RefSpec mixed = {7, 7, 1, 1, 0, REF_ABS_ROW0 | REF_ABS_ROW1, false};
    CHECK(compile_ref_at(&mixed, 500, VS_MAX_COLS - 3, &rr));
    CHECK(rr.row0 == 7 && rr.col0 == VS_MAX_COLS - 2);
    CHECK(!compile_ref_at(&mixed, 500, VS_MAX_COLS - 1, &rr));

    compile_free(c);
    book_free(&book);
    diag_free(&d);
}

int
main(void)
{
    test_fill();
    test_row_list();
    test_compiler();
    return test_report("test_compile");
}
