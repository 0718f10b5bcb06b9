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

static int sha1_ptr_cmp(const void *a, const void *b)
{
	const tl_entry *x = *(const tl_entry *const *)a, *y = *(const tl_entry *const *)b;

	return memcmp(x->cert.sha1, y->cert.sha1, 20);
}

/* The TLS CertificateRequest certificate_authorities vector (RFC 5246
 * 7.4.4): a 2-byte length, then per certificate a 2-byte length and its DER
 * subject name. Certificates held twice (Root and AuthRoot) count once: the
 * list is built from the certificates of the store, not its entries. This
 * is the size on the wire; KB 933430 caps the list at 16 KB without saying
 * how it counts (FORMATS.md 5), so the wire size is the honest figure. */
void tl_issuer_list(const tl_store *const *stores, size_t n, int64_t *count, int64_t *bytes)
{
	const tl_entry **certs = NULL;
	size_t total = 0, cap = 0, i, j;

	*count = 0;
	*bytes = 2;
	for (i = 0; i < n; i++)
		for (j = 0; j < stores[i]->count; j++) {
			const tl_entry *e = stores[i]->entries[j];
			if (e->kind != TL_ENTRY_CERT || !e->parsed)
				continue;
			tl_xgrow((void **)&certs, &cap, total + 1, sizeof(*certs));
			certs[total++] = e;
		}
	/* sorted by SHA-1, so each certificate is counted once in n log n (a
	 * Root of 100,000 entries behind a binding stays cheap) */
	if (total)
		qsort(certs, total, sizeof(*certs), sha1_ptr_cmp);
	for (i = 0; i < total; i++) {
		if (i && memcmp(certs[i]->cert.sha1, certs[i - 1]->cert.sha1, 20) == 0)
			continue;
		(*count)++;
		*bytes += 2 + (int64_t)certs[i]->cert.subject_der_len;
	}
	free(certs);
}
