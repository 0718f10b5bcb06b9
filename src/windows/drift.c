/* drift.c: the comparison of two exports behind `trustlint diff` (see
 * drift.h): entries by SHA-1 and store, their store properties, the
 * registry keys and values trustlint reads, the IIS sites' https bindings
 * and client certificate settings. Each part sorts both sides' items by
 * identity and merges them in one pass. */
#include "config.h"

#include "windows/drift.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/registry.h"
#include "windows/dotnet.h"
#include "windows/httpsys.h"
#include "windows/schannel.h"
#include "windows/sites.h"

/* Binary registry values are shown up to this many bytes, then "...". */
#define DRIFT_HEX_SHOWN 64

static const char *const section_names[TL_DRIFT_SECTION_COUNT] = {
	[TL_DRIFT_ENTRIES] = "certificates",
	[TL_DRIFT_PROPERTIES] = "properties",
	[TL_DRIFT_SETTINGS] = "settings",
	[TL_DRIFT_SITES] = "sites",
};

const char *tl_drift_section_name(tl_drift_section s)
{
	return (unsigned)s < TL_DRIFT_SECTION_COUNT ? section_names[s] : "?";
}

const char *tl_drift_kind_name(tl_drift_kind k)
{
	switch (k) {
	case TL_DRIFT_ADDED:
		return "added";
	case TL_DRIFT_REMOVED:
		return "removed";
	case TL_DRIFT_MOVED:
		return "moved";
	case TL_DRIFT_CHANGED:
		return "changed";
	}
	return "?";
}

/* A new change; the strings passed are taken, not copied. */
static tl_drift_change *drift_add(tl_drift *d, tl_drift_section section, tl_drift_kind kind,
				  char *object, char *name)
{
	tl_drift_change *c;

	tl_xgrow((void **)&d->changes, &d->cap, d->count + 1, sizeof(*d->changes));
	c = &d->changes[d->count++];
	memset(c, 0, sizeof(*c));
	c->section = section;
	c->kind = kind;
	c->object = object;
	c->name = name;
	d->section_count[section]++;
	return c;
}

/* ---- entries and their properties */

typedef struct entry_ref {
	uint8_t sha1[20];
	const tl_store *store;
	const tl_entry *entry;
	size_t order; /* in its side's model, for a stable pairing */
	bool is_new;
	bool matched;
} entry_ref;

static int store_cmp(const tl_store *a, const tl_store *b)
{
	if (a->location != b->location)
		return a->location < b->location ? -1 : 1;
	return tl_strcasecmp(a->name, b->name);
}

static int entry_ref_cmp(const void *pa, const void *pb)
{
	const entry_ref *a = pa, *b = pb;
	int c = memcmp(a->sha1, b->sha1, 20);

	if (c == 0)
		c = store_cmp(a->store, b->store);
	if (c == 0 && a->is_new != b->is_new)
		c = a->is_new ? 1 : -1;
	if (c == 0 && a->order != b->order)
		c = a->order < b->order ? -1 : 1;
	return c;
}

static void collect_entries(const tl_model *m, bool is_new, entry_ref **refs, size_t *n,
			    size_t *cap)
{
	size_t s, i, order = 0;

	for (s = 0; s < m->count; s++) {
		const tl_store *st = m->stores[s];

		for (i = 0; i < st->count; i++) {
			entry_ref *r;

			tl_xgrow((void **)refs, cap, *n + 1, sizeof(**refs));
			r = &(*refs)[(*n)++];
			memset(r, 0, sizeof(*r));
			tl_entry_hashes(st->entries[i], r->sha1, NULL);
			r->store = st;
			r->entry = st->entries[i];
			r->order = order++;
			r->is_new = is_new;
		}
	}
}

static char *store_text(const tl_store *s)
{
	tl_buf b = {0};

	tl_store_label(&b, s->location, s->name);
	return tl_buf_steal(&b);
}

static char *subject_of(const tl_entry *e)
{
	return e->parsed && e->cert.subject ? tl_xstrdup(e->cert.subject) : NULL;
}

/* An OID list property: NULL when absent. */
static char *oids_text(bool present, bool unreadable, char *const *oids, size_t count)
{
	tl_buf b = {0};
	size_t i;

	if (!present)
		return NULL;
	if (unreadable)
		return tl_xstrdup("(unreadable)");
	if (count == 0)
		return tl_xstrdup("(no purpose)");
	for (i = 0; i < count; i++)
		tl_buf_printf(&b, "%s%s", i ? ", " : "", oids[i]);
	return tl_buf_steal(&b);
}

static char *time_text(const tl_prop_time *t)
{
	char when[32];

	switch (t->state) {
	case TL_PROP_TIME_ABSENT:
		return NULL;
	case TL_PROP_TIME_SET:
		tl_format_time(t->at, when);
		return tl_xstrdup(when);
	case TL_PROP_TIME_EMPTY:
		return tl_xstrdup("(empty)");
	case TL_PROP_TIME_UNREADABLE:
		break;
	}
	return tl_xstrdup("(unreadable)");
}

/* The compared properties of an entry, each as text (NULL: absent). The
 * names are inventory's JSON member names (report/inventory.c). */
enum { PROP_FRIENDLY, PROP_DESCRIPTION, PROP_EKU, PROP_DIS_TIME, PROP_DIS_EKU, PROP_NB_TIME,
       PROP_NB_EKU, PROP_COUNT };
static const char *const prop_names[PROP_COUNT] = {
	[PROP_FRIENDLY] = "friendly_name",
	[PROP_DESCRIPTION] = "description",
	[PROP_EKU] = "store_eku",
	[PROP_DIS_TIME] = "disallowed_filetime",
	[PROP_DIS_EKU] = "disallowed_eku",
	[PROP_NB_TIME] = "not_before_filetime",
	[PROP_NB_EKU] = "not_before_eku",
};

static void prop_texts(const tl_entry *e, char *out[PROP_COUNT])
{
	const tl_rare_props *r = tl_entry_rare(e);

	out[PROP_FRIENDLY] = e->friendly_name ? tl_xstrdup(e->friendly_name) : NULL;
	out[PROP_DESCRIPTION] = r->description ? tl_xstrdup(r->description) : NULL;
	out[PROP_EKU] = oids_text(r->store_eku_present, r->store_eku_unreadable, r->store_eku,
				  r->store_eku_count);
	out[PROP_DIS_TIME] = time_text(&r->disallowed_time);
	out[PROP_DIS_EKU] = oids_text(r->disallowed_eku.present, r->disallowed_eku.unreadable,
				      r->disallowed_eku.oids, r->disallowed_eku.count);
	out[PROP_NB_TIME] = time_text(&r->not_before_time);
	out[PROP_NB_EKU] = oids_text(r->not_before_eku.present, r->not_before_eku.unreadable,
				     r->not_before_eku.oids, r->not_before_eku.count);
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The same entry in the same store on both sides: each property that
 * differs is one change, old -> new. */
static void compare_props(tl_drift *d, const entry_ref *o, const entry_ref *n)
{
	char *ov[PROP_COUNT], *nv[PROP_COUNT];
	size_t i;

	prop_texts(o->entry, ov);
	prop_texts(n->entry, nv);
	for (i = 0; i < PROP_COUNT; i++) {
		tl_drift_change *c;
		tl_buf obj = {0};
		char hex[41];

		if (same_text(ov[i], nv[i])) {
			free(ov[i]);
			free(nv[i]);
			continue;
		}
		tl_hex(n->sha1, 20, hex, true);
		tl_store_label(&obj, n->store->location, n->store->name);
		tl_buf_printf(&obj, "\\%s", hex);
		c = drift_add(d, TL_DRIFT_PROPERTIES,
			      !ov[i] ? TL_DRIFT_ADDED : !nv[i] ? TL_DRIFT_REMOVED : TL_DRIFT_CHANGED,
			      tl_buf_steal(&obj), tl_xstrdup(prop_names[i]));
		c->subject = subject_of(n->entry);
		c->old_value = ov[i];
		c->new_value = nv[i];
		c->old_loc = o->entry->origin.loc;
		c->new_loc = n->entry->origin.loc;
	}
}

static void entry_change(tl_drift *d, tl_drift_kind kind, const entry_ref *o, const entry_ref *n)
{
	const entry_ref *any = o ? o : n;
	tl_drift_change *c = drift_add(d, TL_DRIFT_ENTRIES, kind, tl_xhex(any->sha1, 20, true),
				       tl_xstrdup(tl_entry_kind_name(any->entry->kind)));

	c->subject = subject_of(any->entry);
	if (o) {
		c->old_value = store_text(o->store);
		c->old_loc = o->entry->origin.loc;
	}
	if (n) {
		c->new_value = store_text(n->store);
		c->new_loc = n->entry->origin.loc;
	}
}

/* One SHA-1's entries on both sides, sorted by store, old before new. A
 * store holding it on both sides keeps it there (its properties are
 * compared); what is left pairs up as moves, in store order; the rest is
 * added or removed. */
static void compare_group(tl_drift *d, entry_ref *g, size_t n)
{
	size_t i = 0, j, o, k;
	size_t old_left = 0, new_left = 0;

	while (i < n) {
		size_t first_new, count_old, count_new;

		for (j = i; j < n && store_cmp(g[j].store, g[i].store) == 0; j++)
			;
		for (first_new = i; first_new < j && !g[first_new].is_new; first_new++)
			;
		count_old = first_new - i;
		count_new = j - first_new;
		for (k = 0; k < count_old && k < count_new; k++) {
			g[i + k].matched = g[first_new + k].matched = true;
			compare_props(d, &g[i + k], &g[first_new + k]);
		}
		i = j;
	}
	for (i = 0; i < n; i++) {
		if (g[i].matched)
			continue;
		if (g[i].is_new)
			new_left++;
		else
			old_left++;
	}
	/* moves: the k-th unmatched old entry with the k-th unmatched new one */
	o = 0;
	j = 0;
	for (k = 0; k < old_left && k < new_left; k++) {
		while (g[o].matched || g[o].is_new)
			o++;
		while (g[j].matched || !g[j].is_new)
			j++;
		entry_change(d, TL_DRIFT_MOVED, &g[o], &g[j]);
		g[o].matched = g[j].matched = true;
	}
	for (i = 0; i < n; i++)
		if (!g[i].matched)
			entry_change(d, g[i].is_new ? TL_DRIFT_ADDED : TL_DRIFT_REMOVED,
				     g[i].is_new ? NULL : &g[i], g[i].is_new ? &g[i] : NULL);
}

/* Entries and their property changes, in SHA-1 order (tl_drift_compare
 * puts each section's changes together afterwards). */
static void compare_entries(tl_drift *d, const tl_model *old_m, const tl_model *new_m)
{
	entry_ref *refs = NULL;
	size_t n = 0, cap = 0, i, j;

	collect_entries(old_m, false, &refs, &n, &cap);
	collect_entries(new_m, true, &refs, &n, &cap);
	if (n)
		qsort(refs, n, sizeof(*refs), entry_ref_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !memcmp(refs[j].sha1, refs[i].sha1, 20); j++)
			;
		compare_group(d, refs + i, j - i);
	}
	free(refs);
}

/* ---- generic keyed items: registry values, site settings */

typedef struct item {
	char *object;       /* compared case-insensitively, as Windows and IIS do */
	char *name;         /* then this; NULL (a registry key itself) sorts first */
	char *value;        /* display text; NULL for a key */
	uint32_t type;      /* what is compared: type and bytes */
	const void *raw;
	size_t raw_len;
	tl_loc loc;
} item;

typedef struct items {
	item *v;
	size_t n, cap;
} items;

static item *items_add(items *l, char *object, char *name)
{
	item *it;

	tl_xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->object = object;
	it->name = name;
	return it;
}

static void items_free(items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].object);
		free(l->v[i].name);
		free(l->v[i].value);
	}
	free(l->v);
}

static int item_cmp(const void *pa, const void *pb)
{
	const item *a = pa, *b = pb;
	int c = tl_strcasecmp(a->object, b->object);

	if (c)
		return c;
	if (!a->name || !b->name)
		return !a->name && !b->name ? 0 : !a->name ? -1 : 1;
	return tl_strcasecmp(a->name, b->name);
}

static bool item_same(const item *a, const item *b)
{
	return a->type == b->type && a->raw_len == b->raw_len &&
	       (a->raw_len == 0 || !memcmp(a->raw, b->raw, a->raw_len));
}

/* A change named after it (its object and name move into the change). */
static tl_drift_change *take_item(tl_drift *d, tl_drift_section section, tl_drift_kind kind,
				  item *it)
{
	tl_drift_change *ch = drift_add(d, section, kind, it->object, it->name);

	it->object = it->name = NULL;
	return ch;
}

/* Sort both lists and walk them once: what only old has is removed, what
 * only new has is added, what both have and differs is changed. The
 * strings of the items that become changes move into them. */
static void merge_items(tl_drift *d, tl_drift_section section, items *old_l, items *new_l)
{
	size_t i = 0, j = 0;

	if (old_l->n)
		qsort(old_l->v, old_l->n, sizeof(item), item_cmp);
	if (new_l->n)
		qsort(new_l->v, new_l->n, sizeof(item), item_cmp);
	while (i < old_l->n || j < new_l->n) {
		item *o = i < old_l->n ? &old_l->v[i] : NULL, *n = j < new_l->n ? &new_l->v[j] : NULL;
		tl_drift_change *ch;

		if (o && n) {
			int c = item_cmp(o, n);

			if (c == 0 && item_same(o, n)) {
				i++;
				j++;
				continue;
			}
			/* the side that sorts first has an item the other lacks */
			if (c < 0)
				n = NULL;
			else if (c > 0)
				o = NULL;
		}
		if (o && n) {
			ch = take_item(d, section, TL_DRIFT_CHANGED, n);
		} else if (o) {
			ch = take_item(d, section, TL_DRIFT_REMOVED, o);
		} else if (n) {
			ch = take_item(d, section, TL_DRIFT_ADDED, n);
		} else {
			break;
		}
		if (o) {
			ch->old_value = o->value;
			ch->old_loc = o->loc;
			o->value = NULL;
			i++;
		}
		if (n) {
			ch->new_value = n->value;
			ch->new_loc = n->loc;
			n->value = NULL;
			j++;
		}
	}
}

/* ---- registry */

/* A value as a .reg file writes it. */
static char *reg_value_text(const tl_reg_value *v)
{
	tl_buf b = {0};
	size_t i, n;

	switch (v->type) {
	case TL_REG_SZ:
	case TL_REG_EXPAND_SZ: {
		char *s = tl_reg_value_string(v);

		tl_buf_printf(&b, "%s\"%s\"", v->type == TL_REG_EXPAND_SZ ? "expand:" : "", s ? s : "");
		free(s);
		return tl_buf_steal(&b);
	}
	case TL_REG_MULTI_SZ: {
		char **strs = NULL;

		n = tl_reg_value_multi_sz(v, &strs);
		tl_buf_adds(&b, "multi:");
		for (i = 0; i < n; i++)
			tl_buf_printf(&b, "%s\"%s\"", i ? "," : "", strs[i]);
		tl_strv_free(strs, n);
		return tl_buf_steal(&b);
	}
	case TL_REG_DWORD:
		if (v->len == 4)
			return tl_xasprintf("dword:%08" PRIx32, tl_le32(v->data));
		break;
	case TL_REG_QWORD:
		if (v->len == 8)
			return tl_xasprintf("qword:%016" PRIx64, tl_le64(v->data));
		break;
	default:
		break;
	}
	if (v->type == TL_REG_BINARY)
		tl_buf_adds(&b, "hex:");
	else
		tl_buf_printf(&b, "hex(%" PRIx32 "):", v->type);
	n = v->len < DRIFT_HEX_SHOWN ? v->len : DRIFT_HEX_SHOWN;
	for (i = 0; i < n; i++)
		tl_buf_printf(&b, "%s%02x", i ? "," : "", v->data[i]);
	if (n < v->len)
		tl_buf_printf(&b, ",... (%zu bytes)", v->len);
	if (!b.data)
		tl_buf_adds(&b, "");
	return tl_buf_steal(&b);
}

/* The keys trustlint reads, each with its subkeys (windows/ names them
 * where it reads them). None lies inside another. */
static void setting_roots(const char *out[8], size_t *n)
{
	size_t k;

	*n = 0;
	out[(*n)++] = TL_WIN_SCHANNEL_KEY; /* Protocols, Ciphers, ... below it */
	out[(*n)++] = TL_WIN_HTTP_PARAMS_KEY;
	out[(*n)++] = TL_WIN_SSL_POLICY_KEY;
	out[(*n)++] = TL_WIN_NT_CURRENT_KEY;
	for (k = 0; k < TL_NETFX_COUNT; k++)
		out[(*n)++] = tl_netfx_key_path((tl_netfx_key_id)k);
}

static void collect_settings(const tl_registry *r, items *l)
{
	const char *roots[8];
	const tl_reg_key **stack = NULL;
	size_t nroots, ri, depth = 0, cap = 0;

	setting_roots(roots, &nroots);
	for (ri = 0; ri < nroots; ri++) {
		const tl_reg_key *top = tl_registry_find(r, roots[ri]);

		if (!top)
			continue;
		tl_xgrow((void **)&stack, &cap, depth + 1, sizeof(*stack));
		stack[depth++] = top;
		/* an explicit stack: a hostile export may nest keys deeply */
		while (depth) {
			const tl_reg_key *k = stack[--depth];
			char *path = tl_reg_normalize_path(tl_reg_key_path(k));
			size_t i, nv = tl_reg_key_value_count(k), ns = tl_reg_key_subkey_count(k);
			item *it;

			if (!path)
				path = tl_xstrdup(tl_reg_key_path(k));
			it = items_add(l, tl_xstrdup(path), NULL);
			it->loc = tl_reg_key_line(k) ? tl_loc_line(tl_reg_key_file(k), tl_reg_key_line(k), 0)
						     : tl_loc_file(NULL);
			for (i = 0; i < nv; i++) {
				const tl_reg_value *v = tl_reg_key_value_at(k, i);

				it = items_add(l, tl_xstrdup(path), tl_xstrdup(v->name));
				it->value = reg_value_text(v);
				it->type = v->type;
				it->raw = v->data;
				it->raw_len = v->len;
				it->loc = tl_loc_line(v->file, v->line, 0);
			}
			free(path);
			tl_xgrow((void **)&stack, &cap, depth + ns, sizeof(*stack));
			for (i = 0; i < ns; i++)
				stack[depth++] = tl_reg_key_subkey_at(k, i);
		}
	}
	free(stack);
}

/* ---- IIS sites */

static char *site_name(const tl_iis_site *s)
{
	return tl_xstrdup(s && s->name ? s->name : "(unnamed)");
}

static void flags_item(item *it, uint32_t flags, bool binding)
{
	tl_buf b = {0};

	tl_buf_adds(&b, "sslFlags ");
	if (binding)
		tl_iisconf_binding_flags_format(flags, &b);
	else
		tl_iisconf_access_format(flags, &b);
	it->value = tl_buf_steal(&b);
	it->raw = it->value;
	it->raw_len = strlen(it->value);
}

/* Each https binding of each site (with its sslFlags) and each path
 * where a site asks for client certificates (with the access sslFlags in
 * effect there), as the sites model maps them. */
static void collect_sites(const tl_inputs *in, items *l)
{
	tl_binding *bindings = NULL;
	size_t nb = tl_bindings_read(in->registry, &bindings), i, k;
	tl_sites *s = tl_sites_build(in->conf, bindings, nb);

	for (i = 0; i < s->served_count; i++) {
		const tl_served *sv = &s->served[i];
		item *it;

		if (!sv->iis)
			continue;
		it = items_add(l, site_name(sv->site),
			       tl_xasprintf("binding %s %s", sv->iis->protocol ? sv->iis->protocol : "",
					    sv->iis->information ? sv->iis->information : ""));
		flags_item(it, sv->iis->has_ssl_flags ? sv->iis->ssl_flags : 0, true);
		it->loc = sv->loc;
	}
	for (i = 0; i < s->site_count; i++) {
		const tl_site_info *si = &s->sites[i];

		for (k = 0; k < si->ask_count; k++) {
			const tl_cert_ask *a = &si->asks[k];
			item *it;

			if (a->source != TL_ASK_IIS)
				continue;
			it = items_add(l, site_name(si->site),
				       tl_xasprintf("path %s", a->path ? a->path : ""));
			flags_item(it, a->ssl_flags, false);
			it->loc = a->loc;
		}
	}
	tl_sites_free(s);
	tl_bindings_free(bindings, nb);
}

/* ---- the whole comparison */

tl_drift *tl_drift_compare(const tl_inputs *old_in, const tl_inputs *new_in)
{
	tl_drift *d = tl_xcalloc(1, sizeof(*d));
	items old_l = {0}, new_l = {0};
	size_t i;

	compare_entries(d, old_in->model, new_in->model);
	collect_settings(old_in->registry, &old_l);
	collect_settings(new_in->registry, &new_l);
	merge_items(d, TL_DRIFT_SETTINGS, &old_l, &new_l);
	items_free(&old_l);
	items_free(&new_l);
	memset(&old_l, 0, sizeof(old_l));
	memset(&new_l, 0, sizeof(new_l));
	collect_sites(old_in, &old_l);
	collect_sites(new_in, &new_l);
	merge_items(d, TL_DRIFT_SITES, &old_l, &new_l);
	items_free(&old_l);
	items_free(&new_l);
	/* entries and properties come out of one walk: put each section's
	 * changes together, keeping their order (a counting sort; qsort is
	 * not stable) */
	{
		tl_drift_change *sorted = tl_xcalloc(d->count ? d->count : 1, sizeof(*sorted));
		size_t pos[TL_DRIFT_SECTION_COUNT] = {0}, s;

		for (s = 1; s < TL_DRIFT_SECTION_COUNT; s++)
			pos[s] = pos[s - 1] + d->section_count[s - 1];
		for (i = 0; i < d->count; i++)
			sorted[pos[d->changes[i].section]++] = d->changes[i];
		free(d->changes);
		d->changes = sorted;
		d->cap = d->count ? d->count : 1;
	}
	return d;
}

void tl_drift_free(tl_drift *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->count; i++) {
		tl_drift_change *c = &d->changes[i];

		free(c->object);
		free(c->name);
		free(c->subject);
		free(c->old_value);
		free(c->new_value);
	}
	free(d->changes);
	free(d);
}
