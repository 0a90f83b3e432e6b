/*
 * test_graph: the dependency graph and the evaluator's order, mostly
 * through the public API (valsheet.h) as a user sees them: a diamond, a
 * 100,000-cell chain (no recursion along chains), range nodes, --set style
 * overrides recalculated through the graph, and cycles with the cells
 * outside them still evaluated. Then, through graph.h on a book built from
 * the internal modules, graph_check() and the invariants of the two edge
 * directions and of the topological order. Values are worked out by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "book.h"
#include "diag.h"
#include "eval.h"
#include "graph.h"
#include "parse.h"
#include "test.h"
#include "valsheet.h"

static FILE *diag_out;

/* Opens text as a model; diagnostics go to diag_out. */
static vs_book *
open_model(const char *text)
{
    vs_book *b = NULL;
    vs_status s = vs_book_open_string("m.vsheet", text, strlen(text), diag_out, &b);
    CHECK(s == VS_OK);
    CHECK(b != NULL);
    return b;
}

/* Reads back what was written to f since *pos (updated); f is an update
 * stream, so seek before switching between writing and reading. */
static const char *
drain(FILE *f, long *pos)
{
    static char buf[1 << 14];
    fflush(f);
    fseek(f, *pos, SEEK_SET);
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    *pos += (long)got;
    fseek(f, 0, SEEK_END);
    return buf;
}

static long diag_pos;

static const char *
diags_since(void)
{
    return drain(diag_out, &diag_pos);
}

/* The text printout of refs, one "REF = value" line each. */
static const char *
values(vs_book *b, const char *const *refs, size_t n)
{
    static FILE *out;
    static long pos;
    if (!out)
        out = tmpfile();
    vs_status s = vs_book_print(b, out, refs, n, VS_FORMAT_TEXT);
    CHECK(s == VS_OK);
    return drain(out, &pos);
}

static const char *
value1(vs_book *b, const char *ref)
{
    const char *refs[1] = {ref};
    return values(b, refs, 1);
}

static void
test_diamond(void)
{
    /* D1 = B1 + C1 = (A1 + 1) + (A1 * 2) = 2 + 2 = 4. */
    const char *model = "A1 = 1\n"
                        "B1 = A1 + 1\n"
                        "C1 = A1 * 2\n"
                        "D1 = B1 + C1\n";
    vs_book *b = open_model(model);
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *refs[] = {"B1", "C1", "D1"};
    CHECK_STR(values(b, refs, 3), "B1 = 2\nC1 = 2\nD1 = 4\n");
    size_t formulas, programs, nodes, edges;
    vs_book_stats(b, &formulas, &programs, &nodes, &edges);
    CHECK(formulas == 3);
    CHECK(programs == 3);   /* R1C1: RC[-1]+1, RC[-2]*2, RC[-2]+RC[-1] */
    CHECK(nodes == 4);      /* one per cell, no ranges */
    CHECK(edges == 4);      /* A1->B1, A1->C1, B1->D1, C1->D1 */
    CHECK(vs_book_error_count(b) == 0);
    vs_book_close(b);

    /* An override flows through both arms: 11 + 20 = 31. */
    b = open_model(model);
    CHECK(vs_book_set(b, "A1=10") == VS_OK);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(values(b, refs, 3), "B1 = 11\nC1 = 20\nD1 = 31\n");
    vs_book_close(b);
}

static void
test_chain(void)
{
    /* A(k) = A(k-1) + 1 with A1 = 1: A(k) = k. Evaluating must not
     * recurse along the chain. */
    const char *model = "A1 = 1\nA2:A100000 = A1 + 1\nB1 = A100000 * 2\n";
    vs_book *b = open_model(model);
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *refs[] = {"A2", "A50000", "A100000", "B1"};
    CHECK_STR(values(b, refs, 4), "A2 = 2\nA50000 = 50000\nA100000 = 100000\nB1 = 200000\n");
    size_t formulas, programs, nodes, edges;
    vs_book_stats(b, &formulas, &programs, &nodes, &edges);
    CHECK(formulas == 100000);  /* 99,999 in the fill and B1 */
    CHECK(programs == 2);
    CHECK(nodes == 100001);
    CHECK(edges == 100000);     /* A(k-1)->A(k) for k = 2..100000, A100000->B1 */
    vs_book_close(b);

    /* Changing the head changes the whole chain: A(k) = k + 9. */
    b = open_model(model);
    CHECK(vs_book_set(b, "A1=10") == VS_OK);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(values(b, refs, 4),
              "A2 = 11\nA50000 = 50009\nA100000 = 100009\nB1 = 200018\n");
    vs_book_close(b);

    /* The same chain written backwards (each cell reads the one below):
     * A1 = A2 + 1 ... A99999 = A100000 + 1, A100000 = 0 -> A1 = 99999. */
    b = open_model("A1:A99999 = A2 + 1\nA100000 = 0\n");
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *back[] = {"A1", "A99999"};
    CHECK_STR(values(b, back, 2), "A1 = 99999\nA99999 = 1\n");
    vs_book_close(b);
}

static void
test_ranges(void)
{
    /* B1 = SUM(A1:A3) = 1 + 2 + 3 = 6 with A2 = A1 * 2; B2 = 6 + 1. */
    const char *model = "A1 = 1\n"
                        "A2 = A1 * 2\n"
                        "A3 = 3\n"
                        "B1 = SUM(A1:A3)\n"
                        "B2 = SUM(A1:A3) + 1\n"
                        "C1 = SUM(Sheet1!A1:A3) * 10\n";
    vs_book *b = open_model(model);
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *refs[] = {"A2", "B1", "B2", "C1"};
    CHECK_STR(values(b, refs, 4), "A2 = 2\nB1 = 6\nB2 = 7\nC1 = 60\n");
    size_t formulas, programs, nodes, edges;
    vs_book_stats(b, &formulas, &programs, &nodes, &edges);
    CHECK(formulas == 4);
    /* Six cells and one node for the one distinct range A1:A3. Edges:
     * A1 -> A2; A2 (the formula inside) -> range; range -> B1, B2, C1. */
    CHECK(nodes == 7);
    CHECK(edges == 5);
    vs_book_close(b);

    /* A1 = 5, A3 = 7: A2 = 10, B1 = 5 + 10 + 7 = 22, B2 = 23, C1 = 220;
     * A4 is outside the range and changes nothing. */
    b = open_model(model);
    CHECK(vs_book_set(b, "A1=5") == VS_OK);
    CHECK(vs_book_set(b, "A3=7") == VS_OK);
    CHECK(vs_book_set(b, "A4=1000") == VS_OK);
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK_STR(values(b, refs, 4), "A2 = 10\nB1 = 22\nB2 = 23\nC1 = 220\n");
    vs_book_close(b);
}

/* vs_book_set after a vs_book_recalc must recalculate what depends on the
 * cell, directly and through ranges (only the dirty cells are evaluated). */
static void
test_set_after_recalc(void)
{
    vs_book *b = open_model("A1 = 1\nB1 = A1 + 1\nC1 = A1 * 2\nD1 = B1 + C1\n"
                            "E1 = SUM(A1:A2)\n");
    CHECK(vs_book_recalc(b) == VS_OK);
    CHECK(vs_book_set(b, "A1=10") == VS_OK);
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *refs[] = {"B1", "C1", "D1", "E1"};
    /* 10 + 1, 10 * 2, 11 + 20, SUM(10, empty) */
    CHECK_STR(values(b, refs, 4), "B1 = 11\nC1 = 20\nD1 = 31\nE1 = 10\n");
    vs_book_close(b);
}

static void
test_cycle(void)
{
    diags_since();
    vs_book *b = open_model("A1 = 1\n"
                            "B1 = C1 + 1\n"
                            "C1 = B1 + 1\n"
                            "D1 = A1 + 1\n"
                            "E1 = A1 * 3\n"
                            "F1 = B1\n");
    CHECK(vs_book_recalc(b) == VS_ERR_CYCLE);
    /* Outside the cycle: evaluated. In it: #CIRC!. F1 reads the cycle,
     * so the error reaches it as any error would. */
    const char *refs[] = {"D1", "E1", "B1", "C1", "F1"};
    CHECK_STR(values(b, refs, 5),
              "D1 = 2\nE1 = 3\nB1 = #CIRC!\nC1 = #CIRC!\nF1 = #CIRC!\n");
    CHECK(vs_book_error_count(b) == 1);
    const char *msgs = diags_since();
    CHECK(strstr(msgs, "m.vsheet:2:1: error: circular reference: "
                       "Sheet1!B1 -> Sheet1!C1 -> Sheet1!B1\n") != NULL);
    CHECK(strstr(msgs, "m.vsheet:3:1: note: Sheet1!C1 is part of the cycle\n") != NULL);
    vs_book_close(b);

    /* Two separate cycles, one error each; a self-reference is one. */
    b = open_model("A1 = A1 + 1\nB1 = C1\nC1 = B1\nD1 = 4\n");
    CHECK(vs_book_recalc(b) == VS_ERR_CYCLE);
    CHECK(vs_book_error_count(b) == 2);
    CHECK_STR(value1(b, "D1"), "D1 = 4\n");
    msgs = diags_since();
    CHECK(strstr(msgs, "circular reference: Sheet1!A1 -> Sheet1!A1\n") != NULL);
    CHECK(strstr(msgs, "circular reference: Sheet1!B1 -> Sheet1!C1 -> Sheet1!B1\n") != NULL);
    vs_book_close(b);

    /* A cycle through a range: B1 sums a block that holds B1. */
    b = open_model("A1 = 1\nB1 = SUM(A1:B3)\nC1 = A1 + 1\n");
    CHECK(vs_book_recalc(b) == VS_ERR_CYCLE);
    CHECK_STR(value1(b, "C1"), "C1 = 2\n");
    CHECK_STR(value1(b, "B1"), "B1 = #CIRC!\n");
    msgs = diags_since();
    CHECK(strstr(msgs, "circular reference: Sheet1!B1 -> Sheet1!B1\n") != NULL);
    vs_book_close(b);
}

/* ---- graph.h on a book built from the internal modules ---- */

static Book *
build_book(Diags *d, const char *text)
{
    Book *b = calloc(1, sizeof *b);
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (!b || !copy)
        abort();
    memcpy(copy, text, n + 1);
    diag_init(d, NULL);
    book_init(b, d);
    uint32_t file = diag_add_file(d, "g.vsheet", copy, (uint32_t)n);
    ParseCtx ctx;
    parse_ctx_init(&ctx, &b->arena, &b->names, d, file);
    CHECK(parse_sheet(&ctx) == 0);
    CHECK(bind_book(b, ctx.first) == 0);
    Graph *g = calloc(1, sizeof *g);
    if (!g)
        abort();
    graph_build(g, b);
    b->graph = g;
    return b;
}

/* Both directions agree (once precedents are built), counts add up, and the order lists every node
 * outside cycles once (cycle members hold #CIRC! and are not evaluated),
 * each edge's source before its target. */
static void
check_invariants(const Graph *g)
{
    graph_check(g); /* aborts on a one-way edge */
    CHECK(g->n_nodes == g->n_cells + g->n_ranges);
    CHECK(g->out_start[g->n_nodes] == g->n_edges);
    /* Precedent lists are built from the dependent lists once sorted;
     * when they exist they must mirror them exactly. */
    CHECK(!g->in_start || g->in_start[g->n_nodes] == g->n_edges);
    uint32_t missing = 0;
    for (uint32_t v = 0; g->in_start && v < g->n_nodes; v++) {
        for (uint32_t i = g->in_start[v]; i < g->in_start[v + 1]; i++) {
            uint32_t u = g->in_edges[i];
            bool found = false;
            for (uint32_t k = g->out_start[u]; k < g->out_start[u + 1] && !found; k++)
                found = g->out_edges[k] == v;
            missing += !found;
        }
    }
    CHECK(missing == 0);
    uint32_t cyclic = 0;
    for (uint32_t v = 0; v < g->n_nodes; v++)
        cyclic += g->in_cycle[v] != 0;
    CHECK(g->n_order == g->n_nodes - cyclic);
    uint32_t *pos = malloc((g->n_nodes + 1) * sizeof *pos);
    if (!pos)
        abort();
    for (uint32_t v = 0; v < g->n_nodes; v++)
        pos[v] = UINT32_MAX;
    uint32_t dup = 0;
    for (uint32_t i = 0; i < g->n_order; i++) {
        uint32_t v = g->order[i];
        if (v >= g->n_nodes || pos[v] != UINT32_MAX || g->in_cycle[v])
            dup++;
        else
            pos[v] = i;
    }
    CHECK(dup == 0);
    uint32_t backwards = 0;
    for (uint32_t u = 0; u < g->n_nodes; u++)
        for (uint32_t i = g->out_start[u]; i < g->out_start[u + 1]; i++) {
            uint32_t v = g->out_edges[i];
            if (!g->in_cycle[u] && !g->in_cycle[v] && pos[u] > pos[v])
                backwards++;
        }
    CHECK(backwards == 0);
    free(pos);
}

static void
test_graph_internals(void)
{
    Diags d;
    /* Diamond plus a range read twice, a cross-sheet edge and a fill. */
    Book *b = build_book(&d, "sheet In\n"
                             "A1:A3 = 1, 2, 3\n"
                             "sheet Calc\n"
                             "A1 = In!A1 + 1\n"
                             "B1 = A1 * 2\n"
                             "C1 = A1 - 1\n"
                             "D1 = B1 + C1 + SUM(In!A1:A3)\n"
                             "E1 = SUM(In!A1:A3)\n"
                             "A2:A10 = A1 + D$1\n");
    Graph *g = b->graph;
    CHECK(graph_sort(g, b) == 0);
    CHECK(g->n_cells == b->n_cells);
    CHECK(g->n_ranges == 1);
    CHECK(g->in_start == NULL || g->in_start[g->n_nodes] == g->n_edges);
    check_invariants(g);
    eval_recalc(b, true);
    /* Calc!A1 = 2, B1 = 4, C1 = 1, D1 = 4 + 1 + 6 = 11, E1 = 6,
     * A(k) = A(k-1) + 11: A10 = 2 + 9 * 11 = 101. */
    Value v = book_cell_value(b, 1, 0, 3);
    CHECK(v.kind == VK_NUMBER && v.u.num == 11);
    v = book_cell_value(b, 1, 0, 4);
    CHECK(v.kind == VK_NUMBER && v.u.num == 6);
    v = book_cell_value(b, 1, 9, 0);
    CHECK(v.kind == VK_NUMBER && v.u.num == 101);
    book_free(b);
    free(b);
    diag_free(&d);

    /* With a cycle: still consistent, members flagged, one cycle. */
    b = build_book(&d, "A1 = B1\nB1 = C1\nC1 = A1\nD1 = 5\nE1 = D1 + A1\n");
    g = b->graph;
    CHECK(graph_sort(g, b) == 1);
    CHECK(g->in_start != NULL);     /* the order and the report walk them */
    check_invariants(g);
    uint32_t circ = 0;
    for (uint32_t i = 0; i < b->n_cells; i++)
        circ += (b->cells[i].flags & CELL_CIRC) != 0;
    CHECK(circ == 3);
    CHECK(g->in_cycle[book_cell_id(b, 0, 0, 3)] == 0);
    eval_recalc(b, true);
    v = book_cell_value(b, 0, 0, 3);
    CHECK(v.kind == VK_NUMBER && v.u.num == 5);
    v = book_cell_value(b, 0, 0, 0);
    CHECK(v.kind == VK_ERROR && v.err == XE_CIRC);
    book_free(b);
    free(b);
    diag_free(&d);

    /* graph_mark_dependents marks exactly the transitive dependents of a
     * formula cell (A1 reads Z1 so that it is a formula). */
    b = build_book(&d, "Z1 = 1\nA1 = Z1\nB1 = A1\nC1 = B1\nD1 = Z1\nE1 = D1\n");
    g = b->graph;
    CHECK(graph_sort(g, b) == 0);
    eval_recalc(b, true);
    for (uint32_t i = 0; i < b->n_cells; i++)
        b->cells[i].flags &= (uint8_t)~CELL_DIRTY;
    graph_mark_dependents(g, b, book_cell_id(b, 0, 0, 0));
    CHECK((b->cells[book_cell_id(b, 0, 0, 1)].flags & CELL_DIRTY) != 0);
    CHECK((b->cells[book_cell_id(b, 0, 0, 2)].flags & CELL_DIRTY) != 0);
    CHECK((b->cells[book_cell_id(b, 0, 0, 3)].flags & CELL_DIRTY) == 0);
    CHECK((b->cells[book_cell_id(b, 0, 0, 4)].flags & CELL_DIRTY) == 0);
    book_free(b);
    free(b);
    diag_free(&d);
}

/* Running totals: SUM($A$2:A2) filled down reuses the previous row's sum
 * and the growing ranges are chained in the graph, so n rows cost O(n)
 * edges; values, error propagation and edits must be those of plain SUMs. */
static void
test_running_total(void)
{
    /* A: 1, 2, "x" (skipped by SUM), #N/A, 5; C = A*10 where A is a
     * number; B = SUM($A$2:Ak): 1, 3, 3, #N/A, #N/A; D = SUM($C$2:Ck) over
     * formula cells: 10, 30, #VALUE! ("x"*10), then the first error stays. */
    const char *model = "A2:A6 = 1, 2, \"x\", #N/A, 5\n"
                        "B2:B6 = SUM($A$2:A2)\n"
                        "C2:C6 = A2 * 10\n"
                        "D2:D6 = SUM($C$2:C2)\n"
                        "E1 = SUM(A2:A3)\n";
    vs_book *b = open_model(model);
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *refs[] = {"B2", "B3", "B4", "B5", "B6", "D2", "D3", "D4", "D6", "E1"};
    CHECK_STR(values(b, refs, 10),
              "B2 = 1\nB3 = 3\nB4 = 3\nB5 = #N/A\nB6 = #N/A\n"
              "D2 = 10\nD3 = 30\nD4 = #VALUE!\nD6 = #VALUE!\nE1 = 3\n");
    /* Replacing the #N/A: B5 = 1+2+7 = 10, B6 = 15; D5 = #VALUE! still. */
    CHECK(vs_book_set(b, "A5=7") == VS_OK);
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *after[] = {"B4", "B5", "B6", "D5"};
    CHECK_STR(values(b, after, 4), "B4 = 3\nB5 = 10\nB6 = 15\nD5 = #VALUE!\n");
    vs_book_close(b);

    /* 20,000 rows over a formula column C = 2: B(k) = 2k. Edges stay
     * linear: A->C, C->range, range->range and range->B per row, at most 4
     * per row (without chaining they would be about 200 million). */
    b = open_model("A1:A20000 = 1\nC1:C20000 = A1 * 2\nB1:B20000 = SUM($C$1:C1)\n");
    CHECK(vs_book_recalc(b) == VS_OK);
    const char *rows[] = {"B1", "B20000"};
    CHECK_STR(values(b, rows, 2), "B1 = 2\nB20000 = 40000\n");
    size_t formulas, programs, nodes, edges;
    vs_book_stats(b, &formulas, &programs, &nodes, &edges);
    CHECK(edges <= 4 * 20000);
    vs_book_close(b);
}

/* The order follows the source where precedents allow: B1:C3 = A1 + 1
 * fills row by row (B1, C1, B2, ...), and C1 reads B1, so the order is
 * B1, C1, B2, C2, B3, C3, not column by column. D1 reads E1, written
 * after it: E1 must still come first. */
static void
test_source_order(void)
{
    Diags d;
    Book *b = build_book(&d, "A1:A3 = 1\nB1:C3 = A1 + 1\nD1 = E1 * 2\nE1 = C3\n");
    Graph *g = b->graph;
    CHECK(graph_sort(g, b) == 0);
    check_invariants(g);
    const char *want[] = {"B1", "C1", "B2", "C2", "B3", "C3", "E1", "D1"};
    uint32_t prev = 0;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        RangeRef r;
        CHECK(book_resolve(b, want[i], 0, &r));
        uint32_t p = g->pos[book_cell_id(b, r.sheet, r.row0, r.col0)];
        CHECK(i == 0 || p > prev);
        prev = p;
    }
    eval_recalc(b, true);
    Value v = book_cell_value(b, 0, 0, 3);
    /* B3 = A3 + 1 = 2, C3 = B3 + 1 = 3, E1 = C3 = 3, D1 = E1 * 2 = 6. */
    CHECK(v.kind == VK_NUMBER && v.u.num == 6);
    book_free(b);
    free(b);
    diag_free(&d);
}

int
main(void)
{
    diag_out = tmpfile();
    if (!diag_out) {
        perror("tmpfile");
        return 1;
    }
    test_diamond();
    test_chain();
    test_ranges();
    test_cycle();
    test_graph_internals();
    test_set_after_recalc();
    test_running_total();
    test_source_order();
    fclose(diag_out);
    return test_report("test_graph");
}
