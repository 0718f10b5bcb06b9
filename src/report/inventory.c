/* inventory.c: see inventory.h. */
#include "config.h"

#include "report/inventory.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ctl.h"
#include "base/json.h"
#include "base/util.h"
#include "model/iisconf.h"
#include "model/index.h"
#include "windows/rootprogram.h"
#include "windows/stores.h"

static const char *const ku_names[] = {
	"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
	"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
};

static json_t *time_json(int64_t t)
{
	char buf[32];

	tl_format_time(t, buf);
	return json_string(buf);
}

static json_t *source_json(const tl_origin *o)
{
	json_t *s = json_object();

	json_object_set_new(s, "file", tl_json_str(o->loc.file));
	if (o->loc.kind == TL_LOC_LINE) {
		json_object_set_new(s, "line", json_integer(o->loc.line));
	} else if (o->loc.kind == TL_LOC_OFFSET) {
		json_object_set_new(s, "offset", json_integer((json_int_t)o->loc.offset));
		json_object_set_new(s, "length", json_integer((json_int_t)o->loc.length));
	}
	if (o->reg_key)
		json_object_set_new(s, "registry_key", tl_json_str(o->reg_key));
	return s;
}

/* FILETIME properties as RFC 3339, "" when empty (meaning undocumented). */
static void filetime_prop(json_t *o, const tl_entry *e, uint32_t id, const char *key)
{
	const tl_prop *p = tl_entry_prop(e, id);

	if (!p)
		return;
	if (p->len == 8)
		json_object_set_new(o, key, time_json(tl_filetime_to_unix(tl_le64(p->data))));
	else
		json_object_set_new(o, key, json_string(""));
}

static json_t *ctl_json(const tl_ctl *c)
{
	json_t *o = json_object();
	char *id = tl_ctl_list_id_text(c);
	size_t i;

	json_object_set_new(o, "usage", tl_json_strv(c->usage, c->usage_count));
	json_object_set_new(o, "list_identifier", tl_json_str(id));
	free(id);
	json_object_set_new(o, "sequence_number", tl_json_str(c->sequence));
	json_object_set_new(o, "this_update", time_json(c->this_update));
	json_object_set_new(o, "next_update", c->has_next_update ? time_json(c->next_update) : json_null());
	json_object_set_new(o, "subject_algorithm", tl_json_str(c->subject_alg));
	json_object_set_new(o, "signer_count", json_integer((json_int_t)c->signer_count));
	{
		json_t *subjects = json_array();
		for (i = 0; i < c->subject_count; i++) {
			char *hex = tl_xhex(c->subjects[i].id, c->subjects[i].id_len, true);
			json_array_append_new(subjects, json_string(hex));
			free(hex);
		}
		json_object_set_new(o, "subjects", subjects);
	}
	return o;
}

json_t *tl_entry_to_json(const tl_store *s, const tl_entry *e)
{
	json_t *o = json_object(), *props = json_array();
	const tl_rare_props *rare = tl_entry_rare(e);
	uint8_t sha1[20], sha256[32];
	char hex[65];
	size_t i;

	json_object_set_new(o, "location", json_string(tl_location_name(s->location)));
	json_object_set_new(o, "store", tl_json_str(s->name));
	json_object_set_new(o, "kind", json_string(tl_entry_kind_name(e->kind)));
	tl_entry_hashes(e, sha1, sha256);
	tl_hex(sha1, 20, hex, true);
	json_object_set_new(o, "sha1", json_string(hex));
	tl_hex(sha256, 32, hex, true);
	json_object_set_new(o, "sha256", json_string(hex));
	if (e->parsed) {
		const tl_cert *c = &e->cert;
		char *serial = tl_cert_serial_hex(c);
		json_t *ku;

		json_object_set_new(o, "subject", tl_json_str(c->subject));
		json_object_set_new(o, "issuer", tl_json_str(c->issuer));
		json_object_set_new(o, "serial", json_string(serial));
		free(serial);
		json_object_set_new(o, "version", json_integer(c->version));
		json_object_set_new(o, "not_before", time_json(c->not_before));
		json_object_set_new(o, "not_after", time_json(c->not_after));
		json_object_set_new(o, "self_issued", json_boolean(c->self_issued));
		json_object_set_new(o, "self_signed",
				    c->self_signed == TL_SIG_UNVERIFIABLE ? json_null()
									  : json_boolean(c->self_signed == TL_SIG_YES));
		json_object_set_new(o, "self_signature", json_string(tl_sigcheck_name(c->self_signed)));
		json_object_set_new(o, "is_ca", json_boolean(c->is_ca));
		json_object_set_new(o, "basic_constraints", json_boolean(c->bc_present));
		json_object_set_new(o, "path_len", c->path_len >= 0 ? json_integer(c->path_len) : json_null());
		json_object_set_new(o, "key_algorithm", json_string(c->key_algorithm));
		json_object_set_new(o, "key_bits", json_integer(c->key_bits));
		json_object_set_new(o, "curve", tl_json_str(c->curve));
		json_object_set_new(o, "signature_algorithm", tl_json_str(c->sig_algorithm));
		json_object_set_new(o, "signature_hash", tl_json_str(c->sig_hash));
		if (c->ku_present) {
			ku = json_array();
			for (i = 0; i < TL_ARRAY_LEN(ku_names); i++)
				if (c->key_usage & (1u << i))
					json_array_append_new(ku, json_string(ku_names[i]));
		} else {
			ku = json_null();
		}
		json_object_set_new(o, "key_usage", ku);
		json_object_set_new(o, "eku", c->eku_present ? tl_json_strv(c->eku, c->eku_count) : json_null());
	}
	json_object_set_new(o, "friendly_name", tl_json_str(e->friendly_name));
	if (rare->description)
		json_object_set_new(o, "description", tl_json_str(rare->description));
	json_object_set_new(o, "store_eku",
			    rare->store_eku_present ? tl_json_strv(rare->store_eku, rare->store_eku_count)
						    : json_null());
	json_object_set_new(o, "has_private_key", json_boolean(rare->has_key_prov));
	if (rare->has_key_prov) {
		json_t *k = json_object();
		json_object_set_new(k, "container", tl_json_str(rare->key_prov.container));
		json_object_set_new(k, "provider", tl_json_str(rare->key_prov.provider));
		json_object_set_new(k, "provider_type", json_integer(rare->key_prov.prov_type));
		json_object_set_new(k, "flags", json_integer(rare->key_prov.flags));
		json_object_set_new(k, "key_spec", json_integer(rare->key_prov.key_spec));
		json_object_set_new(o, "key_provider", k);
	}
	filetime_prop(o, e, 104, "disallowed_filetime");
	filetime_prop(o, e, 126, "not_before_filetime");
	for (i = 0; i < e->prop_count; i++)
		json_array_append_new(props, json_integer(e->props[i].id));
	json_object_set_new(o, "properties", props);
	json_object_set_new(o, "source", source_json(&e->origin));
	if (rare->blob_subkey) {
		json_t *r = json_object();
		json_object_set_new(r, "subkey", tl_json_str(rare->blob_subkey));
		json_object_set_new(r, "sha1_property_matches", json_boolean(rare->blob_sha1_prop_matches));
		json_object_set_new(r, "sha1_matches", json_boolean(rare->blob_sha1_real_matches));
		json_object_set_new(o, "registry_blob", r);
	}
	if (e->ctl)
		json_object_set_new(o, "ctl", ctl_json(e->ctl));
	return o;
}

json_t *tl_diag_to_json(const tl_diag *g)
{
	json_t *o = json_object();
	tl_origin origin = {g->loc, NULL};

	json_object_set_new(o, "level", json_string(tl_severity_name(g->sev)));
	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "message", tl_json_str(g->msg));
	json_object_set_new(o, "source", source_json(&origin));
	return o;
}

/* ---- configuration */

/* The paths whose effective settings the inventory shows: the server
 * (when an applicationHost.config says what it has), each site's root and
 * applications, and each path a section or file is for; sorted (ASCII
 * case-insensitive, "" first), each once. */
static int path_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = tl_strcasecmp(x, y);

	/* one spelling of a path for every platform's qsort */
	return c ? c : strcmp(x, y);
}

static void add_path(char ***v, size_t *n, size_t *cap, const char *path)
{
	tl_xgrow((void **)v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = tl_xstrdup(path);
}

static char **config_paths(const tl_iisconf *c, size_t *count)
{
	char **v = NULL;
	size_t n = 0, cap = 0, i, j, k;

	if (tl_iisconf_has_apphost(c))
		add_path(&v, &n, &cap, "");
	for (i = 0; i < c->count; i++) {
		const tl_iisconf_file *f = c->files[i];
		if (f->path)
			add_path(&v, &n, &cap, f->path);
		for (j = 0; j < f->site_count; j++) {
			const tl_iis_site *s = f->sites[j];
			if (!s->name)
				continue;
			add_path(&v, &n, &cap, s->name);
			for (k = 0; k < s->app_count; k++) {
				char *p = s->apps[k].path ? tl_iisconf_path_join(s->name, s->apps[k].path)
							  : NULL;
				if (p)
					add_path(&v, &n, &cap, p);
				free(p);
			}
		}
		for (j = 0; j < f->setting_count; j++)
			if (f->settings[j]->path)
				add_path(&v, &n, &cap, f->settings[j]->path);
	}
	if (n)
		qsort(v, n, sizeof(*v), path_cmp);
	/* each path once, whatever its case */
	for (i = j = 0; i < n; i++) {
		if (j && tl_strcasecmp(v[j - 1], v[i]) == 0)
			free(v[i]);
		else
			v[j++] = v[i];
	}
	*count = j;
	return v;
}

/* {file, line, column} of a configuration element; null without a place. */
static json_t *place_json(const tl_loc *l)
{
	json_t *o;

	if (!l->file && l->kind == TL_LOC_NONE)
		return json_null();
	o = json_object();
	json_object_set_new(o, "file", tl_json_str(l->file));
	json_object_set_new(o, "line", json_integer(l->line));
	json_object_set_new(o, "column", json_integer(l->col));
	return o;
}

/* The names of the bits of flags (name_of gives one bit's, or NULL: then
 * "0x..."); [] for none. */
static json_t *flag_names(uint32_t flags, const char *(*name_of)(uint32_t bit))
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < 32; i++)
		if (flags & (1u << i)) {
			const char *name = name_of(1u << i);
			char hex[16];
			snprintf(hex, sizeof(hex), "0x%x", 1u << i);
			json_array_append_new(a, json_string(name ? name : hex));
		}
	return a;
}

static json_t *sites_json(const tl_iisconf *c)
{
	json_t *sites = json_array();
	size_t i, j, k;

	for (i = 0; i < c->count; i++)
		for (j = 0; j < c->files[i]->site_count; j++) {
			const tl_iis_site *s = c->files[i]->sites[j];
			json_t *o = json_object(), *bindings = json_array(), *apps = json_array();

			json_object_set_new(o, "name", tl_json_str(s->name));
			json_object_set_new(o, "id", s->has_id ? json_integer(s->id) : json_null());
			json_object_set_new(o, "source", place_json(&s->loc));
			for (k = 0; k < s->binding_count; k++) {
				const tl_iis_binding *b = &s->bindings[k];
				json_t *bo = json_object();
				json_object_set_new(bo, "protocol", tl_json_str(b->protocol));
				json_object_set_new(bo, "binding_information", tl_json_str(b->information));
				json_object_set_new(bo, "ip", b->endpoint_ok ? tl_json_str(b->ip) : json_null());
				json_object_set_new(bo, "port", b->endpoint_ok ? json_integer(b->port) : json_null());
				json_object_set_new(bo, "host", b->endpoint_ok ? tl_json_str(b->host) : json_null());
				json_object_set_new(bo, "ssl_flags", b->has_ssl_flags ? json_integer(b->ssl_flags) : json_null());
				json_object_set_new(bo, "ssl_flag_names", flag_names(b->ssl_flags, tl_iisconf_binding_flag_name));
				json_object_set_new(bo, "source", place_json(&b->loc));
				json_array_append_new(bindings, bo);
			}
			for (k = 0; k < s->app_count; k++) {
				json_t *ao = json_object();
				json_object_set_new(ao, "path", tl_json_str(s->apps[k].path));
				json_object_set_new(ao, "source", place_json(&s->apps[k].loc));
				json_array_append_new(apps, ao);
			}
			json_object_set_new(o, "bindings", bindings);
			json_object_set_new(o, "applications", apps);
			json_array_append_new(sites, o);
		}
	return sites;
}

static json_t *access_json(const tl_iisconf *c)
{
	json_t *a = json_array();
	size_t n, i;
	char **paths = config_paths(c, &n);

	for (i = 0; i < n; i++) {
		tl_iis_effective e;
		json_t *o = json_object();

		tl_iisconf_effective(c, TL_SECTION_ACCESS, TL_ATTR_SSL_FLAGS, paths[i], &e);
		json_object_set_new(o, "path", tl_json_str(paths[i]));
		json_object_set_new(o, "ssl_flags", flag_names(e.from ? e.from->ssl_flags : 0, tl_iisconf_access_flag_name));
		json_object_set_new(o, "set_at", e.from ? place_json(&e.from->loc) : json_null());
		json_object_set_new(o, "refused", e.refused ? place_json(&e.refused->loc) : json_null());
		json_object_set_new(o, "lock_unknown", json_boolean(e.lock_unknown));
		json_array_append_new(a, o);
	}
	tl_strv_free(paths, n);
	return a;
}

static json_t *tristate(bool set, bool value)
{
	return set ? json_boolean(value) : json_null();
}

static json_t *setting_json(const tl_iis_setting *st)
{
	json_t *o = json_object(), *maps = json_array();
	size_t i;

	json_object_set_new(o, "section", json_string(tl_iisconf_section_name(st->section)));
	json_object_set_new(o, "path", tl_json_str(st->path));
	json_object_set_new(o, "override_mode", json_string(tl_override_name(st->override)));
	json_object_set_new(o, "inherit_in_child_applications", json_boolean(st->child_apps));
	json_object_set_new(o, "location", place_json(&st->location_loc));
	if (st->section == TL_SECTION_ACCESS) {
		json_object_set_new(o, "ssl_flags", st->set & TL_ATTR_SSL_FLAGS ? flag_names(st->ssl_flags, tl_iisconf_access_flag_name) : json_null());
	} else {
		json_object_set_new(o, "enabled", tristate(st->set & TL_ATTR_ENABLED, st->enabled));
	}
	if (st->section == TL_SECTION_IIS_MAPPING) {
		json_object_set_new(o, "one_to_one_enabled",
				    tristate(st->set & TL_ATTR_ONE_TO_ONE_ENABLED, st->one_to_one_enabled));
		json_object_set_new(o, "many_to_one_enabled",
				    tristate(st->set & TL_ATTR_MANY_TO_ONE_ENABLED, st->many_to_one_enabled));
		for (i = 0; i < st->mapping_count; i++) {
			const tl_iis_mapping *m = &st->mappings[i];
			json_t *mo = json_object();
			json_object_set_new(mo, "kind", json_string(m->many_to_one ? "many-to-one" : "one-to-one"));
			json_object_set_new(mo, "enabled", tristate(m->enabled >= 0, m->enabled == 1));
			json_object_set_new(mo, "user_name", tl_json_str(m->user_name));
			if (m->many_to_one) {
				json_object_set_new(mo, "name", tl_json_str(m->name));
				json_object_set_new(mo, "permission_mode", tl_json_str(m->permission_mode));
				json_object_set_new(mo, "rules", json_integer((json_int_t)m->rule_count));
			} else {
				char hex[41];
				tl_hex(m->cert_sha1, 20, hex, true);
				json_object_set_new(mo, "certificate_sha1", m->has_cert ? json_string(hex) : json_null());
			}
			json_object_set_new(mo, "source", place_json(&m->loc));
			json_array_append_new(maps, mo);
		}
		json_object_set_new(o, "mappings", maps);
	} else {
		json_decref(maps);
	}
	json_object_set_new(o, "source", place_json(&st->loc));
	return o;
}

/* How a WCF binding configuration asks for client certificates, as read;
 * NULL members stay null (WCF's defaults depend on the binding type). */
static void wcf_binding_fields(json_t *o, const tl_wcf_binding *b)
{
	json_object_set_new(o, "security_mode", tl_json_str(b ? b->security_mode : NULL));
	json_object_set_new(o, "transport_client_credential_type",
			    tl_json_str(b ? b->transport_credential : NULL));
	json_object_set_new(o, "message_client_credential_type",
			    tl_json_str(b ? b->message_credential : NULL));
	json_object_set_new(o, "require_client_certificate",
			    b && b->require_client_cert >= 0 ? json_boolean(b->require_client_cert)
							     : json_null());
}

static json_t *wcf_json(const tl_iisconf_file *f)
{
	json_t *services = json_array();
	size_t i, j;

	for (i = 0; i < f->wcf_service_count; i++) {
		const tl_wcf_service *s = f->wcf_services[i];
		const tl_wcf_behavior *beh = tl_iisconf_service_behavior(f, s);
		json_t *o = json_object(), *eps = json_array(), *bases = json_array(), *auth;

		json_object_set_new(o, "name", tl_json_str(s->name));
		json_object_set_new(o, "path", tl_json_str(s->path));
		json_object_set_new(o, "behavior_configuration", tl_json_str(s->behavior_configuration));
		if (beh && beh->auth_loc.kind != TL_LOC_NONE) {
			auth = json_object();
			json_object_set_new(auth, "certificate_validation_mode", tl_json_str(beh->validation_mode));
			json_object_set_new(auth, "trusted_store_location", tl_json_str(beh->trusted_store_location));
			json_object_set_new(auth, "revocation_mode", tl_json_str(beh->revocation_mode));
			json_object_set_new(auth, "source", place_json(&beh->auth_loc));
		} else {
			auth = json_null();
		}
		json_object_set_new(o, "client_certificate_authentication", auth);
		for (j = 0; j < s->base_address_count; j++) {
			json_t *bo = json_object();
			json_object_set_new(bo, "address", tl_json_str(s->base_addresses[j].address));
			json_object_set_new(bo, "source", place_json(&s->base_addresses[j].loc));
			json_array_append_new(bases, bo);
		}
		json_object_set_new(o, "base_addresses", bases);
		for (j = 0; j < s->endpoint_count; j++) {
			const tl_wcf_endpoint *e = &s->endpoints[j];
			const tl_wcf_binding *b = tl_iisconf_endpoint_binding(f, e);
			json_t *eo = json_object();
			json_object_set_new(eo, "address", tl_json_str(e->address));
			json_object_set_new(eo, "binding", tl_json_str(e->binding));
			json_object_set_new(eo, "binding_configuration", tl_json_str(e->binding_configuration));
			json_object_set_new(eo, "contract", tl_json_str(e->contract));
			json_object_set_new(eo, "binding_source", b ? place_json(&b->loc) : json_null());
			wcf_binding_fields(eo, b);
			json_object_set_new(eo, "source", place_json(&e->loc));
			json_array_append_new(eps, eo);
		}
		json_object_set_new(o, "endpoints", eps);
		json_object_set_new(o, "source", place_json(&s->loc));
		json_array_append_new(services, o);
	}
	return services;
}

/* The root program lists (FORMATS.md 7), in input order: where each came
 * from and what its CTL says of itself. */
static json_t *lists_json(const tl_model *m)
{
	json_t *lists = json_array();
	size_t i;

	for (i = 0; i < m->list_count; i++) {
		const tl_trust_list *l = &m->lists[i];
		const tl_ctl *c = l->entry->ctl;
		json_t *o = json_object();
		char *id = c ? tl_ctl_list_id_text(c) : NULL;

		json_object_set_new(o, "source", tl_json_str(l->source));
		json_object_set_new(o, "from", source_json(&l->entry->origin));
		json_object_set_new(o, "decoded", json_boolean(c != NULL));
		json_object_set_new(o, "usage", c ? tl_json_strv(c->usage, c->usage_count) : json_null());
		json_object_set_new(o, "list_identifier", tl_json_str(id));
		free(id);
		json_object_set_new(o, "sequence_number", tl_json_str(c ? c->sequence : NULL));
		json_object_set_new(o, "this_update", c ? time_json(c->this_update) : json_null());
		json_object_set_new(o, "next_update",
				    c && c->has_next_update ? time_json(c->next_update) : json_null());
		json_object_set_new(o, "subject_count",
				    c ? json_integer((json_int_t)c->subject_count) : json_null());
		json_object_set_new(o, "sync_time", l->has_sync_time ? time_json(l->sync_time) : json_null());
		json_array_append_new(lists, o);
	}
	return lists;
}

static json_t *config_json(const tl_inputs *in)
{
	const tl_iisconf *c = in->conf;
	json_t *o = json_object(), *files = json_array(), *sections = json_array();
	size_t i, j;

	for (i = 0; i < c->count; i++) {
		const tl_iisconf_file *f = c->files[i];
		json_t *fo = json_object();

		json_object_set_new(fo, "file", tl_json_str(f->file));
		json_object_set_new(fo, "kind", json_string(f->kind == TL_IISCONF_APPHOST ? "applicationHost" : "application"));
		json_object_set_new(fo, "path", tl_json_str(f->path));
		json_object_set_new(fo, "wcf_services", wcf_json(f));
		json_array_append_new(files, fo);
		for (j = 0; j < f->setting_count; j++)
			json_array_append_new(sections, setting_json(f->settings[j]));
	}
	json_object_set_new(o, "files", files);
	json_object_set_new(o, "sites", sites_json(c));
	json_object_set_new(o, "access", access_json(c));
	json_object_set_new(o, "sections", sections);
	return o;
}

/* ---- what Microsoft's root program lists say (windows/rootprogram) */

typedef struct program_ctx {
	tl_index *index;
	tl_logical_store *logical;
	size_t logical_count;
	tl_program *program; /* NULL when the inputs hold no CTL */
} program_ctx;

static void program_open(const tl_model *m, program_ctx *p)
{
	size_t i, j;
	bool ctl = m->list_count > 0;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < m->count && !ctl; i++)
		for (j = 0; j < m->stores[i]->count && !ctl; j++)
			ctl = m->stores[i]->entries[j]->kind == TL_ENTRY_CTL;
	/* without a CTL every answer is "unknown": no index is built */
	if (!ctl)
		return;
	p->index = tl_index_new(m);
	p->logical_count = tl_logical_stores(m, &p->logical);
	p->program = tl_program_build(m, p->index,
				      tl_logical_machine_root(p->logical, p->logical_count));
}

static void program_close(program_ctx *p)
{
	tl_program_free(p->program);
	tl_logical_stores_free(p->logical, p->logical_count);
	tl_index_free(p->index);
}

/* "in-program", ..., "unknown" for a certificate entry; NULL for others. */
static const char *program_of(const program_ctx *p, const tl_entry *e)
{
	uint8_t sha1[20];

	if (e->kind != TL_ENTRY_CERT)
		return NULL;
	if (!p->program)
		return tl_program_state_name(TL_PROGRAM_UNKNOWN);
	tl_entry_hashes(e, sha1, NULL);
	return tl_program_state_name(tl_program_of(p->program, sha1, NULL));
}

int tl_inventory_json(const tl_inputs *in, FILE *out)
{
	const tl_model *m = in->model;
	size_t i, j, n = 0;
	program_ctx pc;

	program_open(m, &pc);
	/* streamed: one entry object at a time, so 100,000 entries never
	 * exist as one JSON tree */
	fprintf(out, "{\"tool\": \"trustlint\", \"version\": \"%s\", \"entries\": [", PACKAGE_VERSION);
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];
			json_t *o = tl_entry_to_json(m->stores[i], e);
			const char *prog = program_of(&pc, e);

			if (prog)
				json_object_set_new(o, "program", json_string(prog));
			fputs(n++ ? ",\n  " : "\n  ", out);
			json_dumpf(o, out, JSON_PRESERVE_ORDER | tl_json_flags());
			json_decref(o);
		}
	fputs(n ? "\n]" : "]", out);
	program_close(&pc);
	if (m->list_count) {
		json_t *lists = lists_json(m);
		fputs(", \"root_program_lists\": ", out);
		json_dumpf(lists, out, JSON_PRESERVE_ORDER | tl_json_flags());
		json_decref(lists);
	}
	if (in->conf->count) {
		json_t *c = config_json(in);
		fputs(", \"configuration\": ", out);
		json_dumpf(c, out, JSON_PRESERVE_ORDER | tl_json_flags());
		json_decref(c);
	}
	fputs(", \"diagnostics\": [", out);
	for (i = 0; i < tl_diags_count(in->diags); i++) {
		json_t *o = tl_diag_to_json(tl_diags_at(in->diags, i));
		fputs(i ? ",\n  " : "\n  ", out);
		json_dumpf(o, out, JSON_PRESERVE_ORDER | tl_json_flags());
		json_decref(o);
	}
	fputs(tl_diags_count(in->diags) ? "\n]}\n" : "]}\n", out);
	return ferror(out) ? -1 : 0;
}

/* ---- text table */

enum { COL_STORE, COL_KIND, COL_SUBJECT, COL_ISSUER, COL_SHA1, COL_NOT_AFTER, COL_SELF,
       COL_CA, COL_KEY, COL_NAME, COL_SOURCE, COL_PROGRAM, NCOLS };

/* PROGRAM is shown only when a root program list is used */
static const char *const col_titles[NCOLS] = {
	"STORE", "KIND", "SUBJECT", "ISSUER", "SHA1", "NOT-AFTER", "SELF-SIGNED", "CA", "KEY",
	"FRIENDLY-NAME", "SOURCE", "PROGRAM",
};

/* The widest a table cell gets, in code points: real subjects reach about
 * 200, and one hostile 100,000-character name must not pad every row of
 * the table to its width (trustlint(1), LIMITS). Cut cells end in "...";
 * the JSON inventory keeps every name whole. */
#define TL_MAX_CELL_WIDTH 256

/* Display width of UTF-8 text: code points (no East Asian width). */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Cut a cell wider than TL_MAX_CELL_WIDTH at a code point boundary. */
static void cut_cell(tl_buf *b)
{
	size_t i, w = 0;

	if (text_width(b->data) <= TL_MAX_CELL_WIDTH)
		return;
	for (i = 0; i < b->len; i++) {
		if (((unsigned char)b->data[i] & 0xC0) == 0x80)
			continue;
		if (w == TL_MAX_CELL_WIDTH - 3) {
			b->len = i;
			tl_buf_adds(b, "...");
			return;
		}
		w++;
	}
}

/* An empty cell says "-"; a wide one is cut. */
static void finish_cells(tl_buf *cell, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (cell[i].len == 0)
			tl_buf_adds(&cell[i], "-");
		cut_cell(&cell[i]);
	}
}

/* One line of a table: each cell padded to its column's width and two
 * spaces, the last one not. */
static void print_line(FILE *out, const tl_buf *cell, const size_t *width, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		fputs(cell[k].data, out);
		if (k + 1 < n) {
			size_t pad = width[k] - text_width(cell[k].data) + 2;
			while (pad--)
				fputc(' ', out);
		}
	}
	fputc('\n', out);
}

/* Column titles as cells. */
static void title_cells(tl_buf *cell, const char *const *titles, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		cell[k].len = 0;
		tl_buf_adds(&cell[k], titles[k]);
	}
}

static void cells(const tl_store *s, const tl_entry *e, tl_buf cell[NCOLS])
{
	size_t i;

	for (i = 0; i < NCOLS; i++)
		cell[i].len = 0, tl_buf_add(&cell[i], "", 0);
	{
		tl_buf label = {0};
		tl_store_label(&label, s->location, s->name);
		tl_escape_text(&cell[COL_STORE], label.data);
		tl_buf_free(&label);
	}
	tl_buf_adds(&cell[COL_KIND], e->kind == TL_ENTRY_CERT ? "cert" : tl_entry_kind_name(e->kind));
	if (e->parsed) {
		const tl_cert *c = &e->cert;
		char t[32], hex[41];

		tl_escape_text(&cell[COL_SUBJECT], c->subject);
		tl_escape_text(&cell[COL_ISSUER], c->issuer);
		tl_hex(c->sha1, 20, hex, true);
		tl_buf_adds(&cell[COL_SHA1], hex);
		tl_format_time(c->not_after, t);
		t[10] = '\0';
		tl_buf_adds(&cell[COL_NOT_AFTER], t);
		tl_buf_adds(&cell[COL_SELF], c->self_signed == TL_SIG_YES ? "yes"
					     : c->self_signed == TL_SIG_UNVERIFIABLE ? "unverifiable"
					     : c->self_issued ? "no (self-issued)" : "no");
		tl_buf_adds(&cell[COL_CA], c->is_ca ? "yes" : "no");
		if (c->curve)
			tl_buf_printf(&cell[COL_KEY], "%s %s", c->key_algorithm, c->curve);
		else
			tl_buf_printf(&cell[COL_KEY], "%s %u", c->key_algorithm, c->key_bits);
	} else {
		uint8_t sha1[20];
		char hex[41];

		tl_entry_hashes(e, sha1, NULL);
		tl_hex(sha1, 20, hex, true);
		tl_buf_adds(&cell[COL_SHA1], hex);
		tl_buf_adds(&cell[COL_SUBJECT], e->kind == TL_ENTRY_CERT ? "(unparsable)" : "-");
	}
	if (e->friendly_name)
		tl_escape_text(&cell[COL_NAME], e->friendly_name);
	tl_loc_format(&e->origin.loc, &cell[COL_SOURCE]);
	finish_cells(cell, NCOLS);
}

/* cells() and the PROGRAM cell. */
static void program_cells(const program_ctx *pc, const tl_store *s, const tl_entry *e,
			  tl_buf *cell)
{
	const char *prog = program_of(pc, e);

	cells(s, e, cell);
	cell[COL_PROGRAM].len = 0;
	tl_buf_adds(&cell[COL_PROGRAM], prog ? prog : "-");
}

/* ---- configuration as text: tables held whole (configuration files are
 * small next to stores), each printed under its title when it has rows */

typedef struct table {
	const char *title;
	const char *const *cols;
	size_t ncols;
	tl_buf *cells; /* rows * ncols */
	size_t rows, cap;
} table;

/* A new row of empty cells. */
static tl_buf *table_row(table *t)
{
	tl_buf *row;
	size_t k;

	tl_xgrow((void **)&t->cells, &t->cap, (t->rows + 1) * t->ncols, sizeof(tl_buf));
	row = t->cells + t->rows++ * t->ncols;
	memset(row, 0, t->ncols * sizeof(tl_buf));
	for (k = 0; k < t->ncols; k++)
		tl_buf_add(&row[k], "", 0);
	return row;
}

/* Print t (when it has rows) after a blank line when something came
 * before; then free its cells. */
static void table_print(table *t, bool *before, FILE *out)
{
	size_t *width = tl_xcalloc(t->ncols, sizeof(size_t)), r, k;
	tl_buf *titles = tl_xcalloc(t->ncols, sizeof(tl_buf));

	if (t->rows) {
		for (r = 0; r < t->rows; r++)
			finish_cells(t->cells + r * t->ncols, t->ncols);
		title_cells(titles, t->cols, t->ncols);
		for (k = 0; k < t->ncols; k++)
			width[k] = strlen(t->cols[k]);
		for (r = 0; r < t->rows; r++)
			for (k = 0; k < t->ncols; k++)
				if (text_width(t->cells[r * t->ncols + k].data) > width[k])
					width[k] = text_width(t->cells[r * t->ncols + k].data);
		fprintf(out, "%s%s:\n", *before ? "\n" : "", t->title);
		print_line(out, titles, width, t->ncols);
		for (r = 0; r < t->rows; r++)
			print_line(out, t->cells + r * t->ncols, width, t->ncols);
		*before = true;
	}
	for (r = 0; r < t->rows * t->ncols; r++)
		tl_buf_free(&t->cells[r]);
	for (k = 0; k < t->ncols; k++)
		tl_buf_free(&titles[k]);
	free(titles);
	free(width);
	free(t->cells);
}

static const char *const site_cols[] = {"SITE", "ID", "PROTOCOL", "BINDING", "SSL-FLAGS", "SOURCE"};
static const char *const access_cols[] = {"PATH", "SSL-FLAGS", "SET-AT", "NOTE"};
static const char *const service_cols[] = {"SERVICE", "BASE-ADDRESSES", "CERTIFICATE-VALIDATION",
					   "TRUSTED-STORE", "REVOCATION", "SOURCE"};
static const char *const endpoint_cols[] = {"SERVICE", "ADDRESS", "BINDING", "CONFIGURATION",
					    "SECURITY", "CLIENT-CREDENTIAL", "SOURCE"};

static void site_rows(const tl_iisconf *c, table *t, size_t *sites, size_t *bindings)
{
	size_t i, j, k;

	for (i = 0; i < c->count; i++)
		for (j = 0; j < c->files[i]->site_count; j++) {
			const tl_iis_site *s = c->files[i]->sites[j];
			(*sites)++;
			for (k = 0; k < s->binding_count || k == 0; k++) {
				tl_buf *row = table_row(t);
				const tl_iis_binding *b = k < s->binding_count ? &s->bindings[k] : NULL;
				if (s->name)
					tl_escape_text(&row[0], s->name);
				if (s->has_id)
					tl_buf_printf(&row[1], "%u", (unsigned)s->id);
				if (!b) {
					tl_loc_format(&s->loc, &row[5]);
					break;
				}
				(*bindings)++;
				if (b->protocol)
					tl_escape_text(&row[2], b->protocol);
				if (b->information)
					tl_escape_text(&row[3], b->information);
				if (b->has_ssl_flags) {
					tl_buf_printf(&row[4], "%u (", (unsigned)b->ssl_flags);
					tl_iisconf_binding_flags_format(b->ssl_flags, &row[4]);
					tl_buf_adds(&row[4], ")");
				}
				tl_loc_format(&b->loc, &row[5]);
			}
		}
}

static void access_rows(const tl_iisconf *c, table *t)
{
	size_t n, i, j;
	char **paths = config_paths(c, &n);

	for (i = 0; i < n; i++) {
		tl_buf *row = table_row(t);
		tl_iis_effective e;

		tl_iisconf_effective(c, TL_SECTION_ACCESS, TL_ATTR_SSL_FLAGS, paths[i], &e);
		tl_escape_text(&row[0], *paths[i] ? paths[i] : "(server)");
		tl_iisconf_access_format(e.from ? e.from->ssl_flags : 0, &row[1]);
		if (e.from)
			tl_loc_format(&e.from->loc, &row[2]);
		else
			tl_buf_adds(&row[2], "(IIS default)");
		if (e.refused) {
			tl_buf_adds(&row[3], "refused: ");
			tl_loc_format(&e.refused->loc, &row[3]);
			tl_buf_adds(&row[3], " (the section is locked above it: HTTP 500.19)");
		} else if (e.lock_unknown) {
			tl_buf_adds(&row[3], "no applicationHost.config says whether it may be set here");
		}
	}
	tl_strv_free(paths, n);
	/* what files given without SITE/PATH= set, which counts for no path */
	for (i = 0; i < c->count; i++)
		for (j = 0; j < c->files[i]->setting_count; j++) {
			const tl_iis_setting *st = c->files[i]->settings[j];
			tl_buf *row;
			if (st->section != TL_SECTION_ACCESS || st->path || !(st->set & TL_ATTR_SSL_FLAGS))
				continue;
			row = table_row(t);
			tl_buf_adds(&row[0], "(not known)");
			tl_iisconf_access_format(st->ssl_flags, &row[1]);
			tl_loc_format(&st->loc, &row[2]);
			tl_buf_adds(&row[3], "counts for no path: the file was given without SITE/PATH=");
		}
}

/* How an endpoint's binding configuration asks for client certificates:
 * the transport and message credential types and requireClientCertificate
 * as written. */
static void credential_cell(tl_buf *b, const tl_wcf_binding *wb)
{
	const char *sep = "";

	if (wb->transport_credential) {
		tl_buf_adds(b, "transport ");
		tl_escape_text(b, wb->transport_credential);
		sep = ", ";
	}
	if (wb->message_credential) {
		tl_buf_printf(b, "%smessage ", sep);
		tl_escape_text(b, wb->message_credential);
		sep = ", ";
	}
	if (wb->require_client_cert >= 0)
		tl_buf_printf(b, "%srequireClientCertificate %s", sep,
			      wb->require_client_cert ? "true" : "false");
}

static void wcf_rows(const tl_iisconf *c, table *services, table *endpoints, size_t *count)
{
	size_t i, j, k;

	for (i = 0; i < c->count; i++) {
		const tl_iisconf_file *f = c->files[i];
		for (j = 0; j < f->wcf_service_count; j++) {
			const tl_wcf_service *s = f->wcf_services[j];
			const tl_wcf_behavior *beh = tl_iisconf_service_behavior(f, s);
			tl_buf *row = table_row(services);

			if (s->name)
				tl_escape_text(&row[0], s->name);
			for (k = 0; k < s->base_address_count; k++) {
				if (k)
					tl_buf_adds(&row[1], " ");
				if (s->base_addresses[k].address)
					tl_escape_text(&row[1], s->base_addresses[k].address);
			}
			if (beh && beh->validation_mode)
				tl_escape_text(&row[2], beh->validation_mode);
			if (beh && beh->trusted_store_location)
				tl_escape_text(&row[3], beh->trusted_store_location);
			if (beh && beh->revocation_mode)
				tl_escape_text(&row[4], beh->revocation_mode);
			tl_loc_format(&s->loc, &row[5]);
			for (k = 0; k < s->endpoint_count; k++) {
				const tl_wcf_endpoint *e = &s->endpoints[k];
				const tl_wcf_binding *b = tl_iisconf_endpoint_binding(f, e);
				tl_buf *er = table_row(endpoints);

				(*count)++;
				if (s->name)
					tl_escape_text(&er[0], s->name);
				if (e->address)
					tl_escape_text(&er[1], *e->address ? e->address : "(base)");
				if (e->binding)
					tl_escape_text(&er[2], e->binding);
				if (b)
					tl_escape_text(&er[3], *b->name ? b->name : "(default)");
				else if (e->binding_configuration)
					tl_buf_adds(&er[3], "(not found)");
				if (b && b->security_mode)
					tl_escape_text(&er[4], b->security_mode);
				if (b)
					credential_cell(&er[5], b);
				tl_loc_format(&e->loc, &er[6]);
			}
		}
	}
}

static const char *const list_cols[] = {"FROM", "SOURCE", "USAGE", "LIST-ID", "SEQUENCE",
					"THIS-UPDATE", "NEXT-UPDATE", "SUBJECTS", "SYNCED"};

/* One row per root program list: a registry value by its .reg line, a
 * file (or a cabinet, its member in SOURCE) by its name. */
static void lists_text(const tl_model *m, bool *before, FILE *out)
{
	table lists = {"Root program lists", list_cols, TL_ARRAY_LEN(list_cols), NULL, 0, 0};
	size_t i, k;

	for (i = 0; i < m->list_count; i++) {
		const tl_trust_list *l = &m->lists[i];
		const tl_ctl *c = l->entry->ctl;
		tl_buf *row = table_row(&lists);
		char when[32];

		if (l->entry->origin.loc.kind == TL_LOC_LINE)
			tl_loc_format(&l->entry->origin.loc, &row[0]);
		else
			tl_escape_text(&row[0], l->entry->origin.loc.file);
		tl_escape_text(&row[1], l->source);
		if (!c) {
			tl_buf_printf(&row[2], "(not decoded)");
		} else {
			char *id = tl_ctl_list_id_text(c);

			for (k = 0; k < c->usage_count; k++) {
				if (k)
					tl_buf_addc(&row[2], ',');
				tl_escape_text(&row[2], c->usage[k]);
			}
			if (id)
				tl_escape_text(&row[3], id);
			free(id);
			if (c->sequence)
				tl_buf_printf(&row[4], "%s", c->sequence);
			tl_format_time(c->this_update, when);
			tl_buf_printf(&row[5], "%s", when);
			if (c->has_next_update) {
				tl_format_time(c->next_update, when);
				tl_buf_printf(&row[6], "%s", when);
			}
			tl_buf_printf(&row[7], "%zu", c->subject_count);
		}
		if (l->has_sync_time) {
			tl_format_time(l->sync_time, when);
			tl_buf_printf(&row[8], "%s", when);
		}
	}
	table_print(&lists, before, out);
	fprintf(out, "%zu root program list%s\n", m->list_count, m->list_count == 1 ? "" : "s");
}

static void config_text(const tl_iisconf *c, bool before, FILE *out)
{
	table sites = {"IIS sites and bindings", site_cols, TL_ARRAY_LEN(site_cols), NULL, 0, 0};
	table access = {"IIS access sslFlags in effect", access_cols, TL_ARRAY_LEN(access_cols), NULL, 0, 0};
	table services = {"WCF services", service_cols, TL_ARRAY_LEN(service_cols), NULL, 0, 0};
	table endpoints = {"WCF endpoints", endpoint_cols, TL_ARRAY_LEN(endpoint_cols), NULL, 0, 0};
	size_t site_count = 0, binding_count = 0, endpoint_count = 0;

	site_rows(c, &sites, &site_count, &binding_count);
	access_rows(c, &access);
	wcf_rows(c, &services, &endpoints, &endpoint_count);
	table_print(&sites, &before, out);
	table_print(&access, &before, out);
	table_print(&services, &before, out);
	table_print(&endpoints, &before, out);
	fprintf(out, "%s%zu site%s, %zu binding%s, %zu WCF endpoint%s in %zu configuration file%s\n",
		before ? "\n" : "", site_count, site_count == 1 ? "" : "s", binding_count,
		binding_count == 1 ? "" : "s", endpoint_count, endpoint_count == 1 ? "" : "s", c->count,
		c->count == 1 ? "" : "s");
}

int tl_inventory_text(const tl_inputs *in, FILE *out)
{
	const tl_model *m = in->model;
	tl_buf cell[NCOLS];
	size_t width[NCOLS], i, j, k, entries = 0, ncols;
	bool before;
	program_ctx pc;

	program_open(m, &pc);
	ncols = pc.program && (pc.program->authroot || pc.program->disallowed) ? NCOLS : NCOLS - 1;
	memset(cell, 0, sizeof(cell));
	for (k = 0; k < NCOLS; k++)
		width[k] = strlen(col_titles[k]);
	/* two passes: widths first, so nothing is held per entry */
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			program_cells(&pc, m->stores[i], m->stores[i]->entries[j], cell);
			for (k = 0; k < NCOLS; k++)
				if (text_width(cell[k].data) > width[k])
					width[k] = text_width(cell[k].data);
			entries++;
		}
	/* configuration inputs or lists alone: no empty store table */
	if (m->count || (!in->conf->count && !m->list_count)) {
		title_cells(cell, col_titles, ncols);
		print_line(out, cell, width, ncols);
		for (i = 0; i < m->count; i++)
			for (j = 0; j < m->stores[i]->count; j++) {
				program_cells(&pc, m->stores[i], m->stores[i]->entries[j], cell);
				print_line(out, cell, width, ncols);
			}
		fprintf(out, "%zu entr%s in %zu store%s\n", entries, entries == 1 ? "y" : "ies",
			m->count, m->count == 1 ? "" : "s");
	}
	for (k = 0; k < NCOLS; k++)
		tl_buf_free(&cell[k]);
	program_close(&pc);
	before = m->count > 0;
	if (m->list_count)
		lists_text(m, &before, out);
	if (in->conf->count)
		config_text(in->conf, before, out);
	return ferror(out) ? -1 : 0;
}
