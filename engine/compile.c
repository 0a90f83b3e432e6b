/*
 * compile: AST -> RPN Program. One Compiler per book reuses its growable
 * buffers for every formula and keeps a hash table of the programs made,
 * so 100,000 rows of the same R1C1 formula cost one Program.
 *
 * Contexts: an expression is compiled either for its value (operands of
 * operators, conditions) or as a reference (function arguments and the
 * operands of ':'), so SUM(A1) sees a reference and A1+1 a value. Inside
 * the arguments of an FN_ARRAY function (SUMPRODUCT) operators are flagged
 * INSTR_ARRAY and work element-wise, as Excel evaluates them there.
 */
#include "compile.h"

#include <stdlib.h>
#include <string.h>

#include "fn.h"

struct Compiler {
    Arena *arena;
    const Program **slots;  /* hash table of programs; owned */
    uint32_t cap;
    uint32_t count;
    Instr *code;            /* working buffers; owned, reused */
    uint32_t n_code, cap_code;
    Value *consts;
    uint32_t n_consts, cap_consts;
    RefSpec *refs;
    uint32_t n_refs, cap_refs;
    const FnDef **fns;
    uint32_t n_fns, cap_fns;
    int32_t depth;          /* current stack depth */
    int32_t max_depth;
    uint32_t row0, col0;    /* anchor */
    bool array_mode;
    bool force_abs;         /* inside a defined name */
    bool is_volatile;
    bool is_random;
};

static void *
compile_grow(void *p, uint32_t *cap, size_t elem)
{
    uint32_t ncap = *cap ? *cap * 2 : 32;
    void *np = realloc(p, (size_t)ncap * elem);
    if (!np)
        arena_fatal("compiler");
    *cap = ncap;
    return np;
}

Compiler *
compile_new(Arena *a)
{
    Compiler *c = calloc(1, sizeof *c);
    if (!c)
        arena_fatal("compiler");
    c->arena = a;
    c->cap = 256;
    c->slots = calloc(c->cap, sizeof *c->slots);
    if (!c->slots)
        arena_fatal("compiler");
    return c;
}

void
compile_free(Compiler *c)
{
    if (!c)
        return;
    free(c->slots);
    free(c->code);
    free(c->consts);
    free(c->refs);
    free(c->fns);
    free(c);
}

uint32_t
compile_count(const Compiler *c)
{
    return c->count;
}

static uint32_t
compile_emit(Compiler *c, uint8_t op, uint16_t a, uint32_t b, int stack_effect)
{
    if (c->n_code == c->cap_code)
        c->code = compile_grow(c->code, &c->cap_code, sizeof *c->code);
    Instr *in = &c->code[c->n_code];
    in->op = op;
    in->flags = c->array_mode ? INSTR_ARRAY : 0;
    in->a = a;
    in->b = b;
    c->depth += stack_effect;
    if (c->depth > c->max_depth)
        c->max_depth = c->depth;
    return c->n_code++;
}

static void
compile_const(Compiler *c, Value v)
{
    if (c->n_consts == c->cap_consts)
        c->consts = compile_grow(c->consts, &c->cap_consts, sizeof *c->consts);
    c->consts[c->n_consts] = v;
    compile_emit(c, I_CONST, 0, c->n_consts++, 1);
}

static void
compile_ref(Compiler *c, const AstNode *n, bool want_ref)
{
    RefSpec r;
    memset(&r, 0, sizeof r);
    uint8_t abs = c->force_abs ? (REF_ABS_ROW0 | REF_ABS_COL0 | REF_ABS_ROW1 | REF_ABS_COL1)
                               : n->u.ref.abs;
    r.abs = abs;
    r.sheet = n->u.ref.sheet;
    r.area = n->b;
    r.row0 = (abs & REF_ABS_ROW0) ? (int32_t)n->u.ref.row0
                                  : (int32_t)n->u.ref.row0 - (int32_t)c->row0;
    r.col0 = (abs & REF_ABS_COL0) ? (int32_t)n->u.ref.col0
                                  : (int32_t)n->u.ref.col0 - (int32_t)c->col0;
    r.row1 = (abs & REF_ABS_ROW1) ? (int32_t)n->u.ref.row1
                                  : (int32_t)n->u.ref.row1 - (int32_t)c->row0;
    r.col1 = (abs & REF_ABS_COL1) ? (int32_t)n->u.ref.col1
                                  : (int32_t)n->u.ref.col1 - (int32_t)c->col0;
    if (!n->b) {
        r.row1 = r.row0;
        r.col1 = r.col0;
        r.abs = (uint8_t)((abs & 3) | ((abs & 3) << 2));
    }
    if (c->n_refs == c->cap_refs)
        c->refs = compile_grow(c->refs, &c->cap_refs, sizeof *c->refs);
    memcpy(&c->refs[c->n_refs], &r, sizeof r); /* keeps zeroed padding for hashing */
    compile_emit(c, (want_ref || n->b) ? I_REF : I_CELL, 0, c->n_refs++, 1);
}

static void compile_node(Compiler *c, const AstNode *n, bool want_ref);

static void
compile_if(Compiler *c, const AstNode *n, bool want_ref)
{
    const AstNode *const *args = (const AstNode *const *)n->u.call.args;
    compile_node(c, args[0], false);
    uint32_t jf = compile_emit(c, I_JMPF, 0, 0, -1);
    int32_t base = c->depth;
    compile_node(c, args[1], want_ref);
    uint32_t jend = compile_emit(c, I_JMP, 0, 0, 0);
    c->code[jf].b = c->n_code;
    c->depth = base;
    if (n->u.call.n_args > 2)
        compile_node(c, args[2], want_ref);
    else
        compile_const(c, value_bool(false));
    c->code[jend].b = c->n_code;
}

/* IFERROR, or IFNA (na_only): only #N/A is replaced. */
static void
compile_iferror(Compiler *c, const AstNode *n, bool want_ref, bool na_only)
{
    const AstNode *const *args = (const AstNode *const *)n->u.call.args;
    compile_node(c, args[0], want_ref);
    uint32_t j = compile_emit(c, I_IFERR, na_only ? 1 : 0, 0, -1);
    compile_node(c, args[1], want_ref);
    c->code[j].b = c->n_code;
}

/* IFS(c1, v1, c2, v2, ...): a chain of IFs ending in #N/A. An error in a
 * condition ends the chain with that error (I_JMPF jumps to the target of
 * the I_JMP just before its own target: this pair's exit). */
static void
compile_ifs(Compiler *c, const AstNode *n, bool want_ref)
{
    const AstNode *const *args = (const AstNode *const *)n->u.call.args;
    uint32_t ends[FN_MANY];
    uint32_t n_ends = 0;
    int32_t base = c->depth;
    for (uint32_t i = 0; i + 1 < n->u.call.n_args; i += 2) {
        compile_node(c, args[i], false);
        uint32_t jf = compile_emit(c, I_JMPF, 0, 0, -1);
        compile_node(c, args[i + 1], want_ref);
        ends[n_ends++] = compile_emit(c, I_JMP, 0, 0, 0);
        c->code[jf].b = c->n_code;
        c->depth = base;
    }
    compile_const(c, value_error(XE_NA));
    for (uint32_t i = 0; i < n_ends; i++)
        c->code[ends[i]].b = c->n_code;
}

/* CHOOSE(k, v1, ..., vn): I_CHOOSE, then a jump table of n I_JMPs, then
 * each value followed by a jump to the end; only the chosen one runs. */
static void
compile_choose(Compiler *c, const AstNode *n, bool want_ref)
{
    const AstNode *const *args = (const AstNode *const *)n->u.call.args;
    uint32_t n_choices = n->u.call.n_args - 1;
    uint32_t ends[FN_MANY];
    compile_node(c, args[0], false);
    uint32_t at = compile_emit(c, I_CHOOSE, (uint16_t)n_choices, 0, -1);
    int32_t base = c->depth;
    for (uint32_t i = 0; i < n_choices; i++)
        compile_emit(c, I_JMP, 0, 0, 0);
    for (uint32_t i = 0; i < n_choices; i++) {
        c->code[at + 1 + i].b = c->n_code;
        c->depth = base;
        compile_node(c, args[i + 1], want_ref);
        ends[i] = compile_emit(c, I_JMP, 0, 0, 0);
    }
    c->code[at].b = c->n_code;
    for (uint32_t i = 0; i < n_choices; i++)
        c->code[ends[i]].b = c->n_code;
}

/* SWITCH(expr, v1, r1, ..., [default]): expr stays on the stack while the
 * cases are compared with it (I_SWEQ); a match pops it and runs its
 * result, no match pops it and runs the default (or gives #N/A). An error
 * in expr is the result (I_JMPERR). */
static void
compile_switch(Compiler *c, const AstNode *n, bool want_ref)
{
    const AstNode *const *args = (const AstNode *const *)n->u.call.args;
    uint32_t n_args = n->u.call.n_args;
    uint32_t ends[FN_MANY];
    uint32_t n_ends = 0;
    compile_node(c, args[0], false);
    int32_t with_expr = c->depth;
    ends[n_ends++] = compile_emit(c, I_JMPERR, 0, 0, 0);
    uint32_t i = 1;
    for (; i + 1 < n_args; i += 2) {
        compile_node(c, args[i], false);
        uint32_t jn = compile_emit(c, I_SWEQ, 0, 0, -2); /* matched: both gone */
        compile_node(c, args[i + 1], want_ref);
        ends[n_ends++] = compile_emit(c, I_JMP, 0, 0, 0);
        c->code[jn].b = c->n_code;
        c->depth = with_expr;                          /* not matched */
    }
    compile_emit(c, I_POP, 0, 0, -1);
    if (i < n_args)
        compile_node(c, args[i], want_ref);
    else
        compile_const(c, value_error(XE_NA));
    for (uint32_t k = 0; k < n_ends; k++)
        c->code[ends[k]].b = c->n_code;
}

static void
compile_call(Compiler *c, const AstNode *n, bool want_ref)
{
    const FnDef *fn = n->u.call.fn;
    if (fn->flags & FN_LAZY) {
        if (strcmp(fn->name, "IF") == 0)
            compile_if(c, n, want_ref);
        else if (strcmp(fn->name, "IFS") == 0)
            compile_ifs(c, n, want_ref);
        else if (strcmp(fn->name, "CHOOSE") == 0)
            compile_choose(c, n, want_ref);
        else if (strcmp(fn->name, "SWITCH") == 0)
            compile_switch(c, n, want_ref);
        else if (strcmp(fn->name, "IFNA") == 0)
            compile_iferror(c, n, want_ref, true);
        else
            compile_iferror(c, n, want_ref, false);
        return;
    }
    bool saved = c->array_mode;
    if (fn->flags & FN_ARRAY)
        c->array_mode = true;
    for (uint32_t i = 0; i < n->u.call.n_args; i++)
        compile_node(c, n->u.call.args[i], true);
    c->array_mode = saved;
    if (fn->flags & FN_VOLATILE)
        c->is_volatile = true;
    if (fn->flags & FN_RANDOM)
        c->is_random = true;
    if (c->n_fns == c->cap_fns)
        c->fns = compile_grow(c->fns, &c->cap_fns, sizeof *c->fns);
    c->fns[c->n_fns] = fn;
    uint32_t at = compile_emit(c, I_CALL, (uint16_t)n->u.call.n_args, c->n_fns++,
                               1 - (int)n->u.call.n_args);
    if (n->u.call.n_args == 1 && strcmp(fn->name, "SUM") == 0)
        c->code[at].flags |= INSTR_SUM1;
}

static void
compile_node(Compiler *c, const AstNode *n, bool want_ref)
{
    switch (n->kind) {
    case AST_NUMBER:
        compile_const(c, value_number(n->u.num));
        break;
    case AST_STRING:
        compile_const(c, value_string(n->u.str));
        break;
    case AST_BOOL:
        compile_const(c, value_bool(n->b));
        break;
    case AST_ERROR:
        compile_const(c, value_error((ErrorCode)n->err));
        break;
    case AST_EMPTYARG:
        compile_const(c, value_emptyarg());
        break;
    case AST_ARRAY:
        compile_const(c, value_array(n->u.arr));
        break;
    case AST_REF:
        compile_ref(c, n, want_ref);
        break;
    case AST_NAME:
        if (!n->u.name.def || !n->u.name.def->expr) {
            compile_const(c, value_error(XE_NAME));
        } else {
            bool saved = c->force_abs;
            c->force_abs = true;
            compile_node(c, n->u.name.def->expr, want_ref);
            c->force_abs = saved;
        }
        break;
    case AST_CALL:
        if (!n->u.call.fn)
            compile_const(c, value_error(XE_NAME));
        else
            compile_call(c, n, want_ref);
        break;
    case AST_UNARY:
        compile_node(c, n->u.bin.a, false);
        if (n->op == OP_NEG)
            compile_emit(c, OP_NEG, 0, 0, 0);
        break;
    case AST_PERCENT:
        compile_node(c, n->u.bin.a, false);
        compile_emit(c, OP_PCT, 0, 0, 0);
        break;
    case AST_BINARY: {
        bool refs = n->op == OP_RANGE;
        compile_node(c, n->u.bin.a, refs);
        compile_node(c, n->u.bin.b, refs);
        compile_emit(c, n->op, 0, 0, -1);
        break;
    }
    }
}

/* ---- hash-consing ---- */

static uint32_t
compile_mix(uint32_t h, const void *p, size_t n)
{
    if (n == 0)
        return h;
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t
compile_hash_value(uint32_t h, Value v)
{
    h = compile_mix(h, &v.kind, 1);
    switch (v.kind) {
    case VK_NUMBER:
        return compile_mix(h, &v.u.num, sizeof v.u.num);
    case VK_STRING:
        return compile_mix(h, v.u.str->s, v.u.str->len);
    case VK_BOOL:
        return compile_mix(h, &v.u.b, 1);
    case VK_ERROR:
        return compile_mix(h, &v.err, 1);
    case VK_ARRAY:
        h = compile_mix(h, &v.u.arr->rows, sizeof v.u.arr->rows);
        h = compile_mix(h, &v.u.arr->cols, sizeof v.u.arr->cols);
        for (size_t i = 0; i < (size_t)v.u.arr->rows * v.u.arr->cols; i++)
            h = compile_hash_value(h, v.u.arr->v[i]);
        return h;
    default:
        return h;
    }
}

static bool
compile_value_eq(Value a, Value b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case VK_NUMBER:
        return memcmp(&a.u.num, &b.u.num, sizeof a.u.num) == 0;
    case VK_STRING:
        return a.u.str->len == b.u.str->len &&
               memcmp(a.u.str->s, b.u.str->s, a.u.str->len) == 0;
    case VK_BOOL:
        return a.u.b == b.u.b;
    case VK_ERROR:
        return a.err == b.err;
    case VK_ARRAY:
        if (a.u.arr->rows != b.u.arr->rows || a.u.arr->cols != b.u.arr->cols)
            return false;
        for (size_t i = 0; i < (size_t)a.u.arr->rows * a.u.arr->cols; i++)
            if (!compile_value_eq(a.u.arr->v[i], b.u.arr->v[i]))
                return false;
        return true;
    default:
        return true;
    }
}

static uint32_t
compile_hash_current(const Compiler *c)
{
    uint32_t h = 2166136261u;
    h = compile_mix(h, c->code, c->n_code * sizeof *c->code);
    for (uint32_t i = 0; i < c->n_consts; i++)
        h = compile_hash_value(h, c->consts[i]);
    h = compile_mix(h, c->refs, c->n_refs * sizeof *c->refs);
    h = compile_mix(h, c->fns, c->n_fns * sizeof *c->fns);
    return h;
}

static bool
compile_equal_current(const Compiler *c, const Program *p)
{
    if (p->n_code != c->n_code || p->n_consts != c->n_consts ||
        p->n_refs != c->n_refs || p->n_fns != c->n_fns)
        return false;
    /* memcmp must not see NULL even for length 0 (C11 7.24.1). */
    if ((c->n_code && memcmp(p->code, c->code, c->n_code * sizeof *c->code) != 0) ||
        (c->n_refs && memcmp(p->refs, c->refs, c->n_refs * sizeof *c->refs) != 0) ||
        (c->n_fns && memcmp(p->fns, c->fns, c->n_fns * sizeof *c->fns) != 0))
        return false;
    for (uint32_t i = 0; i < c->n_consts; i++)
        if (!compile_value_eq(p->consts[i], c->consts[i]))
            return false;
    return true;
}

/* Hash of a stored program is recomputed from its contents on growth. */
static uint32_t
compile_hash_program(const Program *p)
{
    uint32_t h = 2166136261u;
    h = compile_mix(h, p->code, p->n_code * sizeof *p->code);
    for (uint32_t i = 0; i < p->n_consts; i++)
        h = compile_hash_value(h, p->consts[i]);
    h = compile_mix(h, p->refs, p->n_refs * sizeof *p->refs);
    h = compile_mix(h, p->fns, p->n_fns * sizeof *p->fns);
    return h;
}

static void
compile_table_grow(Compiler *c)
{
    uint32_t ncap = c->cap * 2;
    const Program **ns = calloc(ncap, sizeof *ns);
    if (!ns)
        arena_fatal("compiler");
    for (uint32_t i = 0; i < c->cap; i++) {
        if (!c->slots[i])
            continue;
        uint32_t j = compile_hash_program(c->slots[i]) & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = ns;
    c->cap = ncap;
}

const Program *
compile_formula(Compiler *c, const AstNode *e, uint32_t row0, uint32_t col0)
{
    c->n_code = c->n_consts = c->n_refs = c->n_fns = 0;
    c->depth = c->max_depth = 0;
    c->row0 = row0;
    c->col0 = col0;
    c->array_mode = false;
    c->force_abs = false;
    c->is_volatile = false;
    c->is_random = false;
    compile_node(c, e, false);
    compile_emit(c, I_RET, 0, 0, 0);

    uint32_t h = compile_hash_current(c);
    uint32_t j = h & (c->cap - 1);
    while (c->slots[j]) {
        if (compile_equal_current(c, c->slots[j]))
            return c->slots[j];
        j = (j + 1) & (c->cap - 1);
    }
    Program *p = arena_zalloc(c->arena, sizeof *p);
    p->code = arena_dup(c->arena, c->code, c->n_code * sizeof *c->code);
    p->n_code = c->n_code;
    p->consts = arena_dup(c->arena, c->consts, c->n_consts * sizeof *c->consts);
    p->n_consts = c->n_consts;
    p->refs = arena_dup(c->arena, c->refs, c->n_refs * sizeof *c->refs);
    p->n_refs = c->n_refs;
    p->fns = arena_dup(c->arena, c->fns, c->n_fns * sizeof *c->fns);
    p->n_fns = c->n_fns;
    p->max_stack = (uint32_t)(c->max_depth > 0 ? c->max_depth : 1);
    p->is_volatile = c->is_volatile;
    p->is_random = c->is_random;
    c->slots[j] = p;
    c->count++;
    if (c->count * 2 > c->cap)
        compile_table_grow(c);
    return p;
}

bool
compile_ref_at(const RefSpec *r, uint32_t row0, uint32_t col0, RangeRef *out)
{
    int64_t r0 = (r->abs & REF_ABS_ROW0) ? r->row0 : (int64_t)row0 + r->row0;
    int64_t r1 = (r->abs & REF_ABS_ROW1) ? r->row1 : (int64_t)row0 + r->row1;
    int64_t c0 = (r->abs & REF_ABS_COL0) ? r->col0 : (int64_t)col0 + r->col0;
    int64_t c1 = (r->abs & REF_ABS_COL1) ? r->col1 : (int64_t)col0 + r->col1;
    if (r0 < 0 || r1 < 0 || c0 < 0 || c1 < 0 || r0 >= VS_MAX_ROWS ||
        r1 >= VS_MAX_ROWS || c0 >= VS_MAX_COLS || c1 >= VS_MAX_COLS)
        return false;
    out->sheet = r->sheet;
    out->row0 = (uint32_t)(r0 < r1 ? r0 : r1);
    out->row1 = (uint32_t)(r0 < r1 ? r1 : r0);
    out->col0 = (uint16_t)(c0 < c1 ? c0 : c1);
    out->col1 = (uint16_t)(c0 < c1 ? c1 : c0);
    return true;
}
