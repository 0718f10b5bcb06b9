/* check_rootprogram.c: windows/rootprogram: which list a CTL is, whether
 * its signature and its signer's chain hold, which list is used, and what
 * it says of a certificate. The lists are testdata/rootprogram/, signed by
 * a test root program of our own (testdata/gen/ctl_lists.py). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ctl.h"
#include "model/ctldata.h"
#include "model/index.h"
#include "modelutil.h"
#include "testutil.h"
#include "windows/rootprogram.h"
#include "windows/stores.h"

static tl_model *model;
static tl_index *index_;
static tl_logical_store *logical;
static size_t nlogical;
static tl_program *program;

static void setup(void)
{
	model = tl_model_new();
	index_ = NULL;
	logical = NULL;
	nlogical = 0;
	program = NULL;
}

static void teardown(void)
{
	tl_program_free(program);
	tl_index_free(index_);
	tl_logical_stores_free(logical, nlogical);
	tl_model_free(model);
}

/* testdata/REL as a root program list of the model. */
static void add_list(const char *rel)
{
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);
	tl_diags *d = tl_diags_new();
	tl_loc at = tl_loc_file(rel);
	tl_entry *e = tl_entry_new(TL_ENTRY_CTL, data, len);

	e->ctl = tl_ctl_decode(e->der, e->der_len, &at, d);
	ck_assert_msg(e->ctl != NULL, "%s: not a CTL", rel);
	tt_ck_diags(d, "");
	tl_diags_free(d);
	free(data);
	tl_model_add_list(model, e, "file");
}

static void build(void)
{
	index_ = tl_index_new(model);
	nlogical = tl_logical_stores(model, &logical);
	program = tl_program_build(model, index_, tl_logical_machine_root(logical, nlogical));
}

static void sha1_of(const char *rel, uint8_t out[20])
{
	tl_model *m = tl_model_new();
	tl_entry *e = tt_model_add(m, TL_LOC_LOCAL_MACHINE, "My", TL_ENTRY_CERT, rel);

	memcpy(out, e->cert.sha1, 20);
	tl_model_free(m);
}

#define PROGRAM_ROOT "rootprogram/root-program-root.pem"
#define TEST_ROOT "fixtures/reg/synthetic/certs/root.cer"
#define UNRELATED_ROOT "fixtures/reg/synthetic/certs/other_root.cer"
#define ISSUING_CA "fixtures/reg/synthetic/certs/issuing.cer"

static void trusted_program_root(void)
{
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "Root", TL_ENTRY_CERT, PROGRAM_ROOT);
}

START_TEST(kinds_by_usage)
{
	add_list("rootprogram/authroot.stl");
	add_list("rootprogram/disallowed.stl");
	add_list("fixtures/stores/signify_oem89.cat"); /* a catalog: a CTL of another use */
	build();
	ck_assert_uint_eq(program->count, 3);
	ck_assert_int_eq(program->lists[0].kind, TL_LIST_AUTHROOT);
	ck_assert_int_eq(program->lists[1].kind, TL_LIST_DISALLOWED);
	ck_assert_int_eq(program->lists[2].kind, TL_LIST_OTHER);
	ck_assert_str_eq(tl_list_kind_name(TL_LIST_PIN_RULES), "pin-rules");
	/* each entry finds its own list, another entry none */
	for (size_t i = 0; i < program->count; i++)
		ck_assert_ptr_eq(tl_program_list_of(program, program->lists[i].entry),
				 &program->lists[i]);
	ck_assert_ptr_null(tl_program_list_of(program, (const tl_entry *)program));
}
END_TEST

/* The signer chains to a root the machine's Root holds: verified, used,
 * and the entries answer. */
START_TEST(verified_list_answers)
{
	uint8_t sha1[20];
	const tl_entry *pe;

	trusted_program_root();
	add_list("rootprogram/authroot.stl");
	add_list("rootprogram/disallowed.stl");
	build();
	ck_assert_msg(program->lists[0].check == TL_LIST_VERIFIED, "%s", program->lists[0].reason);
	ck_assert_msg(program->lists[1].check == TL_LIST_VERIFIED, "%s", program->lists[1].reason);
	ck_assert(program->authroot == &program->lists[0] && program->lists[0].used);
	ck_assert(program->disallowed == &program->lists[1]);
	ck_assert_str_eq(program->lists[0].signer_root,
			 "CN=Lint Root Program Test Root,O=Lint Root Program (synthetic)");
	sha1_of(TEST_ROOT, sha1);
	ck_assert_int_eq(tl_program_of(program, sha1, &pe), TL_PROGRAM_IN);
	ck_assert_str_eq(pe->friendly_name, "Lint Test Root CA");
	sha1_of(UNRELATED_ROOT, sha1);
	ck_assert_int_eq(tl_program_of(program, sha1, &pe), TL_PROGRAM_IN);
	ck_assert_int_eq(tl_entry_rare(pe)->disallowed_time.state, TL_PROP_TIME_SET);
	sha1_of(ISSUING_CA, sha1);
	ck_assert_int_eq(tl_program_of(program, sha1, &pe), TL_PROGRAM_DISALLOWED);
	ck_assert_ptr_null(pe);
	sha1_of(PROGRAM_ROOT, sha1);
	ck_assert_int_eq(tl_program_of(program, sha1, NULL), TL_PROGRAM_NOT_IN);
}
END_TEST

/* Inferred (rootprogram.c): Microsoft's roots are known by SHA-1; a test
 * root is not one of them. */
START_TEST(inferred_microsoft_roots_by_sha1_test_root_is_not_one)
{
	trusted_program_root();
	add_list("rootprogram/authroot.stl");
	build();
	ck_assert(program->lists[0].signer_root != NULL);
	ck_assert(!program->lists[0].signer_root_microsoft);
}
END_TEST

/* A list whose signer chains to a root the machine does not trust, or
 * whose signature fails, decides nothing. */
START_TEST(bad_lists_are_not_used)
{
	static const char *const bad[] = {
		"rootprogram/tampered.stl",
		"rootprogram/wrong-signer.stl",
		"rootprogram/authroot.stl", /* the program root is not in Root here */
	};
	uint8_t sha1[20];
	size_t i;

	sha1_of(TEST_ROOT, sha1);
	for (i = 0; i < TL_ARRAY_LEN(bad); i++) {
		teardown();
		setup();
		tt_model_add(model, TL_LOC_LOCAL_MACHINE, "Root", TL_ENTRY_CERT, TEST_ROOT);
		if (i < 2)
			trusted_program_root();
		add_list(bad[i]);
		build();
		ck_assert_msg(program->lists[0].check == TL_LIST_BAD, "%s: %s", bad[i],
			      tl_list_check_name(program->lists[0].check));
		ck_assert(!program->lists[0].used && !program->authroot);
		ck_assert_int_eq(tl_program_of(program, sha1, NULL), TL_PROGRAM_UNKNOWN);
	}
}
END_TEST

/* Inferred (rootprogram.c): the signer must have been valid at the
 * list's thisUpdate. */
START_TEST(inferred_signer_valid_at_this_update)
{
	trusted_program_root();
	add_list("rootprogram/expired-signer.stl");
	build();
	ck_assert_int_eq(program->lists[0].check, TL_LIST_BAD);
	ck_assert_msg(strstr(program->lists[0].reason, "was not valid when the list was issued"),
		      "%s", program->lists[0].reason);
}
END_TEST

/* A signer nowhere in the export: unchecked, and used; in a store of the
 * export: found there, and verified. */
START_TEST(signer_found_in_the_export)
{
	add_list("rootprogram/no-signer.stl");
	trusted_program_root();
	build();
	ck_assert_int_eq(program->lists[0].check, TL_LIST_UNCHECKED);
	ck_assert(program->lists[0].used);
	teardown();
	setup();
	trusted_program_root();
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "CA", TL_ENTRY_CERT, "rootprogram/list-signer.pem");
	add_list("rootprogram/no-signer.stl");
	build();
	ck_assert_msg(program->lists[0].check == TL_LIST_VERIFIED, "%s", program->lists[0].reason);
}
END_TEST

/* With no Root store exported there is nothing to chain to: said, and
 * the list is used. */
START_TEST(no_root_exported)
{
	add_list("rootprogram/authroot.stl");
	build();
	ck_assert_int_eq(program->lists[0].check, TL_LIST_NO_ROOT);
	ck_assert(program->authroot != NULL);
}
END_TEST

/* The time a list speaks for: the later of thisUpdate and the sync time. */
START_TEST(list_time_takes_the_sync_time)
{
	add_list("rootprogram/authroot.stl");
	build();
	ck_assert_int_eq(tl_program_list_time(&program->lists[0]),
			 program->lists[0].entry->ctl->this_update);
	model->lists[0].has_sync_time = true;
	model->lists[0].sync_time = program->lists[0].entry->ctl->this_update + 86400;
	ck_assert_int_eq(tl_program_list_time(&program->lists[0]),
			 program->lists[0].entry->ctl->this_update + 86400);
}
END_TEST

static Suite *rootprogram_suite(void)
{
	Suite *s = suite_create("rootprogram");
	TCase *tc = tcase_create("rootprogram");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, kinds_by_usage);
	tcase_add_test(tc, verified_list_answers);
	tcase_add_test(tc, inferred_microsoft_roots_by_sha1_test_root_is_not_one);
	tcase_add_test(tc, bad_lists_are_not_used);
	tcase_add_test(tc, inferred_signer_valid_at_this_update);
	tcase_add_test(tc, signer_found_in_the_export);
	tcase_add_test(tc, no_root_exported);
	tcase_add_test(tc, list_time_takes_the_sync_time);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(rootprogram_suite());
}
