/* fields.c: see fields.h. The catalogue: the scopes, and one documented
 * row per field; the values are computed in view.c. */
#include "config.h"

#include "rules/fields.h"
#include "rules/fieldids.h"

#include <string.h>

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

