/* index.h: the certificate index of a model (DESIGN.md 2): every parsed
 * certificate by SHA-1 (which stores hold it, at which positions) and by
 * subject name, and the issuer question answered by signature, not by
 * name, once per distinct certificate.
 *
 * Ownership: a tl_index borrows the model it was built from, which must
 * outlive it and must not change while it lives. */
#ifndef TL_INDEX_H
#define TL_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "model/store.h"

/* One place a certificate is held. */
typedef struct tl_index_ref {
	uint64_t lead;         /* the SHA-1's first 8 bytes, big-endian (index.c) */
	const uint8_t *sha1;   /* the certificate's SHA-1 (borrowed from its entry) */
	const tl_store *store;
	uint32_t store_index;  /* the store's position in the model */
	uint32_t pos;          /* the entry's position in its store */
} tl_index_ref;

typedef struct tl_index tl_index;

tl_index *tl_index_new(const tl_model *m);
void tl_index_free(tl_index *x);

/* Every place the certificate with this SHA-1 is held, ordered by store
 * (model order) then position; *n is 0 when none. */
const tl_index_ref *tl_index_holders(const tl_index *x, const uint8_t sha1[20], size_t *n);

/* The same in two steps, for a caller that asks of one certificate many
 * times: tl_index_slot() finds where its holders start (TL_INDEX_NONE when
 * none), tl_index_holders_at() lists them from there without looking the
 * hash up again. A view keeps each certificate's slot: rules asked for a
 * certificate's holders 6 times each at 100,000 certificates, and each
 * lookup is a cache miss or two once the index outgrows the cache. */
#define TL_INDEX_NONE UINT32_MAX
uint32_t tl_index_slot(const tl_index *x, const uint8_t sha1[20]);
const tl_index_ref *tl_index_holders_at(const tl_index *x, uint32_t slot, size_t *n);

typedef enum tl_issuer_answer {
	TL_ISSUER_FOUND = 1, /* a loaded certificate's key verifies the signature */
	TL_ISSUER_MISSING,   /* no loaded certificate does */
	TL_ISSUER_UNKNOWN,   /* a candidate's signature could not be checked */
} tl_issuer_answer;

/* Is a loaded certificate named as e's issuer the one whose key made e's
 * signature? e must be a parsed certificate. The answer is kept per
 * distinct certificate, so the index is not const here. With the model's
 * jobs above 1, the first question answers every certificate of the
 * index on the pool's threads (base/pool.h), so the checks of a rule
 * over a scope are spread over the cores; the answers do not depend on
 * it. Several threads may ask at once. */
tl_issuer_answer tl_index_find_issuer(tl_index *x, const tl_entry *e);

/* The same question for any parsed certificate c (its facts point at the
 * bytes it was signed over), held by the model or not (a certificate in
 * a configuration file): the loaded certificate whose key made its
 * signature, or NULL with *answer MISSING or UNKNOWN. Not memoised; each
 * candidate's key is imported once for the index's life. Safe on several
 * threads at once. */
const tl_entry *tl_index_issuer_of(const tl_index *x, const tl_cert *c, tl_issuer_answer *answer);

#endif
