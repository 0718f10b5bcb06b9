/* lint.h: rules evaluated over the view of the model, into findings
 * (DESIGN.md 5); the reports that print them are in src/report/.
 *
 * Ownership: a tl_findings owns its messages and object names (in its
 * text arena: written once, freed together) and the related arrays; rules,
 * files and objects are borrowed from the rule set, the inputs and the
 * view, which must outlive it. */
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
	char *object;   /* its logical name, in the findings' text arena */
	tl_about about;
} tl_related;

/* Laid out without padding holes: a store of 100,000 certificates can
 * give 200,000 findings, each one of these. */
typedef struct tl_finding {
	const tl_rule *rule;  /* NULL for an input diagnostic */
	const char *rule_id;  /* the rule's id, or the diagnostic's input-* id */
	char *message;        /* in the findings' text arena */
	const char *object;   /* logical name (LocalMachine\Root\<SHA1>), or NULL; in
			       * the text arena, one copy an object however many
			       * findings name it */
	tl_loc loc;           /* where: borrowed file name */
	const void *obj;      /* the view object it is about (tl_view_object), or NULL
			       * for a diagnostic: tl_finding_about() tells what it is */
	tl_related *related;  /* the objects its message names, in order; owned */
	size_t related_count;
	tl_severity level;
	int scope;            /* TL_SCOPE_*, or -1 for an input diagnostic */
	uint32_t order;       /* position in the unsorted run, for stable sorting */
	uint32_t input_rank;  /* the input's position on the command line, for sorting */
	const char *waiver_reason; /* borrowed from the waivers, when waived */
	const char *waiver_owner;  /* or NULL */
	const char *waiver_id;     /* the waiver's section name */
	bool waived;               /* a waiver (waiver.h) accepts it */
} tl_finding;

typedef struct tl_findings {
	tl_finding *items;
	size_t count;
	size_t cap;
	/* the findings' strings, end to end: as heap blocks each would cost
	 * its allocator header and a growable buffer's spare room */
	tl_arena text;
	/* each scope's object names by object index (tl_view_object), made
	 * at an object's first finding; NULL until a rule of the scope
	 * finds something */
	const char **names[TL_SCOPE_COUNT];
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

#endif
