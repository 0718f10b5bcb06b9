/* fuzz_report.c: the report writers. The input is read as a store (its
 * first byte picks the store, so Root rules and binding rules both run),
 * every shipped rule is applied, and the text, JSON and SARIF reports are
 * written to memory. The oracles: the JSON and SARIF reports parse, and
 * the text report holds no raw control or bidi character but its line
 * ends (tl_escape_text is the one way input reaches a terminal). */
#include "config.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/fields.h"
#include "input/input.h"
#include "rules/lint.h"
#include "report/text.h"
#include "report/lintjson.h"
#include "rules/ruleset.h"
#include "report/sarif.h"
#include "base/os.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tl_ruleset *rules(void)
{
	static tl_ruleset *rs;
	tl_rule_options ro;
	tl_diags *errs;

	if (rs)
		return rs;
	rs = tl_ruleset_new(tl_fields_catalogue());
	errs = tl_diags_new();
	memset(&ro, 0, sizeof(ro));
	if (tl_ruleset_load(rs, TL_SRCDIR "/rules", errs) != 0 ||
	    tl_ruleset_finish(rs, &ro, errs) != 0) {
		fprintf(stderr, "fuzz_report: the shipped rules do not load\n");
		abort();
	}
	tl_diags_free(errs);
	return rs;
}

static char *write_report(const char *format, tl_findings *f, const tl_inputs *in,
			  const tl_view *v, const tl_ruleset *rs, size_t *len)
{
	tl_os_memout m;
	FILE *out = tl_os_memout_open(&m);

	if (!out)
		abort();
	if (!strcmp(format, "json"))
		tl_lint_json(f, in, v, NULL, out);
	else if (!strcmp(format, "sarif"))
		tl_sarif_write(f, rs, in, NULL, 1, NULL, out);
	else
		tl_lint_text(f, in, v, NULL, false, false, out);
	if (tl_os_memout_close(&m) != 0)
		abort();
	*len = m.len;
	return m.buf;
}

static void must_parse(const char *format, const char *doc, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(doc, len, 0, &je);

	if (!root) {
		fprintf(stderr, "fuzz_report: the %s report does not parse: %s at %d:%d\n", format,
			je.text, je.line, je.column);
		abort();
	}
	json_decref(root);
}

static void must_be_escaped(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		uint32_t cp = 0;
		size_t n;

		if (c == '\n')
			continue;
		if (c < 0x20 || c == 0x7F) {
			fprintf(stderr, "fuzz_report: raw control byte 0x%02x in the text report\n", c);
			abort();
		}
		if (c < 0x80)
			continue;
		n = tl_utf8_len(text + i, &cp);
		if (n == 0 || (cp >= 0x80 && cp < 0xA0) || tl_is_invisible(cp)) {
			fprintf(stderr, "fuzz_report: raw U+%04X or bad UTF-8 in the text report\n",
				(unsigned)cp);
			abort();
		}
		i += n - 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const stores[] = {"Root", "CA", "My", "Disallowed", "AuthRoot"};
	const char *store = stores[size ? data[0] % TL_ARRAY_LEN(stores) : 0];
	tl_ruleset *rs = rules();
	tl_inputs *in = tl_inputs_new();
	tl_findings f = {0};
	tl_view *v;
	char *doc, *lazy;
	size_t len, lazy_len;

	tl_inputs_add_memory(in, "fuzz.input", size ? data + 1 : data, size ? size - 1 : 0,
			     TL_LOC_LOCAL_MACHINE, store);
	tl_inputs_finish(in);
	v = tl_view_new(in, 1767225600); /* 2026-01-01: no clock in a fuzz run */
	tl_lint_run(rs, v, in, &f);
	/* text first: it makes the findings' text as it writes, JSON then
	 * makes it for all, and the text written again must not change */
	lazy = write_report("text", &f, in, v, rs, &lazy_len);
	must_be_escaped(lazy, lazy_len);
	doc = write_report("json", &f, in, v, rs, &len);
	must_parse("json", doc, len);
	free(doc);
	doc = write_report("sarif", &f, in, v, rs, &len);
	must_parse("sarif", doc, len);
	free(doc);
	doc = write_report("text", &f, in, v, rs, &len);
	if (len != lazy_len || memcmp(doc, lazy, len) != 0) {
		fprintf(stderr, "fuzz_report: the text report differs once the findings' text is made\n");
		abort();
	}
	free(lazy);
	free(doc);
	tl_findings_free(&f);
	tl_view_free(v);
	tl_inputs_free(in);
	return 0;
}
