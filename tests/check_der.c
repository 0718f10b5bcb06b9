/* check_der.c: the DER primitives trustlint reads itself (der.h): TLVs with
 * short, long and non-minimal lengths; BER indefinite lengths with their
 * end-of-contents, the nesting limit and every fault with its offset and
 * tag; every truncation; OIDs and OID lists; DER times. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/der.h"
#include "testutil.h"
#include "base/util.h"

/* ------------------------------------------------ tl_der_read */

/* tl_der_read of hex; must succeed with tag, body at offset hdr of
 * body_len bytes. */
static void expect_read(const char *hex, unsigned tag, size_t hdr, size_t body_len)
{
	tl_buf b = tt_hex_bytes(hex);
	const uint8_t *p = (const uint8_t *)b.data;
	tl_der d;

	memset(&d, 0xAA, sizeof(d));
	ck_assert_msg(tl_der_read(p, b.len, &d) == 0, "'%s' refused", hex);
	ck_assert_uint_eq(d.tag, tag);
	ck_assert_ptr_eq(d.start, p);
	ck_assert_ptr_eq(d.body, p + hdr);
	ck_assert_uint_eq(d.body_len, body_len);
	ck_assert_uint_eq(d.total_len, hdr + body_len);
	ck_assert(!d.indefinite);
	tl_buf_free(&b);
}

static void expect_read_refused(const char *hex)
{
	tl_buf b = tt_hex_bytes(hex);
	tl_der d;

	ck_assert_msg(tl_der_read((const uint8_t *)b.data, b.len, &d) == -1, "'%s' accepted", hex);
	tl_buf_free(&b);
}

START_TEST(read_short_form)
{
	expect_read("02 01 05", 0x02, 2, 1);
	expect_read("30 00", 0x30, 2, 0);
}
END_TEST

/* 7F, the largest short form, needs its 127 content bytes. */
START_TEST(read_short_form_max)
{
	uint8_t p[129] = {0x04, 0x7F};
	tl_der d;

	ck_assert_int_eq(tl_der_read(p, 129, &d), 0);
	ck_assert_uint_eq(d.body_len, 127);
	ck_assert_uint_eq(d.total_len, 129);
	ck_assert_int_eq(tl_der_read(p, 128, &d), -1);
}
END_TEST

START_TEST(read_long_form)
{
	uint8_t p[3 + 256] = {0x04, 0x81, 0x80};
	tl_der d;

	ck_assert_int_eq(tl_der_read(p, 3 + 128, &d), 0);
	ck_assert_uint_eq(d.body_len, 128);
	ck_assert_ptr_eq(d.body, p + 3);
	ck_assert_uint_eq(d.total_len, 131);
	p[1] = 0x82, p[2] = 0x01, p[3] = 0x00;
	ck_assert_int_eq(tl_der_read(p, 4 + 256 - 1, &d), -1);
	{
		uint8_t q[4 + 256] = {0x04, 0x82, 0x01, 0x00};
		ck_assert_int_eq(tl_der_read(q, sizeof(q), &d), 0);
		ck_assert_uint_eq(d.body_len, 256);
		ck_assert_uint_eq(d.total_len, 260);
	}
}
END_TEST

START_TEST(read_non_minimal_accepted)
{
	/* der.h: definite lengths "minimal or not" (BER in the wild) */
	expect_read("04 81 01 AA", 0x04, 3, 1);
	expect_read("04 82 00 01 AA", 0x04, 4, 1);
	expect_read("04 84 00 00 00 00", 0x04, 6, 0);
	expect_read("04 88 00 00 00 00 00 00 00 01 AA", 0x04, 10, 1);
}
END_TEST

START_TEST(read_trailing_bytes_ignored)
{
	expect_read("02 01 05 FF FF", 0x02, 2, 1);
}
END_TEST

START_TEST(read_refused)
{
	expect_read_refused("");
	expect_read_refused("02");
	/* high tag numbers are BER only */
	expect_read_refused("1F 81 00 01 AA");
	expect_read_refused("3F 05 00");
	/* indefinite length, the reserved FF, more length octets than size_t */
	expect_read_refused("30 80 00 00");
	expect_read_refused("04 FF 00");
	expect_read_refused("04 89 00 00 00 00 00 00 00 00 01 AA");
	/* length octets or contents cut */
	expect_read_refused("04 82 01");
	expect_read_refused("04 05 00 00");
	/* a length of 2^64 - 1 */
	expect_read_refused("04 88 FF FF FF FF FF FF FF FF 00");
}
END_TEST

static void der_prefix_refused(const uint8_t *p, size_t len)
{
	tl_der d;

	ck_assert_msg(tl_der_read(p, len, &d) == -1, "prefix of %zu bytes accepted", len);
}

START_TEST(read_truncated_everywhere)
{
	tl_buf b = tt_der_tlv(0x30, 2, tt_hex_bytes("06 03 55 04 03"),
			      tt_der_tlv(0x04, 1, tt_bytes("0123456789012345678901234567890123456789"
							   "0123456789012345678901234567890123456789"
							   "0123456789012345678901234567890123456789"
							   "0123456789",
							   130)));
	tl_der d;

	ck_assert_int_eq(tl_der_read((const uint8_t *)b.data, b.len, &d), 0);
	ck_assert_uint_eq(d.total_len, b.len);
	tt_each_prefix(b.data, b.len, der_prefix_refused);
	tl_buf_free(&b);
}
END_TEST

/* ------------------------------------------------ tl_der_read_ber */

/* tl_der_read_ber of hex; must succeed as a definite (hdr, body_len) or
 * indefinite element whose total is total_len. */
static void expect_ber(const char *hex, unsigned tag, size_t hdr, size_t body_len,
		       size_t total_len, bool indefinite)
{
	tl_buf b = tt_hex_bytes(hex);
	const uint8_t *p = (const uint8_t *)b.data;
	tl_der_fault why;
	tl_der d;

	memset(&why, 0xAA, sizeof(why));
	ck_assert_msg(tl_der_read_ber(p, b.len, &d, &why) == 0, "'%s' refused: %s at %zu", hex,
		      tl_der_fault_text(why.kind), why.at);
	ck_assert_int_eq(why.kind, TL_DER_FAULT_NONE);
	ck_assert_int_eq(why.indefinite, indefinite);
	ck_assert_uint_eq(d.tag, tag);
	ck_assert_ptr_eq(d.start, p);
	ck_assert_ptr_eq(d.body, p + hdr);
	ck_assert_uint_eq(d.body_len, body_len);
	ck_assert_uint_eq(d.total_len, total_len);
	ck_assert_int_eq(d.indefinite, indefinite);
	/* the same without a fault record */
	ck_assert_int_eq(tl_der_read_ber(p, b.len, &d, NULL), 0);
	tl_buf_free(&b);
}

/* tl_der_read_ber of hex must fail with kind, at, tag and indefinite. */
static void expect_fault(const char *hex, tl_der_fault_kind kind, size_t at, unsigned tag,
			 bool indefinite)
{
	tl_buf b = tt_hex_bytes(hex);
	const uint8_t *p = (const uint8_t *)b.data;
	tl_der_fault why;
	tl_der d;

	ck_assert_msg(tl_der_read_ber(p, b.len, &d, &why) == -1, "'%s' accepted", hex);
	ck_assert_msg(why.kind == kind, "'%s': fault '%s', want '%s'", hex,
		      tl_der_fault_text(why.kind), tl_der_fault_text(kind));
	ck_assert_uint_eq(why.at, at);
	ck_assert_uint_eq(why.tag, tag);
	ck_assert_int_eq(why.indefinite, indefinite);
	ck_assert_int_eq(tl_der_read_ber(p, b.len, &d, NULL), -1);
	tl_buf_free(&b);
}

START_TEST(ber_definite_as_der)
{
	expect_ber("02 01 05", 0x02, 2, 1, 3, false);
	expect_ber("04 81 01 AA FF", 0x04, 3, 1, 4, false);
	/* definite contents are not walked: an indefinite inside is not seen */
	expect_ber("30 04 30 80 00 00", 0x30, 2, 4, 6, false);
}
END_TEST

START_TEST(ber_high_tag_numbers)
{
	/* X.690 8.1.2.4: 1F then the number in base 128, up to 4 octets */
	expect_ber("1F 81 00 01 AA", 0x1F, 4, 1, 5, false);
	expect_ber("3F 81 81 81 01 00", 0x3F, 6, 0, 6, false);
	expect_ber("BF 22 80 00 00", 0xBF, 3, 0, 5, true);
	/* a padded number (leading 80), five octets of number, cut */
	expect_fault("1F 80 01 00", TL_DER_FAULT_BAD_HEADER, 0, 0x1F, false);
	expect_fault("1F 81 81 81 81 01 00", TL_DER_FAULT_BAD_HEADER, 0, 0x1F, false);
	expect_fault("1F", TL_DER_FAULT_TRUNCATED, 0, 0x1F, false);
	expect_fault("1F 81", TL_DER_FAULT_TRUNCATED, 0, 0x1F, false);
	expect_fault("1F 05", TL_DER_FAULT_TRUNCATED, 0, 0x1F, false);
	/* inside an indefinite element */
	expect_fault("30 80 1F 80 01 00 00 00", TL_DER_FAULT_BAD_HEADER, 2, 0x1F, true);
}
END_TEST

START_TEST(ber_indefinite)
{
	expect_ber("30 80 00 00", 0x30, 2, 0, 4, true);
	expect_ber("30 80 02 01 05 00 00", 0x30, 2, 3, 7, true);
	/* nested, and bytes after the end-of-contents are not part of it */
	expect_ber("30 80 A0 80 04 01 AA 00 00 00 00 FF FF", 0x30, 2, 7, 11, true);
	/* 00 00 inside a definite child is contents, not an end */
	expect_ber("30 80 04 02 00 00 00 00", 0x30, 2, 4, 8, true);
	/* a definite child with a long-form length */
	expect_ber("24 80 04 81 02 AA BB 00 00", 0x24, 2, 5, 9, true);
	/* a constructed high-tag child */
	expect_ber("30 80 BF 81 00 80 00 00 00 00", 0x30, 2, 6, 10, true);
}
END_TEST

START_TEST(ber_faults_outer)
{
	expect_fault("", TL_DER_FAULT_TRUNCATED, 0, 0, false);
	expect_fault("30", TL_DER_FAULT_TRUNCATED, 0, 0x30, false);
	expect_fault("30 05 01", TL_DER_FAULT_TRUNCATED, 0, 0x30, false);
	expect_fault("30 82 01", TL_DER_FAULT_TRUNCATED, 0, 0x30, false);
	/* X.690 8.1.3.5 c: FF reserved; more length octets than size_t */
	expect_fault("30 FF 00", TL_DER_FAULT_BAD_HEADER, 0, 0x30, false);
	expect_fault("30 89 00 00 00 00 00 00 00 00 00", TL_DER_FAULT_BAD_HEADER, 0, 0x30, false);
	/* X.690 8.1.3.2 a: a primitive never has an indefinite length */
	expect_fault("04 80 00 00", TL_DER_FAULT_PRIMITIVE_INDEFINITE, 0, 0x04, false);
}
END_TEST

START_TEST(ber_faults_inside)
{
	/* the data ends with the outer element open */
	expect_fault("30 80", TL_DER_FAULT_NO_EOC, 0, 0x30, true);
	expect_fault("30 80 02 01 05", TL_DER_FAULT_NO_EOC, 0, 0x30, true);
	/* the innermost unclosed element is named */
	expect_fault("30 80 A0 80 02 01 05", TL_DER_FAULT_NO_EOC, 2, 0xA0, true);
	expect_fault("30 80 A0 80 00 00", TL_DER_FAULT_NO_EOC, 0, 0x30, true);
	/* a lone 00 at the end */
	expect_fault("30 80 00", TL_DER_FAULT_CUT_EOC, 0, 0x30, true);
	expect_fault("30 80 A0 80 00", TL_DER_FAULT_CUT_EOC, 2, 0xA0, true);
	/* X.690 8.1.5: 00 followed by anything but 00 */
	expect_fault("30 80 00 01 00 00", TL_DER_FAULT_BAD_EOC, 2, 0x00, true);
	expect_fault("30 80 00 81 00 00 00", TL_DER_FAULT_BAD_EOC, 2, 0x00, true);
	/* a child that runs past the data; its length octets cut */
	expect_fault("30 80 02 05 01 00 00", TL_DER_FAULT_TRUNCATED, 2, 0x02, true);
	expect_fault("30 80 04 82 01", TL_DER_FAULT_TRUNCATED, 2, 0x04, true);
	/* a primitive child with an indefinite length, a reserved length */
	expect_fault("30 80 04 80 00 00 00 00", TL_DER_FAULT_PRIMITIVE_INDEFINITE, 2, 0x04, true);
	expect_fault("30 80 30 80 04 FF 00 00", TL_DER_FAULT_BAD_HEADER, 4, 0x04, true);
}
END_TEST

/* n indefinite SEQUENCEs inside one another, each closed. */
static tl_buf nested_indefinite(size_t n)
{
	tl_buf b = {0};
	size_t i;

	for (i = 0; i < n; i++)
		tl_buf_add(&b, "\x30\x80", 2);
	/* a definite element at the bottom: skipped whole, never counted */
	tl_buf_add(&b, "\x30\x04\x30\x02\x30\x00", 6);
	for (i = 0; i < n; i++)
		tl_buf_add(&b, "\x00\x00", 2);
	return b;
}

START_TEST(ber_nesting_limit)
{
	tl_buf b = nested_indefinite(TL_DER_MAX_NESTING);
	tl_der_fault why;
	tl_der d;

	ck_assert_int_eq(TL_DER_MAX_NESTING, 64);
	ck_assert_int_eq(tl_der_read_ber((const uint8_t *)b.data, b.len, &d, &why), 0);
	ck_assert_uint_eq(d.total_len, b.len);
	ck_assert_uint_eq(d.body_len, b.len - 4);
	tl_buf_free(&b);

	/* the 65th is at fault, at its own offset */
	b = nested_indefinite(TL_DER_MAX_NESTING + 1);
	ck_assert_int_eq(tl_der_read_ber((const uint8_t *)b.data, b.len, &d, &why), -1);
	ck_assert_int_eq(why.kind, TL_DER_FAULT_TOO_DEEP);
	ck_assert_uint_eq(why.at, 2 * TL_DER_MAX_NESTING);
	ck_assert_uint_eq(why.tag, 0x30);
	ck_assert(why.indefinite);
	tl_buf_free(&b);
}
END_TEST

START_TEST(ber_deep_definite_not_counted)
{
	/* 1,000 definite SEQUENCEs inside one indefinite one */
	tl_buf inner = tt_hex_bytes("05 00"), outer = {0};
	tl_der d;
	int i;

	for (i = 0; i < 1000; i++)
		inner = tt_der_tlv(0x30, 1, inner);
	tl_buf_add(&outer, "\x30\x80", 2);
	tl_buf_add(&outer, inner.data, inner.len);
	tl_buf_add(&outer, "\x00\x00", 2);
	ck_assert_int_eq(tl_der_read_ber((const uint8_t *)outer.data, outer.len, &d, NULL), 0);
	ck_assert_uint_eq(d.body_len, inner.len);
	tl_buf_free(&inner);
	tl_buf_free(&outer);
}
END_TEST

static void ber_prefix_refused(const uint8_t *p, size_t len)
{
	tl_der_fault why;
	tl_der d;

	ck_assert_msg(tl_der_read_ber(p, len, &d, &why) == -1, "prefix of %zu bytes accepted", len);
	/* a cut input is reported as cut, never as malformed */
	ck_assert_msg(why.kind == TL_DER_FAULT_TRUNCATED || why.kind == TL_DER_FAULT_NO_EOC ||
			      why.kind == TL_DER_FAULT_CUT_EOC,
		      "prefix of %zu bytes: %s", len, tl_der_fault_text(why.kind));
	ck_assert_uint_le(why.at, len);
	ck_assert_int_eq(why.indefinite, len >= 2);
}

START_TEST(ber_truncated_everywhere)
{
	/* a streamed SignedData's outer layers: ContentInfo, [0], a
	 * definite OID, a streamed OCTET STRING of two chunks, a high tag */
	tl_buf b = tt_hex_bytes("30 80 06 03 2A 03 04 A0 80 24 80 04 02 AA BB 04 81 01 CC 00 00"
				" BF 81 00 80 00 00 00 00 00 00");

	expect_ber("30 80 06 03 2A 03 04 A0 80 24 80 04 02 AA BB 04 81 01 CC 00 00"
		   " BF 81 00 80 00 00 00 00 00 00",
		   0x30, 2, 27, 31, true);
	tt_each_prefix(b.data, b.len, ber_prefix_refused);
	tl_buf_free(&b);
}
END_TEST

START_TEST(fault_texts)
{
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_NONE), "is well-formed");
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_TRUNCATED), "runs past the end of the data");
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_NO_EOC),
			 "has an indefinite length and the data ends before its end-of-contents");
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_CUT_EOC),
			 "has an indefinite length and the data ends inside its end-of-contents (a lone 00)");
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_TOO_DEEP),
			 "nests indefinite lengths more than 64 deep");
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_BAD_HEADER),
			 "has malformed identifier or length octets");
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_PRIMITIVE_INDEFINITE),
			 "is primitive with an indefinite length (X.690 8.1.3.2)");
	ck_assert_str_eq(tl_der_fault_text(TL_DER_FAULT_BAD_EOC),
			 "is 00 with a non-zero length, not an end-of-contents (X.690 8.1.5)");
	ck_assert_str_eq(tl_der_fault_text((tl_der_fault_kind)99), "is malformed");
}
END_TEST

/* ------------------------------------------------ OIDs */

static void expect_oid(const char *hex, const char *want)
{
	tl_buf b = tt_hex_bytes(hex);
	char *got = tl_der_oid_text((const uint8_t *)b.data, b.len);

	if (want) {
		ck_assert_msg(got != NULL, "'%s' refused, want %s", hex, want);
		ck_assert_str_eq(got, want);
	} else {
		ck_assert_msg(got == NULL, "'%s' gave %s", hex, got);
	}
	free(got);
	tl_buf_free(&b);
}

START_TEST(oid_text)
{
	expect_oid("2A 86 48 86 F7 0D 01 01 01", "1.2.840.113549.1.1.1");
	expect_oid("55 04 03", "2.5.4.3");
	/* the first octet's three ranges (X.690 8.19.4) */
	expect_oid("00", "0.0");
	expect_oid("27", "0.39");
	expect_oid("28", "1.0");
	expect_oid("4F", "1.39");
	expect_oid("50", "2.0");
	expect_oid("88 37 03", "2.999.3");
	/* the largest arc that fits 64 bits */
	expect_oid("2A 81 FF FF FF FF FF FF FF FF 7F", "1.2.18446744073709551615");
	expect_oid("81 FF FF FF FF FF FF FF FF 7F", "2.18446744073709551535");
}
END_TEST

START_TEST(oid_text_refused)
{
	expect_oid("", NULL);
	/* a truncated arc; a non-minimal arc (leading 80) */
	expect_oid("2A 86", NULL);
	expect_oid("86", NULL);
	expect_oid("2A 80 01", NULL);
	expect_oid("80 01", NULL);
	/* 2^64: too large */
	expect_oid("2A 82 80 80 80 80 80 80 80 80 00", NULL);
}
END_TEST

START_TEST(oid_list)
{
	tl_buf b = tt_hex_bytes("30 0A 06 03 55 04 03 06 03 2B 06 01");
	char **oids = NULL;
	size_t count = 99;

	ck_assert_int_eq(tl_der_oid_list((const uint8_t *)b.data, b.len, &oids, &count), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_str_eq(oids[0], "2.5.4.3");
	ck_assert_str_eq(oids[1], "1.3.6.1");
	tl_strv_free(oids, count);
	tl_buf_free(&b);

	b = tt_hex_bytes("30 00");
	oids = (char **)&b;
	ck_assert_int_eq(tl_der_oid_list((const uint8_t *)b.data, b.len, &oids, &count), 0);
	ck_assert_uint_eq(count, 0);
	tl_strv_free(oids, count);
	tl_buf_free(&b);
}
END_TEST

static void expect_oid_list_refused(const char *hex)
{
	tl_buf b = tt_hex_bytes(hex);
	char **sentinel = (char **)&b, **oids = sentinel;
	size_t count = 7;

	ck_assert_msg(tl_der_oid_list((const uint8_t *)b.data, b.len, &oids, &count) == -1,
		      "'%s' accepted", hex);
	/* der.h: *oids untouched */
	ck_assert_ptr_eq(oids, sentinel);
	ck_assert_uint_eq(count, 7);
	tl_buf_free(&b);
}

START_TEST(oid_list_refused)
{
	expect_oid_list_refused("");
	expect_oid_list_refused("31 00");
	/* a byte after the SEQUENCE */
	expect_oid_list_refused("30 00 00");
	/* an item that is not an OID; a bad OID after a good one */
	expect_oid_list_refused("30 03 02 01 05");
	expect_oid_list_refused("30 09 06 03 55 04 03 06 02 2A 86");
	/* an item cut */
	expect_oid_list_refused("30 04 06 03 55 04");
}
END_TEST

/* ------------------------------------------------ times */

static void expect_time(const char *s, bool utc, int64_t want)
{
	int64_t got = 12345;

	ck_assert_msg(tl_der_time_text(s, strlen(s), utc, &got) == 0, "'%s' refused", s);
	ck_assert_int_eq(got, want);
}

static void expect_time_refused(const char *s, bool utc)
{
	int64_t got = 12345;

	ck_assert_msg(tl_der_time_text(s, strlen(s), utc, &got) == -1, "'%s' accepted", s);
	ck_assert_int_eq(got, 12345);
}

START_TEST(utc_time)
{
	/* RFC 5280 4.1.2.5.1: YY below 50 is 20YY, else 19YY */
	expect_time("491231235959Z", true, 2524607999);
	expect_time("500101000000Z", true, -631152000);
	expect_time("700101000000Z", true, 0);
	expect_time("240229120000Z", true, 1709208000);
}
END_TEST

START_TEST(utc_time_refused)
{
	expect_time_refused("", true);
	expect_time_refused("4912312359Z", true);     /* no seconds */
	expect_time_refused("491231235959", true);    /* no Z */
	expect_time_refused("491231235959+0100", true);
	expect_time_refused("4912312359590Z", true);
	expect_time_refused("49123123595aZ", true);
	expect_time_refused("250229000000Z", true);   /* 2025 is not a leap year */
	expect_time_refused("491301000000Z", true);
	expect_time_refused("490001000000Z", true);
	expect_time_refused("491200000000Z", true);
	expect_time_refused("490431000000Z", true);
	expect_time_refused("491231240000Z", true);
	expect_time_refused("491231236000Z", true);
	expect_time_refused("491231235960Z", true);
}
END_TEST

START_TEST(generalized_time)
{
	expect_time("20241231235959Z", false, 1735689599);
	expect_time("20000229000000Z", false, 951782400);
	expect_time("99991231235959Z", false, 253402300799);
	expect_time("16010101000000Z", false, -11644473600);
	/* a fraction of a second is read and dropped */
	expect_time("20241231235959.5Z", false, 1735689599);
	expect_time("20241231235959.123456Z", false, 1735689599);
}
END_TEST

START_TEST(generalized_time_refused)
{
	expect_time_refused("", false);
	expect_time_refused("20241231235959", false);
	expect_time_refused("202412312359Z", false);
	expect_time_refused("20241231235959.Z", false);
	expect_time_refused("20241231235959,5Z", false);
	expect_time_refused("20241231235959.5", false);
	expect_time_refused("20241231235959Z0", false);
	expect_time_refused("20241231235959+0000", false);
	expect_time_refused("19000229000000Z", false); /* 1900 is not a leap year */
	expect_time_refused("2024123123595aZ", false);
	/* a UTCTime read as a GeneralizedTime and the other way */
	expect_time_refused("491231235959Z", false);
	expect_time_refused("20241231235959Z", true);
}
END_TEST

START_TEST(time_tlv)
{
	tl_buf b;
	tl_der d;
	int64_t t = 1;

	b = tt_der_tlv(0x17, 1, tt_bytes("491231235959Z", 13));
	ck_assert_int_eq(tl_der_read((const uint8_t *)b.data, b.len, &d), 0);
	ck_assert_int_eq(tl_der_time(&d, &t), 0);
	ck_assert_int_eq(t, 2524607999);
	tl_buf_free(&b);
	b = tt_der_tlv(0x18, 1, tt_bytes("20491231235959Z", 15));
	ck_assert_int_eq(tl_der_read((const uint8_t *)b.data, b.len, &d), 0);
	ck_assert_int_eq(tl_der_time(&d, &t), 0);
	ck_assert_int_eq(t, 2524607999);
	tl_buf_free(&b);
	/* another tag, and a GeneralizedTime tag on UTCTime text */
	b = tt_der_tlv(0x13, 1, tt_bytes("491231235959Z", 13));
	ck_assert_int_eq(tl_der_read((const uint8_t *)b.data, b.len, &d), 0);
	ck_assert_int_eq(tl_der_time(&d, &t), -1);
	tl_buf_free(&b);
	b = tt_der_tlv(0x18, 1, tt_bytes("491231235959Z", 13));
	ck_assert_int_eq(tl_der_read((const uint8_t *)b.data, b.len, &d), 0);
	ck_assert_int_eq(tl_der_time(&d, &t), -1);
	tl_buf_free(&b);
}
END_TEST

static Suite *der_suite(void)
{
	Suite *s = suite_create("der");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, read_short_form);
	tcase_add_test(tc, read_short_form_max);
	tcase_add_test(tc, read_long_form);
	tcase_add_test(tc, read_non_minimal_accepted);
	tcase_add_test(tc, read_trailing_bytes_ignored);
	tcase_add_test(tc, read_refused);
	tcase_add_test(tc, read_truncated_everywhere);
	suite_add_tcase(s, tc);
	tc = tcase_create("ber");
	tcase_add_test(tc, ber_definite_as_der);
	tcase_add_test(tc, ber_high_tag_numbers);
	tcase_add_test(tc, ber_indefinite);
	tcase_add_test(tc, ber_faults_outer);
	tcase_add_test(tc, ber_faults_inside);
	tcase_add_test(tc, ber_nesting_limit);
	tcase_add_test(tc, ber_deep_definite_not_counted);
	tcase_add_test(tc, ber_truncated_everywhere);
	tcase_add_test(tc, fault_texts);
	suite_add_tcase(s, tc);
	tc = tcase_create("oid");
	tcase_add_test(tc, oid_text);
	tcase_add_test(tc, oid_text_refused);
	tcase_add_test(tc, oid_list);
	tcase_add_test(tc, oid_list_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("time");
	tcase_add_test(tc, utc_time);
	tcase_add_test(tc, utc_time_refused);
	tcase_add_test(tc, generalized_time);
	tcase_add_test(tc, generalized_time_refused);
	tcase_add_test(tc, time_tlv);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(der_suite());
}
