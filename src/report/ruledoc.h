/* ruledoc.h: what the rules say about themselves (DESIGN.md 1).
 * `trustlint rules`: the rules in effect as a table or as a JSON array of
 * every metadata field, and with --fields the fields rules can use, per
 * scope (the catalogue of rules/fields.h). `trustlint explain ID`: one
 * rule (title, level, scope, where it is defined, description, help,
 * link, tags, security severity, expressions, message, parameters) or one
 * diagnostic trustlint reports itself (base/diagids.h: level, meaning,
 * help).
 *
 * Each function writes one whole document to out and returns 0, or -1
 * after a write error on out; the caller opens and commits the output.
 * Rule sets, rules and table rows are borrowed. Text from rule files,
 * which anyone may write, is escaped for a terminal (tl_escape_text; JSON
 * through tl_json_flags()). The diagnostics table is ours: its id and
 * meaning are printed as they are, its help through the same escaping. */
#ifndef TL_RULEDOC_H
#define TL_RULEDOC_H

#include <stdio.h>

#include "base/diagids.h"
#include "rules/ruleset.h"

/* One line a rule (id, level, scope, title, "(disabled)"), then the count. */
int tl_ruledoc_list_text(const tl_ruleset *rs, FILE *out);
/* Every rule with every metadata field, in rule-set order. */
int tl_ruledoc_list_json(const tl_ruleset *rs, FILE *out);
/* Each scope, then one line a field: name, type, meaning, source. */
int tl_ruledoc_fields(FILE *out);
int tl_ruledoc_explain_rule(const tl_rule *r, FILE *out);
int tl_ruledoc_explain_diag(const struct tl_diag_info *d, FILE *out);

#endif
