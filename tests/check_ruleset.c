/* check_ruleset.c: rule files (DESIGN.md 3): every key and its checks,
 * every error with its exact file:line:col, continuation lines, the line
 * limit inih imposes, directories, command-line options, expressions
 * compiled against a catalogue, the golden broken files under
 * testdata/rules/bad/ and truncation at every length. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/ruleset.h"
#include "testutil.h"
#include "base/util.h"

/* ------------------------------------------------ a small catalogue */

static const char *const scopes[] = {"cert", "store", "binding", "ctl", "machine"};

typedef struct mock_field {
	int scope;
	const char *name;
	tl_type type, elem;
} mock_field;

static const mock_field fields[] = {
	{0, "subject", TL_T_STRING, TL_T_NULL},
	{0, "issuer", TL_T_STRING, TL_T_NULL},
	{0, "self_signed", TL_T_BOOL, TL_T_NULL},
	{0, "key_bits", TL_T_INT, TL_T_NULL},
	{0, "not_after", TL_T_TIME, TL_T_NULL},
	{0, "logical_store", TL_T_STRING, TL_T_NULL},
	{0, "eku", TL_T_LIST, TL_T_STRING},
	{1, "name", TL_T_STRING, TL_T_NULL},
	{1, "entry_count", TL_T_INT, TL_T_NULL},
	{2, "negotiate_client_cert", TL_T_BOOL, TL_T_NULL},
	{4, "schannel.trust_mode", TL_T_INT, TL_T_NULL},
};

static int mock_scope(void *user, const char *name, size_t len)
{
	size_t i;

	(void)user;
	for (i = 0; i < TL_ARRAY_LEN(scopes); i++) {
		if (strlen(scopes[i]) == len && memcmp(scopes[i], name, len) == 0)
			return (int)i;
	}
	return -1;
}

static int mock_field_info(void *user, int scope, const char *name, size_t len,
			   tl_field_info *out)
{
	size_t i;

	(void)user;
	for (i = 0; i < TL_ARRAY_LEN(fields); i++) {
		if (fields[i].scope == scope && strlen(fields[i].name) == len &&
		    memcmp(fields[i].name, name, len) == 0) {
			out->id = (int)i;
			out->type = fields[i].type;
			out->elem = fields[i].elem;
			return 0;
		}
	}
	return -1;
}

/* The ruleset must send param.NAME to the rule, never here. */
static int mock_param(void *user, const char *name, size_t len, tl_value *out)
{
	(void)user;
	(void)name;
	(void)len;
	(void)out;
	ck_abort_msg("param lookup reached the caller's catalogue");
	return -1;
}

static const tl_catalogue cat = {NULL, mock_scope, mock_field_info, mock_param};

/* ------------------------------------------------ helpers */

/* Load text as "t.rules", finish with opts, return the diagnostics as
 * text; the ruleset is kept in *out when out is not NULL. */
static char *load(const char *text, const tl_rule_options *opts, tl_ruleset **out)
{
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();
	size_t n;
	char *got;

	n = tl_ruleset_load_text(rs, "t.rules", text, strlen(text), d);
	n += tl_ruleset_finish(rs, opts, d);
	ck_assert_uint_eq(n, tl_diags_count(d));
	ck_assert_uint_eq(tl_diags_count_sev(d, TL_ERROR), tl_diags_count(d));
	got = tt_diags_text(d);
	tl_diags_free(d);
	if (out)
		*out = rs;
	else
		tl_ruleset_free(rs);
	return got;
}

/* Load text and expect exactly the diagnostics want. */
#define expect(text, want)                              \
	do {                                            \
		char *got_ = load(text, NULL, NULL);    \
		ck_assert_str_eq(got_, want);           \
		free(got_);                             \
	} while (0)

#define E(pos, msg) "t.rules:" pos ": error: " msg " [rule-file]\n"

#define MINIMAL "[r]\ntitle = T\nassert = self_signed\n"

/* ------------------------------------------------ keys */

START_TEST(minimal_rule)
{
	tl_ruleset *rs;
	char *got = load("; a comment\n\n" MINIMAL, NULL, &rs);
	const tl_rule *r;

	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_uint_eq(tl_ruleset_count(rs), 1);
	r = tl_ruleset_at(rs, 0);
	ck_assert_ptr_eq(tl_ruleset_find(rs, "r"), r);
	ck_assert_ptr_null(tl_ruleset_find(rs, "s"));
	ck_assert_ptr_null(tl_ruleset_at(rs, 1));
	ck_assert_str_eq(r->id, "r");
	ck_assert_str_eq(r->title, "T");
	ck_assert_int_eq(r->level, TL_WARNING);
	ck_assert_int_eq(r->default_level, TL_WARNING);
	ck_assert_int_eq(r->scope, 0);
	ck_assert_str_eq(r->scope_name, "cert");
	ck_assert_ptr_null(r->when_text);
	ck_assert_ptr_null(r->when);
	ck_assert_str_eq(r->assert_text, "self_signed");
	ck_assert_ptr_nonnull(r->assert_);
	ck_assert_ptr_null(r->message_text);
	ck_assert_ptr_null(r->message);
	ck_assert_ptr_null(r->description);
	ck_assert_ptr_null(r->help);
	ck_assert_ptr_null(r->help_uri);
	ck_assert_ptr_null(r->precision);
	ck_assert_uint_eq(r->tag_count, 0);
	ck_assert(!r->has_security_severity);
	ck_assert(r->enabled);
	ck_assert_uint_eq(r->param_count, 0);
	ck_assert_str_eq(r->file, "t.rules");
	ck_assert_uint_eq(r->line, 3);
	tl_ruleset_free(rs);
}
END_TEST

static const char full_rule[] =
	"[root-not-self-signed]\n"
	"title       = Trusted Root stores hold only self-signed certificates\n"
	"level       = error\n"
	"scope       = cert\n"
	"when        = logical_store == \"Root\"\n"
	"assert      = self_signed\n"
	"message     = '{subject}' in {logical_store} is not self-signed (issuer '{issuer}')\n"
	"description = Schannel builds the trusted issuer list from Root. A certificate there\n"
	"  that is not self-signed makes IIS/http.sys reject client certificates with\n"
	"  403.16 while ClientAuthTrustMode is 0 (KB 2802568).\n"
	"help        = Move it to the CA store.\n"
	"\tOr set ClientAuthTrustMode=2.\n"
	"help_uri    = https://support.microsoft.com/kb/2802568\n"
	"tags        = trust-store, schannel,client-auth\n"
	"security_severity = 7.5\n"
	"precision   = very-high\n"
	"enabled     = false\n";

START_TEST(full_rule_keys)
{
	tl_ruleset *rs;
	char *got = load(full_rule, NULL, &rs);
	const tl_rule *r;

	ck_assert_str_eq(got, "");
	free(got);
	r = tl_ruleset_at(rs, 0);
	ck_assert_str_eq(r->id, "root-not-self-signed");
	ck_assert_str_eq(r->title, "Trusted Root stores hold only self-signed certificates");
	ck_assert_int_eq(r->level, TL_ERROR);
	ck_assert_int_eq(r->default_level, TL_ERROR);
	ck_assert_str_eq(r->when_text, "logical_store == \"Root\"");
	ck_assert_ptr_nonnull(r->when);
	ck_assert_str_eq(r->message_text,
			 "'{subject}' in {logical_store} is not self-signed (issuer '{issuer}')");
	ck_assert_ptr_nonnull(r->message);
	/* prose keeps its line breaks */
	ck_assert_str_eq(r->description,
			 "Schannel builds the trusted issuer list from Root. A certificate there\n"
			 "that is not self-signed makes IIS/http.sys reject client certificates "
			 "with\n403.16 while ClientAuthTrustMode is 0 (KB 2802568).");
	ck_assert_str_eq(r->help, "Move it to the CA store.\nOr set ClientAuthTrustMode=2.");
	ck_assert_str_eq(r->help_uri, "https://support.microsoft.com/kb/2802568");
	ck_assert_uint_eq(r->tag_count, 3);
	ck_assert_str_eq(r->tags[0], "trust-store");
	ck_assert_str_eq(r->tags[1], "schannel");
	ck_assert_str_eq(r->tags[2], "client-auth");
	ck_assert(r->has_security_severity);
	ck_assert_double_eq_tol(r->security_severity, 7.5, 1e-9);
	ck_assert_str_eq(r->precision, "very-high");
	ck_assert(!r->enabled);
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(scopes_and_levels)
{
	tl_ruleset *rs;
	char *got = load("[a]\ntitle = A\nscope = machine\nlevel = note\n"
			 "assert = schannel.trust_mode == 0\n"
			 "[b]\ntitle = B\nscope = store\nassert = entry_count\n"
			 "[c]\ntitle = C\nscope = binding\nlevel = warning\n"
			 "assert = negotiate_client_cert\n"
			 "[d]\ntitle = D\nscope = ctl\nassert = true\n",
			 NULL, &rs);

	/* entry_count is an int: not a test */
	ck_assert_str_eq(got, E("9:10", "'assert' must be a bool expression, not int"));
	free(got);
	ck_assert_uint_eq(tl_ruleset_count(rs), 3);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->scope_name, "machine");
	ck_assert_int_eq(tl_ruleset_at(rs, 0)->scope, 4);
	ck_assert_int_eq(tl_ruleset_at(rs, 0)->level, TL_NOTE);
	ck_assert_int_eq(tl_ruleset_at(rs, 1)->scope, 2);
	ck_assert_int_eq(tl_ruleset_at(rs, 1)->level, TL_WARNING);
	ck_assert_str_eq(tl_ruleset_at(rs, 2)->id, "d");
	ck_assert_int_eq(tl_ruleset_at(rs, 2)->scope, 3);
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(severity_values)
{
	static const char *const good[] = {"0", "0.0", "10", "10.0", "3.25", "09.9"};
	static const char *const bad[] = {"10.1", "-1", ".5", "5.", "1e1", "11", "7,5", "nan"};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(good); i++) {
		char *text = tl_xasprintf(MINIMAL "security_severity = %s\n", good[i]);
		expect(text, "");
		free(text);
	}
	for (i = 0; i < TL_ARRAY_LEN(bad); i++) {
		char *text = tl_xasprintf(MINIMAL "security_severity = %s\n", bad[i]);
		char *want = tl_xasprintf(E("4:21", "invalid security_severity '%s' (expected a "
						    "number from 0.0 to 10.0)"),
					  bad[i]);
		expect(text, want);
		free(text);
		free(want);
	}
}
END_TEST

START_TEST(bad_values)
{
	expect(MINIMAL "level = fatal\n",
	       E("4:9", "invalid level 'fatal' (expected error, warning or note)"));
	expect(MINIMAL "level = Error\n",
	       E("4:9", "invalid level 'Error' (expected error, warning or note)"));
	expect(MINIMAL "scope = certificate\n",
	       E("4:9", "unknown scope 'certificate' (expected cert, store, binding, ctl or "
			"machine)"));
	expect(MINIMAL "precision = extreme\n",
	       E("4:13", "invalid precision 'extreme' (expected very-high, high, medium or "
			 "low)"));
	expect(MINIMAL "enabled = yes\n",
	       E("4:11", "invalid enabled 'yes' (expected true or false)"));
	expect(MINIMAL "help_uri = kb 2802568\n",
	       E("4:12", "invalid help_uri 'kb 2802568' (expected an absolute URI)"));
	expect(MINIMAL "help_uri = https:\n",
	       E("4:12", "invalid help_uri 'https:' (expected an absolute URI)"));
	expect(MINIMAL "tags = a,,b\n", E("4:10", "empty tag in 'tags'"));
	expect(MINIMAL "tags = a, b,\n", E("4:13", "empty tag in 'tags'"));
	/* a bad value loses the whole rule */
	{
		tl_ruleset *rs;
		char *got = load(MINIMAL "level = fatal\n", NULL, &rs);
		free(got);
		ck_assert_uint_eq(tl_ruleset_count(rs), 0);
		tl_ruleset_free(rs);
	}
}
END_TEST

START_TEST(unknown_duplicate_empty_keys)
{
	expect(MINIMAL "titel = x\n", E("4:1", "unknown key 'titel'"));
	expect(MINIMAL "Title = x\n", E("4:1", "unknown key 'Title'"));
	expect(MINIMAL "param = 1\n", E("4:1", "unknown key 'param'"));
	expect(MINIMAL "level: note\n", "");
	expect("[r]\ntitle = T\nassert = self_signed\nlevel = note\nlevel = error\n",
	       E("5:1", "duplicate key 'level' (first at line 4)"));
	expect("[r]\ntitle = T\nassert = self_signed\ntitle = U\n",
	       E("4:1", "duplicate key 'title' (first at line 2)"));
	expect("[r]\ntitle =\nassert = self_signed\n", E("2:1", "key 'title' has an empty value"));
	expect("[r]\ntitle = T\nassert = ; only a comment\n",
	       E("3:1", "key 'assert' has an empty value"));
	expect("[r]\ntitle = T\nassert = self_signed\n= 4\n",
	       E("4:1", "missing key name before '='"));
}
END_TEST

START_TEST(required_keys)
{
	expect("[r]\nassert = self_signed\n", E("1:2", "rule 'r' has no 'title'"));
	expect("[r]\ntitle = T\n", E("1:2", "rule 'r' has no 'assert'"));
	/* an empty section: inih never tells us of it */
	expect(MINIMAL "\n[empty]\n",
	       E("5:2", "rule 'empty' has no 'title'") E("5:2", "rule 'empty' has no 'assert'"));
}
END_TEST

START_TEST(outside_section)
{
	expect("title = T\n" MINIMAL, E("1:1", "key 'title' outside any section"));
	expect("  title = T\n    more\n" MINIMAL, E("1:3", "key 'title' outside any section"));
}
END_TEST

START_TEST(rule_ids)
{
	char id64[65], id65[66];
	char *text;

	memset(id64, 'a', 64);
	id64[64] = '\0';
	memset(id65, 'b', 65);
	id65[65] = '\0';
	/* longer than inih's 50-byte section buffer, and still ours */
	text = tl_xasprintf("[%s]\ntitle = T\nassert = self_signed\n", id64);
	{
		tl_ruleset *rs;
		char *got = load(text, NULL, &rs);
		ck_assert_str_eq(got, "");
		free(got);
		ck_assert_ptr_nonnull(tl_ruleset_find(rs, id64));
		tl_ruleset_free(rs);
	}
	free(text);
	text = tl_xasprintf("[%s]\ntitle = T\nassert = self_signed\n", id65);
	{
		char *want = tl_xasprintf(E("1:2", "invalid rule id '%s' (expected lower-case "
						   "letters and digits in groups joined by "
						   "single '-', at most 64 characters)"),
					  id65);
		expect(text, want);
		free(want);
	}
	free(text);
	expect("[Root-x]\ntitle = T\nassert = self_signed\n",
	       E("1:2", "invalid rule id 'Root-x' (expected lower-case letters and digits in "
			"groups joined by single '-', at most 64 characters)"));
	expect("[a--b]\ntitle = T\nassert = self_signed\n",
	       E("1:2", "invalid rule id 'a--b' (expected lower-case letters and digits in "
			"groups joined by single '-', at most 64 characters)"));
	expect("[-a]\ntitle = T\nassert = self_signed\n",
	       E("1:2", "invalid rule id '-a' (expected lower-case letters and digits in "
			"groups joined by single '-', at most 64 characters)"));
	expect("[ a ]\ntitle = T\nassert = self_signed\n",
	       E("1:2", "invalid rule id ' a ' (expected lower-case letters and digits in "
			"groups joined by single '-', at most 64 characters)"));
	expect("[]\ntitle = T\nassert = self_signed\n",
	       E("1:2", "invalid rule id '' (expected lower-case letters and digits in "
			"groups joined by single '-', at most 64 characters)"));
	expect("[a1-2b]\ntitle = T\nassert = self_signed\n", "");
}
END_TEST

START_TEST(duplicate_ids)
{
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();
	const char *second = "\n[s]\ntitle = S\nassert = true\n" MINIMAL;

	ck_assert_uint_eq(tl_ruleset_load_text(rs, "one.rules", MINIMAL, strlen(MINIMAL), d), 0);
	ck_assert_uint_eq(tl_ruleset_load_text(rs, "two.rules", second, strlen(second), d), 1);
	/* within one file; a broken first definition still counts */
	expect("[bad]\ntitle = T\n\n[bad]\ntitle = T\nassert = self_signed\n",
	       E("1:2", "rule 'bad' has no 'assert'")
		       E("4:2", "duplicate rule id 'bad' (first defined at t.rules:1)"));
	ck_assert_uint_eq(tl_ruleset_finish(rs, NULL, d), 0);
	tt_ck_diags(d, "two.rules:5:2: error: duplicate rule id 'r' (first defined at "
		       "one.rules:1) [rule-file]\n");
	ck_assert_uint_eq(tl_ruleset_count(rs), 2);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->file, "one.rules");
	ck_assert_str_eq(tl_ruleset_at(rs, 1)->id, "s");
	ck_assert_uint_eq(tl_ruleset_at(rs, 1)->line, 2);
	tl_diags_free(d);
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(many_ids)
{
	/* enough sections to grow the id table several times */
	tl_buf b = {0};
	tl_ruleset *rs;
	char *got;
	int i;

	for (i = 0; i < 300; i++)
		tl_buf_printf(&b, "[rule-%d]\ntitle = T\nassert = true\n", i);
	tl_buf_printf(&b, "[rule-17]\ntitle = T\nassert = true\n");
	got = load(b.data, NULL, &rs);
	ck_assert_str_eq(got, "t.rules:901:2: error: duplicate rule id 'rule-17' (first defined "
			      "at t.rules:52) [rule-file]\n");
	free(got);
	ck_assert_uint_eq(tl_ruleset_count(rs), 300);
	ck_assert_str_eq(tl_ruleset_at(rs, 299)->id, "rule-299");
	tl_ruleset_free(rs);
	tl_buf_free(&b);
}
END_TEST

/* ------------------------------------------------ lines */

START_TEST(section_headers)
{
	expect("[r\ntitle = T\nassert = self_signed\n" MINIMAL,
	       E("1:1", "section header has no closing ']'"));
	/* inih reads " ;" as the start of a comment */
	expect("[r ; x]\ntitle = T\nassert = self_signed\n",
	       E("1:1", "section header has no closing ']'"));
	expect("[r] extra\ntitle = T\nassert = self_signed\n",
	       E("1:5", "unexpected text after ']'"));
	expect("[r] ; a comment\ntitle = T\nassert = self_signed\n", "");
	expect("[r] # a comment\ntitle = T\nassert = self_signed\n", "");
	expect(MINIMAL "just words\n", E("4:1", "expected 'key = value' or '[rule-id]'"));
	expect(MINIMAL "words ; title = x\n", E("4:1", "expected 'key = value' or '[rule-id]'"));
}
END_TEST

START_TEST(comments_crlf_bom)
{
	tl_ruleset *rs;
	char *got;

	/* ';' starts a comment only after whitespace */
	got = load("\xEF\xBB\xBF[r]\r\ntitle = T;not a comment\r\n"
		   "# hash comment\r\n  ; indented comment, not a continuation\r\n"
		   "assert = self_signed\r\n",
		   NULL, &rs);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->title, "T;not a comment");
	tl_ruleset_free(rs);
	got = load("\xEF\xBB\xBF[r]\r\ntitle = T ; trailing comment\r\n"
		   "# hash comment\r\n  ; indented comment\r\n  continued\r\n"
		   "assert = self_signed\r\nlevel = bad\r\n",
		   NULL, &rs);
	ck_assert_str_eq(got, E("7:9", "invalid level 'bad' (expected error, warning or note)"));
	free(got);
	tl_ruleset_free(rs);
	got = load("\xEF\xBB\xBF[r]\r\ntitle = T ; c\r\n  continued\r\nassert = self_signed",
		   NULL, &rs);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->title, "T continued");
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->id, "r");
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(continuation_joining)
{
	tl_ruleset *rs;
	char *got = load("[r]\n"
			 "title = a long\n"
			 "   title\n"
			 "\n"
			 "\tstill the title after a blank line\n"
			 "when =\n"
			 "    logical_store == \"Root\"\n"
			 "      && self_signed\n"
			 "assert = self_signed\n"
			 "description =\n"
			 "  First line.\n"
			 "    Second line.\n"
			 "tags = a,\n"
			 "  b\n"
			 "param.list = [1,\n"
			 "   2]\n",
			 NULL, &rs);
	const tl_rule *r;

	ck_assert_str_eq(got, "");
	free(got);
	r = tl_ruleset_at(rs, 0);
	ck_assert_str_eq(r->title, "a long title still the title after a blank line");
	ck_assert_str_eq(r->when_text, "logical_store == \"Root\" && self_signed");
	ck_assert_str_eq(r->description, "First line.\nSecond line.");
	ck_assert_uint_eq(r->tag_count, 2);
	ck_assert_str_eq(r->tags[1], "b");
	ck_assert_str_eq(r->params[0].text, "[1, 2]");
	ck_assert_uint_eq(r->params[0].value.u.list.n, 2);
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(indented_header_continues)
{
	/* inih (like Python's configparser) reads an indented line after a
	 * key as part of its value, even one that looks like a header */
	tl_ruleset *rs;
	char *got = load(MINIMAL "description = x\n  [s]\n", NULL, &rs);

	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->description, "x\n[s]");
	tl_ruleset_free(rs);
}
END_TEST

/* inih's buffer is 200 bytes: 197 of text, "\r\n" and a NUL */
#define LIMIT 197

static char *line_of(const char *prefix, size_t len)
{
	char *s = tl_xmalloc(len + 1);
	size_t n = strlen(prefix);

	memcpy(s, prefix, n);
	memset(s + n, 'x', len - n);
	s[len] = '\0';
	return s;
}

START_TEST(long_lines)
{
	char *at_limit = line_of("title = ", LIMIT);
	char *over = line_of("title = ", LIMIT + 1);
	char *text;
	tl_ruleset *rs;
	char *got;

	text = tl_xasprintf("[r]\n%s\nassert = self_signed\n", at_limit);
	got = load(text, NULL, &rs);
	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(strlen(tl_ruleset_at(rs, 0)->title), LIMIT - 8);
	free(got);
	free(text);
	tl_ruleset_free(rs);

	/* never cut: the line is refused, and its continuation with it */
	text = tl_xasprintf("[r]\n%s\n  more\nassert = self_signed\n", over);
	expect(text, E("1:2", "rule 'r' has no 'title'")
			     E("2:198", "line is too long (198 bytes, the limit is 197)"));
	free(text);
	free(at_limit);
	free(over);
}
END_TEST

START_TEST(long_line_kinds)
{
	char *comment = line_of("; ", 300);
	char *cont = line_of("  ", 250);
	char *header = line_of("[", 220);
	char *text;

	text = tl_xasprintf("%s\n" MINIMAL, comment);
	expect(text, E("1:198", "line is too long (300 bytes, the limit is 197)"));
	free(text);
	text = tl_xasprintf("[r]\ntitle = T\n%s\n  tail\nassert = self_signed\n", cont);
	{
		tl_ruleset *rs;
		char *got = load(text, NULL, &rs);
		ck_assert_str_eq(got, E("3:198", "line is too long (250 bytes, the limit is 197)"));
		free(got);
		tl_ruleset_free(rs);
	}
	free(text);
	/* keys after an unreadable header belong to no rule we keep */
	text = tl_xasprintf(MINIMAL "%s\ntitle = U\nassert = true\n", header);
	{
		tl_ruleset *rs;
		char *got = load(text, NULL, &rs);
		ck_assert_str_eq(got, E("4:198", "line is too long (220 bytes, the limit is 197)"));
		free(got);
		ck_assert_uint_eq(tl_ruleset_count(rs), 1);
		tl_ruleset_free(rs);
	}
	free(text);
	free(comment);
	free(cont);
	free(header);
}
END_TEST

START_TEST(nul_bytes)
{
	static const char text[] = "[r]\ntitle = T\0x\nassert = self_signed\n";
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();

	ck_assert_uint_eq(tl_ruleset_load_text(rs, "t.rules", text, sizeof(text) - 1, d), 2);
	tt_ck_diags(d, E("1:2", "rule 'r' has no 'title'") E("2:10", "NUL byte in line"));
	tl_diags_free(d);
	tl_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------ parameters */

START_TEST(param_literals)
{
	tl_ruleset *rs;
	char *got = load(MINIMAL "param.i = 2048\n"
				 "param.neg = -5\n"
				 "param.hex = 0x2A\n"
				 "param.s = \"a \\\"b\\\" \\\\ \\n\\t;\\x41\"\n"
				 "param.t = true\n"
				 "param.f = false\n"
				 "param.d = 30d\n"
				 "param.w = 2w\n"
				 "param.l = [\"Root\", \"CA\"]\n"
				 "param.e = []\n"
				 "param.min = -9223372036854775808\n"
				 "param.max = 0x7fffffffffffffff\n",
			 NULL, &rs);
	const tl_rule *r;

	ck_assert_str_eq(got, "");
	free(got);
	r = tl_ruleset_at(rs, 0);
	ck_assert_uint_eq(r->param_count, 12);
	ck_assert_str_eq(r->params[0].name, "i");
	ck_assert_str_eq(r->params[0].text, "2048");
	ck_assert_int_eq(r->params[0].value.type, TL_T_INT);
	ck_assert_int_eq(r->params[0].value.u.i, 2048);
	ck_assert(!r->params[0].overridden);
	ck_assert_int_eq(r->params[1].value.u.i, -5);
	ck_assert_int_eq(r->params[2].value.u.i, 42);
	ck_assert_int_eq(r->params[3].value.type, TL_T_STRING);
	ck_assert_uint_eq(r->params[3].value.u.s.len, 12);
	ck_assert_mem_eq(r->params[3].value.u.s.p, "a \"b\" \\ \n\t;A", 12);
	ck_assert_int_eq(r->params[4].value.type, TL_T_BOOL);
	ck_assert(r->params[4].value.u.b);
	ck_assert(!r->params[5].value.u.b);
	ck_assert_int_eq(r->params[6].value.type, TL_T_DURATION);
	ck_assert_int_eq(r->params[6].value.u.i, 30 * 86400);
	ck_assert_int_eq(r->params[7].value.u.i, 14 * 86400);
	ck_assert_int_eq(r->params[8].value.type, TL_T_LIST);
	ck_assert_uint_eq(r->params[8].value.u.list.n, 2);
	ck_assert_mem_eq(r->params[8].value.u.list.items[1].u.s.p, "CA", 2);
	ck_assert_uint_eq(r->params[9].value.u.list.n, 0);
	ck_assert_int_eq(r->params[10].value.u.i, INT64_MIN);
	ck_assert_int_eq(r->params[11].value.u.i, INT64_MAX);
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(param_errors)
{
	expect(MINIMAL "param.x = abc\n",
	       E("4:11", "invalid value for 'param.x': expected a literal: an integer, 0x hex, "
			 "\"string\", true, false, a duration such as 30d or a list [a, b]"));
	expect(MINIMAL "param.x = 12y\n",
	       E("4:13", "invalid value for 'param.x': unexpected text after the literal"));
	expect(MINIMAL "param.x = 0x\n",
	       E("4:13", "invalid value for 'param.x': expected hex digits after '0x'"));
	expect(MINIMAL "param.x = 9223372036854775808\n",
	       E("4:29", "invalid value for 'param.x': integer out of range"));
	expect(MINIMAL "param.x = 15250284452472w\n",
	       E("4:25", "invalid value for 'param.x': duration out of range"));
	expect(MINIMAL "param.x = -3d\n",
	       E("4:13", "invalid value for 'param.x': negative duration"));
	expect(MINIMAL "param.x = \"open\n",
	       E("4:16", "invalid value for 'param.x': unterminated string"));
	expect(MINIMAL "param.x = \"a\\qb\"\n",
	       E("4:13", "invalid value for 'param.x': unknown escape in string"));
	/* messages escape the backslash they quote */
	expect(MINIMAL "param.x = \"\\x4\"\n",
	       E("4:12", "invalid value for 'param.x': '\\x' needs two hex digits"));
	expect(MINIMAL "param.x = [1, \"a\"]\n",
	       E("4:15", "invalid value for 'param.x': list elements must all have the same "
			 "type"));
	expect(MINIMAL "param.x = [1 2]\n",
	       E("4:14", "invalid value for 'param.x': expected ',' or ']' in list"));
	expect(MINIMAL "param.x = [1,\n  ]\n",
	       E("5:3", "invalid value for 'param.x': expected a literal: an integer, 0x hex, "
			"\"string\", true, false, a duration such as 30d or a list [a, b]"));
	expect(MINIMAL "param.x = null\n",
	       E("4:11", "invalid value for 'param.x': expected a literal: an integer, 0x hex, "
			 "\"string\", true, false, a duration such as 30d or a list [a, b]"));
	expect(MINIMAL "param.truex = truex\n",
	       E("4:15", "invalid value for 'param.truex': expected a literal: an integer, 0x "
			 "hex, \"string\", true, false, a duration such as 30d or a list [a, b]"));
	expect(MINIMAL "param.9a = 1\n",
	       E("4:7", "invalid parameter name '9a' (letters, digits and '_', at most 64)"));
	expect(MINIMAL "param.a-b = 1\n",
	       E("4:7", "invalid parameter name 'a-b' (letters, digits and '_', at most 64)"));
	expect(MINIMAL "param. = 1\n",
	       E("4:7", "invalid parameter name '' (letters, digits and '_', at most 64)"));
	expect(MINIMAL "param.x = 1\nparam.x = 2\n",
	       E("5:1", "duplicate key 'param.x' (first at line 4)"));
}
END_TEST

/* ------------------------------------------------ expressions */

START_TEST(params_reach_compiler)
{
	tl_ruleset *rs;
	char *got = load("[a]\ntitle = A\nparam.min_bits = 2048\n"
			 "assert = key_bits >= param.min_bits\n"
			 "[b]\ntitle = B\nassert = key_bits >= param.min_bits\n"
			 "[c]\ntitle = C\nassert = self_signed\n",
			 NULL, &rs);

	/* b has no such parameter: a's does not leak into it */
	ck_assert_str_eq(got, E("7:22", "unknown parameter 'param.min_bits'"));
	free(got);
	ck_assert_uint_eq(tl_ruleset_count(rs), 2);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->id, "a");
	ck_assert_str_eq(tl_ruleset_at(rs, 1)->id, "c");
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(expression_errors)
{
	expect("[r]\ntitle = T\nassert = self_signed && @\n",
	       E("3:25", "unexpected character '@'"));
	expect("[r]\ntitle = T\nscope = store\nassert = self_signed\n",
	       E("4:10", "unknown field 'self_signed' in scope store"));
	expect("[r]\ntitle = T\nwhen = subject\nassert = self_signed\n",
	       E("3:8", "'when' must be a bool expression, not string"));
	/* an error on a continuation line is found on that line */
	expect("[r]\ntitle = T\nassert = self_signed &&\n  key_bits > 0 &&\n\t\tnope\n",
	       E("5:3", "unknown field 'nope' in scope cert"));
	expect("[r]\ntitle = T\nassert =\n     self_signed &&\n   subjct == \"x\"\n",
	       E("5:4", "unknown field 'subjct' in scope cert"));
	/* in a template, at the character inside the hole */
	expect("[r]\ntitle = T\nassert = self_signed\nmessage = '{subject}' from\n"
	       "  '{isuer}'\n",
	       E("5:5", "unknown field 'isuer' in scope cert"));
	expect("[r]\ntitle = T\nassert = self_signed\nmessage = {{ok}} {subject\n",
	       E("4:18", "unmatched '{' (write '{{' for a brace)"));
}
END_TEST

/* ------------------------------------------------ options */

static const char two_rules[] =
	"[weak-rsa-key]\ntitle = W\nassert = key_bits >= param.min_bits\n"
	"param.min_bits = 2048\nparam.stores = [\"Root\"]\nparam.soon = 30d\n"
	"[cert-expiring]\ntitle = E\nlevel = note\nassert = true\nparam.soon = 30d\n";

START_TEST(options_applied)
{
	static const char *const disable[] = {"cert-expiring"};
	static const char *const levels[] = {"weak-rsa-key=error", "cert-expiring=warning"};
	static const char *const params[] = {"weak-rsa-key.min_bits=3072", "soon=7d",
					     "weak-rsa-key.stores=[\"CA\", \"My\"]",
					     "weak-rsa-key.stores=[]"};
	tl_rule_options o = {disable, 1, levels, 2, params, 4};
	tl_ruleset *rs;
	char *got = load(two_rules, &o, &rs);
	const tl_rule *w, *e;

	ck_assert_str_eq(got, "");
	free(got);
	w = tl_ruleset_find(rs, "weak-rsa-key");
	e = tl_ruleset_find(rs, "cert-expiring");
	ck_assert(w->enabled);
	ck_assert(!e->enabled);
	ck_assert_int_eq(w->level, TL_ERROR);
	ck_assert_int_eq(w->default_level, TL_WARNING);
	ck_assert_int_eq(e->level, TL_WARNING);
	ck_assert_int_eq(e->default_level, TL_NOTE);
	ck_assert_int_eq(w->params[0].value.u.i, 3072);
	ck_assert_str_eq(w->params[0].text, "3072");
	ck_assert(w->params[0].overridden);
	ck_assert_uint_eq(w->params[1].value.u.list.n, 0);
	ck_assert_str_eq(w->params[1].text, "[]");
	ck_assert_int_eq(w->params[2].value.u.i, 7 * 86400);
	ck_assert_int_eq(e->params[0].value.u.i, 7 * 86400);
	ck_assert(e->params[0].overridden);
	tl_ruleset_free(rs);
}
END_TEST

#define C(msg) "<command line>: error: " msg " [rule-file]\n"

START_TEST(option_errors)
{
	static const char *const disable[] = {"nope", "weak-rsa-key"};
	static const char *const levels[] = {"nope=error", "weak-rsa-key=fatal", "weak-rsa-key",
					     "=note"};
	static const char *const params[] = {
		"weak-rsa-key.min_bits=\"big\"", "weak-rsa-key.min_bits=1d",
		"weak-rsa-key.stores=[1]", "weak-rsa-key.min_bits=abc",
		"nope.min_bits=1", "weak-rsa-key.max=1", "max_bits=1", "soon=3",
		"min_bits", "=3", "weak-rsa-key.min_bits=4096"};
	tl_rule_options o = {disable, 2, levels, 4, params, TL_ARRAY_LEN(params)};
	tl_ruleset *rs;
	char *got = load(two_rules, &o, &rs);

	ck_assert_str_eq(
		got,
		C("--disable: unknown rule 'nope'")
		C("--level 'nope=error': unknown rule 'nope'")
		C("--level 'weak-rsa-key=fatal': invalid level 'fatal' (expected error, warning "
		  "or note)")
		C("--level 'weak-rsa-key': expected RULE-ID=LEVEL")
		C("--level '=note': expected RULE-ID=LEVEL")
		C("--param 'weak-rsa-key.min_bits=\"big\"': 'weak-rsa-key.min_bits' is int, not "
		  "string")
		C("--param 'weak-rsa-key.min_bits=1d': 'weak-rsa-key.min_bits' is int, not "
		  "duration")
		C("--param 'weak-rsa-key.stores=[1]': 'weak-rsa-key.stores' is list of string, "
		  "not list of int")
		C("--param 'weak-rsa-key.min_bits=abc': invalid value: expected a literal: an "
		  "integer, 0x hex, \"string\", true, false, a duration such as 30d or a list "
		  "[a, b]")
		C("--param 'nope.min_bits=1': unknown rule 'nope'")
		C("--param 'weak-rsa-key.max=1': rule 'weak-rsa-key' has no parameter 'max'")
		C("--param 'max_bits=1': no rule has a parameter 'max_bits'")
		C("--param 'soon=3': 'weak-rsa-key.soon' is duration, not int")
		C("--param 'soon=3': 'cert-expiring.soon' is duration, not int")
		C("--param 'min_bits': expected NAME=VALUE or RULE-ID.NAME=VALUE")
		C("--param '=3': expected NAME=VALUE or RULE-ID.NAME=VALUE"));
	free(got);
	/* the good ones still apply */
	ck_assert(!tl_ruleset_find(rs, "weak-rsa-key")->enabled);
	ck_assert_int_eq(tl_ruleset_find(rs, "weak-rsa-key")->params[0].value.u.i, 4096);
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(override_reaches_compiler)
{
	/* an override is what compile sees: it may change a list's element
	 * type only from or to empty */
	static const char *const params[] = {"stores=[]"};
	tl_rule_options o = {NULL, 0, NULL, 0, params, 1};
	tl_ruleset *rs;
	char *got = load("[r]\ntitle = T\nparam.stores = [\"Root\"]\n"
			 "assert = logical_store in param.stores\n",
			 &o, &rs);

	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_uint_eq(tl_ruleset_count(rs), 1);
	tl_ruleset_free(rs);
}
END_TEST

/* --param NAME=@FILE: a list of strings read from a file, one per line;
 * anything else is refused with the reason. */
START_TEST(param_list_from_file)
{
	char path[] = "/tmp/check_ruleset_param.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	char *opt = tl_xasprintf("r.allowed=@%s", path), *bad_type = tl_xasprintf("r.n=@%s", path);
	const char *params[] = {opt, bad_type, "r.allowed=@/nonexistent/trustlint-list"};
	tl_rule_options o = {NULL, 0, NULL, 0, params, 3};
	const tl_rule *r;
	tl_ruleset *rs;
	char *got;

	ck_assert_ptr_nonnull(f);
	fputs("# our enterprise roots\r\n\n  AABBCC  \r\nDDEEFF\n\t# indented comment\nx y\n", f);
	fclose(f);
	got = load("[r]\ntitle = T\nparam.allowed = []\nparam.n = 1\n"
		   "assert = subject in param.allowed\n",
		   &o, &rs);
	ck_assert_msg(strstr(got, "'r.n' is int: only a list of strings can be read from a file"),
		      "%s", got);
	ck_assert_msg(strstr(got, "/nonexistent/trustlint-list: "), "%s", got);
	r = tl_ruleset_find(rs, "r");
	ck_assert_uint_eq(r->params[0].value.u.list.n, 3);
	ck_assert_str_eq(r->params[0].value.u.list.items[0].u.s.p, "AABBCC");
	ck_assert_str_eq(r->params[0].value.u.list.items[1].u.s.p, "DDEEFF");
	/* inner spaces stay: a line is one item */
	ck_assert_str_eq(r->params[0].value.u.list.items[2].u.s.p, "x y");
	free(got);
	tl_ruleset_free(rs);
	unlink(path);
	free(opt);
	free(bad_type);
}
END_TEST

/* Titles and descriptions name parameters as param.NAME: reports show
 * the value in effect, overrides included. */
START_TEST(params_expanded_in_texts)
{
	static const char *const params[] = {"r.min_bits=4096"};
	tl_rule_options o = {NULL, 0, NULL, 0, params, 1};
	const tl_rule *r;
	tl_ruleset *rs;
	char *got = load("[r]\ntitle = keys of param.min_bits bits\nparam.min_bits = 2048\n"
			 "param.days = 30d\nassert = key_bits >= param.min_bits\n",
			 &o, &rs);
	char *t;

	ck_assert_str_eq(got, "");
	free(got);
	r = tl_ruleset_find(rs, "r");
	t = tl_rule_expand_params(r, r->title);
	ck_assert_str_eq(t, "keys of 4096 bits");
	free(t);
	t = tl_rule_expand_params(r, "param.days, param.nope, xparam.days, (param.days)");
	ck_assert_str_eq(t, "30d, param.nope, xparam.days, (30d)");
	free(t);
	ck_assert_ptr_null(tl_rule_expand_params(r, NULL));
	tl_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------ files and directories */

static char *make_dir(void)
{
	char *dir = tl_xstrdup("/tmp/check_ruleset.XXXXXX");

	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = tl_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static void remove_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	while ((de = readdir(dp)) != NULL) {
		char *path;
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		path = tl_xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_dir(path);
		else
			unlink(path);
		free(path);
	}
	closedir(dp);
	rmdir(dir);
}

START_TEST(directory_sorted)
{
	char *dir = make_dir();
	char *sub, *path, *want;
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();

	write_file(dir, "b.rules", "[from-b]\ntitle = B\nassert = true\n");
	write_file(dir, "a.rules", "[from-a]\ntitle = A\nassert = true\n[x]\nlevel = x\n");
	write_file(dir, "c.rules.txt", "not rules at all\n");
	write_file(dir, ".hidden.rules", "not rules at all\n");
	write_file(dir, "notes.md", "not rules at all\n");
	sub = tl_xasprintf("%s/sub.rules", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	write_file(sub, "deep.rules", "[deep]\ntitle = D\nassert = true\n");

	ck_assert_uint_eq(tl_ruleset_load(rs, dir, d), 3);
	ck_assert_uint_eq(tl_ruleset_finish(rs, NULL, d), 0);
	path = tl_xasprintf("%s/a.rules", dir);
	want = tl_xasprintf("%s:4:2: error: rule 'x' has no 'title' [rule-file]\n"
			    "%s:4:2: error: rule 'x' has no 'assert' [rule-file]\n"
			    "%s:5:9: error: invalid level 'x' (expected error, warning or note) "
			    "[rule-file]\n",
			    path, path, path);
	tt_ck_diags(d, want);
	ck_assert_uint_eq(tl_ruleset_count(rs), 2);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->id, "from-a");
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->file, path);
	ck_assert_str_eq(tl_ruleset_at(rs, 1)->id, "from-b");
	free(want);
	free(path);

	/* one file of the directory; a trailing slash on the directory */
	tl_ruleset_free(rs);
	tl_diags_free(d);
	rs = tl_ruleset_new(&cat);
	d = tl_diags_new();
	path = tl_xasprintf("%s/", sub);
	ck_assert_uint_eq(tl_ruleset_load(rs, path, d), 0);
	free(path);
	path = tl_xasprintf("%s/b.rules", dir);
	ck_assert_uint_eq(tl_ruleset_load(rs, path, d), 0);
	free(path);
	ck_assert_uint_eq(tl_ruleset_count(rs), 2);
	ck_assert_str_eq(tl_ruleset_at(rs, 0)->id, "deep");
	ck_assert_str_eq(tl_ruleset_at(rs, 1)->id, "from-b");
	tt_ck_diags(d, "");

	tl_ruleset_free(rs);
	tl_diags_free(d);
	remove_dir(dir);
	free(sub);
	free(dir);
}
END_TEST

START_TEST(missing_file)
{
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();

	ck_assert_uint_eq(tl_ruleset_load(rs, "/nonexistent/x.rules", d), 1);
	tt_ck_diags(d, "/nonexistent/x.rules: error: cannot open: No such file or directory "
		       "[rule-file]\n");
	tl_diags_free(d);
	tl_ruleset_free(rs);
}
END_TEST

START_TEST(empty_inputs)
{
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();

	ck_assert_uint_eq(tl_ruleset_load_text(rs, "e.rules", "", 0, d), 0);
	ck_assert_uint_eq(tl_ruleset_load_text(rs, "e.rules", "\n\n; x\n", 5, d), 0);
	ck_assert_uint_eq(tl_ruleset_finish(rs, NULL, d), 0);
	ck_assert_uint_eq(tl_ruleset_count(rs), 0);
	tl_diags_free(d);
	tl_ruleset_free(rs);
	tl_ruleset_free(NULL);
}
END_TEST

/* ------------------------------------------------ golden broken files */

static char **bad_names;
static size_t bad_count;

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_bad_files(void)
{
	DIR *dp = opendir(tt_testdata_path("rules/bad"));
	struct dirent *de;
	size_t cap = 0;

	if (!dp)
		return;
	while ((de = readdir(dp)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n > 6 && strcmp(de->d_name + n - 6, ".rules") == 0) {
			tl_xgrow((void **)&bad_names, &cap, bad_count + 1, sizeof(char *));
			bad_names[bad_count++] = tl_xstrdup(de->d_name);
		}
	}
	closedir(dp);
	if (bad_count)
		qsort(bad_names, bad_count, sizeof(char *), name_cmp);
}

START_TEST(golden_bad)
{
	const char *name = bad_names[_i];
	char *rel = tl_xasprintf("rules/bad/%s", name);
	char *rel_expected = tl_xasprintf("rules/bad/%.*s.expected", (int)(strlen(name) - 6), name);
	tl_buf text = tt_read_testdata_buf(rel);
	tl_buf expected = tt_read_testdata_buf(rel_expected);
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();
	size_t n;
	char *got;

	n = tl_ruleset_load_text(rs, name, text.data, text.len, d);
	n += tl_ruleset_finish(rs, NULL, d);
	ck_assert_uint_gt(n, 0);
	got = tt_diags_text(d);
	ck_assert_msg(strcmp(got, expected.data) == 0, "%s: got\n%s", name, got);
	free(got);
	tl_diags_free(d);
	tl_ruleset_free(rs);
	tl_buf_free(&text);
	tl_buf_free(&expected);
	free(rel);
	free(rel_expected);
}
END_TEST

START_TEST(golden_present)
{
	ck_assert_uint_ge(bad_count, 10);
}
END_TEST

/* ------------------------------------------------ truncation */

static void load_bytes(const uint8_t *p, size_t len)
{
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();
	static const char *const params[] = {"soon=1d"};
	tl_rule_options o = {NULL, 0, NULL, 0, params, 1};
	size_t n;

	n = tl_ruleset_load_text(rs, "t.rules", (const char *)p, len, d);
	n += tl_ruleset_finish(rs, &o, d);
	ck_assert_uint_eq(n, tl_diags_count(d));
	tl_diags_free(d);
	tl_ruleset_free(rs);
}

START_TEST(truncated_everywhere)
{
	tt_each_prefix(full_rule, sizeof(full_rule) - 1, load_bytes);
	tt_each_prefix(two_rules, sizeof(two_rules) - 1, load_bytes);
	tt_each_flip(two_rules, sizeof(two_rules) - 1, load_bytes);
}
END_TEST

static Suite *ruleset_suite(void)
{
	Suite *s = suite_create("ruleset");
	TCase *tc = tcase_create("keys");

	tcase_add_test(tc, minimal_rule);
	tcase_add_test(tc, full_rule_keys);
	tcase_add_test(tc, scopes_and_levels);
	tcase_add_test(tc, severity_values);
	tcase_add_test(tc, bad_values);
	tcase_add_test(tc, unknown_duplicate_empty_keys);
	tcase_add_test(tc, required_keys);
	tcase_add_test(tc, outside_section);
	tcase_add_test(tc, rule_ids);
	tcase_add_test(tc, duplicate_ids);
	tcase_add_test(tc, many_ids);
	suite_add_tcase(s, tc);
	tc = tcase_create("lines");
	tcase_add_test(tc, section_headers);
	tcase_add_test(tc, comments_crlf_bom);
	tcase_add_test(tc, continuation_joining);
	tcase_add_test(tc, indented_header_continues);
	tcase_add_test(tc, long_lines);
	tcase_add_test(tc, long_line_kinds);
	tcase_add_test(tc, nul_bytes);
	suite_add_tcase(s, tc);
	tc = tcase_create("params");
	tcase_add_test(tc, param_literals);
	tcase_add_test(tc, param_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("expressions");
	tcase_add_test(tc, params_reach_compiler);
	tcase_add_test(tc, expression_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("options");
	tcase_add_test(tc, options_applied);
	tcase_add_test(tc, option_errors);
	tcase_add_test(tc, override_reaches_compiler);
	tcase_add_test(tc, param_list_from_file);
	tcase_add_test(tc, params_expanded_in_texts);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_test(tc, directory_sorted);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, empty_inputs);
	suite_add_tcase(s, tc);
	tc = tcase_create("golden");
	list_bad_files();
	tcase_add_test(tc, golden_present);
	tcase_add_loop_test(tc, golden_bad, 0, (int)bad_count);
	suite_add_tcase(s, tc);
	tc = tcase_create("truncation");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, truncated_everywhere);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	int rc = tt_run(ruleset_suite());
	size_t i;

	for (i = 0; i < bad_count; i++)
		free(bad_names[i]);
	free(bad_names);
	return rc;
}
