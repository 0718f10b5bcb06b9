/* registry.h: the registry model (DESIGN.md 2): keys and values from every
 * `.reg` input.
 *
 * tl_registry_apply_op() replays one operation onto a registry: keys and
 * values with case-insensitive paths, `ControlSet00n` folded onto
 * `CurrentControlSet`, each value remembering its file and line. The
 * operations come from the `.reg` parser (formats/reg.h), which also
 * applies whole files (tl_registry_apply, tl_registry_load).
 *
 * Ownership: a tl_registry owns its keys and values. The file name passed
 * in is borrowed and must outlive the registry (it is the tl_source path). */
#ifndef TL_REGISTRY_H
#define TL_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The registry roots. */
enum {
	TL_REG_ROOT_HKLM = 0,
	TL_REG_ROOT_HKCU,
	TL_REG_ROOT_HKCR,
	TL_REG_ROOT_HKU,
	TL_REG_ROOT_HKCC,
	TL_REG_ROOT_HKDD,
	TL_REG_NROOTS,
};

/* Index of the root path starts with (full name like HKEY_LOCAL_MACHINE or
 * reg.exe's short one like HKLM, case-insensitive, followed by `\` or the
 * end), or -1. *spelled gets the length of the root as written, *abbr
 * whether it was the short form. */
int tl_reg_match_root(const char *path, size_t *spelled, bool *abbr);
const char *tl_reg_root_name(int root); /* "HKEY_LOCAL_MACHINE" */
const char *tl_reg_root_abbr(int root); /* "HKLM"; NULL when reg.exe has none */

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

/* Apply one operation (keys created on the way; deleting a key removes its
 * subtree). op and its strings are copied, but the registry remembers the
 * key string's pointer: a set or delete-value whose key is the same
 * pointer as the operation before it reuses that operation's key (the
 * parser shares key strings, formats/reg.h). Call tl_registry_apply_done()
 * before freeing or reusing those strings. file is borrowed. */
void tl_registry_apply_op(tl_registry *r, const tl_reg_op *op, const char *file);
void tl_registry_apply_done(tl_registry *r);

/* Normalise a path: full root name, `\` separators, ControlSet00n ->
 * CurrentControlSet, short roots (HKLM) expanded. Returns a new string, or
 * NULL when the root is not a registry root. */
char *tl_reg_normalize_path(const char *path);

/* Look up by path (case-insensitive, normalised first). NULL when absent. */
const tl_reg_key *tl_registry_find(const tl_registry *r, const char *path);
const tl_reg_value *tl_reg_key_value(const tl_reg_key *k, const char *name);

/* A REG_DWORD value's number, or -1 when v is NULL, of another type or not
 * 4 bytes long. */
int64_t tl_reg_value_dword(const tl_reg_value *v);
/* A REG_SZ or REG_EXPAND_SZ value as UTF-8, up to its first NUL; the
 * caller frees it. NULL when v is NULL or of another type. */
char *tl_reg_value_string(const tl_reg_value *v);
/* A REG_MULTI_SZ value's strings as UTF-8: UTF-16LE strings each ended by
 * a NUL unit, the list by an empty one; a last string without its NUL
 * still counts, as regedit shows it. *out is a new array of new strings
 * (free each, then the array); returns their count. */
size_t tl_reg_value_multi_sz(const tl_reg_value *v, char ***out);

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
/* Readers compact a key's arrays after deletions the first time they look
 * (no visible change). Settling compacts every key at once: afterwards
 * no reader writes, so several threads may read the registry together
 * (rules are evaluated on several threads, rules/lint.c). Call it after
 * the last change. */
void tl_registry_settle(tl_registry *r);

/* Note: until tl_registry_settle(), the registry compacts its child and
 * value arrays lazily, inside the const accessors above: do not share an
 * unsettled registry between threads. */

#endif
