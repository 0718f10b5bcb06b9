/* issuers.c: `trustlint issuers` (see issuers.h). Every fact it shows is
 * worked out in windows/ (httpsys: the issuer source, its reason, what a
 * list over 16 KB does; stores: the list; schannel: the settings), which
 * cites its sources; this file lays them out. Endpoints are written one at
 * a time, so a Root of 100,000 certificates behind a binding is never held
 * twice. */
#include "config.h"

#include "report/issuers.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/util.h"
#include "report/inventory.h"

/* The machine the endpoints are on: its Schannel settings, its logical
 * Root, its bindings. */
typedef struct machine {
	tl_schannel sc;
	tl_logical_store *logical;
	size_t logical_count;
	const tl_logical_store *root; /* or NULL */
	tl_binding *bindings;
	size_t binding_count;
	tl_sites *sites; /* who asks each binding for client certificates */
} machine;

static void machine_read(const tl_inputs *in, machine *m)
{
	memset(m, 0, sizeof(*m));
	tl_schannel_read(in->registry, in->manifest, &m->sc);
	m->logical_count = tl_logical_stores(in->model, &m->logical);
	m->root = tl_logical_machine_root(m->logical, m->logical_count);
	m->binding_count = tl_bindings_read(in->registry, &m->bindings);
	m->sites = tl_sites_build(in->conf, m->bindings, m->binding_count);
}

static void machine_free(machine *m)
{
	tl_sites_free(m->sites);
	tl_bindings_free(m->bindings, m->binding_count);
	tl_logical_stores_free(m->logical, m->logical_count);
	tl_schannel_free(&m->sc);
}

/* One binding and the trusted issuers Schannel takes for it. Built in
 * place and never copied: src.stores may point into src. */
typedef tl_issuers_endpoint endpoint;

/* Who asks for client certificates on e: everyone asking its http.sys
 * binding, or for a site only the site's own paths. */
static void endpoint_asks(const machine *m, endpoint *e)
{
	size_t i;

	if (e->sv) {
		for (i = 0; i < m->sites->site_count; i++)
			if (m->sites->sites[i].site == e->sv->site) {
				e->ask_count = m->sites->sites[i].ask_count;
				e->asks = m->sites->sites[i].asks;
			}
		return;
	}
	e->ask_count = m->sites->bindings[e->b - m->bindings].ask_count;
	e->asks = m->sites->bindings[e->b - m->bindings].asks;
}

/* b's endpoint, or sv's when sv is not NULL (b then serves sv, or is NULL
 * when no binding does). */
static void endpoint_build(const tl_inputs *in, const machine *m, const tl_binding *b,
			   const tl_served *sv, endpoint *e)
{
	memset(e, 0, sizeof(*e));
	e->b = b;
	e->sv = sv;
	e->sc = &m->sc;
	e->apphost = m->sites->apphost;
	if (!b)
		return;
	tl_binding_issuer_source(b, in->model, m->root, &e->src);
	tl_issuer_source_reason(b, &e->src, &e->reason);
	tl_issuer_list_build(e->src.stores, e->src.count, e->src.root, &e->list);
	endpoint_asks(m, e);
}

static void endpoint_free(endpoint *e)
{
	tl_buf_free(&e->reason);
	tl_issuer_list_free(&e->list);
}

/* Every endpoint of m in report order, each built for fn and freed after. */
static void each_endpoint(const tl_inputs *in, const machine *m,
			  void (*fn)(const endpoint *e, void *arg), void *arg)
{
	size_t i;
	endpoint e;

	for (i = 0; i < m->binding_count; i++) {
		endpoint_build(in, m, &m->bindings[i], NULL, &e);
		fn(&e, arg);
		endpoint_free(&e);
	}
	for (i = 0; i < m->sites->served_count; i++) {
		const tl_served *sv = &m->sites->served[i];

		if (!sv->iis)
			continue;
		endpoint_build(in, m, sv->binding == TL_SITES_NONE ? NULL : &m->bindings[sv->binding],
			       sv, &e);
		fn(&e, arg);
		endpoint_free(&e);
	}
}

void tl_issuers_each(const tl_inputs *in, void (*fn)(const tl_issuers_endpoint *e, void *arg),
		     void *arg)
{
	machine m;

	machine_read(in, &m);
	each_endpoint(in, &m, fn, arg);
	machine_free(&m);
}

/* FORMATS.md 5: ClientAuthTrustMode 0 Machine Trust (also when absent),
 * 1 Exclusive Root Trust, 2 Exclusive CA Trust; anything else is invalid. */
static const char *trust_mode_name(int64_t mode)
{
	static const char *const names[] = {"Machine Trust", "Exclusive Root Trust",
					    "Exclusive CA Trust"};

	return mode >= 0 && mode < (int64_t)TL_ARRAY_LEN(names) ? names[mode] : NULL;
}

static void trust_mode_text(const tl_schannel *sc, tl_buf *out)
{
	const tl_win_dword *d = &sc->trust_mode;
	const char *name = trust_mode_name(d->value);

	if (!d->known) {
		tl_buf_adds(out, "unknown: ClientAuthTrustMode is not a DWORD");
		return;
	}
	tl_buf_printf(out, "%lld, %s", (long long)d->value, name ? name : "not a valid mode");
	tl_buf_adds(out, d->present ? " (ClientAuthTrustMode)" : " (ClientAuthTrustMode absent: the default)");
}


static bool over_cap(const tl_issuer_list *l)
{
	return l->bytes > TL_WIN_ISSUER_LIST_CAP;
}

void tl_issuers_source_text(const tl_issuer_source *src, tl_buf *out)
{
	size_t i;

	tl_buf_adds(out, src->name);
	if (!src->count) {
		tl_buf_adds(out, " (not in the export)");
		return;
	}
	tl_buf_adds(out, " (");
	for (i = 0; i < src->count; i++) {
		if (i)
			tl_buf_adds(out, ", ");
		tl_store_label(out, src->stores[i]->location, src->stores[i]->name);
	}
	tl_buf_adds(out, ")");
}

/* ---- text */

static void put_escaped(FILE *out, const char *s)
{
	tl_buf b = {0};

	tl_escape_text(&b, s ? s : "");
	fputs(b.data, out);
	tl_buf_free(&b);
}

/* "  what        text", text escaped. */
static void line(FILE *out, const char *what, const char *text)
{
	fprintf(out, "  %-20s ", what);
	put_escaped(out, text);
	fputc('\n', out);
}

/* Certificates one to a line: number, store, SHA-1, subject; the store
 * column as wide as its widest label. */
static void issuer_lines(FILE *out, const tl_issuer *v, size_t n)
{
	size_t i, width = 0, digits = 1, k;
	tl_buf label = {0};

	for (k = n; k >= 10; k /= 10)
		digits++;
	for (i = 0; i < n; i++) {
		label.len = 0;
		tl_store_label(&label, v[i].store->location, v[i].store->name);
		if (label.len > width)
			width = label.len;
	}
	for (i = 0; i < n; i++) {
		char hex[41];

		label.len = 0;
		tl_store_label(&label, v[i].store->location, v[i].store->name);
		tl_hex(v[i].entry->cert.sha1, 20, hex, true);
		fprintf(out, "    %*zu  ", (int)digits, i + 1);
		put_escaped(out, label.data);
		fprintf(out, "%*s  %s  ", (int)(width - label.len), "", hex);
		put_escaped(out, v[i].entry->cert.subject);
		fputc('\n', out);
	}
	tl_buf_free(&label);
}

/* "site 'NAME' https INFO (WHERE)", escaped. */
static void site_head_text(FILE *out, const tl_served *sv)
{
	tl_buf where = {0};

	tl_loc_format(&sv->loc, &where);
	fputs("site '", out);
	put_escaped(out, sv->site->name);
	fputs("' https ", out);
	put_escaped(out, sv->iis->information);
	fputs(" (", out);
	put_escaped(out, where.data);
	fputc(')', out);
	tl_buf_free(&where);
}

void tl_issuers_endpoint_facts(const tl_issuers_endpoint *e,
			       void (*row)(const char *what, const char *text, void *arg), void *arg)
{
	const tl_binding *b = e->b;
	const tl_issuer_list *l = &e->list;
	tl_buf t = {0};
	size_t i;

	if (!e->ask_count)
		row("client certificates",
		     e->sv ? "not asked for by this site"
		     : e->apphost ? "not asked for (DefaultFlags 0x2 clear, and no site or WCF "
					   "endpoint it serves asks)"
					 : "not negotiated by http.sys (DefaultFlags 0x2 clear; no "
					   "applicationHost.config among the inputs to say whether IIS "
					   "asks)", arg);
	for (i = 0; i < e->ask_count; i++) {
		t.len = 0;
		tl_cert_ask_text(&e->asks[i], b, &t);
		row(i ? "" : "client certificates", t.data, arg);
	}
	t.len = 0;
	trust_mode_text(e->sc, &t);
	row("trust mode", t.data, arg);

	t.len = 0;
	tl_issuers_source_text(&e->src, &t);
	row("issuer source", t.data, arg);
	row("why", e->reason.data, arg);

	t.len = 0;
	tl_buf_printf(&t, "%zu certificate%s, %lld bytes of %d (16 KB)", l->count,
		      l->count == 1 ? "" : "s", (long long)l->bytes, TL_WIN_ISSUER_LIST_CAP);
	if (over_cap(l))
		tl_buf_printf(&t, ": over by %lld", (long long)(l->bytes - TL_WIN_ISSUER_LIST_CAP));
	row("issuer list", t.data, arg);
	if (l->ca_only) {
		t.len = 0;
		tl_buf_printf(&t, "Root mixes self-signed roots and CA-issued certificates, so only the "
			      "CA-issued ones are listed; %zu self-signed root%s left out",
			      l->excluded_count, l->excluded_count == 1 ? "" : "s");
		row("composition", t.data, arg);
	}
	t.len = 0;
	tl_win_send_list_text(e->sc, &t);
	row("sent", t.data, arg);
	if (over_cap(l)) {
		t.len = 0;
		tl_win_issuer_cap_effect(e->sc, &t);
		row("over 16 KB", t.data, arg);
	}
	tl_buf_free(&t);
}

static void line_row(const char *what, const char *text, void *out)
{
	line(out, what, text);
}

static void endpoint_text(const endpoint *e, FILE *out)
{
	const tl_binding *b = e->b;
	const tl_issuer_list *l = &e->list;

	if (e->sv) {
		site_head_text(out, e->sv);
		fprintf(out, ", served by %s\\", tl_binding_kind_key(b->kind));
		put_escaped(out, b->endpoint);
		fputs(e->sv->fallback ? " (the wildcard of its port)\n" : "\n", out);
	} else {
		tl_buf where = {0};
		tl_loc at = tl_loc_line(tl_reg_key_file(b->key), tl_reg_key_line(b->key), 0);

		tl_loc_format(&at, &where);
		fputs("binding ", out);
		put_escaped(out, b->endpoint);
		fprintf(out, " (%s, ", tl_binding_kind_key(b->kind));
		put_escaped(out, where.data);
		fputs(")\n", out);
		tl_buf_free(&where);
	}
	tl_issuers_endpoint_facts(e, line_row, out);
	if (l->count) {
		fputs("  issuers, in list order:\n", out);
		issuer_lines(out, l->issuers, l->count);
	}
	if (l->excluded_count) {
		fputs("  left out (self-signed roots):\n", out);
		issuer_lines(out, l->excluded, l->excluded_count);
	}
}

/* The text report's endpoints, counted for its last line. */
typedef struct text_state {
	FILE *out;
	size_t negotiating, over;
} text_state;

static void endpoint_text_each(const endpoint *e, void *arg)
{
	text_state *st = arg;
	FILE *out = st->out;

	fputc('\n', out);
	if (!e->b) {
		site_head_text(out, e->sv);
		fputs(": no http.sys binding in the export serves it\n", out);
		return;
	}
	endpoint_text(e, out);
	if (!e->sv) {
		st->negotiating += e->ask_count > 0;
		st->over += over_cap(&e->list);
	}
}

int tl_issuers_text(const tl_inputs *in, FILE *out)
{
	machine m;
	text_state st = {out, 0, 0};

	machine_read(in, &m);
	if (m.sc.os_version) {
		fputs("machine: CurrentVersion ", out);
		put_escaped(out, m.sc.os_version);
		if (m.sc.os_build_known)
			fprintf(out, ", build %lld", (long long)m.sc.os_build);
		fputc('\n', out);
	} else {
		fputs("machine: the OS version is not in the export (Windows Server 2012 R2 or later "
		      "assumed)\n", out);
	}
	each_endpoint(in, &m, endpoint_text_each, &st);
	if (m.binding_count)
		fprintf(out, "\n%zu binding%s, %zu asked for client certificates, %zu with a list over "
			"16 KB\n", m.binding_count, m.binding_count == 1 ? "" : "s", st.negotiating,
			st.over);
	else
		fputs("\nno http.sys binding in the inputs (they are under "
		      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters)\n", out);
	machine_free(&m);
	return ferror(out) ? -1 : 0;
}

/* ---- JSON */

static json_t *issuers_json(const tl_issuer *v, size_t n)
{
	json_t *a = json_array();
	tl_buf label = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *o = json_object();
		char hex[41];

		label.len = 0;
		tl_store_label(&label, v[i].store->location, v[i].store->name);
		tl_hex(v[i].entry->cert.sha1, 20, hex, true);
		json_object_set_new(o, "subject", tl_json_str(v[i].entry->cert.subject));
		json_object_set_new(o, "sha1", json_string(hex));
		json_object_set_new(o, "store", tl_json_str(label.data));
		json_object_set_new(o, "subject_bytes",
				    json_integer((json_int_t)v[i].entry->cert.subject_der_len));
		json_array_append_new(a, o);
	}
	tl_buf_free(&label);
	return a;
}

static json_t *trust_mode_json(const tl_schannel *sc)
{
	return sc->trust_mode.known ? json_integer(sc->trust_mode.value) : json_null();
}

static json_t *sent_json(const tl_schannel *sc)
{
	return sc->send_issuer_list.known ? json_boolean(sc->send_issuer_list.value != 0) : json_null();
}

/* The head of an iis-site endpoint: its site, its https binding and the
 * http.sys binding serving it (b, NULL when none does). */
static void site_head_json(json_t *o, json_t *where, const tl_served *sv, const tl_binding *b)
{
	json_object_set_new(o, "kind", json_string("iis-site"));
	json_object_set_new(o, "name", tl_json_str(sv->site->name));
	json_object_set_new(o, "site_binding", tl_json_str(sv->iis->information));
	if (b) {
		tl_buf t = {0};

		tl_buf_printf(&t, "%s\\%s", tl_binding_kind_key(b->kind), b->endpoint);
		json_object_set_new(o, "http_sys_binding", tl_json_str(t.data));
		json_object_set_new(o, "binding_kind", json_string(tl_binding_kind_key(b->kind)));
		tl_buf_free(&t);
	} else {
		json_object_set_new(o, "http_sys_binding", json_null());
	}
	json_object_set_new(o, "wildcard_fallback", json_boolean(sv->fallback));
	json_object_set_new(where, "file", tl_json_str(sv->loc.file));
	if (sv->loc.line)
		json_object_set_new(where, "line", json_integer((json_int_t)sv->loc.line));
	json_object_set_new(o, "source", where);
}

static json_t *endpoint_json(const endpoint *e)
{
	const tl_binding *b = e->b;
	const tl_issuer_list *l = &e->list;
	json_t *o = json_object(), *src = json_object(), *stores = json_array(), *list = json_object();
	json_t *where = json_object();
	tl_buf t = {0};
	size_t i;

	if (e->sv)
		site_head_json(o, where, e->sv, b);
	else {
		json_object_set_new(o, "kind", json_string("http.sys-binding"));
		json_object_set_new(o, "name", tl_json_str(b->endpoint));
		json_object_set_new(o, "binding_kind", json_string(tl_binding_kind_key(b->kind)));
		json_object_set_new(where, "file", tl_json_str(tl_reg_key_file(b->key)));
		if (tl_reg_key_line(b->key))
			json_object_set_new(where, "line",
					    json_integer((json_int_t)tl_reg_key_line(b->key)));
		json_object_set_new(o, "source", where);
	}
	json_object_set_new(o, "negotiate_client_cert",
			    json_boolean(tl_binding_flag(b, TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT)));
	{
		json_t *v = json_array();

		for (i = 0; i < e->ask_count; i++) {
			t.len = 0;
			tl_cert_ask_text(&e->asks[i], b, &t);
			json_array_append_new(v, tl_json_str(t.data));
		}
		json_object_set_new(o, "asks_client_cert", json_boolean(e->ask_count > 0));
		json_object_set_new(o, "client_cert_asked_by", v);
	}
	json_object_set_new(o, "trust_mode", trust_mode_json(e->sc));
	t.len = 0;
	trust_mode_text(e->sc, &t);
	json_object_set_new(o, "trust_mode_text", tl_json_str(t.data));

	json_object_set_new(src, "store", tl_json_str(e->src.name));
	for (i = 0; i < e->src.count; i++) {
		t.len = 0;
		tl_store_label(&t, e->src.stores[i]->location, e->src.stores[i]->name);
		json_array_append_new(stores, tl_json_str(t.data));
	}
	json_object_set_new(src, "stores", stores);
	json_object_set_new(src, "reason", tl_json_str(e->reason.data));
	json_object_set_new(src, "named_store",
			    b->issuer_store && *b->issuer_store ? tl_json_str(b->issuer_store) : json_null());
	json_object_set_new(src, "named_store_state",
			    e->src.named == TL_ISSUER_STORE_NOT_CONSULTED
				    ? json_null()
				    : json_string(tl_issuer_store_state_name(e->src.named)));
	json_object_set_new(src, "client_auth_issuer_state",
			    json_string(tl_issuer_store_state_name(e->src.client_auth_issuer)));
	json_object_set_new(o, "issuer_source", src);

	json_object_set_new(list, "count", json_integer((json_int_t)l->count));
	json_object_set_new(list, "bytes", json_integer(l->bytes));
	json_object_set_new(list, "max_bytes", json_integer(TL_WIN_ISSUER_LIST_CAP));
	json_object_set_new(list, "over", json_boolean(over_cap(l)));
	json_object_set_new(list, "ca_only", json_boolean(l->ca_only));
	json_object_set_new(list, "issuers", issuers_json(l->issuers, l->count));
	json_object_set_new(list, "excluded", issuers_json(l->excluded, l->excluded_count));
	json_object_set_new(o, "issuer_list", list);

	json_object_set_new(o, "sent", sent_json(e->sc));
	json_object_set_new(o, "sent_is_default", json_boolean(!e->sc->send_issuer_list.present &&
							       e->sc->send_issuer_list.known));
	t.len = 0;
	tl_win_send_list_text(e->sc, &t);
	json_object_set_new(o, "sent_text", tl_json_str(t.data));
	switch (tl_win_issuer_cap(e->sc)) {
	case TL_ISSUER_CAP_ALWAYS:
	case TL_ISSUER_CAP_SENT:
		json_object_set_new(o, "limit_fatal", json_true());
		break;
	case TL_ISSUER_CAP_NOT_SENT:
		json_object_set_new(o, "limit_fatal", json_false());
		break;
	default:
		json_object_set_new(o, "limit_fatal", json_null());
		break;
	}
	t.len = 0;
	tl_win_issuer_cap_effect(e->sc, &t);
	json_object_set_new(o, "limit_effect", tl_json_str(t.data));
	tl_buf_free(&t);
	return o;
}

static json_t *machine_json(const machine *m)
{
	json_t *o = json_object();

	json_object_set_new(o, "os_version", tl_json_str(m->sc.os_version));
	json_object_set_new(o, "os_build", m->sc.os_build_known ? json_integer(m->sc.os_build) : json_null());
	json_object_set_new(o, "os_assumed", json_boolean(m->sc.os_version == NULL));
	json_object_set_new(o, "os_6_2", json_boolean(tl_win_os_6_2(&m->sc)));
	json_object_set_new(o, "trust_mode", trust_mode_json(&m->sc));
	json_object_set_new(o, "trust_mode_set", json_boolean(m->sc.trust_mode.present));
	json_object_set_new(o, "send_trusted_issuer_list", sent_json(&m->sc));
	json_object_set_new(o, "send_trusted_issuer_list_set", json_boolean(m->sc.send_issuer_list.present));
	return o;
}

static void dump(json_t *o, FILE *out)
{
	json_dumpf(o, out, JSON_PRESERVE_ORDER | tl_json_flags());
	json_decref(o);
}

/* The JSON report's endpoints: how many are written, for the commas. */
typedef struct json_state {
	FILE *out;
	size_t written;
} json_state;

static void endpoint_json_each(const endpoint *e, void *arg)
{
	json_state *st = arg;

	fputs(st->written++ ? ",\n  " : "\n  ", st->out);
	if (!e->b) {
		json_t *o = json_object();

		site_head_json(o, json_object(), e->sv, NULL);
		dump(o, st->out);
		return;
	}
	dump(endpoint_json(e), st->out);
}

int tl_issuers_json(const tl_inputs *in, FILE *out)
{
	machine m;
	json_state st = {out, 0};
	size_t i;

	machine_read(in, &m);
	fprintf(out, "{\"tool\": \"trustlint\", \"version\": \"%s\", \"machine\": ", PACKAGE_VERSION);
	dump(machine_json(&m), out);
	fputs(", \"endpoints\": [", out);
	each_endpoint(in, &m, endpoint_json_each, &st);
	fputs(st.written ? "\n], \"diagnostics\": [" : "], \"diagnostics\": [", out);
	for (i = 0; i < tl_diags_count(in->diags); i++) {
		fputs(i ? ",\n  " : "\n  ", out);
		dump(tl_diag_to_json(tl_diags_at(in->diags, i)), out);
	}
	fputs(tl_diags_count(in->diags) ? "\n]}\n" : "]}\n", out);
	machine_free(&m);
	return ferror(out) ? -1 : 0;
}
