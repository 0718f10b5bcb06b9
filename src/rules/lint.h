/* lint.h: rules evaluated over the view of the model, into findings
 * (DESIGN.md 5); the reports that print them are in src/report/.
 *
 * A finding is made without its text: its message, its object's logical
 * name and the objects its message names are made from the rule and the
 * object when asked (tl_findings_describe for every finding, a
 * tl_describer for some at a time), so a run whose text report writes
 * its findings a window at a time never holds all their text: at 200,000
 * findings that was 30 MB.
 *
 * Ownership: a tl_findings owns the text it made (in its text arena:
 * written once, freed together); rules, files and objects are borrowed
 * from the rule set, the inputs and the view, which must outlive it. */
#ifndef TL_LINT_H
#define TL_LINT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "rules/view.h"
#include "rules/ruleset.h"

/* A place a finding relates to: an object its message names (list()). */
typedef struct tl_related {
	tl_loc loc;     /* where it is: borrowed file name */
	const char *object; /* its logical name, with the finding's text */
	tl_about about;
} tl_related;

/* The waiver that accepts a finding (report/waiver.h), borrowed from
 * the waivers. */
typedef struct tl_waived_by {
	const char *id;     /* the waiver's section name */
	const char *reason;
	const char *owner;  /* or NULL */
} tl_waived_by;

/* Laid out without padding holes: a store of 100,000 certificates can
 * give 200,000 findings, each one of these. */
typedef struct tl_finding {
	const tl_rule *rule;  /* NULL for an input diagnostic */
	const char *rule_id;  /* the rule's id, or the diagnostic's input-* id */
	/* its text: NULL until made (tl_finding_has_text), except a
	 * diagnostic's message and the title a rule without a message
	 * template gives */
	const char *message;
	const char *object;   /* logical name (LocalMachine\Root\<SHA1>), or NULL
			       * for a diagnostic */
	tl_related *related;  /* the objects its message names, in order */
	tl_loc loc;           /* where: borrowed file name */
	const void *obj;      /* the view object it is about (tl_view_object), or NULL
			       * for a diagnostic: tl_finding_about() tells what it is */
	const tl_waived_by *waiver; /* the waiver (waiver.h) that accepts it, or NULL */
	uint32_t related_count;
	uint32_t order;       /* position in the unsorted run, for stable sorting */
	uint32_t input_rank;  /* the input's position on the command line, for sorting */
	uint8_t level;        /* a tl_severity */
	int8_t scope;         /* TL_SCOPE_*, or -1 for an input diagnostic */
} tl_finding;

typedef struct tl_findings {
	tl_finding *items;
	size_t count;
	size_t cap;
	/* the findings' strings, end to end: as heap blocks each would cost
	 * its allocator header and a growable buffer's spare room */
	tl_arena text;
	tl_view *view;  /* what the findings are about; NULL before a rule ran */
	bool described; /* every finding has its text (tl_findings_describe) */
} tl_findings;

/* What x is about (thumbprints, subject, store, binding, site), worked out
 * from its object, which the view must still hold; zero for a diagnostic.
 * Kept out of the finding: at 200,000 findings a copy in each was 19 MB. */
void tl_finding_about(const tl_finding *x, tl_about *ab);

/* Every enabled rule over every object of its scope: an object that passes
 * `when` and fails `assert` is one finding. The input diagnostics become
 * findings too. Findings are sorted by input (in the order given), then
 * position, then rule id. */
void tl_lint_run(const tl_ruleset *rs, tl_view *v, const tl_inputs *in, tl_findings *out);
void tl_findings_free(tl_findings *f);
/* Append a diagnostic (input-*, waiver-expired, waiver-unused) as a
 * finding: its message is copied into f's text arena; its id and file are
 * borrowed from g's sink, which must outlive f. */
void tl_findings_add_diag(tl_findings *f, const tl_diag *g);
/* Count by level (TL_ERROR, TL_WARNING, TL_NOTE), waived findings apart. */
size_t tl_findings_count(const tl_findings *f, tl_severity level);

/* Whether x's message, object name and related objects are made (a
 * diagnostic's always are; so are those of findings made by hand, with
 * no rule). */
static inline bool tl_finding_has_text(const tl_finding *x)
{
	return !x->rule || x->object;
}

/* Make every finding's text, in f's arena; the reports that read them all
 * (JSON, SARIF, HTML, GitLab, JUnit, waivers) and baselines ask for it. A
 * second call does nothing. */
void tl_findings_describe(tl_findings *f);

/* Makes findings' text on one thread, into an arena of the caller's:
 * several describers may work on one tl_findings at once (what rules
 * read is shared read-only, as in tl_lint_run). */
typedef struct tl_describer {
	const tl_findings *f;
	tl_eval_env env;
	tl_arena *out;   /* where the text goes */
	tl_arena values; /* the message's values, dropped after each finding */
	tl_buf msg, name;
} tl_describer;

void tl_describer_init(tl_describer *d, const tl_findings *f, tl_arena *out);
/* Make x's text into d's arena, when it has none. */
void tl_describer_make(tl_describer *d, tl_finding *x);
void tl_describer_free(tl_describer *d);

/* x's logical name, made in b when x has no text yet; NULL for a
 * diagnostic. */
const char *tl_finding_name(const tl_findings *f, const tl_finding *x, tl_buf *b);

#endif
