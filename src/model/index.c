/* index.c: see index.h. Two sorted arrays, searched by bisection, so a
 * model of 100,000 certificates is indexed in n log n and every question
 * is a log n lookup. */
#include "config.h"

#include "model/index.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/pool.h"
#include "base/util.h"

struct tl_index {
	tl_index_ref *by_sha1; /* sorted by SHA-1, store index, position */
	size_t sha1_count;
	const tl_entry **by_subject; /* sorted by subject DER */
	size_t subject_count;
	/* per distinct certificate (its first slot in by_sha1): 0 not asked
	 * yet, else its tl_issuer_answer; read and written atomically, as the
	 * answers are found on the pool's threads */
	uint8_t *issuer_memo;
	/* per by_subject slot: its key, imported the first time a signature
	 * is checked with it (atomically: threads race to import it) */
	tl_cert_key **keys;
	/* first_slot() by hashing: each distinct SHA-1's first slot in
	 * by_sha1, keyed by the hash's first 4 bytes, open addressing;
	 * binary search touched a certificate's entry per probe, which
	 * showed in profiles of rules over 100,000 certificates. 8 bytes a
	 * slot: the key tells nearly every probe apart, the SHA-1 itself
	 * the rest. */
	struct slot_key {
		uint32_t key;
		uint32_t slot; /* UINT32_MAX: empty */
	} *table;
	size_t table_mask;
	unsigned jobs;     /* threads the answers are found on (model->jobs) */
	bool all_answered; /* every certificate's answer is in issuer_memo */
	pthread_mutex_t batch_lock; /* held by the thread answering them all */
};

static int name_cmp(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c ? c : (al > bl) - (al < bl);
}

static int subject_cmp(const void *a, const void *b)
{
	const tl_entry *x = *(const tl_entry *const *)a, *y = *(const tl_entry *const *)b;

	return name_cmp(x->cert.subject_der, x->cert.subject_der_len, y->cert.subject_der,
			y->cert.subject_der_len);
}

/* A SHA-1's first 8 bytes as a number that orders as memcmp() does. The
 * refs carry it: sorting 100,000 of them and probing for one compared
 * hashes through pointers into 100,000 scattered entries, a cache miss
 * each (memcmp grew from 1.7% to 2.6% of a lint from 10,000 to 100,000
 * certificates); hashes that differ nearly always differ here. */
static uint64_t sha1_lead(const uint8_t sha1[20])
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | sha1[i];
	return v;
}

/* Whether ref holds the certificate whose SHA-1 is sha1 (lead its lead). */
static bool ref_is(const tl_index_ref *ref, uint64_t lead, const uint8_t sha1[20])
{
	return ref->lead == lead && memcmp(ref->sha1, sha1, 20) == 0;
}

static int ref_cmp(const void *a, const void *b)
{
	const tl_index_ref *x = a, *y = b;
	int c;

	if (x->lead != y->lead)
		return x->lead < y->lead ? -1 : 1;
	c = memcmp(x->sha1, y->sha1, 20);
	if (c)
		return c;
	if (x->store_index != y->store_index)
		return x->store_index < y->store_index ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The hash table's key: the lead's first 4 bytes. */
static uint32_t lead_key(uint64_t lead)
{
	return (uint32_t)(lead >> 32);
}

static void build_table(tl_index *x)
{
	size_t cap = 16, i;

	while (cap < 2 * x->sha1_count)
		cap *= 2;
	x->table = tl_xmalloc(cap * sizeof(*x->table));
	x->table_mask = cap - 1;
	for (i = 0; i < cap; i++)
		x->table[i].slot = UINT32_MAX;
	for (i = 0; i < x->sha1_count && i < UINT32_MAX; i++) {
		uint32_t k;
		size_t at;

		if (i > 0 && ref_is(&x->by_sha1[i - 1], x->by_sha1[i].lead, x->by_sha1[i].sha1))
			continue;
		k = lead_key(x->by_sha1[i].lead);
		for (at = (size_t)k & x->table_mask; x->table[at].slot != UINT32_MAX;
		     at = (at + 1) & x->table_mask)
			;
		x->table[at].key = k;
		x->table[at].slot = (uint32_t)i;
	}
}

/* Certificates from which the two sorts run on two threads. */
#define SORT_APART 4096

/* Item 0 sorts by_sha1, item 1 by_subject: neither reads the other. */
static void sort_one(void *arg, size_t i)
{
	tl_index *x = arg;

	if (i == 0)
		qsort(x->by_sha1, x->sha1_count, sizeof(tl_index_ref), ref_cmp);
	else
		qsort(x->by_subject, x->subject_count, sizeof(tl_entry *), subject_cmp);
}

tl_index *tl_index_new(const tl_model *m)
{
	tl_index *x = tl_xcalloc(1, sizeof(*x));
	size_t i, j, n = 0;

	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++)
			n += m->stores[i]->entries[j]->kind == TL_ENTRY_CERT &&
			     m->stores[i]->entries[j]->parsed;
	x->by_sha1 = tl_xcalloc(n ? n : 1, sizeof(tl_index_ref));
	x->by_subject = tl_xcalloc(n ? n : 1, sizeof(tl_entry *));
	x->issuer_memo = tl_xcalloc(n ? n : 1, 1);
	x->keys = tl_xcalloc(n ? n : 1, sizeof(tl_cert_key *));
	x->jobs = m->jobs;
	pthread_mutex_init(&x->batch_lock, NULL);
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];

			if (e->kind != TL_ENTRY_CERT || !e->parsed)
				continue;
			/* 32 bits: a store of 2^32 entries (500,000 an input,
			 * input.h) would need a terabyte of entries first */
			x->by_sha1[x->sha1_count++] =
				(tl_index_ref){sha1_lead(e->cert.sha1), e->cert.sha1, m->stores[i],
					       (uint32_t)i, (uint32_t)j};
			x->by_subject[x->subject_count++] = e;
		}
	/* the two orders are sorted at once, each on its own thread, when
	 * there are enough to be worth starting one (Microsoft's few hundred
	 * roots sort in less time than a thread takes to start) */
	if (n)
		tl_pool_for(2, n >= SORT_APART ? x->jobs : 1, sort_one, x);
	build_table(x);
	return x;
}

void tl_index_free(tl_index *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < x->subject_count; i++)
		tl_cert_key_free(x->keys[i]);
	free(x->keys);
	free(x->table);
	free(x->by_sha1);
	free(x->by_subject);
	free(x->issuer_memo);
	pthread_mutex_destroy(&x->batch_lock);
	free(x);
}

/* First slot of sha1 in by_sha1, or sha1_count when it is absent. */
static size_t first_slot(const tl_index *x, const uint8_t sha1[20])
{
	uint64_t lead = sha1_lead(sha1);
	uint32_t k = lead_key(lead);
	size_t at;

	for (at = (size_t)k & x->table_mask; x->table[at].slot != UINT32_MAX;
	     at = (at + 1) & x->table_mask)
		if (x->table[at].key == k && ref_is(&x->by_sha1[x->table[at].slot], lead, sha1))
			return x->table[at].slot;
	return x->sha1_count;
}

uint32_t tl_index_slot(const tl_index *x, const uint8_t sha1[20])
{
	size_t slot = first_slot(x, sha1);

	/* build_table() keeps slots below UINT32_MAX */
	return slot < x->sha1_count ? (uint32_t)slot : TL_INDEX_NONE;
}

const tl_index_ref *tl_index_holders_at(const tl_index *x, uint32_t slot, size_t *n)
{
	size_t end = slot;

	*n = 0;
	if (slot >= x->sha1_count)
		return x->by_sha1;
	while (++end < x->sha1_count &&
	       ref_is(&x->by_sha1[end], x->by_sha1[slot].lead, x->by_sha1[slot].sha1))
		;
	*n = end - slot;
	return x->by_sha1 + slot;
}

const tl_index_ref *tl_index_holders(const tl_index *x, const uint8_t sha1[20], size_t *n)
{
	return tl_index_holders_at(x, tl_index_slot(x, sha1), n);
}

/* The key of by_subject slot i, imported once: a CA that issued 10,000 of
 * the certificates is imported once, not 10,000 times. */
static const tl_cert_key *key_of(const tl_index *x, size_t i)
{
	tl_cert_key *k = __atomic_load_n(&x->keys[i], __ATOMIC_ACQUIRE), *expected = NULL;

	if (k)
		return k;
	k = tl_cert_key_new(&x->by_subject[i]->cert);
	if (!__atomic_compare_exchange_n(&x->keys[i], &expected, k, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		tl_cert_key_free(k); /* another thread's import won */
		return expected;
	}
	return k;
}

/* Names alone do not count (DESIGN.md 2): each candidate with the issuer's
 * name is verified. */
const tl_entry *tl_index_issuer_of(const tl_index *x, const tl_cert *c, tl_issuer_answer *answer)
{
	size_t l = 0, h = x->subject_count, i;
	const uint8_t *last = NULL;

	*answer = TL_ISSUER_MISSING;
	/* the first certificate whose subject is this one's issuer */
	while (l < h) {
		size_t mid = l + (h - l) / 2;
		const tl_cert *y = &x->by_subject[mid]->cert;
		if (name_cmp(y->subject_der, y->subject_der_len, c->issuer_der, c->issuer_der_len) < 0)
			l = mid + 1;
		else
			h = mid;
	}
	for (i = l; i < x->subject_count; i++) {
		const tl_entry *cand = x->by_subject[i];
		tl_sigcheck r;

		if (name_cmp(cand->cert.subject_der, cand->cert.subject_der_len, c->issuer_der,
			     c->issuer_der_len) != 0)
			break;
		/* the same certificate in several stores is checked once */
		if (last && memcmp(last, cand->cert.sha1, 20) == 0)
			continue;
		last = cand->cert.sha1;
		if (memcmp(cand->cert.sha1, c->sha1, 20) == 0 && c->self_issued)
			r = c->self_signed;
		else
			r = tl_cert_verify(c, key_of(x, i));
		if (r == TL_SIG_YES) {
			*answer = TL_ISSUER_FOUND;
			return cand;
		}
		if (r == TL_SIG_UNVERIFIABLE)
			*answer = TL_ISSUER_UNKNOWN;
	}
	return NULL;
}

/* The answer of every distinct certificate (its first by_sha1 slot),
 * found on the pool's threads: each item writes only its own memo slot. */
static void answer_one(void *arg, size_t slot)
{
	tl_index *x = arg;
	const tl_index_ref *ref = &x->by_sha1[slot];
	const tl_entry *e;
	tl_issuer_answer answer;

	if (slot > 0 && ref_is(&x->by_sha1[slot - 1], ref->lead, ref->sha1))
		return; /* the same certificate, answered at its first slot */
	e = ref->store->entries[ref->pos];
	tl_index_issuer_of(x, &e->cert, &answer);
	__atomic_store_n(&x->issuer_memo[slot], (uint8_t)answer, __ATOMIC_RELAXED);
}

tl_issuer_answer tl_index_find_issuer(tl_index *x, const tl_entry *e)
{
	size_t slot = first_slot(x, e->cert.sha1);
	bool held = slot < x->sha1_count; /* first_slot() compared the whole hash */
	tl_issuer_answer answer;
	uint8_t memo;

	/* The first question answers them all on every thread: a rule that
	 * asks it asks it of a whole scope, and one by one the checks could
	 * not be spread. A run whose rules never ask makes no check. Rules
	 * evaluated on several threads ask together: one runs the batch on
	 * the pool, the others wait for it rather than check twice. */
	if (x->jobs > 1 && !__atomic_load_n(&x->all_answered, __ATOMIC_ACQUIRE)) {
		pthread_mutex_lock(&x->batch_lock);
		if (!x->all_answered) {
			tl_pool_for(x->sha1_count, x->jobs, answer_one, x);
			__atomic_store_n(&x->all_answered, true, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&x->batch_lock);
	}
	memo = held ? __atomic_load_n(&x->issuer_memo[slot], __ATOMIC_RELAXED) : 0;
	if (memo)
		return (tl_issuer_answer)memo;
	tl_index_issuer_of(x, &e->cert, &answer);
	if (held)
		__atomic_store_n(&x->issuer_memo[slot], (uint8_t)answer, __ATOMIC_RELAXED);
	return answer;
}
