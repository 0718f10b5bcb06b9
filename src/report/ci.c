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

	tl_findings_describe(c->findings);
	/* the report is the array itself, written an issue at a time */
	tl_json_stream_open(&st, slot, out);
	json_decref(slot);
	for (i = 0; i < c->findings->count; i++) {
		const tl_finding *x = &c->findings->items[i];
		json_t *o, *loc, *lines;
		char fp[65];

		if (x->waiver)
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
	return !x->waiver && strcmp(x->rule_id, id) == 0;
}

/* A testsuite: a rule in effect, or an input-* id that reported
 * something. */
typedef struct junit_suite {
	const char *id;
	char *title;     /* owned */
	size_t failures; /* its findings not waived */
} junit_suite;

/* One testsuite, its findings as failing test cases, or one passing case
 * when it has none; b is a scratch buffer, each case written as it is made
 * so that no report of 180,000 findings is held whole. */
static void junit_write_suite(const tl_findings *f, const junit_suite *s, tl_buf *b, FILE *out)
{
	size_t i;

	b->len = 0;
	tl_buf_adds(b, "  <testsuite name=\"");
	tl_xml_text(b, s->id);
	tl_buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\">\n", s->failures ? s->failures : 1,
		      s->failures);
	if (!s->failures) {
		tl_buf_adds(b, "    <testcase classname=\"");
		tl_xml_text(b, s->id);
		tl_buf_adds(b, "\" name=\"");
		tl_xml_text(b, s->title);
		tl_buf_adds(b, "\"/>\n");
	}
	fwrite(b->data, 1, b->len, out);
	for (i = 0; i < f->count; i++) {
		const tl_finding *x = &f->items[i];
		tl_buf where = {0};

		if (!counts(x, s->id))
			continue;
		b->len = 0;
		tl_loc_format(&x->loc, &where);
		tl_buf_adds(b, "    <testcase classname=\"");
		tl_xml_text(b, s->id);
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
		fwrite(b->data, 1, b->len, out);
	}
	fputs("  </testsuite>\n", out);
}

static void junit_add_suite(const tl_findings *f, junit_suite **v, size_t *n, size_t *cap,
			    const char *id, char *title)
{
	junit_suite *s;
	size_t i;

	tl_xgrow((void **)v, cap, *n + 1, sizeof(**v));
	s = &(*v)[(*n)++];
	s->id = id;
	s->title = title;
	s->failures = 0;
	for (i = 0; i < f->count; i++)
		s->failures += counts(&f->items[i], id);
}

int tl_junit_write(const tl_report_ctx *c, FILE *out)
{
	const tl_findings *f = c->findings;
	junit_suite *suites = NULL;
	tl_buf b = {0};
	size_t i, j, n = 0, cap = 0, tests = 0, failures = 0;

	tl_findings_describe(c->findings);
	/* every rule in effect, then the input-* ids that reported something;
	 * the suites are known before any is written, as the root element
	 * counts their cases */
	for (i = 0; i < tl_ruleset_count(c->rules); i++) {
		const tl_rule *r = tl_ruleset_at(c->rules, i);

		/* the title as SARIF gives it: param.NAME replaced */
		if (r->enabled)
			junit_add_suite(f, &suites, &n, &cap, r->id, tl_rule_expand_params(r, r->title));
	}
	for (i = 0; i < f->count; i++) {
		bool seen = false;

		if (f->items[i].rule || f->items[i].waiver)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = !f->items[j].rule && !strcmp(f->items[j].rule_id, f->items[i].rule_id);
		if (!seen)
			junit_add_suite(f, &suites, &n, &cap, f->items[i].rule_id,
					tl_xstrdup(f->items[i].rule_id));
	}
	for (i = 0; i < n; i++)
		tests += suites[i].failures ? suites[i].failures : 1;
	for (i = 0; i < f->count; i++)
		failures += f->items[i].waiver == NULL;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"trustlint\" tests=\"%zu\" failures=\"%zu\">\n", tests,
		failures);
	for (i = 0; i < n; i++) {
		junit_write_suite(f, &suites[i], &b, out);
		free(suites[i].title);
	}
	fputs("</testsuites>\n", out);
	tl_buf_free(&b);
	free(suites);
	return ferror(out) ? -1 : 0;
}
