/* index.c: see index.h. Two sorted arrays, searched by bisection, so a
 * model of 100,000 certificates is indexed in n log n and every question
 * is a log n lookup. */
#include "config.h"

#include "model/index.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct tl_index {
	tl_index_ref *by_sha1; /* sorted by SHA-1, store index, position */
	size_t sha1_count;
	const tl_entry **by_subject; /* sorted by subject DER */
	size_t subject_count;
	/* per distinct certificate (its first slot in by_sha1): 0 not asked
	 * yet, else its tl_issuer_answer */
	uint8_t *issuer_memo;
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

static int ref_cmp(const void *a, const void *b)
{
	const tl_index_ref *x = a, *y = b;
	int c = memcmp(x->sha1, y->sha1, 20);

	if (c)
		return c;
	if (x->store_index != y->store_index)
		return x->store_index < y->store_index ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
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
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];

			if (e->kind != TL_ENTRY_CERT || !e->parsed)
				continue;
			x->by_sha1[x->sha1_count++] = (tl_index_ref){e->cert.sha1, m->stores[i], i, j};
			x->by_subject[x->subject_count++] = e;
		}
	if (n) {
		qsort(x->by_sha1, n, sizeof(tl_index_ref), ref_cmp);
		qsort(x->by_subject, n, sizeof(tl_entry *), subject_cmp);
	}
	return x;
}

void tl_index_free(tl_index *x)
{
	if (!x)
		return;
	free(x->by_sha1);
	free(x->by_subject);
	free(x->issuer_memo);
	free(x);
}

/* First slot of sha1 in by_sha1 (sha1_count when absent and greater). */
static size_t first_slot(const tl_index *x, const uint8_t sha1[20])
{
	size_t l = 0, h = x->sha1_count;

	while (l < h) {
		size_t mid = l + (h - l) / 2;
		if (memcmp(x->by_sha1[mid].sha1, sha1, 20) < 0)
			l = mid + 1;
		else
			h = mid;
	}
	return l;
}

const tl_index_ref *tl_index_holders(const tl_index *x, const uint8_t sha1[20], size_t *n)
{
	size_t slot = first_slot(x, sha1), end = slot;

	while (end < x->sha1_count && memcmp(x->by_sha1[end].sha1, sha1, 20) == 0)
		end++;
	*n = end - slot;
	return x->by_sha1 + slot;
}

/* Names alone do not count (DESIGN.md 2): each candidate with the issuer's
 * name is verified. */
const tl_entry *tl_index_issuer_of(const tl_index *x, const tl_cert *c, const uint8_t *der,
				   size_t len, tl_issuer_answer *answer)
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
			r = tl_cert_verify_signed_by(der, len, cand->der, cand->der_len);
		if (r == TL_SIG_YES) {
			*answer = TL_ISSUER_FOUND;
			return cand;
		}
		if (r == TL_SIG_UNVERIFIABLE)
			*answer = TL_ISSUER_UNKNOWN;
	}
	return NULL;
}

tl_issuer_answer tl_index_find_issuer(tl_index *x, const tl_entry *e)
{
	size_t slot = first_slot(x, e->cert.sha1);
	bool held = slot < x->sha1_count && memcmp(x->by_sha1[slot].sha1, e->cert.sha1, 20) == 0;
	tl_issuer_answer answer;

	if (held && x->issuer_memo[slot])
		return (tl_issuer_answer)x->issuer_memo[slot];
	tl_index_issuer_of(x, &e->cert, e->der, e->der_len, &answer);
	if (held)
		x->issuer_memo[slot] = (uint8_t)answer;
	return answer;
}
