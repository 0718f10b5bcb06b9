/* check_ruledoc.c: the documents about rules (report/ruledoc.h): the
 * `trustlint rules` table and JSON, the field catalogue, the `explain`
 * text of a rule and of a diagnostic, each compared exactly, with rule
 * file text escaped for a terminal; a write error. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "report/ruledoc.h"
#include "rules/fields.h"
#include "testutil.h"
#include "base/util.h"

/* U+202E RIGHT-TO-LEFT OVERRIDE: a terminal must never get it raw. */
#define RLO "\xe2\x80\xae"

static const char rules_text[] =
	"[t-full]\n"
	"title = Full rule " RLO " with bidi\n"
	"level = warning\n"
	"scope = store\n"
	"when = logical && name == \"Root\"\n"
	"assert = count <= param.max\n"
	"error_when = count > 100\n"
	"message = {name} holds {count}\n"
	"  of at most {param.max}\n"
	"description = Line one.\n"
	"  Line two.\n"
	"help = What to do.\n"
	"help_uri = https://example.com/t-full\n"
	"tags = a, b" RLO "\n"
	"security_severity = 7.5\n"
	"precision = high\n"
	"param.max = 2\n"
	"\n"
	"[t-min]\n"
	"title = Minimal\n"
	"level = note\n"
	"scope = cert\n"
	"assert = true\n"
	"enabled = false\n"
	"\n"
	"[t-sev]\n"
	"title = Severity only\n"
	"level = error\n"
	"scope = machine\n"
	"assert = true\n"
	"security_severity = 3\n"
	"\n"
	"[t-prec]\n"
	"title = Precision only\n"
	"level = warning\n"
	"scope = ctl\n"
	"assert = true\n"
	"precision = low\n";

/* rules_text as t.rules; with adjusted, as after --level t-full=error
 * --param t-full.max=5. */
static tl_ruleset *rules(bool adjusted)
{
	static const char *const level[] = {"t-full=error"};
	static const char *const param[] = {"t-full.max=5"};
	tl_ruleset *rs;
	tl_diags *errs;
	tl_rule_options ro = {0};

	if (!adjusted)
		return tt_rules_from_text(rules_text);
	rs = tl_ruleset_new(tl_fields_catalogue());
	errs = tl_diags_new();
	ro.levels = level;
	ro.level_count = 1;
	ro.params = param;
	ro.param_count = 1;
	tl_ruleset_load_text(rs, "t.rules", rules_text, strlen(rules_text), errs);
	tl_ruleset_finish(rs, &ro, errs);
	tt_ck_diags(errs, "");
	tl_diags_free(errs);
	return rs;
}

/* call, which writes to fp (a memory stream), returns 0 and writes
 * exactly want. A macro, so that a failure names the caller's line. */
#define ck_writes(call, want)                                           \
	do {                                                            \
		tt_mem m_;                                              \
		FILE *fp = tt_mem_open(&m_);                            \
		char *got_;                                             \
                                                                        \
		ck_assert_int_eq((call), 0);                            \
		got_ = tt_mem_close(&m_, NULL);                         \
		ck_assert_str_eq(got_, (want));                         \
		free(got_);                                             \
	} while (0)

/* ------------------------------------------------------------ rules */

static const struct list_case {
	const char *text; /* NULL: rules_text */
	bool adjusted;
	const char *want;
} list_cases[] = {
	{"", false, "0 rules\n"},
	{"[t-one]\ntitle = One\nlevel = note\nscope = cert\nassert = true\n", false,
	 "t-one                            note    cert    One\n"
	 "1 rule\n"},
	{NULL, false,
	 "t-full                           warning store   Full rule \\u202e with bidi\n"
	 "t-min                            note    cert    Minimal (disabled)\n"
	 "t-sev                            error   machine Severity only\n"
	 "t-prec                           warning ctl     Precision only\n"
	 "4 rules\n"},
	{NULL, true,
	 "t-full                           error   store   Full rule \\u202e with bidi\n"
	 "t-min                            note    cert    Minimal (disabled)\n"
	 "t-sev                            error   machine Severity only\n"
	 "t-prec                           warning ctl     Precision only\n"
	 "4 rules\n"},
};

START_TEST(list_text)
{
	const struct list_case *c = &list_cases[_i];
	tl_ruleset *rs = c->text ? tt_rules_from_text(c->text) : rules(c->adjusted);

	ck_writes(tl_ruledoc_list_text(rs, fp), c->want);
	tl_ruleset_free(rs);
}
END_TEST

/* Each metadata field of the JSON listing, compact, in document order. */
static const struct json_case {
	size_t rule;
	bool adjusted;
	const char *fields;
} json_cases[] = {
	{0, false,
	 "{\"id\":\"t-full\",\"title\":\"Full rule " RLO " with bidi\",\"level\":\"warning\","
	 "\"default_level\":\"warning\",\"scope\":\"store\",\"enabled\":true,"
	 "\"when\":\"logical && name == \\\"Root\\\"\",\"assert\":\"count <= param.max\","
	 "\"error_when\":\"count > 100\",\"message\":\"{name} holds {count} of at most {param.max}\","
	 "\"description\":\"Line one.\\nLine two.\",\"help\":\"What to do.\","
	 "\"help_uri\":\"https://example.com/t-full\",\"tags\":[\"a\",\"b" RLO "\"],"
	 "\"security_severity\":7.5,\"precision\":\"high\",\"params\":{\"max\":\"2\"},"
	 "\"file\":\"t.rules\",\"line\":1}"},
	{0, true,
	 "{\"id\":\"t-full\",\"title\":\"Full rule " RLO " with bidi\",\"level\":\"error\","
	 "\"default_level\":\"warning\",\"scope\":\"store\",\"enabled\":true,"
	 "\"when\":\"logical && name == \\\"Root\\\"\",\"assert\":\"count <= param.max\","
	 "\"error_when\":\"count > 100\",\"message\":\"{name} holds {count} of at most {param.max}\","
	 "\"description\":\"Line one.\\nLine two.\",\"help\":\"What to do.\","
	 "\"help_uri\":\"https://example.com/t-full\",\"tags\":[\"a\",\"b" RLO "\"],"
	 "\"security_severity\":7.5,\"precision\":\"high\",\"params\":{\"max\":\"5\"},"
	 "\"file\":\"t.rules\",\"line\":1}"},
	/* what a rule file leaves out is null, or empty for tags and params */
	{1, false,
	 "{\"id\":\"t-min\",\"title\":\"Minimal\",\"level\":\"note\",\"default_level\":\"note\","
	 "\"scope\":\"cert\",\"enabled\":false,\"when\":null,\"assert\":\"true\","
	 "\"error_when\":null,\"message\":null,\"description\":null,\"help\":null,"
	 "\"help_uri\":null,\"tags\":[],\"security_severity\":null,\"precision\":null,"
	 "\"params\":{},\"file\":\"t.rules\",\"line\":19}"},
	{2, false,
	 "{\"id\":\"t-sev\",\"title\":\"Severity only\",\"level\":\"error\","
	 "\"default_level\":\"error\",\"scope\":\"machine\",\"enabled\":true,\"when\":null,"
	 "\"assert\":\"true\",\"error_when\":null,\"message\":null,\"description\":null,"
	 "\"help\":null,\"help_uri\":null,\"tags\":[],\"security_severity\":3.0,"
	 "\"precision\":null,\"params\":{},\"file\":\"t.rules\",\"line\":26}"},
};

START_TEST(list_json)
{
	const struct json_case *c = &json_cases[_i];
	tl_ruleset *rs = rules(c->adjusted);
	json_t *doc;
	char *got;
	size_t len;
	tt_mem m;

	ck_assert_int_eq(tl_ruledoc_list_json(rs, tt_mem_open(&m)), 0);
	got = tt_mem_close(&m, &len);
	doc = tt_json_doc(got, len, "the rule listing", true);
	ck_assert_uint_eq(json_array_size(doc), tl_ruleset_count(rs));
	got = json_dumps(json_array_get(doc, c->rule), JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(got, c->fields);
	free(got);
	json_decref(doc);
	tl_ruleset_free(rs);
}
END_TEST

/* To a terminal the JSON holds no raw bidi override either. */
START_TEST(list_json_terminal)
{
	tl_ruleset *rs = rules(false);
	tt_mem m;
	char *got;

	tl_json_set_terminal(1);
	ck_assert_int_eq(tl_ruledoc_list_json(rs, tt_mem_open(&m)), 0);
	tl_json_set_terminal(0);
	got = tt_mem_close(&m, NULL);
	ck_assert_ptr_null(strstr(got, RLO));
	ck_assert_ptr_nonnull(strstr(got, "\"title\": \"Full rule \\u202E with bidi\",\n"));
	free(got);
	tl_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ fields */

/* A few rows as printed: name and type columns padded, list types named
 * by their element type. */
static const struct field_case {
	int scope;
	const char *row;
} field_cases[] = {
	{TL_SCOPE_CERT, "\n  subject                                  string           subject name"},
	{TL_SCOPE_CERT, "\n  key_usage                                list of string   keyUsage bit names"},
	{TL_SCOPE_STORE, "\n  count                                    int              "},
};

START_TEST(fields_rows)
{
	const struct field_case *c = &field_cases[_i];
	char *header, *got, *in_scope, *next;
	tt_mem m;

	ck_assert_int_eq(tl_ruledoc_fields(tt_mem_open(&m)), 0);
	got = tt_mem_close(&m, NULL);
	header = tl_xasprintf("scope %s\n", tl_scope_name(c->scope));
	in_scope = strstr(got, header);
	ck_assert_ptr_nonnull(in_scope);
	next = strstr(in_scope + 1, "\nscope ");
	ck_assert_ptr_nonnull(strstr(in_scope, c->row));
	ck_assert(next == NULL || strstr(in_scope, c->row) < next);
	free(header);
	free(got);
}
END_TEST

/* Every scope in order, then one line for each of its fields. */
START_TEST(fields_layout)
{
	char *got, *line, *save = NULL;
	int scope = -1;
	size_t field = 0, n = 0;
	tt_mem m;

	ck_assert_int_eq(tl_ruledoc_fields(tt_mem_open(&m)), 0);
	got = tt_mem_close(&m, NULL);
	for (line = strtok_r(got, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "scope ", 6) == 0) {
			ck_assert_uint_eq(field, n);
			ck_assert_str_eq(line + 6, tl_scope_name(++scope));
			tl_fields_of(scope, &n);
			field = 0;
			continue;
		}
		ck_assert_int_ge(scope, 0);
		ck_assert_uint_lt(field, n);
		ck_assert(strncmp(line + 2, tl_fields_of(scope, &n)[field].name,
				  strlen(tl_fields_of(scope, &n)[field].name)) == 0);
		field++;
	}
	ck_assert_uint_eq(field, n);
	ck_assert_int_eq(scope, TL_SCOPE_COUNT - 1);
	free(got);
}
END_TEST

/* ------------------------------------------------------------ explain */

/* t-full below its level line, up to its parameters */
#define T_FULL_BODY                                                     \
	"description:\n"                                                \
	"  Line one.\n"                                                 \
	"  Line two.\n"                                                 \
	"help:\n"                                                       \
	"  What to do.\n"                                               \
	"more: https://example.com/t-full\n"                            \
	"tags: a b\\u202e\n"                                            \
	"security severity: 7.5, precision: high\n"                     \
	"when:\n"                                                       \
	"  logical && name == \"Root\"\n"                               \
	"assert:\n"                                                     \
	"  count <= param.max\n"                                        \
	"error when:\n"                                                 \
	"  count > 100\n"                                               \
	"message:\n"                                                    \
	"  {name} holds {count} of at most {param.max}\n"

static const struct explain_case {
	const char *id;
	bool adjusted;
	const char *want;
} explain_cases[] = {
	{"t-full", false,
	 "t-full: Full rule \\u202e with bidi\n"
	 "level: warning, scope: store, defined at t.rules:1\n"
	 T_FULL_BODY
	 "param.max = 2\n"},
	{"t-full", true,
	 "t-full: Full rule \\u202e with bidi\n"
	 "level: error, scope: store, defined at t.rules:1\n"
	 T_FULL_BODY
	 "param.max = 5 (from the command line)\n"},
	/* no when: it always applies */
	{"t-min", false,
	 "t-min: Minimal\n"
	 "level: note (disabled), scope: cert, defined at t.rules:19\n"
	 "when:\n"
	 "  true\n"
	 "assert:\n"
	 "  true\n"},
	{"t-sev", false,
	 "t-sev: Severity only\n"
	 "level: error, scope: machine, defined at t.rules:26\n"
	 "security severity: 3.0, precision: -\n"
	 "when:\n"
	 "  true\n"
	 "assert:\n"
	 "  true\n"},
	{"t-prec", false,
	 "t-prec: Precision only\n"
	 "level: warning, scope: ctl, defined at t.rules:33\n"
	 "security severity: 0.0, precision: low\n"
	 "when:\n"
	 "  true\n"
	 "assert:\n"
	 "  true\n"},
};

START_TEST(explain_rule)
{
	const struct explain_case *c = &explain_cases[_i];
	tl_ruleset *rs = rules(c->adjusted);
	const tl_rule *r = tl_ruleset_find(rs, c->id);

	ck_assert_ptr_nonnull(r);
	ck_writes(tl_ruledoc_explain_rule(r, fp), c->want);
	tl_ruleset_free(rs);
}
END_TEST

/* Rows of our own, not the table's: the layout is under test, and
 * whether a waiver may name the id (input-* ids a reader reports). */
static const struct diag_case {
	struct tl_diag_info info;
	const char *want;
} diag_cases[] = {
	{{"input-sst-truncated", TL_ERROR, "the store ends early", "Export it again.\nThen lint it."},
	 "input-sst-truncated: the store ends early\n"
	 "level: error, reported by trustlint itself (not a rule), a waiver may name it\n"
	 "help:\n"
	 "  Export it again.\n"
	 "  Then lint it.\n"},
	{{"waiver-unused", TL_NOTE, "no finding matched the waiver", NULL},
	 "waiver-unused: no finding matched the waiver\n"
	 "level: note, reported by trustlint itself (not a rule)\n"},
	{{"input-x-test", TL_WARNING, "a test row", "Say \x1b[31m no more."},
	 "input-x-test: a test row\n"
	 "level: warning, reported by trustlint itself (not a rule)\n"
	 "help:\n"
	 "  Say \\x1b[31m no more.\n"},
};

START_TEST(explain_diag)
{
	const struct diag_case *c = &diag_cases[_i];

	ck_writes(tl_ruledoc_explain_diag(&c->info, fp), c->want);
}
END_TEST

START_TEST(write_error)
{
	tl_ruleset *rs = rules(false);
	FILE *out = fopen("/dev/full", "w");

	ck_assert_ptr_nonnull(out);
	setvbuf(out, NULL, _IONBF, 0);
	ck_assert_int_eq(tl_ruledoc_list_text(rs, out), -1);
	ck_assert_int_eq(tl_ruledoc_list_json(rs, out), -1);
	ck_assert_int_eq(tl_ruledoc_fields(out), -1);
	ck_assert_int_eq(tl_ruledoc_explain_rule(tl_ruleset_at(rs, 0), out), -1);
	ck_assert_int_eq(tl_ruledoc_explain_diag(&diag_cases[0].info, out), -1);
	fclose(out);
	tl_ruleset_free(rs);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ruledoc");
	TCase *list = tcase_create("rules");
	TCase *fields = tcase_create("fields");
	TCase *explain = tcase_create("explain");

	tcase_add_loop_test(list, list_text, 0, (int)TL_ARRAY_LEN(list_cases));
	tcase_add_loop_test(list, list_json, 0, (int)TL_ARRAY_LEN(json_cases));
	tcase_add_test(list, list_json_terminal);
	tcase_add_test(list, write_error);
	suite_add_tcase(s, list);

	tcase_add_loop_test(fields, fields_rows, 0, (int)TL_ARRAY_LEN(field_cases));
	tcase_add_test(fields, fields_layout);
	suite_add_tcase(s, fields);

	tcase_add_loop_test(explain, explain_rule, 0, (int)TL_ARRAY_LEN(explain_cases));
	tcase_add_loop_test(explain, explain_diag, 0, (int)TL_ARRAY_LEN(diag_cases));
	suite_add_tcase(s, explain);

	return tt_run(s);
}
