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
		json_t *ku;

		json_object_set_new(o, "subject", tl_json_str(c->subject));
		json_object_set_new(o, "issuer", tl_json_str(c->issuer));
		json_object_set_new(o, "serial", json_string(c->serial));
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
	if (e->description)
		json_object_set_new(o, "description", tl_json_str(e->description));
	json_object_set_new(o, "store_eku",
			    e->store_eku_present ? tl_json_strv(e->store_eku, e->store_eku_count) : json_null());
	json_object_set_new(o, "has_private_key", json_boolean(e->has_key_prov));
	if (e->has_key_prov) {
		json_t *k = json_object();
		json_object_set_new(k, "container", tl_json_str(e->key_prov.container));
		json_object_set_new(k, "provider", tl_json_str(e->key_prov.provider));
		json_object_set_new(k, "provider_type", json_integer(e->key_prov.prov_type));
		json_object_set_new(k, "flags", json_integer(e->key_prov.flags));
		json_object_set_new(k, "key_spec", json_integer(e->key_prov.key_spec));
		json_object_set_new(o, "key_provider", k);
	}
	filetime_prop(o, e, 104, "disallowed_filetime");
	filetime_prop(o, e, 126, "not_before_filetime");
	for (i = 0; i < e->prop_count; i++)
		json_array_append_new(props, json_integer(e->props[i].id));
	json_object_set_new(o, "properties", props);
	json_object_set_new(o, "source", source_json(&e->origin));
	if (e->blob_subkey) {
		json_t *r = json_object();
		json_object_set_new(r, "subkey", tl_json_str(e->blob_subkey));
		json_object_set_new(r, "sha1_property_matches", json_boolean(e->blob_sha1_prop_matches));
		json_object_set_new(r, "sha1_matches", json_boolean(e->blob_sha1_real_matches));
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

int tl_inventory_json(const tl_inputs *in, FILE *out)
{
	const tl_model *m = in->model;
	size_t i, j, n = 0;

	/* streamed: one entry object at a time, so 100,000 entries never
	 * exist as one JSON tree */
	fprintf(out, "{\"tool\": \"trustlint\", \"version\": \"%s\", \"entries\": [", PACKAGE_VERSION);
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			json_t *o = tl_entry_to_json(m->stores[i], m->stores[i]->entries[j]);
			fputs(n++ ? ",\n  " : "\n  ", out);
			json_dumpf(o, out, JSON_PRESERVE_ORDER | tl_json_flags());
			json_decref(o);
		}
	fputs(n ? "\n], \"diagnostics\": [" : "], \"diagnostics\": [", out);
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
       COL_CA, COL_KEY, COL_NAME, COL_SOURCE, NCOLS };

static const char *const col_titles[NCOLS] = {
	"STORE", "KIND", "SUBJECT", "ISSUER", "SHA1", "NOT-AFTER", "SELF-SIGNED", "CA", "KEY",
	"FRIENDLY-NAME", "SOURCE",
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
	for (i = 0; i < NCOLS; i++) {
		if (cell[i].len == 0)
			tl_buf_adds(&cell[i], "-");
		cut_cell(&cell[i]);
	}
}

int tl_inventory_text(const tl_inputs *in, FILE *out)
{
	const tl_model *m = in->model;
	tl_buf cell[NCOLS];
	size_t width[NCOLS], i, j, k, entries = 0;

	memset(cell, 0, sizeof(cell));
	for (k = 0; k < NCOLS; k++)
		width[k] = strlen(col_titles[k]);
	/* two passes: widths first, so nothing is held per entry */
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			cells(m->stores[i], m->stores[i]->entries[j], cell);
			for (k = 0; k < NCOLS; k++)
				if (text_width(cell[k].data) > width[k])
					width[k] = text_width(cell[k].data);
			entries++;
		}
	for (k = 0; k < NCOLS; k++) {
		if (k + 1 < NCOLS)
			fprintf(out, "%-*s  ", (int)width[k], col_titles[k]);
		else
			fprintf(out, "%s\n", col_titles[k]);
	}
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			cells(m->stores[i], m->stores[i]->entries[j], cell);
			for (k = 0; k < NCOLS; k++) {
				fputs(cell[k].data, out);
				if (k + 1 < NCOLS) {
					size_t pad = width[k] - text_width(cell[k].data) + 2;
					while (pad--)
						fputc(' ', out);
				}
			}
			fputc('\n', out);
		}
	fprintf(out, "%zu entr%s in %zu store%s\n", entries, entries == 1 ? "y" : "ies", m->count,
		m->count == 1 ? "" : "s");
	for (k = 0; k < NCOLS; k++)
		tl_buf_free(&cell[k]);
	return ferror(out) ? -1 : 0;
}
