/* ci.c: the reports CI systems read besides SARIF: GitLab Code Quality
 * (docs.gitlab.com, "Code Quality", the report format: an array of issues
 * with description, check_name, fingerprint, severity and location) and
 * JUnit XML (the schema Jenkins and Azure DevOps test tabs read: testsuites
 * of testcases, a failure element for each failure). Waived findings are
 * left out of both, as they are out of the text report. */
#include "config.h"

#include "report/ci.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/util.h"
#include "report/baseline.h"
#include "report/html.h"

/* ---- GitLab Code Quality */

/* GitLab's severities are info, minor, major, critical and blocker; a
 * trustlint error is an outage or a trust failure. */
static const char *gitlab_severity(tl_severity s)
{
	switch (s) {
	case TL_ERROR:
		return "critical";
	case TL_WARNING:
		return "major";
	default:
		return "info";
	}
}

/* Unique per issue and stable across runs: the baseline fingerprint (rule
 * and object) with the file, since GitLab merges issues by it. */
static void gitlab_fingerprint(const tl_finding *x, char out[65])
{
	char fp[40];
	uint8_t digest[32];
	tl_buf b = {0};

	tl_fingerprint(x->rule_id, x->object, x->message, fp);
	tl_buf_printf(&b, "%s", fp);
	tl_buf_addc(&b, '\0');
	tl_buf_adds(&b, x->loc.file ? x->loc.file : "");
	gnutls_hash_fast(GNUTLS_DIG_SHA256, b.data, b.len, digest);
	tl_hex(digest, 32, out, false);
	tl_buf_free(&b);
}

int tl_gitlab_write(const tl_report_ctx *c, FILE *out)
{
	json_t *slot = tl_json_slot();
	tl_json_stream st;
	size_t i;

	/* the report is the array itself, written an issue at a time */
	tl_json_stream_open(&st, slot, out);
	json_decref(slot);
	for (i = 0; i < c->findings->count; i++) {
		const tl_finding *x = &c->findings->items[i];
		json_t *o, *loc, *lines;
		char fp[65];

		if (x->waived)
			continue;
		o = json_object();
		loc = json_object();
		lines = json_object();
		json_object_set_new(o, "description", tl_json_str(x->message));
		json_object_set_new(o, "check_name", json_string(x->rule_id));
		gitlab_fingerprint(x, fp);
		json_object_set_new(o, "fingerprint", json_string(fp));
		json_object_set_new(o, "severity", json_string(gitlab_severity(x->level)));
		/* a setting with no file (an OS default) is reported at the
		 * export's root, as GitLab needs a path */
		json_object_set_new(loc, "path", tl_json_str(x->loc.file ? x->loc.file : "."));
		json_object_set_new(lines, "begin",
				    json_integer(x->loc.kind == TL_LOC_LINE && x->loc.line ? x->loc.line : 1));
		json_object_set_new(loc, "lines", lines);
		json_object_set_new(o, "location", loc);
		tl_json_stream_add(&st, o);
	}
	return tl_json_stream_close(&st) == 0 && !ferror(out) ? 0 : -1;
}

/* ---- JUnit XML */

/* Text for an XML attribute or element (XML 1.0 forbids most control
 * characters; tl_html_escape escapes them first). */
void tl_xml_text(tl_buf *b, const char *s)
{
	tl_html_escape(b, s);
}

static bool counts(const tl_finding *x, const char *id)
{
	return !x->waived && strcmp(x->rule_id, id) == 0;
}

/* One testsuite: its findings as failing test cases, or one passing case
 * when it has none. Returns its test cases. */
static size_t junit_suite(const tl_findings *f, const char *id, const char *title, tl_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += counts(&f->items[i], id);
	tl_buf_adds(b, "  <testsuite name=\"");
	tl_xml_text(b, id);
	tl_buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\">\n", n ? n : 1, n);
	if (!n) {
		tl_buf_adds(b, "    <testcase classname=\"");
		tl_xml_text(b, id);
		tl_buf_adds(b, "\" name=\"");
		tl_xml_text(b, title);
		tl_buf_adds(b, "\"/>\n");
	}
	for (i = 0; i < f->count; i++) {
		const tl_finding *x = &f->items[i];
		tl_buf where = {0};

		if (!counts(x, id))
			continue;
		tl_loc_format(&x->loc, &where);
		tl_buf_adds(b, "    <testcase classname=\"");
		tl_xml_text(b, id);
		tl_buf_adds(b, "\" name=\"");
		tl_xml_text(b, x->object ? x->object : where.data);
		tl_buf_adds(b, "\"");
		if (x->loc.file) {
			tl_buf_adds(b, " file=\"");
			tl_xml_text(b, x->loc.file);
			tl_buf_adds(b, "\"");
			if (x->loc.kind == TL_LOC_LINE && x->loc.line)
				tl_buf_printf(b, " line=\"%lu\"", (unsigned long)x->loc.line);
		}
		tl_buf_printf(b, ">\n      <failure type=\"%s\" message=\"", tl_severity_name(x->level));
		tl_xml_text(b, x->message);
		tl_buf_adds(b, "\">");
		tl_xml_text(b, where.data);
		tl_buf_adds(b, ": ");
		tl_xml_text(b, x->message);
		tl_buf_adds(b, "</failure>\n    </testcase>\n");
		tl_buf_free(&where);
	}
	tl_buf_adds(b, "  </testsuite>\n");
	return n ? n : 1;
}

int tl_junit_write(const tl_report_ctx *c, FILE *out)
{
	const tl_findings *f = c->findings;
	tl_buf b = {0}, body = {0};
	size_t i, j, tests = 0, failures = 0;

	/* every rule in effect, then the input-* ids that reported something */
	for (i = 0; i < tl_ruleset_count(c->rules); i++) {
		const tl_rule *r = tl_ruleset_at(c->rules, i);

		if (r->enabled) {
			/* the title as SARIF gives it: param.NAME replaced */
			char *title = tl_rule_expand_params(r, r->title);

			tests += junit_suite(f, r->id, title, &body);
			free(title);
		}
	}
	for (i = 0; i < f->count; i++) {
		bool seen = false;

		if (f->items[i].rule || f->items[i].waived)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = !f->items[j].rule && !strcmp(f->items[j].rule_id, f->items[i].rule_id);
		if (!seen)
			tests += junit_suite(f, f->items[i].rule_id, f->items[i].rule_id, &body);
	}
	for (i = 0; i < f->count; i++)
		failures += !f->items[i].waived;
	tl_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	tl_buf_printf(&b, "<testsuites name=\"trustlint\" tests=\"%zu\" failures=\"%zu\">\n", tests,
		      failures);
	tl_buf_add(&b, body.data ? body.data : "", body.len);
	tl_buf_adds(&b, "</testsuites>\n");
	fwrite(b.data, 1, b.len, out);
	tl_buf_free(&b);
	tl_buf_free(&body);
	return ferror(out) ? -1 : 0;
}
