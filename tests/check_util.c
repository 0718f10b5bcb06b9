/* check_util.c: helpers every module leans on: text conversion, escaping,
 * times, hex, DER primitives and the diagnostics format. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/der.h"
#include "base/diag.h"
#include "testutil.h"
#include "base/util.h"

START_TEST(utf16_conversion)
{
	/* "A", U+00E9, U+20AC, U+1F600 (surrogate pair), NUL, "x" */
	static const uint8_t s[] = {'A', 0, 0xE9, 0, 0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE, 0, 0, 'x', 0};
	char *u = tl_utf16le_to_utf8(s, sizeof(s), true);

	ck_assert_str_eq(u, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
	free(u);
	u = tl_utf16le_to_utf8(s, sizeof(s), false);
	/* the NUL unit is kept as a NUL byte, and "x" after it */
	ck_assert_uint_eq(strlen(u), 10);
	ck_assert_int_eq(u[11], 'x');
	free(u);
	/* a lone high surrogate is kept (WTF-8), an odd byte ignored */
	{
		static const uint8_t lone[] = {0x3D, 0xD8, 'b', 0, 'c'};
		u = tl_utf16le_to_utf8(lone, sizeof(lone), true);
		ck_assert_str_eq(u, "\xED\xA0\xBD" "b");
		free(u);
	}
	/* nothing converted (no bytes, one odd byte, a NUL first): an empty
	 * string, terminated (an empty REG_SZ or FRIENDLY_NAME) */
	{
		static const uint8_t nul[] = {0, 0, 'z', 0};
		u = tl_utf16le_to_utf8(NULL, 0, true);
		ck_assert_str_eq(u, "");
		free(u);
		u = tl_utf16le_to_utf8(nul + 2, 1, false);
		ck_assert_str_eq(u, "");
		free(u);
		u = tl_utf16le_to_utf8(nul, sizeof(nul), true);
		ck_assert_str_eq(u, "");
		free(u);
	}
}
END_TEST

START_TEST(cp1252)
{
	ck_assert_uint_eq(tl_cp1252_to_ucs(0x80), 0x20AC);
	ck_assert_uint_eq(tl_cp1252_to_ucs(0x81), 0x81);
	ck_assert_uint_eq(tl_cp1252_to_ucs(0x9F), 0x178);
	ck_assert_uint_eq(tl_cp1252_to_ucs(0xE9), 0xE9);
	ck_assert_uint_eq(tl_cp1252_to_ucs('a'), 'a');
}
END_TEST

START_TEST(escaping)
{
	tl_buf b = {0};

	tl_escape_text(&b, "CN=a\x1b[31mred\n\\ok \xC3\xA9 \xFF \xC2\x9B");
	ck_assert_str_eq(b.data, "CN=a\\x1b[31mred\\n\\ok \xC3\xA9 \\xff \\xc2\\x9b");
	tl_buf_free(&b);
}
END_TEST

START_TEST(times)
{
	char t[32];
	int64_t v;

	tl_format_time(0, t);
	ck_assert_str_eq(t, "1970-01-01T00:00:00Z");
	tl_format_time(-1, t);
	ck_assert_str_eq(t, "1969-12-31T23:59:59Z");
	tl_format_time(253402300799LL, t);
	ck_assert_str_eq(t, "9999-12-31T23:59:59Z");
	ck_assert_int_eq(tl_parse_time("2026-11-24T12:00:00Z", &v), 0);
	tl_format_time(v, t);
	ck_assert_str_eq(t, "2026-11-24T12:00:00Z");
	ck_assert_int_eq(tl_parse_time("2026-11-24T12:00:00+02:00", &v), 0);
	tl_format_time(v, t);
	ck_assert_str_eq(t, "2026-11-24T10:00:00Z");
	ck_assert_int_eq(tl_parse_time("2026-11-24", &v), -1);
	ck_assert_int_eq(tl_parse_time("2026-13-24T12:00:00Z", &v), -1);
	/* 1601-01-01 is FILETIME 0 */
	tl_format_time(tl_filetime_to_unix(0), t);
	ck_assert_str_eq(t, "1601-01-01T00:00:00Z");
	tl_format_time(tl_filetime_to_unix(116444736000000000ULL), t);
	ck_assert_str_eq(t, "1970-01-01T00:00:00Z");
}
END_TEST

/* RFC 3339 5.7: a date that no calendar has and an offset no clock shows
 * are malformed; a leap second and a fraction are not. want is the UTC
 * time accepted text means, NULL when it must be refused. */
START_TEST(time_validity)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"}, /* divisible by 4 */
		{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"}, /* and by 400 */
		{"2025-02-29T00:00:00Z", NULL},
		{"1900-02-29T00:00:00Z", NULL}, /* by 100, not by 400 */
		{"2026-02-28T23:59:59Z", "2026-02-28T23:59:59Z"},
		{"2026-02-30T00:00:00Z", NULL},
		{"2026-02-31T00:00:00Z", NULL},
		{"2026-01-31T00:00:00Z", "2026-01-31T00:00:00Z"},
		{"2026-04-31T00:00:00Z", NULL},
		{"2026-06-31T00:00:00Z", NULL},
		{"2026-09-31T00:00:00Z", NULL},
		{"2026-11-31T00:00:00Z", NULL},
		{"2026-12-31T00:00:00Z", "2026-12-31T00:00:00Z"},
		{"2026-12-32T00:00:00Z", NULL},
		{"2026-12-00T00:00:00Z", NULL},
		{"2026-00-10T00:00:00Z", NULL},
		/* offsets: hours 00-23, minutes 00-59 (RFC 3339 5.6 time-numoffset) */
		{"2026-11-24T12:00:00+23:59", "2026-11-23T12:01:00Z"},
		{"2026-11-24T12:00:00-23:59", "2026-11-25T11:59:00Z"},
		{"2026-11-24T12:00:00+24:00", NULL},
		{"2026-11-24T12:00:00+99:99", NULL},
		{"2026-11-24T12:00:00-99:00", NULL},
		{"2026-11-24T12:00:00+05:60", NULL},
		{"2026-11-24T12:00:00-00:99", NULL},
		{"2026-11-24T12:00:00-00:00", "2026-11-24T12:00:00Z"},
		/* a leap second is the first second of the next minute here */
		{"2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"},
		{"2016-12-31T23:59:61Z", NULL},
		{"2026-11-24T12:00:00.123456789Z", "2026-11-24T12:00:00Z"},
		{"2026-11-24T12:00:00.5+01:00", "2026-11-24T11:00:00Z"},
		{"2026-11-24T12:00:00.Z", NULL},
		{"2026-11-24T24:00:00Z", NULL},
		{"2026-11-24T12:60:00Z", NULL},
	};
	char t[32];
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		int64_t v = 0;
		int rc = tl_parse_time(cases[i].text, &v);

		if (!cases[i].want) {
			ck_assert_msg(rc == -1, "'%s' is accepted", cases[i].text);
			continue;
		}
		ck_assert_msg(rc == 0, "'%s' is refused", cases[i].text);
		tl_format_time(v, t);
		ck_assert_msg(strcmp(t, cases[i].want) == 0, "'%s' reads as %s, not %s",
			      cases[i].text, t, cases[i].want);
	}
}
END_TEST

START_TEST(hex)
{
	static const uint8_t p[] = {0x00, 0xAB, 0x7F};
	uint8_t back[3];
	char out[7];

	tl_hex(p, 3, out, true);
	ck_assert_str_eq(out, "00AB7F");
	tl_hex(p, 3, out, false);
	ck_assert_str_eq(out, "00ab7f");
	ck_assert_int_eq(tl_unhex("00aB7f", 3, back), 0);
	ck_assert_mem_eq(back, p, 3);
	ck_assert_int_eq(tl_unhex("00aG7f", 3, back), -1);
}
END_TEST

START_TEST(case_folding)
{
	ck_assert_int_eq(tl_strcasecmp("ROOT", "root"), 0);
	ck_assert_int_ne(tl_strcasecmp("Root", "Roots"), 0);
	ck_assert(tl_has_suffix_ci("x.SST", ".sst"));
	ck_assert(!tl_has_suffix_ci("sst", ".sst"));
}
END_TEST

START_TEST(der_reading)
{
	/* SEQUENCE { OID 1.3.6.1.5.5.7.3.1, OID 2.999.1 } */
	static const uint8_t list[] = {0x30, 0x0F, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07,
				       0x03, 0x01, 0x06, 0x03, 0x88, 0x37, 0x01};
	char **oids = NULL;
	size_t n = 0;
	tl_der d;

	ck_assert_int_eq(tl_der_oid_list(list, sizeof(list), &oids, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(oids[0], "1.3.6.1.5.5.7.3.1");
	ck_assert_str_eq(oids[1], "2.999.1");
	tl_strv_free(oids, n);
	ck_assert_int_eq(tl_der_oid_list(list, sizeof(list) - 1, &oids, &n), -1);
	/* zero-length OID (Wine's CTL test data): rejected, never a crash */
	ck_assert_ptr_null(tl_der_oid_text((const uint8_t *)"", 0));
	ck_assert_ptr_null(tl_der_oid_text((const uint8_t *)"\x2b\x86", 2));
	/* long form lengths, bounded */
	ck_assert_int_eq(tl_der_read((const uint8_t *)"\x04\x81\x01x", 4, &d), 0);
	ck_assert_uint_eq(d.body_len, 1);
	ck_assert_int_eq(tl_der_read((const uint8_t *)"\x04\x84\xff\xff\xff\xff", 6, &d), -1);
	ck_assert_int_eq(tl_der_read((const uint8_t *)"\x04\x80", 2, &d), -1);
	ck_assert_int_eq(tl_der_read((const uint8_t *)"\x1f\x01\x00", 3, &d), -1);
}
END_TEST

START_TEST(diag_format)
{
	tl_diags *d = tl_diags_new();
	tl_loc a = tl_loc_line("a.reg", 7, 3), b = tl_loc_offset("b.sst", 0x51c, 12),
	       c = tl_loc_file("c\n.pem");

	tl_diag_add(d, TL_WARNING, "input-x", &a, "line '%s'", "v\x01");
	tl_diag_add(d, TL_ERROR, "input-y", &b, "offset");
	tl_diag_add(d, TL_NOTE, "input-z", &c, "file");
	tt_ck_diags(d, "a.reg:7:3: warning: line 'v\\x01' [input-x]\n"
		       "b.sst:0x0000051c: error: offset [input-y]\n"
		       "c\\n.pem: note: file [input-z]\n");
	ck_assert_uint_eq(tl_diags_count_sev(d, TL_ERROR), 1);
	tl_diags_free(d);
}
END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");

	tcase_add_test(tc, utf16_conversion);
	tcase_add_test(tc, cp1252);
	tcase_add_test(tc, escaping);
	tcase_add_test(tc, times);
	tcase_add_test(tc, time_validity);
	tcase_add_test(tc, hex);
	tcase_add_test(tc, case_folding);
	tcase_add_test(tc, der_reading);
	tcase_add_test(tc, diag_format);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(util_suite());
}
