/*
 * graph: building the dependency graph, ordering it and finding cycles,
 * all without recursion so a 1,000,000-long chain needs no C stack.
 */
#include "graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "compile.h"
#include "diag.h"

/* A per-node array: on a million-cell book each is megabytes, first
 * touched right here, so it gets the huge-page hint before any write. */
static void *
graph_array(size_t n, size_t size, bool zero)
{
    void *p = malloc(n * size + 1);
    if (!p)
        arena_fatal("graph");
    arena_hint_huge(p, n * size);
    if (zero)
        memset(p, 0, n * size);
    return p;
}

typedef struct EdgeVec {
    uint32_t *from;     /* owned */
    uint32_t *to;       /* owned */
    uint32_t n, cap;
} EdgeVec;

static void
graph_edge(EdgeVec *e, uint32_t from, uint32_t to)
{
    if (e->n == e->cap) {
        uint32_t ncap = e->cap ? e->cap * 2 : 1024;
        uint32_t *nf = realloc(e->from, (size_t)ncap * sizeof *nf);
        if (!nf)
            arena_fatal("graph edges");
        e->from = nf;
        uint32_t *nt = realloc(e->to, (size_t)ncap * sizeof *nt);
        if (!nt)
            arena_fatal("graph edges");
        e->to = nt;
        e->cap = ncap;
    }
    e->from[e->n] = from;
    e->to[e->n] = to;
    e->n++;
}

/* Open-addressing table from RangeRef to range index. */
typedef struct RangeTable {
    uint32_t *slots;    /* range index + 1; owned */
    uint32_t cap;
} RangeTable;

static uint32_t
graph_range_hash(const RangeRef *r)
{
    uint32_t h = r->sheet * 2654435761u;
    h ^= r->row0 * 40503u + r->row1 * 9973u;
    h ^= ((uint32_t)r->col0 << 16 | r->col1) * 2246822519u;
    h ^= h >> 15;
    return h;
}

static bool
graph_range_eq(const RangeRef *a, const RangeRef *b)
{
    return a->sheet == b->sheet && a->row0 == b->row0 && a->row1 == b->row1 &&
           a->col0 == b->col0 && a->col1 == b->col1;
}

static uint32_t
graph_range_node(Graph *g, RangeTable *t, const RangeRef *r)
{
    if ((g->n_ranges + 1) * 2 > t->cap) {
        uint32_t ncap = t->cap ? t->cap * 2 : 1024;
        uint32_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            arena_fatal("range table");
        for (uint32_t i = 0; i < t->cap; i++) {
            if (!t->slots[i])
                continue;
            uint32_t j = graph_range_hash(&g->ranges[t->slots[i] - 1]) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = t->slots[i];
        }
        free(t->slots);
        t->slots = ns;
        t->cap = ncap;
        RangeRef *nr = realloc(g->ranges, (size_t)ncap / 2 * sizeof *nr);
        if (!nr)
            arena_fatal("range nodes");
        g->ranges = nr;
    }
    uint32_t j = graph_range_hash(r) & (t->cap - 1);
    while (t->slots[j]) {
        if (graph_range_eq(&g->ranges[t->slots[j] - 1], r))
            return t->slots[j] - 1;
        j = (j + 1) & (t->cap - 1);
    }
    g->ranges[g->n_ranges] = *r;
    t->slots[j] = ++g->n_ranges;
    return g->n_ranges - 1;
}

/* Adds edges to node from every formula cell of sheet in columns
 * col0..col1 and rows row0..row1, through the sheet's column page tables:
 * absent columns and pages are skipped whole, so a whole-column range over
 * a short column costs its pages, not a million rows. */
static void
graph_area_members(const Book *b, uint32_t sheet, uint32_t row0, uint32_t row1,
                   uint32_t col0, uint32_t col1, uint32_t node, EdgeVec *e)
{
    const Sheet *s = &b->sheets[sheet];
    for (uint32_t col = col0; col <= col1 && col < s->n_cols; col++) {
        const ColumnIndex *ci = &s->cols[col];
        for (uint32_t pg = row0 / BOOK_PAGE_ROWS; pg < ci->n_pages && pg <= row1 / BOOK_PAGE_ROWS;
             pg++) {
            const uint32_t *page = ci->pages[pg];
            if (!page)
                continue;
            uint32_t base = pg * BOOK_PAGE_ROWS;
            uint32_t lo = row0 > base ? row0 - base : 0;
            uint32_t hi = row1 - base < BOOK_PAGE_ROWS - 1 ? row1 - base : BOOK_PAGE_ROWS - 1;
            for (uint32_t i = lo; i <= hi; i++)
                if (page[i] && b->cells[page[i] - 1].f)
                    graph_edge(e, page[i] - 1, node);
        }
    }
}

/* Range node order for chaining: same sheet, columns and first row
 * together, by last row. */
static int
graph_cmp_range_order(const void *x, const void *y)
{
    const uint64_t *a = x, *b = y;
    if (a[0] != b[0])
        return a[0] < b[0] ? -1 : 1;
    return a[1] < b[1] ? -1 : (a[1] > b[1]);
}

/* Links every range node to the formula cells inside it. Ranges that
 * share sheet, columns and first row (the ranges of a running total,
 * SUM($A$2:A2) filled down) are chained: each depends on the next smaller
 * one and only on the formula cells of its extra rows, so n growing
 * ranges cost O(n) edges instead of O(n^2). */
static void
graph_range_members(Graph *g, Book *b, EdgeVec *e)
{
    /* (group key, row1 << 32 | range index) per range. */
    uint64_t *ord = malloc(((size_t)g->n_ranges + 1) * 2 * sizeof *ord);
    if (!ord)
        arena_fatal("range order");
    for (uint32_t i = 0; i < g->n_ranges; i++) {
        const RangeRef *r = &g->ranges[i];
        ord[2 * i] = (uint64_t)r->sheet << 50 ^ (uint64_t)r->col0 << 36 ^
                     (uint64_t)r->col1 << 22 ^ r->row0;
        ord[2 * i + 1] = (uint64_t)r->row1 << 32 | i;
    }
    qsort(ord, g->n_ranges, 2 * sizeof *ord, graph_cmp_range_order);
    const RangeRef *prev = NULL;
    uint32_t prev_node = 0;
    for (uint32_t k = 0; k < g->n_ranges; k++) {
        uint32_t ri = (uint32_t)ord[2 * k + 1];
        const RangeRef *r = &g->ranges[ri];
        uint32_t node = g->n_cells + ri;
        if (r->sheet >= b->n_sheets)
            continue;
        if (prev && prev->sheet == r->sheet && prev->col0 == r->col0 &&
            prev->col1 == r->col1 && prev->row0 == r->row0 && prev->row1 < r->row1) {
            graph_edge(e, prev_node, node);
            graph_area_members(b, r->sheet, prev->row1 + 1, r->row1, r->col0, r->col1,
                               node, e);
        } else {
            graph_area_members(b, r->sheet, r->row0, r->row1, r->col0, r->col1, node, e);
        }
        prev = r;
        prev_node = node;
    }
    free(ord);
}

static void
graph_csr(uint32_t n_nodes, const uint32_t *key, const uint32_t *val, uint32_t n,
          uint32_t **start_out, uint32_t **edges_out)
{
    uint32_t *start = calloc((size_t)n_nodes + 1, sizeof *start);
    uint32_t *edges = malloc(((size_t)n + 1) * sizeof *edges);
    if (!start || !edges)
        arena_fatal("graph");
    arena_hint_huge(start, ((size_t)n_nodes + 1) * sizeof *start);
    arena_hint_huge(edges, ((size_t)n + 1) * sizeof *edges);
    for (uint32_t i = 0; i < n; i++)
        start[key[i] + 1]++;
    for (uint32_t v = 0; v < n_nodes; v++)
        start[v + 1] += start[v];
    uint32_t *fill = malloc(((size_t)n_nodes + 1) * sizeof *fill);
    if (!fill)
        arena_fatal("graph");
    memcpy(fill, start, ((size_t)n_nodes + 1) * sizeof *fill);
    for (uint32_t i = 0; i < n; i++)
        edges[fill[key[i]]++] = val[i];
    free(fill);
    *start_out = start;
    *edges_out = edges;
}

void
graph_build(Graph *g, Book *b)
{
    memset(g, 0, sizeof *g);
    g->n_cells = b->n_cells;
    /* Reserve the edges up front: a million cells' worth would otherwise
     * be copied by a dozen doublings. References plus one range-member
     * edge per formula is exact for most models and close for the rest. */
    EdgeVec e = {0};
    size_t guess = 1024;
    for (uint32_t id = 0; id < b->n_cells; id++)
        if (b->cells[id].f)
            guess += b->cells[id].f->prog->n_refs + 1u;
    e.cap = guess < UINT32_MAX / 2 ? (uint32_t)guess : UINT32_MAX / 2;
    e.from = malloc((size_t)e.cap * sizeof *e.from);
    e.to = malloc((size_t)e.cap * sizeof *e.to);
    if (!e.from || !e.to)
        arena_fatal("graph edges");
    arena_hint_huge(e.from, (size_t)e.cap * sizeof *e.from);
    arena_hint_huge(e.to, (size_t)e.cap * sizeof *e.to);
    RangeTable rt = {0};
    for (uint32_t id = 0; id < b->n_cells; id++) {
        const Cell *c = &b->cells[id];
        if (!c->f)
            continue;
        if (c->flags & CELL_VOLATILE) {
            uint32_t *nv = realloc(g->volatiles, (g->n_volatiles + 1) * sizeof *nv);
            if (!nv)
                arena_fatal("graph");
            g->volatiles = nv;
            g->volatiles[g->n_volatiles++] = id;
        }
        const Program *p = c->f->prog;
        for (uint32_t i = 0; i < p->n_refs; i++) {
            RangeRef rr;
            if (!compile_ref_at(&p->refs[i], c->row0, c->col0, &rr))
                continue;
            if (!p->refs[i].area) {
                uint32_t pid = book_cell_id(b, rr.sheet, rr.row0, rr.col0);
                /* Constants get edges too, so a changed input (--set,
                 * vs_book_set) reaches its readers when marking dirty. */
                if (pid != UINT32_MAX)
                    graph_edge(&e, pid, id);
            } else {
                uint32_t ri = graph_range_node(g, &rt, &rr);
                graph_edge(&e, g->n_cells + ri, id);
            }
        }
    }
    graph_range_members(g, b, &e);
    free(rt.slots);
    g->n_nodes = g->n_cells + g->n_ranges;
    g->n_edges = e.n;
    graph_csr(g->n_nodes, e.from, e.to, e.n, &g->out_start, &g->out_edges);
    free(e.from);
    free(e.to);
#ifdef VS_DEBUG
    graph_check(g);
#endif
}

/* Builds the precedent lists from the dependent lists, once: the order
 * (graph_order_by_source) and cycle reports walk precedents. Building
 * them from the finished dependent lists is cheaper than keeping a second
 * copy of every edge while the graph is collected. */
static void
graph_build_in(Graph *g)
{
    if (g->in_start)
        return;
    uint32_t *from = graph_array((size_t)g->n_edges + 1, sizeof *from, false);
    for (uint32_t u = 0; u < g->n_nodes; u++)
        for (uint32_t k = g->out_start[u]; k < g->out_start[u + 1]; k++)
            from[k] = u;
    graph_csr(g->n_nodes, g->out_edges, from, g->n_edges, &g->in_start, &g->in_edges);
    free(from);
}

void
graph_free(Graph *g)
{
    free(g->ranges);
    free(g->out_start);
    free(g->out_edges);
    free(g->in_start);
    free(g->in_edges);
    free(g->order);
    free(g->pos);
    free(g->in_cycle);
    free(g->dirty);
    free(g->stamp);
    free(g->volatiles);
    memset(g, 0, sizeof *g);
}

void
graph_check(const Graph *g)
{
    /* The dependent lists are well formed ... */
    if (g->out_start[0] != 0 || g->out_start[g->n_nodes] != g->n_edges) {
        fprintf(stderr, "graph_check: edge offsets do not cover the edges\n");
        abort();
    }
    for (uint32_t u = 0; u < g->n_nodes; u++) {
        for (uint32_t i = g->out_start[u]; i < g->out_start[u + 1]; i++) {
            if (g->out_start[u] > g->out_start[u + 1] || g->out_edges[i] >= g->n_nodes) {
                fprintf(stderr, "graph_check: bad edge %u->%u\n", u, g->out_edges[i]);
                abort();
            }
        }
    }
    /* ... and, once built, the precedent lists say the same: every
     * out-edge u->v appears as an in-edge of v from u. */
    if (!g->in_start)
        return;
    for (uint32_t u = 0; u < g->n_nodes; u++) {
        for (uint32_t i = g->out_start[u]; i < g->out_start[u + 1]; i++) {
            uint32_t v = g->out_edges[i];
            bool found = false;
            for (uint32_t k = g->in_start[v]; k < g->in_start[v + 1] && !found; k++)
                found = g->in_edges[k] == u;
            if (!found) {
                fprintf(stderr, "graph_check: edge %u->%u missing its reverse\n", u, v);
                abort();
            }
        }
    }
}

/* ---- cycles ---- */

static void
graph_node_name(const Graph *g, const Book *b, uint32_t v, char *buf, size_t n)
{
    if (v < g->n_cells) {
        const Cell *c = &b->cells[v];
        book_cell_name(b, c->sheet, c->row0, c->col0, buf, n);
    } else {
        snprintf(buf, n, "range");
    }
}

/* Reports the cycle through the smallest cell of one SCC: a shortest path
 * from the cell back to itself along references (dependent -> precedent). */
static void
graph_report_cycle(Graph *g, Book *b, const uint32_t *members, uint32_t n_members,
                   const uint32_t *scc_of, uint32_t scc, uint32_t *prev)
{
    uint32_t start = UINT32_MAX;
    for (uint32_t i = 0; i < n_members; i++)
        if (members[i] < g->n_cells && members[i] < start)
            start = members[i];
    if (start == UINT32_MAX)
        return;
    if (b->diags->n_errors >= DIAG_MAX_ERRORS) {
        /* Past the reporting limit only the count matters: a million
         * self-referencing cells must not cost a million path searches. */
        diag_error(b->diags, b->cells[start].span, "circular reference");
        return;
    }
    graph_build_in(g);
    /* BFS over precedents inside the SCC; prev (one slot per node, shared
     * by every report) is initialised for the members only. */
    uint32_t *queue = malloc((size_t)n_members * sizeof *queue + sizeof *queue);
    if (!queue)
        arena_fatal("cycle report");
    for (uint32_t i = 0; i < n_members; i++)
        prev[members[i]] = UINT32_MAX;
    uint32_t qh = 0, qt = 0, last = UINT32_MAX;
    queue[qt++] = start;
    while (qh < qt && last == UINT32_MAX) {
        uint32_t v = queue[qh++];
        for (uint32_t k = g->in_start[v]; k < g->in_start[v + 1]; k++) {
            uint32_t u = g->in_edges[k];
            if (scc_of[u] != scc)
                continue;
            if (u == start) {
                last = v;
                break;
            }
            if (prev[u] == UINT32_MAX) {
                prev[u] = v;
                queue[qt++] = u;
            }
        }
    }
    /* Path: start -> ... -> last -> start, following prev links back. */
    uint32_t *path = malloc(((size_t)n_members + 2) * sizeof *path);
    if (!path)
        arena_fatal("cycle report");
    uint32_t np = 0;
    for (uint32_t v = last; v != start && v != UINT32_MAX; v = prev[v])
        path[np++] = v;
    StrBuf msg;
    strbuf_init(&msg);
    char name[300];
    graph_node_name(g, b, start, name, sizeof name);
    strbuf_puts(&msg, name);
    uint32_t shown = 0;
    for (uint32_t i = np; i-- > 0;) {
        if (path[i] >= g->n_cells)
            continue;
        if (++shown > 30) {
            strbuf_puts(&msg, " -> ...");
            break;
        }
        graph_node_name(g, b, path[i], name, sizeof name);
        strbuf_printf(&msg, " -> %s", name);
    }
    graph_node_name(g, b, start, name, sizeof name);
    strbuf_printf(&msg, " -> %s", name);
    diag_error(b->diags, b->cells[start].span, "circular reference: %s", msg.data);
    shown = 0;
    for (uint32_t i = np; i-- > 0;) {
        uint32_t v = path[i];
        if (v >= g->n_cells || v == start)
            continue;
        if (++shown > 30)
            break;
        graph_node_name(g, b, v, name, sizeof name);
        diag_note(b->diags, b->cells[v].span, "%s is part of the cycle", name);
    }
    strbuf_free(&msg);
    free(path);
    free(queue);
}

/* Iterative Tarjan over the nodes not yet ordered (done[v] == 0). Marks
 * members of cyclic SCCs in g->in_cycle and reports each cycle. */
static uint32_t
graph_find_cycles(Graph *g, Book *b, const uint8_t *done)
{
    uint32_t n = g->n_nodes;
    uint32_t *index = malloc((size_t)n * sizeof *index);
    uint32_t *low = malloc((size_t)n * sizeof *low);
    uint32_t *scc_of = malloc((size_t)n * sizeof *scc_of);
    uint8_t *on_stack = calloc(n, 1);
    uint32_t *stack = malloc((size_t)n * sizeof *stack);
    uint32_t *cs_node = malloc((size_t)n * sizeof *cs_node);
    uint32_t *cs_edge = malloc((size_t)n * sizeof *cs_edge);
    uint32_t *prev = NULL;  /* for cycle reports, allocated at the first */
    if (!index || !low || !scc_of || !on_stack || !stack || !cs_node || !cs_edge)
        arena_fatal("cycle search");
    for (uint32_t v = 0; v < n; v++) {
        index[v] = UINT32_MAX;
        scc_of[v] = UINT32_MAX;
    }
    uint32_t next_index = 0, sp = 0, n_scc = 0, cycles = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (done[root] || index[root] != UINT32_MAX)
            continue;
        uint32_t csp = 0;
        cs_node[csp] = root;
        cs_edge[csp] = g->out_start[root];
        csp++;
        index[root] = low[root] = next_index++;
        stack[sp++] = root;
        on_stack[root] = 1;
        while (csp) {
            uint32_t v = cs_node[csp - 1];
            if (cs_edge[csp - 1] < g->out_start[v + 1]) {
                uint32_t w = g->out_edges[cs_edge[csp - 1]++];
                if (done[w])
                    continue;
                if (index[w] == UINT32_MAX) {
                    index[w] = low[w] = next_index++;
                    stack[sp++] = w;
                    on_stack[w] = 1;
                    cs_node[csp] = w;
                    cs_edge[csp] = g->out_start[w];
                    csp++;
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            csp--;
            if (csp) {
                uint32_t parent = cs_node[csp - 1];
                if (low[v] < low[parent])
                    low[parent] = low[v];
            }
            if (low[v] != index[v])
                continue;
            uint32_t first = sp;
            do {
                first--;
            } while (stack[first] != v);
            uint32_t size = sp - first;
            bool self = false;
            for (uint32_t k = g->out_start[v]; k < g->out_start[v + 1]; k++)
                self |= g->out_edges[k] == v;
            for (uint32_t k = first; k < sp; k++) {
                scc_of[stack[k]] = n_scc;
                on_stack[stack[k]] = 0;
            }
            if (size > 1 || self) {
                for (uint32_t k = first; k < sp; k++)
                    g->in_cycle[stack[k]] = 1;
                if (!prev && !(prev = malloc((size_t)n * sizeof *prev)))
                    arena_fatal("cycle report");
                graph_report_cycle(g, b, stack + first, size, scc_of, n_scc, prev);
                cycles++;
            }
            n_scc++;
            sp = first;
        }
    }
    free(prev);
    free(index);
    free(low);
    free(scc_of);
    free(on_stack);
    free(stack);
    free(cs_node);
    free(cs_edge);
    return cycles;
}

/* Reorders g->order[0..n) (Kahn's output: every node outside cycles) so
 * that nodes come in id order wherever their precedents allow: a depth-
 * first walk over precedents from each node in ascending id emits a node
 * right after the precedents it still lacks. Ids follow the source, and a
 * fill's cells are numbered row by row, so evaluation sweeps each fill's
 * cells forwards once. Ordering by level instead (the longest path from a
 * source) made one sweep of the whole cell array per level, a cache miss
 * per cell on a million-cell model. Deterministic; O(nodes + edges). */
static void
graph_order_by_source(Graph *g, uint32_t n)
{
    uint32_t nn = g->n_nodes;
    graph_build_in(g);
    /* 0: not to order (cycle or downstream of one), 1: to order,
     * 2: on the walk's stack or emitted. */
    uint8_t *state = graph_array((size_t)nn + 1, 1, true);
    uint32_t *node = graph_array((size_t)nn + 1, sizeof *node, false);
    uint32_t *next = graph_array((size_t)nn + 1, sizeof *next, false);
    for (uint32_t i = 0; i < n; i++)
        state[g->order[i]] = 1;
    uint32_t k = 0;
    for (uint32_t root = 0; root < nn; root++) {
        if (state[root] != 1)
            continue;
        uint32_t sp = 0;
        node[sp] = root;
        next[sp++] = g->in_start[root];
        state[root] = 2;
        while (sp) {
            uint32_t v = node[sp - 1];
            if (next[sp - 1] < g->in_start[v + 1]) {
                uint32_t u = g->in_edges[next[sp - 1]++];
                if (state[u] == 1) {
                    state[u] = 2;
                    node[sp] = u;
                    next[sp++] = g->in_start[u];
                }
            } else {
                sp--;
                g->order[k++] = v;
            }
        }
    }
    free(state);
    free(node);
    free(next);
}

uint32_t
graph_sort(Graph *g, Book *b)
{
    uint32_t n = g->n_nodes;
    free(g->order);
    free(g->in_cycle);
    g->order = graph_array((size_t)n + 1, sizeof *g->order, false);
    g->in_cycle = graph_array((size_t)n + 1, 1, true);
    uint32_t *indeg = graph_array((size_t)n + 1, sizeof *indeg, true);
    uint8_t *done = graph_array((size_t)n + 1, 1, true);
    if (!g->order || !g->in_cycle || !indeg || !done)
        arena_fatal("graph order");
    /* The order array doubles as Kahn's FIFO queue. */
    uint32_t head = 0, tail = 0;
    for (uint32_t k = 0; k < g->n_edges; k++)
        indeg[g->out_edges[k]]++;
    for (uint32_t v = 0; v < n; v++) {
        if (indeg[v] == 0) {
            g->order[tail++] = v;
            done[v] = 1;
        }
    }
    uint32_t cycles = 0;
    for (;;) {
        while (head < tail) {
            uint32_t v = g->order[head++];
            for (uint32_t k = g->out_start[v]; k < g->out_start[v + 1]; k++) {
                uint32_t w = g->out_edges[k];
                if (!done[w] && --indeg[w] == 0) {
                    g->order[tail++] = w;
                    done[w] = 1;
                }
            }
        }
        if (tail == n)
            break;
        /* What is left holds at least one cycle. Cells in cycles get
         * #CIRC!; their dependents are released and evaluated normally. */
        uint32_t found = graph_find_cycles(g, b, done);
        cycles += found;
        if (found == 0)
            break; /* cannot happen: a stalled Kahn always has a cycle */
        for (uint32_t v = 0; v < n; v++) {
            if (g->in_cycle[v] != 1 || done[v])
                continue;
            done[v] = 1;
            if (v < g->n_cells) {
                b->cells[v].value = value_error(XE_CIRC);
                b->cells[v].flags |= CELL_CIRC;
            }
        }
        for (uint32_t v = 0; v < n; v++) {
            if (g->in_cycle[v] != 1)
                continue;
            for (uint32_t k = g->out_start[v]; k < g->out_start[v + 1]; k++) {
                uint32_t w = g->out_edges[k];
                if (!done[w] && --indeg[w] == 0) {
                    g->order[tail++] = w;
                    done[w] = 1;
                }
            }
        }
        for (uint32_t v = 0; v < n; v++)
            if (g->in_cycle[v])
                g->in_cycle[v] = 2; /* released: not again */
    }
    for (uint32_t v = 0; v < n; v++)
        g->in_cycle[v] = g->in_cycle[v] != 0;
    graph_order_by_source(g, tail);
    free(g->pos);
    g->pos = graph_array((size_t)n + 1, sizeof *g->pos, false);
    if (!g->pos)
        arena_fatal("graph order");
    for (uint32_t v = 0; v < n; v++)
        g->pos[v] = UINT32_MAX;
    for (uint32_t i = 0; i < tail; i++)
        g->pos[g->order[i]] = i;
    g->n_order = tail;
    g->n_cycles = cycles;
    free(indeg);
    free(done);
    return cycles;
}

void
graph_mark_dependents(Graph *g, Book *b, uint32_t v)
{
    if (!g->stamp) {
        g->stamp = graph_array((size_t)g->n_nodes + 1, sizeof *g->stamp, true);
        if (!g->stamp)
            arena_fatal("dirty marking");
    }
    if (++g->epoch == 0) { /* wrapped: forget every old visit */
        memset(g->stamp, 0, ((size_t)g->n_nodes + 1) * sizeof *g->stamp);
        g->epoch = 1;
    }
    uint32_t cap = 256, sp = 0;
    uint32_t *stack = malloc(cap * sizeof *stack);
    if (!stack)
        arena_fatal("dirty marking");
    stack[sp++] = v;
    g->stamp[v] = g->epoch;
    while (sp) {
        uint32_t u = stack[--sp];
        if (u < g->n_cells) {
            Cell *c = &b->cells[u];
            if (c->f && !(c->flags & CELL_DIRTY)) {
                c->flags |= CELL_DIRTY;
                if (g->n_dirty == g->cap_dirty) {
                    g->cap_dirty = g->cap_dirty ? g->cap_dirty * 2 : 256;
                    uint32_t *nd = realloc(g->dirty, g->cap_dirty * sizeof *nd);
                    if (!nd)
                        arena_fatal("dirty marking");
                    g->dirty = nd;
                }
                g->dirty[g->n_dirty++] = u;
            }
        }
        for (uint32_t k = g->out_start[u]; k < g->out_start[u + 1]; k++) {
            uint32_t w = g->out_edges[k];
            if (g->stamp[w] == g->epoch)
                continue;
            g->stamp[w] = g->epoch;
            if (sp == cap) {
                cap *= 2;
                uint32_t *ns = realloc(stack, cap * sizeof *ns);
                if (!ns)
                    arena_fatal("dirty marking");
                stack = ns;
            }
            stack[sp++] = w;
        }
    }
    free(stack);
}

/* qsort has no context pointer in C11: sort (position, node) pairs. */
static int
graph_cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : (a > b);
}

/* graph_take_dirty for a dirty list that is a large share of the book
 * (a discount-rate edit dirties a quarter of it): one pass over the order
 * with a bitmap of the dirty nodes instead of an n log n sort. Nodes
 * outside the order (cycle members) follow in id order, as the sort puts
 * them. */
static void
graph_dirty_by_scan(Graph *g)
{
    size_t words = ((size_t)g->n_nodes + 64) / 64;
    uint64_t *bits = calloc(words, sizeof *bits);
    if (!bits)
        arena_fatal("dirty list");
    for (uint32_t i = 0; i < g->n_dirty; i++)
        bits[g->dirty[i] >> 6] |= (uint64_t)1 << (g->dirty[i] & 63);
    uint32_t k = 0;
    for (uint32_t i = 0; i < g->n_order && k < g->n_dirty; i++) {
        uint32_t v = g->order[i];
        uint64_t bit = (uint64_t)1 << (v & 63);
        if (bits[v >> 6] & bit) {
            bits[v >> 6] &= ~bit;
            g->dirty[k++] = v;
        }
    }
    for (size_t w = 0; w < words && k < g->n_dirty; w++)
        for (; bits[w]; bits[w] &= bits[w] - 1)
            g->dirty[k++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits[w]));
    free(bits);
}

const uint32_t *
graph_take_dirty(Graph *g, uint32_t *n)
{
    if (g->n_dirty > 1024 && (uint64_t)g->n_dirty * 16 >= g->n_order) {
        graph_dirty_by_scan(g);
        *n = g->n_dirty;
        g->n_dirty = 0;
        return g->dirty;
    }
    uint64_t *keys = malloc(((size_t)g->n_dirty + 1) * sizeof *keys);
    if (!keys)
        arena_fatal("dirty list");
    for (uint32_t i = 0; i < g->n_dirty; i++)
        keys[i] = (uint64_t)g->pos[g->dirty[i]] << 32 | g->dirty[i];
    qsort(keys, g->n_dirty, sizeof *keys, graph_cmp_u64);
    for (uint32_t i = 0; i < g->n_dirty; i++)
        g->dirty[i] = (uint32_t)keys[i];
    free(keys);
    *n = g->n_dirty;
    g->n_dirty = 0;
    return g->dirty;
}
