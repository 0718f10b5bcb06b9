/* check_distrust.c: windows/distrust through its own API: whether Windows
 * still trusts an entry, from its distrust properties as a reader decodes
 * them (each entry is a testdata certificate with properties attached and
 * finished by tl_entry_finish); then the cert fields over it, read from a
 * serialized store built in memory through the real catalogue. What
 * Microsoft does not document is an
 * assumption (distrust.h); each has a test named inferred_... so a change
 * of mind shows which one fell. Times are worked out by hand in the
 * comments: FILETIME = (Unix seconds + 11644473600) * 10^7. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "model/store.h"
#include "rules/view.h"
#include "testutil.h"
#include "windows/distrust.h"

/* no EKU extension; serverAuth in the EKU extension */
#define ROOT_CER "fixtures/reg/synthetic/certs/root.cer"
#define SERVER_CER "fixtures/reg/synthetic/certs/server.cer"

/* 2019-05-01T00:00:00Z = 1556668800: FILETIME 132011424000000000 =
 * 0x01D4FFB0D1D04000 */
#define T_2019 1556668800
#define FT_2019 "00 40 D0 D1 B0 FF D4 01"
/* SEQUENCE OF OID: serverAuth; serverAuth, clientAuth; clientAuth;
 * anyExtendedKeyUsage; none */
#define EKU_SERVER "30 0A 06 08 2B 06 01 05 05 07 03 01"
#define EKU_SERVER_CLIENT "30 14 06 08 2B 06 01 05 05 07 03 01 06 08 2B 06 01 05 05 07 03 02"
#define EKU_CLIENT "30 0A 06 08 2B 06 01 05 05 07 03 02"
#define EKU_ANY "30 06 06 04 55 1D 25 00"
#define EKU_NONE "30 00"

static tl_entry *entry;
static tl_diags *diags;

/* A finished entry of testdata/REL with the properties given as id, hex
 * value pairs, ended by 0; the diagnostics go to diags. */
static tl_entry *make(const char *rel, ...)
{
	size_t len;
	uint8_t *der = tt_read_testdata(rel, &len);
	va_list ap;
	uint32_t id;

	tl_entry_free(entry);
	tl_diags_free(diags);
	entry = tl_entry_new(TL_ENTRY_CERT, der, len);
	free(der);
	diags = tl_diags_new();
	va_start(ap, rel);
	while ((id = va_arg(ap, uint32_t)) != 0) {
		tl_buf v = tt_hex_bytes(va_arg(ap, const char *));
		tl_entry_add_prop(entry, id, (const uint8_t *)v.data, (uint32_t)v.len, 0);
		tl_buf_free(&v);
	}
	va_end(ap);
	tl_entry_finish(entry, diags);
	ck_assert(entry->parsed);
	return entry;
}

static void teardown(void)
{
	tl_entry_free(entry);
	tl_diags_free(diags);
	entry = NULL;
	diags = NULL;
}

START_TEST(no_properties_trusted)
{
	make(ROOT_CER, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019));
	ck_assert(!tl_win_distrusted(entry, INT64_MAX));
}
END_TEST

/* FORMATS.md 5: a past 104 without 122 is distrust for every purpose */
START_TEST(inferred_104_without_122_distrusts_every_purpose)
{
	make(ROOT_CER, 104u, FT_2019, 0);
	tt_ck_diags(diags, "");
	ck_assert(tl_win_distrusted(entry, T_2019 + 86400));
	/* with a store-side purpose list too: every purpose is still every one */
	make(ROOT_CER, 104u, FT_2019, 9u, EKU_SERVER_CLIENT, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 86400));
}
END_TEST

/* The clock: from the date itself on, not a second before */
START_TEST(distrust_follows_the_clock)
{
	make(ROOT_CER, 104u, FT_2019, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 - 1));
	ck_assert(tl_win_distrusted(entry, T_2019));
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
	/* FILETIME 0x7FFFFFFFFFFFFFFF: 30828-09-14, Unix 910692730085 */
	make(ROOT_CER, 104u, "FF FF FF FF FF FF FF 7F", 0);
	ck_assert(!tl_win_distrusted(entry, 910692730084LL));
	ck_assert(tl_win_distrusted(entry, 910692730085LL));
	/* FILETIME 0: 1601-01-01, always past */
	make(ROOT_CER, 104u, "00 00 00 00 00 00 00 00", 0);
	ck_assert(tl_win_distrusted(entry, 0));
}
END_TEST

/* 122 narrows the 104 date to its purposes: a root still valid for
 * another purpose is not distrusted for every purpose */
START_TEST(inferred_122_narrows_104_to_its_purposes)
{
	/* no purpose restriction on the entry: serverAuth alone is not all */
	make(ROOT_CER, 104u, FT_2019, 122u, EKU_SERVER, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 + 1));
	/* the entry is valid for serverAuth and clientAuth, 122 names one */
	make(ROOT_CER, 104u, FT_2019, 9u, EKU_SERVER_CLIENT, 122u, EKU_SERVER, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 + 1));
	/* an empty 122 distrusts nothing */
	make(ROOT_CER, 104u, FT_2019, 122u, EKU_NONE, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 + 1));
	/* 122 without 104: no date, no distrust */
	make(ROOT_CER, 122u, EKU_SERVER, 0);
	ck_assert(!tl_win_distrusted(entry, INT64_MAX));
}
END_TEST

/* CertGetEnhancedKeyUsage: the entry is valid only for its ENHKEY_USAGE
 * purposes; a 122 holding all of them leaves none */
START_TEST(inferred_122_holding_every_store_eku_purpose_distrusts_all)
{
	make(ROOT_CER, 9u, EKU_SERVER_CLIENT, 104u, FT_2019, 122u, EKU_SERVER_CLIENT, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
	ck_assert(!tl_win_distrusted(entry, T_2019 - 1));
	/* 122 may hold more than the entry has */
	make(ROOT_CER, 9u, EKU_SERVER, 104u, FT_2019, 122u, EKU_SERVER_CLIENT, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
	/* an entry valid for nothing (9 empty) has nothing left to trust */
	make(ROOT_CER, 9u, EKU_NONE, 104u, FT_2019, 122u, EKU_SERVER, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
	/* anyExtendedKeyUsage in 9 restricts nothing (RFC 5280 4.2.1.12) */
	make(ROOT_CER, 9u, EKU_ANY, 104u, FT_2019, 122u, EKU_SERVER_CLIENT, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 + 1));
}
END_TEST

/* The certificate's own EKU extension restricts the same way, and the two
 * lists intersect: server.cer allows serverAuth only */
START_TEST(inferred_eku_extension_restricts_like_store_eku)
{
	make(SERVER_CER, 104u, FT_2019, 122u, EKU_SERVER, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
	make(SERVER_CER, 104u, FT_2019, 122u, EKU_CLIENT, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 + 1));
	/* extension serverAuth, property serverAuth and clientAuth: valid for
	 * serverAuth alone, which 122 holds */
	make(SERVER_CER, 9u, EKU_SERVER_CLIENT, 104u, FT_2019, 122u, EKU_SERVER, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
	/* extension serverAuth, property clientAuth: valid for nothing */
	make(SERVER_CER, 9u, EKU_CLIENT, 104u, FT_2019, 122u, EKU_SERVER_CLIENT, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
	make(SERVER_CER, 9u, EKU_CLIENT, 104u, FT_2019, 122u, EKU_NONE, 0);
	ck_assert(tl_win_distrusted(entry, T_2019 + 1));
}
END_TEST

/* What cannot be read is linted as trusted: an empty 104 (its meaning is
 * undocumented), a 104 of the wrong size or past FileTimeToSystemTime's
 * range, a 122 or a 9 that is not a DER OID list */
START_TEST(distrust_unknown_is_trusted)
{
	make(ROOT_CER, 104u, "", 0);
	ck_assert(!tl_win_distrusted(entry, INT64_MAX));
	make(ROOT_CER, 104u, "00 40 D0 D1 B0 FF D4", 0);
	ck_assert(!tl_win_distrusted(entry, INT64_MAX));
	make(ROOT_CER, 104u, "00 00 00 00 00 00 00 80", 0);
	ck_assert(!tl_win_distrusted(entry, INT64_MAX));
	make(ROOT_CER, 104u, FT_2019, 122u, "30 03 06 01", 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 + 1));
	make(ROOT_CER, 9u, "30 03 06 01", 104u, FT_2019, 122u, EKU_SERVER, 0);
	ck_assert(!tl_win_distrusted(entry, T_2019 + 1));
}
END_TEST

/* NotBefore (126/127) distrusts what the root issues after the date, never
 * the root itself */
START_TEST(inferred_126_does_not_distrust_the_entry)
{
	make(ROOT_CER, 126u, FT_2019, 0);
	ck_assert(!tl_win_distrusted(entry, INT64_MAX));
	make(ROOT_CER, 126u, FT_2019, 127u, EKU_SERVER, 0);
	ck_assert(!tl_win_distrusted(entry, INT64_MAX));
	ck_assert_int_eq(tl_entry_rare(entry)->not_before_time.at, T_2019);
}
END_TEST

/* ---- the cert fields */

/* A serialized store (FORMATS.md 1) of root.cer after the properties
 * given as id, hex value pairs ended by 0, linted at now; the value of
 * each field expression is then compared as a message would print it. */
static tl_inputs *store_inputs;
static tl_view *store_view;
static tl_arena arena;

static void lint_store(int64_t now, ...)
{
	tl_buf sst = tt_hex_bytes("00 00 00 00 43 45 52 54"), cert = tt_read_testdata_buf(ROOT_CER);
	va_list ap;
	uint32_t id, head[3];
	uint8_t le[12];
	int i;

	va_start(ap, now);
	for (id = va_arg(ap, uint32_t);; id = va_arg(ap, uint32_t)) {
		tl_buf v = id ? tt_hex_bytes(va_arg(ap, const char *)) : cert;
		head[0] = id ? id : 0x20;
		head[1] = 1;
		head[2] = (uint32_t)v.len;
		for (i = 0; i < 12; i++)
			le[i] = (uint8_t)(head[i / 4] >> (8 * (i % 4)));
		tl_buf_add(&sst, le, sizeof(le));
		tl_buf_add(&sst, v.data, v.len);
		if (!id)
			break;
		tl_buf_free(&v);
	}
	va_end(ap);
	tl_buf_add(&sst, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
	tl_view_free(store_view);
	tl_inputs_free(store_inputs);
	store_inputs = tl_inputs_new();
	tl_inputs_add_memory(store_inputs, "d.sst", sst.data, sst.len, TL_LOC_LOCAL_MACHINE, "Root");
	tl_inputs_finish(store_inputs);
	store_view = tl_view_new(store_inputs, now);
	ck_assert_uint_eq(tl_view_count(store_view, TL_SCOPE_CERT), 1);
	tl_buf_free(&sst);
	tl_buf_free(&cert);
}

#define ck_cert_field(text, want)                                                      \
	do {                                                                           \
		tl_expr_error err_;                                                    \
		tl_expr *e_ = tl_expr_compile(text, strlen(text), TL_SCOPE_CERT,       \
					      tl_fields_catalogue(), &err_);           \
		tl_eval_env env_ = tl_view_env(store_view);                            \
		tl_value v_;                                                           \
		tl_buf got_ = {0};                                                     \
		ck_assert_msg(e_ != NULL, "%s: %s", text, err_.msg);                    \
		v_ = tl_expr_eval(e_, tl_view_object(store_view, TL_SCOPE_CERT, 0), &env_, \
				  &arena);                                             \
		tl_value_format(&v_, &got_);                                           \
		ck_assert_msg(strcmp(got_.data, want) == 0, "%s: '%s', not '%s'", text, \
			      got_.data, want);                                        \
		tl_buf_free(&got_);                                                    \
		tl_expr_free(e_);                                                      \
	} while (0)

static void teardown_store(void)
{
	tl_view_free(store_view);
	tl_inputs_free(store_inputs);
	tl_arena_free(&arena);
	store_view = NULL;
	store_inputs = NULL;
}

/* 2026-11-24T00:00:00Z */
#define NOW_2026 1795478400

START_TEST(fields_absent)
{
	lint_store(NOW_2026, 0);
	ck_cert_field("distrusted_since", "null");
	ck_cert_field("distrusted_for", "null");
	ck_cert_field("distrusted", "false");
	ck_cert_field("not_before_cutoff", "null");
	ck_cert_field("not_before_cutoff_for", "null");
}
END_TEST

START_TEST(fields_decoded)
{
	/* 104 2019-05-01, no 122: every purpose, from that day */
	lint_store(NOW_2026, 104u, FT_2019, 0);
	ck_cert_field("distrusted_since", "2019-05-01T00:00:00Z");
	ck_cert_field("distrusted_for", "null");
	ck_cert_field("distrusted", "true");
	lint_store(T_2019 - 1, 104u, FT_2019, 0);
	ck_cert_field("distrusted", "false");
	/* 122 serverAuth narrows it; 126 FILETIME 0x019DB1DED53E8000 is the
	 * Unix epoch; 127 an empty list */
	lint_store(NOW_2026, 104u, FT_2019, 122u, EKU_SERVER, 126u, "00 80 3E D5 DE B1 9D 01",
		   127u, EKU_NONE, 0);
	ck_cert_field("distrusted_since", "2019-05-01T00:00:00Z");
	ck_cert_field("distrusted_for", "[1.3.6.1.5.5.7.3.1]");
	ck_cert_field("distrusted", "false");
	ck_cert_field("not_before_cutoff", "1970-01-01T00:00:00Z");
	ck_cert_field("not_before_cutoff_for", "[]");
	/* the same purposes in 9 and 122: nothing left */
	lint_store(NOW_2026, 9u, EKU_SERVER, 104u, FT_2019, 122u, EKU_SERVER, 0);
	ck_cert_field("distrusted", "true");
}
END_TEST

START_TEST(fields_unreadable_are_null)
{
	lint_store(NOW_2026, 104u, "", 122u, "30 03 06 01", 126u, "00", 127u, "31 00", 0);
	ck_cert_field("distrusted_since", "null");
	ck_cert_field("distrusted_for", "null");
	ck_cert_field("distrusted", "false");
	ck_cert_field("not_before_cutoff", "null");
	ck_cert_field("not_before_cutoff_for", "null");
	/* a good date with an unreadable purpose list: not known for what */
	lint_store(NOW_2026, 104u, FT_2019, 122u, "30 03 06 01", 0);
	ck_cert_field("distrusted_since", "2019-05-01T00:00:00Z");
	ck_cert_field("distrusted", "false");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("distrust");
	TCase *tc = tcase_create("distrust");
	TCase *fields = tcase_create("fields");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, no_properties_trusted);
	tcase_add_test(tc, inferred_104_without_122_distrusts_every_purpose);
	tcase_add_test(tc, distrust_follows_the_clock);
	tcase_add_test(tc, inferred_122_narrows_104_to_its_purposes);
	tcase_add_test(tc, inferred_122_holding_every_store_eku_purpose_distrusts_all);
	tcase_add_test(tc, inferred_eku_extension_restricts_like_store_eku);
	tcase_add_test(tc, distrust_unknown_is_trusted);
	tcase_add_test(tc, inferred_126_does_not_distrust_the_entry);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(fields, NULL, teardown_store);
	tcase_add_test(fields, fields_absent);
	tcase_add_test(fields, fields_decoded);
	tcase_add_test(fields, fields_unreadable_are_null);
	suite_add_tcase(s, fields);
	return s;
}

int main(void)
{
	return tt_run(suite());
}
