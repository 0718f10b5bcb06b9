/* ruleset_impl.h: what the parts of the rule set share. Private: only
 * ruleset.c (the set, options, compiling), ruleset_file.c (reading one rule
 * file) and ruleset_value.c (literals and levels) include it; everyone else
 * goes through rules/ruleset.h.
 *
 * Ownership: a tl_ruleset owns its rule_slots, and each slot its rule's
 * strings, expressions and position maps (tl_ruleset_slot_free). The
 * tl_values of literals own their strings and list items
 * (tl_ruleset_value_free). */
#ifndef TL_RULESET_IMPL_H
#define TL_RULESET_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/expr.h"
#include "rules/ruleset.h"

/* Where a piece of a joined value came from: the bytes from off on were
 * read at line:col. */
typedef struct seg {
	size_t off;
	uint32_t line, col;
} seg;

typedef struct seg_map {
	seg *segs;
	size_t count, cap;
} seg_map;

/* A rule and where its expressions were written, for compile errors. */
typedef struct rule_slot {
	tl_rule rule;
	seg_map when_at, assert_at, message_at, error_when_at;
	bool compiled;
} rule_slot;

/* Every id defined so far, valid or not, for duplicate checks across
 * files. */
typedef struct seen_id {
	char *id;
	char *file;
	uint32_t line;
} seen_id;

struct tl_ruleset {
	tl_catalogue cat;
	rule_slot **rules;
	size_t count, cap;
	seen_id *seen;
	size_t seen_count, seen_cap;
	size_t *hash; /* open addressing: index + 1 into seen, 0 empty */
	size_t hash_cap;
};

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* ruleset.c */
/* Free s and all it owns; NULL is a no-op. */
void tl_ruleset_slot_free(rule_slot *s);
/* Keep slot, a checked rule, as the set's next rule; rs owns it now. */
void tl_ruleset_add_slot(tl_ruleset *rs, rule_slot *slot);
/* The first definition of id in any file loaded so far, or NULL. */
const seen_id *tl_ruleset_seen_find(const tl_ruleset *rs, const char *id);
/* Record that id is defined at file:line (both copied). */
void tl_ruleset_seen_add(tl_ruleset *rs, const char *id, const char *file, uint32_t line);

/* ruleset_file.c */
/* Line and column of byte offset off of a joined value. An offset on the
 * separator between two pieces is the end of the earlier line. */
void tl_ruleset_locate(const seg_map *m, size_t off, uint32_t *line, uint32_t *col);

/* ruleset_value.c */
/* Free what v owns and clear it. */
void tl_ruleset_value_free(tl_value *v);
/* Parse the literal in s[0..len): 0 and *out (free with
 * tl_ruleset_value_free), or -1 with *why (a static message) and *where
 * (offset) filled. */
int tl_ruleset_parse_literal(const char *s, size_t len, tl_value *out, const char **why,
			     size_t *where);
/* "int", "list of string", "list" (empty), into out (n bytes). */
void tl_ruleset_describe_type(const tl_value *v, char *out, size_t n);
/* Whether a value of type got may replace a default of type want. */
bool tl_ruleset_same_type(const tl_value *want, const tl_value *got);
/* "error", "warning" or "note": 0 and *out, else -1. */
int tl_ruleset_parse_level(const char *s, tl_severity *out);

#endif
