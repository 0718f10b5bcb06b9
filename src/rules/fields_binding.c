/* fields_binding.c: the binding scope: each http.sys TLS binding, and what Schannel
 * does for it (windows/httpsys). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"

enum { B_ENDPOINT, B_SNI, B_FLAGS, B_NEGOTIATE, B_CERT_HASH, B_CERT_STORE, B_CERT_FOUND,
       B_ISSUER_STORE, B_CTL_IDENTIFIER, B_CHECK_MODE, B_REVOCATION, B_APP_ID,
       B_CERT_EXPIRED, B_CERT_SERVER_AUTH, B_CERT_PRIVATE_KEY, B_ISSUER_SOURCE,
       B_ISSUER_STORE_FOUND, B_CTL_FOUND, B_ISSUER_COUNT, B_ISSUER_LIST_BYTES,
       B_FRESHNESS, B_URL_TIMEOUT, B_DS_MAPPER, B_NO_RAW_FILTER, B_REJECT, B_NO_HTTP2,
       B_NO_QUIC, B_NO_TLS13, B_NO_OCSP_STAPLING, B_NO_LEGACY_TLS, B_NO_TLS12,
       B_NO_USAGE_CHECK, B_CACHED_REVOCATION };

static const tl_field_doc binding_fields[] = {
	[B_ENDPOINT] = {"endpoint", TL_T_STRING, 0, "ip:port (SslBindingInfo) or host:port (SslSniBindingInfo)", "binding key name"},
	[B_SNI] = {"sni", TL_T_BOOL, 0, "an SNI binding (SslSniBindingInfo)", "binding key path"},
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
	[B_ISSUER_SOURCE] = {"issuer_source", TL_T_STRING, 0, "the store Schannel takes the trusted issuers from, in its order: DefaultSslCtlStoreName when set, else ClientAuthIssuer when it holds certificates, else Root (the logical Root)", "DefaultSslCtlStoreName, stores"},
	[B_ISSUER_STORE_FOUND] = {"issuer_store_found", TL_T_BOOL, 0, "the DefaultSslCtlStoreName store is in the export and holds certificates; null when the binding names none", "DefaultSslCtlStoreName, stores"},
	[B_CTL_FOUND] = {"ctl_found", TL_T_BOOL, 0, "a CTL whose list identifier or friendly name is DefaultSslCtlIdentifier is in the issuer store (DefaultSslCtlStoreName, else ClientAuthIssuer); null when the binding names none", "DefaultSslCtlIdentifier, CTLs"},
	[B_ISSUER_COUNT] = {"issuer_count", TL_T_INT, 0, "distinct certificates in issuer_source", "stores"},
	[B_ISSUER_LIST_BYTES] = {"issuer_list_bytes", TL_T_INT, 0, "bytes of the trusted issuer list Schannel would send from issuer_source: the TLS certificate_authorities vector, 2 bytes of length plus, per distinct certificate, 2 bytes of length and its DER subject name", "stores"},
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
	case B_SNI:
		set_bool(o, b->sni);
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
			set_bool(o, e->has_key_prov);
		else
			set_bool(o, tl_win_server_auth_allowed(e));
		return;
	}
	case B_ISSUER_SOURCE:
	case B_ISSUER_COUNT:
	case B_ISSUER_LIST_BYTES: {
		tl_issuer_source src;
		int64_t count, bytes;

		tl_binding_issuer_source(b, m, v->machine_root, &src);
		if (id == B_ISSUER_SOURCE) {
			set_str(o, src.name);
			return;
		}
		tl_issuer_list(src.stores, src.count, &count, &bytes);
		set_int(o, TL_T_INT, id == B_ISSUER_COUNT ? count : bytes);
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
