/* floor.c: the least any tool must do to inventory a serialized store:
 * walk the elements, import each certificate into GnuTLS, and check the
 * signature of each self-issued one with its own key. Nothing else. The
 * benchmark compares trustlint against this.
 *
 *   floor STORE.sst [ISSUER.der]
 *
 * With ISSUER.der, every certificate that names it as issuer also has its
 * signature checked with the issuer's key, imported once: the bare cost of
 * the signature checks the issuer path makes, which the benchmark takes as
 * the difference between the runs with and without it. */
#include "config.h"

#include <fcntl.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Length of the DER TLV at p (definite lengths; the input is trusted). */
static size_t tlv(const unsigned char *p, size_t *hdr)
{
	size_t len = p[1], k, i;

	*hdr = 2;
	if (len & 0x80) {
		k = len & 0x7F;
		len = 0;
		for (i = 0; i < k; i++)
			len = len << 8 | p[2 + i];
		*hdr += k;
	}
	return len;
}

/* The signature over the TBSCertificate, checked with PUB
 * (gnutls_x509_crt_verify() with the certificate as its own trust anchor
 * skips the signature, so it is no floor). */
static int signature_ok(gnutls_pubkey_t pub, gnutls_x509_crt_t crt, const gnutls_datum_t *der)
{
	size_t h, tbs_len, alg_len, sig_len, h2, h3;
	const unsigned char *tbs, *alg, *sig;
	gnutls_datum_t t, s;

	tlv(der->data, &h);
	tbs = der->data + h;
	tbs_len = tlv(tbs, &h2) + h2;
	alg = tbs + tbs_len;
	alg_len = tlv(alg, &h2) + h2;
	sig = alg + alg_len;
	sig_len = tlv(sig, &h3);
	t.data = (unsigned char *)tbs;
	t.size = (unsigned)tbs_len;
	s.data = (unsigned char *)sig + h3 + 1;
	s.size = (unsigned)sig_len - 1;
	return gnutls_pubkey_verify_data2(pub, gnutls_x509_crt_get_signature_algorithm(crt),
					  GNUTLS_VERIFY_ALLOW_BROKEN, &t, &s) >= 0;
}

static int self_signature_ok(gnutls_x509_crt_t crt, const gnutls_datum_t *der)
{
	gnutls_pubkey_t pub;
	int ok = 0;

	gnutls_pubkey_init(&pub);
	if (gnutls_pubkey_import_x509(pub, crt, 0) >= 0)
		ok = signature_ok(pub, crt, der);
	gnutls_pubkey_deinit(pub);
	return ok;
}

/* The issuer of ISSUER.der: its raw subject name and its key, once. */
typedef struct issuer {
	gnutls_datum_t subject;
	gnutls_pubkey_t key;
} issuer;

static int issuer_load(issuer *is, const char *path)
{
	gnutls_datum_t der;
	gnutls_x509_crt_t crt;
	int rc;

	if (gnutls_load_file(path, &der) < 0) {
		fprintf(stderr, "floor: cannot read %s\n", path);
		return -1;
	}
	gnutls_x509_crt_init(&crt);
	gnutls_pubkey_init(&is->key);
	rc = gnutls_x509_crt_import(crt, &der, GNUTLS_X509_FMT_DER);
	if (rc >= 0)
		rc = gnutls_x509_crt_get_raw_dn(crt, &is->subject);
	if (rc >= 0)
		rc = gnutls_pubkey_import_x509(is->key, crt, 0);
	gnutls_x509_crt_deinit(crt);
	gnutls_free(der.data);
	if (rc < 0)
		fprintf(stderr, "floor: %s: %s\n", path, gnutls_strerror(rc));
	return rc < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct stat st;
	const unsigned char *p;
	size_t pos = 8, certs = 0, selfsigned = 0, issued = 0;
	issuer is = {{NULL, 0}, NULL};
	int fd;

	if (argc != 2 && argc != 3)
		return 2;
	if (argc == 3 && issuer_load(&is, argv[2]) != 0)
		return 1;
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0)
		return 1;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return 1;
	while (pos + 12 <= (size_t)st.st_size) {
		uint32_t id = le32(p + pos), len = le32(p + pos + 8);
		if (id == 0 || len > (size_t)st.st_size - pos - 12)
			break;
		if (id == 0x20) {
			gnutls_x509_crt_t crt;
			gnutls_datum_t d = {(unsigned char *)p + pos + 12, len};
			gnutls_datum_t subj, iss;

			gnutls_x509_crt_init(&crt);
			if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) >= 0) {
				certs++;
				if (gnutls_x509_crt_get_raw_dn(crt, &subj) >= 0) {
					if (gnutls_x509_crt_get_raw_issuer_dn(crt, &iss) >= 0) {
						if (subj.size == iss.size && !memcmp(subj.data, iss.data, subj.size)) {
							if (self_signature_ok(crt, &d))
								selfsigned++;
						} else if (is.key && iss.size == is.subject.size &&
							   !memcmp(iss.data, is.subject.data, iss.size) &&
							   signature_ok(is.key, crt, &d)) {
							issued++;
						}
						gnutls_free(iss.data);
					}
					gnutls_free(subj.data);
				}
			}
			gnutls_x509_crt_deinit(crt);
		}
		pos += 12 + (size_t)len;
	}
	if (is.key) {
		printf("floor: %zu certificates, %zu self-signed, %zu signed by %s\n", certs, selfsigned,
		       issued, argv[2]);
		gnutls_pubkey_deinit(is.key);
		gnutls_free(is.subject.data);
	} else {
		printf("floor: %zu certificates, %zu self-signed\n", certs, selfsigned);
	}
	return 0;
}
