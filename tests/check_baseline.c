/* check_baseline.c: the shared fingerprint, and --baseline over hand-written
 * SARIF logs: loading errors, states and absent results. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
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
}
END_TEST

#define ck_load_fails(rel, expected)                                   \
	do {                                                           \
		char *err_ = NULL;                                     \
		ck_assert_ptr_null(tl_baseline_load(rel, &err_));      \
		ck_assert_ptr_nonnull(err_);                           \
		ck_assert_str_eq(err_, expected);                      \
		free(err_);                                            \
	} while (0)

static void in_baselines_dir(void)
{
	ck_assert_int_eq(chdir(tt_testdata_path("baselines")), 0);
}

START_TEST(load_errors)
{
	ck_load_fails("missing.sarif",
		      "missing.sarif: unable to open missing.sarif: No such file or directory");
	ck_load_fails("truncated.sarif", "truncated.sarif:3:0: ']' expected near end of file");
	ck_load_fails("no-runs.sarif", "no-runs.sarif: not a SARIF log (no \"runs\" array)");
	ck_load_fails("results-object.sarif",
		      "results-object.sarif: runs[0].results is not an array");
	ck_load_fails("no-rule.sarif", "no-rule.sarif: runs[0].results[0] has no ruleId");
	ck_load_fails("result-string.sarif",
		      "result-string.sarif: runs[0].results[0] is not an object");
	ck_load_fails("run-number.sarif", "run-number.sarif: runs[0] is not an object");
	ck_load_fails("duplicate-key.sarif", "duplicate-key.sarif:1:19: duplicate object key near '\"runs\"'");
}
END_TEST

START_TEST(states)
{
	char *err = (char *)"x";
	tl_baseline *b = tl_baseline_load("old.sarif", &err);
	const tl_baseline_result **abs;
	size_t n;

	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(err);
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
	char *err = NULL;
	tl_baseline *b = tl_baseline_load("old.sarif", &err);
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

	b = tl_baseline_load("empty.sarif", &err);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(tl_baseline_count(b), 0);
	ck_assert_str_eq(tl_baseline_state(b, "a", "b:1"), "new");
	ck_assert(!tl_baseline_mark_seen(b, "a", "b:1"));
	ck_assert_uint_eq(tl_baseline_absent(b, &abs), 0);
	tl_baseline_free(b);
	tl_baseline_free(NULL);
}
END_TEST

static Suite *baseline_suite(void)
{
	Suite *s = suite_create("baseline");
	TCase *tc = tcase_create("baseline");

	tcase_add_checked_fixture(tc, in_baselines_dir, NULL);
	tcase_add_test(tc, fingerprint);
	tcase_add_test(tc, load_errors);
	tcase_add_test(tc, states);
	tcase_add_test(tc, fields_and_empty);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(baseline_suite());
}
