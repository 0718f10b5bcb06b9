/* fuzz_baseline.c: fuzz target for reading a baseline SARIF log from
 * memory (jansson, then our walk over runs and results), and the lookups
 * over what was read.
 *
 * It aborts when an invariant breaks: a parse returns a baseline or
 * reports one error, never both or neither; every result read is found again
 * by its rule id and fingerprint, and marking each seen leaves none
 * absent. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_baseline: %s\n", why);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_diags *errs = tl_diags_new();
	tl_baseline *b = tl_baseline_parse("fuzz.sarif", (const char *)data, size, errs);
	const tl_baseline_result **absent;
	size_t i, n;

	if (tl_diags_count(errs) != (b ? 0u : 1u))
		fail("a baseline and an error together, or neither, or more than one error");
	tl_diags_free(errs);
	if (!b)
		return 0;
	n = tl_baseline_absent(b, &absent);
	if (n != tl_baseline_count(b))
		fail("a result is seen before any was marked");
	for (i = 0; i < n; i++) {
		const tl_baseline_result *x = absent[i];

		if (strcmp(tl_baseline_state(b, x->rule_id, x->fingerprint), "unchanged") != 0)
			fail("a result is not found by its own key");
		if (!tl_baseline_mark_seen(b, x->rule_id, x->fingerprint))
			fail("a result cannot be marked seen");
	}
	free(absent);
	if (tl_baseline_absent(b, &absent) != 0)
		fail("a result stays absent after it was marked seen");
	tl_baseline_free(b);
	return 0;
}
