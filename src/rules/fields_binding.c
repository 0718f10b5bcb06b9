/* fields_binding.c: the binding scope: each http.sys TLS binding, and what Schannel
 * does for it (windows/httpsys). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"

enum { B_ENDPOINT, B_SNI, B_FLAGS, B_NEGOTIATE, B_CERT_HASH, B_CERT_STORE, B_CERT_FOUND,
       B_ISSUER_STORE, B_CTL_IDENTIFIER, B_CHECK_MODE, B_REVOCATION, B_APP_ID,
       B_CERT_EXPIRED, B_CERT_SERVER_AUTH, B_CERT_PRIVATE_KEY, B_ISSUER_SOURCE,
       B_ISSUER_SOURCE_REASON, B_ISSUER_STORE_STATE, B_ISSUER_STORE_FOUND, B_CTL_FOUND,
       B_ISSUER_COUNT, B_ISSUER_LIST_BYTES, B_ISSUER_LIST_CA_ONLY, B_ISSUER_LIST_EXCLUDED,
       B_ISSUER_LIST_SENT, B_ISSUER_LIMIT_FATAL, B_ISSUER_LIMIT_EFFECT,
       B_FRESHNESS, B_URL_TIMEOUT, B_DS_MAPPER, B_NO_RAW_FILTER, B_REJECT, B_NO_HTTP2,
       B_NO_QUIC, B_NO_TLS13, B_NO_OCSP_STAPLING, B_NO_LEGACY_TLS, B_NO_TLS12,
       B_NO_USAGE_CHECK, B_CACHED_REVOCATION, B_KIND, B_CCS, B_ASKS, B_REQUIRES, B_ASKED_BY,
       B_ASKED_BY_SITE, B_SITES, B_SERVICES, B_IIS_CONFIG };

static const tl_field_doc binding_fields[] = {
	[B_ENDPOINT] = {"endpoint", TL_T_STRING, 0, "ip:port (SslBindingInfo) or host:port (SslSniBindingInfo)", "binding key name"},
	[B_KIND] = {"kind", TL_T_STRING, 0, "\"ip\" (SslBindingInfo), \"sni\" (SslSniBindingInfo) or \"ccs\" (SslCcsBindingInfo: the server certificate comes from IIS's Central Certificate Store)", "binding key path"},
	[B_SNI] = {"sni", TL_T_BOOL, 0, "an SNI binding (SslSniBindingInfo)", "binding key path"},
	[B_CCS] = {"ccs", TL_T_BOOL, 0, "a Central Certificate Store binding (SslCcsBindingInfo)", "binding key path"},
	[B_ASKS] = {"asks_client_cert", TL_T_BOOL, 0, "client certificates are asked for on this binding: its DefaultFlags negotiate them (0x2), an IIS site it serves accepts or requires them (access sslFlags SslNegotiateCert or SslRequireCert in effect at some path of the site), or a WCF endpoint it serves uses transport client certificates", "DefaultFlags, applicationHost.config, web.config, app.config"},
	[B_REQUIRES] = {"requires_client_cert", TL_T_BOOL, 0, "an IIS site it serves requires client certificates (SslRequireCert) at some path, or a WCF endpoint it serves does", "applicationHost.config, web.config, app.config"},
	[B_ASKED_BY] = {"client_cert_asked_by", TL_T_LIST, TL_T_STRING, "who asks for client certificates on this binding, one line each with the file and line: the binding's DefaultFlags, each site and path, each WCF endpoint", "DefaultFlags, applicationHost.config, web.config, app.config"},
	[B_ASKED_BY_SITE] = {"client_cert_asked_by_site", TL_T_BOOL, 0, "an IIS site it serves asks for client certificates (the site scope then has its own findings)", "applicationHost.config, web.config"},
	[B_SITES] = {"sites", TL_T_LIST, TL_T_STRING, "the IIS sites with an https binding this http.sys binding serves: SslCcsBindingInfo for a binding with sslFlags 2, SslSniBindingInfo host:port with sslFlags 1, else SslBindingInfo ip:port (\"*\" is 0.0.0.0), a specific address or host name without a binding of its own falling back to the wildcard of its port (inferred)", "applicationHost.config"},
	[B_SERVICES] = {"services", TL_T_LIST, TL_T_STRING, "the WCF services this binding serves: self-hosted ones by their https base or endpoint addresses (https://+:8443/ is 0.0.0.0:8443, a host name its SNI binding, else the wildcard of its port), and IIS-hosted ones that ask for client certificates through a site it serves", "app.config, *.exe.config, web.config"},
	[B_IIS_CONFIG] = {"iis_config_read", TL_T_BOOL, 0, "an applicationHost.config is among the inputs, so what IIS asks of this binding is known", "inputs"},
	[B_FLAGS] = {"flags", TL_T_INT, 0, "DefaultFlags; null when absent", "DefaultFlags"},
	[B_NEGOTIATE] = {"negotiate_client_cert", TL_T_BOOL, 0, "DefaultFlags bit 0x2: client certificates are negotiated", "DefaultFlags"},
	[B_CERT_HASH] = {"cert_hash", TL_T_STRING, 0, "SslCertHash as upper-case hex", "SslCertHash"},
	[B_CERT_STORE] = {"cert_store", TL_T_STRING, 0, "SslCertStoreName, MY when empty or absent", "SslCertStoreName"},
	[B_CERT_FOUND] = {"cert_found", TL_T_BOOL, 0, "the certificate SslCertHash names is in LocalMachine\\cert_store in the inputs", "SslCertHash, stores"},
	[B_ISSUER_STORE] = {"issuer_store", TL_T_STRING, 0, "DefaultSslCtlStoreName (the trusted issuer store); null when absent", "DefaultSslCtlStoreName"},
	[B_CTL_IDENTIFIER] = {"ctl_identifier", TL_T_STRING, 0, "DefaultSslCtlIdentifier; null when absent", "DefaultSslCtlIdentifier"},
	[B_CHECK_MODE] = {"check_mode", TL_T_INT, 0, "DefaultSslCertCheckMode; 0 when absent", "DefaultSslCertCheckMode"},
	[B_REVOCATION] = {"revocation_check", TL_T_BOOL, 0, "client certificate revocation is checked (DefaultSslCertCheckMode bit 0x1 clear)", "DefaultSslCertCheckMode"},
	[B_APP_ID] = {"app_id", TL_T_STRING, 0, "AppId as lower-case hex; null when absent", "AppId"},
	[B_CERT_EXPIRED] = {"cert_expired", TL_T_BOOL, 0, "the bound certificate is outside its validity at --now; null when it is not found", "SslCertHash, stores, --now"},
	[B_CERT_SERVER_AUTH] = {"cert_server_auth", TL_T_BOOL, 0, "the bound certificate may be used for server authentication: no EKU extension, or one with serverAuth or anyExtendedKeyUsage, and no store-side ENHKEY_USAGE that leaves serverAuth out; null when it is not found", "SslCertHash, stores"},
	[B_CERT_PRIVATE_KEY] = {"cert_has_private_key", TL_T_BOOL, 0, "the bound certificate's store entry has a KEY_PROV_INFO property; null when it is not found", "SslCertHash, stores"},
	[B_ISSUER_SOURCE] = {"issuer_source", TL_T_STRING, 0, "the store Schannel takes the trusted issuers from, in its order: the DefaultSslCtlStoreName store when it holds a certificate, else ClientAuthIssuer when it holds one, else Root (the machine's logical Root); LocalMachine stores, a certificate that parses, CRLs and CTLs not counted", "DefaultSslCtlStoreName, stores"},
	[B_ISSUER_SOURCE_REASON] = {"issuer_source_reason", TL_T_STRING, 0, "why issuer_source was chosen, one line: what the named store and ClientAuthIssuer hold, or that they are not in the export (perhaps just not exported)", "DefaultSslCtlStoreName, stores"},
	[B_ISSUER_STORE_STATE] = {"issuer_store_state", TL_T_STRING, 0, "the DefaultSslCtlStoreName store: \"used\" (it holds a certificate), \"absent\" (not in the export), \"no-certificate\" (exported, but empty or only CRLs and CTLs), \"not-on-machine\" (not in the export, whose export.json lists every LocalMachine store); null when the binding names none", "DefaultSslCtlStoreName, stores"},
	[B_ISSUER_STORE_FOUND] = {"issuer_store_found", TL_T_BOOL, 0, "the DefaultSslCtlStoreName store is in the export and holds a certificate; null when the binding names none", "DefaultSslCtlStoreName, stores"},
	[B_CTL_FOUND] = {"ctl_found", TL_T_BOOL, 0, "a CTL whose list identifier or friendly name is DefaultSslCtlIdentifier is in the issuer store (DefaultSslCtlStoreName, else ClientAuthIssuer); null when the binding names none", "DefaultSslCtlIdentifier, CTLs"},
	[B_ISSUER_COUNT] = {"issuer_count", TL_T_INT, 0, "certificates in the trusted issuer list: the distinct certificates of issuer_source, less those issuer_list_ca_only leaves out", "stores"},
	[B_ISSUER_LIST_BYTES] = {"issuer_list_bytes", TL_T_INT, 0, "bytes of the trusted issuer list Schannel builds from issuer_source: the TLS certificate_authorities vector, 2 bytes of length plus, per certificate of the list, 2 bytes of length and its DER subject name", "stores"},
	[B_ISSUER_LIST_CA_ONLY] = {"issuer_list_ca_only", TL_T_BOOL, 0, "the source is the machine's Root and it mixes self-signed roots with CA-issued certificates, so only the CA-issued ones are in the list (a self-issued root whose signature cannot be checked counts as self-signed)", "stores, signatures checked"},
	[B_ISSUER_LIST_EXCLUDED] = {"issuer_list_excluded", TL_T_LIST, TL_T_STRING, "SHA-1 (upper-case hex) of each self-signed root issuer_list_ca_only leaves out of the list, in list order; empty when it leaves none out", "stores, signatures checked"},
	[B_ISSUER_LIST_SENT] = {"issuer_list_sent", TL_T_BOOL, 0, "the list goes into the TLS CertificateRequest: schannel.send_trusted_issuer_list; null when that is unknown", "SCHANNEL\\SendTrustedIssuerList, CurrentVersion"},
	[B_ISSUER_LIMIT_FATAL] = {"issuer_list_limit_fatal", TL_T_BOOL, 0, "a list over 16 KB breaks client certificate authentication on this machine: it is sent (KB 933430), or the machine is Windows 8 / Windows Server 2012, CurrentVersion 6.2, where it breaks whether sent or not (KB 2880390; its hotfix cannot be seen in an export); Windows Server 2012 R2 or later is assumed when no version is exported; null when whether the list is sent is unknown", "SCHANNEL\\SendTrustedIssuerList, CurrentVersion"},
	[B_ISSUER_LIMIT_EFFECT] = {"issuer_list_limit_effect", TL_T_STRING, 0, "what a list over 16 KB does on this machine and why, one line: whether it is sent and whether that is the OS default, the CurrentVersion 6.2 rule, an OS version assumed", "SCHANNEL\\SendTrustedIssuerList, CurrentVersion"},
	[B_FRESHNESS] = {"revocation_freshness_time", TL_T_INT, 0, "DefaultSslRevocationFreshnessTime in seconds; null when absent", "DefaultSslRevocationFreshnessTime"},
	[B_URL_TIMEOUT] = {"revocation_url_timeout", TL_T_INT, 0, "DefaultSslRevocationUrlRetrievalTimeout in milliseconds; null when absent", "DefaultSslRevocationUrlRetrievalTimeout"},
	[B_DS_MAPPER] = {"use_ds_mapper", TL_T_BOOL, 0, "DefaultFlags 0x1: client certificates are mapped to Active Directory accounts", "DefaultFlags"},
	[B_NO_RAW_FILTER] = {"no_raw_filter", TL_T_BOOL, 0, "DefaultFlags 0x4", "DefaultFlags"},
	[B_REJECT] = {"reject", TL_T_BOOL, 0, "DefaultFlags 0x8: the binding rejects connections", "DefaultFlags"},
	[B_NO_HTTP2] = {"disable_http2", TL_T_BOOL, 0, "DefaultFlags 0x10", "DefaultFlags"},
	[B_NO_QUIC] = {"disable_quic", TL_T_BOOL, 0, "DefaultFlags 0x20", "DefaultFlags"},
	[B_NO_TLS13] = {"disable_tls13", TL_T_BOOL, 0, "DefaultFlags 0x40", "DefaultFlags"},
	[B_NO_OCSP_STAPLING] = {"disable_ocsp_stapling", TL_T_BOOL, 0, "DefaultFlags 0x80", "DefaultFlags"},
	[B_NO_LEGACY_TLS] = {"disable_legacy_tls", TL_T_BOOL, 0, "DefaultFlags 0x400: TLS 1.0 and 1.1 refused on this binding", "DefaultFlags"},
	[B_NO_TLS12] = {"disable_tls12", TL_T_BOOL, 0, "DefaultFlags 0x1000", "DefaultFlags"},
	[B_NO_USAGE_CHECK] = {"no_usage_check", TL_T_BOOL, 0, "DefaultSslCertCheckMode 0x10000: the client certificate's usage is not checked", "DefaultSslCertCheckMode"},
	[B_CACHED_REVOCATION] = {"cached_revocation_only", TL_T_BOOL, 0, "DefaultSslCertCheckMode 0x2: only cached revocation data is used", "DefaultSslCertCheckMode"},
};

static void issuer_source_field(const tl_view *v, const tl_binding *b, int id, tl_value *o,
				tl_arena *a)
{
	tl_issuer_source src;
	tl_buf t = {0};

	tl_binding_issuer_source(b, v->in->model, v->machine_root, &src);
	if (id == B_ISSUER_SOURCE) {
		set_str(o, src.name);
	} else if (id == B_ISSUER_STORE_STATE) {
		if (src.named != TL_ISSUER_STORE_NOT_CONSULTED)
			set_str(o, tl_issuer_store_state_name(src.named));
	} else {
		tl_issuer_source_reason(b, &src, &t);
		set_str(o, arena_text(&t, a));
	}
}

static void issuer_list_field(const tl_view *v, const tl_binding *b, int id, tl_value *o,
			      tl_arena *a)
{
	tl_issuer_source src;
	tl_issuer_list l;
	tl_value *items;
	size_t i;

	tl_binding_issuer_source(b, v->in->model, v->machine_root, &src);
	tl_issuer_list_build(src.stores, src.count, src.root, &l);
	switch (id) {
	case B_ISSUER_COUNT:
		set_int(o, TL_T_INT, (int64_t)l.count);
		break;
	case B_ISSUER_LIST_BYTES:
		set_int(o, TL_T_INT, l.bytes);
		break;
	case B_ISSUER_LIST_CA_ONLY:
		set_bool(o, l.ca_only);
		break;
	default:
		items = tl_arena_alloc(a, (l.excluded_count ? l.excluded_count : 1) * sizeof(tl_value));
		for (i = 0; i < l.excluded_count; i++)
			set_hex(&items[i], l.excluded[i].entry->cert.sha1, 20, true, a);
		o->type = TL_T_LIST;
		o->u.list.items = items;
		o->u.list.n = l.excluded_count;
		break;
	}
	tl_issuer_list_free(&l);
}

/* What windows/sites says of the binding: what it serves and who asks it
 * for client certificates. */
static void use_field(const tl_view *v, const tl_binding *b, int id, tl_value *o, tl_arena *a)
{
	const tl_sites *s = v->sites;
	const tl_binding_use *u = &s->bindings[b - v->bindings];
	const char **names;
	size_t i, n = 0;

	switch (id) {
	case B_ASKS:
		set_bool(o, u->ask_count > 0);
		return;
	case B_REQUIRES:
		set_bool(o, u->required);
		return;
	case B_ASKED_BY_SITE:
		set_bool(o, u->by_site);
		return;
	case B_IIS_CONFIG:
		set_bool(o, s->apphost);
		return;
	case B_ASKED_BY:
		names = tl_arena_alloc(a, (u->ask_count + 1) * sizeof(char *));
		for (i = 0; i < u->ask_count; i++) {
			tl_buf t = {0};

			tl_cert_ask_text(&u->asks[i], b, &t);
			names[n++] = arena_text(&t, a);
		}
		break;
	case B_SITES:
		names = tl_arena_alloc(a, (u->served_count + 1) * sizeof(char *));
		for (i = 0; i < u->served_count; i++)
			if (s->served[u->served[i]].iis)
				add_name(names, &n, s->served[u->served[i]].site->name);
		break;
	default: /* B_SERVICES */
		names = tl_arena_alloc(a, (u->served_count + u->ask_count + 1) * sizeof(char *));
		for (i = 0; i < u->served_count; i++)
			if (s->served[u->served[i]].service)
				add_name(names, &n, s->served[u->served[i]].service->name
				                    ? s->served[u->served[i]].service->name : "");
		for (i = 0; i < u->ask_count; i++)
			if (u->asks[i].service)
				add_name(names, &n, u->asks[i].service->name ? u->asks[i].service->name : "");
		break;
	}
	set_strv(o, (char *const *)names, n, true, a);
}

static void binding_field(const tl_view *v, const tl_binding *b, int id, tl_value *o, tl_arena *a)
{
	/* the bit behind each flag field, tied by name, not by position */
	static const uint32_t flag_bits[] = {
		[B_DS_MAPPER] = TL_HTTP_FLAG_USE_DS_MAPPER,
		[B_NEGOTIATE] = TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT,
		[B_NO_RAW_FILTER] = TL_HTTP_FLAG_NO_RAW_FILTER,
		[B_REJECT] = TL_HTTP_FLAG_REJECT,
		[B_NO_HTTP2] = TL_HTTP_FLAG_DISABLE_HTTP2,
		[B_NO_QUIC] = TL_HTTP_FLAG_DISABLE_QUIC,
		[B_NO_TLS13] = TL_HTTP_FLAG_DISABLE_TLS13,
		[B_NO_OCSP_STAPLING] = TL_HTTP_FLAG_DISABLE_OCSP_STAPLING,
		[B_NO_LEGACY_TLS] = TL_HTTP_FLAG_DISABLE_LEGACY_TLS,
		[B_NO_TLS12] = TL_HTTP_FLAG_DISABLE_TLS12,
	};
	const tl_model *m = v->in->model;

	set_null(o);
	switch (id) {
	case B_ENDPOINT:
		set_str(o, b->endpoint);
		return;
	case B_KIND:
		set_str(o, tl_binding_kind_name(b->kind));
		return;
	case B_SNI:
		set_bool(o, b->kind == TL_HTTPSYS_SNI);
		return;
	case B_CCS:
		set_bool(o, b->kind == TL_HTTPSYS_CCS);
		return;
	case B_ASKS:
	case B_REQUIRES:
	case B_ASKED_BY:
	case B_ASKED_BY_SITE:
	case B_SITES:
	case B_SERVICES:
	case B_IIS_CONFIG:
		use_field(v, b, id, o, a);
		return;
	case B_FLAGS:
		if (b->flags >= 0)
			set_int(o, TL_T_INT, b->flags);
		return;
	case B_DS_MAPPER:
	case B_NEGOTIATE:
	case B_NO_RAW_FILTER:
	case B_REJECT:
	case B_NO_HTTP2:
	case B_NO_QUIC:
	case B_NO_TLS13:
	case B_NO_OCSP_STAPLING:
	case B_NO_LEGACY_TLS:
	case B_NO_TLS12:
		set_bool(o, tl_binding_flag(b, flag_bits[id]));
		return;
	case B_CERT_HASH:
		if (b->cert_hash)
			set_hex(o, b->cert_hash->data, b->cert_hash->len, true, a);
		return;
	case B_CERT_STORE:
		set_str(o, b->cert_store);
		return;
	case B_CERT_FOUND:
		if (tl_binding_has_thumbprint(b))
			set_bool(o, tl_binding_cert(b, m) != NULL);
		return;
	case B_ISSUER_STORE:
		set_str(o, b->issuer_store);
		return;
	case B_CTL_IDENTIFIER:
		set_str(o, b->ctl_identifier);
		return;
	case B_CHECK_MODE:
		set_int(o, TL_T_INT, b->check_mode >= 0 ? b->check_mode : 0);
		return;
	case B_REVOCATION:
		set_bool(o, !tl_binding_check_bit(b, TL_HTTP_CHECK_NO_REVOCATION));
		return;
	case B_NO_USAGE_CHECK:
		set_bool(o, tl_binding_check_bit(b, TL_HTTP_CHECK_NO_USAGE));
		return;
	case B_CACHED_REVOCATION:
		set_bool(o, tl_binding_check_bit(b, TL_HTTP_CHECK_CACHED_ONLY));
		return;
	case B_APP_ID:
		if (b->app_id)
			set_hex(o, b->app_id->data, b->app_id->len, false, a);
		return;
	case B_FRESHNESS:
		if (b->freshness >= 0)
			set_int(o, TL_T_INT, b->freshness);
		return;
	case B_URL_TIMEOUT:
		if (b->url_timeout >= 0)
			set_int(o, TL_T_INT, b->url_timeout);
		return;
	case B_CERT_EXPIRED:
	case B_CERT_SERVER_AUTH:
	case B_CERT_PRIVATE_KEY: {
		const tl_entry *e = tl_binding_cert(b, m);
		if (!e)
			return;
		if (id == B_CERT_EXPIRED)
			set_bool(o, e->cert.not_after < v->now || e->cert.not_before > v->now);
		else if (id == B_CERT_PRIVATE_KEY)
			set_bool(o, tl_entry_rare(e)->has_key_prov);
		else
			set_bool(o, tl_win_server_auth_allowed(e));
		return;
	}
	case B_ISSUER_SOURCE:
	case B_ISSUER_SOURCE_REASON:
	case B_ISSUER_STORE_STATE:
		issuer_source_field(v, b, id, o, a);
		return;
	case B_ISSUER_COUNT:
	case B_ISSUER_LIST_BYTES:
	case B_ISSUER_LIST_CA_ONLY:
	case B_ISSUER_LIST_EXCLUDED:
		issuer_list_field(v, b, id, o, a);
		return;
	case B_ISSUER_LIST_SENT:
		if (v->schannel.send_issuer_list.known)
			set_bool(o, v->schannel.send_issuer_list.value != 0);
		return;
	case B_ISSUER_LIMIT_FATAL:
		switch (tl_win_issuer_cap(&v->schannel)) {
		case TL_ISSUER_CAP_ALWAYS:
		case TL_ISSUER_CAP_SENT:
			set_bool(o, true);
			return;
		case TL_ISSUER_CAP_NOT_SENT:
			set_bool(o, false);
			return;
		default:
			return;
		}
	case B_ISSUER_LIMIT_EFFECT: {
		tl_buf t = {0};

		tl_win_issuer_cap_effect(&v->schannel, &t);
		set_str(o, arena_text(&t, a));
		return;
	}
	case B_ISSUER_STORE_FOUND:
		set_tristate(o, tl_binding_issuer_store_found(b, m));
		return;
	case B_CTL_FOUND:
		set_tristate(o, tl_binding_ctl_found(b, m));
		return;
	default:
		return;
	}
}

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	binding_field(v, obj, id, out, a);
}

const tl_scope_def tl_binding_scope = {"binding", binding_fields, TL_ARRAY_LEN(binding_fields), get};
