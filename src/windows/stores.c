/* stores.c: see stores.h. */
#include "config.h"

#include "windows/stores.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* FORMATS.md 2: the local machine's logical Root is the union of the
 * physical Root stores (.Default = SystemCertificates\ROOT, AuthRoot, group
 * policy Root, enterprise Root, smart card); the logical CA likewise. */
const char *tl_win_logical_of(const char *physical)
{
	if (!tl_strcasecmp(physical, "Root") || !tl_strcasecmp(physical, "AuthRoot") ||
	    !tl_strcasecmp(physical, "SmartCardRoot"))
		return "Root";
	if (!tl_strcasecmp(physical, "CA"))
		return "CA";
	return NULL;
}

bool tl_win_machine_location(tl_location l)
{
	return l == TL_LOC_LOCAL_MACHINE || l == TL_LOC_LOCAL_MACHINE_GROUP_POLICY ||
	       l == TL_LOC_LOCAL_MACHINE_ENTERPRISE;
}

size_t tl_logical_stores(const tl_model *m, tl_logical_store **out)
{
	static const char *const names[] = {"Root", "CA"};
	tl_logical_store *s = tl_xcalloc(4, sizeof(*s));
	size_t n = 0, i, j, k;

	for (k = 0; k < 2; k++) {
		bool machine = k == 0;

		for (j = 0; j < TL_ARRAY_LEN(names); j++) {
			tl_logical_store *ls = &s[n];

			ls->location = machine ? TL_LOC_LOCAL_MACHINE : TL_LOC_CURRENT_USER;
			ls->name = names[j];
			for (i = 0; i < m->count; i++) {
				const char *ln = tl_win_logical_of(m->stores[i]->name);
				if (!ln || strcmp(ln, names[j]) != 0 ||
				    tl_win_machine_location(m->stores[i]->location) != machine)
					continue;
				ls->members = tl_xrealloc(ls->members,
							  (ls->member_count + 1) * sizeof(tl_store *));
				ls->members[ls->member_count++] = m->stores[i];
			}
			if (ls->member_count)
				n++;
		}
	}
	*out = s;
	return n;
}

void tl_logical_stores_free(tl_logical_store *s, size_t n)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		free(s[i].members);
	free(s);
}

/* A certificate of the list, with its place in list order. */
typedef struct candidate {
	tl_issuer issuer;
	size_t pos;
} candidate;

static int by_sha1_then_pos(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	int c = memcmp(x->issuer.entry->cert.sha1, y->issuer.entry->cert.sha1, 20);

	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int by_pos(const void *a, const void *b)
{
	const candidate *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* FORMATS.md 5 (RFC 5280 6.1): self-signed is self-issued with a signature
 * that verifies with the certificate's own key. A self-issued certificate
 * whose signature this build cannot check (MD2, an unknown algorithm:
 * TL_SIG_UNVERIFIABLE) counts as a self-signed root. Inferred: CryptoAPI
 * still verifies MD2 signatures, so Windows sees the MD2 roots of real
 * Root stores as the roots they are (check_windows names this). A
 * self-issued certificate whose signature does not verify is not
 * self-signed, as root-not-self-signed reports it. */
bool tl_win_root_self_signed(const tl_cert *c)
{
	return c->self_issued && c->self_signed != TL_SIG_NO;
}

/* The TLS CertificateRequest certificate_authorities vector (RFC 5246
 * 7.4.4): a 2-byte length, then per certificate a 2-byte length and its DER
 * subject name. Certificates held twice (Root and AuthRoot) count once: the
 * list is built from the certificates of the store, not its entries. This
 * is the size on the wire; KB 933430 caps the list at 16 KB without saying
 * how it counts (FORMATS.md 5), so the wire size is the honest figure.
 *
 * "What's New in TLS/SSL (Schannel SSP)", Windows Server 2012 (FORMATS.md
 * 5): when the Root store used mixes self-signed roots and CA-issued (not
 * self-signed) certificates, only the CA-issued ones are sent. The source
 * speaks of the Root store only, so the rule is applied to the machine's
 * logical Root (root) and to no other store a binding names. */
void tl_issuer_list_build(const tl_store *const *stores, size_t n, bool root, tl_issuer_list *out)
{
	candidate *c = NULL;
	size_t total = 0, cap = 0, kept = 0, self_signed = 0, i, j;

	memset(out, 0, sizeof(*out));
	out->bytes = 2;
	for (i = 0; i < n; i++)
		for (j = 0; j < stores[i]->count; j++) {
			const tl_entry *e = stores[i]->entries[j];
			if (e->kind != TL_ENTRY_CERT || !e->parsed)
				continue;
			tl_xgrow((void **)&c, &cap, total + 1, sizeof(*c));
			c[total].issuer.entry = e;
			c[total].issuer.store = stores[i];
			c[total].pos = total;
			total++;
		}
	/* sorted by SHA-1, so each certificate is kept once, where it is
	 * first met, in n log n (a Root of 100,000 entries behind a binding
	 * stays cheap); then back in list order */
	if (total)
		qsort(c, total, sizeof(*c), by_sha1_then_pos);
	for (i = 0; i < total; i++) {
		if (kept && memcmp(c[i].issuer.entry->cert.sha1, c[kept - 1].issuer.entry->cert.sha1,
				   20) == 0)
			continue;
		c[kept++] = c[i];
	}
	if (kept)
		qsort(c, kept, sizeof(*c), by_pos);
	for (i = 0; i < kept; i++)
		self_signed += tl_win_root_self_signed(&c[i].issuer.entry->cert);
	out->ca_only = root && self_signed > 0 && self_signed < kept;
	out->issuers = tl_xcalloc(kept ? kept : 1, sizeof(tl_issuer));
	if (out->ca_only)
		out->excluded = tl_xcalloc(self_signed, sizeof(tl_issuer));
	for (i = 0; i < kept; i++) {
		const tl_cert *x = &c[i].issuer.entry->cert;

		if (out->ca_only && tl_win_root_self_signed(x)) {
			out->excluded[out->excluded_count++] = c[i].issuer;
			continue;
		}
		out->issuers[out->count++] = c[i].issuer;
		out->bytes += 2 + (int64_t)x->subject_der_len;
	}
	free(c);
}

void tl_issuer_list_free(tl_issuer_list *l)
{
	if (!l)
		return;
	free(l->issuers);
	free(l->excluded);
	memset(l, 0, sizeof(*l));
}

const tl_logical_store *tl_logical_machine_root(const tl_logical_store *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i].location == TL_LOC_LOCAL_MACHINE && !strcmp(s[i].name, "Root"))
			return &s[i];
	return NULL;
}
