/* check_pkcs7.c: PKCS#7 SignedData containers (FORMATS.md 4): detection of
 * both the ContentInfo and Wine's bare form, in DER and with BER indefinite
 * lengths on the outer layers (testdata/ber/), certificate and CRL counts
 * and subjects of every fixture, origins refined to each certificate's
 * bytes, the lenient fallback, every set member that is not read, every
 * error path, and truncation at every length. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>

#include "formats/ctl.h"
#include "base/der.h"
#include "input/input.h"
#include "formats/pem.h"
#include "formats/pkcs7.h"
#include "model/store.h"
#include "testutil.h"
#include "base/util.h"

/* ------------------------------------------------ a tiny DER writer */

/* testutil's, under short names: the hand-made DER below nests deeply. */
#define tlv(...) tt_der_tlv(__VA_ARGS__)
#define bytes(p, n) tt_bytes(p, n)
#define hx(hex) tt_hex_bytes(hex)

#define OID_SIGNED_DATA "06 09 2A 86 48 86 F7 0D 01 07 02"
#define OID_DATA "06 09 2A 86 48 86 F7 0D 01 07 01"

/* ContentInfo { signedData, [0] content } */
static tl_buf content_info(tl_buf signed_data)
{
	return tlv(0x30, 2, hx(OID_SIGNED_DATA), tlv(0xA0, 1, signed_data));
}

/* The BER counterpart of tt_der_tlv: TAG, length 0x80, the N tl_buf
 * arguments (consumed), end-of-contents 00 00 (X.690 8.1.3.6). */
static tl_buf indef(uint8_t tag, int n, ...)
{
	tl_buf out = {0};
	va_list ap;
	int i;

	tl_buf_addc(&out, (char)tag);
	tl_buf_addc(&out, (char)0x80);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		tl_buf part = va_arg(ap, tl_buf);
		tl_buf_add(&out, part.data, part.len);
		tl_buf_free(&part);
	}
	va_end(ap);
	tl_buf_add(&out, "\0\0", 2);
	return out;
}

/* The same ContentInfo with both wrappers indefinite. */
static tl_buf content_info_indef(tl_buf signed_data)
{
	return indef(0x30, 2, hx(OID_SIGNED_DATA), indef(0xA0, 1, signed_data));
}

/* N copies of the same bytes. */
static tl_buf repeat(const char *p, size_t len, size_t n)
{
	tl_buf b = {0};

	while (n--)
		tl_buf_add(&b, p, len);
	return b;
}

/* ------------------------------------------------------------- helpers */

typedef struct result {
	tl_model *model;
	tl_store *store;
	tl_diags *d;
	int rc;
	char *text;
} result;

static result read_at(const uint8_t *der, size_t len, tl_loc where)
{
	result r;

	r.model = tl_model_new();
	r.store = tl_model_store(r.model, TL_LOC_LOCAL_MACHINE, "Root");
	r.d = tl_diags_new();
	r.rc = tl_pkcs7_read(der, len, &where, r.store, r.d);
	r.text = tt_diags_text(r.d);
	return r;
}

static result read_buf(const tl_buf *b, const char *file)
{
	return read_at((const uint8_t *)b->data, b->len, tl_loc_offset(file, 0, b->len));
}

static void result_free(result *r)
{
	free(r->text);
	tl_diags_free(r->d);
	tl_model_free(r->model);
}

static void expect_entry(const result *r, size_t i, tl_entry_kind kind, uint64_t offset,
			 uint64_t length, const char *subject)
{
	const tl_entry *e;

	ck_assert_uint_lt(i, r->store->count);
	e = r->store->entries[i];
	ck_assert_int_eq(e->kind, kind);
	ck_assert_int_eq(e->origin.loc.kind, TL_LOC_OFFSET);
	ck_assert_uint_eq(e->origin.loc.offset, offset);
	ck_assert_uint_eq(e->origin.loc.length, length);
	ck_assert_uint_eq(e->der_len, length);
	ck_assert_uint_eq(e->prop_count, 0);
	if (subject) {
		ck_assert(e->parsed);
		ck_assert_str_eq(e->cert.subject, subject);
	}
}

/* ----------------------------------------------------------- detection */

START_TEST(detection)
{
	static const struct {
		const char *path;
		bool pkcs7, ctl;
	} cases[] = {
		{"fixtures/stores/corefx_StoreSavedAsPkcs7.p7b", true, false},
		{"fixtures/reg/synthetic/certs/chain.p7b", true, false},
		{"fixtures/wine/my.p7b", true, false}, /* bare SignedData */
		{"fixtures/wine/root-with-intermediate.p7b", true, false},
		{"fixtures/stores/wine_signedCTLWithCTLInnerContent.stl", true, true},
		{"fixtures/stores/wine_signedCTLWithListID1.stl", true, true},
		{"fixtures/stores/signify_catfiletest.cat", true, true},
		{"fixtures/stores/signify_oem89.cat", true, true},
		{"fixtures/stores/corefx_StoreSavedAsPkcs7.pem.p7b", false, false},
		{"fixtures/stores/corefx_StoreSavedAsSerializedStore.sst", false, false},
		{"fixtures/stores/corefx_StoreSavedAsSerializedCert.bin", false, false},
		{"fixtures/reg/synthetic/certs/root.cer", false, false},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		size_t len;
		uint8_t *p = tt_read_testdata(cases[i].path, &len);
		ck_assert_msg(tl_pkcs7_detect(p, len) == cases[i].pkcs7, "%s", cases[i].path);
		ck_assert_msg(tl_pkcs7_is_ctl(p, len) == cases[i].ctl, "%s", cases[i].path);
		free(p);
	}
	ck_assert(!tl_pkcs7_detect(NULL, 0));
	ck_assert(!tl_pkcs7_detect((const uint8_t *)"\x30\x00", 2));
}
END_TEST

START_TEST(not_taken_for_pkcs7)
{
	/* PKCS#8 PrivateKeyInfo: INTEGER, SEQUENCE { OID }, OCTET STRING */
	tl_buf pkcs8 = tlv(0x30, 3, hx("02 01 00"),
			   tlv(0x30, 2, hx("06 09 2A 86 48 86 F7 0D 01 01 01"), hx("05 00")),
			   hx("04 02 30 00"));
	/* PKCS#12 PFX: INTEGER 3, ContentInfo, MacData SEQUENCE */
	tl_buf pfx = tlv(0x30, 3, hx("02 01 03"), tlv(0x30, 1, hx(OID_DATA)), hx("30 00"));
	/* ContentInfo of another type */
	tl_buf data_ci = tlv(0x30, 2, hx(OID_DATA), tlv(0xA0, 1, hx("04 01 00")));
	/* SignedData wrapper around something that is not a SignedData */
	tl_buf hollow = content_info(hx("02 01 01"));
	/* bare form: a version too large to be CMSVersion */
	tl_buf big = tlv(0x30, 3, hx("02 01 09"), tlv(0x30, 1, hx(OID_DATA)), hx("A0 00"));
	tl_pkcs7_outer o;

	ck_assert(!tl_pkcs7_detect((uint8_t *)pkcs8.data, pkcs8.len));
	ck_assert(!tl_pkcs7_detect((uint8_t *)pfx.data, pfx.len));
	ck_assert(!tl_pkcs7_detect((uint8_t *)data_ci.data, data_ci.len));
	ck_assert(!tl_pkcs7_detect((uint8_t *)hollow.data, hollow.len));
	ck_assert(!tl_pkcs7_detect((uint8_t *)big.data, big.len));
	ck_assert_int_eq(tl_pkcs7_peek((uint8_t *)big.data, big.len, &o), -1);
	tl_buf_free(&pkcs8);
	tl_buf_free(&pfx);
	tl_buf_free(&data_ci);
	tl_buf_free(&hollow);
	tl_buf_free(&big);
}
END_TEST

START_TEST(peek_layout)
{
	size_t len;
	uint8_t *p = tt_read_testdata("fixtures/stores/corefx_StoreSavedAsPkcs7.p7b", &len);
	tl_pkcs7_outer o;

	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	ck_assert(!o.bare);
	ck_assert_uint_eq(o.used, len);
	ck_assert_ptr_eq(o.signed_data, p + 19);
	ck_assert_uint_eq(o.signed_data_len, len - 19);
	ck_assert_uint_eq(o.content_type_len, 9);
	ck_assert_int_eq(o.content_type[8], 0x01); /* id-data */
	free(p);
	p = tt_read_testdata("fixtures/wine/my.p7b", &len);
	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	ck_assert(o.bare);
	ck_assert_ptr_eq(o.signed_data, p);
	ck_assert_uint_eq(o.content_type_len, 0);
	free(p);
}
END_TEST

/* ------------------------------------------------------------ fixtures */

START_TEST(corefx_p7b)
{
	tl_buf b = tt_read_testdata_buf("fixtures/stores/corefx_StoreSavedAsPkcs7.p7b");
	result r = read_buf(&b, "corefx.p7b");

	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.rc, 2);
	ck_assert_uint_eq(r.store->count, 2);
	expect_entry(&r, 0, TL_ENTRY_CERT, 45, 489, "CN=MyName");
	expect_entry(&r, 1, TL_ENTRY_CERT, 534, 1264,
		     "CN=Microsoft Corporation,OU=MOPR,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US");
	ck_assert_str_eq(r.store->entries[0]->origin.loc.file, "corefx.p7b");
	ck_assert_ptr_null(r.store->entries[0]->origin.reg_key);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

START_TEST(chain_p7b)
{
	tl_buf b = tt_read_testdata_buf("fixtures/reg/synthetic/certs/chain.p7b");
	result r = read_buf(&b, "chain.p7b");

	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.rc, 3);
	expect_entry(&r, 0, TL_ENTRY_CERT, 45, 810, "O=Lint Test (synthetic),CN=Lint Test Root CA");
	expect_entry(&r, 1, TL_ENTRY_CERT, 855, 846,
		     "O=Lint Test (synthetic),CN=Lint Test Issuing CA");
	expect_entry(&r, 2, TL_ENTRY_CERT, 1701, 862, "O=Lint Test (synthetic),CN=web01.lint.test");
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

START_TEST(wine_bare_p7b)
{
	tl_buf b = tt_read_testdata_buf("fixtures/wine/root-with-intermediate.p7b");
	result r = read_buf(&b, "root.p7b");

	ck_assert_str_eq(r.text,
			 "root.p7b:0x00000000: warning: encapsulated content type is a zero-length OBJECT IDENTIFIER [input-pkcs7-bad-content-type]\n"
			 "root.p7b:0x00000000: warning: SignedData without its ContentInfo wrapper (as Wine's CertSaveStore writes it); GnuTLS and OpenSSL cannot read it [input-pkcs7-no-contentinfo]\n");
	ck_assert_int_eq(r.rc, 3);
	expect_entry(&r, 0, TL_ENTRY_CERT, 15, 810, "O=Lint Test (synthetic),CN=Lint Test Root CA");
	expect_entry(&r, 1, TL_ENTRY_CERT, 825, 820,
		     "O=Lint Test (synthetic),CN=Lint Unrelated Root CA");
	expect_entry(&r, 2, TL_ENTRY_CERT, 1645, 846,
		     "O=Lint Test (synthetic),CN=Lint Test Issuing CA");
	result_free(&r);
	tl_buf_free(&b);

	b = tt_read_testdata_buf("fixtures/wine/my.p7b");
	r = read_buf(&b, "my.p7b");
	ck_assert_int_eq(r.rc, 1);
	ck_assert_uint_eq(tl_diags_count(r.d), 2);
	expect_entry(&r, 0, TL_ENTRY_CERT, 15, 862, "O=Lint Test (synthetic),CN=web01.lint.test");
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* The certificates of a catalog's SignedData (its signer chain); a CTL
 * without certificates adds nothing and says nothing. */
START_TEST(catalog_certificates)
{
	tl_buf b = tt_read_testdata_buf("fixtures/stores/signify_oem89.cat");
	result r = read_buf(&b, "oem89.cat");

	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.rc, 2);
	expect_entry(&r, 0, TL_ENTRY_CERT, 1209, 1411,
		     "CN=Microsoft Windows Hardware Compatibility Publisher,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US");
	expect_entry(&r, 1, TL_ENTRY_CERT, 2620, 1509,
		     "CN=Microsoft Windows Third Party Component CA 2012,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US");
	result_free(&r);
	tl_buf_free(&b);
	b = tt_read_testdata_buf("fixtures/stores/signify_catfiletest.cat");
	r = read_buf(&b, "cat.cat");
	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.rc, 0);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* A PKCS7 PEM block: the origin stays the block's line. */
START_TEST(pem_block_origin)
{
	size_t len;
	uint8_t *pem = tt_read_testdata("fixtures/stores/corefx_StoreSavedAsPkcs7.pem.p7b", &len);
	tl_pem_blocks blocks = {0};
	tl_diags *pd = tl_diags_new();
	result r;

	ck_assert_uint_eq(tl_pem_split(pem, len, "corefx.pem", &blocks, pd), 1);
	ck_assert_str_eq(blocks.blocks[0].label, "PKCS7");
	r = read_at(blocks.blocks[0].der, blocks.blocks[0].der_len,
		    tl_loc_line("corefx.pem", blocks.blocks[0].line, 0));
	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.rc, 2);
	ck_assert_int_eq(r.store->entries[1]->origin.loc.kind, TL_LOC_LINE);
	ck_assert_uint_eq(r.store->entries[1]->origin.loc.line, 1);
	ck_assert_str_eq(r.store->entries[1]->cert.subject,
			 "CN=Microsoft Corporation,OU=MOPR,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US");
	result_free(&r);
	tl_pem_blocks_free(&blocks);
	tl_diags_free(pd);
	free(pem);
}
END_TEST

/* A blob inside a larger binary file: offsets are the file's. */
START_TEST(offset_base)
{
	tl_buf b = tt_read_testdata_buf("fixtures/reg/synthetic/certs/chain.p7b");
	result r = read_at((const uint8_t *)b.data, b.len, tl_loc_offset("big.bin", 0x1000, b.len));

	ck_assert_int_eq(r.rc, 3);
	expect_entry(&r, 2, TL_ENTRY_CERT, 0x1000 + 1701, 862, NULL);
	result_free(&r);
	/* no location kind: the caller's location as given */
	r = read_at((const uint8_t *)b.data, b.len, tl_loc_file("whole.p7b"));
	ck_assert_int_eq(r.rc, 3);
	ck_assert_int_eq(r.store->entries[0]->origin.loc.kind, TL_LOC_NONE);
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* The same certificate twice: each copy gets its own offset. */
START_TEST(duplicate_members)
{
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	tl_buf sd = tlv(0x30, 5, hx("02 01 01"), hx("31 00"), tlv(0x30, 1, hx(OID_DATA)),
			tlv(0xA0, 2, bytes(cert.data, cert.len), bytes(cert.data, cert.len)),
			hx("31 00"));
	tl_buf ci = content_info(sd);
	result r = read_buf(&ci, "dup.p7b");

	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.rc, 2);
	/* ContentInfo 4 + OID 11 + [0] 4 + SEQUENCE 4 + version 3 + SET 2 +
	 * encap 13 + [0] 4 = 45 */
	expect_entry(&r, 0, TL_ENTRY_CERT, 45, cert.len, NULL);
	expect_entry(&r, 1, TL_ENTRY_CERT, 45 + cert.len, cert.len, NULL);
	result_free(&r);
	tl_buf_free(&ci);
	tl_buf_free(&cert);
}
END_TEST

/* A CRL in crls [1] becomes a CRL entry. */
START_TEST(crl_member)
{
	size_t len;
	uint8_t *pem = tt_read_testdata("fixtures/stores/pika_root_CA-RSA4096.crl.pem", &len);
	tl_pem_blocks blocks = {0};
	tl_diags *pd = tl_diags_new();
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	tl_buf sd, ci;
	result r;
	size_t crl_len;

	ck_assert_uint_eq(tl_pem_split(pem, len, "crl.pem", &blocks, pd), 1);
	crl_len = blocks.blocks[0].der_len;
	sd = tlv(0x30, 6, hx("02 01 01"), hx("31 00"), tlv(0x30, 1, hx(OID_DATA)),
		 tlv(0xA0, 1, bytes(cert.data, cert.len)),
		 tlv(0xA1, 1, bytes(blocks.blocks[0].der, crl_len)), hx("31 00"));
	ci = content_info(sd);
	r = read_buf(&ci, "crl.p7b");
	ck_assert_str_eq(r.text, "");
	ck_assert_int_eq(r.rc, 2);
	expect_entry(&r, 0, TL_ENTRY_CERT, 45, cert.len,
		     "O=Lint Test (synthetic),CN=Lint Test Root CA");
	/* after the certificate, the [1] header (4 bytes) */
	expect_entry(&r, 1, TL_ENTRY_CRL, 45 + cert.len + 4, crl_len, NULL);
	ck_assert(!r.store->entries[1]->parsed);
	result_free(&r);
	tl_buf_free(&ci);
	tl_buf_free(&cert);
	tl_pem_blocks_free(&blocks);
	tl_diags_free(pd);
	free(pem);
}
END_TEST

/* --------------------------------------------------------- error paths */

START_TEST(not_signed_data)
{
	tl_buf b = tt_read_testdata_buf("fixtures/stores/corefx_StoreSavedAsSerializedStore.sst");
	result r = read_buf(&b, "x.sst");

	ck_assert_int_eq(r.rc, -1);
	ck_assert_str_eq(r.text, "x.sst:0x00000000: error: not a PKCS#7 SignedData (no ContentInfo of type 1.2.840.113549.1.7.2) [input-pkcs7-not-signeddata]\n");
	ck_assert_uint_eq(r.store->count, 0);
	result_free(&r);
	tl_buf_free(&b);
	/* NULL where: reported without a file */
	{
		tl_model *m = tl_model_new();
		tl_store *s = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Root");
		tl_diags *d = tl_diags_new();

		ck_assert_int_eq(tl_pkcs7_read((const uint8_t *)"", 0, NULL, s, d), -1);
		tt_ck_diags(d, "-: error: not a PKCS#7 SignedData (no ContentInfo of type 1.2.840.113549.1.7.2) [input-pkcs7-not-signeddata]\n");
		tl_diags_free(d);
		tl_model_free(m);
	}
}
END_TEST

START_TEST(trailing_bytes)
{
	tl_buf b = tt_read_testdata_buf("fixtures/reg/synthetic/certs/chain.p7b");
	result r;

	tl_buf_add(&b, "\0\0\0", 3);
	r = read_buf(&b, "chain.p7b");
	ck_assert_str_eq(r.text, "chain.p7b:0x00000a05: warning: 3 bytes follow the end of the SignedData [input-pkcs7-trailing-bytes]\n");
	ck_assert_int_eq(r.rc, 3);
	result_free(&r);
	/* a line location stays as it is */
	r = read_at((const uint8_t *)b.data, b.len, tl_loc_line("chain.pem", 7, 0));
	ck_assert_str_eq(r.text, "chain.pem:7: warning: 3 bytes follow the end of the SignedData [input-pkcs7-trailing-bytes]\n");
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* Wine's bare SignedData wrapped into a ContentInfo: GnuTLS still refuses
 * it (no digestAlgorithms, no signerInfos), the lenient decoder reads it. */
START_TEST(gnutls_rejected)
{
	tl_buf ci = content_info(tt_read_testdata_buf("fixtures/wine/my.p7b"));
	result r = read_buf(&ci, "wrapped.p7b");

	ck_assert_str_eq(r.text,
			 "wrapped.p7b:0x00000000: warning: encapsulated content type is a zero-length OBJECT IDENTIFIER [input-pkcs7-bad-content-type]\n"
			 "wrapped.p7b:0x00000000: warning: GnuTLS cannot read the SignedData (GNUTLS_E_ASN1_TAG_ERROR); certificates read with the lenient decoder [input-pkcs7-gnutls-rejected]\n");
	ck_assert_int_eq(r.rc, 1);
	/* ContentInfo 4 + OID 11 + [0] 4, then my.p7b's own 15 */
	expect_entry(&r, 0, TL_ENTRY_CERT, 34, 862, "O=Lint Test (synthetic),CN=web01.lint.test");
	result_free(&r);
	tl_buf_free(&ci);
}
END_TEST

START_TEST(malformed_content_type)
{
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	/* 06 01 80: an arc with a continuation bit and nothing after it */
	tl_buf sd = tlv(0x30, 3, hx("02 01 00"), tlv(0x30, 1, hx("06 01 80")),
			tlv(0xA0, 1, bytes(cert.data, cert.len)));
	result r = read_buf(&sd, "bad.p7b");

	ck_assert_str_eq(r.text,
			 "bad.p7b:0x00000000: warning: encapsulated content type is a malformed OBJECT IDENTIFIER [input-pkcs7-bad-content-type]\n"
			 "bad.p7b:0x00000000: warning: SignedData without its ContentInfo wrapper (as Wine's CertSaveStore writes it); GnuTLS and OpenSSL cannot read it [input-pkcs7-no-contentinfo]\n");
	ck_assert_int_eq(r.rc, 1);
	result_free(&r);
	tl_buf_free(&sd);
	tl_buf_free(&cert);
}
END_TEST

/* Attribute certificates and other CertificateChoices are not X.509
 * certificates: noted and skipped, the rest read. */
START_TEST(unsupported_member)
{
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	tl_buf sd = tlv(0x30, 4, hx("02 01 00"), tlv(0x30, 1, hx(OID_DATA)),
			tlv(0xA0, 2, hx("A1 03 02 01 00"), bytes(cert.data, cert.len)),
			tlv(0xA1, 1, hx("04 00")));
	result r = read_buf(&sd, "attr.p7b");

	ck_assert_str_eq(r.text,
			 "attr.p7b:0x00000000: warning: SignedData without its ContentInfo wrapper (as Wine's CertSaveStore writes it); GnuTLS and OpenSSL cannot read it [input-pkcs7-no-contentinfo]\n"
			 "attr.p7b:0x00000018: note: certificate set member 1 has tag 0xa1, not an X.509 certificate; skipped [input-pkcs7-unsupported-member]\n"
			 "attr.p7b:0x00000349: note: CRL set member 1 has tag 0x04, not an X.509 CRL; skipped [input-pkcs7-unsupported-member]\n");
	ck_assert_int_eq(r.rc, 1);
	/* SEQUENCE 4 + version 3 + encap 13 + [0] 4 + the [1] member 5 */
	expect_entry(&r, 0, TL_ENTRY_CERT, 29, cert.len, "O=Lint Test (synthetic),CN=Lint Test Root CA");
	result_free(&r);
	tl_buf_free(&sd);
	tl_buf_free(&cert);
}
END_TEST

/* Past the part the peek checks, the structure is broken: neither GnuTLS
 * nor libtasn1 can read it. */
START_TEST(unreadable)
{
	tl_buf b = tt_read_testdata_buf("fixtures/reg/synthetic/certs/chain.p7b");
	result r;
	tl_buf bare;

	/* signerInfos replaced by an INTEGER */
	b.data[b.len - 2] = 0x02;
	r = read_buf(&b, "chain.p7b");
	ck_assert_str_eq(r.text, "chain.p7b:0x00000000: error: SignedData cannot be decoded (GnuTLS: GNUTLS_E_ASN1_TAG_ERROR; libtasn1: TrustlintCTL.SignedData: DER_ERROR) [input-pkcs7-unreadable]\n");
	ck_assert_int_eq(r.rc, -1);
	ck_assert_uint_eq(r.store->count, 0);
	result_free(&r);
	tl_buf_free(&b);

	bare = tlv(0x30, 4, hx("02 01 00"), tlv(0x30, 1, hx(OID_DATA)), hx("A0 00"), hx("05 00"));
	r = read_buf(&bare, "bare.p7b");
	ck_assert_str_eq(r.text,
			 "bare.p7b:0x00000000: warning: SignedData without its ContentInfo wrapper (as Wine's CertSaveStore writes it); GnuTLS and OpenSSL cannot read it [input-pkcs7-no-contentinfo]\n"
			 "bare.p7b:0x00000000: error: SignedData cannot be decoded (libtasn1: TrustlintCTL.SignedData: DER_ERROR) [input-pkcs7-unreadable]\n");
	ck_assert_int_eq(r.rc, -1);
	result_free(&r);
	tl_buf_free(&bare);
}
END_TEST

/* A certificate GnuTLS extracts but cannot parse: reported by the entry
 * (tl_entry_finish) at the certificate's own bytes; the others are kept. */
START_TEST(unparsable_certificate)
{
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	tl_buf sd = tlv(0x30, 5, hx("02 01 01"), hx("31 00"), tlv(0x30, 1, hx(OID_DATA)),
			tlv(0xA0, 2, hx("30 03 02 01 00"), bytes(cert.data, cert.len)), hx("31 00"));
	tl_buf ci = content_info(sd);
	result r = read_buf(&ci, "junk.p7b");

	ck_assert_int_eq(r.rc, 2);
	ck_assert_uint_eq(tl_diags_count(r.d), 1);
	ck_assert_str_eq(tl_diags_at(r.d, 0)->id, "input-cert-unparsable");
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.offset, 45);
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.length, 5);
	ck_assert(!r.store->entries[0]->parsed);
	ck_assert(r.store->entries[1]->parsed);
	result_free(&r);
	tl_buf_free(&ci);
	tl_buf_free(&cert);
}
END_TEST

/* ------------------------------------------------------ lenient decoder */

START_TEST(lenient_parts)
{
	size_t len;
	uint8_t *p = tt_read_testdata("fixtures/stores/signify_oem89.cat", &len);
	tl_pkcs7_outer o;
	tl_pkcs7_parts parts;
	char *err = NULL;

	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	ck_assert_int_eq(tl_pkcs7_decode_lenient(&o, &parts, &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_uint_eq(parts.cert_count, 2);
	ck_assert_uint_eq(parts.crl_count, 0);
	/* the peek located the same two certificates */
	ck_assert_ptr_eq(o.certs, p + 1209);
	ck_assert_uint_eq(o.certs_len, 1411 + 1509);
	ck_assert_ptr_null(o.crls);
	ck_assert_uint_eq(parts.signer_count, 1);
	ck_assert(parts.has_signer_infos);
	ck_assert(parts.has_digest_algorithms);
	/* the eContent TLV as written: the list SEQUENCE at offset 62 */
	ck_assert_uint_eq(parts.econtent_len, 1143);
	ck_assert(memcmp(parts.econtent, p + 62, 1143) == 0);
	tl_pkcs7_parts_free(&parts);
	tl_pkcs7_parts_free(&parts); /* idempotent */
	tl_pkcs7_parts_free(NULL);
	free(p);

	p = tt_read_testdata("fixtures/wine/my.p7b", &len);
	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	ck_assert_int_eq(tl_pkcs7_decode_lenient(&o, &parts, &err), 0);
	ck_assert_uint_eq(parts.cert_count, 1);
	ck_assert(!parts.has_signer_infos);
	ck_assert(!parts.has_digest_algorithms);
	ck_assert_ptr_null(parts.econtent);
	tl_pkcs7_parts_free(&parts);
	free(p);
}
END_TEST

/* ------------------------------------------- BER indefinite lengths */

/* testdata/ber/chain-indefinite.p7b (testdata/gen/ber_pkcs7.py): every
 * outer layer indefinite; asn1parse offsets. */
#define BER_P7B "ber/chain-indefinite.p7b"
#define BER_CTL "ber/ctl-indefinite.stl"
#define BER_ROOT_AT 41
#define BER_ISSUING_AT 851
#define BER_SERVER_AT 1697
#define BER_CRL_AT 2563
#define BER_CRL_LEN 1076

/* The primitive itself: extents, the innermost unclosed element, the
 * nesting bound, and each fault with its offset. */
START_TEST(ber_primitive)
{
	static const struct {
		const char *hex;
		tl_der_fault_kind fault;
		size_t at_or_total; /* fault offset, or total_len when read */
		unsigned tag;       /* at fault, or the element read */
		bool indefinite;
	} cases[] = {
		{"02 01 05", TL_DER_FAULT_NONE, 3, 0x02, false},
		{"30 80 02 01 05 00 00", TL_DER_FAULT_NONE, 7, 0x30, true},
		{"30 80 30 80 00 00 00 00", TL_DER_FAULT_NONE, 8, 0x30, true},
		/* a definite child is skipped whole, whatever it holds */
		{"30 80 30 04 30 80 00 00 00 00", TL_DER_FAULT_NONE, 10, 0x30, true},
		/* high tag number 31 (X.690 8.1.2.4) */
		{"BF 1F 00", TL_DER_FAULT_NONE, 3, 0xBF, false},
		{"30 80 9F 81 00 01 00 00 00", TL_DER_FAULT_NONE, 9, 0x30, true},
		{"", TL_DER_FAULT_TRUNCATED, 0, 0x00, false},
		{"30", TL_DER_FAULT_TRUNCATED, 0, 0x30, false},
		{"30 03 02 01", TL_DER_FAULT_TRUNCATED, 0, 0x30, false},
		{"30 80 04 05 00", TL_DER_FAULT_TRUNCATED, 2, 0x04, true},
		{"30 80", TL_DER_FAULT_NO_EOC, 0, 0x30, true},
		/* the innermost unclosed one is named */
		{"30 80 A0 80 02 01 05", TL_DER_FAULT_NO_EOC, 2, 0xA0, true},
		{"30 80 A0 80 00 00 00", TL_DER_FAULT_CUT_EOC, 0, 0x30, true},
		{"30 80 04 80 00 00 00 00", TL_DER_FAULT_PRIMITIVE_INDEFINITE, 2, 0x04, true},
		{"04 80 00 00", TL_DER_FAULT_PRIMITIVE_INDEFINITE, 0, 0x04, false},
		{"30 80 00 01 05 00 00", TL_DER_FAULT_BAD_EOC, 2, 0x00, true},
		{"30 89 00 00 00 00 00 00 00 00 01", TL_DER_FAULT_BAD_HEADER, 0, 0x30, false},
		{"BF 80 01 00", TL_DER_FAULT_BAD_HEADER, 0, 0xBF, false},
		{"BF 81 81 81 81 01 00", TL_DER_FAULT_BAD_HEADER, 0, 0xBF, false},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_buf b = hx(cases[i].hex);
		uint8_t *exact = b.len ? tl_xmemdup(b.data, b.len) : NULL;
		tl_der el;
		tl_der_fault why;
		int rc = tl_der_read_ber(exact, b.len, &el, &why);

		if (cases[i].fault == TL_DER_FAULT_NONE) {
			ck_assert_msg(rc == 0, "%s", cases[i].hex);
			ck_assert_uint_eq(el.total_len, cases[i].at_or_total);
			ck_assert_uint_eq(el.tag, cases[i].tag);
			ck_assert(el.indefinite == cases[i].indefinite);
			ck_assert_uint_eq(el.body_len, el.total_len -
							       (size_t)(el.body - el.start) -
							       (el.indefinite ? 2 : 0));
		} else {
			ck_assert_msg(rc == -1, "%s", cases[i].hex);
			ck_assert_msg(why.kind == cases[i].fault, "%s: fault %d", cases[i].hex,
				      (int)why.kind);
			ck_assert_uint_eq(why.at, cases[i].at_or_total);
			ck_assert_uint_eq(why.tag, cases[i].tag);
			ck_assert(why.indefinite == cases[i].indefinite);
		}
		ck_assert_int_eq(tl_der_read_ber(exact, b.len, &el, NULL), rc);
		free(exact);
		tl_buf_free(&b);
	}
}
END_TEST

/* TL_DER_MAX_NESTING indefinite lengths are read, one more is not. */
START_TEST(ber_nesting_bound)
{
	tl_buf ok = repeat("\x30\x80", 2, TL_DER_MAX_NESTING);
	tl_buf deep = repeat("\x30\x80", 2, TL_DER_MAX_NESTING + 1);
	tl_der el;
	tl_der_fault why;

	{
		tl_buf eoc = repeat("\0\0", 2, TL_DER_MAX_NESTING);
		tl_buf_add(&ok, eoc.data, eoc.len);
		tl_buf_free(&eoc);
		eoc = repeat("\0\0", 2, TL_DER_MAX_NESTING + 1);
		tl_buf_add(&deep, eoc.data, eoc.len);
		tl_buf_free(&eoc);
	}
	ck_assert_int_eq(tl_der_read_ber((uint8_t *)ok.data, ok.len, &el, &why), 0);
	ck_assert_uint_eq(el.total_len, ok.len);
	ck_assert_int_eq(tl_der_read_ber((uint8_t *)deep.data, deep.len, &el, &why), -1);
	ck_assert_int_eq(why.kind, TL_DER_FAULT_TOO_DEEP);
	ck_assert_uint_eq(why.at, 2 * TL_DER_MAX_NESTING);
	ck_assert_str_eq(tl_der_fault_text(why.kind), "nests indefinite lengths more than 64 deep");
	tl_buf_free(&ok);
	tl_buf_free(&deep);
}
END_TEST

/* The defect: a BER p7b was taken for a DER certificate (tl_detect) and its
 * certificates never read. Truncated, it stays PKCS#7 as long as its
 * content type is there, so that the reader says where it ends. */
START_TEST(ber_detection)
{
	size_t len, cut;
	uint8_t *p = tt_read_testdata(BER_P7B, &len);

	ck_assert_int_eq(tl_detect(p, len), TL_FMT_PKCS7);
	ck_assert(tl_pkcs7_detect(p, len));
	ck_assert(!tl_pkcs7_is_ctl(p, len));
	for (cut = 13; cut < len; cut++)
		ck_assert_msg(tl_detect(p, cut) == TL_FMT_PKCS7, "cut at %zu", cut);
	ck_assert(!tl_pkcs7_detect(p, 12));
	free(p);
	p = tt_read_testdata(BER_CTL, &len);
	ck_assert_int_eq(tl_detect(p, len), TL_FMT_CTL);
	ck_assert(tl_pkcs7_is_ctl(p, len));
	free(p);
}
END_TEST

START_TEST(ber_peek_layout)
{
	size_t len;
	uint8_t *p = tt_read_testdata(BER_P7B, &len);
	tl_pkcs7_outer o;

	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	ck_assert(!o.bare);
	ck_assert(o.indefinite);
	ck_assert_uint_eq(o.used, len);
	/* ContentInfo 2 + OID 11 + [0] 2; its EOC and the ContentInfo's last */
	ck_assert_ptr_eq(o.signed_data, p + 15);
	ck_assert_uint_eq(o.signed_data_len, len - 15 - 4);
	ck_assert_uint_eq(o.content_type_len, 9);
	ck_assert_int_eq(o.content_type[8], 0x01); /* id-data */
	ck_assert_ptr_eq(o.certs, p + BER_ROOT_AT);
	ck_assert_uint_eq(o.certs_len, BER_CRL_AT - 4 - BER_ROOT_AT);
	ck_assert_ptr_eq(o.crls, p + BER_CRL_AT);
	ck_assert_uint_eq(o.crls_len, BER_CRL_LEN);
	free(p);
	/* DER stays DER */
	p = tt_read_testdata("fixtures/reg/synthetic/certs/chain.p7b", &len);
	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	ck_assert(!o.indefinite);
	free(p);
}
END_TEST

/* Every certificate and the CRL, at its offset in the file, with the bytes
 * of the certificate files it was made from; GnuTLS (given the definite
 * copy) accepts it, so only the BER note is said. */
START_TEST(ber_p7b)
{
	static const struct {
		const char *cer;
		uint64_t at;
		const char *subject;
	} certs[] = {
		{"fixtures/reg/synthetic/certs/root.cer", BER_ROOT_AT,
		 "O=Lint Test (synthetic),CN=Lint Test Root CA"},
		{"fixtures/reg/synthetic/certs/issuing.cer", BER_ISSUING_AT,
		 "O=Lint Test (synthetic),CN=Lint Test Issuing CA"},
		{"fixtures/reg/synthetic/certs/server.cer", BER_SERVER_AT,
		 "O=Lint Test (synthetic),CN=web01.lint.test"},
	};
	tl_buf b = tt_read_testdata_buf(BER_P7B);
	result r = read_buf(&b, "ber.p7b");
	size_t i;

	ck_assert_str_eq(r.text,
			 "ber.p7b:0x00000000: note: SignedData is BER: its outer layers have indefinite lengths; checked as re-encoded with definite lengths, certificates read as written [input-pkcs7-ber]\n");
	ck_assert_int_eq(r.rc, 4);
	ck_assert_uint_eq(r.store->count, 4);
	for (i = 0; i < TL_ARRAY_LEN(certs); i++) {
		tl_buf cer = tt_read_testdata_buf(certs[i].cer);
		const tl_entry *e = r.store->entries[i];

		expect_entry(&r, i, TL_ENTRY_CERT, certs[i].at, cer.len, certs[i].subject);
		ck_assert(memcmp(e->der, cer.data, cer.len) == 0);
		ck_assert(memcmp(e->der, b.data + certs[i].at, cer.len) == 0);
		tl_buf_free(&cer);
	}
	expect_entry(&r, 3, TL_ENTRY_CRL, BER_CRL_AT, BER_CRL_LEN, NULL);
	ck_assert(memcmp(r.store->entries[3]->der, b.data + BER_CRL_AT, BER_CRL_LEN) == 0);
	result_free(&r);
	/* inside a larger file, and after it bytes that are not its own */
	tl_buf_add(&b, "\x05\x00", 2);
	r = read_at((const uint8_t *)b.data, b.len, tl_loc_offset("big.bin", 0x100, b.len));
	ck_assert_int_eq(r.rc, 4);
	expect_entry(&r, 2, TL_ENTRY_CERT, 0x100 + BER_SERVER_AT, 862, NULL);
	ck_assert_str_eq(r.text,
			 "big.bin:0x00000f43: warning: 2 bytes follow the end of the SignedData [input-pkcs7-trailing-bytes]\n"
			 "big.bin:0x00000100: note: SignedData is BER: its outer layers have indefinite lengths; checked as re-encoded with definite lengths, certificates read as written [input-pkcs7-ber]\n");
	result_free(&r);
	tl_buf_free(&b);
}
END_TEST

/* The definite-length copy: the BER CTL gives back, byte for byte, the
 * catalog it was made from; the BER bag the DER SignedData of the same
 * members; DER is copied unchanged. */
START_TEST(ber_reencode)
{
	size_t len, def_len, cat_len;
	uint8_t *p = tt_read_testdata(BER_CTL, &len), *def;
	uint8_t *cat = tt_read_testdata("fixtures/stores/signify_catfiletest.cat", &cat_len);
	tl_pkcs7_outer o, again;

	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	def = tl_pkcs7_reencode(&o, &def_len);
	ck_assert_uint_eq(def_len, cat_len);
	ck_assert(memcmp(def, cat, cat_len) == 0);
	free(def);
	free(p);
	free(cat);

	p = tt_read_testdata(BER_P7B, &len);
	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	def = tl_pkcs7_reencode(&o, &def_len);
	{
		tl_buf root = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
		tl_buf issuing = tt_read_testdata_buf("fixtures/reg/synthetic/certs/issuing.cer");
		tl_buf server = tt_read_testdata_buf("fixtures/reg/synthetic/certs/server.cer");
		tl_buf want = content_info(tlv(0x30, 6, hx("02 01 01"), hx("31 00"),
					       tlv(0x30, 1, hx(OID_DATA)),
					       tlv(0xA0, 3, root, issuing, server),
					       tlv(0xA1, 1, bytes(p + BER_CRL_AT, BER_CRL_LEN)),
					       hx("31 00")));

		ck_assert_uint_eq(def_len, want.len);
		ck_assert(memcmp(def, want.data, want.len) == 0);
		tl_buf_free(&want);
	}
	ck_assert_int_eq(tl_pkcs7_peek(def, def_len, &again), 0);
	ck_assert(!again.indefinite);
	free(def);
	free(p);

	p = tt_read_testdata("fixtures/reg/synthetic/certs/chain.p7b", &len);
	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	def = tl_pkcs7_reencode(&o, &def_len);
	ck_assert_uint_eq(def_len, len);
	ck_assert(memcmp(def, p, len) == 0);
	free(def);
	free(p);

	memset(&o, 0, sizeof(o));
	ck_assert_ptr_null(tl_pkcs7_reencode(&o, &def_len));
	ck_assert_uint_eq(def_len, 0);
}
END_TEST

/* The BER CTL: the lenient decoder reads it (libtasn1 alone refuses its
 * empty indefinite SET), its list is the DER bytes in the file, and the
 * CTL reader gets a whole list out of it. */
START_TEST(ber_ctl)
{
	size_t len;
	uint8_t *p = tt_read_testdata(BER_CTL, &len);
	tl_pkcs7_outer o;
	tl_pkcs7_parts parts;
	char *err = NULL;
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset("ber.stl", 0, len);
	tl_ctl *ctl;

	ck_assert_int_eq(tl_pkcs7_peek(p, len, &o), 0);
	ck_assert(o.indefinite);
	ck_assert_int_eq(tl_pkcs7_decode_lenient(&o, &parts, &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_uint_eq(parts.cert_count, 0);
	ck_assert(parts.has_signer_infos);
	ck_assert_uint_eq(parts.signer_count, 0);
	/* ContentInfo 2 + OID 11 + [0] 2 + SignedData 2 + version 3 + SET 4 +
	 * encap 2 + OID 11 + [0] 2 = 39 */
	ck_assert_uint_eq(parts.econtent_len, 333);
	ck_assert(memcmp(parts.econtent, p + 39, 333) == 0);
	tl_pkcs7_parts_free(&parts);
	ctl = tl_ctl_decode(p, len, &where, d);
	ck_assert_ptr_nonnull(ctl);
	ck_assert_uint_eq(tl_diags_count_sev(d, TL_ERROR), 0);
	ck_assert_uint_gt(ctl->subject_count, 0);
	tl_ctl_free(ctl);
	tl_diags_free(d);
	free(p);
}
END_TEST

/* The other places indefinite lengths appear: OpenSSL's streaming shape
 * (wrappers indefinite, sets definite), only the certificate set, a bare
 * SignedData, only the eContent. Entries keep their offsets. */
START_TEST(ber_forms)
{
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	tl_buf streamed = content_info_indef(indef(
		0x30, 5, hx("02 01 01"), hx("31 00"), indef(0x30, 1, hx(OID_DATA)),
		tlv(0xA0, 1, bytes(cert.data, cert.len)), hx("31 00")));
	tl_buf set_only = content_info(tlv(0x30, 5, hx("02 01 01"), hx("31 00"),
					   tlv(0x30, 1, hx(OID_DATA)),
					   indef(0xA0, 1, bytes(cert.data, cert.len)), hx("31 00")));
	tl_buf bare = indef(0x30, 3, hx("02 01 00"), tlv(0x30, 1, hx(OID_DATA)),
			    indef(0xA0, 1, bytes(cert.data, cert.len)));
	tl_buf econtent = content_info(tlv(0x30, 5, hx("02 01 01"), hx("31 00"),
					   tlv(0x30, 2, hx(OID_DATA), indef(0xA0, 1, hx("04 01 00"))),
					   tlv(0xA0, 1, bytes(cert.data, cert.len)), hx("31 00")));
	const char *note =
		"note: SignedData is BER: its outer layers have indefinite lengths; checked as re-encoded with definite lengths, certificates read as written [input-pkcs7-ber]\n";
	tl_pkcs7_outer o;
	char *want;
	result r;

	/* ContentInfo 2 + OID 11 + [0] 2 + SEQUENCE 2 + version 3 + SET 2 +
	 * encap 2 + 11 + 2 + [0] 4 = 41 */
	r = read_buf(&streamed, "streamed.p7b");
	want = tl_xasprintf("streamed.p7b:0x00000000: %s", note);
	ck_assert_str_eq(r.text, want);
	free(want);
	ck_assert_int_eq(r.rc, 1);
	expect_entry(&r, 0, TL_ENTRY_CERT, 41, cert.len, "O=Lint Test (synthetic),CN=Lint Test Root CA");
	result_free(&r);

	/* the DER layout of duplicate_members, with a [0] header of 2 */
	r = read_buf(&set_only, "set.p7b");
	want = tl_xasprintf("set.p7b:0x00000000: %s", note);
	ck_assert_str_eq(r.text, want);
	free(want);
	ck_assert_int_eq(r.rc, 1);
	expect_entry(&r, 0, TL_ENTRY_CERT, 43, cert.len, NULL);
	result_free(&r);

	/* SEQUENCE 2 + version 3 + encap 13 + [0] 2 */
	r = read_buf(&bare, "bare.p7b");
	want = tl_xasprintf("bare.p7b:0x00000000: %s"
			    "bare.p7b:0x00000000: warning: SignedData without its ContentInfo wrapper (as Wine's CertSaveStore writes it); GnuTLS and OpenSSL cannot read it [input-pkcs7-no-contentinfo]\n",
			    note);
	ck_assert_str_eq(r.text, want);
	free(want);
	ck_assert_int_eq(r.rc, 1);
	expect_entry(&r, 0, TL_ENTRY_CERT, 20, cert.len, NULL);
	result_free(&r);

	ck_assert_int_eq(tl_pkcs7_peek((uint8_t *)econtent.data, econtent.len, &o), 0);
	ck_assert(o.indefinite);
	r = read_buf(&econtent, "econtent.p7b");
	ck_assert_int_eq(r.rc, 1);
	ck_assert_uint_eq(tl_diags_count(r.d), 1);
	ck_assert_str_eq(tl_diags_at(r.d, 0)->id, "input-pkcs7-ber");
	result_free(&r);

	tl_buf_free(&streamed);
	tl_buf_free(&set_only);
	tl_buf_free(&bare);
	tl_buf_free(&econtent);
	tl_buf_free(&cert);
}
END_TEST

/* A cut or broken indefinite length: one error at the element at fault, up
 * to the end of the blob. */
static void expect_ber_fault(const tl_buf *b, const char *want, uint64_t at)
{
	uint8_t *exact = tl_xmemdup(b->data, b->len);
	result r = read_at(exact, b->len, tl_loc_offset("ber.p7b", 0, b->len));

	ck_assert_str_eq(r.text, want);
	ck_assert_int_eq(r.rc, -1);
	ck_assert_uint_eq(r.store->count, 0);
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.offset, at);
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.length, b->len - at);
	result_free(&r);
	free(exact);
}

START_TEST(ber_faults)
{
	tl_buf b = tt_read_testdata_buf(BER_P7B);
	tl_buf cut, deep, sd, ci;
	size_t full = b.len;

	/* half of the last end-of-contents */
	cut = tt_bytes(b.data, full - 1);
	expect_ber_fault(&cut, "ber.p7b:0x00000000: error: SignedData with indefinite lengths cannot be read: the element with tag 0x30 has an indefinite length and the data ends inside its end-of-contents (a lone 00) [input-pkcs7-ber-truncated]\n", 0);
	tl_buf_free(&cut);
	/* none of it */
	cut = tt_bytes(b.data, full - 2);
	expect_ber_fault(&cut, "ber.p7b:0x00000000: error: SignedData with indefinite lengths cannot be read: the element with tag 0x30 has an indefinite length and the data ends before its end-of-contents [input-pkcs7-ber-truncated]\n", 0);
	tl_buf_free(&cut);
	/* after the last certificate: the certificate set is the innermost
	 * unclosed layer */
	cut = tt_bytes(b.data, BER_CRL_AT - 4);
	expect_ber_fault(&cut, "ber.p7b:0x00000027: error: SignedData with indefinite lengths cannot be read: the element with tag 0xa0 has an indefinite length and the data ends before its end-of-contents [input-pkcs7-ber-truncated]\n", 39);
	tl_buf_free(&cut);
	/* inside the server certificate */
	cut = tt_bytes(b.data, 2000);
	expect_ber_fault(&cut, "ber.p7b:0x000006a1: error: SignedData with indefinite lengths cannot be read: the element with tag 0x30 runs past the end of the data [input-pkcs7-ber-truncated]\n", BER_SERVER_AT);
	tl_buf_free(&cut);
	/* the last end-of-contents is 00 01 */
	b.data[full - 1] = 0x01;
	expect_ber_fault(&b, "ber.p7b:0x00000e41: error: SignedData with indefinite lengths cannot be read: the element with tag 0x00 is 00 with a non-zero length, not an end-of-contents (X.690 8.1.5) [input-pkcs7-ber-malformed]\n", full - 2);
	b.data[full - 1] = 0x00;
	/* a primitive OCTET STRING with an indefinite length as eContent */
	ci = content_info_indef(indef(0x30, 3, hx("02 01 01"), hx("31 00"),
				      indef(0x30, 2, hx(OID_DATA), indef(0xA0, 1, hx("04 80 00 00")))));
	/* ContentInfo 2 + OID 11 + [0] 2 + SEQUENCE 2 + 3 + 2 + encap 2 + 11 + [0] 2 = 37 */
	expect_ber_fault(&ci, "ber.p7b:0x00000025: error: SignedData with indefinite lengths cannot be read: the element with tag 0x04 is primitive with an indefinite length (X.690 8.1.3.2) [input-pkcs7-ber-malformed]\n", 37);
	tl_buf_free(&ci);
	/* 70 more indefinite SEQUENCEs in signerInfos: the ContentInfo, its
	 * [0], SignedData and signerInfos are 4, so the 61st is one too many */
	deep = repeat("\x30\x80", 2, 70);
	{
		tl_buf eoc = repeat("\0\0", 2, 70);
		tl_buf_add(&deep, eoc.data, eoc.len);
		tl_buf_free(&eoc);
	}
	sd = indef(0x30, 4, hx("02 01 01"), hx("31 00"), tlv(0x30, 1, hx(OID_DATA)),
		   indef(0x31, 1, deep));
	ci = content_info_indef(sd);
	/* 2 + 11 + 2 + SEQUENCE 2 + 3 + 2 + 13 + signerInfos 2 = 37, then 60 */
	expect_ber_fault(&ci, "ber.p7b:0x0000009d: error: SignedData with indefinite lengths cannot be read: the element with tag 0x30 nests indefinite lengths more than 64 deep [input-pkcs7-ber-too-deep]\n", 37 + 2 * 60);
	tl_buf_free(&ci);
	tl_buf_free(&b);

	/* a DER SignedData that does not fit keeps its old message */
	b = tt_read_testdata_buf("fixtures/reg/synthetic/certs/chain.p7b");
	cut = tt_bytes(b.data, 2000);
	{
		result r = read_buf(&cut, "der.p7b");
		ck_assert_str_eq(r.text, "der.p7b:0x00000000: error: not a PKCS#7 SignedData (no ContentInfo of type 1.2.840.113549.1.7.2) [input-pkcs7-not-signeddata]\n");
		result_free(&r);
	}
	tl_buf_free(&cut);
	tl_buf_free(&b);
}
END_TEST

/* Every prefix of the BER p7b long enough to start one: a single error,
 * about the cut, located from the element at fault to the end. */
START_TEST(ber_truncated_located)
{
	size_t len, cut;
	uint8_t *data = tt_read_testdata(BER_P7B, &len);

	for (cut = 2; cut < len; cut++) {
		uint8_t *exact = tl_xmemdup(data, cut);
		result r = read_at(exact, cut, tl_loc_offset("cut", 0, cut));
		const tl_diag *dg;

		ck_assert_int_eq(r.rc, -1);
		ck_assert_uint_eq(tl_diags_count(r.d), 1);
		dg = tl_diags_at(r.d, 0);
		ck_assert_msg(strcmp(dg->id, "input-pkcs7-ber-truncated") == 0, "cut %zu: %s", cut,
			      r.text);
		ck_assert_uint_lt(dg->loc.offset, cut);
		ck_assert_uint_eq(dg->loc.offset + dg->loc.length, cut);
		result_free(&r);
		free(exact);
	}
	free(data);
}
END_TEST

/* ------------------------------------------- members that are not read */

/* A certificate set { root, member, root } in a DER SignedData. */
static tl_buf set_around(const tl_buf *cert, tl_buf member)
{
	return content_info(tlv(0x30, 5, hx("02 01 01"), hx("31 00"), tlv(0x30, 1, hx(OID_DATA)),
				tlv(0xA0, 3, bytes(cert->data, cert->len), member,
				    bytes(cert->data, cert->len)),
				hx("31 00")));
}

/* The defect: a member 10,000 indefinite lengths deep made the walk stop
 * without a word, and the certificate after it vanished too. GnuTLS takes
 * members as ANY and accepts it. */
START_TEST(deep_member)
{
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	tl_buf deep = repeat("\x30\x80", 2, 10000), eoc = repeat("\0\0", 2, 10000);
	tl_buf ci, sd;
	size_t deep_len, i;
	char *want;
	result r;

	tl_buf_add(&deep, eoc.data, eoc.len);
	tl_buf_free(&eoc);
	deep_len = deep.len;
	ci = set_around(&cert, bytes(deep.data, deep.len));
	r = read_buf(&ci, "deep.p7b");
	/* DER headers as in duplicate_members: the set starts at 45 */
	want = tl_xasprintf("deep.p7b:0x%08zx: error: certificate set member 2 cannot be read: an element with tag 0x30 in it nests indefinite lengths more than 64 deep; skipped with the rest of the set (%zu bytes) [input-pkcs7-member-too-deep]\n",
			    45 + cert.len, deep_len + cert.len);
	ck_assert_str_eq(r.text, want);
	free(want);
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.length, deep_len + cert.len);
	ck_assert_int_eq(r.rc, 1);
	expect_entry(&r, 0, TL_ENTRY_CERT, 45, cert.len, "O=Lint Test (synthetic),CN=Lint Test Root CA");
	result_free(&r);
	tl_buf_free(&ci);

	/* the same through the lenient decoder (bare form) */
	sd = tlv(0x30, 3, hx("02 01 00"), tlv(0x30, 1, hx(OID_DATA)),
		 tlv(0xA0, 2, bytes(cert.data, cert.len), bytes(deep.data, deep.len)));
	r = read_buf(&sd, "bare.p7b");
	ck_assert_int_eq(r.rc, 1);
	ck_assert_uint_eq(tl_diags_count(r.d), 2);
	ck_assert_str_eq(tl_diags_at(r.d, 1)->id, "input-pkcs7-member-too-deep");
	/* SEQUENCE 4 + version 3 + encap 13 + [0] 4, then the certificate */
	ck_assert_uint_eq(tl_diags_at(r.d, 1)->loc.offset, 24 + cert.len);
	result_free(&r);
	tl_buf_free(&sd);

	/* inside indefinite outer layers the whole SignedData is too deep */
	ci = content_info_indef(indef(0x30, 4, hx("02 01 01"), hx("31 00"),
				      tlv(0x30, 1, hx(OID_DATA)),
				      indef(0xA0, 2, bytes(cert.data, cert.len),
					    bytes(deep.data, deep.len))));
	r = read_buf(&ci, "ber.p7b");
	ck_assert_int_eq(r.rc, -1);
	ck_assert_uint_eq(tl_diags_count(r.d), 1);
	ck_assert_str_eq(tl_diags_at(r.d, 0)->id, "input-pkcs7-ber-too-deep");
	result_free(&r);
	tl_buf_free(&ci);
	tl_buf_free(&deep);

	/* 10,000 definite SEQUENCEs: read as an entry, which says it does
	 * not parse, and the certificate after it is read */
	deep = hx("30 00");
	for (i = 1; i < 10000; i++) {
		tl_buf outer = tlv(0x30, 1, deep);
		deep = outer;
	}
	deep_len = deep.len;
	ci = set_around(&cert, deep);
	r = read_buf(&ci, "definite.p7b");
	ck_assert_int_eq(r.rc, 3);
	ck_assert_uint_eq(tl_diags_count(r.d), 1);
	ck_assert_str_eq(tl_diags_at(r.d, 0)->id, "input-cert-unparsable");
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.offset, 45 + cert.len);
	ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.length, deep_len);
	ck_assert(!r.store->entries[1]->parsed);
	expect_entry(&r, 2, TL_ENTRY_CERT, 45 + cert.len + deep_len, cert.len,
		     "O=Lint Test (synthetic),CN=Lint Test Root CA");
	result_free(&r);
	tl_buf_free(&ci);
	tl_buf_free(&cert);
}
END_TEST

/* Shallow members GnuTLS accepts and trustlint cannot read as entries: each
 * is said at its own bytes. Before, each ended the walk in silence. */
START_TEST(malformed_members)
{
	/* root.cer is 810 bytes: members 2 start at 45 + 810 = 0x357 */
	static const struct {
		const char *member;
		int rc;
		const char *text;
	} cases[] = {
		{"30 80 02 01 00 00 00", 2,
		 "m.p7b:0x00000357: error: certificate set member 2 has a BER indefinite length, and an X.509 certificate must be DER; skipped [input-pkcs7-member-indefinite]\n"},
		{"30 80 04 80 00 00 00 00", 1,
		 "m.p7b:0x00000357: error: certificate set member 2 cannot be read: an element with tag 0x04 in it is primitive with an indefinite length (X.690 8.1.3.2); skipped with the rest of the set (818 bytes) [input-pkcs7-member-malformed]\n"},
		{"BF 81 81 81 81 01 00", 1,
		 "m.p7b:0x00000357: error: certificate set member 2 cannot be read: it (tag 0xbf) has malformed identifier or length octets; skipped with the rest of the set (817 bytes) [input-pkcs7-member-malformed]\n"},
		/* a high tag number is a tag like any other */
		{"BF 81 01 00", 2,
		 "m.p7b:0x00000357: note: certificate set member 2 has tag 0xbf, not an X.509 certificate; skipped [input-pkcs7-unsupported-member]\n"},
	};
	tl_buf cert = tt_read_testdata_buf("fixtures/reg/synthetic/certs/root.cer");
	size_t i;

	ck_assert_uint_eq(cert.len, 810);
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_buf member = hx(cases[i].member);
		size_t member_len = member.len;
		tl_buf ci = set_around(&cert, member);
		result r = read_buf(&ci, "m.p7b");

		ck_assert_str_eq(r.text, cases[i].text);
		ck_assert_int_eq(r.rc, cases[i].rc);
		ck_assert_uint_eq(tl_diags_at(r.d, 0)->loc.length,
				  cases[i].rc == 2 ? member_len : member_len + cert.len);
		if (cases[i].rc == 2)
			expect_entry(&r, 1, TL_ENTRY_CERT, 45 + cert.len + member_len, cert.len,
				     "O=Lint Test (synthetic),CN=Lint Test Root CA");
		result_free(&r);
		tl_buf_free(&ci);
	}
	/* the CRL set the same way */
	{
		tl_buf ci = content_info(tlv(0x30, 5, hx("02 01 01"), hx("31 00"),
					     tlv(0x30, 1, hx(OID_DATA)),
					     tlv(0xA1, 1, hx("30 80 02 01 00 00 00")), hx("31 00")));
		result r = read_buf(&ci, "crl.p7b");

		/* 2 + 11 + 2 + 2 + 3 + 2 + 13 + [1] 2 = 37 */
		ck_assert_str_eq(r.text, "crl.p7b:0x00000025: error: CRL set member 1 has a BER indefinite length, and an X.509 CRL must be DER; skipped [input-pkcs7-member-indefinite]\n");
		ck_assert_int_eq(r.rc, 0);
		result_free(&r);
		tl_buf_free(&ci);
	}
	tl_buf_free(&cert);
}
END_TEST

/* ---------------------------------------------------------- truncation */

static const char *const truncation_inputs[] = {
	"fixtures/stores/corefx_StoreSavedAsPkcs7.p7b",
	"fixtures/reg/synthetic/certs/chain.p7b",
	"fixtures/wine/my.p7b",
	"fixtures/wine/root-with-intermediate.p7b",
	"fixtures/stores/signify_catfiletest.cat",
	"fixtures/stores/wine_signedCTLWithListID1.stl",
	BER_P7B,
	BER_CTL,
};

/* Every prefix short of the whole is refused. */
static void read_cut(const uint8_t *p, size_t len)
{
	result r = read_at(p, len, tl_loc_offset("cut", 0, len));

	(void)tl_pkcs7_is_ctl(p, len);
	ck_assert_int_eq(r.rc, -1);
	ck_assert_uint_eq(r.store->count, 0);
	ck_assert_uint_ge(tl_diags_count_sev(r.d, TL_ERROR), 1);
	result_free(&r);
}

START_TEST(truncated_everywhere)
{
	size_t len;
	uint8_t *data = tt_read_testdata(truncation_inputs[_i], &len);

	tt_each_prefix(data, len, read_cut);
	free(data);
}
END_TEST

/* The SignedData cut short inside valid outer headers (both forms), so
 * GnuTLS and libtasn1 see truncated structures. */
START_TEST(truncated_inside)
{
	size_t len, cut, header;
	uint8_t *data = tt_read_testdata(truncation_inputs[_i], &len);
	tl_pkcs7_outer o;

	ck_assert_int_eq(tl_pkcs7_peek(data, len, &o), 0);
	header = o.signed_data[1] < 0x80 ? 2 : 2 + (o.signed_data[1] & 0x7F);
	for (cut = 0; cut + header <= o.signed_data_len; cut++) {
		tl_buf sd = tlv(0x30, 1, bytes(o.signed_data + header, cut));
		tl_buf blob = o.bare ? sd : content_info(sd);
		uint8_t *exact = tl_xmemdup(blob.data, blob.len);
		result r = read_at(exact, blob.len, tl_loc_offset("cut", 0, blob.len));

		ck_assert_int_eq(r.rc < 0 ? 0 : r.rc, (int)r.store->count);
		result_free(&r);
		free(exact);
		tl_buf_free(&blob);
	}
	free(data);
}
END_TEST

/* Entries the undamaged input gives (set before each flip loop). */
static size_t undamaged_entries;

/* Any damage: never a crash or a leak; what is reported is sound, and a
 * damaged copy that gives fewer entries than the original says why (an
 * entry is never lost silently). */
static void read_bad(const uint8_t *p, size_t len)
{
	result r = read_at(p, len, tl_loc_offset("bad", 0, len));

	tt_ck_diags_sane(r.d, len);
	if (r.store->count < undamaged_entries)
		ck_assert_msg(tl_diags_count(r.d) > 0,
			      "a damaged SignedData gave %zu of %zu entries and no diagnostic",
			      r.store->count, undamaged_entries);
	result_free(&r);
}

/* Every byte flipped in turn. */
START_TEST(corrupted_everywhere)
{
	size_t len;
	uint8_t *data = tt_read_testdata(truncation_inputs[_i], &len);
	result r = read_at(data, len, tl_loc_offset("good", 0, len));

	undamaged_entries = r.store->count;
	result_free(&r);
	tt_each_flip(data, len, read_bad);
	undamaged_entries = 0;
	free(data);
}
END_TEST

static Suite *pkcs7_suite(void)
{
	Suite *s = suite_create("pkcs7");
	TCase *tc = tcase_create("read");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, detection);
	tcase_add_test(tc, not_taken_for_pkcs7);
	tcase_add_test(tc, peek_layout);
	tcase_add_test(tc, corefx_p7b);
	tcase_add_test(tc, chain_p7b);
	tcase_add_test(tc, wine_bare_p7b);
	tcase_add_test(tc, catalog_certificates);
	tcase_add_test(tc, pem_block_origin);
	tcase_add_test(tc, offset_base);
	tcase_add_test(tc, duplicate_members);
	tcase_add_test(tc, crl_member);
	tcase_add_test(tc, not_signed_data);
	tcase_add_test(tc, trailing_bytes);
	tcase_add_test(tc, gnutls_rejected);
	tcase_add_test(tc, malformed_content_type);
	tcase_add_test(tc, unsupported_member);
	tcase_add_test(tc, unreadable);
	tcase_add_test(tc, unparsable_certificate);
	tcase_add_test(tc, lenient_parts);
	suite_add_tcase(s, tc);
	tc = tcase_create("ber");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, ber_primitive);
	tcase_add_test(tc, ber_nesting_bound);
	tcase_add_test(tc, ber_detection);
	tcase_add_test(tc, ber_peek_layout);
	tcase_add_test(tc, ber_p7b);
	tcase_add_test(tc, ber_reencode);
	tcase_add_test(tc, ber_ctl);
	tcase_add_test(tc, ber_forms);
	tcase_add_test(tc, ber_faults);
	tcase_add_test(tc, ber_truncated_located);
	suite_add_tcase(s, tc);
	tc = tcase_create("members");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, deep_member);
	tcase_add_test(tc, malformed_members);
	suite_add_tcase(s, tc);
	tc = tcase_create("truncation");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, truncated_everywhere, 0, (int)TL_ARRAY_LEN(truncation_inputs));
	tcase_add_loop_test(tc, truncated_inside, 0, (int)TL_ARRAY_LEN(truncation_inputs));
	tcase_add_loop_test(tc, corrupted_everywhere, 0, (int)TL_ARRAY_LEN(truncation_inputs));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(pkcs7_suite());
}
