/* check_baseline.c: the shared fingerprint, and --baseline over hand-written
 * SARIF logs: loading errors, files that are not regular, logs from memory,
 * deep nesting and huge arrays, states and absent results. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/baseline.h"
#include "base/source.h"
#include "testutil.h"

START_TEST(fingerprint)
{
	char fp[40];

	/* hashlib.sha256(b"rule\0object").hexdigest()[:32] + ":1" */
	tl_fingerprint("binding-cert-missing", "HTTP\\SslBindingInfo\\0.0.0.0:443", "ignored", fp);
	ck_assert_str_eq(fp, "fccc01ba5a3551a3370844e1ba0ba97c:1");
	tl_fingerprint("root-expired", "LocalMachine\\Root\\00112233", NULL, fp);
	ck_assert_str_eq(fp, "c13b571d475e0e52e60156d3d6b9188a:1");
	/* no object: the message stands in */
	tl_fingerprint("input-sst-truncated", NULL, "truncated at 0x10", fp);
	ck_assert_str_eq(fp, "b7f681e93722fcc193bf1769f3d0363a:1");
	tl_fingerprint("r", NULL, NULL, fp);
	ck_assert_str_eq(fp, "96229c0a1dcb79d7d50913f882e31449:1");
	ck_assert_uint_eq(strlen(fp), 34);
	/* a result about a file: hashlib.sha256(b"rule\0uri\0message") */
	tl_file_fingerprint("input-unknown-format", "a.txt", "not a store", fp);
	ck_assert_str_eq(fp, "4d8b068d08721a5a05cb0985a61542c3:1");
	tl_file_fingerprint("input-unknown-format", "b.txt", "not a store", fp);
	ck_assert_str_eq(fp, "331490f0b7a6449f65f0d7c29a93289a:1");
}
END_TEST

/* The one error of loading path, which must fail, formatted; free() it. */
static char *load_error(const char *path)
{
	tl_diags *errs = tl_diags_new();
	char *text;

	ck_assert_ptr_null(tl_baseline_load(path, errs));
	ck_assert_uint_eq(tl_diags_count(errs), 1);
	text = tt_diags_text(errs);
	tl_diags_free(errs);
	return text;
}

#define ck_load_fails(rel, expected)                   \
	do {                                           \
		char *err_ = load_error(rel);          \
		ck_assert_str_eq(err_, expected);      \
		free(err_);                            \
	} while (0)

/* A log that must load without an error. */
static tl_baseline *load_ok(const char *path)
{
	tl_diags *errs = tl_diags_new();
	tl_baseline *b = tl_baseline_load(path, errs);

	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(tl_diags_count(errs), 0);
	tl_diags_free(errs);
	return b;
}

static void in_baselines_dir(void)
{
	ck_assert_int_eq(chdir(tt_testdata_path("baselines")), 0);
}

START_TEST(load_errors)
{
	ck_load_fails("missing.sarif",
		      "missing.sarif: error: cannot open: No such file or directory [baseline-file]\n");
	/* jansson's column 0: before the line's first character */
	ck_load_fails("truncated.sarif",
		      "truncated.sarif:3: error: ']' expected near end of file [baseline-file]\n");
	ck_load_fails("no-runs.sarif",
		      "no-runs.sarif: error: not a SARIF log (no \"runs\" array) [baseline-file]\n");
	ck_load_fails("results-object.sarif",
		      "results-object.sarif: error: runs[0].results is not an array [baseline-file]\n");
	ck_load_fails("no-rule.sarif",
		      "no-rule.sarif: error: runs[0].results[0] has no ruleId [baseline-file]\n");
	ck_load_fails("result-string.sarif",
		      "result-string.sarif: error: runs[0].results[0] is not an object [baseline-file]\n");
	ck_load_fails("run-number.sarif",
		      "run-number.sarif: error: runs[0] is not an object [baseline-file]\n");
	ck_load_fails("duplicate-key.sarif",
		      "duplicate-key.sarif:1:19: error: duplicate object key near '\"runs\"' [baseline-file]\n");
}
END_TEST

START_TEST(states)
{
	tl_baseline *b = load_ok("old.sarif");
	const tl_baseline_result **abs;
	size_t n;

	/* the result already absent in the old log is not carried over */
	ck_assert_uint_eq(tl_baseline_count(b), 3);
	ck_assert_str_eq(tl_baseline_state(b, "root-not-self-signed",
					   "0123456789abcdef0123456789abcdef:1"), "unchanged");
	/* same fingerprint, other rule: new */
	ck_assert_str_eq(tl_baseline_state(b, "root-expired",
					   "0123456789abcdef0123456789abcdef:1"), "new");
	ck_assert_str_eq(tl_baseline_state(b, "root-not-self-signed",
					   "0123456789abcdef0123456789abcdef:2"), "new");
	/* a result without a fingerprint got one from rule id + logical location */
	ck_assert_str_eq(tl_baseline_state(b, "binding-cert-missing",
					   "fccc01ba5a3551a3370844e1ba0ba97c:1"), "unchanged");
	ck_assert_str_eq(tl_baseline_state(b, "gone-before",
					   "00000000000000000000000000000000:1"), "new");
	ck_assert_str_eq(tl_baseline_state(NULL, "a", "b"), "new");

	/* nothing seen yet: all three absent, in log order */
	n = tl_baseline_absent(b, &abs);
	ck_assert_uint_eq(n, 3);
	free(abs);
	ck_assert(tl_baseline_mark_seen(b, "root-not-self-signed",
					"0123456789abcdef0123456789abcdef:1"));
	ck_assert(tl_baseline_mark_seen(b, "binding-cert-missing",
					"fccc01ba5a3551a3370844e1ba0ba97c:1"));
	ck_assert(!tl_baseline_mark_seen(b, "new-rule", "fccc01ba5a3551a3370844e1ba0ba97c:1"));
	/* marking does not change a state */
	ck_assert_str_eq(tl_baseline_state(b, "binding-cert-missing",
					   "fccc01ba5a3551a3370844e1ba0ba97c:1"), "unchanged");
	n = tl_baseline_absent(b, &abs);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(abs[0]->rule_id, "root-expired");
	ck_assert_str_eq(abs[0]->fingerprint, "fedcba9876543210fedcba9876543210:1");
	ck_assert_str_eq(abs[0]->message, "expired");
	ck_assert_str_eq(abs[0]->level, "warning");
	ck_assert_ptr_null(abs[0]->object);
	ck_assert_ptr_null(abs[0]->uri);
	free(abs);
	ck_assert(tl_baseline_mark_seen(b, "root-expired", "fedcba9876543210fedcba9876543210:1"));
	n = tl_baseline_absent(b, &abs);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(abs);
	tl_baseline_free(b);
}
END_TEST

START_TEST(fields_and_empty)
{
	tl_baseline *b = load_ok("old.sarif");
	const tl_baseline_result **abs;

	ck_assert_uint_eq(tl_baseline_absent(b, &abs), 3);
	ck_assert_str_eq(abs[0]->rule_id, "root-not-self-signed");
	ck_assert_str_eq(abs[0]->uri, "Root.sst");
	ck_assert_str_eq(abs[0]->object, "LocalMachine\\Root\\AA");
	ck_assert_str_eq(abs[0]->message, "not self-signed");
	ck_assert_str_eq(abs[2]->object, "HTTP\\SslBindingInfo\\0.0.0.0:443");
	ck_assert_ptr_null(abs[2]->level);
	ck_assert_ptr_null(abs[2]->uri);
	free(abs);
	tl_baseline_free(b);

	b = load_ok("empty.sarif");
	ck_assert_uint_eq(tl_baseline_count(b), 0);
	ck_assert_str_eq(tl_baseline_state(b, "a", "b:1"), "new");
	ck_assert(!tl_baseline_mark_seen(b, "a", "b:1"));
	ck_assert_uint_eq(tl_baseline_absent(b, &abs), 0);
	tl_baseline_free(b);
	tl_baseline_free(NULL);
}
END_TEST

START_TEST(load_not_regular)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = tl_xasprintf("%s/tl-baseline-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *fifo, *big, *got[4], *want[4];
	int fd, i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	fifo = tl_xasprintf("%s/old.sarif", dir);
	big = tl_xasprintf("%s/big.sarif", dir);
	/* json_load_file() waited for a writer on a FIFO and read /dev/zero
	 * until memory ran out */
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)TL_MAX_BASELINE_BYTES + (1 << 20)), 0);
	close(fd);
	got[0] = load_error(fifo);
	got[1] = load_error("/dev/zero");
	got[2] = load_error(dir);
	got[3] = load_error(big);
	unlink(fifo);
	unlink(big);
	rmdir(dir);
	want[0] = tl_xasprintf("%s: error: not a regular file (a FIFO) [baseline-file]\n", fifo);
	want[1] = tl_xstrdup("/dev/zero: error: not a regular file (a character device) "
			     "[baseline-file]\n");
	want[2] = tl_xasprintf("%s: error: not a regular file (a directory) [baseline-file]\n",
			       dir);
	want[3] = tl_xasprintf("%s: error: 513 MiB, over the 512 MiB limit for this kind of file "
			       "[baseline-file]\n", big);
	for (i = 0; i < 4; i++) {
		ck_assert_str_eq(got[i], want[i]);
		free(got[i]);
		free(want[i]);
	}
	free(fifo);
	free(big);
	free(dir);
}
END_TEST

/* Parse len bytes from a heap copy of exactly that size (no NUL after it,
 * so AddressSanitizer sees a read past the end). */
static tl_baseline *parse_n(const char *name, const char *data, size_t len, tl_diags *errs)
{
	char *copy = tl_xmemdup(data, len);
	tl_baseline *b = tl_baseline_parse(name, copy, len, errs);

	free(copy);
	return b;
}

/* parse_n() of a log that must be read without an error. */
static tl_baseline *parse_ok(const char *name, const char *data, size_t len)
{
	tl_diags *errs = tl_diags_new();
	tl_baseline *b = parse_n(name, data, len, errs);

	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(tl_diags_count(errs), 0);
	tl_diags_free(errs);
	return b;
}

/* The last place of a result, for absent results: what SARIF allows of
 * the region is kept, the rest is -1. */
START_TEST(regions)
{
	static const char log[] =
		"{\"runs\": [{\"results\": ["
		"{\"ruleId\": \"r\", \"locations\": [{\"physicalLocation\": {"
		"\"artifactLocation\": {\"uri\": \"x.reg\", \"uriBaseId\": \"%SRCROOT%\"},"
		" \"region\": {\"startLine\": 0, \"startColumn\": \"2\", \"endLine\": 4,"
		" \"endColumn\": 9, \"byteOffset\": 0, \"byteLength\": -5}}}]},"
		"{\"ruleId\": \"s\", \"locations\": [{\"logicalLocations\": [{\"fullyQualifiedName\": \"machine\"}]}]}"
		"]}]}";
	tl_baseline *b = parse_ok("regions.sarif", log, sizeof(log) - 1);
	const tl_baseline_result **abs;

	ck_assert_uint_eq(tl_baseline_absent(b, &abs), 2);
	ck_assert_str_eq(abs[0]->uri, "x.reg");
	ck_assert_str_eq(abs[0]->uri_base_id, "%SRCROOT%");
	ck_assert_int_eq(abs[0]->region.start_line, -1);
	ck_assert_int_eq(abs[0]->region.start_column, -1);
	ck_assert_int_eq(abs[0]->region.end_line, 4);
	ck_assert_int_eq(abs[0]->region.end_column, 9);
	ck_assert_int_eq(abs[0]->region.byte_offset, 0);
	ck_assert_int_eq(abs[0]->region.byte_length, -1);
	ck_assert_ptr_null(abs[1]->uri);
	ck_assert_ptr_null(abs[1]->uri_base_id);
	ck_assert_int_eq(abs[1]->region.start_line, -1);
	ck_assert_int_eq(abs[1]->region.byte_offset, -1);
	free(abs);
	tl_baseline_free(b);
}
END_TEST

/* File results (no logical location): a log written before they had
 * their own fingerprint (a.txt: that of rule and message), one written
 * after (b.txt), and one without (c.txt) all match per file; the old
 * fingerprint, which callers without a URI pass, matches every file. */
START_TEST(file_results)
{
	static const char log[] =
		"{\"runs\": [{\"results\": ["
		"{\"ruleId\": \"input-unknown-format\", \"message\": {\"text\": \"not a store\"},"
		" \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a.txt\"}}}],"
		" \"partialFingerprints\": {\"primaryLocationLineHash\": \"a02f201e9d5b79eede3ff5eb57c7ffa5:1\"}},"
		"{\"ruleId\": \"input-unknown-format\", \"message\": {\"text\": \"not a store\"},"
		" \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"b.txt\"}}}],"
		" \"partialFingerprints\": {\"primaryLocationLineHash\": \"331490f0b7a6449f65f0d7c29a93289a:1\"}},"
		"{\"ruleId\": \"input-unknown-format\", \"message\": {\"text\": \"not a store\"},"
		" \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"c.txt\"}}}]}"
		"]}]}";
	tl_baseline *b = parse_ok("files.sarif", log, sizeof(log) - 1);
	const tl_baseline_result **abs;
	size_t n;

	n = tl_baseline_absent(b, &abs);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(abs[0]->fingerprint, "4d8b068d08721a5a05cb0985a61542c3:1");
	ck_assert_str_eq(abs[1]->fingerprint, "331490f0b7a6449f65f0d7c29a93289a:1");
	ck_assert_str_eq(abs[2]->fingerprint, "906b3f1600be0be6d3de6718eed7b22e:1");
	ck_assert_str_eq(abs[2]->legacy_fingerprint, "a02f201e9d5b79eede3ff5eb57c7ffa5:1");
	free(abs);
	ck_assert_str_eq(tl_baseline_state(b, "input-unknown-format",
					   "4d8b068d08721a5a05cb0985a61542c3:1"), "unchanged");
	ck_assert_str_eq(tl_baseline_state(b, "input-unknown-format",
					   "a02f201e9d5b79eede3ff5eb57c7ffa5:1"), "unchanged");
	ck_assert_str_eq(tl_baseline_state(b, "input-other",
					   "a02f201e9d5b79eede3ff5eb57c7ffa5:1"), "new");
	/* per file: b.txt seen leaves a.txt and c.txt absent */
	ck_assert(tl_baseline_mark_seen(b, "input-unknown-format", "331490f0b7a6449f65f0d7c29a93289a:1"));
	n = tl_baseline_absent(b, &abs);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(abs[0]->uri, "a.txt");
	ck_assert_str_eq(abs[1]->uri, "c.txt");
	free(abs);
	/* by rule and message: every file */
	ck_assert(tl_baseline_mark_seen(b, "input-unknown-format", "a02f201e9d5b79eede3ff5eb57c7ffa5:1"));
	n = tl_baseline_absent(b, &abs);
	ck_assert_uint_eq(n, 0);
	tl_baseline_free(b);
}
END_TEST

#define ck_parse_fails(name, data, len, expected)                      \
	do {                                                           \
		tl_diags *errs_ = tl_diags_new();                      \
		ck_assert_ptr_null(parse_n(name, data, len, errs_));   \
		ck_assert_uint_eq(tl_diags_count(errs_), 1);           \
		tt_ck_diags(errs_, expected);                          \
		tl_diags_free(errs_);                                  \
	} while (0)

START_TEST(parse_memory)
{
	static const char one[] = "{\"runs\": [{\"results\": [{\"ruleId\": \"r\", "
				  "\"partialFingerprints\": {\"primaryLocationLineHash\": \"f:1\"}}]}]}";
	static const char nul[] = "{\"runs\": []}\0{}";
	tl_baseline *b = parse_ok("mem.sarif", one, strlen(one));

	ck_assert_uint_eq(tl_baseline_count(b), 1);
	ck_assert_str_eq(tl_baseline_state(b, "r", "f:1"), "unchanged");
	tl_baseline_free(b);
	/* the length decides, not a NUL */
	ck_parse_fails("mem.sarif", one, strlen(one) - 1,
		       "mem.sarif:1:100: error: '}' expected near end of file [baseline-file]\n");
	ck_parse_fails("mem.sarif", nul, sizeof(nul) - 1,
		       "mem.sarif:1:13: error: end of file expected near end of file [baseline-file]\n");
	ck_parse_fails("mem.sarif", "", 0,
		       "mem.sarif:1: error: '[' or '{' expected near end of file [baseline-file]\n");
	ck_parse_fails("mem.sarif", "[]", 2,
		       "mem.sarif: error: not a SARIF log (no \"runs\" array) [baseline-file]\n");
}
END_TEST

static size_t prefix_ok;

static void parse_any(const uint8_t *p, size_t len)
{
	tl_diags *errs = tl_diags_new();
	tl_baseline *b = tl_baseline_parse("cut.sarif", (const char *)p, len, errs);

	/* a log, or one error: never both, never neither */
	ck_assert_uint_eq(tl_diags_count(errs), b ? 0 : 1);
	if (b)
		prefix_ok++;
	tl_baseline_free(b);
	tl_diags_free(errs);
}

START_TEST(parse_every_prefix)
{
	size_t len;
	uint8_t *old = tt_read_testdata("baselines/old.sarif", &len);

	prefix_ok = 0;
	tt_each_prefix(old, len, parse_any);
	/* every proper prefix is cut short but the one without the last '\n' */
	ck_assert_uint_eq(old[len - 1], '\n');
	ck_assert_uint_eq(prefix_ok, 1);
	tt_each_flip(old, len, parse_any);
	free(old);
}
END_TEST

START_TEST(deep_nesting)
{
	size_t n = 100000, i;
	tl_buf b = {0};
	tl_baseline *base;

	/* past jansson's depth limit: refused, not a stack overflow */
	for (i = 0; i < n; i++)
		tl_buf_addc(&b, '[');
	ck_parse_fails("deep.sarif", b.data, b.len,
		       "deep.sarif:1:2049: error: maximum parsing depth reached near '[' [baseline-file]\n");
	tl_buf_free(&b);
	/* at the limit inside a result: read, and the depth ignored */
	tl_buf_adds(&b, "{\"runs\":[{\"results\":[{\"ruleId\":\"r\",\"properties\":");
	for (i = 0; i < 2048 - 5; i++)
		tl_buf_addc(&b, '[');
	for (i = 0; i < 2048 - 5; i++)
		tl_buf_addc(&b, ']');
	tl_buf_adds(&b, "}]}]}");
	base = parse_ok("deep.sarif", b.data, b.len);
	ck_assert_uint_eq(tl_baseline_count(base), 1);
	tl_baseline_free(base);
	/* one more level is too many */
	tl_buf_free(&b);
	tl_buf_adds(&b, "{\"runs\":[{\"results\":[{\"ruleId\":\"r\",\"properties\":");
	for (i = 0; i < 2048 - 4; i++)
		tl_buf_addc(&b, '[');
	ck_parse_fails("deep.sarif", b.data, b.len,
		       "deep.sarif:1:2092: error: maximum parsing depth reached near '[' [baseline-file]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(huge_arrays)
{
	size_t n = 100000, i;
	tl_buf b = {0};
	char fp[40];
	tl_baseline *base;
	const tl_baseline_result **abs;

	/* 100,000 results, each without a fingerprint, and one result with an
	 * array of 500,000 numbers where a string is expected */
	tl_buf_adds(&b, "{\"runs\":[{\"results\":[");
	for (i = 0; i < n; i++)
		tl_buf_printf(&b, "{\"ruleId\":\"r%zu\",\"message\":{\"text\":\"m\"}},", i % 10);
	tl_buf_adds(&b, "{\"ruleId\":\"big\",\"message\":{\"text\":[");
	for (i = 0; i < 500000; i++)
		tl_buf_adds(&b, "0,");
	tl_buf_adds(&b, "0]}}]}]}");
	base = parse_ok("huge.sarif", b.data, b.len);
	ck_assert_uint_eq(tl_baseline_count(base), n + 1);
	tl_fingerprint("r7", NULL, "m", fp);
	ck_assert_str_eq(tl_baseline_state(base, "r7", fp), "unchanged");
	ck_assert(tl_baseline_mark_seen(base, "r7", fp));
	ck_assert_uint_eq(tl_baseline_absent(base, &abs), n + 1 - n / 10);
	free(abs);
	tl_fingerprint("big", NULL, NULL, fp);
	ck_assert_str_eq(tl_baseline_state(base, "big", fp), "unchanged");
	tl_baseline_free(base);
	tl_buf_free(&b);
}
END_TEST

/* "[}", a string, then zeros, values in all: jansson stops at the '}', but
 * the value budget looks at the bytes first. The string holds an escaped
 * quote and what would count outside a string: counted wrong, the totals
 * below come out above or below the budget. */
static void budget_case(tl_buf *b, size_t values)
{
	size_t i;

	b->len = 0;
	tl_buf_adds(b, "[}\"a\\\",[{:x\"");
	tl_buf_reserve(b, 2 * values);
	for (i = 2; i < values; i++) {
		b->data[b->len++] = ',';
		b->data[b->len++] = '0';
	}
	b->data[b->len] = '\0';
}

START_TEST(value_budget)
{
	tl_buf b = {0};
	char *want;

	/* at the budget: jansson's own error */
	budget_case(&b, TL_MAX_BASELINE_VALUES);
	ck_parse_fails("many.sarif", b.data, b.len,
		       "many.sarif:1:2: error: unexpected token near '}' [baseline-file]\n");
	/* one more: refused before jansson builds a tree of it */
	budget_case(&b, TL_MAX_BASELINE_VALUES + 1);
	want = tl_xasprintf("many.sarif: error: too many JSON values (over %zu, the limit for a "
			    "baseline) [baseline-file]\n", (size_t)TL_MAX_BASELINE_VALUES);
	ck_parse_fails("many.sarif", b.data, b.len, want);
	free(want);
	tl_buf_free(&b);
}
END_TEST

static Suite *baseline_suite(void)
{
	Suite *s = suite_create("baseline");
	TCase *tc = tcase_create("baseline");

	tcase_add_checked_fixture(tc, in_baselines_dir, NULL);
	tcase_add_test(tc, fingerprint);
	tcase_add_test(tc, file_results);
	tcase_add_test(tc, regions);
	tcase_add_test(tc, load_errors);
	tcase_add_test(tc, load_not_regular);
	tcase_add_test(tc, parse_memory);
	tcase_add_test(tc, parse_every_prefix);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, huge_arrays);
	tcase_add_test(tc, value_budget);
	tcase_add_test(tc, states);
	tcase_add_test(tc, fields_and_empty);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(baseline_suite());
}
