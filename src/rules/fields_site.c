/* fields_site.c: the site scope: each IIS site of an applicationHost.config
 * input, the http.sys bindings that serve its https bindings, and where it
 * asks for client certificates (windows/sites). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"

enum { S_NAME, S_ID, S_HTTPS_BINDINGS, S_HTTP_SYS_BINDINGS, S_HTTP_SYS_EXPORTED,
       S_UNSERVED_BINDINGS, S_ASKS, S_REQUIRES, S_ASKED_AT, S_REVOCATION, S_NEGOTIATED,
       S_RENEGOTIATION_TLS13, S_CCS };

static const tl_field_doc site_fields[] = {
	[S_NAME] = {"name", TL_T_STRING, 0, "the site's name", "applicationHost.config <site name>"},
	[S_ID] = {"id", TL_T_INT, 0, "the site's id; null when absent", "<site id>"},
	[S_HTTPS_BINDINGS] = {"https_bindings", TL_T_LIST, TL_T_STRING, "bindingInformation (IP:port:host) of each https binding, as written", "<binding>"},
	[S_HTTP_SYS_BINDINGS] = {"http_sys_bindings", TL_T_LIST, TL_T_STRING, "the http.sys bindings of the export that serve them, as SslBindingInfo\\0.0.0.0:443, SslSniBindingInfo\\host:443 or SslCcsBindingInfo\\0.0.0.0:443: sslFlags 2 (Central Certificate Store) is served by the CCS binding of the port, sslFlags 1 (SNI) by host:port, else ip:port (\"*\" is 0.0.0.0), a specific address or host name without a binding of its own by the wildcard of its port (inferred)", "<binding>, HTTP\\Parameters"},
	[S_HTTP_SYS_EXPORTED] = {"http_sys_exported", TL_T_BOOL, 0, "the export has the http.sys binding keys (HTTP\\Parameters), so a binding missing from it is missing on the machine", "HTTP\\Parameters"},
	[S_UNSERVED_BINDINGS] = {"unserved_bindings", TL_T_LIST, TL_T_STRING, "bindingInformation of each https binding no http.sys binding of the export serves", "<binding>, HTTP\\Parameters"},
	[S_ASKS] = {"asks_client_cert", TL_T_BOOL, 0, "access sslFlags in effect at the site or at a path below it accepts (SslNegotiateCert) or requires (SslRequireCert) client certificates: the nearest setting on the way down, through <location> tags and the web.config files given with SITE/PATH=, locked sections refused", "system.webServer/security/access"},
	[S_REQUIRES] = {"requires_client_cert", TL_T_BOOL, 0, "SslRequireCert is in effect at the site or at a path below it", "system.webServer/security/access"},
	[S_ASKED_AT] = {"client_cert_paths", TL_T_LIST, TL_T_STRING, "each configuration path of the site where client certificates are asked for, with the sslFlags in effect and where they are set: \"Default Web Site/portal: Ssl, SslNegotiateCert, SslRequireCert (applicationHost.config:27)\"", "system.webServer/security/access"},
	[S_REVOCATION] = {"revocation_check", TL_T_BOOL, 0, "every http.sys binding that serves the site checks client certificate revocation (DefaultSslCertCheckMode bit 0x1 clear); null when none is in the export", "DefaultSslCertCheckMode"},
	[S_NEGOTIATED] = {"client_cert_negotiated", TL_T_BOOL, 0, "every http.sys binding that serves the site negotiates client certificates in the handshake (DefaultFlags 0x2) instead of by renegotiation, which TLS 1.3 does not have; null when none is in the export", "DefaultFlags"},
	[S_RENEGOTIATION_TLS13] = {"renegotiation_over_tls13", TL_T_BOOL, 0, "an http.sys binding that serves the site neither negotiates client certificates in the handshake (DefaultFlags 0x2) nor turns TLS 1.3 off (DefaultFlags 0x40, or the IIS binding's sslFlags 32, inferred), so IIS would ask for them by renegotiation, which TLS 1.3 does not have (FORMATS.md 6); null when none is in the export", "DefaultFlags, <binding sslFlags>"},
	[S_CCS] = {"ccs", TL_T_BOOL, 0, "an https binding of the site takes its certificate from the Central Certificate Store (sslFlags 2)", "<binding sslFlags>"},
};

/* What a site's http.sys bindings say, over those in the export. */
enum { ALL_CHECK_REVOCATION, ALL_NEGOTIATE, ANY_RENEGOTIATES_OVER_TLS13 };

static bool binding_test(int test, const tl_served *sv, const tl_binding *b)
{
	switch (test) {
	case ALL_CHECK_REVOCATION:
		return !tl_binding_check_bit(b, TL_HTTP_CHECK_NO_REVOCATION);
	case ALL_NEGOTIATE:
		return tl_binding_flag(b, TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT);
	default: /* the negotiation of the binding, or TLS 1.3 off on either side */
		return !tl_binding_flag(b, TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT) &&
		       !tl_binding_flag(b, TL_HTTP_FLAG_DISABLE_TLS13) &&
		       !(sv->iis->has_ssl_flags && (sv->iis->ssl_flags & TL_BINDING_DISABLE_TLS13));
	}
}

/* test over every serving binding (all of them, or any for
 * ANY_RENEGOTIATES_OVER_TLS13); null when none is in the export. */
static void bindings_field(const tl_view *v, const tl_site_info *si, int test, tl_value *o)
{
	size_t i, seen = 0, yes = 0;

	for (i = 0; i < si->served_count; i++) {
		const tl_served *sv = &v->sites->served[si->served[i]];

		if (sv->binding == TL_SITES_NONE)
			continue;
		seen++;
		yes += binding_test(test, sv, &v->bindings[sv->binding]);
	}
	if (seen)
		set_bool(o, test == ANY_RENEGOTIATES_OVER_TLS13 ? yes > 0 : yes == seen);
}

static void site_field(const tl_view *v, const tl_site_info *si, int id, tl_value *o,
		       tl_arena *a)
{
	const tl_iis_site *site = si->site;
	const char **names = tl_arena_alloc(a, (si->served_count + si->ask_count + 1) *
						       sizeof(char *));
	size_t i, n = 0;

	set_null(o);
	switch (id) {
	case S_NAME:
		set_str(o, site->name);
		return;
	case S_ID:
		if (site->has_id)
			set_int(o, TL_T_INT, site->id);
		return;
	case S_HTTP_SYS_EXPORTED:
		set_bool(o, tl_registry_find(v->in->registry, TL_WIN_HTTP_PARAMS_KEY) != NULL);
		return;
	case S_ASKS:
		set_bool(o, si->ask_count > 0);
		return;
	case S_REQUIRES:
		set_bool(o, si->required);
		return;
	case S_REVOCATION:
		bindings_field(v, si, ALL_CHECK_REVOCATION, o);
		return;
	case S_NEGOTIATED:
		bindings_field(v, si, ALL_NEGOTIATE, o);
		return;
	case S_RENEGOTIATION_TLS13:
		bindings_field(v, si, ANY_RENEGOTIATES_OVER_TLS13, o);
		return;
	case S_CCS:
		for (i = 0; i < site->binding_count; i++)
			if (site->bindings[i].has_ssl_flags &&
			    (site->bindings[i].ssl_flags & TL_BINDING_CCS))
				n++;
		set_bool(o, n > 0);
		return;
	case S_HTTPS_BINDINGS:
	case S_UNSERVED_BINDINGS:
		for (i = 0; i < si->served_count; i++) {
			const tl_served *sv = &v->sites->served[si->served[i]];

			if (id == S_HTTPS_BINDINGS || sv->binding == TL_SITES_NONE)
				add_name(names, &n, sv->iis->information);
		}
		break;
	case S_HTTP_SYS_BINDINGS:
		for (i = 0; i < si->served_count; i++) {
			const tl_served *sv = &v->sites->served[si->served[i]];
			const tl_binding *b;
			tl_buf t = {0};

			if (sv->binding == TL_SITES_NONE)
				continue;
			b = &v->bindings[sv->binding];
			tl_buf_printf(&t, "%s\\%s", tl_binding_kind_key(b->kind), b->endpoint);
			add_name(names, &n, arena_text(&t, a));
		}
		break;
	default: /* S_ASKED_AT */
		for (i = 0; i < si->ask_count; i++) {
			const tl_cert_ask *k = &si->asks[i];
			tl_buf t = {0};

			tl_buf_printf(&t, "%s: ", k->path);
			tl_iisconf_access_format(k->ssl_flags, &t);
			tl_buf_printf(&t, " (%s:%lu)", k->loc.file ? k->loc.file : "?",
				      (unsigned long)k->loc.line);
			names[n++] = arena_text(&t, a);
		}
		break;
	}
	set_strv(o, (char *const *)names, n, true, a);
}

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	site_field(v, obj, id, out, a);
}

const tl_scope_def tl_site_scope = {"site", site_fields, TL_ARRAY_LEN(site_fields), get};
