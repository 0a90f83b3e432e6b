/*
 * target: `valsheet check --target`: warns at every call of a function the
 * target application lacks (stdlib/fn_target.c has the data).
 */
#ifndef VS_TARGET_H
#define VS_TARGET_H

#include <stdint.h>

#include "book.h"
#include "fn_target.h"

/* Walks every formula and defined name of the bound book, in source
 * order, and reports a warning with its location for each such call.
 * Returns the number of warnings. */
uint32_t target_check(Book *b, FnTarget t);

#endif
