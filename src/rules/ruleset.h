/* ruleset.h: rule files (DESIGN.md 3): INI read with inih, each section one
 * rule, with our own line tracking and checks (inih as packaged cuts lines
 * near 200 bytes, gives no line numbers, and calls its handler again for
 * continuation lines and duplicate keys).
 *
 * Ownership: a tl_ruleset owns its rules, their strings and compiled
 * expressions. File names are copied. */
#ifndef TL_RULESET_H
#define TL_RULESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "rules/expr.h"

typedef struct tl_rule_param {
	char *name;
	char *text;     /* as written (or as overridden) */
	tl_value value; /* parsed literal; strings owned by the rule */
	bool overridden;
} tl_rule_param;

typedef struct tl_rule {
	char *id;
	char *title;
	tl_severity level;         /* after --level */
	tl_severity default_level; /* as written */
	int scope;
	char *scope_name;
	char *when_text;   /* NULL: always */
	char *assert_text;
	char *message_text; /* NULL: the title */
	char *error_when_text; /* NULL: the level is fixed */
	tl_expr *when;
	tl_expr *assert_;
	tl_template *message;
	tl_expr *error_when; /* a finding for which it holds is an error */
	char *description, *help, *help_uri, *precision;
	char **tags;
	size_t tag_count;
	bool has_security_severity;
	double security_severity;
	bool enabled;
	tl_rule_param *params;
	size_t param_count;
	char *file;      /* where it was defined */
	uint32_t line;   /* of its [section] */
} tl_rule;

typedef struct tl_ruleset tl_ruleset;

/* Command-line adjustments applied while loading (--disable, --level,
 * --param). Borrowed; may be NULL. */
typedef struct tl_rule_options {
	const char *const *disable; /* rule ids */
	size_t disable_count;
	const char *const *levels; /* "ID=LEVEL" */
	size_t level_count;
	const char *const *params; /* "ID.NAME=VALUE" or "NAME=VALUE" (every rule that has NAME) */
	size_t param_count;
} tl_rule_options;

/* A valid rule id: lower-case letters and digits in groups joined by
 * single hyphens, at most TL_RULE_ID_MAX bytes (DESIGN.md 4). Diagnostic
 * ids (input-sst-truncated) have the same shape. */
#define TL_RULE_ID_MAX 64
bool tl_rule_id_valid(const char *id);

tl_ruleset *tl_ruleset_new(const tl_catalogue *cat);
void tl_ruleset_free(tl_ruleset *rs);

/* Load one rule file, or every *.rules file of a directory (sorted). Every
 * mistake is an error in errs as "file:line:col: message" (id
 * "rule-file"); returns the number of errors added. */
size_t tl_ruleset_load(tl_ruleset *rs, const char *path, tl_diags *errs);
/* Load rule text from memory under the given file name (tests, fuzzing). */
size_t tl_ruleset_load_text(tl_ruleset *rs, const char *file, const char *text, size_t len,
			    tl_diags *errs);
/* After loading: apply options (unknown ids in them are errors), compile
 * every expression. Returns the number of errors added. */
size_t tl_ruleset_finish(tl_ruleset *rs, const tl_rule_options *opts, tl_diags *errs);

size_t tl_ruleset_count(const tl_ruleset *rs);
const tl_rule *tl_ruleset_at(const tl_ruleset *rs, size_t i);
const tl_rule *tl_ruleset_find(const tl_ruleset *rs, const char *id);

/* text (a title, description or help) with each "param.NAME" of r
 * replaced by that parameter's value as written or overridden ("RSA keys
 * are at least 2048 bits"); a name r has no parameter for stays. A new
 * string; NULL for NULL. */
char *tl_rule_expand_params(const tl_rule *r, const char *text);

#endif
