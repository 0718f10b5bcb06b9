/* check_pem.c: the PEM splitter (FORMATS.md 4): fixtures split into the
 * expected blocks, every error path with its exact message and line:column,
 * one bad block never loses the others, and truncation at every length. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/pem.h"
#include "testutil.h"
#include "base/util.h"

/* Split text (a C string) and return the diagnostics as text. */
static char *split_text(const char *text, tl_pem_blocks *out)
{
	tl_diags *d = tl_diags_new();
	char *got;

	tl_pem_split((const uint8_t *)text, strlen(text), "t.pem", out, d);
	got = tt_diags_text(d);
	tl_diags_free(d);
	return got;
}

/* Split text, expect exactly the diagnostics want and nblocks blocks. */
static void expect(const char *text, const char *want, size_t nblocks)
{
	tl_pem_blocks b = {0};
	char *got = split_text(text, &b);

	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(b.count, nblocks);
	free(got);
	tl_pem_blocks_free(&b);
}

#define BEGIN_CERT "-----BEGIN CERTIFICATE-----\n"
#define END_CERT "-----END CERTIFICATE-----\n"

/* ------------------------------------------------------------ fixtures */

typedef struct fixture {
	const char *path;
	size_t blocks;
	const char *label;    /* of the first block */
	uint32_t line;        /* of the first block's BEGIN */
	uint32_t end_line;
	uint64_t offset;
	size_t der_len;
} fixture;

static const fixture fixtures[] = {
	{"fixtures/stores/pika_root_CA-RSA4096.crl.pem", 1, "X509 CRL", 1, 25, 0, 1076},
	{"fixtures/stores/pika_subs_cert_CA-RSA4096_bundle.pem", 2, "CERTIFICATE", 1, 104, 0, 4854},
	/* openssl x509 -text output: 220 lines of text before the block */
	{"fixtures/stores/pika_root_CA-RSA8192_text+pem.crt", 1, "CERTIFICATE", 221, 351, 14787,
	 6161},
	{"fixtures/stores/corefx_StoreSavedAsPkcs7.pem.p7b", 1, "PKCS7", 1, 40, 0, 1800},
	{"fixtures/reg/synthetic/certs/root.pem", 1, "CERTIFICATE", 1, 19, 0, 810},
	{"fixtures/certs/zlint-rootCAValid.pem", 1, "CERTIFICATE", 35, 47, 1563, 485},
};

START_TEST(fixture_blocks)
{
	const fixture *f = &fixtures[_i];
	tl_pem_blocks b = {0};
	tl_diags *d = tl_diags_new();
	size_t len;
	uint8_t *data = tt_read_testdata(f->path, &len);

	ck_assert(tl_pem_detect(data, len));
	ck_assert_uint_eq(tl_pem_split(data, len, f->path, &b, d), f->blocks);
	tt_ck_diags(d, "");
	ck_assert_uint_eq(b.count, f->blocks);
	ck_assert_str_eq(b.blocks[0].label, f->label);
	ck_assert_uint_eq(b.blocks[0].line, f->line);
	ck_assert_uint_eq(b.blocks[0].end_line, f->end_line);
	ck_assert_uint_eq(b.blocks[0].offset, f->offset);
	ck_assert_uint_eq(b.blocks[0].der_len, f->der_len);
	/* every block decodes to one DER SEQUENCE of exactly its length */
	for (len = 0; len < b.count; len++)
		ck_assert_int_eq(b.blocks[len].der[0], 0x30);
	free(data);
	tl_pem_blocks_free(&b);
	tl_diags_free(d);
}
END_TEST

START_TEST(bundle_second_block)
{
	tl_pem_blocks b = {0};
	tl_diags *d = tl_diags_new();
	size_t len;
	uint8_t *data = tt_read_testdata("fixtures/stores/pika_subs_cert_CA-RSA4096_bundle.pem", &len);

	tl_pem_split(data, len, "bundle.pem", &b, d);
	ck_assert_uint_eq(b.count, 2);
	ck_assert_str_eq(b.blocks[1].label, "CERTIFICATE");
	ck_assert_uint_eq(b.blocks[1].line, 105);
	ck_assert_uint_eq(b.blocks[1].end_line, 235);
	ck_assert_uint_eq(b.blocks[1].offset, 6628);
	ck_assert_uint_eq(b.blocks[1].der_len, 6161);
	ck_assert_uint_eq(tl_diags_count(d), 0);
	free(data);
	tl_pem_blocks_free(&b);
	tl_diags_free(d);
}
END_TEST

/* The decoded bytes equal the DER twin of each PEM file. */
static void expect_same_der(const char *pem_path, const char *der_path)
{
	tl_pem_blocks b = {0};
	tl_diags *d = tl_diags_new();
	size_t pem_len, der_len;
	uint8_t *pem = tt_read_testdata(pem_path, &pem_len);
	uint8_t *der = tt_read_testdata(der_path, &der_len);

	ck_assert_uint_eq(tl_pem_split(pem, pem_len, pem_path, &b, d), 1);
	ck_assert_uint_eq(b.blocks[0].der_len, der_len);
	ck_assert(memcmp(b.blocks[0].der, der, der_len) == 0);
	ck_assert_uint_eq(tl_diags_count(d), 0);
	free(pem);
	free(der);
	tl_pem_blocks_free(&b);
	tl_diags_free(d);
}

START_TEST(decodes_to_der_twin)
{
	static const char *const names[] = {"root", "issuing", "server", "client", "other_root"};
	char pem[128], der[128];
	size_t i;

	expect_same_der("fixtures/stores/corefx_StoreSavedAsPkcs7.pem.p7b",
			"fixtures/stores/corefx_StoreSavedAsPkcs7.p7b");
	for (i = 0; i < TL_ARRAY_LEN(names); i++) {
		snprintf(pem, sizeof(pem), "fixtures/reg/synthetic/certs/%s.pem", names[i]);
		snprintf(der, sizeof(der), "fixtures/reg/synthetic/certs/%s.cer", names[i]);
		expect_same_der(pem, der);
	}
}
END_TEST

/* Every certificate fixture of zlint and pkilint: one block, no
 * diagnostics (text before the block in the zlint ones). */
START_TEST(cert_fixtures_quiet)
{
	static const char *const names[] = {
		"pkilint-pkix_v1_root_signed_with_md2.pem", "pkilint-tls_br_root_ca_clean.pem",
		"pkilint-tls_br_root_ca_eku_present.pem", "pkilint-tls_br_root_ca_no_bc_ca_bit.pem",
		"pkilint-tls_br_root_ca_not_self_issued.pem", "zlint-badRsaExp.pem",
		"zlint-caBasicConstNotCrit.pem", "zlint-caKeyUsageMissing.pem",
		"zlint-keyCertSignNotCA.pem", "zlint-md5WithRSASignatureAlgorithm.pem",
		"zlint-noRsaLength.pem", "zlint-oldRootModTooSmall.pem",
		"zlint-rootCAKeyUsageMissing.pem", "zlint-rootCAValid.pem", "zlint-rootCAWithEKU.pem",
		"zlint-rootCaMaxPathLenPresent.pem", "zlint-rsaFermatFactorizationSusceptible.pem",
		"zlint-rsawithsha1after2016.pem", "zlint-subCANoSKI.pem", "zlint-validityNegative.pem",
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(names); i++) {
		char path[160];
		tl_pem_blocks b = {0};
		tl_diags *d = tl_diags_new();
		size_t len;
		uint8_t *data;

		snprintf(path, sizeof(path), "fixtures/certs/%s", names[i]);
		data = tt_read_testdata(path, &len);
		ck_assert_msg(tl_pem_split(data, len, path, &b, d) == 1, "%s", path);
		ck_assert_msg(tl_diags_count(d) == 0, "%s", path);
		ck_assert_str_eq(b.blocks[0].label, "CERTIFICATE");
		free(data);
		tl_pem_blocks_free(&b);
		tl_diags_free(d);
	}
}
END_TEST

/* ----------------------------------------------------------- detection */

static bool detect(const char *s)
{
	return tl_pem_detect((const uint8_t *)s, strlen(s));
}

START_TEST(detection)
{
	size_t len;
	uint8_t *data;

	ck_assert(detect(BEGIN_CERT));
	ck_assert(detect("Certificate:\n    Data:\n" BEGIN_CERT));
	ck_assert(detect("\xEF\xBB\xBF" BEGIN_CERT));
	ck_assert(detect("-----BEGIN X509 CRL-----\r\n"));
	ck_assert(detect("-----BEGIN CERTIFICATE-----")); /* no newline at the end */
	/* a later marker still counts when an earlier one is not at a line start */
	ck_assert(detect("x" BEGIN_CERT BEGIN_CERT));
	ck_assert(!detect(""));
	ck_assert(!detect("x-----BEGIN CERTIFICATE-----\n"));
	ck_assert(!detect(" -----BEGIN CERTIFICATE-----\n"));
	ck_assert(!detect("-----BEGIN CERTIFICATE\n"));
	ck_assert(!detect("-----BEGINCERTIFICATE-----\n"));
	ck_assert(!detect("-----END CERTIFICATE-----\n"));
	ck_assert(!tl_pem_detect(NULL, 0));
	data = tt_read_testdata("fixtures/stores/corefx_StoreSavedAsPkcs7.p7b", &len);
	ck_assert(!tl_pem_detect(data, len));
	free(data);
	data = tt_read_testdata("fixtures/stores/pika_pika-root-ca.sst", &len);
	ck_assert(!tl_pem_detect(data, len));
	free(data);
}
END_TEST

/* ---------------------------------------------------------- good input */

START_TEST(crlf_whitespace_and_text)
{
	tl_pem_blocks b = {0};
	char *got = split_text("intro text\r\n"
			       "-----BEGIN X509 CRL-----   \r\n"
			       "AAEC\r\n"
			       " A w\tQ F\r\n"
			       "\r\n"
			       "-----END X509 CRL-----\r\n"
			       "trailer\n",
			       &b);
	static const uint8_t want[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05};

	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(b.count, 1);
	ck_assert_str_eq(b.blocks[0].label, "X509 CRL");
	ck_assert_uint_eq(b.blocks[0].line, 2);
	ck_assert_uint_eq(b.blocks[0].end_line, 6);
	ck_assert_uint_eq(b.blocks[0].offset, 12);
	ck_assert_uint_eq(b.blocks[0].der_len, sizeof(want));
	ck_assert(memcmp(b.blocks[0].der, want, sizeof(want)) == 0);
	free(got);
	tl_pem_blocks_free(&b);
}
END_TEST

START_TEST(padding_forms)
{
	tl_pem_blocks b = {0};
	char *got = split_text(BEGIN_CERT "AA==\n" END_CERT BEGIN_CERT "AAA=\n" END_CERT
			       BEGIN_CERT "/+8=\n" END_CERT,
			       &b);

	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(b.count, 3);
	ck_assert_uint_eq(b.blocks[0].der_len, 1);
	ck_assert_uint_eq(b.blocks[1].der_len, 2);
	ck_assert_uint_eq(b.blocks[2].der_len, 2);
	ck_assert_int_eq(b.blocks[2].der[0], 0xFF);
	ck_assert_int_eq(b.blocks[2].der[1], 0xEF);
	ck_assert_uint_eq(b.blocks[2].line, 7);
	free(got);
	tl_pem_blocks_free(&b);
}
END_TEST

START_TEST(bom_and_appending)
{
	tl_pem_blocks b = {0};
	char *got = split_text("\xEF\xBB\xBF" BEGIN_CERT "AAAA\n" END_CERT, &b);

	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(b.count, 1);
	ck_assert_uint_eq(b.blocks[0].offset, 3);
	free(got);
	/* a second call appends to the same list */
	got = split_text("-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n", &b);
	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(b.count, 2);
	ck_assert_str_eq(b.blocks[1].label, "PKCS7");
	free(got);
	tl_pem_blocks_free(&b);
	ck_assert_uint_eq(b.count, 0);
	ck_assert_ptr_null(b.blocks);
	tl_pem_blocks_free(NULL);
}
END_TEST

START_TEST(empty_input)
{
	tl_pem_blocks b = {0};
	tl_diags *d = tl_diags_new();

	ck_assert_uint_eq(tl_pem_split(NULL, 0, "t.pem", &b, d), 0);
	ck_assert_uint_eq(tl_pem_split((const uint8_t *)"", 0, "t.pem", &b, d), 0);
	ck_assert_uint_eq(tl_pem_split((const uint8_t *)"just text\n", 10, "t.pem", &b, d), 0);
	ck_assert_uint_eq(tl_diags_count(d), 0);
	tl_diags_free(d);
}
END_TEST

/* --------------------------------------------------------- error paths */

START_TEST(bad_character)
{
	expect(BEGIN_CERT "MII*\n" END_CERT,
	       "t.pem:2:4: error: invalid base64 character '*' [input-pem-bad-base64]\n", 0);
	expect(BEGIN_CERT "AAAA\nAB\x01" "C\n" END_CERT,
	       "t.pem:3:3: error: invalid byte 0x01 in base64 data [input-pem-bad-base64]\n", 0);
	expect(BEGIN_CERT "AAAA\n  AB\xC3\xA9\n" END_CERT,
	       "t.pem:3:5: error: invalid byte 0xc3 in base64 data [input-pem-bad-base64]\n", 0);
	/* base64url is not PEM */
	expect(BEGIN_CERT "AB-_\n" END_CERT,
	       "t.pem:2:3: error: invalid base64 character '-' [input-pem-bad-base64]\n", 0);
}
END_TEST

START_TEST(bad_padding)
{
	expect(BEGIN_CERT "A===\n" END_CERT,
	       "t.pem:2:2: error: misplaced '=' padding [input-pem-bad-base64]\n", 0);
	expect(BEGIN_CERT "AAAA====\n" END_CERT,
	       "t.pem:2:5: error: misplaced '=' padding [input-pem-bad-base64]\n", 0);
	expect(BEGIN_CERT "AA==\nAAAA\n" END_CERT,
	       "t.pem:3:1: error: base64 data continues after '=' padding [input-pem-bad-base64]\n",
	       0);
	expect(BEGIN_CERT "AA=A\n" END_CERT,
	       "t.pem:2:4: error: base64 data continues after '=' padding [input-pem-bad-base64]\n",
	       0);
	expect(BEGIN_CERT "AAA=A\n" END_CERT,
	       "t.pem:2:5: error: base64 data continues after '=' padding [input-pem-bad-base64]\n",
	       0);
	/* missing padding: RFC 7468 requires it */
	expect(BEGIN_CERT "AAAAAA\n" END_CERT,
	       "t.pem:3:1: error: base64 data ends with an incomplete group of 2 characters [input-pem-bad-base64]\n",
	       0);
	expect(BEGIN_CERT "AA=\n" END_CERT,
	       "t.pem:3:1: error: base64 data ends with an incomplete group of 3 characters [input-pem-bad-base64]\n",
	       0);
}
END_TEST

START_TEST(noncanonical_bits)
{
	tl_pem_blocks b = {0};
	char *got = split_text(BEGIN_CERT "AB==\n" END_CERT BEGIN_CERT "AAB=\n" END_CERT, &b);

	ck_assert_str_eq(got, "t.pem:1:1: warning: 'CERTIFICATE' block: base64 padding bits are not zero (RFC 4648 3.5) [input-pem-noncanonical-base64]\n"
			      "t.pem:4:1: warning: 'CERTIFICATE' block: base64 padding bits are not zero (RFC 4648 3.5) [input-pem-noncanonical-base64]\n");
	/* kept: the bytes are unambiguous */
	ck_assert_uint_eq(b.count, 2);
	ck_assert_uint_eq(b.blocks[0].der_len, 1);
	ck_assert_int_eq(b.blocks[0].der[0], 0x00);
	free(got);
	tl_pem_blocks_free(&b);
}
END_TEST

START_TEST(missing_end)
{
	tl_pem_blocks b = {0};
	char *got;

	expect(BEGIN_CERT "AAAA\n",
	       "t.pem:1:1: error: 'CERTIFICATE' block has no END line [input-pem-missing-end]\n", 0);
	expect("text\n-----BEGIN X509 CRL-----\n",
	       "t.pem:2:1: error: 'X509 CRL' block has no END line [input-pem-missing-end]\n", 0);
	/* the next BEGIN ends the open block: that one is lost, the next kept */
	got = split_text(BEGIN_CERT "AAAA\n" BEGIN_CERT "AQID\n" END_CERT, &b);
	ck_assert_str_eq(got,
			 "t.pem:1:1: error: 'CERTIFICATE' block has no END line [input-pem-missing-end]\n");
	ck_assert_uint_eq(b.count, 1);
	ck_assert_uint_eq(b.blocks[0].line, 3);
	ck_assert_uint_eq(b.blocks[0].der_len, 3);
	free(got);
	tl_pem_blocks_free(&b);
}
END_TEST

START_TEST(label_mismatch)
{
	expect(BEGIN_CERT "AAAA\n-----END X509 CRL-----\n",
	       "t.pem:3:1: error: END label 'X509 CRL' does not match BEGIN label 'CERTIFICATE' on line 1 [input-pem-label-mismatch]\n",
	       0);
	expect(BEGIN_CERT "AAAA\n-----END CERTIFICATE -----\n",
	       "t.pem:3:1: error: malformed END line (expected '-----END LABEL-----'); block from line 1 skipped [input-pem-bad-marker]\n",
	       0);
}
END_TEST

START_TEST(empty_block)
{
	expect(BEGIN_CERT END_CERT,
	       "t.pem:1:1: error: 'CERTIFICATE' block has no data [input-pem-empty]\n", 0);
	expect("x\n" BEGIN_CERT "  \n\n" END_CERT,
	       "t.pem:2:1: error: 'CERTIFICATE' block has no data [input-pem-empty]\n", 0);
}
END_TEST

START_TEST(bad_markers)
{
	tl_pem_blocks b = {0};
	char *got;

	/* a malformed BEGIN: its block is skipped up to its END silently */
	expect("-----BEGIN CERTIFICATE\nAAAA\n" END_CERT,
	       "t.pem:1:1: error: malformed BEGIN line (expected '-----BEGIN LABEL-----') [input-pem-bad-marker]\n",
	       0);
	expect("-----BEGIN CERTIFICATE-----x\nAAAA\n" END_CERT,
	       "t.pem:1:1: error: malformed BEGIN line (expected '-----BEGIN LABEL-----') [input-pem-bad-marker]\n",
	       0);
	expect("-----BEGIN  CERTIFICATE-----\nAAAA\n" END_CERT,
	       "t.pem:1:1: error: malformed BEGIN line (expected '-----BEGIN LABEL-----') [input-pem-bad-marker]\n",
	       0);
	expect("-----BEGIN\n", "t.pem:1:1: error: malformed BEGIN line (expected '-----BEGIN LABEL-----') [input-pem-bad-marker]\n", 0);
	expect("-----BEGIN CERT\x01-----\nAAAA\n" END_CERT,
	       "t.pem:1:1: error: malformed BEGIN line (expected '-----BEGIN LABEL-----') [input-pem-bad-marker]\n",
	       0);
	/* a label longer than 128 bytes */
	{
		tl_buf text = {0};
		size_t i;
		tl_buf_adds(&text, "-----BEGIN ");
		for (i = 0; i < 129; i++)
			tl_buf_addc(&text, 'L');
		tl_buf_adds(&text, "-----\nAAAA\n" END_CERT);
		expect(text.data,
		       "t.pem:1:1: error: malformed BEGIN line (expected '-----BEGIN LABEL-----') [input-pem-bad-marker]\n",
		       0);
		tl_buf_free(&text);
	}
	/* an END outside any block */
	expect("text\n" END_CERT,
	       "t.pem:2:1: warning: END line outside any block [input-pem-unexpected-end]\n", 0);
	/* a malformed BEGIN then a good block: the good one is kept */
	got = split_text("-----BEGIN CERTIFICATE\n" BEGIN_CERT "AAAA\n" END_CERT, &b);
	ck_assert_str_eq(got, "t.pem:1:1: error: malformed BEGIN line (expected '-----BEGIN LABEL-----') [input-pem-bad-marker]\n");
	ck_assert_uint_eq(b.count, 1);
	ck_assert_uint_eq(b.blocks[0].line, 2);
	free(got);
	tl_pem_blocks_free(&b);
}
END_TEST

START_TEST(headers)
{
	tl_pem_blocks b = {0};
	char *got = split_text(BEGIN_CERT "Comment: from\n  a continued header\n\n AAAA\n" END_CERT, &b);

	ck_assert_str_eq(got, "t.pem:2:1: note: 'CERTIFICATE' block has an RFC 1421 header 'Comment: from' (RFC 7468 has none) [input-pem-header]\n");
	ck_assert_uint_eq(b.count, 1);
	ck_assert_uint_eq(b.blocks[0].der_len, 3);
	free(got);
	tl_pem_blocks_free(&b);
	expect("-----BEGIN RSA PRIVATE KEY-----\n"
	       "Proc-Type: 4,ENCRYPTED\n"
	       "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n"
	       "\n"
	       "AAAA\n"
	       "-----END RSA PRIVATE KEY-----\n",
	       "t.pem:2:1: note: 'RSA PRIVATE KEY' block has an RFC 1421 header 'Proc-Type: 4,ENCRYPTED' (RFC 7468 has none) [input-pem-header]\n"
	       "t.pem:3:1: note: 'RSA PRIVATE KEY' block has an RFC 1421 header 'DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF' (RFC 7468 has none) [input-pem-header]\n"
	       "t.pem:1:1: warning: 'RSA PRIVATE KEY' block is encrypted (Proc-Type ENCRYPTED) and skipped [input-pem-encrypted]\n",
	       0);
	/* a colon after the data is a bad character, not a header */
	expect(BEGIN_CERT "AAAA\nX: y\n" END_CERT,
	       "t.pem:3:2: error: invalid base64 character ':' [input-pem-bad-base64]\n", 0);
}
END_TEST

START_TEST(long_header_quoted_short)
{
	tl_buf text = {0};
	size_t i;
	char *got;
	tl_pem_blocks b = {0};

	tl_buf_adds(&text, BEGIN_CERT);
	for (i = 0; i < 100; i++)
		tl_buf_addc(&text, 'N');
	tl_buf_adds(&text, ": ");
	for (i = 0; i < 100; i++)
		tl_buf_addc(&text, 'v');
	tl_buf_adds(&text, "\n\nAAAA\n" END_CERT);
	got = split_text(text.data, &b);
	/* 64 bytes of name and of value at most */
	ck_assert_str_eq(got, "t.pem:2:1: note: 'CERTIFICATE' block has an RFC 1421 header "
			      "'NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN: "
			      "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv' "
			      "(RFC 7468 has none) [input-pem-header]\n");
	ck_assert_uint_eq(b.count, 1);
	free(got);
	tl_buf_free(&text);
	tl_pem_blocks_free(&b);
}
END_TEST

/* One bad block among good ones: exactly one diagnostic, the others kept
 * with their own lines. */
START_TEST(bad_block_isolated)
{
	tl_pem_blocks b = {0};
	char *got = split_text("header text\n" BEGIN_CERT "AQID\n" END_CERT
			       "between\n" BEGIN_CERT "AQ!D\n" END_CERT
			       "-----BEGIN X509 CRL-----\nBAUG\n-----END X509 CRL-----\n",
			       &b);

	ck_assert_str_eq(got, "t.pem:7:3: error: invalid base64 character '!' [input-pem-bad-base64]\n");
	ck_assert_uint_eq(b.count, 2);
	ck_assert_uint_eq(b.blocks[0].line, 2);
	ck_assert_uint_eq(b.blocks[0].end_line, 4);
	ck_assert_str_eq(b.blocks[1].label, "X509 CRL");
	ck_assert_uint_eq(b.blocks[1].line, 9);
	ck_assert_int_eq(b.blocks[1].der[0], 0x04);
	free(got);
	tl_pem_blocks_free(&b);
}
END_TEST

/* A damaged block in a real bundle: the other certificate survives. */
START_TEST(damaged_fixture)
{
	tl_pem_blocks b = {0};
	tl_diags *d = tl_diags_new();
	size_t len;
	uint8_t *data = tt_read_testdata("fixtures/stores/pika_subs_cert_CA-RSA4096_bundle.pem", &len);

	/* line 2 of the file, column 10 */
	{
		uint8_t *nl = memchr(data, '\n', len);
		ck_assert_ptr_nonnull(nl);
		nl[10] = '@';
	}
	tl_pem_split(data, len, "bundle.pem", &b, d);
	tt_ck_diags(d, "bundle.pem:2:10: error: invalid base64 character '@' [input-pem-bad-base64]\n");
	ck_assert_uint_eq(b.count, 1);
	ck_assert_uint_eq(b.blocks[0].line, 105);
	free(data);
	tl_pem_blocks_free(&b);
	tl_diags_free(d);
}
END_TEST

/* ---------------------------------------------------------- truncation */

static const char *const truncation_inputs[] = {
	"fixtures/stores/pika_root_CA-RSA4096.crl.pem",
	"fixtures/stores/corefx_StoreSavedAsPkcs7.pem.p7b",
	"fixtures/reg/synthetic/certs/server.pem",
	"fixtures/stores/pika_subs_cert_CA-RSA4096_bundle.pem",
};

/* Each prefix in an exact-size heap copy, so AddressSanitizer sees any
 * read past the end. */
START_TEST(truncated_everywhere)
{
	size_t len, cut;
	uint8_t *data = tt_read_testdata(truncation_inputs[_i], &len);

	for (cut = 0; cut <= len; cut++) {
		uint8_t *copy = tl_xmemdup(data, cut);
		tl_pem_blocks b = {0};
		tl_diags *d = tl_diags_new();
		size_t n;

		(void)tl_pem_detect(copy, cut);
		n = tl_pem_split(copy, cut, "cut.pem", &b, d);
		ck_assert_uint_eq(n, b.count);
		/* a cut inside a block never yields it; the full file does */
		if (cut == len)
			ck_assert_uint_eq(tl_diags_count(d), 0);
		tl_pem_blocks_free(&b);
		tl_diags_free(d);
		free(copy);
	}
	free(data);
}
END_TEST

static Suite *pem_suite(void)
{
	Suite *s = suite_create("pem");
	TCase *tc = tcase_create("split");

	tcase_add_loop_test(tc, fixture_blocks, 0, (int)TL_ARRAY_LEN(fixtures));
	tcase_add_test(tc, bundle_second_block);
	tcase_add_test(tc, decodes_to_der_twin);
	tcase_add_test(tc, cert_fixtures_quiet);
	tcase_add_test(tc, detection);
	tcase_add_test(tc, crlf_whitespace_and_text);
	tcase_add_test(tc, padding_forms);
	tcase_add_test(tc, bom_and_appending);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, bad_character);
	tcase_add_test(tc, bad_padding);
	tcase_add_test(tc, noncanonical_bits);
	tcase_add_test(tc, missing_end);
	tcase_add_test(tc, label_mismatch);
	tcase_add_test(tc, empty_block);
	tcase_add_test(tc, bad_markers);
	tcase_add_test(tc, headers);
	tcase_add_test(tc, long_header_quoted_short);
	tcase_add_test(tc, bad_block_isolated);
	tcase_add_test(tc, damaged_fixture);
	suite_add_tcase(s, tc);
	tc = tcase_create("truncation");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, truncated_everywhere, 0, (int)TL_ARRAY_LEN(truncation_inputs));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(pem_suite());
}
