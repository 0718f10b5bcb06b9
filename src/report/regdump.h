/* regdump.h: `trustlint reg-dump` (DESIGN.md 5): JSON lines of what .reg
 * files set (the registry state they produce when imported into an empty
 * registry) or, with ops, the operations in file order. */
#ifndef TL_REGDUMP_H
#define TL_REGDUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "model/registry.h"

/* One operation as a JSON line; file is added when show_file. */
int tl_regdump_op(const tl_reg_op *op, const char *file, bool show_file, FILE *out);
/* Every value of the registry (and every key that holds none) as JSON
 * lines, keys depth-first in creation order. */
int tl_regdump_state(const tl_registry *r, bool show_file, FILE *out);

#endif
