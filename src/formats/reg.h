/* reg.h: `.reg` registry exports (FORMATS.md 2) and the registry model.
 *
 * tl_reg_parse() reads one file exactly as regedit would import it and
 * produces the operations in file order; every line Windows would skip is
 * reported to the diagnostics sink with its line number and the reason.
 * tl_registry_apply() replays operations onto a registry: keys and values
 * with case-insensitive paths, `ControlSet00n` folded onto
 * `CurrentControlSet`, each value remembering its file and line.
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

/* Registry value types. */
enum {
	TL_REG_NONE = 0,
	TL_REG_SZ = 1,
	TL_REG_EXPAND_SZ = 2,
	TL_REG_BINARY = 3,
	TL_REG_DWORD = 4,
	TL_REG_MULTI_SZ = 7,
	TL_REG_QWORD = 11,
};

typedef enum tl_reg_op_kind {
	TL_REG_OP_CREATE_KEY = 0,
	TL_REG_OP_DELETE_KEY,
	TL_REG_OP_SET,
	TL_REG_OP_DELETE_VALUE,
} tl_reg_op_kind;

const char *tl_reg_op_name(tl_reg_op_kind k); /* "create-key", "delete-key", "set", "delete-value" */

typedef struct tl_reg_op {
	tl_reg_op_kind kind;
	char *key;      /* UTF-8 full path, root spelled in full (HKEY_LOCAL_MACHINE\...) */
	char *name;     /* value name (UTF-8, "" = default value); NULL for key ops */
	uint32_t type;  /* TL_REG_OP_SET */
	uint8_t *data;  /* bytes as Windows stores them (strings UTF-16LE + NUL) */
	size_t len;
	uint32_t line;  /* 1-based line of the key line / value line */
} tl_reg_op;

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

typedef struct tl_reg_value {
	char *name;    /* UTF-8, "" = default */
	uint32_t type;
	uint8_t *data; /* owned */
	size_t len;
	const char *file; /* borrowed */
	uint32_t line;
} tl_reg_value;

typedef struct tl_reg_key tl_reg_key;
typedef struct tl_registry tl_registry;

tl_registry *tl_registry_new(void);
void tl_registry_free(tl_registry *r);

/* Apply operations in order (keys created on the way; deleting a key removes
 * its subtree). */
void tl_registry_apply(tl_registry *r, const tl_reg_ops *ops, const char *file);

/* Normalise a path: full root name, `\` separators, ControlSet00n ->
 * CurrentControlSet, short roots (HKLM) expanded. Returns a new string, or
 * NULL when the root is not a registry root. */
char *tl_reg_normalize_path(const char *path);

/* Look up by path (case-insensitive, normalised first). NULL when absent. */
const tl_reg_key *tl_registry_find(const tl_registry *r, const char *path);
const tl_reg_value *tl_reg_key_value(const tl_reg_key *k, const char *name);

/* Key path as first spelled (normalised root), and its parts. */
const char *tl_reg_key_path(const tl_reg_key *k);
const char *tl_reg_key_name(const tl_reg_key *k); /* last path segment */
size_t tl_reg_key_value_count(const tl_reg_key *k);
const tl_reg_value *tl_reg_key_value_at(const tl_reg_key *k, size_t i);
size_t tl_reg_key_subkey_count(const tl_reg_key *k);
const tl_reg_key *tl_reg_key_subkey_at(const tl_reg_key *k, size_t i);
/* Source line of the key's last [key] line, 0 when created implicitly. */
uint32_t tl_reg_key_line(const tl_reg_key *k);
const char *tl_reg_key_file(const tl_reg_key *k);

/* Every key in depth-first, creation order (roots first). Visit returns
 * nonzero to stop. */
typedef int (*tl_reg_visit_fn)(const tl_reg_key *k, void *arg);
void tl_registry_walk(const tl_registry *r, tl_reg_visit_fn visit, void *arg);

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

/* Note: the registry compacts its child and value arrays lazily, inside
 * the const accessors above; do not share one registry between threads. */

#endif
