/*
 * test_stdlib: unit tests of the built-in function library (stdlib/).
 *
 * Functions are called directly through fn_lookup(name)->impl with a fake
 * FnCtx whose cell() reads a small in-memory grid, so no parser or
 * evaluator is involved. Also checks the table (STYLE.md §10) and the text
 * of every export callback with a fake FnExport. Expected values are worked
 * out by hand or with python3 (noted where not obvious), never by calling
 * the code under test twice.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "fn.h"
#include "str.h"
#include "test.h"
#include "value.h"

enum { GRID_ROWS = 40, GRID_COLS = 10 };

/* The fake book: one sheet of GRID_ROWS x GRID_COLS cells. */
typedef struct Grid {
    Value cell[GRID_ROWS][GRID_COLS];
} Grid;

typedef struct Fixture {
    Arena arena;
    Grid grid;
    FnCtx cx;
} Fixture;

static Value
grid_read(const void *book, uint32_t sheet, uint32_t row0, uint32_t col0)
{
    const Grid *g = book;
    if (sheet != 0 || row0 >= GRID_ROWS || col0 >= GRID_COLS)
        return value_empty();
    return g->cell[row0][col0];
}

static Fixture fx;

static void
fixture_reset(void)
{
    arena_free(&fx.arena);
    arena_init(&fx.arena);
    memset(&fx.grid, 0, sizeof fx.grid);
    fx.cx.scratch = &fx.arena;
    fx.cx.book = &fx.grid;
    fx.cx.cell = grid_read;
    fx.cx.sheet = 0;
    fx.cx.row0 = 0;
    fx.cx.col0 = 9; /* J1: beside the data */
}

/* ---- value builders ---------------------------------------------------- */

static Value
num(double x)
{
    return value_number(x);
}

static Value
text(const char *s)
{
    return value_string(str_new(&fx.arena, s, strlen(s)));
}

static Value
err(ErrorCode e)
{
    return value_error(e);
}

static Value
omitted(void)
{
    return value_emptyarg();
}

/* Parses "B2" into zero-based row and column (letters A..J only). */
static const char *
parse_cell(const char *s, uint32_t *row0, uint32_t *col0)
{
    *col0 = (uint32_t)(*s++ - 'A');
    uint32_t r = 0;
    while (*s >= '0' && *s <= '9')
        r = r * 10 + (uint32_t)(*s++ - '0');
    *row0 = r - 1;
    return s;
}

/* A VK_RANGE for "B2" or "B2:C6" on sheet 0. */
static Value
ref(const char *a1)
{
    RangeRef *rr = arena_alloc(&fx.arena, sizeof *rr);
    uint32_t r0;
    uint32_t c0;
    uint32_t r1;
    uint32_t c1;
    const char *rest = parse_cell(a1, &r0, &c0);
    if (*rest == ':')
        parse_cell(rest + 1, &r1, &c1);
    else {
        r1 = r0;
        c1 = c0;
    }
    rr->sheet = 0;
    rr->row0 = r0;
    rr->row1 = r1;
    rr->col0 = (uint16_t)c0;
    rr->col1 = (uint16_t)c1;
    return value_range(rr);
}

/* Sets cell a1 of the grid. */
static void
put(const char *a1, Value v)
{
    uint32_t r;
    uint32_t c;
    parse_cell(a1, &r, &c);
    fx.grid.cell[r][c] = v;
}

/* Fills a column starting at a1 with n numbers. */
static void
put_col(const char *a1, int n, const double *x)
{
    uint32_t r;
    uint32_t c;
    parse_cell(a1, &r, &c);
    for (int i = 0; i < n; i++)
        fx.grid.cell[r + (uint32_t)i][c] = num(x[i]);
}

static Value
array_row(int n, const double *x)
{
    Array *a = value_array_new(&fx.arena, 1, (uint32_t)n);
    for (int i = 0; i < n; i++)
        a->v[i] = num(x[i]);
    return value_array(a);
}

/* ---- calling ----------------------------------------------------------- */

static Value
call(const char *name, int argc, const Value *argv)
{
    const FnDef *d = fn_lookup(name, strlen(name));
    if (!d || !d->impl) {
        printf("no function %s\n", name);
        return err(XE_NAME);
    }
    return d->impl(&fx.cx, argc, argv);
}

#define CALL(name, ...)                                                    \
    call(name, (int)(sizeof((Value[]){__VA_ARGS__}) / sizeof(Value)),       \
         (Value[]){__VA_ARGS__})

static double
as_num(Value v)
{
    return v.kind == VK_NUMBER ? v.u.num : NAN;
}

#define CHECK_V(v, want) CHECK_NUM(as_num(v), (want), 1e-12)
#define CHECK_ERR(v, e)                                                    \
    CHECK((v).kind == VK_ERROR && (v).err == (e))
#define CHECK_BOOL(v, want)                                                \
    CHECK((v).kind == VK_BOOL && (v).u.b == (want))

static bool
is_text(Value v, const char *want)
{
    return v.kind == VK_STRING && strcmp(v.u.str->s, want) == 0;
}

static bool
is_ref(Value v, const char *a1)
{
    Value w = ref(a1);
    return v.kind == VK_RANGE && memcmp(v.u.range, w.u.range, sizeof(RangeRef)) == 0;
}

/* ---- the table --------------------------------------------------------- */

static void
test_table(void)
{
    size_t n;
    const FnDef *t = fn_table(&n);
    CHECK(n > 0);
    for (size_t i = 0; i < n; i++) {
        CHECK(t[i].min_args <= t[i].max_args);
        if (i > 0)
            CHECK(strcmp(t[i - 1].name, t[i].name) < 0); /* sorted, unique */
        if (t[i].flags & FN_VALUATION)
            CHECK(t[i].expand != NULL || (t[i].flags & FN_NOEXPORT));
        if (t[i].flags & FN_LAZY)
            CHECK(t[i].impl == NULL);
        else
            CHECK(t[i].impl != NULL);
        for (const char *p = t[i].name; *p; p++)
            CHECK(!(*p >= 'a' && *p <= 'z'));
        CHECK(fn_lookup(t[i].name, strlen(t[i].name)) == &t[i]);
    }
    CHECK(fn_lookup("sum", 3) != NULL && strcmp(fn_lookup("sum", 3)->name, "SUM") == 0);
    CHECK(fn_lookup("SUMX", 3) != NULL); /* n limits the name to "SUM" */
    CHECK(fn_lookup("SU", 2) == NULL);
    CHECK(fn_lookup("SUMPRODUCTS", 11) == NULL);
    CHECK(fn_lookup("", 0) == NULL);
    CHECK(fn_lookup("IF", 2)->flags & FN_LAZY);
    CHECK(fn_lookup("IFERROR", 7)->min_args == 2);
    CHECK(fn_lookup("INDEX", 5)->flags & FN_REFARGS);
    CHECK(fn_lookup("SUMPRODUCT", 10)->flags & FN_ARRAY);
    CHECK_STR(fn_suggest("NPVV", 4), "NPV");
    CHECK_STR(fn_suggest("sumproduc", 9), "SUMPRODUCT");
    CHECK_STR(fn_suggest("CUMPRB", 6), "CUMPROB");
    CHECK_STR(fn_suggest("MILESTONEPV", 11), "MILESTONE_PV");
    CHECK(fn_suggest("XYZZY", 5) == NULL);
    CHECK(fn_suggest("Q", 1) == NULL);

    /* The documentation table lists exactly the functions, in the same
     * order, each with a signature and a summary. */
    size_t nd;
    const FnDoc *docs = fn_doc_table(&nd);
    CHECK(nd == n);
    for (size_t i = 0; i < n && i < nd; i++) {
        CHECK_STR(docs[i].name, t[i].name);
        CHECK(docs[i].sig && strncmp(docs[i].sig, t[i].name, strlen(t[i].name)) == 0);
        CHECK(docs[i].summary && docs[i].summary[0]);
        CHECK(fn_doc(t[i].name, strlen(t[i].name)) == &docs[i]);
    }
}

/* ---- helpers of fn.h --------------------------------------------------- */

static void
test_helpers(void)
{
    fixture_reset();
    put("A1", num(1));
    put("A2", num(2));
    put("A3", num(3));
    put("B1", text("x"));
    CHECK(fn_value_rows(ref("A1:C3")) == 3);
    CHECK(fn_value_cols(ref("A1:C3")) == 3);
    CHECK(fn_value_rows(num(1)) == 1 && fn_value_cols(num(1)) == 1);
    CHECK_V(fn_value_at(&fx.cx, ref("A1:A3"), 2, 0), 3);
    CHECK_V(fn_value_at(&fx.cx, num(7), 5, 5), 7);
    /* Implicit intersection: the caller sits in row 2, column J. */
    fx.cx.row0 = 1;
    CHECK_V(fn_scalar(&fx.cx, ref("A1:A3")), 2);
    CHECK_ERR(fn_scalar(&fx.cx, ref("A1:B3")), XE_VALUE);
    CHECK_ERR(fn_scalar(&fx.cx, ref("A1:C1")), XE_VALUE);
    fx.cx.row0 = 5;
    CHECK_ERR(fn_scalar(&fx.cx, ref("A1:A3")), XE_VALUE);
    fx.cx.col0 = 1;
    CHECK(is_text(fn_scalar(&fx.cx, ref("A1:C1")), "x"));
    fx.cx.row0 = 0;
    fx.cx.col0 = 9;
    double x;
    CHECK(fn_arg_number(&fx.cx, text(" 12.5 "), &x) == XE_NONE && x == 12.5);
    CHECK(fn_arg_number(&fx.cx, text("abc"), &x) == XE_VALUE);
    CHECK(fn_arg_number(&fx.cx, value_bool(true), &x) == XE_NONE && x == 1);
    CHECK(fn_arg_number(&fx.cx, omitted(), &x) == XE_NONE && x == 0);
    CHECK(fn_arg_int(&fx.cx, num(-2.7), &x) == XE_NONE && x == -2);
    bool b;
    CHECK(fn_arg_bool(&fx.cx, text("true"), &b) == XE_NONE && b);
    CHECK(fn_arg_bool(&fx.cx, err(XE_NA), &b) == XE_NA);
    StrBuf sb;
    strbuf_init(&sb);
    CHECK(fn_arg_text(&fx.cx, num(0.5), &sb) == XE_NONE);
    CHECK_STR(sb.data, "0.5");
    strbuf_free(&sb);
    CHECK(is_text(fn_make_string(&fx.cx, "abc", 2), "ab"));

    RangeIter it;
    Value e;
    int k = 0;
    fn_iter_init(&it, &fx.cx, ref("A1:B2"));
    while (fn_iter_next(&it, &e))
        k++;
    CHECK(k == 4);
    fn_iter_init(&it, &fx.cx, ref("A1:B2"));
    CHECK(fn_iter_next(&it, &e) && as_num(e) == 1);
    CHECK(fn_iter_next(&it, &e) && is_text(e, "x")); /* row-major: B1 */

    FnNumbers nums;
    Value args[] = {ref("A1:B3"), text("4"), value_bool(true), omitted()};
    CHECK(fn_collect_numbers(&fx.cx, 4, args, &nums) == XE_NONE);
    CHECK(nums.n == 6);
    CHECK(nums.n == 6 && nums.x[3] == 4 && nums.x[4] == 1 && nums.x[5] == 0);
    Value bad[] = {num(1), text("x")};
    CHECK(fn_collect_numbers(&fx.cx, 2, bad, &nums) == XE_VALUE);
    put("B2", err(XE_DIV0));
    CHECK(fn_collect_numbers(&fx.cx, 1, args, &nums) == XE_DIV0);
    /* Many values: the scratch vector grows. */
    Value many[100];
    for (int i = 0; i < 100; i++)
        many[i] = num(i);
    CHECK(fn_collect_numbers(&fx.cx, 100, many, &nums) == XE_NONE &&
          nums.n == 100 && nums.x[99] == 99);
}

/* ---- math -------------------------------------------------------------- */

static void
test_math(void)
{
    fixture_reset();
    put("A1", num(1));
    put("A2", text("5"));
    put("A3", value_bool(true));
    put("A4", num(4));
    /* A5 empty */
    put("B1", err(XE_NA));
    CHECK_V(CALL("SUM", ref("A1:A5")), 5);
    CHECK_V(CALL("SUM", ref("A2")), 0);
    CHECK_ERR(CALL("SUM", text("x")), XE_VALUE);
    CHECK_V(CALL("SUM", text("5"), value_bool(true), num(15)), 21);
    CHECK_V(CALL("SUM", num(1), omitted()), 1);
    CHECK_ERR(CALL("SUM", ref("A1:B2")), XE_NA);
    CHECK_V(CALL("PRODUCT", ref("A1:A5")), 4);
    CHECK_V(CALL("PRODUCT", ref("A2:A3")), 0); /* no numbers: 0 */
    CHECK_V(CALL("PRODUCT", num(2), num(3), num(4)), 24);

    CHECK_V(CALL("ROUND", num(2.5), num(0)), 3);
    CHECK_V(CALL("ROUND", num(-2.5), num(0)), -3);
    CHECK_V(CALL("ROUND", num(2.675), num(2)), 2.68);
    CHECK_V(CALL("ROUND", num(1.005), num(2)), 1.01);
    CHECK_V(CALL("ROUND", num(1234.5), num(-2)), 1200);
    CHECK_V(CALL("ROUND", num(-1250), num(-2)), -1300);
    CHECK_V(CALL("ROUND", num(3.14159), num(2.9)), 3.14);
    CHECK_V(CALL("ROUND", num(1e300), num(2)), 1e300);
    CHECK_V(CALL("ROUND", num(5), num(-400)), 0);
    CHECK_ERR(CALL("ROUND", text("a"), num(1)), XE_VALUE);
    CHECK_ERR(CALL("ROUND", num(1), err(XE_DIV0)), XE_DIV0);

    CHECK_V(CALL("ABS", num(-3)), 3);
    CHECK_V(CALL("INT", num(-2.5)), -3);
    CHECK_V(CALL("INT", num(2.9)), 2);
    CHECK_V(CALL("MOD", num(-7), num(3)), 2);
    CHECK_V(CALL("MOD", num(7), num(-3)), -2);
    CHECK_V(CALL("MOD", num(5.5), num(2)), 1.5);
    CHECK_ERR(CALL("MOD", num(5), num(0)), XE_DIV0);
    CHECK_V(CALL("POWER", num(2), num(10)), 1024);
    CHECK_V(CALL("POWER", num(-8), num(3)), -512);
    CHECK_ERR(CALL("POWER", num(0), num(0)), XE_NUM);
    CHECK_ERR(CALL("POWER", num(0), num(-1)), XE_DIV0);
    CHECK_ERR(CALL("POWER", num(-8), num(1.0 / 3)), XE_NUM);
    CHECK_ERR(CALL("POWER", num(10), num(400)), XE_NUM);
    CHECK_V(CALL("SQRT", num(16)), 4);
    CHECK_ERR(CALL("SQRT", num(-1)), XE_NUM);
    CHECK_V(CALL("EXP", num(0)), 1);
    CHECK_ERR(CALL("EXP", num(1000)), XE_NUM);
    CHECK_V(CALL("LN", num(1)), 0);
    CHECK_ERR(CALL("LN", num(0)), XE_NUM);
    CHECK_V(CALL("ABS", ref("A1")), 1);
    CHECK_V(CALL("ABS", ref("A2")), 5); /* one cell: operator coercion */
    CHECK_V(CALL("ABS", ref("A1:A4")), 1); /* intersects row 1 */
    CHECK_ERR(CALL("ABS", ref("A1:B1")), XE_VALUE);

    /* SUMPRODUCT: C1:C3 = 1,2,3; D1:D3 = 4,"x",6; E1:G1 = 1,1,1. */
    put("C1", num(1));
    put("C2", num(2));
    put("C3", num(3));
    put("D1", num(4));
    put("D2", text("x"));
    put("D3", num(6));
    CHECK_V(CALL("SUMPRODUCT", ref("C1:C3"), ref("D1:D3")), 22);
    CHECK_V(CALL("SUMPRODUCT", ref("C1:C3")), 6);
    CHECK_V(CALL("SUMPRODUCT", num(2), num(3)), 6);
    CHECK_ERR(CALL("SUMPRODUCT", ref("C1:C3"), ref("D1:D2")), XE_VALUE);
    CHECK_ERR(CALL("SUMPRODUCT", ref("C1:C3"), ref("E1:G1")), XE_VALUE);
    double r3[] = {1, 2, 3};
    CHECK_V(CALL("SUMPRODUCT", array_row(3, r3), array_row(3, r3)), 14);
    CHECK_ERR(CALL("SUMPRODUCT", array_row(3, r3), ref("C1:C3")), XE_VALUE);
    put("D2", err(XE_NA));
    CHECK_ERR(CALL("SUMPRODUCT", ref("C1:C3"), ref("D1:D3")), XE_NA);
    /* Dimensions are checked before errors (LibreOffice agrees). */
    CHECK_ERR(CALL("SUMPRODUCT", ref("D1:D3"), ref("C1:C2")), XE_VALUE);
}

/* ---- statistics -------------------------------------------------------- */

static void
test_stat(void)
{
    fixture_reset();
    put("A1", num(3));
    put("A2", text("9"));
    put("A3", value_bool(true));
    put("A4", num(-2));
    put("A6", num(5));
    put("B1", text("x"));
    put("B2", err(XE_DIV0));
    put("B3", text(""));
    CHECK_V(CALL("MIN", ref("A1:A6")), -2);
    CHECK_V(CALL("MAX", ref("A1:A6")), 5);
    CHECK_V(CALL("MAX", ref("B1")), 0);
    CHECK_V(CALL("MIN", num(4), text("2")), 2);
    CHECK_V(CALL("MAX", num(-1), omitted()), 0);
    CHECK_V(CALL("AVERAGE", ref("A1:A6")), 2);
    CHECK_ERR(CALL("AVERAGE", ref("B1")), XE_DIV0);
    CHECK_V(CALL("AVERAGE", num(1), omitted()), 0.5);
    CHECK_ERR(CALL("AVERAGE", ref("A1:B2")), XE_DIV0); /* B2's error */
    CHECK_ERR(CALL("MIN", ref("B1:B2")), XE_DIV0);
    CHECK_ERR(CALL("MAX", text("abc")), XE_VALUE);
    CHECK_V(CALL("COUNT", ref("A1:B6")), 3);
    CHECK_V(CALL("COUNT", text("5"), text("x"), value_bool(true),
                 err(XE_NA), omitted()), 3);
    CHECK_V(CALL("COUNTA", ref("A1:B6")), 8);
    CHECK_V(CALL("COUNTA", num(1), omitted(), err(XE_NA)), 3);
    CHECK_V(CALL("COUNTA", ref("C1:C5")), 0);
}

/* ---- logic ------------------------------------------------------------- */

static void
test_logic(void)
{
    fixture_reset();
    put("A1", value_bool(true));
    put("A2", num(2));
    put("A3", text("x"));
    put("B1", value_bool(false));
    put("C1", err(XE_NA));
    CHECK_BOOL(CALL("AND", ref("A1:A4")), true);
    CHECK_BOOL(CALL("AND", ref("A1:B1")), false);
    CHECK_BOOL(CALL("OR", ref("A3"), value_bool(false)), false);
    CHECK_BOOL(CALL("OR", ref("B1"), num(3)), true);
    CHECK_ERR(CALL("AND", ref("A3")), XE_VALUE);
    CHECK_ERR(CALL("AND", text("x")), XE_VALUE);
    CHECK_ERR(CALL("AND", ref("C1"), value_bool(false)), XE_NA);
    CHECK_ERR(CALL("OR", value_bool(true), err(XE_NA)), XE_NA);
    CHECK_BOOL(CALL("AND", value_bool(true), omitted()), false);
    CHECK_BOOL(CALL("NOT", ref("D1")), true);
    CHECK_BOOL(CALL("NOT", num(0.5)), false);
    CHECK_ERR(CALL("NOT", text("x")), XE_VALUE);
    CHECK_ERR(CALL("NOT", ref("C1")), XE_NA);
}

/* ---- lookup ------------------------------------------------------------ */

static void
test_lookup(void)
{
    fixture_reset();
    double col[] = {10, 20, 30, 40, 50};
    put_col("A1", 5, col);
    put("B1", text("apple"));
    put("B2", text("Banana"));
    put("B3", text("cherry*"));
    put("B4", num(7));
    put("B5", value_bool(true));
    CHECK(is_ref(CALL("INDEX", ref("A1:A5"), num(3)), "A3"));
    CHECK(is_ref(CALL("INDEX", ref("A1:B5"), num(2), num(2)), "B2"));
    CHECK(is_ref(CALL("INDEX", ref("A1:B5"), num(0), num(2)), "B1:B5"));
    CHECK(is_ref(CALL("INDEX", ref("A1:B5"), num(4), num(0)), "A4:B4"));
    CHECK(is_ref(CALL("INDEX", ref("A1:B5"), omitted(), num(1)), "A1:A5"));
    CHECK(is_ref(CALL("INDEX", ref("A1:B5"), num(2)), "A2:B2"));
    CHECK(is_ref(CALL("INDEX", ref("A1:E1"), num(4)), "D1"));
    CHECK(is_ref(CALL("INDEX", ref("A1:E1"), num(1), num(4)), "D1"));
    CHECK(is_ref(CALL("INDEX", ref("A1:A5"), num(2.9)), "A2"));
    CHECK_ERR(CALL("INDEX", ref("A1:A5"), num(6)), XE_REF);
    CHECK_ERR(CALL("INDEX", ref("A1:E1"), num(2), num(1)), XE_REF);
    CHECK_ERR(CALL("INDEX", ref("A1:A5"), num(1), num(2)), XE_REF);
    CHECK_ERR(CALL("INDEX", ref("A1:A5"), num(-1)), XE_VALUE);
    CHECK_ERR(CALL("INDEX", ref("A1:A5"), text("x")), XE_VALUE);
    CHECK_ERR(CALL("INDEX", ref("A1:A5"), err(XE_NA)), XE_NA);
    double r3[] = {5, 6, 7};
    CHECK_V(CALL("INDEX", array_row(3, r3), num(2)), 6);
    Value sub = CALL("INDEX", array_row(3, r3), num(1), num(0));
    CHECK(sub.kind == VK_ARRAY && sub.u.arr->cols == 3 && as_num(sub.u.arr->v[2]) == 7);
    CHECK_V(CALL("INDEX", num(9), num(1)), 9);
    CHECK_ERR(CALL("INDEX", num(9), num(2)), XE_REF);

    CHECK_V(CALL("MATCH", num(30), ref("A1:A5"), num(0)), 3);
    CHECK_V(CALL("MATCH", num(35), ref("A1:A5")), 3);
    CHECK_V(CALL("MATCH", num(35), ref("A1:A5"), num(1)), 3);
    CHECK_V(CALL("MATCH", num(50), ref("A1:A5")), 5);
    CHECK_V(CALL("MATCH", num(99), ref("A1:A5")), 5);
    CHECK_ERR(CALL("MATCH", num(5), ref("A1:A5")), XE_NA);
    CHECK_ERR(CALL("MATCH", num(35), ref("A1:A5"), num(0)), XE_NA);
    CHECK_V(CALL("MATCH", num(30), ref("A1:A5"), omitted()), 3);
    CHECK_V(CALL("MATCH", text("BANANA"), ref("B1:B5"), num(0)), 2);
    CHECK_V(CALL("MATCH", text("b*"), ref("B1:B5"), num(0)), 2);
    CHECK_V(CALL("MATCH", text("?pple"), ref("B1:B5"), num(0)), 1);
    CHECK_V(CALL("MATCH", text("cherry~*"), ref("B1:B5"), num(0)), 3);
    CHECK_ERR(CALL("MATCH", text("cherry~?"), ref("B1:B5"), num(0)), XE_NA);
    CHECK_V(CALL("MATCH", text("*"), ref("B1:B5"), num(0)), 1);
    CHECK_V(CALL("MATCH", num(7), ref("B1:B5"), num(0)), 4);
    CHECK_ERR(CALL("MATCH", text("7"), ref("B1:B5"), num(0)), XE_NA);
    CHECK_V(CALL("MATCH", value_bool(true), ref("B1:B5"), num(0)), 5);
    CHECK_ERR(CALL("MATCH", ref("C9"), ref("A1:A5"), num(0)), XE_NA);
    CHECK_ERR(CALL("MATCH", err(XE_DIV0), ref("A1:A5"), num(0)), XE_DIV0);
    CHECK_ERR(CALL("MATCH", num(10), ref("A1:B5"), num(0)), XE_NA);
    /* Descending: smallest value >= key. C1:C4 = 9, 7, 4, 1. */
    double desc[] = {9, 7, 4, 1};
    put_col("C1", 4, desc);
    CHECK_V(CALL("MATCH", num(5), ref("C1:C4"), num(-1)), 2);
    CHECK_V(CALL("MATCH", num(7), ref("C1:C4"), num(-1)), 2);
    CHECK_V(CALL("MATCH", num(0), ref("C1:C4"), num(-1)), 4);
    CHECK_ERR(CALL("MATCH", num(10), ref("C1:C4"), num(-1)), XE_NA);
    /* Mixed types: type 1 skips text, so a huge key finds the last number.
     * D1:D6 = 1, "a", 2, 3, "b", "c". */
    put("D1", num(1));
    put("D2", text("a"));
    put("D3", num(2));
    put("D4", num(3));
    put("D5", text("b"));
    put("D6", text("c"));
    CHECK_V(CALL("MATCH", num(9e307), ref("D1:D6")), 4);
    CHECK_V(CALL("MATCH", text("zzz"), ref("D1:D6")), 6);
    CHECK_V(CALL("MATCH", num(2.5), ref("D1:D6")), 3);
    CHECK_V(CALL("MATCH", num(6), array_row(3, r3), num(0)), 2);
}

/* ---- text -------------------------------------------------------------- */

static void
test_text(void)
{
    fixture_reset();
    put("A1", text("ab"));
    put("A2", num(0.25));
    CHECK(is_text(CALL("CONCATENATE", ref("A1"), text("-"), ref("A2"),
                       value_bool(true)), "ab-0.25TRUE"));
    CHECK(is_text(CALL("CONCATENATE", ref("B1"), omitted()), ""));
    CHECK_ERR(CALL("CONCATENATE", text("a"), err(XE_NA)), XE_NA);
    CHECK(is_text(CALL("CONCATENATE", num(1.0 / 3)), "0.333333333333333"));
    CHECK_V(CALL("LEN", text("hello")), 5);
    CHECK_V(CALL("LEN", text("\xc3\xa9t\xc3\xa9")), 3);
    CHECK_V(CALL("LEN", num(-12.5)), 5);
    CHECK_V(CALL("LEN", value_bool(false)), 5);
    CHECK_V(CALL("LEN", ref("C3")), 0);
    CHECK_ERR(CALL("LEN", err(XE_NUM)), XE_NUM);
}

/* ---- financial --------------------------------------------------------- */

static void
test_fin(void)
{
    fixture_reset();
    put("A1", num(100));
    put("A2", text("x"));
    put("A3", num(200));
    put("A4", value_bool(true));
    /* A5 empty */
    put("A6", err(XE_NA));
    /* 100/1.1 + 200/1.1^2 */
    CHECK_V(CALL("NPV", num(0.1), ref("A1:A5")), 256.198347107438);
    CHECK_V(CALL("NPV", num(0.1), ref("A1"), ref("A3")), 256.198347107438);
    CHECK_ERR(CALL("NPV", num(0.1), ref("A1:A6")), XE_NA);
    /* 100/1.1 + 0/1.1^2 + 200/1.1^3 (python3) */
    CHECK_V(CALL("NPV", num(0.1), num(100), omitted(), num(200)), 241.1720510894064);
    /* 100/1.1 + 1/1.21 */
    CHECK_V(CALL("NPV", num(0.1), num(100), value_bool(true)), 91.73553719008264);
    CHECK_ERR(CALL("NPV", num(0.1), num(100), text("x")), XE_VALUE);
    CHECK_ERR(CALL("NPV", text("x"), num(100)), XE_VALUE);
    CHECK_ERR(CALL("NPV", num(-1), num(100)), XE_DIV0);
    CHECK_V(CALL("NPV", num(0.1), ref("A2")), 0);

    /* IRR of -100, 30, 40, 50: root of the NPV polynomial (python3 brentq
     * gives 0.088963394693344...). */
    double flows[] = {-100, 30, 40, 50};
    put_col("B1", 4, flows);
    put("B5", text("skip"));
    CHECK_NUM(as_num(CALL("IRR", ref("B1:B5"))), 0.08896339469334466, 1e-12);
    CHECK_NUM(as_num(CALL("IRR", ref("B1:B5"), num(-0.5))), 0.08896339469334466, 1e-12);
    CHECK_NUM(as_num(CALL("IRR", array_row(4, flows))), 0.08896339469334466, 1e-12);
    CHECK_ERR(CALL("IRR", ref("A1:A3")), XE_NUM);
    CHECK_ERR(CALL("IRR", ref("B1:B6"), num(-1)), XE_NUM);
    put("B6", err(XE_REF));
    CHECK_ERR(CALL("IRR", ref("B1:B6")), XE_REF);
    /* -1000 then 1000 twice: r = 0.6180339887498949 (golden ratio - 1). */
    double g[] = {-1000, 1000, 1000};
    CHECK_NUM(as_num(CALL("IRR", array_row(3, g))), 0.6180339887498949, 1e-12);
}

/* ---- valuation --------------------------------------------------------- */

static void
test_cumprob(void)
{
    fixture_reset();
    double p[] = {0.5, 0.4, 0.8, 0.9};
    put_col("A1", 4, p);
    CHECK_V(CALL("CUMPROB", ref("A1:A4")), 0.144);
    CHECK_V(CALL("CUMPROB", ref("A1:A4"), num(2)), 0.288);
    CHECK_V(CALL("CUMPROB", ref("A1:A4"), num(1), num(2)), 0.2);
    CHECK_V(CALL("CUMPROB", ref("A1:A4"), omitted(), num(3)), 0.16);
    CHECK_V(CALL("CUMPROB", ref("A1:A4"), num(3), num(2)), 1);
    CHECK_V(CALL("CUMPROB", ref("A1:A4"), num(4), num(4)), 0.9);
    CHECK_V(CALL("CUMPROB", ref("A1:A4"), text("2"), num(2)), 0.4);
    CHECK_V(CALL("CUMPROB", num(0.3)), 0.3);
    CHECK_ERR(CALL("CUMPROB", ref("A1:A4"), num(0)), XE_NUM);
    CHECK_ERR(CALL("CUMPROB", ref("A1:A4"), num(1), num(5)), XE_NUM);
    CHECK_ERR(CALL("CUMPROB", ref("A1:A4"), num(1.5)), XE_NUM);
    CHECK_ERR(CALL("CUMPROB", ref("A1:A4"), text("x")), XE_VALUE);
    CHECK_ERR(CALL("CUMPROB", omitted(), num(1)), XE_VALUE);
    CHECK_ERR(CALL("CUMPROB", ref("A1:B4")), XE_VALUE);
    /* B1:B3 = 0.5, blank, 0.5: blank is 0. */
    put("B1", num(0.5));
    put("B3", num(0.5));
    CHECK_V(CALL("CUMPROB", ref("B1:B3")), 0);
    CHECK_V(CALL("CUMPROB", ref("B1:B3"), num(3)), 0.5);
    /* The whole range is validated, not just from..to. */
    put("B2", num(1.5));
    CHECK_ERR(CALL("CUMPROB", ref("B1:B3"), num(3)), XE_NUM);
    /* C8: #VALUE! (text) beats #NUM! (1.5); an error beats both. */
    put("B1", text("p"));
    CHECK_ERR(CALL("CUMPROB", ref("B1:B3")), XE_VALUE);
    CHECK_ERR(CALL("CUMPROB", ref("A1:A4"), num(9), text("x")), XE_VALUE);
    put("B1", value_bool(true));
    CHECK_ERR(CALL("CUMPROB", ref("B1:B3")), XE_VALUE);
    CHECK_ERR(CALL("CUMPROB", ref("B1:B3"), err(XE_NA)), XE_NA);
    put("B3", err(XE_DIV0));
    CHECK_ERR(CALL("CUMPROB", ref("B1:B3"), err(XE_NA)), XE_DIV0);
    /* A row range works the same. */
    put("C5", num(0.5));
    put("D5", num(0.5));
    CHECK_V(CALL("CUMPROB", ref("C5:D5")), 0.25);
}

static void
test_rnpv(void)
{
    fixture_reset();
    double cf[] = {-100, 50, 80};
    double p[] = {1, 0.5, 0.25};
    double t[] = {0.5, 1.5, 2.5};
    put_col("A1", 3, cf);
    put_col("B1", 3, p);
    put_col("C1", 3, t);
    /* -100/1.1 + 50*0.5/1.1^2 + 80*0.25/1.1^3 (python3) */
    CHECK_V(CALL("RNPV", num(0.1), ref("A1:A3"), ref("B1:B3")), -55.22163786626597);
    CHECK_V(CALL("RNPV", num(0.1), ref("A1:A3"), ref("B1:B3"), omitted()),
            -55.22163786626597);
    /* Same flows at 0.5, 1.5, 2.5 (python3) */
    CHECK_V(CALL("RNPV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3")),
            -100 * pow(1.1, -0.5) + 25 * pow(1.1, -1.5) + 20 * pow(1.1, -2.5));
    /* Scalar p: 0.6*(-100/1.1^0.5 + 50/1.1^1.5) with A1:A2 (python3) */
    CHECK_V(CALL("RNPV", num(0.1), ref("A1:A2"), num(0.6), ref("C1:C2")),
            -31.204230193492112);
    CHECK_V(CALL("RNPV", num(0.1), ref("A1:A2"), ref("B3"), ref("C1:C2")),
            0.25 * (-100 * pow(1.1, -0.5) + 50 * pow(1.1, -1.5)));
    CHECK_V(CALL("RNPV", num(0), ref("A1:A3"), num(1)), 30);
    CHECK_V(CALL("RNPV", num(0.1), num(110), num(1)), 100);
    /* Shape: length and orientation (C5). */
    put("E1", num(1));
    put("F1", num(1));
    put("G1", num(1));
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), ref("B1:B2")), XE_VALUE);
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), ref("E1:G1")), XE_VALUE);
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), num(1), ref("E1:G1")), XE_VALUE);
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:B3"), num(1)), XE_VALUE);
    CHECK_ERR(CALL("RNPV", num(0.1), omitted(), num(1)), XE_VALUE);
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), num(1), num(1)), XE_VALUE);
    /* Domain. */
    CHECK_ERR(CALL("RNPV", num(-1), ref("A1:A3"), num(1)), XE_NUM);
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), num(1.2)), XE_NUM);
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), num(-0.1)), XE_NUM);
    CHECK_V(CALL("RNPV", num(-0.5), ref("A1"), num(1)), -200);
    put("C2", num(-1));
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), num(1), ref("C1:C3")), XE_NUM);
    /* Precedence: shape beats domain, errors beat both. */
    CHECK_ERR(CALL("RNPV", num(-2), ref("A1:A3"), ref("B1:B2")), XE_VALUE);
    CHECK_ERR(CALL("RNPV", text("x"), ref("A1:A3"), num(2)), XE_VALUE);
    put("B2", text("half"));
    CHECK_ERR(CALL("RNPV", num(-2), ref("A1:A3"), ref("B1:B3")), XE_VALUE);
    put("B3", err(XE_NA));
    CHECK_ERR(CALL("RNPV", text("x"), ref("A1:A3"), ref("B1:B3")), XE_NA);
    CHECK_ERR(CALL("RNPV", err(XE_DIV0), ref("A1:A3"), ref("B1:B3")), XE_DIV0);
    /* Blanks are 0: a blank flow, probability or time. */
    fixture_reset();
    put("A1", num(100));
    put("A3", num(121));
    put("B1", num(1));
    put("B2", num(1));
    put("B3", num(1));
    CHECK_V(CALL("RNPV", num(0.1), ref("A1:A3"), ref("B1:B3")), 100 / 1.1 + 121 / 1.331);
    CHECK_V(CALL("RNPV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3")), 221);
    put("B3", value_bool(true));
    CHECK_ERR(CALL("RNPV", num(0.1), ref("A1:A3"), ref("B1:B3")), XE_VALUE);
}

static void
test_milestone_pv(void)
{
    fixture_reset();
    double a[] = {1, 2, 3};
    double t[] = {1, 2, 3};
    double p[] = {0.5, 0.5, 0.5};
    put_col("A1", 3, a);
    put_col("B1", 3, t);
    put_col("C1", 3, p);
    /* 1*0.5/1.1 + 2*0.25/1.1^2 + 3*0.125/1.1^3 (python3) */
    CHECK_V(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3")),
            1.1495116453794139);
    CHECK_V(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3"),
                 omitted()), 1.1495116453794139);
    /* delay 0.5 (python3) */
    CHECK_V(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3"),
                 num(0.5)), 1.0960163497714168);
    /* A negative delay is fine while every t + delay >= 0. */
    CHECK_V(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3"),
                 num(-1)), 0.5 + 0.5 / 1.1 + 0.375 / 1.21);
    CHECK_ERR(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3"),
                   num(-1.5)), XE_NUM);
    CHECK_ERR(CALL("MILESTONE_PV", num(-1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3")),
              XE_NUM);
    CHECK_ERR(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B2"), ref("C1:C3")),
              XE_VALUE);
    CHECK_ERR(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), num(0.5)),
              XE_VALUE);
    CHECK_ERR(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3"),
                   text("x")), XE_VALUE);
    put("C2", num(2));
    CHECK_ERR(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B3"), ref("C1:C3")),
              XE_NUM);
    CHECK_ERR(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B2"), ref("C1:C3")),
              XE_VALUE);
    put("A2", err(XE_NA));
    CHECK_ERR(CALL("MILESTONE_PV", num(0.1), ref("A1:A3"), ref("B1:B2"), ref("C1:C3")),
              XE_NA);
}

/* ---- export callbacks -------------------------------------------------- */

/* A fake exporter: argument i prints texts[i]; shapes[i] rows x cols, with
 * 0 rows meaning "not a reference". */
typedef struct FakeExport {
    const char *texts[8];
    uint32_t shapes[8][2];
} FakeExport;

static void
fake_arg(FnExport *ex, int i)
{
    const FakeExport *f = ex->ud;
    strbuf_puts(ex->out, f->texts[i]);
}

static bool
fake_shape(FnExport *ex, int i, uint32_t *rows, uint32_t *cols)
{
    const FakeExport *f = ex->ud;
    if (i >= ex->argc || f->shapes[i][0] == 0)
        return false;
    *rows = f->shapes[i][0];
    *cols = f->shapes[i][1];
    return true;
}

/* Runs the expand callback of name on the fake call, plain or guarded;
 * NULL when it refuses. The result lives in a static buffer until the next
 * call. */
static const char *
expand_as(const char *name, int argc, const FakeExport *f, bool guarded)
{
    static char buf[4096];
    StrBuf out;
    FnExport ex;
    strbuf_init(&out);
    strbuf_puts(&out, "=");
    ex.out = &out;
    ex.argc = argc;
    ex.guarded = guarded;
    ex.ud = (void *)f;
    ex.arg = fake_arg;
    ex.arg_shape = fake_shape;
    bool ok = fn_lookup(name, strlen(name))->expand(&ex);
    snprintf(buf, sizeof buf, "%s", out.data + 1);
    strbuf_free(&out);
    return ok ? buf : NULL;
}

static const char *
expand(const char *name, int argc, const FakeExport *f)
{
    return expand_as(name, argc, f, false);
}

static const char *
guarded(const char *name, int argc, const FakeExport *f)
{
    return expand_as(name, argc, f, true);
}

static void
test_expand(void)
{
    FakeExport f = {{"B2:B6", "", "", "", ""}, {{5, 1}}};
    CHECK_STR(expand("CUMPROB", 1, &f), "PRODUCT(B2:B6)");
    f.texts[1] = "2";
    CHECK_STR(expand("CUMPROB", 2, &f),
              "IF(2>ROWS(B2:B6)*COLUMNS(B2:B6),1,"
              "PRODUCT(INDEX(B2:B6,2):INDEX(B2:B6,ROWS(B2:B6)*COLUMNS(B2:B6))))");
    f.texts[1] = "";
    f.texts[2] = "k+1";
    CHECK_STR(expand("CUMPROB", 3, &f),
              "IF(1>(k+1),1,PRODUCT(INDEX(B2:B6,1):INDEX(B2:B6,(k+1))))");
    f.texts[1] = "$C$1";
    f.texts[2] = "C2";
    CHECK_STR(expand("CUMPROB", 3, &f),
              "IF($C$1>C2,1,PRODUCT(INDEX(B2:B6,$C$1):INDEX(B2:B6,C2)))");
    f.shapes[0][0] = 0; /* P not a reference: only the PRODUCT form works */
    CHECK(expand("CUMPROB", 3, &f) == NULL);
    f.texts[1] = "";
    f.texts[2] = "";
    CHECK_STR(expand("CUMPROB", 3, &f), "PRODUCT(B2:B6)");

    FakeExport r = {{"rate", "C2:C6", "D2:D6", "E2:E6", ""},
                    {{0, 0}, {5, 1}, {5, 1}, {5, 1}}};
    CHECK_STR(expand("RNPV", 4, &r), "SUMPRODUCT(C2:C6,D2:D6,(1+rate)^(-E2:E6))");
    CHECK_STR(expand("RNPV", 3, &r),
              "SUMPRODUCT(C2:C6,D2:D6,(1+rate)^(-(ROW(C2:C6)-ROW(INDEX(C2:C6,1))+1)))");
    r.texts[3] = "";
    CHECK_STR(expand("RNPV", 4, &r),
              "SUMPRODUCT(C2:C6,D2:D6,(1+rate)^(-(ROW(C2:C6)-ROW(INDEX(C2:C6,1))+1)))");
    /* Scalar p: a 1x1 reference against a longer CF, or an expression. */
    r.texts[2] = "$B$1";
    r.shapes[2][0] = 1;
    r.shapes[2][1] = 1;
    r.texts[3] = "E2:E6+0.5";
    CHECK_STR(expand("RNPV", 4, &r),
              "$B$1*SUMPRODUCT(C2:C6,(1+rate)^(-(E2:E6+0.5)))");
    r.texts[2] = "0.6*0.5";
    r.shapes[2][0] = 0;
    r.texts[0] = "-0.1";
    CHECK_STR(expand("RNPV", 4, &r),
              "(0.6*0.5)*SUMPRODUCT(C2:C6,(1+(-0.1))^(-(E2:E6+0.5)))");
    /* A row range counts positions with COLUMN. */
    FakeExport rr = {{"B1", "C1:H1", "C2:H2", "", ""}, {{1, 1}, {1, 6}, {1, 6}}};
    CHECK_STR(expand("RNPV", 3, &rr),
              "SUMPRODUCT(C1:H1,C2:H2,(1+B1)^(-(COLUMN(C1:H1)-COLUMN(INDEX(C1:H1,1))+1)))");
    /* Default times need CF to be a reference. */
    rr.shapes[1][0] = 0;
    CHECK(expand("RNPV", 3, &rr) == NULL);
    /* One flow with a one-cell p: the range form. */
    FakeExport r1 = {{"B1", "C1", "D1", "E1", ""}, {{1, 1}, {1, 1}, {1, 1}, {1, 1}}};
    CHECK_STR(expand("RNPV", 4, &r1), "SUMPRODUCT(C1,D1,(1+B1)^(-E1))");

    FakeExport m = {{"rate", "A2:A6", "B2:B6", "C2:C6", "d"},
                    {{0, 0}, {5, 1}, {5, 1}, {5, 1}, {0, 0}}};
    CHECK_STR(expand("MILESTONE_PV", 4, &m),
              "SUMPRODUCT(A2:A6,(1+rate)^(-B2:B6),SUBTOTAL(6,OFFSET(INDEX(C2:C6,1),"
              "0,0,ROW(C2:C6)-ROW(INDEX(C2:C6,1))+1)))");
    CHECK_STR(expand("MILESTONE_PV", 5, &m),
              "SUMPRODUCT(A2:A6,(1+rate)^(-(B2:B6+d)),SUBTOTAL(6,OFFSET(INDEX(C2:C6,1),"
              "0,0,ROW(C2:C6)-ROW(INDEX(C2:C6,1))+1)))");
    /* Row ranges: the diagonal form (see fn_val.c; checked in LibreOffice
     * on the same text with cell references). */
    FakeExport mr = {{"0.1", "A1:E1", "A2:E2", "A3:E3", "-1"},
                     {{0, 0}, {1, 5}, {1, 5}, {1, 5}, {0, 0}}};
    CHECK_STR(expand("MILESTONE_PV", 5, &mr),
              "SUMPRODUCT(A1:E1*(1+0.1)^(-(A2:E2+(-1)))*SUBTOTAL(6,OFFSET("
              "INDEX(A3:E3,1),0,0,1,ROW(OFFSET(INDEX(A3:E3,1),0,0,COLUMNS(A3:E3)))"
              "-ROW(INDEX(A3:E3,1))+1))*(ROW(OFFSET(INDEX(A3:E3,1),0,0,"
              "COLUMNS(A3:E3)))-ROW(INDEX(A3:E3,1))+1=COLUMN(A3:E3)-"
              "COLUMN(INDEX(A3:E3,1))+1))");
    mr.texts[1] = "Sheet2!A1:E1+1";
    mr.texts[4] = "";
    CHECK_STR(expand("MILESTONE_PV", 4, &mr),
              "SUMPRODUCT((Sheet2!A1:E1+1)*(1+0.1)^(-A2:E2)*SUBTOTAL(6,OFFSET("
              "INDEX(A3:E3,1),0,0,1,ROW(OFFSET(INDEX(A3:E3,1),0,0,COLUMNS(A3:E3)))"
              "-ROW(INDEX(A3:E3,1))+1))*(ROW(OFFSET(INDEX(A3:E3,1),0,0,"
              "COLUMNS(A3:E3)))-ROW(INDEX(A3:E3,1))+1=COLUMN(A3:E3)-"
              "COLUMN(INDEX(A3:E3,1))+1))");
    mr.shapes[3][0] = 0;
    CHECK(expand("MILESTONE_PV", 5, &mr) == NULL);
    CHECK(guarded("MILESTONE_PV", 5, &mr) == NULL);
}

/* Guarded forms of the first three (DOMAIN.md C9): IF levels in C8 order;
 * each text was recalculated in LibreOffice (tests/xlsx/models/
 * valuation_guarded.vsheet carries the same shapes with live cells). */
static void
test_expand_guarded_core(void)
{
    FakeExport f = {{"B2:B6", "", "", "", ""}, {{5, 1}}};
    CHECK_STR(guarded("CUMPROB", 1, &f),
              "IF((SUMPRODUCT(B2:B6))*0+SUMPRODUCT(ISTEXT(B2:B6)+ISLOGICAL(B2:B6))>0,"
              "\"\"+0,IF(SUMPRODUCT((B2:B6<0)+(B2:B6>1))>0,SQRT(-1),PRODUCT(B2:B6)))");
    f.texts[1] = "C1";
    f.texts[2] = "3";
    CHECK_STR(guarded("CUMPROB", 3, &f),
              "IF((SUMPRODUCT(B2:B6)+N(C1))*0+SUMPRODUCT(ISTEXT(B2:B6)+ISLOGICAL(B2:B6))"
              "+ISERROR(C1+0)>0,\"\"+0,IF(OR(SUMPRODUCT((B2:B6<0)+(B2:B6>1))>0,"
              "OR(C1<>INT(C1),C1<1,C1>5)),SQRT(-1),"
              "IF(C1>3,1,PRODUCT(INDEX(B2:B6,C1):INDEX(B2:B6,3)))))");
    /* A literal position outside 1..n is decided at export time. */
    f.texts[1] = "1";
    f.texts[2] = "6";
    CHECK_STR(guarded("CUMPROB", 3, &f),
              "IF((SUMPRODUCT(B2:B6))*0+SUMPRODUCT(ISTEXT(B2:B6)+ISLOGICAL(B2:B6))>0,"
              "\"\"+0,SQRT(-1))");
    /* A block: #VALUE! known at export, after any incoming error. */
    FakeExport blk = {{"B2:C6", "", "", "", ""}, {{5, 2}}};
    CHECK_STR(guarded("CUMPROB", 1, &blk), "(SUMPRODUCT(B2:C6))*0+(\"\"+0)");

    FakeExport r = {{"rate", "C2:C6", "D2:D6", "E2:E6", ""},
                    {{0, 0}, {5, 1}, {5, 1}, {5, 1}}};
    CHECK_STR(guarded("RNPV", 4, &r),
              "IF((N(rate)+SUMPRODUCT(C2:C6)+SUMPRODUCT(D2:D6)+SUMPRODUCT(E2:E6))*0+"
              "ISERROR(rate+0)+SUMPRODUCT(ISTEXT(C2:C6)+ISLOGICAL(C2:C6))+"
              "SUMPRODUCT(ISTEXT(D2:D6)+ISLOGICAL(D2:D6))+"
              "SUMPRODUCT(ISTEXT(E2:E6)+ISLOGICAL(E2:E6))>0,\"\"+0,"
              "IF(OR(rate<=-1,SUMPRODUCT((D2:D6<0)+(D2:D6>1))>0,"
              "SUMPRODUCT(--(E2:E6<0))>0),SQRT(-1),"
              "SUMPRODUCT(C2:C6,D2:D6,(1+rate)^(-E2:E6))))");
    /* Literal scalars add no terms; a literal p in range needs no check. */
    FakeExport r1 = {{"0.05", "100", "1", "2", ""}, {{0, 0}}};
    CHECK_STR(guarded("RNPV", 4, &r1), "1*SUMPRODUCT(100,(1+0.05)^(-2))");
    r1.texts[2] = "1.2";
    CHECK_STR(guarded("RNPV", 4, &r1), "SQRT(-1)");
    /* Shapes known to differ; an omitted cash-flow vector. */
    r.shapes[3][0] = 4;
    CHECK_STR(guarded("RNPV", 4, &r),
              "(N(rate)+SUMPRODUCT(C2:C6)+SUMPRODUCT(D2:D6)+SUMPRODUCT(E2:E6))*0+"
              "(\"\"+0)");
    FakeExport ro = {{"0.1", "", "1", "", ""}, {{0, 0}}};
    CHECK_STR(guarded("RNPV", 4, &ro), "(\"\"+0)");
    CHECK(expand("RNPV", 4, &ro) == NULL);

    FakeExport m = {{"rate", "A2:A6", "B2:B6", "C2:C6", "d"},
                    {{0, 0}, {5, 1}, {5, 1}, {5, 1}, {0, 0}}};
    CHECK_STR(guarded("MILESTONE_PV", 5, &m),
              "IF((N(rate)+SUMPRODUCT(A2:A6)+SUMPRODUCT(B2:B6)+SUMPRODUCT(C2:C6)+N(d))*0+"
              "ISERROR(rate+0)+SUMPRODUCT(ISTEXT(A2:A6)+ISLOGICAL(A2:A6))+"
              "SUMPRODUCT(ISTEXT(B2:B6)+ISLOGICAL(B2:B6))+"
              "SUMPRODUCT(ISTEXT(C2:C6)+ISLOGICAL(C2:C6))+ISERROR(d+0)>0,\"\"+0,"
              "IF(OR(rate<=-1,SUMPRODUCT((C2:C6<0)+(C2:C6>1))>0,"
              "SUMPRODUCT(--(B2:B6<0))>0,SUMPRODUCT(--(B2:B6+d<0))>0),SQRT(-1),"
              "SUMPRODUCT(A2:A6,(1+rate)^(-(B2:B6+d)),SUBTOTAL(6,OFFSET(INDEX(C2:C6,1),"
              "0,0,ROW(C2:C6)-ROW(INDEX(C2:C6,1))+1)))))");
}

/* Plain and guarded forms of the other eleven (DOMAIN.md §3.1-3.3,
 * §3.7-3.14); the same shapes are recalculated in LibreOffice by
 * tests/xlsx/models/valuation.vsheet and valuation_guarded.vsheet. */
static void
test_expand_rest(void)
{
    /* MATURITY */
    FakeExport mt = {{"A1:A4", "B1:B4", "", "", ""}, {{4, 1}, {4, 1}}};
    CHECK_STR(expand("MATURITY", 2, &mt), "SUMPRODUCT(A1:A4,B1:B4)/SUM(B1:B4)");
    mt.texts[2] = "5";
    CHECK_STR(expand("MATURITY", 3, &mt), "SUMPRODUCT(A1:A4,B1:B4)/SUM(B1:B4)/5");
    CHECK_STR(guarded("MATURITY", 3, &mt),
              "IF((SUMPRODUCT(A1:A4)+SUMPRODUCT(B1:B4))*0+"
              "SUMPRODUCT(ISTEXT(A1:A4)+ISLOGICAL(A1:A4))+"
              "SUMPRODUCT(ISTEXT(B1:B4)+ISLOGICAL(B1:B4))>0,\"\"+0,"
              "IF(OR(SUMPRODUCT(--(B1:B4<0))>0,SUMPRODUCT((A1:A4<0)+(A1:A4>5))>0),"
              "SQRT(-1),SUMPRODUCT(A1:A4,B1:B4)/SUM(B1:B4)/5))");
    mt.texts[2] = "";
    CHECK_STR(guarded("MATURITY", 2, &mt),
              "IF((SUMPRODUCT(A1:A4)+SUMPRODUCT(B1:B4))*0+"
              "SUMPRODUCT(ISTEXT(A1:A4)+ISLOGICAL(A1:A4))+"
              "SUMPRODUCT(ISTEXT(B1:B4)+ISLOGICAL(B1:B4))>0,\"\"+0,"
              "IF(OR(SUMPRODUCT(--(B1:B4<0))>0,SUMPRODUCT((A1:A4<0)+(A1:A4>1))>0),"
              "SQRT(-1),SUMPRODUCT(A1:A4,B1:B4)/SUM(B1:B4)))");
    mt.shapes[1][0] = 1; /* weights 1x1 against 4 scores */
    CHECK_STR(guarded("MATURITY", 2, &mt),
              "(SUMPRODUCT(A1:A4)+SUMPRODUCT(B1:B4))*0+(\"\"+0)");
    FakeExport ms = {{"0.4", "2", "0", "", ""}, {{0, 0}}};
    CHECK_STR(guarded("MATURITY", 3, &ms), "SQRT(-1)");

    /* TRL_PROB */
    FakeExport tp = {{"k", "J2:J10", "", "", ""}, {{0, 0}, {9, 1}}};
    CHECK_STR(expand("TRL_PROB", 2, &tp),
              "IF(AND(k=INT(k),k>=1,k<=9),INDEX(J2:J10,k),NA())");
    CHECK_STR(guarded("TRL_PROB", 2, &tp),
              "IF((N(k)+SUMPRODUCT(J2:J10))*0+ISERROR(k+0)+"
              "SUMPRODUCT(ISTEXT(J2:J10)+ISLOGICAL(J2:J10))>0,\"\"+0,"
              "IF(SUMPRODUCT((J2:J10<0)+(J2:J10>1))>0,SQRT(-1),"
              "IF(AND(k=INT(k),k>=1,k<=9),INDEX(J2:J10,k),NA())))");
    tp.shapes[1][0] = 8; /* 8 cells */
    CHECK_STR(guarded("TRL_PROB", 2, &tp),
              "(N(k)+SUMPRODUCT(J2:J10))*0+(\"\"+0)");
    tp.shapes[1][0] = 3; /* a 3x3 block */
    tp.shapes[1][1] = 3;
    CHECK_STR(guarded("TRL_PROB", 2, &tp),
              "(N(k)+SUMPRODUCT(J2:J10))*0+(\"\"+0)");
    tp.shapes[1][0] = 0; /* not a reference: counted in the workbook */
    tp.texts[0] = "6";
    tp.texts[1] = "T";
    CHECK_STR(guarded("TRL_PROB", 2, &tp),
              "IF((SUMPRODUCT(T))*0+SUMPRODUCT(ISTEXT(T)+ISLOGICAL(T))+"
              "(ROWS(T)*COLUMNS(T)<>9)+(MIN(ROWS(T),COLUMNS(T))>1)>0,\"\"+0,"
              "IF(SUMPRODUCT((T<0)+(T>1))>0,SQRT(-1),"
              "IF(AND(6=INT(6),6>=1,6<=9),INDEX(T,6),NA())))");

    /* PHASE_PROB: default and literal datasets pick their row now. */
    FakeExport ph = {{"2", "", "", "", ""}, {{0, 0}}};
    CHECK_STR(expand("PHASE_PROB", 1, &ph),
              "IF(AND(2=INT(2),2>=1,2<=4),INDEX({0.52,0.289,0.578,0.906},2),NA())");
    CHECK_STR(guarded("PHASE_PROB", 1, &ph),
              "IF(AND(2=INT(2),2>=1,2<=4),INDEX({0.52,0.289,0.578,0.906},2),NA())");
    ph.texts[1] = "\"bio2016_onc\"";
    CHECK_STR(expand("PHASE_PROB", 2, &ph),
              "IF(AND(2=INT(2),2>=1,2<=4),INDEX({0.628,0.246,0.401,0.824},2),NA())");
    ph.texts[1] = "\"DERMATOLOGY\"";
    CHECK_STR(expand("PHASE_PROB", 2, &ph), "NA()");
    ph.texts[0] = "p";
    CHECK_STR(guarded("PHASE_PROB", 2, &ph),
              "IF((N(p))*0+ISERROR(p+0)>0,\"\"+0,NA())");
    ph.texts[1] = "L2";
    CHECK_STR(expand("PHASE_PROB", 2, &ph),
              "IF(AND(p=INT(p),p>=1,p<=4),INDEX({0.52,0.289,0.578,0.906;"
              "0.632,0.307,0.581,0.853;0.628,0.246,0.401,0.824;"
              "0.635,0.343,0.637,0.859},MATCH(L2,{\"BIO2021\",\"BIO2016\","
              "\"BIO2016_ONC\",\"BIO2016_NONONC\"},0),p),NA())");
    ph.texts[0] = "3";
    CHECK_STR(guarded("PHASE_PROB", 2, &ph),
              "IF((N(L2))*0+NOT(ISTEXT(L2))>0,\"\"+0,"
              "IF(AND(3=INT(3),3>=1,3<=4),INDEX({0.52,0.289,0.578,0.906;"
              "0.632,0.307,0.581,0.853;0.628,0.246,0.401,0.824;"
              "0.635,0.343,0.637,0.859},MATCH(L2,{\"BIO2021\",\"BIO2016\","
              "\"BIO2016_ONC\",\"BIO2016_NONONC\"},0),3),NA()))");

    /* ROYALTY */
    FakeExport ry = {{"S", "E2:E4", "F2:F4", "", ""}, {{0, 0}, {3, 1}, {3, 1}}};
    CHECK_STR(expand("ROYALTY", 3, &ry),
              "SUMPRODUCT((S>E2:E4)*(S-E2:E4)*F2:F4)-SUMPRODUCT((S>INDEX(E2:E4,2):"
              "INDEX(E2:E4,3))*(S-INDEX(E2:E4,2):INDEX(E2:E4,3))*INDEX(F2:F4,1):"
              "INDEX(F2:F4,2))");
    ry.texts[3] = "1";
    CHECK_STR(expand("ROYALTY", 4, &ry),
              "IF(S<INDEX(E2:E4,1),0,S*LOOKUP(S,E2:E4,F2:F4))");
    ry.texts[3] = "m";
    CHECK_STR(expand("ROYALTY", 4, &ry),
              "IF(m=1,IF(S<INDEX(E2:E4,1),0,S*LOOKUP(S,E2:E4,F2:F4)),"
              "SUMPRODUCT((S>E2:E4)*(S-E2:E4)*F2:F4)-SUMPRODUCT((S>INDEX(E2:E4,2):"
              "INDEX(E2:E4,3))*(S-INDEX(E2:E4,2):INDEX(E2:E4,3))*INDEX(F2:F4,1):"
              "INDEX(F2:F4,2)))");
    ry.texts[3] = "1";
    CHECK_STR(guarded("ROYALTY", 4, &ry),
              "IF((N(S)+SUMPRODUCT(E2:E4)+SUMPRODUCT(F2:F4))*0+ISERROR(S+0)+"
              "SUMPRODUCT(ISTEXT(E2:E4)+ISLOGICAL(E2:E4))+"
              "SUMPRODUCT(ISTEXT(F2:F4)+ISLOGICAL(F2:F4))>0,\"\"+0,"
              "IF(OR(S<0,SUMPRODUCT(--(E2:E4<0))>0,SUMPRODUCT(--(INDEX(E2:E4,2):"
              "INDEX(E2:E4,3)<=INDEX(E2:E4,1):INDEX(E2:E4,2)))>0,"
              "SUMPRODUCT((F2:F4<0)+(F2:F4>1))>0),SQRT(-1),"
              "IF(S<INDEX(E2:E4,1),0,S*LOOKUP(S,E2:E4,F2:F4))))");
    /* A literal mode 2: no plain form; guarded it is #NUM!. */
    ry.texts[3] = "2";
    CHECK(expand("ROYALTY", 4, &ry) == NULL);
    ry.texts[0] = "400";
    ry.texts[1] = "0";
    ry.texts[2] = "0.05";
    ry.shapes[1][0] = 0;
    CHECK(expand("ROYALTY", 4, &ry) == NULL); /* tiers must be references */
    FakeExport r1 = {{"50", "E2", "F2", "m", ""}, {{0, 0}, {1, 1}, {1, 1}}};
    CHECK_STR(guarded("ROYALTY", 4, &r1),
              "IF((SUMPRODUCT(E2)+SUMPRODUCT(F2)+N(m))*0+"
              "SUMPRODUCT(ISTEXT(E2)+ISLOGICAL(E2))+"
              "SUMPRODUCT(ISTEXT(F2)+ISLOGICAL(F2))+ISERROR(m+0)>0,\"\"+0,"
              "IF(OR(SUMPRODUCT(--(E2<0))>0,SUMPRODUCT((F2<0)+(F2>1))>0,"
              "AND(m<>0,m<>1)),SQRT(-1),"
              "IF(m=1,IF(50<INDEX(E2,1),0,50*LOOKUP(50,E2,F2)),"
              "SUMPRODUCT((50>E2)*(50-E2)*F2))))");

    /* ROYALTY_PV: the tiers unrolled. */
    FakeExport rp = {{"r", "G2:G5", "C2:C5", "p", "E2:E3", "F2:F3", ""},
                     {{0, 0}, {4, 1}, {4, 1}, {0, 0}, {2, 1}, {2, 1}}};
    CHECK_STR(expand("ROYALTY_PV", 6, &rp),
              "p*(INDEX(F2:F3,1)*SUMPRODUCT((G2:G5>INDEX(E2:E3,1))*(G2:G5-"
              "INDEX(E2:E3,1)),(1+r)^(-C2:C5))+(INDEX(F2:F3,2)-INDEX(F2:F3,1))*"
              "SUMPRODUCT((G2:G5>INDEX(E2:E3,2))*(G2:G5-INDEX(E2:E3,2)),"
              "(1+r)^(-C2:C5)))");
    rp.texts[3] = "D2:D5";
    rp.shapes[3][0] = 4;
    rp.shapes[3][1] = 1;
    rp.texts[6] = "1";
    CHECK_STR(expand("ROYALTY_PV", 7, &rp),
              "INDEX(F2:F3,1)*SUMPRODUCT((G2:G5>=INDEX(E2:E3,1))*(G2:G5<"
              "INDEX(E2:E3,2))*G2:G5,D2:D5,(1+r)^(-C2:C5))+INDEX(F2:F3,2)*"
              "SUMPRODUCT((G2:G5>=INDEX(E2:E3,2))*G2:G5,D2:D5,(1+r)^(-C2:C5))");
    rp.texts[6] = "0";
    CHECK_STR(guarded("ROYALTY_PV", 7, &rp),
              "IF((N(r)+SUMPRODUCT(G2:G5)+SUMPRODUCT(C2:C5)+SUMPRODUCT(D2:D5)+"
              "SUMPRODUCT(E2:E3)+SUMPRODUCT(F2:F3))*0+ISERROR(r+0)+"
              "SUMPRODUCT(ISTEXT(G2:G5)+ISLOGICAL(G2:G5))+"
              "SUMPRODUCT(ISTEXT(C2:C5)+ISLOGICAL(C2:C5))+"
              "SUMPRODUCT(ISTEXT(D2:D5)+ISLOGICAL(D2:D5))+"
              "SUMPRODUCT(ISTEXT(E2:E3)+ISLOGICAL(E2:E3))+"
              "SUMPRODUCT(ISTEXT(F2:F3)+ISLOGICAL(F2:F3))>0,\"\"+0,"
              "IF(OR(r<=-1,SUMPRODUCT(--(G2:G5<0))>0,SUMPRODUCT(--(C2:C5<0))>0,"
              "SUMPRODUCT((D2:D5<0)+(D2:D5>1))>0,SUMPRODUCT(--(E2:E3<0))>0,"
              "SUMPRODUCT(--(INDEX(E2:E3,2):INDEX(E2:E3,2)<=INDEX(E2:E3,1):"
              "INDEX(E2:E3,1)))>0,SUMPRODUCT((F2:F3<0)+(F2:F3>1))>0),SQRT(-1),"
              "INDEX(F2:F3,1)*SUMPRODUCT((G2:G5>INDEX(E2:E3,1))*(G2:G5-INDEX(E2:E3,1)),"
              "D2:D5,(1+r)^(-C2:C5))+(INDEX(F2:F3,2)-INDEX(F2:F3,1))*"
              "SUMPRODUCT((G2:G5>INDEX(E2:E3,2))*(G2:G5-INDEX(E2:E3,2)),D2:D5,"
              "(1+r)^(-C2:C5))))");
    rp.texts[6] = "m"; /* a mode in a cell: both forms, chosen by IF */
    CHECK_STR(expand("ROYALTY_PV", 7, &rp),
              "IF(m=1,"
              "INDEX(F2:F3,1)*SUMPRODUCT((G2:G5>=INDEX(E2:E3,1))*(G2:G5<INDEX(E2:E3,2))*G2:G5,"
              "D2:D5,(1+r)^(-C2:C5))+"
              "INDEX(F2:F3,2)*SUMPRODUCT((G2:G5>=INDEX(E2:E3,2))*G2:G5,D2:D5,(1+r)^(-C2:C5)),"
              "INDEX(F2:F3,1)*SUMPRODUCT((G2:G5>INDEX(E2:E3,1))*(G2:G5-INDEX(E2:E3,1)),"
              "D2:D5,(1+r)^(-C2:C5))+(INDEX(F2:F3,2)-INDEX(F2:F3,1))*"
              "SUMPRODUCT((G2:G5>INDEX(E2:E3,2))*(G2:G5-INDEX(E2:E3,2)),D2:D5,"
              "(1+r)^(-C2:C5)))");
    rp.texts[6] = "";
    rp.shapes[2][0] = 3; /* times shorter than sales */
    CHECK_STR(guarded("ROYALTY_PV", 6, &rp),
              "(N(r)+SUMPRODUCT(G2:G5)+SUMPRODUCT(C2:C5)+SUMPRODUCT(D2:D5)+"
              "SUMPRODUCT(E2:E3)+SUMPRODUCT(F2:F3))*0+(\"\"+0)");

    /* ANTISTACK, RULE25 */
    FakeExport as = {{"roy", "tp", "0.5", "0.25", ""}, {{0, 0}}};
    CHECK_STR(expand("ANTISTACK", 4, &as), "MAX(roy-0.5*tp,0.25*roy)");
    CHECK_STR(guarded("ANTISTACK", 4, &as),
              "IF((N(roy)+N(tp))*0+ISERROR(roy+0)+ISERROR(tp+0)>0,\"\"+0,"
              "IF(OR(roy<0,tp<0),SQRT(-1),MAX(roy-0.5*tp,0.25*roy)))");
    as.texts[2] = "B1+C1";
    as.texts[3] = "1.5";
    CHECK_STR(guarded("ANTISTACK", 4, &as),
              "IF((N(roy)+N(tp)+N(B1+C1))*0+ISERROR(roy+0)+ISERROR(tp+0)+"
              "ISERROR((B1+C1)+0)>0,\"\"+0,SQRT(-1))");
    FakeExport ru = {{"B18", "", "", "", ""}, {{0, 0}}};
    CHECK_STR(expand("RULE25", 1, &ru), "0.25*B18");
    CHECK_STR(guarded("RULE25", 1, &ru),
              "IF((N(B18))*0+ISERROR(B18+0)>0,\"\"+0,IF(B18<0,SQRT(-1),0.25*B18))");
    ru.texts[1] = "s";
    CHECK_STR(expand("RULE25", 2, &ru), "s*B18");
    CHECK_STR(guarded("RULE25", 2, &ru),
              "IF((N(B18)+N(s))*0+ISERROR(B18+0)+ISERROR(s+0)>0,\"\"+0,"
              "IF(OR(B18<0,OR(s<0,s>1)),SQRT(-1),s*B18))");

    /* EQUIV_ROYALTY: the result rule after the division. */
    FakeExport eq = {{"5", "rate", "G2:G5", "C2:C5", "D2:D5"},
                     {{0, 0}, {0, 0}, {4, 1}, {4, 1}, {4, 1}}};
    CHECK_STR(expand("EQUIV_ROYALTY", 5, &eq),
              "5/SUMPRODUCT(G2:G5,D2:D5,(1+rate)^(-C2:C5))");
    CHECK_STR(guarded("EQUIV_ROYALTY", 5, &eq),
              "IF((N(rate)+SUMPRODUCT(G2:G5)+SUMPRODUCT(C2:C5)+SUMPRODUCT(D2:D5))*0+"
              "ISERROR(rate+0)+SUMPRODUCT(ISTEXT(G2:G5)+ISLOGICAL(G2:G5))+"
              "SUMPRODUCT(ISTEXT(C2:C5)+ISLOGICAL(C2:C5))+"
              "SUMPRODUCT(ISTEXT(D2:D5)+ISLOGICAL(D2:D5))>0,\"\"+0,"
              "IF(OR(SUMPRODUCT(--(G2:G5<0))>0,SUMPRODUCT(--(C2:C5<0))>0,rate<=-1,"
              "SUMPRODUCT((D2:D5<0)+(D2:D5>1))>0),SQRT(-1),"
              "IF(5/SUMPRODUCT(G2:G5,D2:D5,(1+rate)^(-C2:C5))>1,SQRT(-1),"
              "5/SUMPRODUCT(G2:G5,D2:D5,(1+rate)^(-C2:C5)))))");
    eq.texts[4] = "0.0787";
    eq.shapes[4][0] = 0;
    CHECK_STR(expand("EQUIV_ROYALTY", 5, &eq),
              "5/(0.0787*SUMPRODUCT(G2:G5,(1+rate)^(-C2:C5)))");
    eq.texts[4] = "E1:H1"; /* a row of probabilities against columns */
    eq.shapes[4][0] = 1;
    eq.shapes[4][1] = 4;
    CHECK_STR(guarded("EQUIV_ROYALTY", 5, &eq),
              "(N(rate)+SUMPRODUCT(G2:G5)+SUMPRODUCT(C2:C5)+SUMPRODUCT(E1:H1))*0+"
              "(\"\"+0)");

    /* BREAKEVEN_UPFRONT, RISKSHARE */
    FakeExport be = {{"B13", "C13", "", "", ""}, {{0, 0}}};
    CHECK_STR(expand("BREAKEVEN_UPFRONT", 2, &be), "B13-C13");
    be.texts[2] = "0.5";
    CHECK_STR(expand("BREAKEVEN_UPFRONT", 3, &be), "B13-C13-0.5");
    CHECK_STR(guarded("BREAKEVEN_UPFRONT", 3, &be),
              "IF((N(B13)+N(C13))*0+ISERROR(B13+0)+ISERROR(C13+0)>0,\"\"+0,"
              "B13-C13-0.5)");
    be.texts[0] = "8.589";
    be.texts[1] = "3.589";
    CHECK_STR(guarded("BREAKEVEN_UPFRONT", 3, &be), "8.589-3.589-0.5");
    FakeExport rs = {{"v", "a", "b", "c", ""}, {{0, 0}}};
    CHECK_STR(expand("RISKSHARE", 4, &rs), "v*a/SUM(a,b,c)");
    CHECK_STR(guarded("RISKSHARE", 4, &rs),
              "IF((N(v)+N(a)+N(b)+N(c))*0+ISERROR(v+0)+ISERROR(a+0)+ISERROR(b+0)+"
              "ISERROR(c+0)>0,\"\"+0,IF(OR(a<0,b<0,c<0),SQRT(-1),v*a/SUM(a,b,c)))");
    CHECK(expand("RISKSHARE", 2, &rs) == NULL);
    CHECK_STR(guarded("RISKSHARE", 2, &rs), "(N(v)+N(a))*0+(\"\"+0)");
    rs.texts[2] = ""; /* an omitted investment */
    CHECK(expand("RISKSHARE", 4, &rs) == NULL);
    CHECK_STR(guarded("RISKSHARE", 4, &rs), "(N(v)+N(a)+N(c))*0+(\"\"+0)");
    /* Many investors: beyond the first seven arguments. */
    FakeExport rm = {{"10", "1", "2", "3", "4", "5", "6", "7"}, {{0, 0}}};
    CHECK_STR(expand("RISKSHARE", 8, &rm), "10*1/SUM(1,2,3,4,5,6,7)");

    /* FAIL_NPV */
    FakeExport fn = {{"rate", "B2:B5", "C2:C5", "3", ""},
                     {{0, 0}, {4, 1}, {4, 1}, {0, 0}}};
    CHECK_STR(expand("FAIL_NPV", 4, &fn), "SUMPRODUCT(B2:B5,--(C2:C5<3),(1+rate)^(-C2:C5))");
    CHECK_STR(guarded("FAIL_NPV", 4, &fn),
              "IF((N(rate)+SUMPRODUCT(B2:B5)+SUMPRODUCT(C2:C5))*0+ISERROR(rate+0)+"
              "SUMPRODUCT(ISTEXT(B2:B5)+ISLOGICAL(B2:B5))+"
              "SUMPRODUCT(ISTEXT(C2:C5)+ISLOGICAL(C2:C5))>0,\"\"+0,"
              "IF(OR(rate<=-1,SUMPRODUCT(--(C2:C5<0))>0),SQRT(-1),"
              "SUMPRODUCT(B2:B5,--(C2:C5<3),(1+rate)^(-C2:C5))))");
    fn.texts[3] = "-3";
    fn.shapes[2][0] = 1;
    fn.shapes[2][1] = 4; /* times in a row */
    CHECK_STR(guarded("FAIL_NPV", 4, &fn),
              "(N(rate)+SUMPRODUCT(B2:B5)+SUMPRODUCT(C2:C5))*0+(\"\"+0)");
}

int
main(void)
{
    arena_init(&fx.arena);
    test_table();
    test_helpers();
    test_math();
    test_stat();
    test_logic();
    test_lookup();
    test_text();
    test_fin();
    test_cumprob();
    test_rnpv();
    test_milestone_pv();
    test_expand();
    test_expand_guarded_core();
    test_expand_rest();
    arena_free(&fx.arena);
    return test_report("test_stdlib");
}
