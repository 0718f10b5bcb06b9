/* rootprogram.c: Microsoft's root program lists. See rootprogram.h. */
#include "config.h"

#include "windows/rootprogram.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/der.h"
#include "base/util.h"
#include "formats/ctlsig.h"
#include "model/cert.h"
#include "model/ctldata.h"
#include "windows/distrust.h"

struct tl_program_key {
	uint8_t id[20];
	size_t subject; /* its index in the CTL's subjects */
};

/* The usage OIDs of the lists (wincrypt.h). */
#define OID_ROOT_LIST_SIGNER "1.3.6.1.4.1.311.10.3.9"
#define OID_DISALLOWED_LIST "1.3.6.1.4.1.311.10.3.30"
#define OID_PIN_RULES_CTL "1.3.6.1.4.1.311.10.3.32"
#define OID_SHA1 "1.3.14.3.2.26"
/* A program entry's attributes: 1.3.6.1.4.1.311.10.11.<store property id>
 * (FORMATS.md 3 and 7) */
#define OID_PROP_PREFIX "1.3.6.1.4.1.311.10.11."

/* Microsoft's roots a program list's signer chains to (FORMATS.md 7 names
 * Microsoft Root Certificate Authority 2010 and 2011; the two older roots
 * signed older lists). Inferred: the thumbprints are the well-known ones,
 * not checked against a real export here; check_rootprogram names this. */
static const char *const microsoft_roots[] = {
	"3B1EFD3A66EA28B16697394703A72CA340A05BD5", /* Microsoft Root Certificate Authority 2010 */
	"8F43288AD272F3103B6FB1428485EA3014C0BCFE", /* Microsoft Root Certificate Authority 2011 */
	"CDD4EEAE6000AC7F40C3802C171E30148030C072", /* Microsoft Root Certificate Authority */
	"A43489159A520F0D93D032CCAF37E7FE20A8B419", /* Microsoft Root Authority */
};

/* How far a signer's chain is followed. */
#define CHAIN_MAX 8

const char *tl_list_kind_name(tl_list_kind k)
{
	static const char *const names[] = {"other", "authroot", "disallowed", "pin-rules"};

	return (size_t)k < TL_ARRAY_LEN(names) ? names[k] : "other";
}

const char *tl_list_check_name(tl_list_check c)
{
	static const char *const names[] = {"verified", "unchecked", "bad", "no-root"};

	return (size_t)c < TL_ARRAY_LEN(names) ? names[c] : "bad";
}

const char *tl_program_state_name(tl_program_state s)
{
	static const char *const names[] = {"unknown", "in-program", "not-in-program",
					    "disallowed"};

	return (size_t)s < TL_ARRAY_LEN(names) ? names[s] : "unknown";
}

tl_list_kind tl_list_kind_of(const tl_ctl *ctl)
{
	size_t i;

	for (i = 0; ctl && i < ctl->usage_count; i++) {
		if (strcmp(ctl->usage[i], OID_ROOT_LIST_SIGNER) == 0)
			return TL_LIST_AUTHROOT;
		if (strcmp(ctl->usage[i], OID_DISALLOWED_LIST) == 0)
			return TL_LIST_DISALLOWED;
		if (strcmp(ctl->usage[i], OID_PIN_RULES_CTL) == 0)
			return TL_LIST_PIN_RULES;
	}
	return TL_LIST_OTHER;
}

/* ---- the signature and the signer's chain */

static bool microsoft_root(const uint8_t sha1[20])
{
	char hex[41];
	size_t i;

	tl_hex(sha1, 20, hex, true);
	for (i = 0; i < TL_ARRAY_LEN(microsoft_roots); i++)
		if (strcmp(hex, microsoft_roots[i]) == 0)
			return true;
	return false;
}

/* The issuer of c by signature: among the certificates the list
 * carries, then the export's; its bytes into *der_out. */
static bool issuer_of(const tl_ctlsig *sig, const tl_index *x, const tl_cert *c,
		      const uint8_t **der_out, size_t *len_out)
{
	tl_issuer_answer answer;
	const tl_entry *e;
	size_t i;

	for (i = 0; i < sig->cert_count; i++) {
		tl_cert cand;
		char *err = NULL;
		bool is;

		if (tl_cert_parse(sig->certs[i], sig->cert_lens[i], &cand, &err) != 0) {
			free(err);
			continue;
		}
		is = cand.subject_der_len == c->issuer_der_len &&
		     memcmp(cand.subject_der, c->issuer_der, c->issuer_der_len) == 0 &&
		     memcmp(cand.sha1, c->sha1, 20) != 0;
		if (is)
			is = tl_cert_verified_by(c, &cand) == TL_SIG_YES;
		tl_cert_free(&cand);
		if (is) {
			*der_out = sig->certs[i];
			*len_out = sig->cert_lens[i];
			return true;
		}
	}
	e = tl_index_issuer_of(x, c, &answer);
	if (!e)
		return false;
	*der_out = e->der;
	*len_out = e->der_len;
	return true;
}

/* Follow the signer up to a self-signed root; say what it ends at. */
static void signer_chain(tl_program_list *pl, const tl_ctlsig *sig, const tl_index *x,
			 const tl_logical_store *root, int64_t when)
{
	tl_cert cur;
	const uint8_t *der = sig->signer_der;
	size_t len = sig->signer_len, depth;
	char *err = NULL;

	if (tl_cert_parse(der, len, &cur, &err) != 0) {
		pl->check = TL_LIST_BAD;
		pl->reason = tl_xasprintf("the signer's certificate does not parse: %s", err);
		free(err);
		return;
	}
	pl->signer = tl_xstrdup(cur.subject);
	/* inferred: the signer must have been valid when the list was issued
	 * (thisUpdate), as for any signature without a timestamp */
	if (when < cur.not_before || when > cur.not_after) {
		pl->check = TL_LIST_BAD;
		pl->reason = tl_xasprintf("the signer '%s' was not valid when the list was issued",
					  cur.subject);
		tl_cert_free(&cur);
		return;
	}
	for (depth = 0; depth <= CHAIN_MAX; depth++) {
		if (cur.self_issued && cur.self_signed == TL_SIG_YES) {
			pl->signer_root = tl_xstrdup(cur.subject);
			pl->signer_root_microsoft = microsoft_root(cur.sha1);
			if (!root) {
				pl->check = TL_LIST_NO_ROOT;
				pl->reason = tl_xasprintf("the signature verifies; the signer chains to '%s', "
							  "and no Root store was exported to say whether "
							  "the machine trusts it", cur.subject);
			} else if (tl_win_root_trusts(root, x, cur.sha1, when)) {
				pl->check = TL_LIST_VERIFIED;
				pl->reason = tl_xasprintf("the signature verifies; the signer '%s' chains to "
							  "'%s', a root the machine trusts",
							  pl->signer, cur.subject);
			} else {
				pl->check = TL_LIST_BAD;
				pl->reason = tl_xasprintf("the signer '%s' chains to '%s', which the "
							  "machine's Root does not hold",
							  pl->signer, cur.subject);
			}
			tl_cert_free(&cur);
			return;
		}
		if (!issuer_of(sig, x, &cur, &der, &len))
			break;
		tl_cert_free(&cur);
		if (tl_cert_parse(der, len, &cur, &err) != 0) {
			/* an issuer found by its signature parses; be safe */
			free(err);
			pl->check = TL_LIST_BAD;
			pl->reason = tl_xasprintf("the signer '%s' chains to a certificate that does "
						  "not parse", pl->signer);
			return;
		}
	}
	if (!root) {
		pl->check = TL_LIST_NO_ROOT;
		pl->reason = tl_xasprintf("the signature verifies; the signer's chain stops at '%s', "
					  "and no Root store was exported that could hold it",
					  cur.issuer);
	} else {
		pl->check = TL_LIST_BAD;
		pl->reason = tl_xasprintf("the signature verifies, but the signer '%s' chains to no "
					  "root in the export (its chain stops at '%s')", pl->signer,
					  cur.issuer);
	}
	tl_cert_free(&cur);
}

/* Every parsed certificate of the model, for finding a signer that the
 * list does not carry. */
static void model_certs(const tl_model *m, const uint8_t ***der, size_t **lens, size_t *n)
{
	size_t i, j, k = 0;

	*der = tl_xcalloc(m->entries + 1, sizeof(**der));
	*lens = tl_xcalloc(m->entries + 1, sizeof(**lens));
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count && k < m->entries; j++)
			if (m->stores[i]->entries[j]->parsed) {
				(*der)[k] = m->stores[i]->entries[j]->der;
				(*lens)[k++] = m->stores[i]->entries[j]->der_len;
			}
	*n = k;
}

static void check_list(tl_program_list *pl, const tl_model *m, const tl_index *x,
		       const tl_logical_store *root)
{
	tl_ctlsig sig;
	const uint8_t **extra = NULL;
	size_t *lens = NULL, n = 0;

	tl_ctlsig_check(pl->entry->der, pl->entry->der_len, NULL, NULL, 0, &sig);
	if (sig.status == TL_CTLSIG_NO_SIGNER) {
		/* the signer may be in a store of the export */
		tl_ctlsig_free(&sig);
		model_certs(m, &extra, &lens, &n);
		tl_ctlsig_check(pl->entry->der, pl->entry->der_len, extra, lens, n, &sig);
	}
	switch (sig.status) {
	case TL_CTLSIG_VALID:
		signer_chain(pl, &sig, x, root, pl->entry->ctl->this_update);
		break;
	case TL_CTLSIG_NO_SIGNER:
		pl->check = TL_LIST_UNCHECKED;
		pl->reason = tl_xasprintf("the signer's certificate is neither in the list nor in the "
					  "export: the signature cannot be checked");
		break;
	default:
		pl->check = TL_LIST_BAD;
		pl->reason = tl_xasprintf("the signature does not verify: %s",
					  sig.reason ? sig.reason : tl_list_check_name(TL_LIST_BAD));
		break;
	}
	tl_ctlsig_free(&sig);
	free(extra);
	free(lens);
}

/* ---- the entries of a list */

static int key_cmp(const void *a, const void *b)
{
	return memcmp(((const struct tl_program_key *)a)->id, ((const struct tl_program_key *)b)->id,
		      20);
}

static void index_keys(tl_program_list *pl)
{
	const tl_ctl *ctl = pl->entry->ctl;
	size_t i;

	pl->sha1_ids = ctl->subject_alg && strcmp(ctl->subject_alg, OID_SHA1) == 0;
	if (!pl->sha1_ids)
		return;
	pl->keys = tl_xcalloc(ctl->subject_count + 1, sizeof(*pl->keys));
	for (i = 0; i < ctl->subject_count; i++) {
		if (ctl->subjects[i].id_len != 20)
			continue;
		memcpy(pl->keys[pl->key_count].id, ctl->subjects[i].id, 20);
		pl->keys[pl->key_count++].subject = i;
	}
	qsort(pl->keys, pl->key_count, sizeof(*pl->keys), key_cmp);
}

static const struct tl_program_key *find_key(const tl_program_list *pl, const uint8_t sha1[20])
{
	struct tl_program_key k;

	if (!pl || !pl->key_count)
		return NULL;
	memcpy(k.id, sha1, 20);
	return bsearch(&k, pl->keys, pl->key_count, sizeof(k), key_cmp);
}

/* A program entry as a store entry: each attribute 1.3.6.1.4.1.311.10.11.<id>
 * holds one OCTET STRING, the bytes of store property <id> (FORMATS.md 3),
 * decoded as the stores' are (friendly name, EKU, distrust dates). */
static tl_entry *program_entry(const tl_ctl_subject *s)
{
	tl_entry *e = tl_entry_new(TL_ENTRY_CTL, NULL, 0);
	tl_diags *d = tl_diags_new();
	size_t i, plen = strlen(OID_PROP_PREFIX);

	for (i = 0; i < s->attr_count; i++) {
		const tl_ctl_attr *a = &s->attrs[i];
		char *end;
		unsigned long id;
		tl_der v;

		if (strncmp(a->oid, OID_PROP_PREFIX, plen) != 0 || a->value_count < 1)
			continue;
		id = strtoul(a->oid + plen, &end, 10);
		if (*end || id > UINT32_MAX ||
		    tl_der_read(a->values[0], a->value_lens[0], &v) != 0 || v.tag != 0x04)
			continue;
		tl_entry_add_prop(e, (uint32_t)id, v.body, (uint32_t)v.body_len, 0);
	}
	/* a program entry's property that does not decode is left undecoded,
	 * as in a store: the model's decoders say what they can */
	tl_entry_finish(e, d);
	tl_diags_free(d);
	return e;
}

/* ---- the program */

/* Whether a is newer than b: thisUpdate, then the sequence number (hex,
 * compared as a number). */
static bool newer(const tl_program_list *a, const tl_program_list *b)
{
	const tl_ctl *x = a->entry->ctl, *y = b->entry->ctl;
	size_t xl, yl;

	if (x->this_update != y->this_update)
		return x->this_update > y->this_update;
	xl = x->sequence ? strlen(x->sequence) : 0;
	yl = y->sequence ? strlen(y->sequence) : 0;
	if (xl != yl)
		return xl > yl;
	return xl && strcmp(x->sequence, y->sequence) > 0;
}

static void add_list(tl_program *p, size_t *cap, const tl_entry *e, const tl_trust_list *l)
{
	tl_program_list *pl;

	if (!e->ctl)
		return;
	tl_xgrow((void **)&p->lists, cap, p->count + 1, sizeof(*p->lists));
	pl = &p->lists[p->count++];
	memset(pl, 0, sizeof(*pl));
	pl->entry = e;
	pl->list = l;
	pl->kind = tl_list_kind_of(e->ctl);
}

static int by_entry_cmp(const void *a, const void *b)
{
	const tl_entry *x = (*(const tl_program_list *const *)a)->entry;
	const tl_entry *y = (*(const tl_program_list *const *)b)->entry;

	return x < y ? -1 : x > y;
}

const tl_program_list *tl_program_list_of(const tl_program *p, const tl_entry *e)
{
	size_t lo = 0, hi = p->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->by_entry[mid]->entry == e)
			return p->by_entry[mid];
		if (p->by_entry[mid]->entry < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

tl_program *tl_program_build(const tl_model *m, tl_index *x, const tl_logical_store *machine_root)
{
	tl_program *p = tl_xcalloc(1, sizeof(*p));
	tl_program_list *best[TL_LIST_PIN_RULES + 1] = {NULL}, *own = NULL;
	size_t cap = 0, i, j;

	for (i = 0; i < m->list_count; i++)
		add_list(p, &cap, m->lists[i].entry, &m->lists[i]);
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++)
			if (m->stores[i]->entries[j]->kind == TL_ENTRY_CTL)
				add_list(p, &cap, m->stores[i]->entries[j], NULL);
	for (i = 0; i < p->count; i++) {
		tl_program_list *pl = &p->lists[i];

		/* other CTLs (a binding's issuer list) are not the program's */
		if (pl->kind == TL_LIST_OTHER) {
			pl->check = TL_LIST_UNCHECKED;
			pl->reason = tl_xstrdup("not a root program list");
			continue;
		}
		check_list(pl, m, x, machine_root);
		index_keys(pl);
		/* a list that does not verify decides nothing (issue 11); one
		 * that cannot be checked is used, and says so */
		if (pl->check == TL_LIST_BAD || !pl->sha1_ids)
			continue;
		if (!best[pl->kind] || newer(pl, best[pl->kind]))
			best[pl->kind] = pl;
		if (pl->kind == TL_LIST_DISALLOWED && pl->list &&
		    strcmp(pl->list->source, "DisallowedCertEncodedCtl") == 0 &&
		    (!own || newer(pl, own)))
			own = pl;
	}
	p->by_entry = tl_xcalloc(p->count + 1, sizeof(*p->by_entry));
	for (i = 0; i < p->count; i++)
		p->by_entry[i] = &p->lists[i];
	qsort(p->by_entry, p->count, sizeof(*p->by_entry), by_entry_cmp);
	if (best[TL_LIST_AUTHROOT]) {
		const tl_ctl *ctl = best[TL_LIST_AUTHROOT]->entry->ctl;

		best[TL_LIST_AUTHROOT]->used = true;
		p->authroot = best[TL_LIST_AUTHROOT];
		p->entry_count = ctl->subject_count;
		p->entries = tl_xcalloc(ctl->subject_count + 1, sizeof(*p->entries));
		for (i = 0; i < ctl->subject_count; i++)
			p->entries[i] = program_entry(&ctl->subjects[i]);
	}
	p->machine_disallowed = own;
	if (best[TL_LIST_DISALLOWED]) {
		best[TL_LIST_DISALLOWED]->used = true;
		p->disallowed = best[TL_LIST_DISALLOWED];
	}
	return p;
}

void tl_program_free(tl_program *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->count; i++) {
		free(p->lists[i].reason);
		free(p->lists[i].signer);
		free(p->lists[i].signer_root);
		free(p->lists[i].keys);
	}
	free(p->lists);
	free(p->by_entry);
	for (i = 0; i < p->entry_count; i++)
		tl_entry_free(p->entries[i]);
	free(p->entries);
	free(p);
}

tl_program_state tl_program_of(const tl_program *p, const uint8_t sha1[20],
			       const tl_entry **entry)
{
	const struct tl_program_key *k;

	if (entry)
		*entry = NULL;
	if (find_key(p->disallowed, sha1))
		return TL_PROGRAM_DISALLOWED;
	if (!p->authroot)
		return TL_PROGRAM_UNKNOWN;
	k = find_key(p->authroot, sha1);
	if (!k)
		return TL_PROGRAM_NOT_IN;
	if (entry)
		*entry = p->entries[k->subject];
	return TL_PROGRAM_IN;
}

bool tl_program_machine_disallows(const tl_program *p, const tl_index *x, const uint8_t sha1[20])
{
	size_t n, i;
	const tl_index_ref *h = tl_index_holders(x, sha1, &n);

	if (find_key(p->machine_disallowed, sha1))
		return true;
	for (i = 0; i < n; i++)
		if (tl_strcasecmp(h[i].store->name, "Disallowed") == 0)
			return true;
	return false;
}

int64_t tl_program_list_time(const tl_program_list *l)
{
	int64_t t = l->entry->ctl->this_update;

	if (l->list && l->list->has_sync_time && l->list->sync_time > t)
		t = l->list->sync_time;
	return t;
}
