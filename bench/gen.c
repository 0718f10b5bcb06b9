/* gen.c: benchmark inputs. Writes N distinct certificates as a Windows
 * serialized store (.sst, with the properties a real export carries) or as a
 * regedit-style UTF-16LE .reg export of SystemCertificates Blobs, wrapped the
 * way regedit wraps hex, plus SCHANNEL-like values between them.
 *
 *   gen sst N OUT.sst [CA.der]
 *   gen reg TARGET_MB OUT.reg [CA.der]
 *
 * CA.der receives the issuing CA every end entity is signed by, so a store
 * read with it exercises the issuer path (each end entity's issuer found by
 * verifying its signature); without it the output files are made by the
 * same calls as before. There is no seed: every run makes new keys, so two
 * runs' outputs differ, and the CA belongs to the store written with it.
 *
 * Certificates carry key identifiers, a CRL distribution point and, for
 * end entities, a DNS name and EKUs. One in ten is a self-signed root; the others are issued by a
 * CA, so the self-signed check runs on a realistic share. ECDSA P-256 keys
 * keep generation fast; the keys are made once. */
#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *what, int rc)
{
	fprintf(stderr, "gen: %s: %s\n", what, gnutls_strerror(rc));
	exit(1);
}

#define CHECK(call)                          \
	do {                                 \
		int rc_ = (call);            \
		if (rc_ < 0)                 \
			die(#call, rc_);     \
	} while (0)

static gnutls_x509_privkey_t new_key(void)
{
	gnutls_x509_privkey_t k;

	CHECK(gnutls_x509_privkey_init(&k));
	CHECK(gnutls_x509_privkey_generate(k, GNUTLS_PK_ECDSA,
					   GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0));
	return k;
}

static gnutls_x509_crt_t make_cert(unsigned long n, const char *cn, gnutls_x509_privkey_t key,
				   gnutls_x509_crt_t issuer, gnutls_x509_privkey_t issuer_key, int ca)
{
	gnutls_x509_crt_t c;
	unsigned char serial[8];
	char name[96];
	time_t now = 1700000000;
	int i;

	for (i = 0; i < 8; i++)
		serial[i] = (unsigned char)(n >> (8 * (7 - i)));
	serial[0] &= 0x7F;
	serial[0] |= 0x01;
	snprintf(name, sizeof(name), "%s %lu", cn, n);
	CHECK(gnutls_x509_crt_init(&c));
	CHECK(gnutls_x509_crt_set_version(c, 3));
	CHECK(gnutls_x509_crt_set_serial(c, serial, sizeof(serial)));
	CHECK(gnutls_x509_crt_set_dn_by_oid(c, GNUTLS_OID_X520_ORGANIZATION_NAME, 0, "Bench", 5));
	CHECK(gnutls_x509_crt_set_dn_by_oid(c, GNUTLS_OID_X520_COMMON_NAME, 0, name, (unsigned)strlen(name)));
	CHECK(gnutls_x509_crt_set_activation_time(c, now - 86400));
	CHECK(gnutls_x509_crt_set_expiration_time(c, now + 86400L * 3650));
	CHECK(gnutls_x509_crt_set_key(c, key));
	CHECK(gnutls_x509_crt_set_basic_constraints(c, ca, -1));
	CHECK(gnutls_x509_crt_set_key_usage(c, ca ? GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN
						  : GNUTLS_KEY_DIGITAL_SIGNATURE));
	/* the extensions real store entries carry, so sizes and parsing work
	 * are like a real export's (about 700 bytes a certificate) */
	{
		unsigned char kid[20];
		size_t kid_len = sizeof(kid);
		char url[96];

		CHECK(gnutls_x509_privkey_get_key_id(key, 0, kid, &kid_len));
		CHECK(gnutls_x509_crt_set_subject_key_id(c, kid, kid_len));
		kid_len = sizeof(kid);
		CHECK(gnutls_x509_privkey_get_key_id(issuer_key ? issuer_key : key, 0, kid, &kid_len));
		CHECK(gnutls_x509_crt_set_authority_key_id(c, kid, kid_len));
		snprintf(url, sizeof(url), "http://crl.bench.example/%s.crl", ca ? "root" : "issuing");
		CHECK(gnutls_x509_crt_set_crl_dist_points(c, GNUTLS_SAN_URI, url, 0));
		if (!ca) {
			snprintf(url, sizeof(url), "host%lu.bench.example", n);
			CHECK(gnutls_x509_crt_set_subject_alt_name(c, GNUTLS_SAN_DNSNAME, url,
								   (unsigned)strlen(url), GNUTLS_FSAN_SET));
			CHECK(gnutls_x509_crt_set_key_purpose_oid(c, GNUTLS_KP_TLS_WWW_SERVER, 0));
			CHECK(gnutls_x509_crt_set_key_purpose_oid(c, GNUTLS_KP_TLS_WWW_CLIENT, 0));
		}
	}
	CHECK(gnutls_x509_crt_sign2(c, issuer ? issuer : c, issuer ? issuer_key : key,
				    GNUTLS_DIG_SHA256, 0));
	return c;
}

typedef struct gen {
	gnutls_x509_privkey_t root_key, leaf_key;
	gnutls_x509_crt_t ca;
} gen;

/* Certificate n as DER (gnutls_free the data). */
static gnutls_datum_t cert_der(gen *g, unsigned long n)
{
	gnutls_x509_crt_t c;
	gnutls_datum_t der;

	if (n % 10 == 0)
		c = make_cert(n, "Bench Root", g->root_key, NULL, NULL, 1);
	else
		c = make_cert(n, "bench-host", g->leaf_key, g->ca, g->root_key, 0);
	CHECK(gnutls_x509_crt_export2(c, GNUTLS_X509_FMT_DER, &der));
	gnutls_x509_crt_deinit(c);
	return der;
}

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};
	fwrite(b, 1, 4, f);
}

static void elem(FILE *f, uint32_t id, const void *p, uint32_t len)
{
	put32(f, id);
	put32(f, 1);
	put32(f, len);
	fwrite(p, 1, len, f);
}

/* One serialized element: SHA1_HASH, FRIENDLY_NAME, KEY_IDENTIFIER-sized
 * and bit-length properties, then the certificate (a real export's mix). */
static void element(FILE *f, const gnutls_datum_t *der, unsigned long n)
{
	unsigned char sha1[20], name[64];
	char ascii[32];
	uint32_t bits = 256;
	size_t i, len;

	gnutls_hash_fast(GNUTLS_DIG_SHA1, der->data, der->size, sha1);
	len = (size_t)snprintf(ascii, sizeof(ascii), "bench %lu", n);
	for (i = 0; i <= len; i++) {
		name[2 * i] = (unsigned char)ascii[i];
		name[2 * i + 1] = 0;
	}
	elem(f, 3, sha1, 20);
	elem(f, 11, name, (uint32_t)(2 * (len + 1)));
	elem(f, 92, &bits, 4);
	elem(f, 0x20, der->data, der->size);
}

/* The issuing CA as DER, to a file of its own; a store written by an
 * earlier run is no longer issued by it, so the caller writes both. */
static int write_ca(const char *path, const gnutls_datum_t *der)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(der->data, 1, der->size, f) != der->size) {
		perror(path);
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

static void w16(FILE *f, const char *s)
{
	for (; *s; s++) {
		fputc(*s, f);
		fputc(0, f);
	}
}

/* regedit's export: "name"=hex:xx,xx,... wrapped with ",\" CRLF and two
 * spaces once a line passes column 76. */
static void reg_hex_value(FILE *f, const char *name, const unsigned char *p, size_t n)
{
	char head[64], cell[4];
	size_t col, i;

	snprintf(head, sizeof(head), "\"%s\"=hex:", name);
	w16(f, head);
	col = strlen(head);
	for (i = 0; i < n; i++) {
		snprintf(cell, sizeof(cell), "%02x", p[i]);
		w16(f, cell);
		col += 2;
		if (i + 1 < n) {
			w16(f, ",");
			col++;
			if (col > 76) {
				w16(f, "\\\r\n  ");
				col = 2;
			}
		}
	}
	w16(f, "\r\n");
}

int main(int argc, char **argv)
{
	gen g;
	gnutls_datum_t ca_der;
	FILE *f;
	unsigned long n, count;

	if ((argc != 4 && argc != 5) || (strcmp(argv[1], "sst") && strcmp(argv[1], "reg"))) {
		fprintf(stderr, "usage: gen sst COUNT OUT.sst [CA.der] | gen reg TARGET_MB OUT.reg [CA.der]\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 10);
	f = fopen(argv[3], "wb");
	if (!f) {
		perror(argv[3]);
		return 1;
	}
	g.root_key = new_key();
	g.leaf_key = new_key();
	g.ca = make_cert(0, "Bench Issuing CA", g.root_key, NULL, NULL, 1);
	CHECK(gnutls_x509_crt_export2(g.ca, GNUTLS_X509_FMT_DER, &ca_der));
	if (!strcmp(argv[1], "sst")) {
		put32(f, 0);
		put32(f, 0x54524543);
		for (n = 1; n <= count; n++) {
			gnutls_datum_t der = cert_der(&g, n);
			element(f, &der, n);
			gnutls_free(der.data);
		}
		put32(f, 0);
		put32(f, 0);
		put32(f, 0);
	} else {
		unsigned long target = count * 1024UL * 1024UL;
		fputc(0xFF, f);
		fputc(0xFE, f);
		w16(f, "Windows Registry Editor Version 5.00\r\n\r\n");
		for (n = 1; (unsigned long)ftell(f) < target; n++) {
			gnutls_datum_t der = cert_der(&g, n);
			unsigned char sha1[20];
			char hex[41], key[256];
			FILE *mem;
			char *blob = NULL;
			size_t blob_len = 0;
			int i;

			gnutls_hash_fast(GNUTLS_DIG_SHA1, der.data, der.size, sha1);
			for (i = 0; i < 20; i++)
				snprintf(hex + 2 * i, 3, "%02X", sha1[i]);
			mem = open_memstream(&blob, &blob_len);
			element(mem, &der, n);
			fclose(mem);
			snprintf(key, sizeof(key),
				 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\%s\\Certificates\\%s]\r\n",
				 n % 10 == 0 ? "ROOT" : "CA", hex);
			w16(f, key);
			reg_hex_value(f, "Blob", (unsigned char *)blob, blob_len);
			w16(f, "\r\n");
			if (n % 50 == 0) {
				snprintf(key, sizeof(key),
					 "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\Bench %lu]\r\n"
					 "\"Enabled\"=dword:00000000\r\n\"Name\"=\"bench cipher %lu\"\r\n\r\n",
					 n, n);
				w16(f, key);
			}
			free(blob);
			gnutls_free(der.data);
		}
		n--;
	}
	if (fclose(f) != 0) {
		perror(argv[3]);
		return 1;
	}
	fprintf(stderr, "gen: wrote %s\n", argv[3]);
	if (argc == 5) {
		if (write_ca(argv[4], &ca_der) != 0)
			return 1;
		fprintf(stderr, "gen: wrote %s\n", argv[4]);
	}
	gnutls_free(ca_der.data);
	return 0;
}
