/* check_lint.c: rules run over a model into findings, and the text and
 * JSON reports (lint.h): `when`, `assert`, `error_when` and disabled rules;
 * findings sorted by input in the order given (not by name), then position
 * (line or byte offset), then rule id, input diagnostics among them; counts
 * by level with waived findings apart; the text report's exact lines and
 * summary, with and without colour, quiet, escaped; the JSON document. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/fields.h"
#include "input/input.h"
#include "rules/lint.h"
#include "report/text.h"
#include "report/lintjson.h"
#include "report/reports.h"
#include "rules/ruleset.h"
#include "testutil.h"
#include "base/util.h"

#define CERTS "fixtures/reg/synthetic/certs/"
#define NOW 1767225600 /* 2026-01-01: every fixture is valid */

/* Four rules that fire, one that is off; in the file out of id order so
 * that the sort, not the file, puts them in order. */
static const char RULES[] =
	"[z-all]\ntitle = every cert\nlevel = note\nassert = false\n"
	"message = '{subject}' z\n"
	"[a-ca]\ntitle = CA\nlevel = warning\nwhen = is_ca\nassert = false\n"
	"message = '{subject}' is a CA in {store}\n"
	"[m-leaf]\ntitle = a leaf\nlevel = error\nassert = is_ca\n"
	"[e-esc]\ntitle = escalated\nlevel = note\nwhen = !self_signed\nassert = false\n"
	"error_when = is_ca\n"
	"[off]\ntitle = never\nenabled = false\nassert = false\n";

#define BAD_BLOCK "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"

static const tl_waived_by lab = {"lab", "a lab", NULL};
static const tl_waived_by leaf_ok = {"leaf-ok", "lab machine", NULL};

typedef struct run {
	tl_ruleset *rs;
	tl_inputs *in;
	tl_view *v;
	tl_findings f;
} run;

/* Three inputs: z.pem (LocalMachine\CA: the issuing CA), a.pem
 * (LocalMachine\Root: a broken block, the root at line 4, the leaf at
 * line 23) and r.cer (CurrentUser\Root: the root as DER). */
static void run_lint(run *r, const char *rules)
{
	size_t len;
	uint8_t *data;
	tl_buf a = {0};

	memset(r, 0, sizeof(*r));
	r->rs = rules ? tt_rules_from_text(rules) : NULL;
	r->in = tl_inputs_new();
	data = tt_read_testdata(CERTS "issuing.pem", &len);
	tl_inputs_add_memory(r->in, "z.pem", data, len, TL_LOC_LOCAL_MACHINE, "CA");
	free(data);
	tl_buf_adds(&a, BAD_BLOCK);
	data = tt_read_testdata(CERTS "root.pem", &len);
	tl_buf_add(&a, data, len);
	free(data);
	data = tt_read_testdata(CERTS "client.pem", &len);
	tl_buf_add(&a, data, len);
	free(data);
	tl_inputs_add_memory(r->in, "a.pem", a.data, a.len, TL_LOC_LOCAL_MACHINE, "Root");
	tl_buf_free(&a);
	data = tt_read_testdata(CERTS "root.cer", &len);
	tl_inputs_add_memory(r->in, "r.cer", data, len, TL_LOC_CURRENT_USER, "Root");
	free(data);
	tl_inputs_finish(r->in);
	r->v = tl_view_new(r->in, NOW);
	tl_lint_run(r->rs, r->v, r->in, &r->f);
}

/* The same, every finding's text made. */
static void run_all(run *r, const char *rules)
{
	run_lint(r, rules);
	tl_findings_describe(&r->f);
}

static void run_free(run *r)
{
	tl_findings_free(&r->f);
	tl_view_free(r->v);
	tl_inputs_free(r->in);
	tl_ruleset_free(r->rs);
}

/* A report written to memory. free() the result. */
static char *text_report(const run *r, bool quiet, bool color)
{
	tt_mem m;

	ck_assert_int_eq(tl_lint_text(&r->f, r->in, r->v, NULL, quiet, color, tt_mem_open(&m)), 0);
	return tt_mem_close(&m, NULL);
}

static json_t *json_report(run *r)
{
	tt_mem m;
	size_t len;
	char *buf;

	ck_assert_int_eq(tl_lint_json(&r->f, r->in, r->v, NULL, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, &len);
	return tt_json_doc(buf, len, "the JSON report", true);
}

#define S_ROOT "'O=Lint Test (synthetic),CN=Lint Test Root CA'"
#define S_ISSUING "'O=Lint Test (synthetic),CN=Lint Test Issuing CA'"
#define S_LEAF "'O=Lint Test (synthetic),CN=client01.lint.test'"

#define WANT_LINES \
	"z.pem:1:1: warning: " S_ISSUING " is a CA in CA [a-ca]\n" \
	"z.pem:1:1: error: escalated [e-esc]\n" \
	"z.pem:1:1: note: " S_ISSUING " z [z-all]\n" \
	"a.pem:2:1: error: invalid base64 character '!' [input-pem-bad-base64]\n" \
	"a.pem:4:1: warning: " S_ROOT " is a CA in Root [a-ca]\n" \
	"a.pem:4:1: note: " S_ROOT " z [z-all]\n" \
	"a.pem:23:1: note: escalated [e-esc]\n" \
	"a.pem:23:1: error: a leaf [m-leaf]\n" \
	"a.pem:23:1: note: " S_LEAF " z [z-all]\n" \
	"r.cer:0x00000000: warning: " S_ROOT " is a CA in Root [a-ca]\n" \
	"r.cer:0x00000000: note: " S_ROOT " z [z-all]\n"

START_TEST(run_order)
{
	run r;
	size_t i;

	run_all(&r, RULES);
	ck_assert_uint_eq(r.f.count, 11);
	/* what the sort used: input rank, then position, then rule id */
	for (i = 0; i + 1 < r.f.count; i++) {
		const tl_finding *x = &r.f.items[i], *y = &r.f.items[i + 1];
		ck_assert_uint_le(x->input_rank, y->input_rank);
	}
	ck_assert_uint_eq(r.f.items[0].input_rank, 0);
	ck_assert_uint_eq(r.f.items[3].input_rank, 1);
	ck_assert_uint_eq(r.f.items[10].input_rank, 2);
	/* the input diagnostic was the first one made, the last rule's
	 * finding came after the first rule's */
	ck_assert_ptr_null(r.f.items[3].rule);
	ck_assert_int_eq(r.f.items[3].scope, -1);
	ck_assert_uint_eq(r.f.items[3].order, 0);
	ck_assert_str_eq(r.f.items[0].rule->id, "a-ca");
	ck_assert_str_eq(r.f.items[0].object,
			 "LocalMachine\\CA\\B1C1FB8BDC20A60DAE95BA4425B61A7746097A66");
	ck_assert_str_eq(r.f.items[10].object,
			 "CurrentUser\\Root\\F24ED8049CACDC167A5E66B5B01845AEA3167A5A");
	ck_assert_int_eq(r.f.items[10].loc.kind, TL_LOC_OFFSET);
	run_free(&r);
}
END_TEST

/* The text report makes the findings' text as it writes them (lint.h),
 * on a copy: the same lines as from the text tl_findings_describe makes,
 * and the findings are left without it. One object's findings share its
 * name once made. */
START_TEST(text_made_as_written)
{
	run r;
	char *lazy, *made;
	size_t i;

	run_lint(&r, RULES);
	for (i = 0; i < r.f.count; i++) {
		const tl_finding *x = &r.f.items[i];

		/* a diagnostic has its message; a rule's finding has no name
		 * yet, and a message only when it is the rule's title */
		ck_assert_int_eq(tl_finding_has_text(x), x->rule == NULL);
		if (x->rule) {
			ck_assert_ptr_null(x->object);
			if (x->rule->message)
				ck_assert_ptr_null(x->message);
			else
				ck_assert_str_eq(x->message, x->rule->title);
		}
	}
	lazy = text_report(&r, true, false);
	ck_assert_str_eq(lazy, WANT_LINES);
	for (i = 0; i < r.f.count; i++)
		ck_assert_ptr_null(r.f.items[i].rule ? r.f.items[i].object : NULL);
	tl_findings_describe(&r.f);
	made = text_report(&r, true, false);
	ck_assert_str_eq(made, lazy);
	ck_assert(r.f.described);
	for (i = 0; i < r.f.count; i++)
		ck_assert(tl_finding_has_text(&r.f.items[i]));
	/* z.pem's three findings are about the one issuing CA */
	ck_assert_ptr_eq(r.f.items[0].obj, r.f.items[2].obj);
	ck_assert_ptr_eq(r.f.items[0].object, r.f.items[2].object);
	free(lazy);
	free(made);
	run_free(&r);
}
END_TEST

START_TEST(text_report_lines)
{
	run r;
	char *got;

	run_all(&r, RULES);
	got = text_report(&r, false, false);
	ck_assert_str_eq(got, WANT_LINES "3 errors, 3 warnings, 5 notes in 3 inputs (4 certificates, "
					 "3 stores, 0 bindings)\n");
	free(got);
	/* quiet: the same lines, no summary */
	got = text_report(&r, true, false);
	ck_assert_str_eq(got, WANT_LINES);
	free(got);
	run_free(&r);
}
END_TEST

START_TEST(text_report_color)
{
	run r;
	char *got;

	run_all(&r, "[x]\ntitle = t\nlevel = note\nwhen = is_ca && self_signed\nassert = false\n");
	got = text_report(&r, false, true);
	ck_assert_str_eq(got,
			 "\033[1ma.pem:2:1:\033[0m \033[1;31merror:\033[0m invalid base64 character "
			 "'!' \033[2m[input-pem-bad-base64]\033[0m\n"
			 "\033[1ma.pem:4:1:\033[0m \033[1;36mnote:\033[0m t \033[2m[x]\033[0m\n"
			 "\033[1mr.cer:0x00000000:\033[0m \033[1;36mnote:\033[0m t \033[2m[x]\033[0m\n"
			 "1 error, 0 warnings, 2 notes in 3 inputs (4 certificates, 3 stores, 0 "
			 "bindings)\n");
	free(got);
	run_free(&r);
}
END_TEST

START_TEST(counts_and_waived)
{
	run r;
	char *got;

	run_all(&r, RULES);
	ck_assert_uint_eq(tl_findings_count(&r.f, TL_ERROR), 3);
	ck_assert_uint_eq(tl_findings_count(&r.f, TL_WARNING), 3);
	ck_assert_uint_eq(tl_findings_count(&r.f, TL_NOTE), 5);
	/* waive the leaf's error and the CA warning of z.pem */
	ck_assert_str_eq(r.f.items[7].rule_id, "m-leaf");
	r.f.items[7].waiver = &lab;
	r.f.items[0].waiver = &lab;
	ck_assert_uint_eq(tl_findings_count(&r.f, TL_ERROR), 2);
	ck_assert_uint_eq(tl_findings_count(&r.f, TL_WARNING), 2);
	ck_assert_uint_eq(tl_findings_count(&r.f, TL_NOTE), 5);
	/* waived findings are counted apart and not listed */
	got = text_report(&r, false, false);
	ck_assert_str_eq(got, "z.pem:1:1: error: escalated [e-esc]\n"
			      "z.pem:1:1: note: " S_ISSUING " z [z-all]\n"
			      "a.pem:2:1: error: invalid base64 character '!' [input-pem-bad-base64]\n"
			      "a.pem:4:1: warning: " S_ROOT " is a CA in Root [a-ca]\n"
			      "a.pem:4:1: note: " S_ROOT " z [z-all]\n"
			      "a.pem:23:1: note: escalated [e-esc]\n"
			      "a.pem:23:1: note: " S_LEAF " z [z-all]\n"
			      "r.cer:0x00000000: warning: " S_ROOT " is a CA in Root [a-ca]\n"
			      "r.cer:0x00000000: note: " S_ROOT " z [z-all]\n"
			      "2 errors, 2 warnings, 5 notes (2 waived) in 3 inputs (4 certificates, 3 "
			      "stores, 0 bindings)\n");
	free(got);
	run_free(&r);
}
END_TEST

START_TEST(no_rules_singulars)
{
	/* no rule set: only the input diagnostic; singular words */
	run r;
	char *got;

	memset(&r, 0, sizeof(r));
	r.in = tl_inputs_new();
	tl_inputs_add_memory(r.in, "one.pem", BAD_BLOCK, strlen(BAD_BLOCK), TL_LOC_LOCAL_MACHINE,
			     "My");
	tl_inputs_finish(r.in);
	r.v = tl_view_new(r.in, NOW);
	tl_lint_run(NULL, r.v, r.in, &r.f);
	got = text_report(&r, false, false);
	ck_assert_str_eq(got, "one.pem:2:1: error: invalid base64 character '!' "
			      "[input-pem-bad-base64]\n"
			      "1 error, 0 warnings, 0 notes in 1 input (0 certificates, 1 store, 0 "
			      "bindings)\n");
	free(got);
	run_free(&r);
}
END_TEST

START_TEST(empty_run)
{
	run r;
	char *got;
	json_t *doc;

	memset(&r, 0, sizeof(r));
	r.in = tl_inputs_new();
	tl_inputs_finish(r.in);
	r.v = tl_view_new(r.in, NOW);
	tl_lint_run(NULL, r.v, r.in, &r.f);
	ck_assert_uint_eq(r.f.count, 0);
	got = text_report(&r, false, false);
	ck_assert_str_eq(got, "0 errors, 0 warnings, 0 notes in 0 inputs (0 certificates, 0 stores, "
			      "0 bindings)\n");
	free(got);
	got = text_report(&r, true, false);
	ck_assert_str_eq(got, "");
	free(got);
	doc = json_report(&r);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "findings")), 0);
	json_decref(doc);
	run_free(&r);
}
END_TEST

START_TEST(added_diag_escaped_and_unlocated)
{
	/* a diagnostic added after the run (waiver-expired notes): no file
	 * means the object, or "machine"; control characters are escaped */
	run r;
	tl_diags *d = tl_diags_new();
	tl_loc none = {0};
	char *got;

	memset(&r, 0, sizeof(r));
	r.in = tl_inputs_new();
	tl_inputs_finish(r.in);
	r.v = tl_view_new(r.in, NOW);
	tl_lint_run(NULL, r.v, r.in, &r.f);
	tl_diag_add(d, TL_NOTE, "waiver-expired", &none, "line\nbreak\ttab \x1b[31m");
	tl_findings_add_diag(&r.f, tl_diags_at(d, 0));
	tl_findings_add_diag(&r.f, tl_diags_at(d, 0));
	r.f.items[1].object = (char *)"LocalMachine\\Root";
	got = text_report(&r, true, false);
	ck_assert_str_eq(got, "machine: note: line\\nbreak\\ttab \\x1b[31m [waiver-expired]\n"
			      "LocalMachine\\Root: note: line\\nbreak\\ttab \\x1b[31m [waiver-expired]\n");
	free(got);
	ck_assert_uint_eq(tl_findings_count(&r.f, TL_NOTE), 2);
	run_free(&r);
	tl_diags_free(d);
}
END_TEST

/* The keys of a JSON object, in order, joined by ','. free() it. */
static char *keys(json_t *o)
{
	tl_buf b = {0};
	void *it;

	tl_buf_adds(&b, "");
	for (it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
		if (b.len)
			tl_buf_addc(&b, ',');
		tl_buf_adds(&b, json_object_iter_key(it));
	}
	return tl_buf_steal(&b);
}

static void ck_keys(json_t *o, const char *want)
{
	char *got = keys(o);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(json_document)
{
	run r;
	json_t *doc, *findings, *x, *src, *sum;

	run_all(&r, RULES);
	r.f.items[7].waiver = &leaf_ok;
	doc = json_report(&r);
	ck_keys(doc, "tool,version,findings,summary");
	ck_assert_str_eq(json_string_value(json_object_get(doc, "tool")), "trustlint");
	ck_assert_str_eq(json_string_value(json_object_get(doc, "version")), PACKAGE_VERSION);
	findings = json_object_get(doc, "findings");
	/* waived findings are listed in JSON, marked */
	ck_assert_uint_eq(json_array_size(findings), 11);

	x = json_array_get(findings, 0);
	ck_keys(x, "rule,level,message,object,source");
	ck_assert_str_eq(json_string_value(json_object_get(x, "rule")), "a-ca");
	ck_assert_str_eq(json_string_value(json_object_get(x, "level")), "warning");
	ck_assert_str_eq(json_string_value(json_object_get(x, "message")),
			 S_ISSUING " is a CA in CA");
	ck_assert_str_eq(json_string_value(json_object_get(x, "object")),
			 "LocalMachine\\CA\\B1C1FB8BDC20A60DAE95BA4425B61A7746097A66");
	src = json_object_get(x, "source");
	ck_keys(src, "file,line,column");
	ck_assert_str_eq(json_string_value(json_object_get(src, "file")), "z.pem");
	ck_assert_int_eq(json_integer_value(json_object_get(src, "line")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(src, "column")), 1);

	/* an input diagnostic: no object */
	x = json_array_get(findings, 3);
	ck_assert_str_eq(json_string_value(json_object_get(x, "rule")), "input-pem-bad-base64");
	ck_assert(json_is_null(json_object_get(x, "object")));

	/* the waived one */
	x = json_array_get(findings, 7);
	ck_keys(x, "rule,level,message,object,waived,source");
	ck_keys(json_object_get(x, "waived"), "waiver,reason,owner");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(x, "waived"), "waiver")),
			 "leaf-ok");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(x, "waived"), "reason")),
			 "lab machine");
	ck_assert(json_is_null(json_object_get(json_object_get(x, "waived"), "owner")));

	/* a binary input: offset and length, no line */
	x = json_array_get(findings, 10);
	src = json_object_get(x, "source");
	ck_keys(src, "file,offset,length");
	ck_assert_str_eq(json_string_value(json_object_get(src, "file")), "r.cer");
	ck_assert_int_eq(json_integer_value(json_object_get(src, "offset")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(src, "length")), 810);

	sum = json_object_get(doc, "summary");
	ck_keys(sum, "errors,warnings,notes,waived,inputs,certificates,stores,bindings,sites");
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "errors")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "warnings")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "notes")), 5);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "waived")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "inputs")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "certificates")), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "stores")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "bindings")), 0);
	json_decref(doc);
	run_free(&r);
}
END_TEST

START_TEST(write_error)
{
	/* a stream that fails: -1, not a crash */
	run r;
	FILE *out;

	run_all(&r, RULES);
	out = fopen("/dev/full", "w");
	ck_assert_ptr_nonnull(out);
	setvbuf(out, NULL, _IONBF, 0);
	ck_assert_int_eq(tl_lint_text(&r.f, r.in, r.v, NULL, false, false, out), -1);
	ck_assert_int_eq(tl_lint_json(&r.f, r.in, r.v, NULL, out), -1);
	fclose(out);
	run_free(&r);
}
END_TEST

/* The format table: each --format name finds the writer it names, and
 * writes what that writer writes; an unknown name finds nothing. */
START_TEST(format_table)
{
	run r;
	tt_mem m;
	char *direct, *via;
	tl_buf names = {0};
	size_t len;
	json_t *doc;

	run_all(&r, RULES);
	ck_assert_ptr_null(tl_report_format_find("xml"));
	ck_assert_ptr_null(tl_report_format_find("TEXT"));
	ck_assert_ptr_null(tl_report_format_find(""));
	tl_report_format_names(&names);
	ck_assert_str_eq(names.data, "text, json, sarif, gitlab, junit or html");
	tl_buf_free(&names);
	{
		tl_report_ctx ctx = {.findings = &r.f, .rules = r.rs, .in = r.in, .view = r.v,
				     .exit_code = 1, .quiet = true};

		direct = text_report(&r, true, false);
		ck_assert_int_eq(tl_report_format_find("text")->write(&ctx, tt_mem_open(&m)), 0);
		via = tt_mem_close(&m, NULL);
		ck_assert_str_eq(via, direct);
		free(direct);
		free(via);
		ck_assert_int_eq(tl_report_format_find("json")->write(&ctx, tt_mem_open(&m)), 0);
		via = tt_mem_close(&m, &len);
		doc = tt_json_doc(via, len, "json via the table", true);
		ck_assert_ptr_nonnull(json_object_get(doc, "findings"));
		json_decref(doc);
		ck_assert_int_eq(tl_report_format_find("sarif")->write(&ctx, tt_mem_open(&m)), 0);
		via = tt_mem_close(&m, &len);
		doc = tt_json_doc(via, len, "sarif via the table", true);
		ck_assert_str_eq(json_string_value(json_object_get(doc, "version")), "2.1.0");
		json_decref(doc);
	}
	run_free(&r);
}
END_TEST

/* A message that names objects with list() relates the finding to each
 * object it names: every match, once, in the order named, even those the
 * message cuts ("and N more"); a message without list() relates to none. */
START_TEST(related_objects)
{
	run r;
	size_t i;
	const tl_finding *m = NULL;

	run_all(&r, "[m-named]\ntitle = named\nscope = machine\nassert = false\n"
		    "message = {list(cert where true, subject)} / {list(cert where is_ca, subject)}\n"
		    "[c-plain]\ntitle = plain\nassert = false\n");
	for (i = 0; i < r.f.count; i++) {
		const tl_finding *x = &r.f.items[i];

		if (!strcmp(x->rule_id, "m-named"))
			m = x;
		else
			ck_assert_uint_eq(x->related_count, 0);
	}
	ck_assert_ptr_nonnull(m);
	/* every certificate entry once (the second list names CAs again) */
	ck_assert_uint_eq(m->related_count, tl_view_count(r.v, TL_SCOPE_CERT));
	for (i = 0; i < m->related_count; i++) {
		tl_loc loc;
		tl_buf name = {0};

		tl_view_describe(r.v, TL_SCOPE_CERT, tl_view_object(r.v, TL_SCOPE_CERT, i), &loc,
				 &name, NULL);
		ck_assert_str_eq(m->related[i].object, name.data);
		ck_assert_ptr_eq(m->related[i].loc.file, loc.file);
		tl_buf_free(&name);
	}
	ck_assert_ptr_nonnull(strstr(m->message, " more / "));
	run_free(&r);
}
END_TEST

static Suite *lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("run");

	tcase_add_test(tc, run_order);
	tcase_add_test(tc, counts_and_waived);
	tcase_add_test(tc, no_rules_singulars);
	tcase_add_test(tc, empty_run);
	tcase_add_test(tc, added_diag_escaped_and_unlocated);
	suite_add_tcase(s, tc);
	tc = tcase_create("reports");
	tcase_add_test(tc, text_made_as_written);
	tcase_add_test(tc, text_report_lines);
	tcase_add_test(tc, text_report_color);
	tcase_add_test(tc, json_document);
	tcase_add_test(tc, write_error);
	tcase_add_test(tc, format_table);
	tcase_add_test(tc, related_objects);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(lint_suite());
}
