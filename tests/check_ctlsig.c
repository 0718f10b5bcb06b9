/* check_ctlsig.c: CTL signature checks (formats/ctlsig.h) over the test
 * root program's lists (testdata/rootprogram/, testdata/gen/ctl_lists.py):
 * each status with its exact reason, where the signer is found, the
 * carried certificates and the signing time; the same list in BER, bare
 * and with changed signed attributes; Windows' and Wine's CTL fixtures for
 * what they really are; and damaged input, which must give a status and a
 * reason and never a crash. Also that the CTL reader (formats/ctl.h)
 * decodes every generated list without a diagnostic. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* memmem() */
#endif
#include "config.h"

#include <gnutls/gnutls.h>
#include <string.h>

#include "formats/ctl.h"
#include "formats/ctlsig.h"
#include "testutil.h"
#include "base/util.h"

/* 2026-10-01T00:00:00Z: the signingTime ctl_lists.py writes */
#define SIGNED_AT INT64_C(1790812800)

#define SIGNER_ID                                                                        \
	"issuer 'CN=Lint Root Program Test Root,O=Lint Root Program (synthetic)' serial 2001"

static uint8_t *pem_der(const char *rel, size_t *len)
{
	size_t text_len;
	uint8_t *text = tt_read_testdata(rel, &text_len);
	gnutls_datum_t in = {text, (unsigned)text_len}, out = {NULL, 0};
	uint8_t *der;

	ck_assert_int_ge(gnutls_pem_base64_decode2("CERTIFICATE", &in, &out), 0);
	der = tl_xmemdup(out.data, out.size);
	*len = out.size;
	gnutls_free(out.data);
	free(text);
	return der;
}

/* Check testdata/REL with the extra certificates given. */
static void check_file(const char *rel, const uint8_t *const *extra, const size_t *lens,
		       size_t count, tl_ctlsig *out)
{
	size_t len;
	uint8_t *der = tt_read_testdata(rel, &len);

	ck_assert_int_eq(tl_ctlsig_check(der, len, extra, lens, count, out), 0);
	free(der);
}

static void ck_signer_is(const tl_ctlsig *s, const char *pem_rel)
{
	size_t len;
	uint8_t *der = pem_der(pem_rel, &len);

	ck_assert_ptr_nonnull(s->signer_der);
	ck_assert_uint_eq(s->signer_len, len);
	ck_assert_mem_eq(s->signer_der, der, len);
	free(der);
}

/* ------------------------------------------------------------ valid */

START_TEST(authroot_valid)
{
	tl_ctlsig s;

	check_file("rootprogram/authroot.stl", NULL, NULL, 0, &s);
	ck_assert_str_eq(tl_ctlsig_status_name(s.status), "valid");
	ck_assert_ptr_null(s.reason);
	ck_signer_is(&s, "rootprogram/list-signer.pem");
	ck_assert(!s.signer_is_extra);
	ck_assert(!s.signer_lacks_digital_signature);
	ck_assert_uint_eq(s.cert_count, 1);
	ck_assert_uint_eq(s.cert_lens[0], s.signer_len);
	ck_assert_mem_eq(s.certs[0], s.signer_der, s.signer_len);
	ck_assert_uint_eq(s.signer_count, 1);
	ck_assert(s.has_signing_time);
	ck_assert_int_eq(s.signing_time, SIGNED_AT);
	ck_assert_str_eq(s.sign_algorithm, "RSA-SHA256");
	tl_ctlsig_free(&s);
	tl_ctlsig_free(&s); /* cleared: a second free is harmless */
	tl_ctlsig_free(NULL);
}
END_TEST

/* disallowed.stl names its signer by subjectKeyIdentifier and carries the
 * signer and the root: the signer is found among them by its key id. */
START_TEST(disallowed_valid_by_key_id)
{
	tl_ctlsig s;
	size_t root_len;
	uint8_t *root = pem_der("rootprogram/root-program-root.pem", &root_len);

	check_file("rootprogram/disallowed.stl", NULL, NULL, 0, &s);
	ck_assert_int_eq(s.status, TL_CTLSIG_VALID);
	ck_assert_ptr_null(s.reason);
	ck_signer_is(&s, "rootprogram/list-signer.pem");
	ck_assert_uint_eq(s.cert_count, 2);
	ck_assert_uint_eq(s.cert_lens[1], root_len);
	ck_assert_mem_eq(s.certs[1], root, root_len);
	ck_assert(s.has_signing_time);
	ck_assert_int_eq(s.signing_time, SIGNED_AT);
	tl_ctlsig_free(&s);
	free(root);
}
END_TEST

/* The signer's validity (2025-01-01 to 2026-06-30) ends before the list's
 * thisUpdate and before today: dates are not judged here. windows/ checks
 * the signer's validity and its chain to a root. */
START_TEST(expired_signer_still_valid_signature)
{
	tl_ctlsig s;

	check_file("rootprogram/expired-signer.stl", NULL, NULL, 0, &s);
	ck_assert_int_eq(s.status, TL_CTLSIG_VALID);
	ck_assert_ptr_null(s.reason);
	ck_assert_uint_eq(s.cert_count, 1);
	ck_assert_ptr_nonnull(s.signer_der);
	ck_assert_mem_eq(s.signer_der, s.certs[0], s.signer_len);
	tl_ctlsig_free(&s);
}
END_TEST

/* ------------------------------------------------------------ invalid */

START_TEST(tampered_invalid)
{
	tl_ctlsig s;

	check_file("rootprogram/tampered.stl", NULL, NULL, 0, &s);
	ck_assert_str_eq(tl_ctlsig_status_name(s.status), "invalid");
	ck_assert_str_eq(s.reason, "the list's SHA256 digest is not the signed messageDigest: "
				   "the list changed after it was signed");
	/* the certificate found is still reported */
	ck_signer_is(&s, "rootprogram/list-signer.pem");
	ck_assert(s.has_signing_time);
	tl_ctlsig_free(&s);
}
END_TEST

/* The carried certificate has the signer's issuer and serial number and
 * another key: found, and refused by the signature. */
START_TEST(wrong_signer_invalid)
{
	tl_ctlsig s;
	size_t len;
	uint8_t *real = pem_der("rootprogram/list-signer.pem", &len);

	check_file("rootprogram/wrong-signer.stl", NULL, NULL, 0, &s);
	ck_assert_int_eq(s.status, TL_CTLSIG_INVALID);
	ck_assert_str_eq(s.reason, "the signature does not verify with the signer's certificate: "
				   "another key signed, or the signed attributes changed");
	ck_assert_ptr_nonnull(s.signer_der);
	ck_assert_mem_eq(s.signer_der, s.certs[0], s.signer_len);
	ck_assert(s.signer_len != len || memcmp(s.signer_der, real, len) != 0);
	tl_ctlsig_free(&s);
	free(real);
}
END_TEST

/* Names are not trusted, signatures are: given the real signer as well,
 * the certificate whose key verifies is the signer. */
START_TEST(wrong_signer_real_one_given)
{
	tl_ctlsig s;
	size_t len;
	uint8_t *real = pem_der("rootprogram/list-signer.pem", &len);
	const uint8_t *extra[] = {real};
	const size_t lens[] = {len};

	check_file("rootprogram/wrong-signer.stl", extra, lens, 1, &s);
	ck_assert_int_eq(s.status, TL_CTLSIG_VALID);
	ck_assert(s.signer_is_extra);
	ck_signer_is(&s, "rootprogram/list-signer.pem");
	tl_ctlsig_free(&s);
	free(real);
}
END_TEST

/* The signingTime signed attribute changed after signing: the digest of
 * the list still matches, the signature does not. */
START_TEST(signed_attribute_changed)
{
	size_t len;
	uint8_t *der = tt_read_testdata("rootprogram/authroot.stl", &len);
	const char *when = "261001000000Z";
	uint8_t *last = NULL, *p = der;
	tl_ctlsig s;

	while ((p = memmem(p, len - (size_t)(p - der), when, strlen(when))) != NULL)
		last = p++;
	ck_assert_ptr_nonnull(last);
	last[1] = '7'; /* 2027 */
	ck_assert_int_eq(tl_ctlsig_check(der, len, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_INVALID);
	ck_assert_str_eq(s.reason, "the signature does not verify with the signer's certificate: "
				   "another key signed, or the signed attributes changed");
	ck_assert_int_eq(s.signing_time, SIGNED_AT + INT64_C(365) * 86400);
	tl_ctlsig_free(&s);
	free(der);
}
END_TEST

/* ------------------------------------------------------------ no signer */

START_TEST(no_signer)
{
	tl_ctlsig s;
	size_t root_len;
	uint8_t *root = pem_der("rootprogram/root-program-root.pem", &root_len);
	const uint8_t *extra[] = {root};
	const size_t lens[] = {root_len};

	check_file("rootprogram/no-signer.stl", extra, lens, 1, &s);
	ck_assert_str_eq(tl_ctlsig_status_name(s.status), "no-signer");
	ck_assert_str_eq(s.reason, "the signer's certificate (" SIGNER_ID
				   ") is not carried in the SignedData nor given");
	ck_assert_ptr_null(s.signer_der);
	ck_assert_uint_eq(s.cert_count, 0);
	ck_assert(s.has_signing_time);
	tl_ctlsig_free(&s);
	free(root);
}
END_TEST

START_TEST(no_signer_given_as_extra)
{
	tl_ctlsig s;
	size_t root_len, signer_len;
	uint8_t *root = pem_der("rootprogram/root-program-root.pem", &root_len);
	uint8_t *signer = pem_der("rootprogram/list-signer.pem", &signer_len);
	const uint8_t *extra[] = {root, NULL, signer};
	const size_t lens[] = {root_len, 0, signer_len};

	check_file("rootprogram/no-signer.stl", extra, lens, 3, &s);
	ck_assert_int_eq(s.status, TL_CTLSIG_VALID);
	ck_assert_ptr_null(s.reason);
	ck_assert(s.signer_is_extra);
	ck_signer_is(&s, "rootprogram/list-signer.pem");
	ck_assert_uint_eq(s.cert_count, 0);
	tl_ctlsig_free(&s);
	free(root);
	free(signer);
}
END_TEST

/* ------------------------------------------------------------ other forms */

/* authroot.stl's ContentInfo and [0] rewritten with indefinite lengths
 * (formats/pkcs7.h): the signature covers none of those bytes. */
START_TEST(ber_outer_layers)
{
	size_t len;
	uint8_t *der = tt_read_testdata("rootprogram/authroot.stl", &len);
	/* 30 82 LL LL | 06 09 <oid> | A0 82 LL LL | SignedData */
	tl_buf ber = tt_hex_bytes("30 80");
	tl_ctlsig s;

	ck_assert_uint_eq(der[0], 0x30);
	ck_assert_uint_eq(der[1], 0x82);
	ck_assert_uint_eq(der[15], 0xA0);
	ck_assert_uint_eq(der[16], 0x82);
	tl_buf_add(&ber, der + 4, 11);
	tl_buf_add(&ber, "\xA0\x80", 2);
	tl_buf_add(&ber, der + 19, len - 19);
	tl_buf_add(&ber, "\0\0\0\0", 4);
	ck_assert_int_eq(tl_ctlsig_check((const uint8_t *)ber.data, ber.len, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_VALID);
	ck_assert_uint_eq(s.cert_count, 1);
	tl_ctlsig_free(&s);
	tl_buf_free(&ber);
	free(der);
}
END_TEST

/* A bare SignedData, without its ContentInfo (formats/pkcs7.h). */
START_TEST(bare_signed_data)
{
	size_t len;
	uint8_t *der = tt_read_testdata("rootprogram/authroot.stl", &len);
	tl_ctlsig s;

	ck_assert_int_eq(tl_ctlsig_check(der + 19, len - 19, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_VALID);
	ck_signer_is(&s, "rootprogram/list-signer.pem");
	tl_ctlsig_free(&s);
	free(der);
}
END_TEST

/* testdata/ber/ctl-indefinite.stl is signify's catfiletest.cat (a catalog:
 * a CTL of member hashes) with BER outer layers: its signerInfos SET is
 * empty, so there is no signature to check. */
START_TEST(ber_ctl_fixture_unsigned)
{
	tl_ctlsig s;

	check_file("ber/ctl-indefinite.stl", NULL, NULL, 0, &s);
	ck_assert_str_eq(tl_ctlsig_status_name(s.status), "unsupported");
	ck_assert_str_eq(s.reason, "the SignedData has no SignerInfo: the list is not signed");
	ck_assert_uint_eq(s.cert_count, 0);
	ck_assert_uint_eq(s.signer_count, 0);
	ck_assert(!s.has_signing_time);
	tl_ctlsig_free(&s);
}
END_TEST

/* Wine's test CTLs: a SignerInfo by "Juan Lang" whose digest encryption
 * algorithm is a zero-length OID (06 00), which X.690 8.19 does not allow
 * and GnuTLS refuses along with the whole SignedData. */
START_TEST(wine_ctl_fixture)
{
	tl_ctlsig s;

	check_file("fixtures/stores/wine_signedCTLWithListID1.stl", NULL, NULL, 0, &s);
	ck_assert_int_eq(s.status, TL_CTLSIG_MALFORMED);
	ck_assert_str_eq(s.reason, "GnuTLS cannot read the SignedData (GNUTLS_E_ASN1_DER_ERROR)");
	ck_assert_uint_eq(s.cert_count, 0);
	tl_ctlsig_free(&s);
}
END_TEST

/* signify's oem89.cat: a catalog (eContentType szOID_CTL, the list right
 * under [0] EXPLICIT) signed by Microsoft Windows Hardware Compatibility
 * Publisher, whose certificate it carries with its CA's. Its signature
 * verifies with the digest over the list's contents octets: the way
 * Windows digests a CTL, checked on a file Microsoft signed. */
START_TEST(windows_signed_catalog)
{
	tl_ctlsig s;

	check_file("fixtures/stores/signify_oem89.cat", NULL, NULL, 0, &s);
	ck_assert_int_eq(s.status, TL_CTLSIG_VALID);
	ck_assert_ptr_null(s.reason);
	ck_assert_uint_eq(s.cert_count, 2);
	ck_assert_uint_eq(s.signer_count, 1);
	ck_assert(!s.signer_is_extra);
	ck_assert_ptr_nonnull(s.signer_der);
	ck_assert(s.signer_len == s.cert_lens[0] || s.signer_len == s.cert_lens[1]);
	ck_assert_str_eq(s.sign_algorithm, "RSA-SHA256");
	/* the catalog's signed attributes hold no signingTime */
	ck_assert(!s.has_signing_time);
	ck_assert_int_eq(s.signing_time, 0);
	tl_ctlsig_free(&s);
}
END_TEST

/* ------------------------------------------------------------ malformed */

START_TEST(certificate_is_malformed)
{
	tl_ctlsig s;

	check_file("fixtures/reg/synthetic/certs/root.cer", NULL, NULL, 0, &s);
	ck_assert_str_eq(tl_ctlsig_status_name(s.status), "malformed");
	ck_assert_str_eq(s.reason, "not a PKCS#7 SignedData");
	ck_assert_ptr_null(s.signer_der);
	tl_ctlsig_free(&s);
	ck_assert_int_eq(tl_ctlsig_check(NULL, 0, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_MALFORMED);
	tl_ctlsig_free(&s);
}
END_TEST

START_TEST(bad_arguments)
{
	tl_ctlsig s;
	const uint8_t byte = 0x30;

	ck_assert_int_eq(tl_ctlsig_check(&byte, 1, NULL, NULL, 0, NULL), -1);
	ck_assert_int_eq(tl_ctlsig_check(NULL, 1, NULL, NULL, 0, &s), -1);
	ck_assert_int_eq(tl_ctlsig_check(&byte, 1, NULL, NULL, 2, &s), -1);
	ck_assert_str_eq(tl_ctlsig_status_name((tl_ctlsig_status)42), "unknown");
}
END_TEST

/* A ContentInfo whose SignedData carries certs empty SEQUENCEs as
 * certificates and signers copies of a SignerInfo with attrs signed
 * attributes (contentType, repeated): GnuTLS reads member N of a SET by
 * walking N members, so the counts are bounded first. */
static tl_buf many(size_t certs, size_t signers, size_t attrs)
{
	tl_buf attr_set = {0}, signer_set = {0}, cert_set = {0}, one, out;
	size_t i;

	for (i = 0; i < certs; i++)
		tl_buf_add(&cert_set, "\x30\x00", 2);

	for (i = 0; i < attrs; i++) {
		tl_buf attr = tt_hex_bytes("30 18 06 09 2A 86 48 86 F7 0D 01 09 03"
					   " 31 0B 06 09 2B 06 01 04 01 82 37 0A 01");
		tl_buf_add(&attr_set, attr.data, attr.len);
		tl_buf_free(&attr);
	}
	one = tt_der_tlv(0x30, 6, tt_hex_bytes("02 01 01"),
			 tt_hex_bytes("30 11 30 0C 31 0A 30 08 06 03 55 04 03 13 01 41 02 01 01"),
			 tt_hex_bytes("30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00"),
			 tt_der_tlv(0xA0, 1, attr_set),
			 tt_hex_bytes("30 0D 06 09 2A 86 48 86 F7 0D 01 01 01 05 00"),
			 tt_hex_bytes("04 01 00"));
	for (i = 0; i < signers; i++)
		tl_buf_add(&signer_set, one.data, one.len);
	tl_buf_free(&one);
	out = tt_der_tlv(0x30, 2, tt_hex_bytes("06 09 2A 86 48 86 F7 0D 01 07 02"),
			 tt_der_tlv(0xA0, 1,
				    tt_der_tlv(0x30, 4, tt_hex_bytes("02 01 01 31 00"),
					       tt_hex_bytes("30 0F 06 09 2B 06 01 04 01 82 37 0A 01"
							    " A0 02 30 00"),
					       tt_der_tlv(0xA0, 1, cert_set),
					       tt_der_tlv(0x31, 1, signer_set))));
	return out;
}

START_TEST(bounded_counts)
{
	tl_ctlsig s;
	tl_buf ok = many(0, 2, 64), attrs = many(0, 1, 65), signers = many(0, 1025, 1);
	tl_buf certs = many(TL_CTLSIG_MAX_CERTS + 1, 1, 1);

	ck_assert_int_eq(tl_ctlsig_check((const uint8_t *)ok.data, ok.len, NULL, NULL, 0, &s), 0);
	/* structurally fine: GnuTLS reads it; its signer is nowhere */
	ck_assert_int_eq(s.status, TL_CTLSIG_NO_SIGNER);
	ck_assert_uint_eq(s.signer_count, 2);
	tl_ctlsig_free(&s);
	ck_assert_int_eq(tl_ctlsig_check((const uint8_t *)attrs.data, attrs.len, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_MALFORMED);
	ck_assert_str_eq(s.reason, "the SignerInfo has more than 64 signed attributes, "
				   "or one that is not a DER element");
	tl_ctlsig_free(&s);
	ck_assert_int_eq(tl_ctlsig_check((const uint8_t *)signers.data, signers.len, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_MALFORMED);
	ck_assert_str_eq(s.reason, "the SignedData has more than 1024 SignerInfos");
	tl_ctlsig_free(&s);
	ck_assert_int_eq(tl_ctlsig_check((const uint8_t *)certs.data, certs.len, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_MALFORMED);
	ck_assert_str_eq(s.reason, "the SignedData carries more than 1024 certificates");
	ck_assert_uint_eq(s.cert_count, TL_CTLSIG_MAX_CERTS);
	tl_ctlsig_free(&s);
	tl_buf_free(&certs);
	tl_buf_free(&ok);
	tl_buf_free(&attrs);
	tl_buf_free(&signers);
}
END_TEST

static void ck_prefix_malformed(const uint8_t *p, size_t len)
{
	tl_ctlsig s;

	ck_assert_int_eq(tl_ctlsig_check(p, len, NULL, NULL, 0, &s), 0);
	ck_assert_int_eq(s.status, TL_CTLSIG_MALFORMED);
	ck_assert_str_eq(s.reason, "not a PKCS#7 SignedData");
	tl_ctlsig_free(&s);
}

START_TEST(truncated_everywhere)
{
	size_t len;
	uint8_t *der = tt_read_testdata("rootprogram/disallowed.stl", &len);

	tt_each_prefix(der, len, ck_prefix_malformed);
	free(der);
}
END_TEST

static void ck_some_status(const uint8_t *p, size_t len)
{
	tl_ctlsig s;

	ck_assert_int_eq(tl_ctlsig_check(p, len, NULL, NULL, 0, &s), 0);
	ck_assert_int_le(s.status, TL_CTLSIG_MALFORMED);
	ck_assert((s.status == TL_CTLSIG_VALID) == (s.reason == NULL));
	if (s.reason)
		ck_assert_ptr_null(strchr(s.reason, '\n'));
	tl_ctlsig_free(&s);
}

START_TEST(corrupted_everywhere)
{
	size_t len;
	uint8_t *der = tt_read_testdata("rootprogram/authroot.stl", &len);

	tt_each_flip(der, len, ck_some_status);
	free(der);
}
END_TEST

/* ------------------------------------------------------------ the reader */

static const struct {
	const char *file;
	size_t subjects;
	const char *usage;
} lists[] = {
	{"rootprogram/authroot.stl", 4, "1.3.6.1.4.1.311.10.3.9"},
	{"rootprogram/disallowed.stl", 1, "1.3.6.1.4.1.311.10.3.30"},
	{"rootprogram/tampered.stl", 4, "1.3.6.1.4.1.311.10.3.9"},
	{"rootprogram/wrong-signer.stl", 4, "1.3.6.1.4.1.311.10.3.9"},
	{"rootprogram/no-signer.stl", 4, "1.3.6.1.4.1.311.10.3.9"},
	{"rootprogram/expired-signer.stl", 4, "1.3.6.1.4.1.311.10.3.9"},
};

START_TEST(reader_decodes_lists)
{
	size_t len;
	uint8_t *der = tt_read_testdata(lists[_i].file, &len);
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset(lists[_i].file, 0, len);
	tl_ctl *ctl = tl_ctl_decode(der, len, &where, d);

	ck_assert_ptr_nonnull(ctl);
	tt_ck_diags(d, "");
	ck_assert_uint_eq(ctl->subject_count, lists[_i].subjects);
	ck_assert_uint_eq(ctl->usage_count, 1);
	ck_assert_str_eq(ctl->usage[0], lists[_i].usage);
	ck_assert_str_eq(ctl->subject_alg, "1.3.14.3.2.26");
	ck_assert_uint_eq(ctl->signer_count, 1);
	ck_assert_int_eq(ctl->this_update, SIGNED_AT);
	ck_assert(ctl->has_next_update == (lists[_i].subjects == 4));
	tl_ctl_free(ctl);
	tl_diags_free(d);
	free(der);
}
END_TEST

static Suite *ctlsig_suite(void)
{
	Suite *s = suite_create("ctlsig");
	TCase *tc = tcase_create("status");

	tcase_add_test(tc, authroot_valid);
	tcase_add_test(tc, disallowed_valid_by_key_id);
	tcase_add_test(tc, expired_signer_still_valid_signature);
	tcase_add_test(tc, tampered_invalid);
	tcase_add_test(tc, wrong_signer_invalid);
	tcase_add_test(tc, wrong_signer_real_one_given);
	tcase_add_test(tc, signed_attribute_changed);
	tcase_add_test(tc, no_signer);
	tcase_add_test(tc, no_signer_given_as_extra);
	tcase_add_test(tc, ber_outer_layers);
	tcase_add_test(tc, bare_signed_data);
	tcase_add_test(tc, ber_ctl_fixture_unsigned);
	tcase_add_test(tc, wine_ctl_fixture);
	tcase_add_test(tc, windows_signed_catalog);
	tcase_add_test(tc, certificate_is_malformed);
	tcase_add_test(tc, bad_arguments);
	tcase_add_loop_test(tc, reader_decodes_lists, 0, (int)TL_ARRAY_LEN(lists));
	suite_add_tcase(s, tc);
	tc = tcase_create("damage");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, bounded_counts);
	tcase_add_test(tc, truncated_everywhere);
	tcase_add_test(tc, corrupted_everywhere);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(ctlsig_suite());
}
