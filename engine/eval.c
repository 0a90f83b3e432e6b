/*
 * eval: the virtual machine. Dispatch goes through vmdispatch/vmcase/
 * vmbreak so computed goto can replace the switch later without a rewrite
 * (Lua's lvm.c).
 *
 * Operators follow Excel: the left operand's error wins, then the right's;
 * outside array context a multi-cell reference is reduced by implicit
 * intersection (fn_scalar); inside it (SUMPRODUCT's arguments) operators
 * work element-wise and broadcast single rows, columns and scalars.
 *
 * Dynamic references (OFFSET, INDIRECT). The graph knows only the
 * references written in formulas, so a cell reading through OFFSET or
 * INDIRECT may come before the cells it reads in the graph's order. The
 * rule that keeps this sound, as Excel's calculation chain does, is: every
 * formula cell to be evaluated in a pass is flagged CELL_DIRTY first, and
 * every read during evaluation (I_CELL and the stdlib's cell reader) goes
 * through eval_read, which notes the first dirty cell read. An evaluation
 * that read one is thrown away: the cell stays dirty, waits on that cell,
 * and is evaluated again as soon as it is done (a waiter list per cell, an
 * explicit stack; nothing recurses along chains). Cells reading a waiting
 * cell statically read a dirty cell and wait too. What still waits at the
 * end of the pass waits in a cycle through a dynamic reference: those
 * cells get #CIRC! and the cycle is reported with its path. OFFSET and
 * INDIRECT are volatile, so an incremental recalc re-evaluates them (and
 * their dependents) every time and they see edits to any cell they read.
 * Without dynamic references no read is ever dirty and the pass is the
 * plain topological sweep.
 */
#include "eval.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fn.h"
#include "graph.h"
#include "indirect.h"

/* One evaluation pass: what FnCtx.book points to while a program runs. */
typedef struct EvalRun {
    Book *b;
    bool track;         /* a recalc pass: dirty reads block */
    uint32_t blocked;   /* first dirty formula cell read, or UINT32_MAX */
} EvalRun;

/* The cell reader of a pass (FnCellReader): a formula cell not yet
 * computed in this pass reads as empty and blocks the evaluation. */
static Value
eval_read(const void *run, uint32_t sheet, uint32_t row0, uint32_t col0)
{
    EvalRun *r = (EvalRun *)run;
    const Book *b = r->b;
    uint32_t id = book_cell_id(b, sheet, row0, col0);
    if (id == UINT32_MAX)
        return value_empty();
    const Cell *c = &b->cells[id];
    if (r->track && (c->flags & CELL_DIRTY) && c->f) {
        if (r->blocked == UINT32_MAX)
            r->blocked = id;
        return value_empty();
    }
    return c->value;
}

/* FnColumnReader of a pass: eval_read over a column run, through the
 * column's page table once per page. It stops before a cell eval_read
 * would block on, so the caller's own read of that cell blocks exactly as
 * it always did. */
static uint32_t
eval_read_column(const void *run, uint32_t sheet, uint32_t col0, uint32_t row0, uint32_t n,
                 Value *out)
{
    const EvalRun *r = run;
    const Book *b = r->b;
    const ColumnIndex *ci = sheet < b->n_sheets && col0 < b->sheets[sheet].n_cols
                                ? &b->sheets[sheet].cols[col0]
                                : NULL;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t row = row0 + i, page = row / BOOK_PAGE_ROWS;
        uint32_t id1 = ci && page < ci->n_pages && ci->pages[page]
                           ? ci->pages[page][row % BOOK_PAGE_ROWS]
                           : 0;
        if (!id1) {
            out[i] = value_empty();
            continue;
        }
        const Cell *c = &b->cells[id1 - 1];
        if (r->track && (c->flags & CELL_DIRTY) && c->f)
            return i;
        out[i] = c->value;
    }
    return n;
}

/* FnResolver for INDIRECT. */
static bool
eval_resolve(const void *run, const char *text, size_t n, bool a1, uint32_t sheet,
             uint32_t row0, uint32_t col0, RangeRef *out)
{
    return indirect_resolve(((const EvalRun *)run)->b, text, n, a1, sheet, row0, col0,
                            out);
}

#define vmdispatch(o) switch (o)
#define vmcase(l) case l:
#define vmbreak break

static Value
eval_arith(uint8_t op, double x, double y)
{
    switch (op) {
    case OP_ADD:
        return value_number(x + y);
    case OP_SUB:
        return value_number(x - y);
    case OP_MUL:
        return value_number(x * y);
    case OP_DIV:
        if (y == 0)
            return value_error(XE_DIV0);
        return value_number(x / y);
    case OP_POW:
        if (x == 0 && y == 0)
            return value_error(XE_NUM);
        if (x == 0 && y < 0)
            return value_error(XE_DIV0);
        return value_number(pow(x, y));
    default:
        return value_error(XE_VALUE);
    }
}

static Value
eval_scalar_binop(FnCtx *cx, uint8_t op, Value a, Value b)
{
    if (a.kind == VK_ERROR)
        return a;
    if (b.kind == VK_ERROR)
        return b;
    if (op >= OP_EQ && op <= OP_GE) {
        int c = value_compare(a, b);
        bool r = false;
        switch (op) {
        case OP_EQ: r = c == 0; break;
        case OP_NE: r = c != 0; break;
        case OP_LT: r = c < 0; break;
        case OP_LE: r = c <= 0; break;
        case OP_GT: r = c > 0; break;
        default: r = c >= 0; break;
        }
        return value_bool(r);
    }
    if (op == OP_CONCAT) {
        StrBuf sb;
        strbuf_init(&sb);
        ErrorCode e = XE_NONE;
        value_to_text(a, &sb, &e);
        value_to_text(b, &sb, &e);
        Value r;
        if (str_utf8_len(sb.data ? sb.data : "", sb.len) > VS_MAX_STRLEN)
            r = value_error(XE_VALUE);
        else
            r = fn_make_string(cx, sb.data ? sb.data : "", sb.len);
        strbuf_free(&sb);
        return r;
    }
    double x, y;
    ErrorCode e;
    if (!value_to_number(a, &x, &e))
        return value_error(e);
    if (!value_to_number(b, &y, &e))
        return value_error(e);
    return eval_arith(op, x, y);
}

static Value
eval_scalar_unop(uint8_t op, Value a)
{
    if (a.kind == VK_ERROR)
        return a;
    double x;
    ErrorCode e;
    if (!value_to_number(a, &x, &e))
        return value_error(e);
    return value_number(op == OP_NEG ? -x : x / 100);
}

static bool
eval_is_matrix(Value v)
{
    return v.kind == VK_RANGE || v.kind == VK_ARRAY;
}

/* Element (r, c) of an operand in an element-wise operation: a dimension
 * of 1 is broadcast, a position beyond the operand is #N/A (Excel). */
static Value
eval_elem(FnCtx *cx, Value v, uint32_t r, uint32_t c)
{
    if (!eval_is_matrix(v))
        return v;
    uint32_t rows = fn_value_rows(v), cols = fn_value_cols(v);
    uint32_t rr = rows == 1 ? 0 : r, cc = cols == 1 ? 0 : c;
    if (rr >= rows || cc >= cols)
        return value_error(XE_NA);
    return fn_value_at(cx, v, rr, cc);
}

static Value
eval_binop(FnCtx *cx, const Instr *in, Value a, Value b)
{
    if (a.kind == VK_NUMBER && b.kind == VK_NUMBER)
        return in->op <= OP_POW ? eval_arith(in->op, a.u.num, b.u.num)
                                : eval_scalar_binop(cx, in->op, a, b);
    if (!(in->flags & INSTR_ARRAY) || (!eval_is_matrix(a) && !eval_is_matrix(b))) {
        if (eval_is_matrix(a))
            a = fn_scalar(cx, a);
        if (eval_is_matrix(b))
            b = fn_scalar(cx, b);
        return eval_scalar_binop(cx, in->op, a, b);
    }
    uint32_t ra = fn_value_rows(a), ca = fn_value_cols(a);
    uint32_t rb = fn_value_rows(b), cb = fn_value_cols(b);
    uint32_t rows = ra > rb ? ra : rb, cols = ca > cb ? ca : cb;
    Array *arr = value_array_new(cx->scratch, rows, cols);
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t c = 0; c < cols; c++)
            arr->v[(size_t)r * cols + c] = eval_scalar_binop(
                cx, in->op, eval_elem(cx, a, r, c), eval_elem(cx, b, r, c));
    return value_array(arr);
}

static Value
eval_unop(FnCtx *cx, const Instr *in, Value a)
{
    if (!eval_is_matrix(a))
        return eval_scalar_unop(in->op, a);
    if (!(in->flags & INSTR_ARRAY))
        return eval_scalar_unop(in->op, fn_scalar(cx, a));
    uint32_t rows = fn_value_rows(a), cols = fn_value_cols(a);
    Array *arr = value_array_new(cx->scratch, rows, cols);
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t c = 0; c < cols; c++)
            arr->v[(size_t)r * cols + c] =
                eval_scalar_unop(in->op, fn_value_at(cx, a, r, c));
    return value_array(arr);
}

/* The ':' operator on two references: the smallest area covering both. */
static Value
eval_range_op(FnCtx *cx, Value a, Value b)
{
    if (a.kind == VK_ERROR)
        return a;
    if (b.kind == VK_ERROR)
        return b;
    if (a.kind != VK_RANGE || b.kind != VK_RANGE ||
        a.u.range->sheet != b.u.range->sheet)
        return value_error(XE_VALUE);
    RangeRef *r = arena_alloc(cx->scratch, sizeof *r);
    const RangeRef *x = a.u.range, *y = b.u.range;
    r->sheet = x->sheet;
    r->row0 = x->row0 < y->row0 ? x->row0 : y->row0;
    r->row1 = x->row1 > y->row1 ? x->row1 : y->row1;
    r->col0 = x->col0 < y->col0 ? x->col0 : y->col0;
    r->col1 = x->col1 > y->col1 ? x->col1 : y->col1;
    return value_range(r);
}

static Value
eval_result(FnCtx *cx, Value v)
{
    if (v.kind == VK_RANGE)
        v = fn_scalar(cx, v);
    else if (v.kind == VK_ARRAY)
        v = v.u.arr->rows && v.u.arr->cols ? v.u.arr->v[0] : value_error(XE_VALUE);
    if (v.kind == VK_EMPTY || v.kind == VK_EMPTYARG)
        return value_number(0);
    return v;
}

/* Prefix sums for running totals. SUM($A$2:A2) filled down 100,000 rows
 * costs n^2/2 cell reads if each SUM starts afresh; but within one
 * recalculation the cells of a range are final once its SUM is evaluated
 * (the graph orders the range's formula cells first), so the SUM of
 * A2:Ak can be the cached SUM of A2:Aj (j < k) plus rows j+1..k. Rows are
 * appended in row-major order, so the first error met and the left-to-
 * right summation order are those of a plain SUM. Keyed by the range
 * without its last row; cleared at the start of every recalculation. */
typedef struct SumEntry {
    RangeRef r;         /* row1 is the last row summed; sheet UINT32_MAX: free */
    Value v;            /* number or error */
} SumEntry;

typedef struct SumCache {
    SumEntry *slots;    /* owned */
    uint32_t cap;
    uint32_t count;
} SumCache;

static uint32_t
eval_sum_hash(const RangeRef *r)
{
    uint32_t h = r->sheet * 2654435761u ^ r->row0 * 40503u;
    h ^= ((uint32_t)r->col0 << 16 | r->col1) * 2246822519u;
    return h ^ (h >> 15);
}

static SumEntry *
eval_sum_slot(SumCache *sc, const RangeRef *r)
{
    uint32_t j = eval_sum_hash(r) & (sc->cap - 1);
    while (sc->slots[j].r.sheet != UINT32_MAX) {
        const RangeRef *e = &sc->slots[j].r;
        if (e->sheet == r->sheet && e->row0 == r->row0 && e->col0 == r->col0 &&
            e->col1 == r->col1)
            return &sc->slots[j];
        j = (j + 1) & (sc->cap - 1);
    }
    return &sc->slots[j];
}

static void
eval_sum_reset(Book *b)
{
    SumCache *sc = b->sums;
    if (!sc) {
        sc = calloc(1, sizeof *sc);
        if (!sc)
            arena_fatal("sum cache");
        b->sums = sc;
    }
    free(sc->slots);
    sc->cap = 64;
    sc->count = 0;
    sc->slots = malloc(sc->cap * sizeof *sc->slots);
    if (!sc->slots)
        arena_fatal("sum cache");
    for (uint32_t i = 0; i < sc->cap; i++)
        sc->slots[i].r.sheet = UINT32_MAX;
}

static void
eval_sum_store(SumCache *sc, const RangeRef *r, Value v)
{
    if ((sc->count + 1) * 2 > sc->cap) {
        SumEntry *old = sc->slots;
        uint32_t old_cap = sc->cap;
        sc->cap *= 2;
        sc->slots = malloc(sc->cap * sizeof *sc->slots);
        if (!sc->slots)
            arena_fatal("sum cache");
        for (uint32_t i = 0; i < sc->cap; i++)
            sc->slots[i].r.sheet = UINT32_MAX;
        for (uint32_t i = 0; i < old_cap; i++)
            if (old[i].r.sheet != UINT32_MAX)
                *eval_sum_slot(sc, &old[i].r) = old[i];
        free(old);
    }
    SumEntry *e = eval_sum_slot(sc, r);
    if (e->r.sheet == UINT32_MAX)
        sc->count++;
    e->r = *r;
    e->v = v;
}

/* SUM of one reference, extending a cached prefix when there is one. */
static Value
eval_sum_range(Book *b, FnCtx *cx, const FnDef *fn, Value arg)
{
    const EvalRun *run = cx->book;
    SumCache *sc = b->sums;
    if (!sc || arg.kind != VK_RANGE)
        return fn->impl(cx, 1, &arg);
    const RangeRef *r = arg.u.range;
    SumEntry *e = eval_sum_slot(sc, r);
    Value v;
    if (e->r.sheet != UINT32_MAX && e->r.row1 < r->row1) {
        v = e->v;
        if (v.kind == VK_NUMBER) {
            RangeRef rest = *r;
            rest.row0 = e->r.row1 + 1;
            Value tail = fn->impl(cx, 1, &(Value){.kind = VK_RANGE, .u.range = &rest});
            v = tail.kind == VK_NUMBER ? value_number(v.u.num + tail.u.num) : tail;
        }
    } else if (e->r.sheet != UINT32_MAX && e->r.row1 == r->row1) {
        v = e->v;
    } else {
        v = fn->impl(cx, 1, &arg);
    }
    if ((v.kind == VK_NUMBER || v.kind == VK_ERROR) && run->blocked == UINT32_MAX)
        eval_sum_store(sc, r, v);
    return v;
}

/* FnUsedArea over the book's sheets. */
static void
eval_used_area(const void *run, uint32_t sheet, uint32_t *rows, uint32_t *cols)
{
    const Book *b = ((const EvalRun *)run)->b;
    *rows = sheet < b->n_sheets ? b->sheets[sheet].max_row1 : 0;
    *cols = sheet < b->n_sheets ? b->sheets[sheet].max_col1 : 0;
}

enum { EVAL_STACK = 256 };

static Value
eval_run_program(EvalRun *run, const Program *p, uint32_t sheet, uint32_t row0,
                 uint32_t col0)
{
    Book *b = run->b;
    FnCtx cx = {&b->scratch, run, eval_read, sheet, row0, col0,
                b->sampler, 0, eval_used_area, eval_resolve, eval_read_column};
    Value small[EVAL_STACK];
    Value *stack = small;
    if (p->max_stack > EVAL_STACK)
        stack = arena_alloc(&b->scratch, p->max_stack * sizeof *stack);
    uint32_t sp = 0;
    const Instr *code = p->code;
    for (uint32_t pc = 0;;) {
        const Instr *in = &code[pc++];
        vmdispatch(in->op) {
            vmcase(I_CONST) {
                stack[sp++] = p->consts[in->b];
                vmbreak;
            }
            vmcase(I_CELL) {
                RangeRef rr;
                if (compile_ref_at(&p->refs[in->b], row0, col0, &rr))
                    stack[sp++] = eval_read(run, rr.sheet, rr.row0, rr.col0);
                else
                    stack[sp++] = value_error(XE_REF);
                vmbreak;
            }
            vmcase(I_REF) {
                RangeRef *rr = arena_alloc(&b->scratch, sizeof *rr);
                if (compile_ref_at(&p->refs[in->b], row0, col0, rr))
                    stack[sp++] = value_range(rr);
                else
                    stack[sp++] = value_error(XE_REF);
                vmbreak;
            }
            vmcase(I_CALL) {
                const FnDef *fn = p->fns[in->b];
                uint32_t argc = in->a;
                Value r = (in->flags & INSTR_SUM1)
                              ? eval_sum_range(b, &cx, fn, stack[sp - 1])
                              : fn->impl(&cx, (int)argc, stack + sp - argc);
                sp -= argc;
                stack[sp++] = r;
                vmbreak;
            }
            vmcase(I_JMPF) {
                Value c = stack[--sp];
                if (eval_is_matrix(c))
                    c = fn_scalar(&cx, c);
                bool t;
                ErrorCode e;
                if (!value_to_bool(c, &t, &e)) {
                    stack[sp++] = value_error(e);
                    pc = code[in->b - 1].b;
                } else if (!t) {
                    pc = in->b;
                }
                vmbreak;
            }
            vmcase(I_JMP) {
                pc = in->b;
                vmbreak;
            }
            vmcase(I_IFERR) {
                Value v = stack[sp - 1];
                if (eval_is_matrix(v) && v.kind == VK_RANGE &&
                    v.u.range->row0 == v.u.range->row1 &&
                    v.u.range->col0 == v.u.range->col1)
                    v = fn_scalar(&cx, v);
                if (v.kind != VK_ERROR || (in->a && v.err != XE_NA))
                    pc = in->b;
                else
                    sp--;
                vmbreak;
            }
            vmcase(I_CHOOSE) {
                Value k = stack[--sp];
                if (eval_is_matrix(k))
                    k = fn_scalar(&cx, k);
                double x;
                ErrorCode e = XE_NONE;
                if (!value_to_number(k, &x, &e)) {
                    stack[sp++] = value_error(e);
                    pc = in->b;
                } else if (!(x >= 1 && x < (double)in->a + 1)) {
                    stack[sp++] = value_error(XE_VALUE);
                    pc = in->b;
                } else {
                    pc += (uint32_t)x - 1; /* into the jump table */
                }
                vmbreak;
            }
            vmcase(I_JMPERR) {
                if (eval_is_matrix(stack[sp - 1]))
                    stack[sp - 1] = fn_scalar(&cx, stack[sp - 1]);
                if (stack[sp - 1].kind == VK_ERROR)
                    pc = in->b;
                vmbreak;
            }
            vmcase(I_SWEQ) {
                Value v = stack[--sp];
                if (eval_is_matrix(v))
                    v = fn_scalar(&cx, v);
                Value e = stack[sp - 1];
                /* Same type and value, text without case (an empty
                 * expression equals 0 and ""); an error case never
                 * matches. */
                if (v.kind != VK_ERROR && value_compare(e, v) == 0)
                    sp--;
                else
                    pc = in->b;
                vmbreak;
            }
            vmcase(I_POP) {
                sp--;
                vmbreak;
            }
            vmcase(I_RET) {
                return eval_result(&cx, stack[sp - 1]);
            }
            vmcase(OP_NEG)
            vmcase(OP_PCT) {
                stack[sp - 1] = eval_unop(&cx, in, stack[sp - 1]);
                vmbreak;
            }
            vmcase(OP_RANGE) {
                sp--;
                stack[sp - 1] = eval_range_op(&cx, stack[sp - 1], stack[sp]);
                vmbreak;
            }
            default: {
                sp--;
                stack[sp - 1] = eval_binop(&cx, in, stack[sp - 1], stack[sp]);
                vmbreak;
            }
        }
    }
}

Value
eval_program(Book *b, const Program *p, uint32_t sheet, uint32_t row0,
             uint32_t col0)
{
    EvalRun run = {b, false, UINT32_MAX};
    return eval_run_program(&run, p, sheet, row0, col0);
}

/* Stores a result in its cell; text is copied out of the scratch arena. */
static void
eval_store(Book *b, Cell *c, Value v)
{
    if (v.kind == VK_STRING)
        v = value_string(str_new(&b->arena, v.u.str->s, v.u.str->len));
    c->value = v;
    c->flags &= (uint8_t)~CELL_DIRTY;
}

/* Cells waiting for another to be computed (see the file comment). The
 * arrays are allocated on the first wait of a pass. */
typedef struct Waits {
    uint32_t *head;     /* per cell: first waiter, UINT32_MAX none; owned */
    uint32_t *next;     /* per cell: next waiter on the same cell; owned */
    uint32_t *on;       /* per cell: the cell it waits on, or UINT32_MAX */
    uint32_t *ready;    /* stack of released waiters; owned */
    uint32_t n_ready;
    uint32_t n_waiting;
} Waits;

static void
eval_wait(Book *b, Waits *w, uint32_t id, uint32_t on)
{
    if (!w->head) {
        size_t n = (size_t)b->n_cells + 1;
        w->head = malloc(n * sizeof *w->head);
        w->next = malloc(n * sizeof *w->next);
        w->on = malloc(n * sizeof *w->on);
        w->ready = malloc(n * sizeof *w->ready);
        if (!w->head || !w->next || !w->on || !w->ready)
            arena_fatal("evaluation order");
        memset(w->head, 0xff, n * sizeof *w->head);
        memset(w->on, 0xff, n * sizeof *w->on);
    }
    w->next[id] = w->head[on];
    w->head[on] = id;
    w->on[id] = on;
    w->n_waiting++;
}

/* Cell id is final for this pass: its waiters may run again. */
static void
eval_release(Waits *w, uint32_t id)
{
    if (!w->head)
        return;
    for (uint32_t x = w->head[id]; x != UINT32_MAX; x = w->next[x]) {
        w->on[x] = UINT32_MAX;
        w->ready[w->n_ready++] = x;
        w->n_waiting--;
    }
    w->head[id] = UINT32_MAX;
}

/* Evaluates cell id and, while evaluations finish, the waiters they
 * release. Returns the number of evaluations. */
static uint32_t
eval_cell_and_waiters(Book *b, Waits *w, uint32_t id, ArenaMark mark)
{
    uint32_t done = 0;
    for (;;) {
        Cell *c = &b->cells[id];
        if (c->flags & CELL_DIRTY) {
            EvalRun run = {b, true, UINT32_MAX};
            Value r = eval_run_program(&run, c->f->prog, c->sheet, c->row0, c->col0);
            done++;
            if (run.blocked == UINT32_MAX) {
                eval_store(b, c, r);
                eval_release(w, id);
            } else {
                eval_wait(b, w, id, run.blocked);
            }
            arena_reset_to(&b->scratch, mark);
        }
        if (!w->n_ready)
            return done;
        id = w->ready[--w->n_ready];
    }
}

/* What still waits at the end of a pass waits in a cycle: each cycle is
 * reported once with its path, and every waiting cell gets #CIRC!. */
static void
eval_dynamic_cycles(Book *b, Waits *w)
{
    Graph *g = b->graph;
    for (uint32_t id = 0; id < b->n_cells; id++) {
        if (w->on[id] == UINT32_MAX)
            continue;
        /* Follow the waits to a cell met twice: it is on the cycle. */
        uint32_t x = id;
        for (uint32_t steps = 0; steps <= b->n_cells && w->on[x] != UINT32_MAX; steps++)
            x = w->on[x];
        StrBuf msg;
        strbuf_init(&msg);
        char name[300];
        uint32_t start = x, shown = 0;
        bool open = w->on[start] != UINT32_MAX;
        do {
            Cell *c = &b->cells[x];
            book_cell_name(b, c->sheet, c->row0, c->col0, name, sizeof name);
            if (shown++ <= 30)
                strbuf_printf(&msg, "%s%s", shown > 1 ? " -> " : "", name);
            uint32_t next = w->on[x];
            w->on[x] = UINT32_MAX;
            c->value = value_error(XE_CIRC);
            c->flags &= (uint8_t)~CELL_DIRTY;
            x = next;
        } while (x != UINT32_MAX && x != start && w->on[x] != UINT32_MAX);
        if (open) {
            book_cell_name(b, b->cells[start].sheet, b->cells[start].row0,
                           b->cells[start].col0, name, sizeof name);
            strbuf_printf(&msg, " -> %s", name);
            diag_error(b->diags, b->cells[start].span,
                       "circular reference through OFFSET or INDIRECT: %s", msg.data);
            g->n_dyn_cycles++;
        }
        strbuf_free(&msg);
    }
    /* Cells that waited on a cycle member also wait forever. */
    for (uint32_t id = 0; id < b->n_cells; id++) {
        if (w->on[id] != UINT32_MAX) {
            b->cells[id].value = value_error(XE_CIRC);
            b->cells[id].flags &= (uint8_t)~CELL_DIRTY;
            w->on[id] = UINT32_MAX;
        }
    }
}

uint32_t
eval_recalc(Book *b, bool full)
{
    Graph *g = b->graph;
    ArenaMark mark = arena_mark(&b->scratch);
    uint32_t done = 0;
    Waits w = {0};
    eval_sum_reset(b);
    g->n_dyn_cycles = 0;
    const uint32_t *list;
    uint32_t n;
    if (full) {
        g->n_dirty = 0; /* everything is evaluated anyway */
        for (uint32_t i = 0; i < g->n_order; i++) {
            uint32_t v = g->order[i];
            if (v < g->n_cells && b->cells[v].f && !(b->cells[v].flags & CELL_CIRC))
                b->cells[v].flags |= CELL_DIRTY;
        }
        list = g->order;
        n = g->n_order;
    } else {
        for (uint32_t i = 0; i < g->n_volatiles; i++)
            graph_mark_dependents(g, b, g->volatiles[i]);
        list = graph_take_dirty(g, &n);
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t id = list[i];
        if (id >= g->n_cells)
            continue;
        Cell *c = &b->cells[id];
        if (!c->f)
            continue;
        if (c->flags & CELL_CIRC) {
            c->flags &= (uint8_t)~CELL_DIRTY;
            eval_release(&w, id);
            done += eval_cell_and_waiters(b, &w, id, mark);
            continue;
        }
        done += eval_cell_and_waiters(b, &w, id, mark);
    }
    if (w.head && w.n_waiting)
        eval_dynamic_cycles(b, &w);
    free(w.head);
    free(w.next);
    free(w.on);
    free(w.ready);
    return done;
}

void
eval_free_caches(Book *b)
{
    SumCache *sc = b->sums;
    if (sc) {
        free(sc->slots);
        free(sc);
        b->sums = NULL;
    }
}
