/* check_certwalk.c: the plain DER walk (model/certwalk.h) against GnuTLS's
 * parser. Every certificate found in testdata/ and the fuzz corpora, as it
 * is and mutated, is read both ways: whatever the walk accepts, GnuTLS
 * must accept too, with every fact equal, and the default reading must be
 * GnuTLS's in accepting, rejecting and the reason given. The mutations are
 * seeded, so a failure repeats; for a longer hunt TL_CERTWALK_MUTATIONS sets
 * how many per certificate (default 150) and TL_CERTWALK_SEED another seed. */
#include "config.h"

#include <dirent.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/der.h"
#include "base/util.h"
#include "formats/pem.h"
#include "model/cert.h"
#include "model/certwalk.h"
#include "testutil.h"

typedef struct candidate {
	uint8_t *der;
	size_t len;
	uint8_t sha1[20];
} candidate;

static candidate *cands;
static size_t cand_count, cand_cap;

static void add_candidate(const uint8_t *der, size_t len)
{
	candidate *c;

	tl_xgrow((void **)&cands, &cand_cap, cand_count + 1, sizeof(candidate));
	c = &cands[cand_count++];
	c->der = tl_xmemdup(der, len);
	c->len = len;
	gnutls_hash_fast(GNUTLS_DIG_SHA1, der, len, c->sha1);
}

/* Every SEQUENCE in the bytes shaped like a certificate (stores, PKCS#7
 * bags and fuzz inputs hold them at any offset), and every PEM block. */
static void scan(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 4 < n; i++) {
		tl_der d;
		tl_cert_layout l;

		if (p[i] != 0x30 || tl_der_read(p + i, n - i, &d) != 0 || d.total_len < 64)
			continue;
		if (tl_certwalk_loose(d.start, d.total_len, &l) == 0)
			add_candidate(d.start, d.total_len);
	}
	if (tl_pem_detect(p, n)) {
		tl_pem_blocks b = {0};
		tl_diags *diags = tl_diags_new();

		tl_pem_split(p, n, "scan", &b, diags);
		for (i = 0; i < b.count; i++)
			add_candidate(b.blocks[i].der, b.blocks[i].der_len);
		tl_pem_blocks_free(&b);
		tl_diags_free(diags);
	}
}

static void walk(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *ent;

	if (!d || depth > 6) {
		if (d)
			closedir(d);
		return;
	}
	while ((ent = readdir(d))) {
		char *path;
		struct stat st;

		if (ent->d_name[0] == '.')
			continue;
		path = tl_xasprintf("%s/%s", dir, ent->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk(path, depth + 1);
		} else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (4 << 20)) {
			FILE *fp = fopen(path, "rb");
			uint8_t *buf = tl_xmalloc((size_t)st.st_size + 1);
			size_t n = fp ? fread(buf, 1, (size_t)st.st_size, fp) : 0;

			if (fp)
				fclose(fp);
			scan(buf, n);
			free(buf);
		}
		free(path);
	}
	closedir(d);
}

static int sha1_cmp(const void *a, const void *b)
{
	return memcmp(((const candidate *)a)->sha1, ((const candidate *)b)->sha1, 20);
}

static void collect(void)
{
	char *corpus;
	size_t i, kept = 0;

	if (cands)
		return;
	walk(tt_testdata_path("."), 0);
	corpus = tl_xasprintf("%s/../tests/fuzz/corpus", tt_testdata_path("."));
	walk(corpus, 0);
	free(corpus);
	qsort(cands, cand_count, sizeof(candidate), sha1_cmp);
	for (i = 0; i < cand_count; i++) {
		if (kept && memcmp(cands[kept - 1].sha1, cands[i].sha1, 20) == 0) {
			free(cands[i].der);
			continue;
		}
		cands[kept++] = cands[i];
	}
	cand_count = kept;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_bytes(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
	return al == bl && (al == 0 || memcmp(a, b, al) == 0);
}

/* The first fact in which a and b differ, or NULL. */
static const char *differs(const tl_cert *a, const tl_cert *b)
{
	size_t i;

	if (!same_str(a->subject, b->subject))
		return "subject";
	if (!same_str(a->issuer, b->issuer))
		return "issuer";
	if (a->subject_der != b->subject_der || a->subject_der_len != b->subject_der_len ||
	    a->issuer_der != b->issuer_der || a->issuer_der_len != b->issuer_der_len ||
	    a->spki_der != b->spki_der || a->spki_der_len != b->spki_der_len)
		return "name or key ranges";
	if (a->tbs_der != b->tbs_der || a->tbs_der_len != b->tbs_der_len ||
	    a->sig_value != b->sig_value || a->sig_value_len != b->sig_value_len)
		return "signed ranges";
	if (a->serial_len != b->serial_len || memcmp(a->serial, b->serial, a->serial_len) != 0)
		return "serial";
	if (memcmp(a->sha1, b->sha1, 20))
		return "hashes";
	if (a->version != b->version)
		return "version";
	if (a->not_before != b->not_before || a->not_after != b->not_after)
		return "validity";
	if (!same_str(a->key_algorithm, b->key_algorithm) || a->key_bits != b->key_bits ||
	    !same_str(a->curve, b->curve))
		return "key";
	if (a->sig_id != b->sig_id || !same_str(a->sig_algorithm, b->sig_algorithm) ||
	    !same_str(a->sig_oid, b->sig_oid) || !same_str(a->sig_hash, b->sig_hash))
		return "signature algorithm";
	if (a->bc_present != b->bc_present || a->is_ca != b->is_ca || a->path_len != b->path_len)
		return "basicConstraints";
	if (a->ku_present != b->ku_present || a->key_usage != b->key_usage)
		return "keyUsage";
	if (a->eku_present != b->eku_present || a->eku_count != b->eku_count)
		return "extendedKeyUsage";
	for (i = 0; i < a->eku_count; i++)
		if (strcmp(a->eku[i], b->eku[i]))
			return "extendedKeyUsage";
	if (!same_bytes(a->ski, a->ski_len, b->ski, b->ski_len) ||
	    !same_bytes(a->aki, a->aki_len, b->aki, b->aki_len))
		return "key identifiers";
	if (a->self_issued != b->self_issued || a->self_signed != b->self_signed)
		return "self-signed";
	return NULL;
}

/* xorshift64*: the same mutations on every run */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rnd(uint64_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545F4914F6CDD1Du) % n;
}

static const uint8_t interesting[] = {0x00, 0x01, 0x02, 0x05, 0x06, 0x0C, 0x13, 0x17,
				      0x18, 0x30, 0x31, 0x7F, 0x80, 0x81, 0x82, 0xA0,
				      0xA3, 0xFF, '0', '9', 'Z', 0x1F};

/* One mutation of der (n bytes) into out (room for n + 1); its length. */
static size_t mutate(const uint8_t *der, size_t n, uint8_t *out)
{
	size_t at = (size_t)rnd(n), len = n;

	memcpy(out, der, n);
	switch (rnd(7)) {
	case 0:
		out[at] = (uint8_t)rnd(256);
		break;
	case 1:
		out[at] = interesting[rnd(sizeof(interesting))];
		break;
	case 2:
		out[at] = (uint8_t)(out[at] + (rnd(2) ? 1 : 0xFF));
		break;
	case 3:
		out[at] ^= (uint8_t)(1u << rnd(8));
		break;
	case 4: /* delete */
		memmove(out + at, out + at + 1, n - at - 1);
		len--;
		break;
	case 5: /* insert */
		memmove(out + at + 1, out + at, n - at);
		out[at] = interesting[rnd(sizeof(interesting))];
		len++;
		break;
	default: /* truncate */
		len = at;
		break;
	}
	return len;
}

/* The real certificates: the default reading is GnuTLS's, and most of
 * them take the plain walk (else it would never be exercised). */
START_TEST(default_reading_is_gnutls)
{
	size_t i, plain = 0, parsed = 0;

	collect();
	ck_assert_msg(cand_count >= 100, "only %zu certificates found in testdata", cand_count);
	for (i = 0; i < cand_count; i++) {
		tl_cert a, b, p;
		char *ea = NULL, *eb = NULL, *ep = NULL;
		int ra = tl_cert_parse_as(cands[i].der, cands[i].len, &a, TL_CERT_PARSE_DEFAULT, &ea);
		int rb = tl_cert_parse_as(cands[i].der, cands[i].len, &b, TL_CERT_PARSE_GNUTLS, &eb);
		int rp = tl_cert_parse_as(cands[i].der, cands[i].len, &p, TL_CERT_PARSE_PLAIN_ONLY, &ep);

		ck_assert_msg(ra == rb, "candidate %zu: default %d, GnuTLS %d (%s)", i, ra, rb,
			      eb ? eb : ea);
		if (ra == 0) {
			const char *what = differs(&a, &b);
			ck_assert_msg(!what, "candidate %zu (%s): %s differs", i, a.subject, what);
			parsed++;
		} else {
			ck_assert_str_eq(ea, eb);
		}
		if (rp == 0) {
			ck_assert_msg(rb == 0, "candidate %zu: plain accepts what GnuTLS rejects", i);
			plain++;
		}
		tl_cert_free(&a);
		tl_cert_free(&b);
		tl_cert_free(&p);
		free(ea);
		free(eb);
		free(ep);
	}
	ck_assert_msg(plain * 2 > parsed, "only %zu of %zu certificates took the plain walk", plain,
		      parsed);
}
END_TEST

START_TEST(mutations_never_loosen)
{
	const char *env = getenv("TL_CERTWALK_MUTATIONS");
	long per = env ? strtol(env, NULL, 10) : 150;
	size_t i, plain = 0, total = 0;
	long k;

	if (getenv("TL_CERTWALK_SEED"))
		rng_state = strtoull(getenv("TL_CERTWALK_SEED"), NULL, 0) | 1;
	collect();
	for (i = 0; i < cand_count; i++) {
		uint8_t *buf = tl_xmalloc(cands[i].len + 1);

		for (k = 0; k < per; k++) {
			size_t len = mutate(cands[i].der, cands[i].len, buf);
			tl_cert p, g;
			char *ep = NULL, *eg = NULL;
			int rp = tl_cert_parse_as(buf, len, &p, TL_CERT_PARSE_PLAIN_ONLY, &ep);

			total++;
			if (rp == 0) {
				int rg = tl_cert_parse_as(buf, len, &g, TL_CERT_PARSE_GNUTLS, &eg);
				const char *what;

				ck_assert_msg(rg == 0,
					      "candidate %zu mutation %ld: plain accepts what GnuTLS rejects (%s)",
					      i, k, eg);
				what = differs(&p, &g);
				ck_assert_msg(!what, "candidate %zu mutation %ld: %s differs", i, k, what);
				tl_cert_free(&g);
				plain++;
			}
			tl_cert_free(&p);
			free(ep);
			free(eg);
		}
		free(buf);
	}
	/* a mutation inside a name, a string or a time keeps the DER plain */
	if (getenv("TL_CERTWALK_MUTATIONS"))
		fprintf(stderr, "certwalk: %zu certificates, %zu mutations, %zu stayed plain\n", cand_count, total, plain);
	ck_assert_msg(per == 0 || plain * 20 > total, "only %zu of %zu mutations stayed plain", plain,
		      total);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("certwalk");
	TCase *tc = tcase_create("certwalk");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, default_reading_is_gnutls);
	tcase_add_test(tc, mutations_never_loosen);
	suite_add_tcase(s, tc);
	return tt_run(s);
}
