/* check_index.c: the certificate index (model/index.h) through its own
 * API: where each certificate is held, ordered by store then position,
 * and the issuer question answered by signature, not by name, with the
 * answer kept per distinct certificate. Models are built by hand from
 * testdata certificates; the signature facts below were checked with
 * `openssl verify -check_ss_sig -partial_chain`, independently of
 * trustlint. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/index.h"
#include "modelutil.h"
#include "testutil.h"

/* The synthetic chain (testdata/fixtures/reg/synthetic/FIXTURES.md):
 * root (self-signed) issued issuing, which issued server. The look-alike
 * root (testdata/gen/lookalike.py) has the root's subject and issuer,
 * byte for byte, and another key: it neither verifies the issuing CA's
 * signature nor its own. The cross-root pair (testdata/gen/crosscert.sh)
 * share name and key; one is self-signed, the other issued by the bridge
 * CA. The MD2 root is self-issued with a signature nobody can check
 * (tests/check_cert.c: self_signed unverifiable). */
#define ROOT "fixtures/reg/synthetic/certs/root.cer"
#define ISSUING "fixtures/reg/synthetic/certs/issuing.cer"
#define SERVER "fixtures/reg/synthetic/certs/server.cer"
#define LOOKALIKE "issuers/lookalike-root.cer"
#define CROSS_SELF "crosscert/cross-root-selfsigned.cer"
#define CROSS_BY_BRIDGE "crosscert/cross-root-by-bridge.cer"
#define BRIDGE "crosscert/bridge-ca.cer"
#define MD2_ROOT "fixtures/certs/pkilint-pkix_v1_root_signed_with_md2.pem"
#define CRL_PEM "fixtures/stores/pika_root_CA-RSA4096.crl.pem"

/* SHA-1s from FIXTURES.md and `openssl x509 -fingerprint`, not from
 * trustlint */
#define SHA1_ROOT "f2 4e d8 04 9c ac dc 16 7a 5e 66 b5 b0 18 45 ae a3 16 7a 5a"
#define SHA1_ISSUING "b1 c1 fb 8b dc 20 a6 0d ae 95 ba 44 25 b6 1a 77 46 09 7a 66"
#define SHA1_SERVER "e4 e4 a4 cb 6a a6 c7 71 d7 6b 0d 44 93 2c b0 69 5f 68 ad 72"
#define SHA1_MEMBER1 "50 51 51 74 7d b9 bf f5 a4 5f bf 45 0f cd 6a f0 38 d1 c0 bf"
#define SHA1_MEMBER3 "98 b0 20 d5 00 b7 e3 f1 a1 c7 3e a5 44 0f 78 91 d7 5a ff 72"
#define SHA1_MEMBER9 "b1 0c f1 bb 00 79 d4 0d 05 cf 1f 30 4c d0 9f 3a dc b3 2d 3f"

static tl_model *model;
static tl_index *idx;

static void setup(void)
{
	model = tl_model_new();
	idx = NULL;
}

static void teardown(void)
{
	tl_index_free(idx);
	tl_model_free(model);
}

static tl_entry *add(tl_location loc, const char *store, const char *rel)
{
	return tt_model_add(model, loc, store, TL_ENTRY_CERT, rel);
}

static tl_entry *add_member(int n, tl_location loc, const char *store)
{
	return tt_model_add_member(model, n, loc, store);
}

/* One expected holder: the store's position in the model, the entry's in
 * the store. */
typedef struct holder {
	size_t store_index, pos;
} holder;

/* The holders of the certificate with SHA-1 hex are exactly want[0..n). */
static void ck_holders(const char *what, const char *sha1_hex, const holder *want, size_t n)
{
	tl_buf sha1 = tt_hex_bytes(sha1_hex);
	size_t got_n = 99, i;
	const tl_index_ref *got;

	ck_assert_uint_eq(sha1.len, 20);
	got = tl_index_holders(idx, (const uint8_t *)sha1.data, &got_n);
	ck_assert_msg(got_n == n, "%s: %zu holders, not %zu", what, got_n, n);
	/* in two steps, the same list */
	{
		uint32_t slot = tl_index_slot(idx, (const uint8_t *)sha1.data);
		size_t at_n = 99;
		const tl_index_ref *at = tl_index_holders_at(idx, slot, &at_n);

		ck_assert_msg((slot == TL_INDEX_NONE) == (n == 0), "%s: slot %u", what, slot);
		ck_assert_uint_eq(at_n, n);
		if (n)
			ck_assert_ptr_eq(at, got);
	}
	for (i = 0; i < n; i++) {
		ck_assert_msg(got[i].store_index == want[i].store_index && got[i].pos == want[i].pos,
			      "%s: holder %zu is store %u position %u, not %zu/%zu", what, i,
			      got[i].store_index, got[i].pos, want[i].store_index, want[i].pos);
		ck_assert_ptr_eq(got[i].store, model->stores[want[i].store_index]);
		ck_assert(memcmp(got[i].sha1, sha1.data, 20) == 0);
		ck_assert(memcmp(model->stores[got[i].store_index]->entries[got[i].pos]->cert.sha1,
				 sha1.data, 20) == 0);
	}
	tl_buf_free(&sha1);
}

START_TEST(holders_by_store_then_position)
{
	/* store 0 LocalMachine\Root:   root, member1, member2, root
	 * store 1 LocalMachine\CA:     issuing, member3, a CRL, an
	 *                              unparsable certificate
	 * store 2 CurrentUser\Root:    member1, root, issuing
	 * store 3 group policy Root:   (empty)
	 * store 4 enterprise Root:     member4 .. member9, root
	 * Entries are added store by store out of model order, so the order
	 * comes from the index, not from the order of adding. */
	static const holder root[] = {{0, 0}, {0, 3}, {2, 1}, {4, 6}};
	static const holder issuing[] = {{1, 0}, {2, 2}};
	static const holder member1[] = {{0, 1}, {2, 0}};
	static const holder member3[] = {{1, 1}};
	static const holder member9[] = {{4, 5}};
	tl_diags *d = tl_diags_new();
	tl_entry *bad;
	int n;

	tl_model_store(model, TL_LOC_LOCAL_MACHINE, "Root");
	tl_model_store(model, TL_LOC_LOCAL_MACHINE, "CA");
	tl_model_store(model, TL_LOC_CURRENT_USER, "Root");
	tl_model_store(model, TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "Root");
	tl_model_store(model, TL_LOC_LOCAL_MACHINE_ENTERPRISE, "Root");
	for (n = 4; n <= 9; n++)
		add_member(n, TL_LOC_LOCAL_MACHINE_ENTERPRISE, "Root");
	add(TL_LOC_LOCAL_MACHINE_ENTERPRISE, "Root", ROOT);
	add_member(1, TL_LOC_CURRENT_USER, "Root");
	add(TL_LOC_CURRENT_USER, "Root", ROOT);
	add(TL_LOC_CURRENT_USER, "Root", ISSUING);
	add(TL_LOC_LOCAL_MACHINE, "CA", ISSUING);
	add_member(3, TL_LOC_LOCAL_MACHINE, "CA");
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "CA", TL_ENTRY_CRL, CRL_PEM);
	bad = tl_entry_new(TL_ENTRY_CERT, (const uint8_t *)"\x30\x00", 2);
	tl_entry_finish(bad, d);
	ck_assert(!bad->parsed);
	ck_assert(tl_store_add(tl_model_store(model, TL_LOC_LOCAL_MACHINE, "CA"), bad));
	tl_diags_free(d);
	add(TL_LOC_LOCAL_MACHINE, "Root", ROOT);
	add_member(1, TL_LOC_LOCAL_MACHINE, "Root");
	add_member(2, TL_LOC_LOCAL_MACHINE, "Root");
	add(TL_LOC_LOCAL_MACHINE, "Root", ROOT);
	ck_assert_uint_eq(model->count, 5);
	idx = tl_index_new(model);

	ck_holders("root", SHA1_ROOT, root, TL_ARRAY_LEN(root));
	ck_holders("issuing", SHA1_ISSUING, issuing, TL_ARRAY_LEN(issuing));
	ck_holders("member1", SHA1_MEMBER1, member1, TL_ARRAY_LEN(member1));
	ck_holders("member3", SHA1_MEMBER3, member3, TL_ARRAY_LEN(member3));
	ck_holders("member9", SHA1_MEMBER9, member9, TL_ARRAY_LEN(member9));
}
END_TEST

START_TEST(holders_of_absent_certificates)
{
	/* Not held: a certificate not loaded, SHA-1s below and above every
	 * one held, and the entries that are not parsed certificates (the
	 * CRL, the unparsable bytes 30 00): their own hashes find nothing */
	tl_diags *d = tl_diags_new();
	tl_entry *crl, *bad;
	uint8_t sha1[20];
	size_t n = 99;

	/* an empty model first */
	idx = tl_index_new(model);
	ck_holders("empty model", SHA1_ROOT, NULL, 0);
	tl_index_free(idx);

	add(TL_LOC_LOCAL_MACHINE, "Root", ROOT);
	add(TL_LOC_LOCAL_MACHINE, "CA", ISSUING);
	crl = tt_model_add(model, TL_LOC_LOCAL_MACHINE, "CA", TL_ENTRY_CRL, CRL_PEM);
	bad = tl_entry_new(TL_ENTRY_CERT, (const uint8_t *)"\x30\x00", 2);
	tl_entry_finish(bad, d);
	ck_assert(tl_store_add(tl_model_store(model, TL_LOC_LOCAL_MACHINE, "CA"), bad));
	tl_diags_free(d);
	idx = tl_index_new(model);
	ck_holders("server", SHA1_SERVER, NULL, 0);
	ck_holders("all zero", "0000000000000000000000000000000000000000", NULL, 0);
	ck_holders("all ff", "ffffffffffffffffffffffffffffffffffffffff", NULL, 0);
	tl_entry_hashes(crl, sha1, NULL);
	tl_index_holders(idx, sha1, &n);
	ck_assert_uint_eq(n, 0);
	n = 99;
	tl_entry_hashes(bad, sha1, NULL);
	tl_index_holders(idx, sha1, &n);
	ck_assert_uint_eq(n, 0);
	/* and the two held ones are still found */
	ck_holders("root", SHA1_ROOT, (const holder[]){{0, 0}}, 1);
	ck_holders("issuing", SHA1_ISSUING, (const holder[]){{1, 0}}, 1);
}
END_TEST

static const char *answer_name(tl_issuer_answer a)
{
	switch (a) {
	case TL_ISSUER_FOUND:
		return "found";
	case TL_ISSUER_MISSING:
		return "missing";
	case TL_ISSUER_UNKNOWN:
		return "unknown";
	}
	return "not an answer";
}

START_TEST(find_issuer_by_signature)
{
	/* The model is the certificates listed, in LocalMachine\Root in that
	 * order; the question is asked of the one named by subject (held in
	 * the model when it is listed, else loaded on its own). */
	static const struct {
		const char *what;
		const char *model[4];
		const char *subject;
		tl_issuer_answer want;
	} cases[] = {
		{"issued by a loaded CA", {ROOT, ISSUING}, ISSUING, TL_ISSUER_FOUND},
		/* same name, another key: a name match is not an issuer */
		{"a look-alike only", {LOOKALIKE, ISSUING}, ISSUING, TL_ISSUER_MISSING},
		{"look-alike before the root", {LOOKALIKE, ROOT, ISSUING}, ISSUING, TL_ISSUER_FOUND},
		{"root before the look-alike", {ROOT, LOOKALIKE, ISSUING}, ISSUING, TL_ISSUER_FOUND},
		{"self-signed root", {ROOT}, ROOT, TL_ISSUER_FOUND},
		{"self-signed root beside its look-alike", {LOOKALIKE, ROOT}, ROOT, TL_ISSUER_FOUND},
		/* self-issued, but neither its key nor the root's verifies it */
		{"the look-alike itself", {LOOKALIKE}, LOOKALIKE, TL_ISSUER_MISSING},
		{"the look-alike beside the root", {ROOT, LOOKALIKE}, LOOKALIKE, TL_ISSUER_MISSING},
		{"issuer not loaded", {SERVER}, SERVER, TL_ISSUER_MISSING},
		{"only the issuer's issuer loaded", {ROOT, SERVER}, SERVER, TL_ISSUER_MISSING},
		{"issuer loaded, its own issuer not", {ISSUING, SERVER}, SERVER, TL_ISSUER_FOUND},
		/* the cross-certificate's issuer is the bridge; the self-signed
		 * root with its name and key is not named as its issuer */
		{"cross-certificate without the bridge", {CROSS_SELF, CROSS_BY_BRIDGE}, CROSS_BY_BRIDGE,
		 TL_ISSUER_MISSING},
		{"cross-certificate with the bridge", {BRIDGE, CROSS_BY_BRIDGE}, CROSS_BY_BRIDGE,
		 TL_ISSUER_FOUND},
		{"self-signed cross root beside the cross-certificate", {CROSS_BY_BRIDGE, CROSS_SELF},
		 CROSS_SELF, TL_ISSUER_FOUND},
		/* MD2: the only candidate cannot be checked */
		{"MD2 self-issued root", {MD2_ROOT}, MD2_ROOT, TL_ISSUER_UNKNOWN},
		/* asked of a certificate the model does not hold */
		{"subject not held", {ROOT}, ISSUING, TL_ISSUER_FOUND},
		{"subject not held, issuer missing", {LOOKALIKE}, ISSUING, TL_ISSUER_MISSING},
	};
	size_t i, j;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_entry *subject = NULL;
		tl_model *other = NULL;
		tl_issuer_answer got;

		teardown();
		setup();
		for (j = 0; j < TL_ARRAY_LEN(cases[i].model) && cases[i].model[j]; j++) {
			tl_entry *e = add(TL_LOC_LOCAL_MACHINE, "Root", cases[i].model[j]);
			if (strcmp(cases[i].model[j], cases[i].subject) == 0)
				subject = e;
		}
		if (!subject) {
			other = tl_model_new();
			subject = tt_model_add(other, TL_LOC_LOCAL_MACHINE, "Other", TL_ENTRY_CERT,
					       cases[i].subject);
		}
		idx = tl_index_new(model);
		got = tl_index_find_issuer(idx, subject);
		tl_model_free(other);
		ck_assert_msg(got == cases[i].want, "%s: %s, not %s", cases[i].what, answer_name(got),
			      answer_name(cases[i].want));
	}
}
END_TEST

START_TEST(find_issuer_on_threads)
{
	/* With the model's jobs above 1 the first question answers every
	 * certificate on the pool's threads: each answer is the one a
	 * single-threaded index gives, asked in any order, many times over
	 * (enough entries for several chunks of the pool). */
	static const char *const files[] = {ROOT, ISSUING, SERVER, LOOKALIKE, CROSS_SELF,
					    CROSS_BY_BRIDGE, BRIDGE};
	tl_entry *entries[7 * 40];
	tl_index *one, *three;
	size_t i, n = 0;
	int round;

	for (round = 0; round < 40; round++)
		for (i = 0; i < TL_ARRAY_LEN(files); i++)
			entries[n++] = add(TL_LOC_LOCAL_MACHINE, round % 2 ? "CA" : "Root", files[i]);
	model->jobs = 1;
	one = tl_index_new(model);
	model->jobs = 3;
	three = tl_index_new(model);
	for (i = n; i-- > 0;)
		ck_assert_int_eq(tl_index_find_issuer(three, entries[i]),
				 tl_index_find_issuer(one, entries[i]));
	ck_assert_int_eq(tl_index_find_issuer(three, entries[1]), TL_ISSUER_FOUND);
	ck_assert_int_eq(tl_index_find_issuer(three, entries[2]), TL_ISSUER_FOUND);
	tl_index_free(one);
	tl_index_free(three);
}
END_TEST

START_TEST(find_issuer_memo)
{
	/* The answer is kept per distinct certificate (by SHA-1). Seen from
	 * outside: an entry that claims a held certificate's SHA-1 but whose
	 * signature bytes are damaged gets the kept answer, while a fresh
	 * index, which must check the signature, says MISSING. */
	tl_entry *issuing, *issuing_cu, forged;
	uint8_t *damaged;
	tl_issuer_answer first;

	add(TL_LOC_LOCAL_MACHINE, "Root", ROOT);
	issuing = add(TL_LOC_LOCAL_MACHINE, "CA", ISSUING);
	issuing_cu = add(TL_LOC_CURRENT_USER, "CA", ISSUING);
	idx = tl_index_new(model);

	/* the same answer twice, and for the same certificate held in
	 * another store */
	first = tl_index_find_issuer(idx, issuing);
	ck_assert_int_eq(first, TL_ISSUER_FOUND);
	ck_assert_int_eq(tl_index_find_issuer(idx, issuing), TL_ISSUER_FOUND);
	ck_assert_int_eq(tl_index_find_issuer(idx, issuing_cu), TL_ISSUER_FOUND);

	/* the last byte of the DER is the end of the signature; the facts
	 * point at the signed bytes, so they are moved to the damaged copy */
	forged = *issuing;
	damaged = tl_xmemdup(issuing->der, issuing->der_len);
	damaged[issuing->der_len - 1] ^= 0x01;
	forged.der = damaged;
	forged.cert.tbs_der = damaged + (issuing->cert.tbs_der - issuing->der);
	forged.cert.sig_value = damaged + (issuing->cert.sig_value - issuing->der);
	ck_assert_int_eq(tl_index_find_issuer(idx, &forged), TL_ISSUER_FOUND);
	tl_index_free(idx);
	idx = tl_index_new(model);
	ck_assert_int_eq(tl_index_find_issuer(idx, &forged), TL_ISSUER_MISSING);
	free(damaged);

	/* MISSING and UNKNOWN are kept as well: asked twice, the same */
	teardown();
	setup();
	add(TL_LOC_LOCAL_MACHINE, "Root", LOOKALIKE);
	issuing = add(TL_LOC_LOCAL_MACHINE, "CA", ISSUING);
	issuing_cu = add(TL_LOC_LOCAL_MACHINE, "Root", MD2_ROOT);
	idx = tl_index_new(model);
	ck_assert_int_eq(tl_index_find_issuer(idx, issuing), TL_ISSUER_MISSING);
	ck_assert_int_eq(tl_index_find_issuer(idx, issuing), TL_ISSUER_MISSING);
	ck_assert_int_eq(tl_index_find_issuer(idx, issuing_cu), TL_ISSUER_UNKNOWN);
	ck_assert_int_eq(tl_index_find_issuer(idx, issuing_cu), TL_ISSUER_UNKNOWN);
}
END_TEST

static Suite *index_suite(void)
{
	Suite *s = suite_create("index");
	TCase *holders = tcase_create("holders");
	TCase *issuer = tcase_create("issuer");

	tcase_add_checked_fixture(holders, setup, teardown);
	tcase_add_test(holders, holders_by_store_then_position);
	tcase_add_test(holders, holders_of_absent_certificates);
	suite_add_tcase(s, holders);
	tcase_add_checked_fixture(issuer, setup, teardown);
	tcase_add_test(issuer, find_issuer_by_signature);
	tcase_add_test(issuer, find_issuer_memo);
	tcase_add_test(issuer, find_issuer_on_threads);
	suite_add_tcase(s, issuer);
	return s;
}

int main(void)
{
	return tt_run(index_suite());
}
