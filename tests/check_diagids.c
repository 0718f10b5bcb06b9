/* check_diagids.c: the diagnostics table (base/diagids.c): every row is
 * complete and in the project's message style, the ids are sorted, and the
 * lookups find each row. tests/diagids.test checks the rows against the
 * ids the sources report. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "base/diagids.h"
#include "testutil.h"

START_TEST(rows_complete)
{
	size_t i, n = tl_diag_id_count();

	ck_assert_uint_gt(n, 0);
	for (i = 0; i < n; i++) {
		const struct tl_diag_info *row = tl_diag_info_at(i);
		size_t len;

		ck_assert_ptr_nonnull(row);
		ck_assert_ptr_nonnull(row->id);
		ck_assert_msg(row->id[0] != '\0', "row %zu has an empty id", i);
		ck_assert_msg(row->level == TL_ERROR || row->level == TL_WARNING ||
				      row->level == TL_NOTE,
			      "%s: level %d", row->id, (int)row->level);
		/* meaning: one line, lower-case start (or a name such as
		 * GnuTLS), no final period */
		ck_assert_msg(row->meaning && row->meaning[0], "%s: no meaning", row->id);
		len = strlen(row->meaning);
		ck_assert_msg(islower((unsigned char)row->meaning[0]) ||
				      !strncmp(row->meaning, "GnuTLS ", 7),
			      "%s: meaning starts with '%c'", row->id, row->meaning[0]);
		ck_assert_msg(row->meaning[len - 1] != '.', "%s: meaning ends in a period", row->id);
		ck_assert_msg(!strchr(row->meaning, '\n'), "%s: meaning has a newline", row->id);
		/* help: one or two sentences */
		ck_assert_msg(row->help && row->help[0], "%s: no help", row->id);
		len = strlen(row->help);
		ck_assert_msg(row->help[len - 1] == '.', "%s: help is not whole sentences",
			      row->id);
		ck_assert_msg(!strchr(row->help, '\n'), "%s: help has a newline", row->id);
	}
	ck_assert_ptr_null(tl_diag_info_at(n));
	ck_assert_ptr_null(tl_diag_id_at(n));
}
END_TEST

START_TEST(ids_sorted)
{
	size_t i, n = tl_diag_id_count();

	for (i = 1; i < n; i++)
		ck_assert_msg(strcmp(tl_diag_id_at(i - 1), tl_diag_id_at(i)) < 0,
			      "'%s' is not before '%s' (byte order, no repeats)",
			      tl_diag_id_at(i - 1), tl_diag_id_at(i));
}
END_TEST

START_TEST(lookup_finds_each)
{
	size_t i, n = tl_diag_id_count();

	for (i = 0; i < n; i++) {
		const char *id = tl_diag_id_at(i);

		ck_assert_ptr_eq(tl_diag_info(id), tl_diag_info_at(i));
		ck_assert_str_eq(tl_diag_info(id)->id, id);
		/* waivers may name the input-* ids; the others through main.c */
		ck_assert_int_eq(tl_diag_id_known(id), strncmp(id, "input-", 6) == 0);
	}
	ck_assert_ptr_null(tl_diag_info(""));
	ck_assert_ptr_null(tl_diag_info("input-sst"));
	ck_assert_ptr_null(tl_diag_info("input-sst-truncated-"));
	ck_assert_ptr_null(tl_diag_info("root-expired"));
	ck_assert(!tl_diag_id_known("waiver-file"));
	ck_assert(!tl_diag_id_known("input-nothing"));
}
END_TEST

START_TEST(levels_as_reported)
{
	/* spot checks against the code that reports them */
	ck_assert_int_eq(tl_diag_info("input-sst-truncated")->level, TL_ERROR);
	ck_assert_int_eq(tl_diag_info("input-pkcs7-trailing-bytes")->level, TL_WARNING);
	ck_assert_int_eq(tl_diag_info("input-pkcs7-ber")->level, TL_NOTE);
	ck_assert_int_eq(tl_diag_info("input-reg-bad-header")->level, TL_ERROR);
	ck_assert_int_eq(tl_diag_info("input-reg-key-blank")->level, TL_NOTE);
	ck_assert_int_eq(tl_diag_info("rule-file")->level, TL_ERROR);
	ck_assert_int_eq(tl_diag_info("waiver-file")->level, TL_ERROR);
	ck_assert_int_eq(tl_diag_info("waiver-expired")->level, TL_NOTE);
	ck_assert_int_eq(tl_diag_info("waiver-unused")->level, TL_NOTE);
}
END_TEST

static Suite *diagids_suite(void)
{
	Suite *s = suite_create("diagids");
	TCase *tc = tcase_create("diagids");

	tcase_add_test(tc, rows_complete);
	tcase_add_test(tc, ids_sorted);
	tcase_add_test(tc, lookup_finds_each);
	tcase_add_test(tc, levels_as_reported);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(diagids_suite());
}
