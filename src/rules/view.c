/* view.c: see view.h. Each field of the catalogue (fields.c) computed for
 * one object: thin adapters over the model (model/) and what Windows makes
 * of it (windows/), which hold the facts and cite their sources. */
#include "config.h"

#include "rules/view.h"
#include "rules/view_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/ctldata.h"
#include "model/index.h"
#include "model/registry.h"
#include "windows/httpsys.h"
#include "windows/schannel.h"
#include "windows/stores.h"

/* ---- the view: the model, and what Windows makes of it (src/windows/) */

static void build_stores(tl_view *v)
{
	const tl_model *m = v->in->model;
	size_t i;

	v->logical_count = tl_logical_stores(m, &v->logical);
	v->stores = tl_xcalloc(m->count + v->logical_count + 1, sizeof(tl_view_store));
	for (i = 0; i < m->count; i++) {
		tl_view_store *s = &v->stores[v->store_count++];
		s->location = m->stores[i]->location;
		s->name = m->stores[i]->name;
		s->physical = m->stores[i];
		s->members = &s->physical;
		s->member_count = 1;
	}
	for (i = 0; i < v->logical_count; i++) {
		tl_view_store *s = &v->stores[v->store_count++];
		s->location = v->logical[i].location;
		s->name = v->logical[i].name;
		s->logical = true;
		s->members = v->logical[i].members;
		s->member_count = v->logical[i].member_count;
	}
	v->machine_root = tl_logical_machine_root(v->logical, v->logical_count);
}

static void build_entries(tl_view *v)
{
	const tl_model *m = v->in->model;
	size_t i, j, n = 0, nc = 0;

	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			n += m->stores[i]->entries[j]->kind == TL_ENTRY_CERT;
			nc += m->stores[i]->entries[j]->kind == TL_ENTRY_CTL;
		}
	nc += m->list_count;
	v->certs = tl_xcalloc(n ? n : 1, sizeof(tl_view_cert));
	v->ctls = tl_xcalloc(nc ? nc : 1, sizeof(tl_view_cert));
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];
			tl_view_cert c = {m->stores[i], e, TL_INDEX_NONE};

			if (e->kind == TL_ENTRY_CTL)
				v->ctls[v->ctl_count++] = c;
			else if (e->kind == TL_ENTRY_CERT)
				v->certs[v->cert_count++] = c;
		}
	/* the root program lists: CTLs of no store */
	for (i = 0; i < m->list_count; i++) {
		tl_view_cert c = {NULL, m->lists[i].entry, TL_INDEX_NONE};

		v->ctls[v->ctl_count++] = c;
	}
}

tl_view *tl_view_new(const tl_inputs *in, int64_t now)
{
	tl_view *v = tl_xcalloc(1, sizeof(*v));

	v->in = in;
	v->now = now;
	build_stores(v);
	build_entries(v);
	v->index = tl_index_new(in->model);
	for (size_t i = 0; i < v->cert_count; i++)
		if (v->certs[i].entry->parsed)
			v->certs[i].slot = tl_index_slot(v->index, v->certs[i].entry->cert.sha1);
	v->program = tl_program_build(in->model, v->index, v->machine_root);
	v->binding_count = tl_bindings_read(in->registry, &v->bindings);
	v->sites = tl_sites_build(in->conf, v->bindings, v->binding_count);
	tl_schannel_read(in->registry, in->manifest, &v->schannel);
	tl_view_mappings_build(v);
	return v;
}

void tl_view_free(tl_view *v)
{
	if (!v)
		return;
	tl_logical_stores_free(v->logical, v->logical_count);
	tl_sites_free(v->sites);
	tl_program_free(v->program);
	tl_bindings_free(v->bindings, v->binding_count);
	tl_schannel_free(&v->schannel);
	tl_view_mappings_free(v);
	tl_index_free(v->index);
	free(v->stores);
	free(v->certs);
	free(v->ctls);
	free(v);
}

size_t tl_view_count(const tl_view *v, int scope)
{
	switch (scope) {
	case TL_SCOPE_CERT:
		return v->cert_count;
	case TL_SCOPE_STORE:
		return v->store_count;
	case TL_SCOPE_BINDING:
		return v->binding_count;
	case TL_SCOPE_CTL:
		return v->ctl_count;
	case TL_SCOPE_MACHINE:
		return 1;
	case TL_SCOPE_SITE:
		return v->sites->site_count;
	case TL_SCOPE_SERVICE:
		return v->sites->service_count;
	case TL_SCOPE_MAPPING:
		return v->mapping_count;
	default:
		return 0;
	}
}

const void *tl_view_object(const tl_view *v, int scope, size_t i)
{
	switch (scope) {
	case TL_SCOPE_CERT:
		return &v->certs[i];
	case TL_SCOPE_STORE:
		return &v->stores[i];
	case TL_SCOPE_BINDING:
		return &v->bindings[i];
	case TL_SCOPE_CTL:
		return &v->ctls[i];
	case TL_SCOPE_SITE:
		return &v->sites->sites[i];
	case TL_SCOPE_SERVICE:
		return &v->sites->services[i];
	case TL_SCOPE_MAPPING:
		return &v->mappings[i];
	default:
		return NULL;
	}
}

/* ---- values */

/* A REG_SZ value as UTF-8 in the arena, or NULL. */
static const char *arena_string(const tl_reg_value *val, tl_arena *a)
{
	char *s = tl_reg_value_string(val), *copy;

	if (!s)
		return NULL;
	copy = tl_arena_strndup(a, s, strlen(s));
	free(s);
	return copy;
}

static void env_get(void *user, int scope, const void *obj, int id, tl_value *out, tl_arena *a)
{
	const tl_scope_def *def = tl_scope_def_of(scope);

	if (def && id >= 0 && (size_t)id < def->count)
		def->get(user, obj, id, out, a);
	else
		set_null(out);
}

static void env_each(void *user, int scope, bool (*fn)(const void *obj, void *arg), void *arg)
{
	const tl_view *v = user;
	size_t i, n = tl_view_count(v, scope);

	for (i = 0; i < n; i++)
		if (!fn(tl_view_object(v, scope, i), arg))
			return;
}

/* REG_MULTI_SZ as a list of strings in the arena. */
static void multi_sz(const tl_reg_value *val, tl_value *out, tl_arena *a)
{
	char **v;
	size_t i, n = tl_reg_value_multi_sz(val, &v);
	tl_value *items = tl_arena_alloc(a, (n ? n : 1) * sizeof(tl_value));

	for (i = 0; i < n; i++) {
		set_str(&items[i], tl_arena_strndup(a, v[i], strlen(v[i])));
		free(v[i]);
	}
	free(v);
	out->type = TL_T_LIST;
	out->u.list.items = items;
	out->u.list.n = n;
}

static void env_reg(void *user, const char *key, size_t key_len, const char *name, size_t name_len,
		    tl_value *out, tl_arena *a)
{
	const tl_view *v = user;
	char *k = tl_xstrndup(key, key_len), *n = tl_xstrndup(name, name_len);
	const tl_reg_key *rk = tl_registry_find(v->in->registry, k);
	const tl_reg_value *val = rk ? tl_reg_key_value(rk, n) : NULL;

	set_null(out);
	if (val) {
		switch (val->type) {
		case TL_REG_DWORD:
			if (val->len == 4)
				set_int(out, TL_T_INT, tl_le32(val->data));
			break;
		case TL_REG_QWORD:
			if (val->len == 8)
				set_int(out, TL_T_INT, (int64_t)tl_le64(val->data));
			break;
		case TL_REG_SZ:
		case TL_REG_EXPAND_SZ:
			set_str(out, arena_string(val, a));
			break;
		case TL_REG_MULTI_SZ:
			multi_sz(val, out, a);
			break;
		default:
			set_hex(out, val->data, val->len, false, a);
			break;
		}
	}
	free(k);
	free(n);
}

void tl_mentions_note(void *mentions, int scope, const void *obj)
{
	tl_mentions *m = mentions;
	size_t i;

	if (!m || m->count == TL_MENTIONS_MAX)
		return;
	for (i = 0; i < m->count; i++)
		if (m->items[i].scope == scope && m->items[i].obj == obj)
			return;
	m->items[m->count].scope = scope;
	m->items[m->count++].obj = obj;
}

int64_t tl_view_now(const tl_view *v)
{
	return v->now;
}

const tl_index *tl_view_index(const tl_view *v)
{
	return v->index;
}

tl_eval_env tl_view_env(tl_view *v)
{
	tl_eval_env env = {v, env_get, env_each, env_reg, tl_mentions_note, NULL};

	return env;
}

/* ---- describing a mapping (the mapping scope) */

/* IIS's own name for the server level of the configuration paths
 * (learn.microsoft.com, "Introduction to ApplicationHost.config"). */
#define IIS_SERVER_PATH "MACHINE/WEBROOT/APPHOST"

/* A mapping or rule is where its <add> element is, and is named
 * IIS\Mappings\<configuration path, or the file when that is not
 * known>\<n>[\Rules\<k>]; a parsed certificate names it for waivers. */
/* Each part of a description is made only when asked for (name, about
 * may be NULL): lint asks for the location alone, once per finding. */
static void describe_mapping(const tl_view_mapping *m, tl_loc *loc, tl_buf *name, tl_about *ab)
{
	const tl_iis_setting *st = m->setting;

	*loc = m->rule ? m->rule->loc : m->mapping->loc;
	if (name) {
		tl_buf_adds(name, "IIS\\Mappings\\");
		if (!st->path)
			tl_buf_adds(name, st->file->file);
		else if (!*st->path)
			tl_buf_adds(name, IIS_SERVER_PATH);
		else
			tl_buf_adds(name, st->path);
		tl_buf_printf(name, "\\%zu", m->number);
		if (m->rule)
			tl_buf_printf(name, "\\Rules\\%zu", m->rule_number);
	}
	if (ab && m->parsed) {
		memcpy(ab->sha1, m->cert.sha1, 20);
		tl_der_sha256(m->mapping->cert_der, m->mapping->cert_len, ab->sha256);
		ab->hashes = TL_ABOUT_HASHES_PARSED;
		ab->subject = m->cert.subject;
	}
}

/* A certificate or CTL entry: its name ends in its SHA-1. */
static void describe_entry(const tl_view *v, const tl_view_cert *c, tl_loc *loc, tl_buf *name,
			   tl_about *ab)
{
	const tl_entry *e = c->entry;
	uint8_t sha1[20];
	char hex[41];
	size_t k;

	*loc = e->origin.loc;
	if (ab) {
		/* unparsed: of the bytes as stored, what a Windows tool shows */
		tl_entry_hashes(e, ab->sha1, ab->sha256);
		ab->hashes = e->parsed ? TL_ABOUT_HASHES_PARSED
			     : e->der ? TL_ABOUT_HASHES_RAW : TL_ABOUT_NO_HASHES;
		if (e->parsed)
			ab->subject = e->cert.subject;
		if (c->store) {
			ab->store = c->store->name;
			ab->location = c->store->location;
		}
	}
	if (!name)
		return;
	if (ab)
		memcpy(sha1, ab->sha1, 20);
	else
		tl_entry_hashes(e, sha1, NULL);
	tl_hex(sha1, 20, hex, true);
	if (!c->store) {
		/* a root program list: RootProgram\<where from>\<SHA1> */
		for (k = 0; v && k < v->in->model->list_count; k++)
			if (v->in->model->lists[k].entry == e)
				tl_buf_printf(name, "RootProgram\\%s\\%s", v->in->model->lists[k].source,
					      hex);
		return;
	}
	tl_store_label(name, c->store->location, c->store->name);
	tl_buf_addc(name, '\\');
	tl_buf_adds(name, hex);
}

void tl_view_describe(const tl_view *v, int scope, const void *obj, tl_loc *where, tl_buf *name,
		      tl_about *about)
{
	tl_about ab;
	tl_loc at;
	tl_loc *loc = where ? where : &at;

	memset(&ab, 0, sizeof(ab));
	switch (scope) {
	case TL_SCOPE_CERT:
	case TL_SCOPE_CTL:
		describe_entry(v, obj, loc, name, about ? &ab : NULL);
		break;
	case TL_SCOPE_STORE: {
		const tl_view_store *s = obj;

		/* a store is where its first entry is, or its file */
		*loc = tl_loc_file(NULL);
		if (s->member_count && s->members[0]->count) {
			*loc = s->members[0]->entries[0]->origin.loc;
			if (loc->kind == TL_LOC_OFFSET)
				loc->kind = TL_LOC_NONE;
		}
		ab.store = s->name;
		ab.location = s->location;
		if (name)
			tl_store_label(name, s->location, s->name);
		break;
	}
	case TL_SCOPE_BINDING: {
		const tl_binding *b = obj;

		*loc = b->key ? tl_loc_line(tl_reg_key_file(b->key), tl_reg_key_line(b->key), 0)
		       : tl_loc_file(NULL);
		ab.binding = b->endpoint;
		if (name)
			tl_buf_printf(name, "HTTP\\%s\\%s", tl_binding_kind_key(b->kind), b->endpoint);
		break;
	}
	case TL_SCOPE_SITE: {
		const tl_site_info *si = obj;

		/* the <site> element; the logical location IIS Manager's tree
		 * shows (issue 10) */
		*loc = si->site->loc;
		ab.site = si->site->name;
		if (name)
			tl_buf_printf(name, "IIS\\Sites\\%s", si->site->name);
		break;
	}
	case TL_SCOPE_SERVICE: {
		const tl_service_info *si = obj;

		*loc = si->service->loc;
		if (name)
			tl_buf_printf(name, "WCF\\Services\\%s",
				      si->service->name ? si->service->name : "");
		break;
	}
	case TL_SCOPE_MAPPING:
		describe_mapping(obj, loc, name, about ? &ab : NULL);
		break;
	default:
		*loc = v ? v->schannel.where : tl_loc_file(NULL);
		if (name)
			tl_buf_adds(name, "machine");
		break;
	}
	if (about)
		*about = ab;
}
