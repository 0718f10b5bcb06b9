/* check_ctl.c: certificate trust lists (FORMATS.md 3): the fields of every
 * CTL fixture (Wine's test lists, signify's catalogs), each check of
 * FORMATS.md 3 firing on a hand-made list and staying quiet on a clean one,
 * every error path with its exact message and location, and truncation at
 * every length. */
/* memmem() is a GNU/BSD extension in glibc's string.h */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ctl.h"
#include "formats/pkcs7.h"
#include "testutil.h"
#include "base/util.h"

/* ------------------------------------------------ a tiny DER writer */

/* testutil's, under short names: the hand-made DER below nests deeply. */
#define tlv(...) tt_der_tlv(__VA_ARGS__)
#define bytes(p, n) tt_bytes(p, n)
#define hx(hex) tt_hex_bytes(hex)

/* A string type (UTCTime 0x17, GeneralizedTime 0x18). */
static tl_buf str(uint8_t tag, const char *s)
{
	return tlv(tag, 1, bytes(s, strlen(s)));
}

static tl_buf copy(const tl_buf *b)
{
	return bytes(b->data, b->len);
}

#define OID_SIGNED_DATA "06 09 2A 86 48 86 F7 0D 01 07 02"
#define OID_DATA "06 09 2A 86 48 86 F7 0D 01 07 01"
#define OID_CTL "06 09 2B 06 01 04 01 82 37 0A 01"
/* 1.3.6.1.4.1.311.10.3.9, szOID_ROOT_LIST_SIGNER: authroot.stl's usage */
#define USAGE_ROOT_LIST "30 0C 06 0A 2B 06 01 04 01 82 37 0A 03 09"
#define ALG_SHA1 "30 09 06 05 2B 0E 03 02 1A 05 00"
#define ALG_MD5 "30 0C 06 08 2A 86 48 86 F7 0D 02 05 05 00"
#define ALG_SHA256 "30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00"

/* A SignerInfo GnuTLS accepts structurally (issuer CN=A, serial 1, SHA-1,
 * RSA, a one-byte signature): enough to count as a signer. */
static tl_buf signer_info(void)
{
	return tlv(0x30, 5, hx("02 01 01"),
		   tlv(0x30, 2, hx("30 0C 31 0A 30 08 06 03 55 04 03 13 01 41"), hx("02 01 01")),
		   hx("30 07 06 05 2B 0E 03 02 1A"),
		   hx("30 0D 06 09 2A 86 48 86 F7 0D 01 01 01 05 00"), hx("04 01 00"));
}

/* ContentInfo { signedData, [0] SignedData { 1, {sha1}, { szOID_CTL,
 * [0] econtent }, signers } }. econtent is the whole eContent TLV. */
static tl_buf signed_ctl_raw(tl_buf econtent, bool signed_)
{
	tl_buf sd = tlv(0x30, 4, hx("02 01 01"), tlv(0x31, 1, hx(ALG_SHA1)),
			tlv(0x30, 2, hx(OID_CTL), tlv(0xA0, 1, econtent)),
			signed_ ? tlv(0x31, 1, signer_info()) : hx("31 00"));

	return tlv(0x30, 2, hx(OID_SIGNED_DATA), tlv(0xA0, 1, sd));
}

/* A signed CTL around a CertificateTrustList (consumed). */
static tl_buf signed_ctl(tl_buf list)
{
	return signed_ctl_raw(list, true);
}

/* 1.3.6.1.4.1.311.10.11.<id> with one OCTET STRING value. */
static tl_buf prop_attr(uint8_t propid, const char *value_hex)
{
	tl_buf oid = hx("06 0A 2B 06 01 04 01 82 37 0A 0B");

	tl_buf_addc(&oid, (char)propid);
	return tlv(0x30, 2, oid, tlv(0x31, 1, tlv(0x04, 1, hx(value_hex))));
}

static tl_buf id20(uint8_t fill)
{
	tl_buf b = {0};
	int i;

	for (i = 0; i < 20; i++)
		tl_buf_addc(&b, (char)fill);
	return b;
}

/* ------------------------------------------------------------- helpers */

typedef struct result {
	tl_ctl *ctl;
	tl_diags *d;
	char *text;
} result;

static result decode_at(const uint8_t *der, size_t len, tl_loc where)
{
	result r;

	r.d = tl_diags_new();
	r.ctl = tl_ctl_decode(der, len, &where, r.d);
	r.text = tt_diags_text(r.d);
	return r;
}

static result decode_buf(const tl_buf *b, const char *file)
{
	return decode_at((const uint8_t *)b->data, b->len, tl_loc_offset(file, 0, b->len));
}

static result decode_file(const char *rel, const char *file)
{
	size_t len;
	uint8_t *p = tt_read_testdata(rel, &len);
	result r = decode_at(p, len, tl_loc_offset(file, 0, len));

	free(p);
	return r;
}

static void result_free(result *r)
{
	tl_ctl_free(r->ctl);
	tl_diags_free(r->d);
	free(r->text);
}

/* Decode a signed list (consumed) at a location without offsets and
 * expect exactly the diagnostics want. */
static void expect_list(tl_buf list, const char *want)
{
	tl_buf b = signed_ctl(list);
	result r = decode_at((const uint8_t *)b.data, b.len, tl_loc_file("t.stl"));

	ck_assert_str_eq(r.text, want);
	result_free(&r);
	tl_buf_free(&b);
}

static uint64_t offset_of(const tl_buf *hay, const tl_buf *needle)
{
	const char *hit = memmem(hay->data, hay->len, needle->data, needle->len);

	ck_assert_ptr_nonnull(hit);
	return (uint64_t)(hit - hay->data);
}

/* ------------------------------------------------------------ fixtures */

START_TEST(wine_inner_content)
{
	result r = decode_file("fixtures/stores/wine_signedCTLWithCTLInnerContent.stl", "inner.stl");
	tl_ctl *c = r.ctl;

	/* GnuTLS refuses the SignerInfo's zero-length OID; the lenient
	 * decoder reads the rest */
	ck_assert_str_eq(r.text, "inner.stl:0x00000000: warning: GnuTLS cannot read the SignedData (GNUTLS_E_ASN1_DER_ERROR); read with the lenient decoder [input-ctl-gnutls-rejected]\n");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->version, 0);
	ck_assert_uint_eq(c->usage_count, 0);
	ck_assert_ptr_null(c->list_id);
	ck_assert_ptr_null(c->sequence);
	/* 16010101000000Z: FILETIME 0 */
	ck_assert_int_eq(c->this_update, -11644473600LL);
	ck_assert(!c->has_next_update);
	ck_assert_str_eq(c->subject_alg, "1.2.840.113549.2.5");
	ck_assert_uint_eq(c->subject_count, 0);
	ck_assert(!c->has_extensions);
	ck_assert_uint_eq(c->signer_count, 1);
	ck_assert_uint_eq(c->cert_count, 0);
	ck_assert_ptr_null(tl_ctl_list_id_text(c));
	result_free(&r);
}
END_TEST

START_TEST(wine_list_id1)
{
	result r = decode_file("fixtures/stores/wine_signedCTLWithListID1.stl", "id1.stl");
	tl_ctl *c = r.ctl;
	char *text;

	/* the zero-length OID of subjectAlgorithm (at 0x51) is reported */
	ck_assert_str_eq(r.text,
			 "id1.stl:0x00000000: warning: GnuTLS cannot read the SignedData (GNUTLS_E_ASN1_DER_ERROR); read with the lenient decoder [input-ctl-gnutls-rejected]\n"
			 "id1.stl:0x00000051: error: subjectAlgorithm is a zero-length OBJECT IDENTIFIER (06 00) [input-ctl-bad-oid]\n");
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->list_id_len, 1);
	ck_assert_int_eq(c->list_id[0], 0x01);
	text = tl_ctl_list_id_text(c);
	ck_assert_str_eq(text, "01");
	free(text);
	ck_assert_int_eq(c->this_update, -11644473600LL);
	ck_assert_str_eq(c->subject_alg, "");
	ck_assert_uint_eq(c->subject_count, 0);
	ck_assert_uint_eq(c->signer_count, 1);
	result_free(&r);
}
END_TEST

START_TEST(signify_catfiletest)
{
	result r = decode_file("fixtures/stores/signify_catfiletest.cat", "test.cat");
	tl_ctl *c = r.ctl;
	char *text;

	ck_assert_str_eq(r.text, "test.cat:0x00000000: warning: CTL has no signer (SignerInfos is empty) [input-ctl-unsigned]\n");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->version, 0);
	ck_assert_uint_eq(c->usage_count, 1);
	ck_assert_str_eq(c->usage[0], "1.3.6.1.4.1.311.12.1.1");
	text = tl_ctl_list_id_text(c);
	ck_assert_str_eq(text, "8539C8E50BD6644FB133EE289A8763AF");
	free(text);
	ck_assert_ptr_null(c->sequence);
	/* 250827153210Z */
	ck_assert_int_eq(c->this_update, 1756308730LL);
	ck_assert(!c->has_next_update);
	/* catalog member hashes: the identifier is UTF-16 text, any length */
	ck_assert_str_eq(c->subject_alg, "1.3.6.1.4.1.311.12.1.2");
	ck_assert_uint_eq(c->subject_count, 1);
	ck_assert_uint_eq(c->subjects[0].id_len, 82);
	ck_assert(memcmp(c->subjects[0].id, "3\0D\0" "7\0", 6) == 0);
	ck_assert_uint_eq(c->subjects[0].attr_count, 2);
	ck_assert_str_eq(c->subjects[0].attrs[0].oid, "1.3.6.1.4.1.311.2.1.4");
	ck_assert_uint_eq(c->subjects[0].attrs[0].value_count, 1);
	ck_assert_uint_eq(c->subjects[0].attrs[0].value_lens[0], 55);
	ck_assert_int_eq(c->subjects[0].attrs[0].values[0][0], 0x30);
	ck_assert_str_eq(c->subjects[0].attrs[1].oid, "1.3.6.1.4.1.311.12.2.2");
	ck_assert(!c->has_extensions);
	ck_assert_uint_eq(c->signer_count, 0);
	ck_assert_uint_eq(c->cert_count, 0);
	result_free(&r);
}
END_TEST

START_TEST(signify_oem89)
{
	result r = decode_file("fixtures/stores/signify_oem89.cat", "oem89.cat");
	tl_ctl *c = r.ctl;
	char *text;

	ck_assert_str_eq(r.text, "");
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->usage_count, 1);
	ck_assert_str_eq(c->usage[0], "1.3.6.1.4.1.311.12.1.1");
	ck_assert_uint_eq(c->list_id_len, 16);
	text = tl_ctl_list_id_text(c);
	ck_assert_str_eq(text, "5D8EFB4C5CD45940A6B3A6787E02E51A");
	free(text);
	/* 220630072434Z */
	ck_assert_int_eq(c->this_update, 1656573874LL);
	ck_assert_str_eq(c->subject_alg, "1.3.6.1.4.1.311.12.1.2");
	ck_assert_uint_eq(c->subject_count, 1);
	ck_assert_uint_eq(c->subjects[0].id_len, 82);
	ck_assert_uint_eq(c->subjects[0].attr_count, 4);
	ck_assert_str_eq(c->subjects[0].attrs[0].oid, "1.3.6.1.4.1.311.12.2.1");
	ck_assert_str_eq(c->subjects[0].attrs[1].oid, "1.3.6.1.4.1.311.2.1.4");
	ck_assert_str_eq(c->subjects[0].attrs[2].oid, "1.3.6.1.4.1.311.12.2.1");
	ck_assert_str_eq(c->subjects[0].attrs[3].oid, "1.3.6.1.4.1.311.12.2.2");
	ck_assert(c->has_extensions);
	ck_assert_uint_eq(c->signer_count, 1);
	ck_assert_uint_eq(c->cert_count, 2);
	result_free(&r);
}
END_TEST

/* ------------------------------------------------- a clean authroot list */

/* What authroot.stl looks like (FORMATS.md 3): SHA-1 thumbprints with
 * property attributes; every check stays quiet. */
static tl_buf authroot_list(void)
{
	tl_buf subjects = tlv(
		0x30, 2,
		tlv(0x30, 2, tlv(0x04, 1, id20(0xA1)),
		    tlv(0x31, 3, prop_attr(20, "00112233445566778899AABBCCDDEEFF00112233"),
			prop_attr(104, "0080B14AC1E1D401"), prop_attr(126, ""))),
		tlv(0x30, 2, tlv(0x04, 1, id20(0xB2)),
		    tlv(0x31, 1, prop_attr(126, "0080B14AC1E1D401"))));

	return tlv(0x30, 8, hx(USAGE_ROOT_LIST),
		   /* "Test" in UTF-16LE with its NUL */
		   hx("04 0A 54 00 65 00 73 00 74 00 00 00"), hx("02 03 01 02 AB"),
		   str(0x17, "250101120000Z"), str(0x18, "20250201120000.5Z"), hx(ALG_SHA1),
		   subjects, hx("A0 02 30 00"));
}

START_TEST(authroot_quiet)
{
	tl_buf b = signed_ctl_raw(authroot_list(), true);
	result r = decode_buf(&b, "authroot.stl");
	tl_ctl *c = r.ctl;
	tl_buf id = tlv(0x04, 1, id20(0xA1));
	char *text, want[300];

	/* the empty NOT_BEFORE_FILETIME is only noted, at subject 1: its
	 * SEQUENCE header (2 bytes) precedes its identifier */
	snprintf(want, sizeof(want),
		 "authroot.stl:0x%08llx: note: subject 1 attribute 1.3.6.1.4.1.311.10.11.126 (NOT_BEFORE_FILETIME) is empty: an empty FILETIME has no agreed meaning [input-ctl-empty-filetime]\n",
		 (unsigned long long)offset_of(&b, &id) - 2);
	ck_assert_str_eq(r.text, want);
	tl_buf_free(&id);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->version, 0);
	ck_assert_str_eq(c->usage[0], "1.3.6.1.4.1.311.10.3.9");
	text = tl_ctl_list_id_text(c);
	ck_assert_str_eq(text, "Test");
	free(text);
	ck_assert_str_eq(c->sequence, "0102AB");
	ck_assert_int_eq(c->this_update, 1735732800LL);
	ck_assert(c->has_next_update);
	ck_assert_int_eq(c->next_update, 1738411200LL);
	ck_assert_str_eq(c->subject_alg, "1.3.14.3.2.26");
	ck_assert_uint_eq(c->subject_count, 2);
	ck_assert_uint_eq(c->subjects[0].id_len, 20);
	ck_assert_int_eq(c->subjects[1].id[0], 0xB2);
	ck_assert_uint_eq(c->subjects[0].attr_count, 3);
	ck_assert_str_eq(c->subjects[0].attrs[1].oid, "1.3.6.1.4.1.311.10.11.104");
	ck_assert_uint_eq(c->subjects[0].attrs[1].value_lens[0], 10);
	ck_assert(memcmp(c->subjects[0].attrs[1].values[0], "\x04\x08\x00\x80", 4) == 0);
	ck_assert(c->has_extensions);
	ck_assert_uint_eq(c->signer_count, 1);
	ck_assert_uint_eq(c->cert_count, 0);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* ----------------------------------------------- checks of FORMATS.md 3 */

/* usage, thisUpdate, algorithm: the least a list needs */
#define THIS_UPDATE "17 0D 32 35 30 31 30 31 31 32 30 30 30 30 5A" /* 250101120000Z */

START_TEST(check_version)
{
	expect_list(tlv(0x30, 4, hx("02 01 01"), hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1)),
		    "t.stl: warning: CTL version is 1, expected 0 (v1) [input-ctl-bad-version]\n");
	expect_list(tlv(0x30, 4, hx("02 01 FF"), hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1)),
		    "t.stl: warning: CTL version is -1, expected 0 (v1) [input-ctl-bad-version]\n");
	expect_list(tlv(0x30, 4, hx("02 05 01 00 00 00 00"), hx(USAGE_ROOT_LIST), hx(THIS_UPDATE),
			hx(ALG_SHA1)),
		    "t.stl: warning: CTL version is 2147483647, expected 0 (v1) [input-ctl-bad-version]\n");
	/* an explicit 0 is v1 too */
	expect_list(tlv(0x30, 4, hx("02 01 00"), hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1)),
		    "");
}
END_TEST

START_TEST(check_update_order)
{
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), str(0x17, "250201120000Z"),
			str(0x17, "250101120000Z"), hx(ALG_SHA1)),
		    "t.stl: warning: ctlNextUpdate 2025-01-01T12:00:00Z is before ctlThisUpdate 2025-02-01T12:00:00Z [input-ctl-update-order]\n");
	/* equal is fine; UTCTime and GeneralizedTime compare as times */
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), str(0x17, "250101120000Z"),
			str(0x18, "20250101120000Z"), hx(ALG_SHA1)),
		    "");
}
END_TEST

START_TEST(check_identifier_length)
{
	static const uint8_t id19[19] = {0xAA};
	static const uint8_t id32[32] = {0x01};

	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
			tlv(0x30, 2, tlv(0x30, 1, tlv(0x04, 1, bytes(id19, 19))),
			    tlv(0x30, 1, tlv(0x04, 1, id20(0x01))))),
		    "t.stl: error: subject 1 identifier AA000000000000000000000000000000000000 is 19 bytes; SHA-1 identifiers are 20 [input-ctl-bad-identifier-length]\n");
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_MD5),
			tlv(0x30, 1, tlv(0x30, 1, tlv(0x04, 1, id20(0x01))))),
		    "t.stl: error: subject 1 identifier 0101010101010101010101010101010101010101 is 20 bytes; MD5 identifiers are 16 [input-ctl-bad-identifier-length]\n");
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA256),
			tlv(0x30, 1, tlv(0x30, 1, tlv(0x04, 1, bytes(id32, 32))))),
		    "");
	/* an algorithm without a fixed length (catalog member hashes) */
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE),
			hx("30 0E 06 0A 2B 06 01 04 01 82 37 0C 01 02 05 00"),
			tlv(0x30, 1, tlv(0x30, 1, tlv(0x04, 1, bytes(id19, 3))))),
		    "");
}
END_TEST

START_TEST(check_duplicate_subject)
{
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
			tlv(0x30, 3, tlv(0x30, 1, tlv(0x04, 1, id20(0xA1))),
			    tlv(0x30, 1, tlv(0x04, 1, id20(0xB2))),
			    tlv(0x30, 1, tlv(0x04, 1, id20(0xA1))))),
		    "t.stl: warning: subject 3 repeats subject 1 (A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1) [input-ctl-duplicate-subject]\n");
}
END_TEST

START_TEST(check_repeated_twice)
{
	/* both repeats point at the first occurrence */
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
			tlv(0x30, 4, tlv(0x30, 1, tlv(0x04, 1, id20(0xA1))),
			    tlv(0x30, 1, tlv(0x04, 1, id20(0xA1))),
			    tlv(0x30, 1, tlv(0x04, 1, id20(0xB2))),
			    tlv(0x30, 1, tlv(0x04, 1, id20(0xA1))))),
		    "t.stl: warning: subject 2 repeats subject 1 (A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1) [input-ctl-duplicate-subject]\n"
		    "t.stl: warning: subject 4 repeats subject 1 (A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1) [input-ctl-duplicate-subject]\n");
}
END_TEST

/* One undecodable subject is reported and skipped; the others stay, and
 * keep their numbers in messages. */
START_TEST(bad_subject)
{
	tl_buf b = signed_ctl(tlv(
		0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
		tlv(0x30, 3, tlv(0x30, 1, tlv(0x04, 1, id20(0xA1))),
		    /* an attribute SET holding a truncated TLV */
		    tlv(0x30, 2, tlv(0x04, 1, id20(0xB2)), hx("31 01 00")),
		    tlv(0x30, 1, tlv(0x04, 1, hx("01 02"))))));
	result r = decode_at((const uint8_t *)b.data, b.len, tl_loc_file("t.stl"));

	ck_assert_str_eq(r.text,
			 "t.stl: error: subject 2 cannot be decoded (libtasn1: TAG_ERROR, tag error near element 'subjectAttributes.?1.'); skipped [input-ctl-bad-subject]\n"
			 "t.stl: error: subject 3 identifier 0102 is 2 bytes; SHA-1 identifiers are 20 [input-ctl-bad-identifier-length]\n");
	ck_assert_uint_eq(r.ctl->subject_count, 2);
	ck_assert_int_eq(r.ctl->subjects[1].id[0], 0x01);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* A list of 20,000 subjects decodes in one pass (reading member N by name
 * would make it quadratic); one repeat at the end is found. */
START_TEST(many_subjects)
{
	tl_buf subjects = {0}, b;
	result r;
	uint32_t i;

	for (i = 0; i < 20000; i++) {
		uint8_t id[20] = {0};
		tl_buf one;
		id[0] = (uint8_t)(i >> 16);
		id[1] = (uint8_t)(i >> 8);
		id[2] = (uint8_t)i;
		one = tlv(0x30, 2, tlv(0x04, 1, bytes(id, 20)),
			  tlv(0x31, 1, prop_attr(104, "0080B14AC1E1D401")));
		tl_buf_add(&subjects, one.data, one.len);
		tl_buf_free(&one);
	}
	{
		static const uint8_t id[20] = {0, 0x01, 0x02};
		tl_buf one = tlv(0x30, 1, tlv(0x04, 1, bytes(id, 20)));
		tl_buf_add(&subjects, one.data, one.len);
		tl_buf_free(&one);
	}
	b = signed_ctl(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
			   tlv(0x30, 1, subjects)));
	r = decode_at((const uint8_t *)b.data, b.len, tl_loc_file("big.stl"));
	ck_assert_str_eq(r.text, "big.stl: warning: subject 20001 repeats subject 259 (0001020000000000000000000000000000000000) [input-ctl-duplicate-subject]\n");
	ck_assert_uint_eq(r.ctl->subject_count, 20001);
	ck_assert_uint_eq(r.ctl->subjects[19999].attr_count, 1);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

START_TEST(check_filetime_length)
{
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
			tlv(0x30, 2,
			    tlv(0x30, 2, tlv(0x04, 1, id20(0xA1)),
				tlv(0x31, 1, prop_attr(104, "00112233"))),
			    tlv(0x30, 2, tlv(0x04, 1, id20(0xB2)),
				tlv(0x31, 2, prop_attr(126, "001122334455667788"),
				    prop_attr(104, ""))))),
		    "t.stl: error: subject 1 attribute 1.3.6.1.4.1.311.10.11.104 (DISALLOWED_FILETIME) is 4 bytes, expected 8 (FILETIME) or 0 [input-ctl-bad-filetime]\n"
		    "t.stl: error: subject 2 attribute 1.3.6.1.4.1.311.10.11.126 (NOT_BEFORE_FILETIME) is 9 bytes, expected 8 (FILETIME) or 0 [input-ctl-bad-filetime]\n"
		    "t.stl: note: subject 2 attribute 1.3.6.1.4.1.311.10.11.104 (DISALLOWED_FILETIME) is empty: an empty FILETIME has no agreed meaning [input-ctl-empty-filetime]\n");
}
END_TEST

START_TEST(check_property_attribute)
{
	tl_buf oid20 = hx("06 0A 2B 06 01 04 01 82 37 0A 0B 14");
	tl_buf oid104 = hx("06 0A 2B 06 01 04 01 82 37 0A 0B 68");

	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
			tlv(0x30, 1,
			    tlv(0x30, 2, tlv(0x04, 1, id20(0xA1)),
				tlv(0x31, 3,
				    /* two values */
				    tlv(0x30, 2, copy(&oid20),
					tlv(0x31, 2, hx("04 01 00"), hx("04 01 01"))),
				    /* an INTEGER, not an OCTET STRING */
				    tlv(0x30, 2, copy(&oid104), tlv(0x31, 1, hx("02 01 00"))),
				    /* other attributes are not checked */
				    hx("30 0A 06 03 2A 03 04 31 03 02 01 00"))))),
		    "t.stl: warning: subject 1 attribute 1.3.6.1.4.1.311.10.11.20 holds 2 values, expected one OCTET STRING [input-ctl-bad-property-attribute]\n"
		    "t.stl: warning: subject 1 attribute 1.3.6.1.4.1.311.10.11.104 value is not an OCTET STRING (tag 0x02) [input-ctl-bad-property-attribute]\n");
	tl_buf_free(&oid20);
	tl_buf_free(&oid104);
}
END_TEST

START_TEST(check_unsigned)
{
	tl_buf b = signed_ctl_raw(tlv(0x30, 3, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1)),
				  false);
	result r = decode_at((const uint8_t *)b.data, b.len, tl_loc_file("t.stl"));

	ck_assert_str_eq(r.text, "t.stl: warning: CTL has no signer (SignerInfos is empty) [input-ctl-unsigned]\n");
	ck_assert_ptr_nonnull(r.ctl);
	ck_assert_uint_eq(r.ctl->signer_count, 0);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* --------------------------------------------------------- error paths */

/* Decode b at tl_loc_file and expect NULL with exactly want. */
static void expect_rejected(const tl_buf *b, const char *want)
{
	result r = decode_at((const uint8_t *)b->data, b->len, tl_loc_file("t.stl"));

	ck_assert_str_eq(r.text, want);
	ck_assert_ptr_null(r.ctl);
	result_free(&r);
}

/* FORMATS.md 3: Windows rejects the list wrapped in an OCTET STRING. */
START_TEST(econtent_octet_string)
{
	tl_buf b = signed_ctl_raw(
		tlv(0x04, 1, tlv(0x30, 3, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1))), true);

	expect_rejected(&b, "t.stl: error: the CertificateTrustList is wrapped in an OCTET STRING; Windows rejects this form [input-ctl-econtent-octet-string]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(not_a_ctl)
{
	tl_buf b = tt_read_testdata_buf("fixtures/reg/synthetic/certs/chain.p7b");

	expect_rejected(&b, "t.stl: error: SignedData content type is '1.2.840.113549.1.7.1', not szOID_CTL (1.3.6.1.4.1.311.10.1) [input-ctl-not-ctl]\n");
	tl_buf_free(&b);
	b = tt_read_testdata_buf("fixtures/wine/my.p7b");
	expect_rejected(&b, "t.stl: error: SignedData content type is a malformed OBJECT IDENTIFIER, not szOID_CTL (1.3.6.1.4.1.311.10.1) [input-ctl-not-ctl]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(not_signed_data)
{
	tl_buf b = hx("30 03 02 01 00");
	tl_diags *d = tl_diags_new();

	expect_rejected(&b, "t.stl: error: not a PKCS#7 SignedData (no ContentInfo of type 1.2.840.113549.1.7.2) [input-ctl-not-signeddata]\n");
	ck_assert_ptr_null(tl_ctl_decode(NULL, 0, NULL, d));
	tt_ck_diags(d, "-: error: not a PKCS#7 SignedData (no ContentInfo of type 1.2.840.113549.1.7.2) [input-ctl-not-signeddata]\n");
	tl_diags_free(d);
	tl_buf_free(&b);
}
END_TEST

START_TEST(no_content)
{
	tl_buf sd = tlv(0x30, 4, hx("02 01 01"), hx("31 00"), tlv(0x30, 1, hx(OID_CTL)), hx("31 00"));
	tl_buf b = tlv(0x30, 2, hx(OID_SIGNED_DATA), tlv(0xA0, 1, sd));

	expect_rejected(&b, "t.stl: error: SignedData of type szOID_CTL carries no list (eContent absent) [input-ctl-no-content]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(bad_der)
{
	/* a SEQUENCE that is not a CertificateTrustList */
	tl_buf b = signed_ctl_raw(hx("30 03 02 01 00"), true);

	expect_rejected(&b, "t.stl: error: CertificateTrustList cannot be decoded (libtasn1: TAG_ERROR, tag error near element 'subjectUsage.') [input-ctl-bad-der]\n");
	tl_buf_free(&b);
	b = signed_ctl_raw(hx("31 00"), true);
	expect_rejected(&b, "t.stl: error: eContent has tag 0x31, expected a CertificateTrustList SEQUENCE [input-ctl-bad-der]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(bad_time)
{
	/* no seconds (BER allows it, DER does not) */
	expect_list(tlv(0x30, 3, hx(USAGE_ROOT_LIST), str(0x17, "2501011200Z"), hx(ALG_SHA1)),
		    "t.stl: error: ctlThisUpdate '2501011200Z' is not a valid UTCTime [input-ctl-bad-time]\n");
	/* February 30th; the order check is skipped */
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), str(0x18, "20250230120000Z"),
			str(0x17, "200101000000Z"), hx(ALG_SHA1)),
		    "t.stl: error: ctlThisUpdate '20250230120000Z' is not a valid GeneralizedTime [input-ctl-bad-time]\n");
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), str(0x18, "20250101120000"),
			hx(ALG_SHA1)),
		    "t.stl: error: ctlNextUpdate '20250101120000' is not a valid GeneralizedTime [input-ctl-bad-time]\n");
	expect_list(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), str(0x18, "20250101120000.Z"),
			hx(ALG_SHA1)),
		    "t.stl: error: ctlNextUpdate '20250101120000.Z' is not a valid GeneralizedTime [input-ctl-bad-time]\n");
	expect_list(tlv(0x30, 3, hx(USAGE_ROOT_LIST), str(0x17, "251301120000Z"), hx(ALG_SHA1)),
		    "t.stl: error: ctlThisUpdate '251301120000Z' is not a valid UTCTime [input-ctl-bad-time]\n");
}
END_TEST

/* RFC 5280 4.1.2.5.1: UTCTime years 50..99 are 19xx, 00..49 are 20xx. */
START_TEST(utctime_century)
{
	tl_buf b = signed_ctl(
		tlv(0x30, 4, hx(USAGE_ROOT_LIST), str(0x17, "500101000000Z"), str(0x17, "491231235959Z"),
		    hx(ALG_SHA1)));
	result r = decode_buf(&b, "t.stl");

	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.ctl->this_update, -631152000LL);
	ck_assert_int_eq(r.ctl->next_update, 2524607999LL);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

START_TEST(bad_oids)
{
	tl_buf b = signed_ctl(tlv(
		0x30, 4, tlv(0x30, 4, hx("06 00"), hx("06 01 80"), hx("02 01 00"), hx("06 03 2A 03 04")),
		hx(THIS_UPDATE), hx(ALG_SHA1),
		tlv(0x30, 1,
		    tlv(0x30, 2, tlv(0x04, 1, id20(0xA1)),
			tlv(0x31, 1, hx("30 06 06 00 31 02 05 00"))))));
	result r = decode_at((const uint8_t *)b.data, b.len, tl_loc_file("t.stl"));

	ck_assert_str_eq(r.text,
			 "t.stl: error: subjectUsage 1 is a zero-length OBJECT IDENTIFIER (06 00) [input-ctl-bad-oid]\n"
			 "t.stl: error: subjectUsage 2 is not a valid OBJECT IDENTIFIER [input-ctl-bad-oid]\n"
			 "t.stl: error: subjectUsage 3 is not a valid OBJECT IDENTIFIER [input-ctl-bad-oid]\n"
			 "t.stl: error: subject 1 attribute 1 is a zero-length OBJECT IDENTIFIER (06 00) [input-ctl-bad-oid]\n");
	/* the valid OID is kept, the bad ones dropped */
	ck_assert_uint_eq(r.ctl->usage_count, 1);
	ck_assert_str_eq(r.ctl->usage[0], "1.2.3.4");
	ck_assert_str_eq(r.ctl->subjects[0].attrs[0].oid, "");
	ck_assert_uint_eq(r.ctl->subjects[0].attrs[0].value_count, 1);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

START_TEST(trailing_bytes)
{
	tl_buf b = signed_ctl(tlv(0x30, 3, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1)));
	result r;
	char want[200];

	tl_buf_add(&b, "\0\0", 2);
	r = decode_buf(&b, "t.stl");
	snprintf(want, sizeof(want),
		 "t.stl:0x%08zx: warning: 2 bytes follow the end of the SignedData [input-ctl-trailing-bytes]\n",
		 b.len - 2);
	ck_assert_str_eq(r.text, want);
	ck_assert_ptr_nonnull(r.ctl);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

START_TEST(unreadable)
{
	tl_buf b = signed_ctl(tlv(0x30, 3, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1)));
	tl_buf signer = signer_info(), bare;

	/* the signerInfos SET made an INTEGER: past what the peek checks */
	b.data[b.len - signer.len - 2] = 0x02;
	tl_buf_free(&signer);
	expect_rejected(&b, "t.stl: error: SignedData cannot be decoded (GnuTLS: GNUTLS_E_ASN1_TAG_ERROR; libtasn1: TrustlintCTL.SignedData: DER_ERROR) [input-ctl-unreadable]\n");
	tl_buf_free(&b);
	bare = tlv(0x30, 4, hx("02 01 01"), tlv(0x30, 1, hx(OID_CTL)), hx("31 00"), hx("05 00"));
	expect_rejected(&bare, "t.stl: error: SignedData cannot be decoded (libtasn1: TrustlintCTL.SignedData: DER_ERROR) [input-ctl-unreadable]\n");
	tl_buf_free(&bare);
}
END_TEST

/* A SignedData without ContentInfo (as Wine writes PKCS#7) holding a CTL. */
START_TEST(bare_signed_data)
{
	tl_buf b = tlv(0x30, 4, hx("02 01 01"), hx("31 00"),
		       tlv(0x30, 2, hx(OID_CTL),
			   tlv(0xA0, 1,
			       tlv(0x30, 3, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1)))),
		       tlv(0x31, 1, signer_info()));
	result r = decode_at((const uint8_t *)b.data, b.len, tl_loc_file("t.stl"));

	ck_assert_str_eq(r.text, "t.stl: warning: SignedData without its ContentInfo wrapper [input-ctl-no-contentinfo]\n");
	ck_assert_ptr_nonnull(r.ctl);
	ck_assert_uint_eq(r.ctl->signer_count, 1);
	ck_assert_str_eq(r.ctl->usage[0], "1.3.6.1.4.1.311.10.3.9");
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* ---------------------------------------------------- list identifiers */

static char *id_text_of(const char *hex)
{
	tl_ctl ctl;
	tl_buf id = hx(hex);
	char *text;

	memset(&ctl, 0, sizeof(ctl));
	ctl.list_id = (uint8_t *)id.data;
	ctl.list_id_len = id.len;
	text = tl_ctl_list_id_text(&ctl);
	tl_buf_free(&id);
	return text;
}

START_TEST(list_id_text)
{
	static const struct {
		const char *hex, *text;
	} cases[] = {
		{"54 00 65 00 73 00 74 00 00 00", "Test"},
		/* U+00E9 and U+1F600 (a surrogate pair) */
		{"E9 00 3D D8 00 DE 00 00", "\xC3\xA9\xF0\x9F\x98\x80"},
		{"01", "01"},
		{"54 00 65 00", "54006500"},            /* no NUL */
		{"54 00 00 00 65 00 00 00", "5400000065000000"}, /* NUL inside */
		{"00 00", "0000"},                       /* nothing before the NUL */
		{"3D D8 41 00 00 00", "3DD841000000"},     /* lone high surrogate */
		{"00 DC 00 00", "00DC0000"},             /* lone low surrogate */
		{"3D D8 00 00", "3DD80000"},             /* high surrogate at the end */
		{"07 00 00 00", "07000000"},             /* control character */
		{"54 00 65 00 00", "5400650000"},        /* odd length */
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char *t = id_text_of(cases[i].hex);
		ck_assert_msg(strcmp(t, cases[i].text) == 0, "%s: %s", cases[i].hex, t);
		free(t);
	}
	ck_assert_ptr_null(tl_ctl_list_id_text(NULL));
	tl_ctl_free(NULL);
}
END_TEST

/* ----------------------------------------------------------- locations */

/* With a location that is exactly this blob, field problems point at the
 * field's own bytes; inside an .sst element (the location covers the
 * element header too) or at a text line they stay at the location. */
START_TEST(locations)
{
	tl_buf subject = tlv(0x30, 1, tlv(0x04, 1, hx("AA BB")));
	tl_buf version = hx("02 01 02");
	tl_buf alg = hx("30 04 06 00 05 00");
	tl_buf b = signed_ctl(tlv(0x30, 5, copy(&version), hx(USAGE_ROOT_LIST), hx(THIS_UPDATE),
				  copy(&alg), tlv(0x30, 1, copy(&subject))));
	char want[600];
	result r = decode_at((const uint8_t *)b.data, b.len, tl_loc_offset("t.stl", 0x100, b.len));

	snprintf(want, sizeof(want),
		 "t.stl:0x%08llx: warning: CTL version is 2, expected 0 (v1) [input-ctl-bad-version]\n"
		 "t.stl:0x%08llx: error: subjectAlgorithm is a zero-length OBJECT IDENTIFIER (06 00) [input-ctl-bad-oid]\n",
		 (unsigned long long)(0x100 + offset_of(&b, &version)),
		 (unsigned long long)(0x100 + offset_of(&b, &alg) + 2));
	ck_assert_str_eq(r.text, want);
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.length, 3);
	ck_assert_uint_eq(tl_diags_at(r.d, 1)->loc.length, 2);
	result_free(&r);

	/* an .sst CTL element: the element header comes first */
	r = decode_at((const uint8_t *)b.data, b.len, tl_loc_offset("s.sst", 0x40, b.len + 12));
	ck_assert_str_eq(r.text,
			 "s.sst:0x00000040: warning: CTL version is 2, expected 0 (v1) [input-ctl-bad-version]\n"
			 "s.sst:0x00000040: error: subjectAlgorithm is a zero-length OBJECT IDENTIFIER (06 00) [input-ctl-bad-oid]\n");
	result_free(&r);
	r = decode_at((const uint8_t *)b.data, b.len, tl_loc_line("x.reg", 12, 0));
	ck_assert_str_eq(r.text,
			 "x.reg:12: warning: CTL version is 2, expected 0 (v1) [input-ctl-bad-version]\n"
			 "x.reg:12: error: subjectAlgorithm is a zero-length OBJECT IDENTIFIER (06 00) [input-ctl-bad-oid]\n");
	result_free(&r);
	tl_buf_free(&b);
	tl_buf_free(&version);
	tl_buf_free(&alg);

	/* subject-level: at the subject's SEQUENCE */
	b = signed_ctl(tlv(0x30, 4, hx(USAGE_ROOT_LIST), hx(THIS_UPDATE), hx(ALG_SHA1),
			   tlv(0x30, 1, copy(&subject))));
	r = decode_buf(&b, "t.stl");
	snprintf(want, sizeof(want),
		 "t.stl:0x%08llx: error: subject 1 identifier AABB is 2 bytes; SHA-1 identifiers are 20 [input-ctl-bad-identifier-length]\n",
		 (unsigned long long)offset_of(&b, &subject));
	ck_assert_str_eq(r.text, want);
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.length, subject.len);
	result_free(&r);
	tl_buf_free(&b);
	tl_buf_free(&subject);
}
END_TEST

/* ---------------------------------------------------------- truncation */

static tl_buf truncation_input(int i)
{
	static const char *const files[] = {
		"fixtures/stores/wine_signedCTLWithCTLInnerContent.stl",
		"fixtures/stores/wine_signedCTLWithListID1.stl",
		"fixtures/stores/signify_catfiletest.cat",
		"fixtures/stores/signify_oem89.cat",
	};

	if (i == (int)TL_ARRAY_LEN(files))
		return signed_ctl_raw(authroot_list(), true);
	return tt_read_testdata_buf(files[i]);
}
#define TRUNCATION_INPUTS 5

/* Every prefix short of the whole is refused. */
static void decode_cut(const uint8_t *p, size_t len)
{
	result r = decode_at(p, len, tl_loc_offset("cut", 0, len));

	ck_assert_ptr_null(r.ctl);
	ck_assert_uint_ge(tl_diags_count_sev(r.d, TL_ERROR), 1);
	result_free(&r);
}

START_TEST(truncated_everywhere)
{
	tl_buf b = truncation_input(_i);

	tt_each_prefix(b.data, b.len, decode_cut);
	tl_buf_free(&b);
}
END_TEST

/* The SignedData cut short inside valid outer headers, so GnuTLS,
 * libtasn1 and the list decoder all see truncated structures. */
START_TEST(truncated_inside)
{
	tl_buf b = truncation_input(_i);
	tl_pkcs7_outer o;
	size_t cut, header;

	ck_assert_int_eq(tl_pkcs7_peek((const uint8_t *)b.data, b.len, &o), 0);
	/* the SignedData header length: 2 to 4 bytes */
	header = o.signed_data[1] < 0x80 ? 2 : 2 + (o.signed_data[1] & 0x7F);
	for (cut = 0; cut + header <= o.signed_data_len; cut++) {
		tl_buf sd = tlv(0x30, 1, bytes(o.signed_data + header, cut));
		tl_buf ci = tlv(0x30, 2, hx(OID_SIGNED_DATA), tlv(0xA0, 1, sd));
		uint8_t *exact = tl_xmemdup(ci.data, ci.len);
		result r = decode_at(exact, ci.len, tl_loc_offset("cut", 0, ci.len));

		result_free(&r);
		free(exact);
		tl_buf_free(&ci);
	}
	tl_buf_free(&b);
}
END_TEST

/* Any damage: never a crash or a leak; what is reported is sound, and
 * when nothing could be decoded an error says why. */
static void decode_bad(const uint8_t *p, size_t len)
{
	result r = decode_at(p, len, tl_loc_offset("bad", 0, len));

	tt_ck_diags_sane(r.d, len);
	if (!r.ctl)
		ck_assert_msg(tl_diags_count_sev(r.d, TL_ERROR) > 0,
			      "a damaged CTL decoded to nothing without an error");
	result_free(&r);
}

/* Every byte flipped in turn. */
START_TEST(corrupted_everywhere)
{
	tl_buf b = truncation_input(_i);

	if (b.len > 2000) {
		tl_buf_free(&b);
		return; /* oem89.cat: the truncation loops cover it */
	}
	tt_each_flip(b.data, b.len, decode_bad);
	tl_buf_free(&b);
}
END_TEST

static Suite *ctl_suite(void)
{
	Suite *s = suite_create("ctl");
	TCase *tc = tcase_create("decode");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, wine_inner_content);
	tcase_add_test(tc, wine_list_id1);
	tcase_add_test(tc, signify_catfiletest);
	tcase_add_test(tc, signify_oem89);
	tcase_add_test(tc, authroot_quiet);
	tcase_add_test(tc, check_version);
	tcase_add_test(tc, check_update_order);
	tcase_add_test(tc, check_identifier_length);
	tcase_add_test(tc, check_duplicate_subject);
	tcase_add_test(tc, check_repeated_twice);
	tcase_add_test(tc, bad_subject);
	tcase_add_test(tc, many_subjects);
	tcase_add_test(tc, check_filetime_length);
	tcase_add_test(tc, check_property_attribute);
	tcase_add_test(tc, check_unsigned);
	tcase_add_test(tc, econtent_octet_string);
	tcase_add_test(tc, not_a_ctl);
	tcase_add_test(tc, not_signed_data);
	tcase_add_test(tc, no_content);
	tcase_add_test(tc, bad_der);
	tcase_add_test(tc, bad_time);
	tcase_add_test(tc, utctime_century);
	tcase_add_test(tc, bad_oids);
	tcase_add_test(tc, trailing_bytes);
	tcase_add_test(tc, unreadable);
	tcase_add_test(tc, bare_signed_data);
	tcase_add_test(tc, list_id_text);
	tcase_add_test(tc, locations);
	suite_add_tcase(s, tc);
	tc = tcase_create("truncation");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, truncated_everywhere, 0, TRUNCATION_INPUTS);
	tcase_add_loop_test(tc, truncated_inside, 0, TRUNCATION_INPUTS);
	tcase_add_loop_test(tc, corrupted_everywhere, 0, TRUNCATION_INPUTS);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(ctl_suite());
}
