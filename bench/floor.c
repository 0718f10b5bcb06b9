/* floor.c: the least any tool must do to inventory a serialized store:
 * walk the elements, import each certificate into GnuTLS, and check the
 * signature of each self-issued one with its own key. Nothing else. The
 * benchmark compares trustlint against this. */
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

/* The signature over the TBSCertificate, checked with the certificate's
 * own key (gnutls_x509_crt_verify() with the certificate as its own trust
 * anchor skips the signature, so it is no floor). */
static int self_signature_ok(gnutls_x509_crt_t crt, const gnutls_datum_t *der)
{
	size_t h, tbs_len, alg_len, sig_len, h2, h3;
	const unsigned char *tbs, *alg, *sig;
	gnutls_datum_t t, s;
	gnutls_pubkey_t pub;
	int rc;

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
	gnutls_pubkey_init(&pub);
	rc = gnutls_pubkey_import_x509(pub, crt, 0);
	if (rc >= 0)
		rc = gnutls_pubkey_verify_data2(pub, gnutls_x509_crt_get_signature_algorithm(crt),
						GNUTLS_VERIFY_ALLOW_BROKEN, &t, &s);
	gnutls_pubkey_deinit(pub);
	return rc >= 0;
}

int main(int argc, char **argv)
{
	struct stat st;
	const unsigned char *p;
	size_t pos = 8, certs = 0, selfsigned = 0;
	int fd;

	if (argc != 2)
		return 2;
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
						if (subj.size == iss.size && !memcmp(subj.data, iss.data, subj.size) &&
						    self_signature_ok(crt, &d))
							selfsigned++;
						gnutls_free(iss.data);
					}
					gnutls_free(subj.data);
				}
			}
			gnutls_x509_crt_deinit(crt);
		}
		pos += 12 + (size_t)len;
	}
	printf("floor: %zu certificates, %zu self-signed\n", certs, selfsigned);
	return 0;
}
