/*
 * target: the function-availability walk over a bound book (engine
 * module). Statements are walked rather than cells, so a formula filled
 * over 10,000 cells is reported once, where it is written.
 */
#include "target.h"

#include "fn.h"

static uint32_t
target_walk(Book *b, FnTarget t, const AstNode *n)
{
    uint32_t found = 0;
    switch (n->kind) {
    case AST_CALL: {
        const FnDef *fn = n->u.call.fn;
        if (fn && fn_target_lacks(t, fn->name)) {
            diag_warning(b->diags, n->span, "%s is not available in %s (it shows #NAME? "
                         "there)", fn->name, fn_target_label(t));
            found++;
        }
        for (uint32_t i = 0; i < n->u.call.n_args; i++)
            found += target_walk(b, t, n->u.call.args[i]);
        break;
    }
    case AST_UNARY:
    case AST_PERCENT:
        found += target_walk(b, t, n->u.bin.a);
        break;
    case AST_BINARY:
        found += target_walk(b, t, n->u.bin.a);
        found += target_walk(b, t, n->u.bin.b);
        break;
    default:
        break;
    }
    return found;
}

uint32_t
target_check(Book *b, FnTarget t)
{
    uint32_t found = 0;
    for (const Stmt *st = b->stmts; st; st = st->next) {
        if (st->kind != ST_CELLS && st->kind != ST_NAME)
            continue;
        for (uint32_t i = 0; i < st->n_items; i++)
            if (st->items[i])
                found += target_walk(b, t, st->items[i]);
    }
    return found;
}
