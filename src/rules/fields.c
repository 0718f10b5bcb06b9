/* fields.c: see fields.h. */
#include "config.h"

#include "rules/fields.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ctl.h"
#include "model/registry.h"
#include "base/util.h"

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

/* ---- the view */

#define SCHANNEL "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
#define HTTP_PARAMS "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
#define NT_CURRENT "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"

typedef struct sha_ref {
	const uint8_t *sha1;
	const tl_store *store;
	size_t store_index; /* the store's index in the model: a stable order */
	size_t pos;         /* the entry's index in its store */
} sha_ref;

struct tl_view {
	const tl_inputs *in;
	int64_t now;
	tl_loc machine_loc; /* where machine findings point (tl_view_locate) */
	tl_view_cert *certs;
	size_t cert_count;
	tl_view_cert *ctls;
	size_t ctl_count;
	tl_view_store *stores;
	size_t store_count;
	tl_view_binding *bindings;
	size_t binding_count;
	sha_ref *by_sha1; /* parsed certificates sorted by SHA-1, for also_in */
	size_t sha1_count;
	/* the issuer index (DESIGN.md 2): parsed certificates sorted by subject
	 * DER, and per distinct certificate (its first slot in by_sha1) the
	 * verified answer, computed once: 0 not yet, then ISSUER_* */
	const tl_entry **by_subject;
	size_t subject_count;
	uint8_t *issuer_memo;
};

enum { ISSUER_FOUND = 1, ISSUER_MISSING, ISSUER_UNKNOWN };

static int name_cmp(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c ? c : (al > bl) - (al < bl);
}

static int subject_cmp(const void *a, const void *b)
{
	const tl_entry *x = *(const tl_entry *const *)a, *y = *(const tl_entry *const *)b;

	return name_cmp(x->cert.subject_der, x->cert.subject_der_len, y->cert.subject_der,
			y->cert.subject_der_len);
}

static int sha_cmp(const void *a, const void *b)
{
	const sha_ref *x = a, *y = b;
	int c = memcmp(x->sha1, y->sha1, 20);

	if (c)
		return c;
	if (x->store_index != y->store_index)
		return x->store_index < y->store_index ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The logical store a physical one belongs to (FORMATS.md 2). */
static const char *logical_name(const char *store)
{
	if (!tl_strcasecmp(store, "Root") || !tl_strcasecmp(store, "AuthRoot") ||
	    !tl_strcasecmp(store, "SmartCardRoot"))
		return "Root";
	if (!tl_strcasecmp(store, "CA"))
		return "CA";
	return NULL;
}

static bool machine_location(tl_location l)
{
	return l == TL_LOC_LOCAL_MACHINE || l == TL_LOC_LOCAL_MACHINE_GROUP_POLICY ||
	       l == TL_LOC_LOCAL_MACHINE_ENTERPRISE;
}

static void build_stores(tl_view *v)
{
	const tl_model *m = v->in->model;
	static const char *const logical[] = {"Root", "CA"};
	size_t i, j, k, cap = m->count + 4;

	v->stores = tl_xcalloc(cap, sizeof(tl_view_store));
	for (i = 0; i < m->count; i++) {
		tl_view_store *s = &v->stores[v->store_count++];
		s->location = m->stores[i]->location;
		s->name = m->stores[i]->name;
		s->physical = m->stores[i];
		s->members = tl_xmalloc(sizeof(tl_store *));
		s->members[0] = m->stores[i];
		s->member_count = 1;
	}
	/* logical Root and CA of the machine and of the user */
	for (k = 0; k < 2; k++) {
		for (j = 0; j < TL_ARRAY_LEN(logical); j++) {
			tl_view_store *s = &v->stores[v->store_count];
			bool machine = k == 0;

			memset(s, 0, sizeof(*s));
			s->location = machine ? TL_LOC_LOCAL_MACHINE : TL_LOC_CURRENT_USER;
			s->name = logical[j];
			s->logical = true;
			for (i = 0; i < m->count; i++) {
				const char *ln = logical_name(m->stores[i]->name);
				if (!ln || strcmp(ln, logical[j]) != 0 ||
				    machine_location(m->stores[i]->location) != machine)
					continue;
				s->members = tl_xrealloc(s->members, (s->member_count + 1) * sizeof(tl_store *));
				s->members[s->member_count++] = m->stores[i];
			}
			if (s->member_count)
				v->store_count++;
		}
	}
}

static void build_entries(tl_view *v)
{
	const tl_model *m = v->in->model;
	size_t i, j, n = 0, nc = 0, k = 0;

	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];
			n += e->kind == TL_ENTRY_CERT;
			nc += e->kind == TL_ENTRY_CTL;
		}
	v->certs = tl_xcalloc(n ? n : 1, sizeof(tl_view_cert));
	v->ctls = tl_xcalloc(nc ? nc : 1, sizeof(tl_view_cert));
	v->by_sha1 = tl_xcalloc(n ? n : 1, sizeof(sha_ref));
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];
			tl_view_cert c = {m->stores[i], e};

			if (e->kind == TL_ENTRY_CTL)
				v->ctls[v->ctl_count++] = c;
			if (e->kind != TL_ENTRY_CERT)
				continue;
			v->certs[v->cert_count++] = c;
			if (e->parsed) {
				v->by_sha1[k].sha1 = e->cert.sha1;
				v->by_sha1[k].pos = j;
				v->by_sha1[k].store_index = i;
				v->by_sha1[k++].store = m->stores[i];
			}
		}
	qsort(v->by_sha1, k, sizeof(sha_ref), sha_cmp);
	v->sha1_count = k;
	v->by_subject = tl_xcalloc(k ? k : 1, sizeof(tl_entry *));
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];
			if (e->kind == TL_ENTRY_CERT && e->parsed)
				v->by_subject[v->subject_count++] = e;
		}
	if (v->subject_count)
		qsort(v->by_subject, v->subject_count, sizeof(tl_entry *), subject_cmp);
	v->issuer_memo = tl_xcalloc(k ? k : 1, 1);
}

static void add_bindings(tl_view *v, const char *path, bool sni, size_t *cap)
{
	const tl_reg_key *parent = tl_registry_find(v->in->registry, path);
	size_t i;

	if (!parent)
		return;
	for (i = 0; i < tl_reg_key_subkey_count(parent); i++) {
		const tl_reg_key *k = tl_reg_key_subkey_at(parent, i);
		tl_view_binding *b;

		tl_xgrow((void **)&v->bindings, cap, v->binding_count + 1, sizeof(tl_view_binding));
		b = &v->bindings[v->binding_count++];
		b->endpoint = tl_xstrdup(tl_reg_key_name(k));
		b->sni = sni;
		b->key = k;
	}
}

typedef struct first_key {
	const tl_reg_key *schannel; /* first written key at or under SCHANNEL */
	const tl_reg_key *any;      /* first written key */
} first_key;

static int first_written_key(const tl_reg_key *k, void *arg)
{
	first_key *fk = arg;
	const char *path = tl_reg_key_path(k);
	size_t n = strlen(SCHANNEL);

	if (tl_reg_key_line(k) == 0)
		return 0;
	if (!fk->any)
		fk->any = k;
	if (tl_strncasecmp(path, SCHANNEL, n) == 0 && (path[n] == '\0' || path[n] == '\\')) {
		fk->schannel = k;
		return 1;
	}
	return 0;
}

tl_view *tl_view_new(const tl_inputs *in, int64_t now)
{
	tl_view *v = tl_xcalloc(1, sizeof(*v));
	size_t cap = 0;

	v->in = in;
	v->now = now;
	build_stores(v);
	build_entries(v);
	add_bindings(v, HTTP_PARAMS "\\SslBindingInfo", false, &cap);
	add_bindings(v, HTTP_PARAMS "\\SslSniBindingInfo", true, &cap);
	/* the SCHANNEL key, or the first key written under it, or else the
	 * first key of the registry inputs: a machine finding points into the
	 * export whenever there is one (one walk, not one per finding) */
	{
		first_key fk = {NULL, NULL};
		tl_registry_walk(in->registry, first_written_key, &fk);
		v->machine_loc = fk.schannel ? tl_loc_line(tl_reg_key_file(fk.schannel),
							   tl_reg_key_line(fk.schannel), 0)
				 : fk.any ? tl_loc_line(tl_reg_key_file(fk.any), tl_reg_key_line(fk.any), 0)
					  : tl_loc_file(NULL);
	}
	return v;
}

void tl_view_free(tl_view *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->store_count; i++)
		free(v->stores[i].members);
	for (i = 0; i < v->binding_count; i++)
		free(v->bindings[i].endpoint);
	free(v->stores);
	free(v->certs);
	free(v->ctls);
	free(v->bindings);
	free(v->by_sha1);
	free(v->by_subject);
	free(v->issuer_memo);
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

/* First slot of the certificate's SHA-1 in by_sha1. */
static size_t sha1_slot(const tl_view *v, const uint8_t sha1[20])
{
	size_t l = 0, h = v->sha1_count;

	while (l < h) {
		size_t mid = (l + h) / 2;
		if (memcmp(v->by_sha1[mid].sha1, sha1, 20) < 0)
			l = mid + 1;
		else
			h = mid;
	}
	return l;
}

static void also_in(const tl_view *v, const tl_view_cert *c, tl_value *o, tl_arena *a)
{
	const uint8_t *sha1 = c->entry->cert.sha1;
	const sha_ref *lo = v->by_sha1 + sha1_slot(v, sha1);
	size_t n = v->sha1_count - (size_t)(lo - v->by_sha1), count = 0, i;
	tl_value *items;

	for (i = 0; i < n && memcmp(lo[i].sha1, sha1, 20) == 0; i++)
		count += lo[i].store != c->store && (i == 0 || lo[i].store != lo[i - 1].store);
	items = tl_arena_alloc(a, (count ? count : 1) * sizeof(tl_value));
	count = 0;
	for (i = 0; i < n && memcmp(lo[i].sha1, sha1, 20) == 0; i++)
		if (lo[i].store != c->store && (i == 0 || lo[i].store != lo[i - 1].store))
			set_str(&items[count++], location_store(lo[i].store, a));
	o->type = TL_T_LIST;
	o->u.list.items = items;
	o->u.list.n = count;
}


/* Is a loaded certificate with the issuer's name the one whose key made
 * this signature? Names alone do not count (DESIGN.md 2): each candidate
 * is verified, and each certificate's answer is kept. */
static int find_issuer(tl_view *v, const tl_entry *e)
{
	const tl_cert *x = &e->cert;
	size_t slot = sha1_slot(v, x->sha1), l = 0, h = v->subject_count, i;
	int answer = ISSUER_MISSING;
	const uint8_t *last = NULL;

	if (slot < v->sha1_count && v->issuer_memo[slot])
		return v->issuer_memo[slot];
	/* first certificate whose subject is this one's issuer */
	while (l < h) {
		size_t mid = (l + h) / 2;
		const tl_cert *y = &v->by_subject[mid]->cert;
		if (name_cmp(y->subject_der, y->subject_der_len, x->issuer_der, x->issuer_der_len) < 0)
			l = mid + 1;
		else
			h = mid;
	}
	for (i = l; i < v->subject_count && answer != ISSUER_FOUND; i++) {
		const tl_entry *cand = v->by_subject[i];
		tl_sigcheck r;

		if (name_cmp(cand->cert.subject_der, cand->cert.subject_der_len, x->issuer_der,
			     x->issuer_der_len) != 0)
			break;
		/* the same certificate in several stores is checked once */
		if (last && memcmp(last, cand->cert.sha1, 20) == 0)
			continue;
		last = cand->cert.sha1;
		if (memcmp(cand->cert.sha1, x->sha1, 20) == 0 && x->self_issued)
			r = x->self_signed;
		else
			r = tl_cert_verify_signed_by(e->der, e->der_len, cand->der, cand->der_len);
		if (r == TL_SIG_YES)
			answer = ISSUER_FOUND;
		else if (r == TL_SIG_UNVERIFIABLE)
			answer = ISSUER_UNKNOWN;
	}
	if (slot < v->sha1_count)
		v->issuer_memo[slot] = (uint8_t)answer;
	return answer;
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
		const char *ln = logical_name(c->store->name);
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
			int r = find_issuer(v, e);
			if (r != ISSUER_UNKNOWN)
				set_bool(o, r == ISSUER_FOUND);
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
		size_t slot = sha1_slot(v, x->sha1), r, copies = 0, first = (size_t)-1;
		for (r = slot; r < v->sha1_count && !memcmp(v->by_sha1[r].sha1, x->sha1, 20); r++)
			if (v->by_sha1[r].store == c->store) {
				copies++;
				if (first == (size_t)-1)
					first = v->by_sha1[r].pos;
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

/* The trusted issuer list Schannel sends from a set of stores: the TLS
 * CertificateRequest certificate_authorities vector (RFC 5246 7.4.4), a
 * 2-byte length and then, for each certificate, a 2-byte length and its DER
 * subject name. Certificates held twice (Root and AuthRoot) count once: the
 * list is built from the certificates of the store, not its entries. This
 * is the size on the wire; KB 933430 caps the list at 16 KB without saying
 * how it counts, so the wire size is the honest figure to compare. */
static int sha1_ptr_cmp(const void *a, const void *b)
{
	const tl_entry *x = *(const tl_entry *const *)a, *y = *(const tl_entry *const *)b;

	return memcmp(x->cert.sha1, y->cert.sha1, 20);
}

static void issuer_list(const tl_store *const *stores, size_t n, int64_t *count, int64_t *bytes)
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
	/* sorted by SHA-1, so each certificate is counted once in n log n
	 * (a Root of 100,000 entries behind a binding stays cheap) */
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
		issuer_list(s->members, s->member_count, &distinct, &bytes);
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

/* A DWORD value, or -1 when absent or of another type. */
static int64_t reg_dword(const tl_reg_key *k, const char *name, const tl_reg_value **out)
{
	const tl_reg_value *val = k ? tl_reg_key_value(k, name) : NULL;

	if (out)
		*out = val;
	if (!val || val->type != TL_REG_DWORD || val->len != 4)
		return -1;
	return tl_le32(val->data);
}

/* A string value (REG_SZ/EXPAND_SZ, UTF-16LE) in the arena, or NULL. */
static const char *reg_string(const tl_reg_key *k, const char *name, tl_arena *a)
{
	const tl_reg_value *val = k ? tl_reg_key_value(k, name) : NULL;
	char *s, *copy;

	if (!val || (val->type != TL_REG_SZ && val->type != TL_REG_EXPAND_SZ))
		return NULL;
	s = tl_utf16le_to_utf8(val->data, val->len, true);
	copy = tl_arena_strndup(a, s, strlen(s));
	free(s);
	return copy;
}

/* The certificate a binding names, in LocalMachine\<SslCertStoreName>
 * (MY when empty or absent), from a file or from registry Blobs. */
static const tl_entry *bound_cert(const tl_view *v, const tl_view_binding *b, tl_arena *a)
{
	const tl_reg_value *val = tl_reg_key_value(b->key, "SslCertHash");
	const char *name = reg_string(b->key, "SslCertStoreName", a);
	const tl_store *st;
	size_t i;

	if (!val || val->type != TL_REG_BINARY || val->len != 20)
		return NULL;
	st = tl_model_find(v->in->model, TL_LOC_LOCAL_MACHINE, name && *name ? name : "MY");
	for (i = 0; st && i < st->count; i++)
		if (st->entries[i]->parsed && memcmp(st->entries[i]->cert.sha1, val->data, 20) == 0)
			return st->entries[i];
	return NULL;
}

static bool has_oid(char *const *v, size_t n, const char *oid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], oid) == 0)
			return true;
	return false;
}

#define OID_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define OID_ANY_EKU "2.5.29.37.0"

/* A list of the one store st, in the arena. */
static const tl_store *const *one_store(const tl_store *st, tl_arena *a)
{
	const tl_store **list = tl_arena_alloc(a, sizeof(*list));

	list[0] = st;
	return list;
}

/* Schannel's trusted issuer source for a binding (FORMATS.md 5): the
 * binding's DefaultSslCtlStoreName, else ClientAuthIssuer when it holds
 * certificates, else the machine's logical Root. *stores is set to the
 * physical stores it is made of (*n of them; none when the named store is
 * not in the export): an arena list of one, or the logical Root's own
 * member list, borrowed from the view, never a copy into a fixed array:
 * build_stores() unions up to 9 physical stores into it (Root, AuthRoot
 * and SmartCardRoot in each of the three machine locations), and every
 * one of them counts. */
static const char *issuer_source(const tl_view *v, const tl_view_binding *b, tl_arena *a,
				 const tl_store *const **stores, size_t *n)
{
	const char *named = reg_string(b->key, "DefaultSslCtlStoreName", a);
	const tl_store *cai = tl_model_find(v->in->model, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	size_t i;

	*stores = NULL;
	*n = 0;
	if (named && *named) {
		const tl_store *st = tl_model_find(v->in->model, TL_LOC_LOCAL_MACHINE, named);
		if (st) {
			*stores = one_store(st, a);
			*n = 1;
		}
		return named;
	}
	if (cai && cai->count) {
		*stores = one_store(cai, a);
		*n = 1;
		return "ClientAuthIssuer";
	}
	for (i = 0; i < v->store_count; i++)
		if (v->stores[i].logical && v->stores[i].location == TL_LOC_LOCAL_MACHINE &&
		    !strcmp(v->stores[i].name, "Root")) {
			*stores = v->stores[i].members;
			*n = v->stores[i].member_count;
		}
	return "Root";
}

static void binding_field(const tl_view *v, const tl_view_binding *b, int id, tl_value *o,
			  tl_arena *a)
{
	const tl_reg_value *val;
	int64_t d;
	const char *s;

	set_null(o);
	switch (id) {
	case B_ENDPOINT:
		set_str(o, b->endpoint);
		return;
	case B_SNI:
		set_bool(o, b->sni);
		return;
	case B_FLAGS:
		d = reg_dword(b->key, "DefaultFlags", NULL);
		if (d >= 0)
			set_int(o, TL_T_INT, d);
		return;
	case B_NEGOTIATE:
		d = reg_dword(b->key, "DefaultFlags", NULL);
		set_bool(o, d >= 0 && (d & 0x2));
		return;
	case B_CERT_HASH:
		val = tl_reg_key_value(b->key, "SslCertHash");
		if (val && val->type == TL_REG_BINARY)
			set_hex(o, val->data, val->len, true, a);
		return;
	case B_CERT_STORE:
		s = reg_string(b->key, "SslCertStoreName", a);
		set_str(o, s && *s ? s : "MY");
		return;
	case B_CERT_FOUND: {
		const tl_store *st;
		size_t i;
		s = reg_string(b->key, "SslCertStoreName", a);
		val = tl_reg_key_value(b->key, "SslCertHash");
		if (!val || val->type != TL_REG_BINARY || val->len != 20)
			return;
		st = tl_model_find(v->in->model, TL_LOC_LOCAL_MACHINE, s && *s ? s : "MY");
		set_bool(o, false);
		for (i = 0; st && i < st->count; i++)
			if (st->entries[i]->parsed && memcmp(st->entries[i]->cert.sha1, val->data, 20) == 0)
				set_bool(o, true);
		return;
	}
	case B_ISSUER_STORE:
		set_str(o, reg_string(b->key, "DefaultSslCtlStoreName", a));
		return;
	case B_CTL_IDENTIFIER:
		set_str(o, reg_string(b->key, "DefaultSslCtlIdentifier", a));
		return;
	case B_CHECK_MODE:
		d = reg_dword(b->key, "DefaultSslCertCheckMode", NULL);
		set_int(o, TL_T_INT, d >= 0 ? d : 0);
		return;
	case B_REVOCATION:
		d = reg_dword(b->key, "DefaultSslCertCheckMode", NULL);
		set_bool(o, d < 0 || !(d & 0x1));
		return;
	case B_APP_ID:
		val = tl_reg_key_value(b->key, "AppId");
		if (val)
			set_hex(o, val->data, val->len, false, a);
		return;
	case B_FRESHNESS:
	case B_URL_TIMEOUT:
		d = reg_dword(b->key, id == B_FRESHNESS ? "DefaultSslRevocationFreshnessTime"
							: "DefaultSslRevocationUrlRetrievalTimeout", NULL);
		if (d >= 0)
			set_int(o, TL_T_INT, d);
		return;
	case B_DS_MAPPER:
	case B_NO_RAW_FILTER:
	case B_REJECT:
	case B_NO_HTTP2:
	case B_NO_QUIC:
	case B_NO_TLS13:
	case B_NO_OCSP_STAPLING:
	case B_NO_LEGACY_TLS:
	case B_NO_TLS12: {
		/* DefaultFlags bits (FORMATS.md 5), tied to the fields by name,
		 * not by position */
		static const uint32_t bits[] = {
			[B_DS_MAPPER] = 0x1,       [B_NO_RAW_FILTER] = 0x4,
			[B_REJECT] = 0x8,          [B_NO_HTTP2] = 0x10,
			[B_NO_QUIC] = 0x20,        [B_NO_TLS13] = 0x40,
			[B_NO_OCSP_STAPLING] = 0x80, [B_NO_LEGACY_TLS] = 0x400,
			[B_NO_TLS12] = 0x1000,
		};
		d = reg_dword(b->key, "DefaultFlags", NULL);
		set_bool(o, d >= 0 && (d & bits[id]));
		return;
	}
	case B_NO_USAGE_CHECK:
	case B_CACHED_REVOCATION:
		d = reg_dword(b->key, "DefaultSslCertCheckMode", NULL);
		set_bool(o, d >= 0 && (d & (id == B_NO_USAGE_CHECK ? 0x10000 : 0x2)));
		return;
	case B_CERT_EXPIRED:
	case B_CERT_SERVER_AUTH:
	case B_CERT_PRIVATE_KEY: {
		const tl_entry *e = bound_cert(v, b, a);
		if (!e)
			return;
		if (id == B_CERT_EXPIRED)
			set_bool(o, e->cert.not_after < v->now || e->cert.not_before > v->now);
		else if (id == B_CERT_PRIVATE_KEY)
			set_bool(o, e->has_key_prov);
		else
			set_bool(o, (!e->cert.eku_present ||
				     has_oid(e->cert.eku, e->cert.eku_count, OID_SERVER_AUTH) ||
				     has_oid(e->cert.eku, e->cert.eku_count, OID_ANY_EKU)) &&
					    (!e->store_eku_present ||
					     has_oid(e->store_eku, e->store_eku_count, OID_SERVER_AUTH)));
		return;
	}
	case B_ISSUER_SOURCE:
	case B_ISSUER_COUNT:
	case B_ISSUER_LIST_BYTES: {
		const tl_store *const *stores;
		size_t n;
		int64_t count, bytes;
		const char *src = issuer_source(v, b, a, &stores, &n);

		if (id == B_ISSUER_SOURCE) {
			set_str(o, src);
			return;
		}
		issuer_list(stores, n, &count, &bytes);
		set_int(o, TL_T_INT, id == B_ISSUER_COUNT ? count : bytes);
		return;
	}
	case B_ISSUER_STORE_FOUND: {
		const tl_store *st;
		s = reg_string(b->key, "DefaultSslCtlStoreName", a);
		if (!s || !*s)
			return;
		st = tl_model_find(v->in->model, TL_LOC_LOCAL_MACHINE, s);
		set_bool(o, st && st->count > 0);
		return;
	}
	case B_CTL_FOUND: {
		const char *want = reg_string(b->key, "DefaultSslCtlIdentifier", a);
		const tl_store *st;
		size_t i;

		if (!want || !*want)
			return;
		s = reg_string(b->key, "DefaultSslCtlStoreName", a);
		st = tl_model_find(v->in->model, TL_LOC_LOCAL_MACHINE, s && *s ? s : "ClientAuthIssuer");
		set_bool(o, false);
		for (i = 0; st && i < st->count; i++) {
			const tl_entry *e = st->entries[i];
			char *id_text;
			bool match;

			if (e->kind != TL_ENTRY_CTL)
				continue;
			/* the exact match is inferred (FORMATS.md 5): the list
			 * identifier, or the entry's friendly name */
			id_text = e->ctl ? tl_ctl_list_id_text(e->ctl) : NULL;
			match = (id_text && !strcmp(id_text, want)) ||
				(e->friendly_name && !strcmp(e->friendly_name, want));
			free(id_text);
			if (match)
				set_bool(o, true);
		}
		return;
	}
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

static void machine_field(const tl_view *v, int id, tl_value *o, tl_arena *a)
{
	const tl_reg_key *sch = tl_registry_find(v->in->registry, SCHANNEL);
	const tl_reg_key *nt = tl_registry_find(v->in->registry, NT_CURRENT);
	const tl_reg_value *val;
	int64_t d;
	size_t i, certs = 0;

	set_null(o);
	switch (id) {
	case M_TRUST_MODE:
		d = reg_dword(sch, "ClientAuthTrustMode", &val);
		if (!val)
			set_int(o, TL_T_INT, 0); /* Machine Trust, the default */
		else if (d >= 0)
			set_int(o, TL_T_INT, d);
		return;
	case M_TRUST_MODE_SET:
		set_bool(o, sch && tl_reg_key_value(sch, "ClientAuthTrustMode"));
		return;
	case M_TRUST_MODE_VALID:
		d = reg_dword(sch, "ClientAuthTrustMode", &val);
		set_bool(o, !val || (d >= 0 && d <= 2));
		return;
	case M_OS_ASSUMED:
		set_bool(o, reg_string(nt, "CurrentVersion", a) == NULL);
		return;
	case M_TRUST_MODE_TYPE:
		val = sch ? tl_reg_key_value(sch, "ClientAuthTrustMode") : NULL;
		if (val)
			set_int(o, TL_T_INT, val->type);
		return;
	case M_SEND_LIST: {
		const char *ver;
		d = reg_dword(sch, "SendTrustedIssuerList", &val);
		if (val) {
			if (d >= 0)
				set_bool(o, d != 0);
			return;
		}
		/* FORMATS.md 5: absent means FALSE from Windows Server 2012 /
		 * Windows 8 (6.2) on, TRUE before */
		ver = reg_string(nt, "CurrentVersion", a);
		if (ver) {
			int major = 0, minor = 0;
			if (sscanf(ver, "%d.%d", &major, &minor) == 2)
				set_bool(o, major < 6 || (major == 6 && minor < 2));
			return;
		}
		set_bool(o, false);
		return;
	}
	case M_SEND_LIST_SET:
		set_bool(o, sch && tl_reg_key_value(sch, "SendTrustedIssuerList"));
		return;
	case M_EVENT_LOGGING:
		d = reg_dword(sch, "EventLogging", &val);
		set_int(o, TL_T_INT, val ? d : 1);
		if (val && d < 0)
			set_null(o);
		return;
	case M_MESSAGE_LIMIT: {
		const tl_reg_key *msg = tl_registry_find(v->in->registry, SCHANNEL "\\Messaging");
		d = reg_dword(msg, "MessageLimitServerClientAuth", &val);
		set_int(o, TL_T_INT, val ? d : 0x8000);
		if (val && d < 0)
			set_null(o);
		return;
	}
	case M_OS_VERSION:
		set_str(o, reg_string(nt, "CurrentVersion", a));
		return;
	case M_OS_BUILD: {
		const char *b = reg_string(nt, "CurrentBuildNumber", a);
		if (b && *b) {
			char *end;
			long long n = strtoll(b, &end, 10);
			if (*end == '\0')
				set_int(o, TL_T_INT, n);
		}
		return;
	}
	case M_CERTIFICATES:
		set_int(o, TL_T_INT, (int64_t)v->cert_count);
		return;
	case M_STORES:
		for (i = 0; i < v->store_count; i++)
			certs += !v->stores[i].logical;
		set_int(o, TL_T_INT, (int64_t)certs);
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
			set_str(out, reg_string(rk, n, a));
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

void tl_view_locate(const tl_view *v, int scope, const void *obj, tl_loc *loc, tl_buf *name)
{
	(void)v;
	switch (scope) {
	case TL_SCOPE_CERT:
	case TL_SCOPE_CTL: {
		const tl_view_cert *c = obj;
		*loc = c->entry->origin.loc;
		tl_store_label(name, c->store->location, c->store->name);
		tl_buf_addc(name, '\\');
		if (c->entry->parsed) {
			char hex[41];
			tl_hex(c->entry->cert.sha1, 20, hex, true);
			tl_buf_adds(name, hex);
		} else {
			uint8_t sha1[20];
			char hex[41];
			tl_entry_hashes(c->entry, sha1, NULL);
			tl_hex(sha1, 20, hex, true);
			tl_buf_adds(name, hex);
		}
		return;
	}
	case TL_SCOPE_STORE: {
		const tl_view_store *s = obj;
		/* a store is where its first entry is, or its file */
		*loc = tl_loc_file(NULL);
		if (s->member_count && s->members[0]->count) {
			*loc = s->members[0]->entries[0]->origin.loc;
			if (loc->kind == TL_LOC_OFFSET) {
				loc->kind = TL_LOC_NONE;
			}
		}
		tl_store_label(name, s->location, s->name);
		return;
	}
	case TL_SCOPE_BINDING: {
		const tl_view_binding *b = obj;
		*loc = tl_loc_line(tl_reg_key_file(b->key), tl_reg_key_line(b->key), 0);
		tl_buf_printf(name, "HTTP\\%s\\%s", b->sni ? "SslSniBindingInfo" : "SslBindingInfo",
			      b->endpoint);
		return;
	}
	default: {
		*loc = v->machine_loc;
		tl_buf_adds(name, "machine");
		return;
	}
	}
}
