/* check_cert.c: derived certificate facts against certificates whose
 * properties are known (testdata/fixtures/certs/expected.json, computed
 * independently with python-cryptography and OpenSSL). */
#include "config.h"

#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cert.h"
#include "base/dn.h"
#include "testutil.h"
#include "base/util.h"

typedef struct known {
	const char *file;
	bool self_issued;
	tl_sigcheck self_signed;
	const char *key;   /* key_algorithm */
	unsigned bits;
	const char *curve; /* or NULL */
	const char *hash;  /* sig_hash */
	bool bc;
	bool ca;
	int path_len;
} known;

/* From expected.json: subject_issuer_der_equal, selfsig, key, sig_alg,
 * basicConstraints. */
static const known certs[] = {
	{"pkilint-pkix_v1_root_signed_with_md2.pem", true, TL_SIG_UNVERIFIABLE, "RSA", 1024, NULL, "MD2", false, false, -1},
	{"pkilint-tls_br_root_ca_clean.pem", true, TL_SIG_NO, "EC", 256, "secp256r1", "SHA256", true, true, -1},
	{"pkilint-tls_br_root_ca_eku_present.pem", true, TL_SIG_NO, "EC", 256, "secp256r1", "SHA256", true, true, -1},
	{"pkilint-tls_br_root_ca_no_bc_ca_bit.pem", true, TL_SIG_NO, "EC", 256, "secp256r1", "SHA256", true, false, -1},
	{"pkilint-tls_br_root_ca_not_self_issued.pem", false, TL_SIG_NO, "EC", 256, "secp256r1", "SHA256", true, true, -1},
	{"zlint-badRsaExp.pem", false, TL_SIG_NO, "RSA", 2048, NULL, "SHA256", true, false, -1},
	{"zlint-caBasicConstNotCrit.pem", false, TL_SIG_NO, "RSA", 2048, NULL, "SHA256", true, true, -1},
	{"zlint-caKeyUsageMissing.pem", false, TL_SIG_NO, "RSA", 2048, NULL, "SHA256", true, true, -1},
	{"zlint-keyCertSignNotCA.pem", false, TL_SIG_NO, "RSA", 2048, NULL, "SHA256", true, false, -1},
	{"zlint-md5WithRSASignatureAlgorithm.pem", false, TL_SIG_NO, "RSA", 2048, NULL, "MD5", true, true, -1},
	{"zlint-noRsaLength.pem", false, TL_SIG_NO, "RSA", 1024, NULL, "SHA256", true, false, -1},
	{"zlint-oldRootModTooSmall.pem", true, TL_SIG_YES, "RSA", 1024, NULL, "SHA256", true, true, -1},
	{"zlint-rootCAKeyUsageMissing.pem", true, TL_SIG_YES, "RSA", 2048, NULL, "SHA1", true, true, 2},
	{"zlint-rootCAValid.pem", true, TL_SIG_YES, "EC", 256, "secp256r1", "SHA256", true, true, -1},
	{"zlint-rootCAWithEKU.pem", true, TL_SIG_YES, "RSA", 2048, NULL, "SHA256", true, true, -1},
	{"zlint-rootCaMaxPathLenPresent.pem", true, TL_SIG_YES, "RSA", 1024, NULL, "SHA1", true, true, 1},
	{"zlint-rsaFermatFactorizationSusceptible.pem", true, TL_SIG_NO, "RSA", 1024, NULL, "SHA256", false, false, -1},
	{"zlint-rsawithsha1after2016.pem", true, TL_SIG_YES, "RSA", 2048, NULL, "SHA1", true, true, -1},
	{"zlint-subCANoSKI.pem", false, TL_SIG_NO, "RSA", 2048, NULL, "SHA256", true, true, -1},
	/* signed with its own key although issuer != subject: not self-issued,
	 * so not self-signed (RFC 5280) even though its own key verifies it */
	{"zlint-validityNegative.pem", false, TL_SIG_NO, "RSA", 2048, NULL, "SHA256", true, true, -1},
};

static uint8_t *load_pem(const char *file, size_t *len)
{
	char rel[256];
	size_t plen;
	uint8_t *pem;
	gnutls_datum_t in, out;
	uint8_t *der;

	snprintf(rel, sizeof(rel), "fixtures/certs/%s", file);
	pem = tt_read_testdata(rel, &plen);
	in.data = pem;
	in.size = (unsigned)plen;
	ck_assert_int_ge(gnutls_pem_base64_decode2("CERTIFICATE", &in, &out), 0);
	der = tl_xmemdup(out.data, out.size);
	*len = out.size;
	gnutls_free(out.data);
	free(pem);
	return der;
}

START_TEST(known_facts)
{
	const known *k = &certs[_i];
	size_t len;
	uint8_t *der = load_pem(k->file, &len);
	tl_cert c;
	char *err = NULL;

	ck_assert_msg(tl_cert_parse(der, len, &c, &err) == 0, "%s: %s", k->file, err ? err : "");
	ck_assert_msg(c.self_issued == k->self_issued, "%s: self_issued", k->file);
	ck_assert_msg(c.self_signed == k->self_signed, "%s: self_signed %s", k->file,
		      tl_sigcheck_name(c.self_signed));
	ck_assert_str_eq(c.key_algorithm, k->key);
	ck_assert_uint_eq(c.key_bits, k->bits);
	if (k->curve)
		ck_assert_str_eq(c.curve, k->curve);
	else
		ck_assert_ptr_null(c.curve);
	ck_assert_msg(c.sig_hash && strcmp(c.sig_hash, k->hash) == 0, "%s: hash %s", k->file,
		      c.sig_hash ? c.sig_hash : "(null)");
	ck_assert_int_eq(c.bc_present, k->bc);
	ck_assert_int_eq(c.is_ca, k->ca);
	ck_assert_int_eq(c.path_len, k->path_len);
	tl_cert_free(&c);
	free(der);
}
END_TEST

START_TEST(names_serial_hashes_validity)
{
	size_t len;
	uint8_t *der = tt_read_testdata("fixtures/reg/synthetic/certs/issuing.cer", &len);
	tl_cert c;
	char *err = NULL, sha1[41], t[32];

	ck_assert_int_eq(tl_cert_parse(der, len, &c, &err), 0);
	/* RFC 4514 order: the last RDN of the DER first */
	ck_assert_str_eq(c.subject, "O=Lint Test (synthetic),CN=Lint Test Issuing CA");
	ck_assert_str_eq(c.issuer, "O=Lint Test (synthetic),CN=Lint Test Root CA");
	tl_hex(c.sha1, 20, sha1, true);
	ck_assert_str_eq(sha1, "B1C1FB8BDC20A60DAE95BA4425B61A7746097A66");
	ck_assert(!c.self_issued);
	ck_assert_int_eq(c.self_signed, TL_SIG_NO);
	ck_assert(c.is_ca);
	ck_assert(!c.ku_present); /* certtool shows no keyUsage on it */
	ck_assert_uint_eq(c.ski_len, 20);
	ck_assert_uint_eq(c.aki_len, 20);
	ck_assert_int_eq(c.version, 3);
	tl_format_time(c.not_before, t);
	ck_assert_int_eq(strlen(t), 20);
	ck_assert_uint_gt(c.subject_der_len, 10);
	ck_assert_int_eq(c.subject_der[0], 0x30);
	tl_cert_free(&c);
	free(der);

	der = tt_read_testdata("fixtures/reg/synthetic/certs/server.cer", &len);
	ck_assert_int_eq(tl_cert_parse(der, len, &c, &err), 0);
	ck_assert(!c.ku_present);
	ck_assert(c.eku_present);
	ck_assert_uint_ge(c.eku_count, 1);
	ck_assert_str_eq(c.eku[0], "1.3.6.1.5.5.7.3.1");
	tl_cert_free(&c);
	free(der);

	/* keyUsage keyCertSign + cRLSign, and nothing else */
	der = load_pem("zlint-rootCAValid.pem", &len);
	ck_assert_int_eq(tl_cert_parse(der, len, &c, &err), 0);
	ck_assert(c.ku_present);
	ck_assert_uint_eq(c.key_usage, TL_KU_KEY_CERT_SIGN | TL_KU_CRL_SIGN);
	tl_cert_free(&c);
	free(der);
}
END_TEST

START_TEST(issuer_signature)
{
	size_t rl, il, ol;
	uint8_t *root = tt_read_testdata("fixtures/reg/synthetic/certs/root.cer", &rl);
	uint8_t *issuing = tt_read_testdata("fixtures/reg/synthetic/certs/issuing.cer", &il);
	uint8_t *other = tt_read_testdata("fixtures/reg/synthetic/certs/other_root.cer", &ol);

	ck_assert_int_eq(tl_cert_verify_signed_by(issuing, il, root, rl), TL_SIG_YES);
	ck_assert_int_eq(tl_cert_verify_signed_by(issuing, il, other, ol), TL_SIG_NO);
	ck_assert_int_eq(tl_cert_verify_signed_by(root, rl, root, rl), TL_SIG_YES);
	ck_assert_int_eq(tl_cert_verify_signed_by(root, rl, issuing, il), TL_SIG_NO);
	ck_assert_int_eq(tl_cert_verify_signed_by(root, 10, root, rl), TL_SIG_NO);
	free(root);
	free(issuing);
	free(other);
}
END_TEST

START_TEST(garbage_rejected)
{
	static const uint8_t junk[] = {0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x01};
	tl_cert c;
	char *err = NULL;

	ck_assert_int_eq(tl_cert_parse(junk, sizeof(junk), &c, &err), -1);
	ck_assert_str_eq(err, "not a DER X.509 certificate (structure does not parse)");
	free(err);
	ck_assert_int_eq(tl_cert_parse(junk, 1, &c, &err), -1);
	free(err);
}
END_TEST

/* A cut certificate never parses, and says why. */
static void parse_cut(const uint8_t *p, size_t len)
{
	tl_cert c;
	char *err = NULL;

	ck_assert_int_eq(tl_cert_parse(p, len, &c, &err), -1);
	ck_assert_ptr_nonnull(err);
	free(err);
}

START_TEST(truncate_every_length)
{
	size_t len;
	uint8_t *der = tt_read_testdata("fixtures/reg/synthetic/certs/server.cer", &len);

	tt_each_prefix(der, len, parse_cut);
	free(der);
}
END_TEST

/* DER Name builders for tl_dn_text */
static size_t atv(uint8_t *out, const uint8_t *oid, size_t oid_len, uint8_t tag, const char *val,
		  size_t val_len)
{
	size_t n = 0;

	out[n++] = 0x30;
	out[n++] = (uint8_t)(2 + oid_len + 2 + val_len);
	out[n++] = 0x06;
	out[n++] = (uint8_t)oid_len;
	memcpy(out + n, oid, oid_len);
	n += oid_len;
	out[n++] = tag;
	out[n++] = (uint8_t)val_len;
	memcpy(out + n, val, val_len);
	return n + val_len;
}

static const uint8_t oid_cn[] = {0x55, 0x04, 0x03}, oid_o[] = {0x55, 0x04, 0x0A},
		     oid_mail[] = {0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x03};

/* Wrap the ATVs of each RDN, then the Name. */
static char *dn_of(const uint8_t *atvs, const size_t *lens, const int *rdn_of, size_t count)
{
	uint8_t name[512], body[512];
	size_t n = 0, i = 0, pos = 0;

	while (i < count) {
		int r = rdn_of[i];
		size_t start = n, len = 0, k;
		for (k = i; k < count && rdn_of[k] == r; k++)
			len += lens[k];
		body[n++] = 0x31;
		body[n++] = (uint8_t)len;
		for (; i < k; i++) {
			memcpy(body + n, atvs + pos, lens[i]);
			n += lens[i];
			pos += lens[i];
		}
		(void)start;
	}
	name[0] = 0x30;
	name[1] = (uint8_t)n;
	memcpy(name + 2, body, n);
	return tl_dn_text(name, n + 2);
}

START_TEST(dn_rfc4514)
{
	uint8_t atvs[512];
	size_t lens[4], n = 0;
	int rdn[4] = {0, 1, 1, 2};
	char *t;

	/* C-style special characters, a multi-valued RDN, a BMPString, an
	 * attribute without a short name */
	lens[0] = atv(atvs + n, oid_o, 3, 0x0C, " Acme, \"Inc\"#", 13);
	n += lens[0];
	lens[1] = atv(atvs + n, oid_cn, 3, 0x1E, "\0a\0+\0\xe9", 6);
	n += lens[1];
	lens[2] = atv(atvs + n, oid_o, 3, 0x13, "B", 1);
	n += lens[2];
	lens[3] = atv(atvs + n, oid_mail, sizeof(oid_mail), 0x16, "x@y", 3);
	t = dn_of(atvs, lens, rdn, 4);
	ck_assert_str_eq(t, "0.9.2342.19200300.100.1.3=#1603784079,CN=a\\+\xC3\xA9+O=B,O=\\ Acme\\, \\\"Inc\\\"#");
	free(t);

	/* an empty Name is the empty string; a bad one is rejected */
	t = tl_dn_text((const uint8_t *)"\x30\x00", 2);
	ck_assert_str_eq(t, "");
	free(t);
	ck_assert_ptr_null(tl_dn_text((const uint8_t *)"\x30\x02\x30\x00", 4));
	ck_assert_ptr_null(tl_dn_text((const uint8_t *)"\x31\x00", 2));
	/* invalid UTF-8 in a UTF8String falls back to hex, never lost */
	n = 0;
	lens[0] = atv(atvs, oid_cn, 3, 0x0C, "\xff", 1);
	t = dn_of(atvs, lens, rdn, 1);
	ck_assert_str_eq(t, "CN=#0c01ff");
	free(t);
}
END_TEST

START_TEST(spki_facts)
{
	static const struct {
		const char *file;
		const char *alg;
		unsigned bits;
		const char *curve;
	} want[] = {
		{"fixtures/reg/synthetic/certs/root.cer", "RSA", 2048, NULL},
	};
	size_t len;
	uint8_t *der = tt_read_testdata(want[0].file, &len);
	tl_cert c;
	tl_spki k;
	char *err = NULL;
	/* Ed25519 SPKI (RFC 8410 example) */
	static const uint8_t ed[] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
				     0x19, 0xbf, 0x44, 0x09, 0x69, 0x84, 0xcd, 0xfe, 0x85, 0x41, 0xba, 0xc1,
				     0x67, 0xdc, 0x3b, 0x96, 0xc8, 0x50, 0x86, 0xaa, 0x30, 0xb6, 0xb6, 0xcb,
				     0x0c, 0x5c, 0x38, 0xad, 0x70, 0x31, 0x66, 0xe1};

	ck_assert_int_eq(tl_cert_parse(der, len, &c, &err), 0);
	ck_assert_int_eq(tl_spki_parse(c.spki_der, c.spki_der_len, &k), 0);
	ck_assert_str_eq(k.algorithm, want[0].alg);
	ck_assert_uint_eq(k.bits, want[0].bits);
	ck_assert_str_eq(k.oid, "1.2.840.113549.1.1.1");
	tl_spki_free(&k);
	tl_cert_free(&c);
	free(der);
	ck_assert_int_eq(tl_spki_parse(ed, sizeof(ed), &k), 0);
	ck_assert_str_eq(k.algorithm, "Ed25519");
	ck_assert_uint_eq(k.bits, 256);
	tl_spki_free(&k);
	ck_assert_int_eq(tl_spki_parse(ed, sizeof(ed) - 1, &k), -1);
	tl_spki_free(&k);
}
END_TEST

static Suite *cert_suite(void)
{
	Suite *s = suite_create("cert");
	TCase *tc = tcase_create("facts");

	tcase_add_loop_test(tc, known_facts, 0, (int)TL_ARRAY_LEN(certs));
	tcase_add_test(tc, names_serial_hashes_validity);
	tcase_add_test(tc, issuer_signature);
	tcase_add_test(tc, garbage_rejected);
	tcase_add_test(tc, truncate_every_length);
	tcase_add_test(tc, dn_rfc4514);
	tcase_add_test(tc, spki_facts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(cert_suite());
}
