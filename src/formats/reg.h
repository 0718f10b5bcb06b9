/* reg.h: `.reg` registry exports (FORMATS.md 2).
 *
 * tl_reg_parse() reads one file exactly as regedit would import it and
 * produces the operations in file order; every line Windows would skip is
 * reported to the diagnostics sink with its line number and the reason.
 * tl_registry_apply() replays operations onto a registry (model/registry.h:
 * keys and values with case-insensitive paths, `ControlSet00n` folded onto
 * `CurrentControlSet`, each value remembering its file and line).
 *
 * Ownership: a tl_reg_ops owns its operations and their strings. A
 * tl_registry owns its keys and values. The file name passed in is borrowed
 * and must outlive both (it is the tl_source path). */
#ifndef TL_REG_H
#define TL_REG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/registry.h"

/* Operations in file order (tl_reg_op: model/registry.h). */
typedef struct tl_reg_ops {
	tl_reg_op *ops;
	size_t count;
	size_t cap;
	bool utf16;       /* file encoding: UTF-16LE with BOM, else 8-bit */
	int header;       /* 5 (Version 5.00), 4 (REGEDIT4), 0 (invalid / imports nothing) */
} tl_reg_ops;

/* Parse a whole .reg file. Always fills ops (possibly empty); returns 0, or
 * -1 when the file is not a registry export at all (bad header; reported). */
int tl_reg_parse(const uint8_t *data, size_t len, const char *file, tl_reg_ops *ops,
		 tl_diags *d);
void tl_reg_ops_free(tl_reg_ops *ops);

/* Apply operations in order (keys created on the way; deleting a key removes
 * its subtree). */
void tl_registry_apply(tl_registry *r, const tl_reg_ops *ops, const char *file);

/* ---- Additions (reg.c). Everything above is unchanged. ----
 *
 * Ownership detail: consecutive operations may share one key string
 * (ops[i].key == ops[i - 1].key; the parser gives set and delete-value
 * operations the string of their key line); tl_reg_ops_free() frees it
 * once. Build a tl_reg_ops by hand only with tl_reg_ops_add(). */

/* tl_reg_ops.header of a Windows 3.1 file (header `REGEDIT`), whose lines
 * `HKEY_CLASSES_ROOT\path [=] text` set default values. */
#define TL_REG_HEADER_WIN31 3

/* Append a copy of op (key, name and data copied). */
void tl_reg_ops_add(tl_reg_ops *ops, const tl_reg_op *op);

/* Streaming form of tl_reg_parse(): calls fn for each operation in file
 * order instead of keeping them. The operation and its strings are
 * borrowed: valid only during the call. header and utf16 (may be NULL)
 * receive what tl_reg_ops would hold. Same return value and diagnostics. */
typedef void (*tl_reg_op_fn)(const tl_reg_op *op, void *arg);
int tl_reg_parse_each(const uint8_t *data, size_t len, const char *file, tl_diags *d,
		      tl_reg_op_fn fn, void *arg, int *header, bool *utf16);

/* tl_reg_parse() then tl_registry_apply() in one pass, without holding the
 * operations: use it to build the model from large exports (hundreds of
 * MB) in bounded extra memory. Returns what tl_reg_parse() returns. file
 * is borrowed as for tl_registry_apply(). */
int tl_registry_load(tl_registry *r, const uint8_t *data, size_t len, const char *file,
		     tl_diags *d);

#endif
