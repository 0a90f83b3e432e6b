/*
 * print: value printers for `valsheet eval`.
 */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#include "fn.h"

void
print_begin(Printer *p, FILE *out, PrintFormat fmt)
{
    p->out = out;
    p->fmt = fmt == PRINT_MARKDOWN ? PRINT_TEXT : fmt; /* tables of values: text */
    p->n = 0;
    if (fmt == PRINT_CSV)
        fputs("cell,value\n", out);
    else if (fmt == PRINT_JSON)
        fputs("{", out);
}

void
print_json_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void
print_csv_field(FILE *out, const char *s, size_t n)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fwrite(s, 1, n, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

/* A text value in CSV. Spreadsheets open CSV files and run a field that
 * starts with = + - @ (or a tab or CR before one) as a formula: such text
 * gets a leading apostrophe, the usual defence against formula injection,
 * so it stays text wherever the CSV goes. */
static void
print_csv_text(FILE *out, const char *s, size_t n)
{
    if (n > 0 && strchr("=+-@\t\r", s[0])) {
        StrBuf b;
        strbuf_init(&b);
        strbuf_putc(&b, '\'');
        strbuf_add(&b, s, n);
        print_csv_field(out, b.data, b.len);
        strbuf_free(&b);
        return;
    }
    print_csv_field(out, s, n);
}

static void
print_number(FILE *out, double x)
{
    StrBuf b;
    strbuf_init(&b);
    strbuf_number(&b, x);
    fputs(b.data, out);
    strbuf_free(&b);
}

/* JSON numbers carry the full double (docs/json.md): the shortest of
 * %.15g, %.16g and %.17g that reads back to the same bits, so 0.1 stays
 * 0.1 and 0.1 + 0.2 prints 0.30000000000000004. Values are finite
 * (NaN and infinity became #NUM! in evaluation). */
static void
print_json_number(FILE *out, double x)
{
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    fputs(buf, out);
}

void
print_json_value(FILE *out, Value v)
{
    switch (v.kind) {
    case VK_NUMBER:
        print_json_number(out, v.u.num);
        break;
    case VK_STRING:
        print_json_string(out, v.u.str->s, v.u.str->len);
        break;
    case VK_BOOL:
        fputs(v.u.b ? "true" : "false", out);
        break;
    case VK_ERROR:
        fprintf(out, "{\"error\": \"%s\"}", value_error_text((ErrorCode)v.err));
        break;
    default:
        fputs("null", out);
        break;
    }
}

void
print_value(Printer *p, const char *label, Value v)
{
    FILE *out = p->out;
    switch (p->fmt) {
    case PRINT_MARKDOWN: /* print_begin maps it to text */
    case PRINT_TEXT:
        fprintf(out, "%s = ", label);
        switch (v.kind) {
        case VK_NUMBER:
            print_number(out, v.u.num);
            break;
        case VK_STRING:
            fputc('"', out);
            for (uint32_t i = 0; i < v.u.str->len; i++) {
                if (v.u.str->s[i] == '"')
                    fputc('"', out);
                fputc(v.u.str->s[i], out);
            }
            fputc('"', out);
            break;
        case VK_BOOL:
            fputs(v.u.b ? "TRUE" : "FALSE", out);
            break;
        case VK_ERROR:
            fputs(value_error_text((ErrorCode)v.err), out);
            break;
        default:
            fputs("(empty)", out);
            break;
        }
        fputc('\n', out);
        break;
    case PRINT_CSV:
        print_csv_field(out, label, strlen(label));
        fputc(',', out);
        switch (v.kind) {
        case VK_NUMBER:
            print_number(out, v.u.num);
            break;
        case VK_STRING:
            print_csv_text(out, v.u.str->s, v.u.str->len);
            break;
        case VK_BOOL:
            fputs(v.u.b ? "TRUE" : "FALSE", out);
            break;
        case VK_ERROR:
            fputs(value_error_text((ErrorCode)v.err), out);
            break;
        default:
            break;
        }
        fputc('\n', out);
        break;
    case PRINT_JSON:
        fputs(p->n ? ",\n " : "\n ", out);
        print_json_string(out, label, strlen(label));
        fputs(": ", out);
        print_json_value(out, v);
        break;
    }
    p->n++;
}

void
print_area(Printer *p, const Book *b, const RangeRef *r)
{
    char name[300];
    for (uint32_t row = r->row0; row <= r->row1; row++) {
        for (uint32_t col = r->col0; col <= r->col1; col++) {
            book_cell_name(b, r->sheet, row, col, name, sizeof name);
            print_value(p, name, book_cell_value(b, r->sheet, row, col));
        }
    }
}

/* qsort has no user pointer in C11: sort (sheet,row,col) keys instead. */
typedef struct PrintKey {
    uint64_t key;
    uint32_t id;
} PrintKey;

static int
print_cmp_keys(const void *x, const void *y)
{
    const PrintKey *a = x, *b = y;
    return a->key < b->key ? -1 : (a->key > b->key);
}

void
print_all(Printer *p, const Book *b)
{
    char name[300];
    PrintKey *keys = malloc(((size_t)b->n_cells + 1) * sizeof *keys);
    if (!keys)
        arena_fatal("printer");
    for (uint32_t i = 0; i < b->n_cells; i++) {
        const Cell *c = &b->cells[i];
        keys[i].key = ((uint64_t)c->sheet << 40) | ((uint64_t)c->row0 << 14) | c->col0;
        keys[i].id = i;
    }
    qsort(keys, b->n_cells, sizeof *keys, print_cmp_keys);
    for (uint32_t i = 0; i < b->n_cells; i++) {
        const Cell *c = &b->cells[keys[i].id];
        book_cell_name(b, c->sheet, c->row0, c->col0, name, sizeof name);
        print_value(p, name, c->value);
    }
    free(keys);
}

void
print_end(Printer *p)
{
    if (p->fmt == PRINT_JSON)
        fputs(p->n ? "\n}\n" : "}\n", p->out);
}

/* How a function reaches the workbook, for the listings. */
static const char *
print_fn_export(const FnDef *fn)
{
    if (fn->expand)
        return "native Excel formula";
    if (fn->flags & FN_NOEXPORT)
        return "value only";
    return fn->xlsx_name ? fn->xlsx_name : fn->name;
}

static void
print_json_field(FILE *out, const char *key, const char *val, bool last)
{
    fprintf(out, "\"%s\": ", key);
    if (val)
        print_json_string(out, val, strlen(val));
    else
        fputs("null", out);
    fputs(last ? "" : ", ", out);
}

/* Markdown table cells cannot hold '|'. */
static void
print_md_cell(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else
            fputc(*s, out);
    }
}

/* Prints text as lines of at most width columns, indented, broken at
 * spaces (a longer word stands on its own line). */
static void
print_wrapped(FILE *out, const char *text, int indent, size_t width)
{
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *end = p, *brk = NULL;
        while (*end && (size_t)(end - p) < width - (size_t)indent) {
            if (*end == ' ')
                brk = end;
            end++;
        }
        if (*end && brk)
            end = brk;
        else if (*end)
            while (*end && *end != ' ')
                end++;
        fprintf(out, "%*s%.*s\n", indent, "", (int)(end - p), p);
        p = end;
    }
}

bool
print_functions(FILE *out, const char *name, PrintFormat fmt)
{
    size_t n;
    const FnDef *table = fn_table(&n);
    const FnDef *one = name ? fn_lookup(name, strlen(name)) : NULL;
    if (name && !one)
        return false;
    if (fmt == PRINT_JSON)
        fputs("[", out);
    if (fmt == PRINT_MARKDOWN)
        fputs("# Built-in functions\n\n"
              "Generated by `valsheet functions --format markdown` from the function\n"
              "table (`stdlib/fn_table.c`, `stdlib/fn_doc.c`); `make docs` rewrites it.\n"
              "Function names are case-insensitive. \"In the workbook\" says how the\n"
              "function is written into the xlsx: valsheet's own functions become\n"
              "native Excel formulas, so workbooks need no add-in.\n\n"
              "| Function | What it does | In the workbook |\n|---|---|---|\n", out);
    unsigned k = 0;
    for (size_t i = 0; i < n; i++) {
        const FnDef *fn = &table[i];
        if (one && fn != one)
            continue;
        const FnDoc *d = fn_doc(fn->name, strlen(fn->name));
        const char *sig = d ? d->sig : fn->name;
        const char *summary = d ? d->summary : "";
        switch (fmt) {
        case PRINT_JSON:
            fputs(k ? ",\n {" : "\n {", out);
            print_json_field(out, "name", fn->name, false);
            print_json_field(out, "signature", sig, false);
            print_json_field(out, "summary", summary, false);
            print_json_field(out, "detail", d ? d->detail : NULL, false);
            print_json_field(out, "example", d ? d->example : NULL, false);
            print_json_field(out, "excel", print_fn_export(fn), true);
            fputs("}", out);
            break;
        case PRINT_MARKDOWN:
            fputs("| `", out);
            print_md_cell(out, sig);
            fputs("` | ", out);
            print_md_cell(out, summary);
            if (d && d->detail) {
                fputs(". ", out);
                print_md_cell(out, d->detail);
            }
            fputs(" | ", out);
            print_md_cell(out, print_fn_export(fn));
            fputs(" |\n", out);
            break;
        default:
            if (one) {
                fprintf(out, "%s\n    %s\n", sig, summary);
                if (d && d->detail) {
                    fputc('\n', out);
                    print_wrapped(out, d->detail, 4, 76);
                }
                if (d && d->example)
                    fprintf(out, "\n    example: %s\n", d->example);
                fprintf(out, "\n    in the workbook: %s\n", print_fn_export(fn));
            } else {
                fprintf(out, "%-56s %s\n", sig, summary);
            }
            break;
        }
        k++;
    }
    if (fmt == PRINT_JSON)
        fputs("\n]\n", out);
    return true;
}

/* A value as the text printer shows it inside a table. */
static void
print_cell_text(Value v, StrBuf *b)
{
    ErrorCode e = XE_NONE;
    switch (v.kind) {
    case VK_NUMBER:
        strbuf_number(b, v.u.num);
        break;
    case VK_ERROR:
        strbuf_puts(b, value_error_text((ErrorCode)v.err));
        break;
    case VK_EMPTY:
        break;
    default:
        value_to_text(v, b, &e);
        break;
    }
}


void
print_table(FILE *out, PrintFormat fmt, const PrintTable *t)
{
    uint32_t nc = t->n_cols;
    if (fmt == PRINT_JSON) {
        fprintf(out, "{\"schema\": %d, ", PRINT_JSON_SCHEMA);
        if (t->title) {
            fputs("\"title\": ", out);
            print_json_string(out, t->title, strlen(t->title));
            fputs(", ", out);
        }
        fputs("\"columns\": [", out);
        for (uint32_t c = 0; c < nc; c++) {
            if (c)
                fputs(", ", out);
            print_json_string(out, t->cols[c], strlen(t->cols[c]));
        }
        fputs("], \"rows\": [", out);
        for (uint32_t r = 0; r < t->n_rows; r++) {
            fputs(r ? ",\n  {\"label\": " : "\n  {\"label\": ", out);
            print_json_string(out, t->rows[r], strlen(t->rows[r]));
            fputs(", \"values\": [", out);
            for (uint32_t c = 0; c < nc; c++) {
                if (c)
                    fputs(", ", out);
                print_json_value(out, t->cells[(size_t)r * nc + c]);
            }
            fputs("]}", out);
        }
        fputs("\n]}\n", out);
        return;
    }
    if (fmt == PRINT_CSV) {
        print_csv_field(out, t->corner, strlen(t->corner));
        for (uint32_t c = 0; c < nc; c++) {
            fputc(',', out);
            print_csv_text(out, t->cols[c], strlen(t->cols[c]));
        }
        fputc('\n', out);
        for (uint32_t r = 0; r < t->n_rows; r++) {
            print_csv_text(out, t->rows[r], strlen(t->rows[r]));
            for (uint32_t c = 0; c < nc; c++) {
                Value v = t->cells[(size_t)r * nc + c];
                fputc(',', out);
                if (v.kind == VK_STRING) {
                    print_csv_text(out, v.u.str->s, v.u.str->len);
                } else {
                    StrBuf b;
                    strbuf_init(&b);
                    print_cell_text(v, &b);
                    fputs(b.data ? b.data : "", out);
                    strbuf_free(&b);
                }
            }
            fputc('\n', out);
        }
        return;
    }
    /* Text and Markdown: render every cell, then pad to column widths. */
    size_t n_text = (size_t)(t->n_rows + 1) * (nc + 1);
    char **text = calloc(n_text, sizeof *text);
    size_t *width = calloc(nc + 1, sizeof *width);
    if (!text || !width)
        arena_fatal("print");
    for (uint32_t r = 0; r <= t->n_rows; r++) {
        for (uint32_t c = 0; c <= nc; c++) {
            StrBuf b;
            strbuf_init(&b);
            if (r == 0)
                strbuf_puts(&b, c == 0 ? t->corner : t->cols[c - 1]);
            else if (c == 0)
                strbuf_puts(&b, t->rows[r - 1]);
            else
                print_cell_text(t->cells[(size_t)(r - 1) * nc + (c - 1)], &b);
            char *s = malloc(b.len + 1);
            if (!s)
                arena_fatal("print");
            memcpy(s, b.data ? b.data : "", b.len);
            s[b.len] = '\0';
            strbuf_free(&b);
            text[(size_t)r * (nc + 1) + c] = s;
            size_t w = str_utf8_len(s, strlen(s));
            if (w > width[c])
                width[c] = w;
        }
    }
    if (t->title && fmt == PRINT_TEXT)
        fprintf(out, "%s\n", t->title);
    else if (t->title)
        fprintf(out, "**%s**\n\n", t->title);
    for (uint32_t r = 0; r <= t->n_rows; r++) {
        for (uint32_t c = 0; c <= nc; c++) {
            const char *s = text[(size_t)r * (nc + 1) + c];
            size_t pad = width[c] - str_utf8_len(s, strlen(s));
            if (fmt == PRINT_MARKDOWN) {
                fputs(c ? " " : "| ", out);
                print_md_cell(out, s);
                fprintf(out, "%*s |", (int)pad, "");
                continue;
            }
            if (c == 0)
                fprintf(out, "%s%*s", s, (int)pad, "");
            else
                fprintf(out, "  %*s%s", (int)pad, "", s);
        }
        fputc('\n', out);
        if (r == 0 && fmt == PRINT_MARKDOWN) {
            for (uint32_t c = 0; c <= nc; c++)
                fputs(c ? "---:|" : "|---|", out);
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < n_text; i++)
        free(text[i]);
    free(text);
    free(width);
}
