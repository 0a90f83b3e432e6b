/*
 * compile: bound AST -> Program, a flat RPN instruction array with its
 * constants and reference specs. References are stored relative to the
 * formula's anchor (R1C1 style) unless absolute, so one Program serves every
 * cell of a fill; identical programs are shared across statements through a
 * hash table (Excel's shared formulas, LibreOffice's formula groups).
 */
#ifndef VS_COMPILE_H
#define VS_COMPILE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"

typedef struct FnDef FnDef;

/* Instructions beyond the operator codes of ast.h's OpCode. */
enum {
    I_CONST = 32,   /* push consts[b] */
    I_CELL,         /* push the value of single-cell reference refs[b] */
    I_REF,          /* push reference refs[b] as VK_RANGE */
    I_CALL,         /* call fns[b] with a arguments */
    I_JMPF,         /* pop condition; false: jump to b; error: push it and
                       jump to the target of the I_JMP at b - 1 */
    I_JMP,          /* jump to b */
    I_IFERR,        /* top is not an error (a = 1: not #N/A): jump to b;
                       else pop it */
    I_RET,          /* reduce the top to the cell's scalar result */
    I_CHOOSE,       /* pop index k; 1 <= k <= a: run the k-th of the a
                       I_JMPs that follow; else push the error (#VALUE!
                       out of range) and jump to b */
    I_JMPERR,       /* reduce the top to a scalar; an error: jump to b */
    I_SWEQ,         /* pop a value; equal to the new top (SWITCH's
                       expression): pop that too; else jump to b */
    I_POP           /* drop the top */
};

enum {
    INSTR_ARRAY = 1,        /* operator flag: element-wise over arrays */
    INSTR_SUM1 = 2          /* I_CALL of SUM with one argument: the
                               evaluator may extend a cached prefix sum */
};

typedef struct Instr {
    uint8_t op;         /* OpCode or I_* */
    uint8_t flags;      /* INSTR_* */
    uint16_t a;         /* argument count for I_CALL */
    uint32_t b;         /* operand index or jump target */
} Instr;

/* A reference as stored in a program. For a relative part the stored row
 * or column is an offset from the evaluating cell; for an absolute part it
 * is the position itself. */
typedef struct RefSpec {
    int32_t row0, row1;
    int32_t col0, col1;
    uint32_t sheet;
    uint8_t abs;        /* REF_ABS_* bits */
    bool area;          /* more than one cell possible */
} RefSpec;

typedef struct Program {
    const Instr *code;
    uint32_t n_code;
    const Value *consts;
    uint32_t n_consts;
    const RefSpec *refs;
    uint32_t n_refs;
    const FnDef *const *fns;
    uint32_t n_fns;
    uint32_t max_stack;     /* deepest stack the program needs */
    bool is_volatile;       /* calls a volatile function */
    bool is_random;         /* calls a distribution (FN_RANDOM) */
} Program;

typedef struct Compiler Compiler;

/* A compiler whose programs and tables live in arena a. */
Compiler *compile_new(Arena *a);
void compile_free(Compiler *c);

/* Compiles a bound expression written for (row0, col0); returns a shared
 * Program (equal programs are returned once). */
const Program *compile_formula(Compiler *c, const AstNode *e, uint32_t row0,
                               uint32_t col0);

/* Distinct programs compiled so far. */
uint32_t compile_count(const Compiler *c);

/* Resolves reference spec r for the cell at (row0, col0): false when the
 * shifted reference falls outside the sheet (#REF!). */
bool compile_ref_at(const RefSpec *r, uint32_t row0, uint32_t col0, RangeRef *out);

#endif
