/* fields.c: see fields.h. */
#include "config.h"

#include "rules/fields.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
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

static const char *const scope_names[TL_SCOPE_COUNT] = {
	"cert", "store", "binding", "ctl", "machine",
};

const char *tl_scope_name(int scope)
{
	return scope >= 0 && scope < TL_SCOPE_COUNT ? scope_names[scope] : "?";
}

/* ---- the catalogue; ids are table indexes, each row tied to its enum by a
 * designated initializer (a row left out would be a NULL name: the tables
 * are checked whole by tl_fields_catalogue's users and check_fields) */

enum {
	C_LOCATION, C_STORE, C_LOGICAL_STORE, C_SUBJECT, C_ISSUER, C_SHA1, C_SHA256, C_SERIAL,
	C_VERSION, C_SELF_ISSUED, C_SELF_SIGNED, C_SIGNATURE_VERIFIABLE, C_IS_CA,
	C_BASIC_CONSTRAINTS, C_PATH_LEN, C_KEY_USAGE, C_EKU, C_STORE_EKU, C_KEY_ALGORITHM,
	C_KEY_BITS, C_CURVE, C_SIG_ALGORITHM, C_SIG_HASH, C_NOT_BEFORE, C_NOT_AFTER, C_DAYS_LEFT,
	C_EXPIRED, C_NOT_YET_VALID, C_FRIENDLY_NAME, C_DESCRIPTION, C_HAS_PRIVATE_KEY,
	C_PROPERTIES, C_ALSO_IN, C_ISSUER_FOUND, C_SOURCE, C_REGISTRY_KEY, C_BLOB_SUBKEY,
	C_BLOB_SHA1_MATCHES, C_BLOB_SHA1_PROPERTY_MATCHES, C_COPIES_IN_STORE, C_FIRST_IN_STORE,
};

static const tl_field_doc cert_fields[] = {
	[C_LOCATION] = {"location", TL_T_STRING, 0, "store location: LocalMachine, CurrentUser, LocalMachineGroupPolicy, LocalMachineEnterprise, CurrentUserGroupPolicy", "STORE= argument, file name, or the registry path of the Blob"},
	[C_STORE] = {"store", TL_T_STRING, 0, "physical store name (Root, AuthRoot, CA, My, ...)", "STORE= argument, file name, or the registry path"},
	[C_LOGICAL_STORE] = {"logical_store", TL_T_STRING, 0, "the logical store Windows forms from it: Root for Root, AuthRoot and SmartCardRoot (any location), CA for CA, else the store name", "derived"},
	[C_SUBJECT] = {"subject", TL_T_STRING, 0, "subject name, RFC 4514", "certificate"},
	[C_ISSUER] = {"issuer", TL_T_STRING, 0, "issuer name, RFC 4514", "certificate"},
	[C_SHA1] = {"sha1", TL_T_STRING, 0, "SHA-1 thumbprint of the DER, upper-case hex", "certificate"},
	[C_SHA256] = {"sha256", TL_T_STRING, 0, "SHA-256 of the DER, upper-case hex", "certificate"},
	[C_SERIAL] = {"serial", TL_T_STRING, 0, "serial number, upper-case hex", "certificate"},
	[C_VERSION] = {"version", TL_T_INT, 0, "X.509 version, 1 to 3", "certificate"},
	[C_SELF_ISSUED] = {"self_issued", TL_T_BOOL, 0, "subject and issuer are the same DER name", "certificate"},
	[C_SELF_SIGNED] = {"self_signed", TL_T_BOOL, 0, "self-issued and its signature verifies with its own key (RFC 5280); null when the signature algorithm cannot be verified (MD2, unknown)", "certificate, signature checked"},
	[C_SIGNATURE_VERIFIABLE] = {"signature_verifiable", TL_T_BOOL, 0, "false when the signature algorithm cannot be verified (MD2, unknown OIDs)", "certificate"},
	[C_IS_CA] = {"is_ca", TL_T_BOOL, 0, "basicConstraints cA is TRUE", "certificate extension 2.5.29.19"},
	[C_BASIC_CONSTRAINTS] = {"basic_constraints", TL_T_BOOL, 0, "the basicConstraints extension is present", "certificate extension 2.5.29.19"},
	[C_PATH_LEN] = {"path_len", TL_T_INT, 0, "pathLenConstraint; null when absent", "certificate extension 2.5.29.19"},
	[C_KEY_USAGE] = {"key_usage", TL_T_LIST, TL_T_STRING, "keyUsage bit names (digitalSignature, keyCertSign, cRLSign, ...); null without the extension", "certificate extension 2.5.29.15"},
	[C_EKU] = {"eku", TL_T_LIST, TL_T_STRING, "extendedKeyUsage OIDs; null without the extension", "certificate extension 2.5.29.37"},
	[C_STORE_EKU] = {"store_eku", TL_T_LIST, TL_T_STRING, "OIDs of the store-side ENHKEY_USAGE restriction; null when the entry has none", "store property 9"},
	[C_KEY_ALGORITHM] = {"key_algorithm", TL_T_STRING, 0, "RSA, RSA-PSS, EC, DSA, Ed25519, Ed448, ...", "certificate SubjectPublicKeyInfo"},
	[C_KEY_BITS] = {"key_bits", TL_T_INT, 0, "modulus, prime or curve size in bits", "certificate SubjectPublicKeyInfo"},
	[C_CURVE] = {"curve", TL_T_STRING, 0, "named curve (secp256r1, ...); null for other keys", "certificate SubjectPublicKeyInfo"},
	[C_SIG_ALGORITHM] = {"sig_algorithm", TL_T_STRING, 0, "signature algorithm (RSA-SHA256, ...), or its OID when unknown", "certificate"},
	[C_SIG_HASH] = {"sig_hash", TL_T_STRING, 0, "hash of the signature: MD2, MD5, SHA1, SHA256, ...; null when unknown", "certificate"},
	[C_NOT_BEFORE] = {"not_before", TL_T_TIME, 0, "start of validity", "certificate"},
	[C_NOT_AFTER] = {"not_after", TL_T_TIME, 0, "end of validity", "certificate"},
	[C_DAYS_LEFT] = {"days_left", TL_T_INT, 0, "whole days from --now to not_after (negative once expired)", "certificate, --now"},
	[C_EXPIRED] = {"expired", TL_T_BOOL, 0, "not_after is before --now", "certificate, --now"},
	[C_NOT_YET_VALID] = {"not_yet_valid", TL_T_BOOL, 0, "not_before is after --now", "certificate, --now"},
	[C_FRIENDLY_NAME] = {"friendly_name", TL_T_STRING, 0, "FRIENDLY_NAME property", "store property 11"},
	[C_DESCRIPTION] = {"description", TL_T_STRING, 0, "DESCRIPTION property", "store property 13"},
	[C_HAS_PRIVATE_KEY] = {"has_private_key", TL_T_BOOL, 0, "the entry has a KEY_PROV_INFO property (a private key is associated)", "store property 2"},
	[C_PROPERTIES] = {"properties", TL_T_LIST, TL_T_INT, "every store property id of the entry", "store properties"},
	[C_ALSO_IN] = {"also_in", TL_T_LIST, TL_T_STRING, "other stores holding the same certificate, as LOCATION\\STORE", "all inputs"},
	[C_ISSUER_FOUND] = {"issuer_found", TL_T_BOOL, 0, "a loaded certificate (any store) with the issuer's name verifies this one's signature; null when that signature cannot be verified (MD2, unknown algorithm)", "all inputs, signatures checked"},
	[C_SOURCE] = {"source", TL_T_STRING, 0, "the input file the entry was read from", "input"},
	[C_REGISTRY_KEY] = {"registry_key", TL_T_STRING, 0, "registry key of a Blob entry; null for file entries", ".reg input"},
	[C_BLOB_SUBKEY] = {"blob_subkey", TL_T_STRING, 0, "the thumbprint subkey name of a Blob entry; null for file entries", ".reg input"},
	[C_BLOB_SHA1_MATCHES] = {"blob_sha1_matches", TL_T_BOOL, 0, "the Blob's subkey name equals the certificate's real SHA-1; null for file entries", ".reg input"},
	[C_BLOB_SHA1_PROPERTY_MATCHES] = {"blob_sha1_property_matches", TL_T_BOOL, 0, "the Blob's subkey name equals its SHA1_HASH property (what Windows looks it up by); null for file entries", ".reg input"},
	[C_COPIES_IN_STORE] = {"copies_in_store", TL_T_INT, 0, "entries of the same certificate (same SHA-1) in this store, this one included", "all inputs"},
	[C_FIRST_IN_STORE] = {"first_in_store", TL_T_BOOL, 0, "this entry is the first of its certificate in this store", "all inputs"},
};

enum { S_LOCATION, S_NAME, S_LOGICAL, S_COUNT, S_CRL_COUNT, S_CTL_COUNT, S_ISSUER_LIST_BYTES, S_MEMBERS };

static const tl_field_doc store_fields[] = {
	[S_LOCATION] = {"location", TL_T_STRING, 0, "store location", "inputs"},
	[S_NAME] = {"name", TL_T_STRING, 0, "store name (the logical name for a logical store)", "inputs"},
	[S_LOGICAL] = {"logical", TL_T_BOOL, 0, "a logical store: the union Windows forms of physical stores (Root = Root, AuthRoot, SmartCardRoot, group policy Root, enterprise Root; CA likewise)", "derived"},
	[S_COUNT] = {"count", TL_T_INT, 0, "certificates in the store", "inputs"},
	[S_CRL_COUNT] = {"crl_count", TL_T_INT, 0, "CRLs in the store", "inputs"},
	[S_CTL_COUNT] = {"ctl_count", TL_T_INT, 0, "CTLs in the store", "inputs"},
	[S_ISSUER_LIST_BYTES] = {"issuer_list_bytes", TL_T_INT, 0, "bytes of the trusted issuer list it would give (as binding.issuer_list_bytes counts them)", "inputs"},
	[S_MEMBERS] = {"members", TL_T_LIST, TL_T_STRING, "the physical stores it is made of, as LOCATION\\STORE", "derived"},
};

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

enum { T_LOCATION, T_STORE, T_LIST_IDENTIFIER, T_SEQUENCE, T_THIS_UPDATE, T_NEXT_UPDATE,
       T_USAGE, T_SUBJECT_ALGORITHM, T_SUBJECT_COUNT, T_SIGNER_COUNT, T_SHA1 };

static const tl_field_doc ctl_fields[] = {
	[T_LOCATION] = {"location", TL_T_STRING, 0, "store location", "inputs"},
	[T_STORE] = {"store", TL_T_STRING, 0, "store name", "inputs"},
	[T_LIST_IDENTIFIER] = {"list_identifier", TL_T_STRING, 0, "listIdentifier (UTF-16 text when it is, else hex); null when absent", "CTL"},
	[T_SEQUENCE] = {"sequence_number", TL_T_STRING, 0, "sequenceNumber in hex; null when absent", "CTL"},
	[T_THIS_UPDATE] = {"this_update", TL_T_TIME, 0, "ctlThisUpdate", "CTL"},
	[T_NEXT_UPDATE] = {"next_update", TL_T_TIME, 0, "ctlNextUpdate; null when absent", "CTL"},
	[T_USAGE] = {"usage", TL_T_LIST, TL_T_STRING, "subjectUsage OIDs", "CTL"},
	[T_SUBJECT_ALGORITHM] = {"subject_algorithm", TL_T_STRING, 0, "subjectAlgorithm OID", "CTL"},
	[T_SUBJECT_COUNT] = {"subject_count", TL_T_INT, 0, "trusted subjects listed", "CTL"},
	[T_SIGNER_COUNT] = {"signer_count", TL_T_INT, 0, "SignerInfos of the SignedData", "CTL"},
	[T_SHA1] = {"sha1", TL_T_STRING, 0, "SHA-1 of the CTL's DER, upper-case hex", "CTL"},
};

enum { M_TRUST_MODE, M_TRUST_MODE_SET, M_TRUST_MODE_TYPE, M_TRUST_MODE_VALID, M_SEND_LIST, M_SEND_LIST_SET,
       M_OS_ASSUMED,
       M_EVENT_LOGGING, M_MESSAGE_LIMIT, M_OS_VERSION, M_OS_BUILD, M_CERTIFICATES, M_STORES,
       M_BINDINGS, M_REG_INPUTS };

static const tl_field_doc machine_fields[] = {
	[M_TRUST_MODE] = {"schannel.trust_mode", TL_T_INT, 0, "ClientAuthTrustMode as read (any DWORD); 0, its default, when absent; null when it is not a DWORD", "SCHANNEL\\ClientAuthTrustMode"},
	[M_TRUST_MODE_SET] = {"schannel.trust_mode_set", TL_T_BOOL, 0, "ClientAuthTrustMode is present in the export", "SCHANNEL\\ClientAuthTrustMode"},
	[M_TRUST_MODE_TYPE] = {"schannel.trust_mode_type", TL_T_INT, 0, "registry type of ClientAuthTrustMode (4 = DWORD); null when absent", "SCHANNEL\\ClientAuthTrustMode"},
	[M_TRUST_MODE_VALID] = {"schannel.trust_mode_valid", TL_T_BOOL, 0, "ClientAuthTrustMode is absent, or a DWORD of 0, 1 or 2", "SCHANNEL\\ClientAuthTrustMode"},
	[M_SEND_LIST] = {"schannel.send_trusted_issuer_list", TL_T_BOOL, 0, "the trusted issuer list is sent: SendTrustedIssuerList non-zero, or when absent the OS default (sent before Windows Server 2012 / CurrentVersion 6.2, not from then on; Windows Server 2012 or later is assumed when the version is not exported)", "SCHANNEL\\SendTrustedIssuerList, CurrentVersion"},
	[M_SEND_LIST_SET] = {"schannel.send_trusted_issuer_list_set", TL_T_BOOL, 0, "SendTrustedIssuerList is present in the export", "SCHANNEL\\SendTrustedIssuerList"},
	[M_OS_ASSUMED] = {"schannel.os_assumed", TL_T_BOOL, 0, "the OS version is not in the export, so OS defaults assume Windows Server 2012 or later", "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"},
	[M_EVENT_LOGGING] = {"schannel.event_logging", TL_T_INT, 0, "EventLogging; 1, its default, when absent", "SCHANNEL\\EventLogging"},
	[M_MESSAGE_LIMIT] = {"schannel.message_limit_client_auth", TL_T_INT, 0, "Messaging\\MessageLimitServerClientAuth; 0x8000, its default, when absent", "SCHANNEL\\Messaging"},
	[M_OS_VERSION] = {"os.version", TL_T_STRING, 0, "CurrentVersion (\"6.3\" for Windows Server 2012 R2 and later); null when not exported", "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"},
	[M_OS_BUILD] = {"os.build", TL_T_INT, 0, "CurrentBuildNumber; null when not exported", "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"},
	[M_CERTIFICATES] = {"certificates", TL_T_INT, 0, "certificate entries in all inputs", "inputs"},
	[M_STORES] = {"stores", TL_T_INT, 0, "physical stores in all inputs", "inputs"},
	[M_BINDINGS] = {"bindings", TL_T_INT, 0, "http.sys TLS bindings", "HTTP\\Parameters"},
	[M_REG_INPUTS] = {"registry_inputs", TL_T_INT, 0, ".reg inputs read", "inputs"},
};

static const struct {
	const tl_field_doc *fields;
	size_t count;
} tables[TL_SCOPE_COUNT] = {
	{cert_fields, TL_ARRAY_LEN(cert_fields)},
	{store_fields, TL_ARRAY_LEN(store_fields)},
	{binding_fields, TL_ARRAY_LEN(binding_fields)},
	{ctl_fields, TL_ARRAY_LEN(ctl_fields)},
	{machine_fields, TL_ARRAY_LEN(machine_fields)},
};

const tl_field_doc *tl_fields_of(int scope, size_t *count)
{
	if (scope < 0 || scope >= TL_SCOPE_COUNT) {
		*count = 0;
		return NULL;
	}
	*count = tables[scope].count;
	return tables[scope].fields;
}

static int cat_scope(void *user, const char *name, size_t len)
{
	int i;

	(void)user;
	for (i = 0; i < TL_SCOPE_COUNT; i++)
		if (strlen(scope_names[i]) == len && memcmp(scope_names[i], name, len) == 0)
			return i;
	return -1;
}

static int cat_field(void *user, int scope, const char *name, size_t len, tl_field_info *out)
{
	size_t i, n;
	const tl_field_doc *f = tl_fields_of(scope, &n);

	(void)user;
	for (i = 0; i < n; i++)
		if (strlen(f[i].name) == len && memcmp(f[i].name, name, len) == 0) {
			out->id = (int)i;
			out->type = f[i].type;
			out->elem = f[i].elem;
			return 0;
		}
	return -1;
}

static int cat_param(void *user, const char *name, size_t len, tl_value *out)
{
	(void)user;
	(void)name;
	(void)len;
	(void)out;
	return -1;
}

static const tl_catalogue catalogue = {NULL, cat_scope, cat_field, cat_param};

const tl_catalogue *tl_fields_catalogue(void)
{
	return &catalogue;
}

/* ---- the view: the model, and what Windows makes of it (src/windows/) */

struct tl_view {
	const tl_inputs *in;
	int64_t now;
	tl_view_cert *certs;
	size_t cert_count;
	tl_view_cert *ctls;
	size_t ctl_count;
	tl_view_store *stores; /* the physical stores, then the logical ones */
	size_t store_count;
	tl_logical_store *logical;
	size_t logical_count;
	const tl_logical_store *machine_root; /* or NULL */
	tl_binding *bindings;
	size_t binding_count;
	tl_schannel schannel;
	tl_index *index; /* the issuer index (DESIGN.md 2), and also_in */
};

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
		if (s->location == TL_LOC_LOCAL_MACHINE && !strcmp(s->name, "Root"))
			v->machine_root = &v->logical[i];
	}
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
	v->certs = tl_xcalloc(n ? n : 1, sizeof(tl_view_cert));
	v->ctls = tl_xcalloc(nc ? nc : 1, sizeof(tl_view_cert));
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];
			tl_view_cert c = {m->stores[i], e};

			if (e->kind == TL_ENTRY_CTL)
				v->ctls[v->ctl_count++] = c;
			else if (e->kind == TL_ENTRY_CERT)
				v->certs[v->cert_count++] = c;
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
	v->binding_count = tl_bindings_read(in->registry, &v->bindings);
	tl_schannel_read(in->registry, &v->schannel);
	return v;
}

void tl_view_free(tl_view *v)
{
	if (!v)
		return;
	tl_logical_stores_free(v->logical, v->logical_count);
	tl_bindings_free(v->bindings, v->binding_count);
	tl_schannel_free(&v->schannel);
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
	default:
		return NULL;
	}
}

/* ---- values */

static void set_null(tl_value *o)
{
	o->type = TL_T_NULL;
}

static void set_bool(tl_value *o, bool b)
{
	o->type = TL_T_BOOL;
	o->u.b = b;
}

static void set_int(tl_value *o, tl_type t, int64_t i)
{
	o->type = t;
	o->u.i = i;
}

static void set_str(tl_value *o, const char *s)
{
	if (!s) {
		set_null(o);
		return;
	}
	o->type = TL_T_STRING;
	o->u.s.p = s;
	o->u.s.len = strlen(s);
}

static void set_hex(tl_value *o, const uint8_t *p, size_t n, bool upper, tl_arena *a)
{
	char *s = tl_arena_alloc(a, 2 * n + 1);

	tl_hex(p, n, s, upper);
	set_str(o, s);
}

static void set_strv(tl_value *o, char *const *v, size_t n, bool present, tl_arena *a)
{
	tl_value *items;
	size_t i;

	if (!present) {
		set_null(o);
		return;
	}
	items = tl_arena_alloc(a, (n ? n : 1) * sizeof(tl_value));
	for (i = 0; i < n; i++)
		set_str(&items[i], v[i]);
	o->type = TL_T_LIST;
	o->u.list.items = items;
	o->u.list.n = n;
}

static const char *const ku_names[] = {
	"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
	"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
};

static char *location_store(const tl_store *s, tl_arena *a)
{
	const char *loc = tl_location_name(s->location);
	size_t n = strlen(loc) + 1 + strlen(s->name) + 1;
	char *t = tl_arena_alloc(a, n);

	snprintf(t, n, "%s\\%s", loc, s->name);
	return t;
}

/* The other stores holding this certificate, each once, in model order. */
static void also_in(const tl_view *v, const tl_view_cert *c, tl_value *o, tl_arena *a)
{
	size_t n, count = 0, i;
	const tl_index_ref *h = tl_index_holders(v->index, c->entry->cert.sha1, &n);
	tl_value *items = tl_arena_alloc(a, (n ? n : 1) * sizeof(tl_value));

	for (i = 0; i < n; i++)
		if (h[i].store != c->store && (i == 0 || h[i].store != h[i - 1].store))
			set_str(&items[count++], location_store(h[i].store, a));
	o->type = TL_T_LIST;
	o->u.list.items = items;
	o->u.list.n = count;
}

static void cert_field(tl_view *v, const tl_view_cert *c, int id, tl_value *o, tl_arena *a)
{
	const tl_entry *e = c->entry;
	const tl_cert *x = &e->cert;
	tl_value *items;
	size_t i, n;

	set_null(o);
	switch (id) {
	case C_LOCATION:
		set_str(o, tl_location_name(c->store->location));
		return;
	case C_STORE:
		set_str(o, c->store->name);
		return;
	case C_LOGICAL_STORE: {
		const char *ln = tl_win_logical_of(c->store->name);
		set_str(o, ln ? ln : c->store->name);
		return;
	}
	case C_SHA1:
	case C_SHA256:
		if (e->parsed)
			set_hex(o, id == C_SHA1 ? x->sha1 : x->sha256, id == C_SHA1 ? 20 : 32, true, a);
		return;
	case C_FRIENDLY_NAME:
		set_str(o, e->friendly_name);
		return;
	case C_DESCRIPTION:
		set_str(o, e->description);
		return;
	case C_HAS_PRIVATE_KEY:
		set_bool(o, e->has_key_prov);
		return;
	case C_STORE_EKU:
		set_strv(o, e->store_eku, e->store_eku_count, e->store_eku_present, a);
		return;
	case C_PROPERTIES:
		items = tl_arena_alloc(a, (e->prop_count ? e->prop_count : 1) * sizeof(tl_value));
		for (i = 0; i < e->prop_count; i++)
			set_int(&items[i], TL_T_INT, e->props[i].id);
		o->type = TL_T_LIST;
		o->u.list.items = items;
		o->u.list.n = e->prop_count;
		return;
	case C_SOURCE:
		set_str(o, e->origin.loc.file);
		return;
	case C_REGISTRY_KEY:
		set_str(o, e->origin.reg_key);
		return;
	case C_BLOB_SUBKEY:
		set_str(o, e->blob_subkey);
		return;
	case C_BLOB_SHA1_MATCHES:
		if (e->blob_subkey && e->parsed)
			set_bool(o, e->blob_sha1_real_matches);
		return;
	case C_BLOB_SHA1_PROPERTY_MATCHES:
		if (e->blob_subkey && e->parsed)
			set_bool(o, e->blob_sha1_prop_matches);
		return;
	case C_ISSUER_FOUND:
		if (e->parsed) {
			tl_issuer_answer r = tl_index_find_issuer(v->index, e);
			if (r != TL_ISSUER_UNKNOWN)
				set_bool(o, r == TL_ISSUER_FOUND);
		}
		return;
	default:
		break;
	}
	if (!e->parsed)
		return;
	switch (id) {
	case C_SUBJECT:
		set_str(o, x->subject);
		return;
	case C_ISSUER:
		set_str(o, x->issuer);
		return;
	case C_SERIAL:
		set_str(o, x->serial);
		return;
	case C_VERSION:
		set_int(o, TL_T_INT, x->version);
		return;
	case C_SELF_ISSUED:
		set_bool(o, x->self_issued);
		return;
	case C_SELF_SIGNED:
		if (x->self_signed != TL_SIG_UNVERIFIABLE)
			set_bool(o, x->self_signed == TL_SIG_YES);
		return;
	case C_SIGNATURE_VERIFIABLE:
		set_bool(o, x->self_signed != TL_SIG_UNVERIFIABLE);
		return;
	case C_IS_CA:
		set_bool(o, x->is_ca);
		return;
	case C_BASIC_CONSTRAINTS:
		set_bool(o, x->bc_present);
		return;
	case C_PATH_LEN:
		if (x->path_len >= 0)
			set_int(o, TL_T_INT, x->path_len);
		return;
	case C_KEY_USAGE:
		if (!x->ku_present)
			return;
		items = tl_arena_alloc(a, TL_ARRAY_LEN(ku_names) * sizeof(tl_value));
		for (i = 0, n = 0; i < TL_ARRAY_LEN(ku_names); i++)
			if (x->key_usage & (1u << i))
				set_str(&items[n++], ku_names[i]);
		o->type = TL_T_LIST;
		o->u.list.items = items;
		o->u.list.n = n;
		return;
	case C_EKU:
		set_strv(o, x->eku, x->eku_count, x->eku_present, a);
		return;
	case C_KEY_ALGORITHM:
		set_str(o, x->key_algorithm);
		return;
	case C_KEY_BITS:
		if (x->key_bits)
			set_int(o, TL_T_INT, x->key_bits);
		return;
	case C_CURVE:
		set_str(o, x->curve);
		return;
	case C_SIG_ALGORITHM:
		set_str(o, x->sig_algorithm);
		return;
	case C_SIG_HASH:
		set_str(o, x->sig_hash);
		return;
	case C_NOT_BEFORE:
		set_int(o, TL_T_TIME, x->not_before);
		return;
	case C_NOT_AFTER:
		set_int(o, TL_T_TIME, x->not_after);
		return;
	case C_DAYS_LEFT: {
		/* whole days, rounded toward minus infinity */
		int64_t d = x->not_after - v->now;
		set_int(o, TL_T_INT, d >= 0 ? d / 86400 : -((-d + 86399) / 86400));
		return;
	}
	case C_EXPIRED:
		set_bool(o, x->not_after < v->now);
		return;
	case C_NOT_YET_VALID:
		set_bool(o, x->not_before > v->now);
		return;
	case C_ALSO_IN:
		also_in(v, c, o, a);
		return;
	case C_COPIES_IN_STORE:
	case C_FIRST_IN_STORE: {
		/* the (SHA-1, store, position) run this entry belongs to */
		size_t held, r, copies = 0, first = (size_t)-1;
		const tl_index_ref *h = tl_index_holders(v->index, x->sha1, &held);
		for (r = 0; r < held; r++)
			if (h[r].store == c->store) {
				copies++;
				if (first == (size_t)-1)
					first = h[r].pos;
			}
		if (id == C_COPIES_IN_STORE)
			set_int(o, TL_T_INT, (int64_t)copies);
		else
			set_bool(o, first < c->store->count && c->store->entries[first] == e);
		return;
	}
	default:
		return;
	}
}

static void store_field(const tl_view_store *s, int id, tl_value *o, tl_arena *a)
{
	size_t i, j, certs = 0, crls = 0, ctls = 0;
	int64_t bytes = 0;
	tl_value *items;

	for (i = 0; i < s->member_count; i++)
		for (j = 0; j < s->members[i]->count; j++) {
			const tl_entry *e = s->members[i]->entries[j];
			certs += e->kind == TL_ENTRY_CERT;
			crls += e->kind == TL_ENTRY_CRL;
			ctls += e->kind == TL_ENTRY_CTL;
		}
	if (id == S_ISSUER_LIST_BYTES) {
		int64_t distinct;
		tl_issuer_list(s->members, s->member_count, &distinct, &bytes);
	}
	switch (id) {
	case S_LOCATION:
		set_str(o, tl_location_name(s->location));
		return;
	case S_NAME:
		set_str(o, s->name);
		return;
	case S_LOGICAL:
		set_bool(o, s->logical);
		return;
	case S_COUNT:
		set_int(o, TL_T_INT, (int64_t)certs);
		return;
	case S_CRL_COUNT:
		set_int(o, TL_T_INT, (int64_t)crls);
		return;
	case S_CTL_COUNT:
		set_int(o, TL_T_INT, (int64_t)ctls);
		return;
	case S_ISSUER_LIST_BYTES:
		set_int(o, TL_T_INT, bytes);
		return;
	case S_MEMBERS:
		items = tl_arena_alloc(a, s->member_count * sizeof(tl_value) + 1);
		for (i = 0; i < s->member_count; i++)
			set_str(&items[i], location_store(s->members[i], a));
		o->type = TL_T_LIST;
		o->u.list.items = items;
		o->u.list.n = s->member_count;
		return;
	default:
		set_null(o);
	}
}

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

static void set_tristate(tl_value *o, int t)
{
	if (t >= 0)
		set_bool(o, t != 0);
	else
		set_null(o);
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

static void ctl_field(const tl_view_cert *c, int id, tl_value *o, tl_arena *a)
{
	const tl_ctl *ctl = c->entry->ctl;
	char *s;

	set_null(o);
	switch (id) {
	case T_LOCATION:
		set_str(o, tl_location_name(c->store->location));
		return;
	case T_STORE:
		set_str(o, c->store->name);
		return;
	case T_SHA1: {
		uint8_t sha1[20];
		tl_entry_hashes(c->entry, sha1, NULL);
		set_hex(o, sha1, 20, true, a);
		return;
	}
	default:
		break;
	}
	if (!ctl)
		return;
	switch (id) {
	case T_LIST_IDENTIFIER:
		s = tl_ctl_list_id_text(ctl);
		if (s) {
			set_str(o, tl_arena_strndup(a, s, strlen(s)));
			free(s);
		}
		return;
	case T_SEQUENCE:
		set_str(o, ctl->sequence);
		return;
	case T_THIS_UPDATE:
		set_int(o, TL_T_TIME, ctl->this_update);
		return;
	case T_NEXT_UPDATE:
		if (ctl->has_next_update)
			set_int(o, TL_T_TIME, ctl->next_update);
		return;
	case T_USAGE:
		set_strv(o, ctl->usage, ctl->usage_count, true, a);
		return;
	case T_SUBJECT_ALGORITHM:
		set_str(o, ctl->subject_alg);
		return;
	case T_SUBJECT_COUNT:
		set_int(o, TL_T_INT, (int64_t)ctl->subject_count);
		return;
	case T_SIGNER_COUNT:
		set_int(o, TL_T_INT, (int64_t)ctl->signer_count);
		return;
	default:
		return;
	}
}

static void set_dword(tl_value *o, const tl_win_dword *d)
{
	if (d->known)
		set_int(o, TL_T_INT, d->value);
	else
		set_null(o);
}

static void machine_field(const tl_view *v, int id, tl_value *o, tl_arena *a)
{
	const tl_schannel *sc = &v->schannel;
	size_t i, n = 0;

	(void)a;
	set_null(o);
	switch (id) {
	case M_TRUST_MODE:
		set_dword(o, &sc->trust_mode);
		return;
	case M_TRUST_MODE_SET:
		set_bool(o, sc->trust_mode.present);
		return;
	case M_TRUST_MODE_VALID:
		set_bool(o, sc->trust_mode_valid);
		return;
	case M_TRUST_MODE_TYPE:
		if (sc->trust_mode.present)
			set_int(o, TL_T_INT, sc->trust_mode.type);
		return;
	case M_OS_ASSUMED:
		set_bool(o, sc->os_version == NULL);
		return;
	case M_SEND_LIST:
		if (sc->send_issuer_list.known)
			set_bool(o, sc->send_issuer_list.value != 0);
		return;
	case M_SEND_LIST_SET:
		set_bool(o, sc->send_issuer_list.present);
		return;
	case M_EVENT_LOGGING:
		set_dword(o, &sc->event_logging);
		return;
	case M_MESSAGE_LIMIT:
		set_dword(o, &sc->message_limit);
		return;
	case M_OS_VERSION:
		set_str(o, sc->os_version);
		return;
	case M_OS_BUILD:
		if (sc->os_build_known)
			set_int(o, TL_T_INT, sc->os_build);
		return;
	case M_CERTIFICATES:
		set_int(o, TL_T_INT, (int64_t)v->cert_count);
		return;
	case M_STORES:
		for (i = 0; i < v->store_count; i++)
			n += !v->stores[i].logical;
		set_int(o, TL_T_INT, (int64_t)n);
		return;
	case M_BINDINGS:
		set_int(o, TL_T_INT, (int64_t)v->binding_count);
		return;
	case M_REG_INPUTS:
		set_int(o, TL_T_INT, (int64_t)v->in->reg_count);
		return;
	default:
		return;
	}
}

static void env_get(void *user, int scope, const void *obj, int id, tl_value *out, tl_arena *a)
{
	tl_view *v = user;

	switch (scope) {
	case TL_SCOPE_CERT:
		cert_field(v, obj, id, out, a);
		return;
	case TL_SCOPE_STORE:
		store_field(obj, id, out, a);
		return;
	case TL_SCOPE_BINDING:
		binding_field(v, obj, id, out, a);
		return;
	case TL_SCOPE_CTL:
		ctl_field(obj, id, out, a);
		return;
	case TL_SCOPE_MACHINE:
		machine_field(v, id, out, a);
		return;
	default:
		set_null(out);
	}
}

static void env_each(void *user, int scope, bool (*fn)(const void *obj, void *arg), void *arg)
{
	const tl_view *v = user;
	size_t i, n = tl_view_count(v, scope);

	for (i = 0; i < n; i++)
		if (!fn(tl_view_object(v, scope, i), arg))
			return;
}

/* REG_MULTI_SZ: UTF-16LE strings each ended by a NUL unit, the list ended
 * by an empty one. */
static void multi_sz(const tl_reg_value *val, tl_value *out, tl_arena *a)
{
	size_t i, start = 0, count = 0, units = val->len / 2;
	tl_value *items = tl_arena_alloc(a, (units + 1) * sizeof(tl_value));

	for (i = 0; i < units; i++) {
		if (tl_le16(val->data + 2 * i) != 0)
			continue;
		if (i == start)
			break; /* the empty string that ends the list */
		{
			char *s = tl_utf16le_to_utf8(val->data + 2 * start, 2 * (i - start), false);
			set_str(&items[count++], tl_arena_strndup(a, s, strlen(s)));
			free(s);
		}
		start = i + 1;
	}
	if (start < units && i == units) {
		/* a last string without its NUL */
		char *s = tl_utf16le_to_utf8(val->data + 2 * start, 2 * (units - start), false);
		set_str(&items[count++], tl_arena_strndup(a, s, strlen(s)));
		free(s);
	}
	out->type = TL_T_LIST;
	out->u.list.items = items;
	out->u.list.n = count;
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

tl_eval_env tl_view_env(tl_view *v)
{
	tl_eval_env env = {v, env_get, env_each, env_reg};

	return env;
}

void tl_view_describe(const tl_view *v, int scope, const void *obj, tl_loc *loc, tl_buf *name,
		      tl_about *about)
{
	tl_about ab;
	char hex[41];

	memset(&ab, 0, sizeof(ab));
	switch (scope) {
	case TL_SCOPE_CERT:
	case TL_SCOPE_CTL: {
		const tl_view_cert *c = obj;
		const tl_entry *e = c->entry;

		*loc = e->origin.loc;
		if (e->parsed) {
			memcpy(ab.sha1, e->cert.sha1, 20);
			memcpy(ab.sha256, e->cert.sha256, 32);
			ab.hashes = TL_ABOUT_HASHES_PARSED;
			ab.subject = e->cert.subject;
		} else {
			/* of the bytes as stored: what a Windows tool shows */
			tl_entry_hashes(e, ab.sha1, ab.sha256);
			ab.hashes = e->der ? TL_ABOUT_HASHES_RAW : TL_ABOUT_NO_HASHES;
		}
		ab.store = c->store->name;
		ab.location = c->store->location;
		tl_store_label(name, c->store->location, c->store->name);
		tl_buf_addc(name, '\\');
		tl_hex(ab.sha1, 20, hex, true);
		tl_buf_adds(name, hex);
		break;
	}
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
		tl_store_label(name, s->location, s->name);
		break;
	}
	case TL_SCOPE_BINDING: {
		const tl_binding *b = obj;

		*loc = b->key ? tl_loc_line(tl_reg_key_file(b->key), tl_reg_key_line(b->key), 0)
		       : tl_loc_file(NULL);
		ab.binding = b->endpoint;
		tl_buf_printf(name, "HTTP\\%s\\%s", b->sni ? "SslSniBindingInfo" : "SslBindingInfo",
			      b->endpoint);
		break;
	}
	default:
		*loc = v ? v->schannel.where : tl_loc_file(NULL);
		tl_buf_adds(name, "machine");
		break;
	}
	if (about)
		*about = ab;
}
