/* fields_machine.c: the machine scope, once per run: the Schannel settings with
 * their defaults (windows/schannel), the protocols in effect per side
 * (windows/protocols), the cipher suite order policy (windows/ciphersuites),
 * the .NET Framework's TLS switches (windows/dotnet) and counts of what was
 * read. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"

/* Three fields per protocol and side, and two per .NET Framework key: the
 * ids of each block are computed by PF and NF, so that rows and adapter
 * agree without a table in step with another. */
enum { PA_STATE, PA_ENABLED, PA_DISABLED_BY_DEFAULT, PA_COUNT };
enum { NA_STRONG_CRYPTO, NA_SYSTEM_DEFAULT_TLS, NA_COUNT };

enum { M_TRUST_MODE, M_TRUST_MODE_SET, M_TRUST_MODE_TYPE, M_TRUST_MODE_VALID, M_SEND_LIST, M_SEND_LIST_SET,
       M_OS_ASSUMED,
       M_EVENT_LOGGING, M_MESSAGE_LIMIT, M_OS_VERSION, M_OS_BUILD, M_OS_BUILD_SOURCE, M_COMPUTER,
       M_EXPORT_ELEVATED, M_EXPORT_COLLECTED, M_CERTIFICATES, M_STORES,
       M_BINDINGS, M_REG_INPUTS,
       M_PROTO_FIRST,
       M_SUITE_ORDER = M_PROTO_FIRST + TL_PROTO_COUNT * TL_SIDE_COUNT * PA_COUNT,
       M_SUITE_ORDER_WEAK, M_SUITE_ORDER_TYPE, M_SUITE_ORDER_LENGTH, M_ECC_CURVES,
       M_NETFX_FIRST,
       M_DOTNET_V35 = M_NETFX_FIRST + TL_NETFX_COUNT * NA_COUNT, M_DOTNET_STRONG_CRYPTO_OFF };

#define PF(p, s, a) (M_PROTO_FIRST + (TL_PROTO_##p * TL_SIDE_COUNT + TL_SIDE_##s) * PA_COUNT + PA_##a)
#define NF(k, a) (M_NETFX_FIRST + TL_NETFX_##k * NA_COUNT + NA_##a)

static const tl_field_doc machine_fields[] = {
	[M_TRUST_MODE] = {"schannel.trust_mode", TL_T_INT, 0, "ClientAuthTrustMode as read (any DWORD); 0, its default, when absent; null when it is not a DWORD", "SCHANNEL\\ClientAuthTrustMode"},
	[M_TRUST_MODE_SET] = {"schannel.trust_mode_set", TL_T_BOOL, 0, "ClientAuthTrustMode is present in the export", "SCHANNEL\\ClientAuthTrustMode"},
	[M_TRUST_MODE_TYPE] = {"schannel.trust_mode_type", TL_T_INT, 0, "registry type of ClientAuthTrustMode (4 = DWORD); null when absent", "SCHANNEL\\ClientAuthTrustMode"},
	[M_TRUST_MODE_VALID] = {"schannel.trust_mode_valid", TL_T_BOOL, 0, "ClientAuthTrustMode is absent, or a DWORD of 0, 1 or 2", "SCHANNEL\\ClientAuthTrustMode"},
	[M_SEND_LIST] = {"schannel.send_trusted_issuer_list", TL_T_BOOL, 0, "the trusted issuer list is sent: SendTrustedIssuerList non-zero, or when absent the OS default (sent before Windows Server 2012 / CurrentVersion 6.2, not from then on; Windows Server 2012 or later is assumed when the version is not exported)", "SCHANNEL\\SendTrustedIssuerList, CurrentVersion"},
	[M_SEND_LIST_SET] = {"schannel.send_trusted_issuer_list_set", TL_T_BOOL, 0, "SendTrustedIssuerList is present in the export", "SCHANNEL\\SendTrustedIssuerList"},
	[M_OS_ASSUMED] = {"schannel.os_assumed", TL_T_BOOL, 0, "the OS version is not in the export, so OS defaults assume Windows Server 2012 or later (SendTrustedIssuerList; the protocol states are null instead where they need the build)", "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"},
	[M_EVENT_LOGGING] = {"schannel.event_logging", TL_T_INT, 0, "EventLogging; 1, its default, when absent", "SCHANNEL\\EventLogging"},
	[M_MESSAGE_LIMIT] = {"schannel.message_limit_client_auth", TL_T_INT, 0, "Messaging\\MessageLimitServerClientAuth; 0x8000, its default, when absent", "SCHANNEL\\Messaging"},
	[M_OS_VERSION] = {"os.version", TL_T_STRING, 0, "CurrentVersion (\"6.3\" for Windows Server 2012 R2 and later); null when not exported", "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"},
	[M_OS_BUILD] = {"os.build", TL_T_INT, 0, "CurrentBuildNumber, from the registry export or else the collection script's export.json; null when neither has it", "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion, export.json os.build"},
	[M_OS_BUILD_SOURCE] = {"os.build_source", TL_T_STRING, 0, "where os.build comes from: \"registry\" or \"export.json\"; null when it is not known", "CurrentBuildNumber, export.json"},
	[M_COMPUTER] = {"computer", TL_T_STRING, 0, "the computer name the collection script recorded; null without an export.json", "export.json computer"},
	[M_EXPORT_ELEVATED] = {"export.elevated", TL_T_BOOL, 0, "the collection script ran elevated; null without an export.json", "export.json elevated"},
	[M_EXPORT_COLLECTED] = {"export.collected", TL_T_TIME, 0, "when the collection script ran (UTC); null without an export.json", "export.json collected_utc"},
	[M_CERTIFICATES] = {"certificates", TL_T_INT, 0, "certificate entries in all inputs", "inputs"},
	[M_STORES] = {"stores", TL_T_INT, 0, "physical stores in all inputs", "inputs"},
	[M_BINDINGS] = {"bindings", TL_T_INT, 0, "http.sys TLS bindings", "HTTP\\Parameters"},
	[M_REG_INPUTS] = {"registry_inputs", TL_T_INT, 0, ".reg inputs read", "inputs"},
	[PF(SSL2, SERVER, STATE)] = {"schannel.ssl2_server", TL_T_STRING, 0, "SSL 2.0 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\SSL 2.0\\Server, CurrentBuildNumber"},
	[PF(SSL2, SERVER, ENABLED)] = {"schannel.ssl2_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 2.0\\Server"},
	[PF(SSL2, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.ssl2_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 2.0\\Server"},
	[PF(SSL2, CLIENT, STATE)] = {"schannel.ssl2_client", TL_T_STRING, 0, "SSL 2.0 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\SSL 2.0\\Client, CurrentBuildNumber"},
	[PF(SSL2, CLIENT, ENABLED)] = {"schannel.ssl2_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 2.0\\Client"},
	[PF(SSL2, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.ssl2_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 2.0\\Client"},
	[PF(SSL3, SERVER, STATE)] = {"schannel.ssl3_server", TL_T_STRING, 0, "SSL 3.0 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\SSL 3.0\\Server, CurrentBuildNumber"},
	[PF(SSL3, SERVER, ENABLED)] = {"schannel.ssl3_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 3.0\\Server"},
	[PF(SSL3, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.ssl3_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 3.0\\Server"},
	[PF(SSL3, CLIENT, STATE)] = {"schannel.ssl3_client", TL_T_STRING, 0, "SSL 3.0 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\SSL 3.0\\Client, CurrentBuildNumber"},
	[PF(SSL3, CLIENT, ENABLED)] = {"schannel.ssl3_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 3.0\\Client"},
	[PF(SSL3, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.ssl3_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\SSL 3.0\\Client"},
	[PF(TLS10, SERVER, STATE)] = {"schannel.tls10_server", TL_T_STRING, 0, "TLS 1.0 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.0\\Server, CurrentBuildNumber"},
	[PF(TLS10, SERVER, ENABLED)] = {"schannel.tls10_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.0\\Server"},
	[PF(TLS10, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.tls10_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.0\\Server"},
	[PF(TLS10, CLIENT, STATE)] = {"schannel.tls10_client", TL_T_STRING, 0, "TLS 1.0 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.0\\Client, CurrentBuildNumber"},
	[PF(TLS10, CLIENT, ENABLED)] = {"schannel.tls10_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.0\\Client"},
	[PF(TLS10, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.tls10_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.0\\Client"},
	[PF(TLS11, SERVER, STATE)] = {"schannel.tls11_server", TL_T_STRING, 0, "TLS 1.1 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.1\\Server, CurrentBuildNumber"},
	[PF(TLS11, SERVER, ENABLED)] = {"schannel.tls11_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.1\\Server"},
	[PF(TLS11, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.tls11_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.1\\Server"},
	[PF(TLS11, CLIENT, STATE)] = {"schannel.tls11_client", TL_T_STRING, 0, "TLS 1.1 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.1\\Client, CurrentBuildNumber"},
	[PF(TLS11, CLIENT, ENABLED)] = {"schannel.tls11_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.1\\Client"},
	[PF(TLS11, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.tls11_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.1\\Client"},
	[PF(TLS12, SERVER, STATE)] = {"schannel.tls12_server", TL_T_STRING, 0, "TLS 1.2 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.2\\Server, CurrentBuildNumber"},
	[PF(TLS12, SERVER, ENABLED)] = {"schannel.tls12_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.2\\Server"},
	[PF(TLS12, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.tls12_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.2\\Server"},
	[PF(TLS12, CLIENT, STATE)] = {"schannel.tls12_client", TL_T_STRING, 0, "TLS 1.2 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.2\\Client, CurrentBuildNumber"},
	[PF(TLS12, CLIENT, ENABLED)] = {"schannel.tls12_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.2\\Client"},
	[PF(TLS12, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.tls12_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.2\\Client"},
	[PF(TLS13, SERVER, STATE)] = {"schannel.tls13_server", TL_T_STRING, 0, "TLS 1.3 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.3\\Server, CurrentBuildNumber"},
	[PF(TLS13, SERVER, ENABLED)] = {"schannel.tls13_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.3\\Server"},
	[PF(TLS13, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.tls13_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.3\\Server"},
	[PF(TLS13, CLIENT, STATE)] = {"schannel.tls13_client", TL_T_STRING, 0, "TLS 1.3 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\TLS 1.3\\Client, CurrentBuildNumber"},
	[PF(TLS13, CLIENT, ENABLED)] = {"schannel.tls13_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.3\\Client"},
	[PF(TLS13, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.tls13_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\TLS 1.3\\Client"},
	[PF(DTLS10, SERVER, STATE)] = {"schannel.dtls10_server", TL_T_STRING, 0, "DTLS 1.0 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\DTLS 1.0\\Server, CurrentBuildNumber"},
	[PF(DTLS10, SERVER, ENABLED)] = {"schannel.dtls10_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.0\\Server"},
	[PF(DTLS10, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.dtls10_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.0\\Server"},
	[PF(DTLS10, CLIENT, STATE)] = {"schannel.dtls10_client", TL_T_STRING, 0, "DTLS 1.0 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\DTLS 1.0\\Client, CurrentBuildNumber"},
	[PF(DTLS10, CLIENT, ENABLED)] = {"schannel.dtls10_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.0\\Client"},
	[PF(DTLS10, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.dtls10_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.0\\Client"},
	[PF(DTLS12, SERVER, STATE)] = {"schannel.dtls12_server", TL_T_STRING, 0, "DTLS 1.2 for the server in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\DTLS 1.2\\Server, CurrentBuildNumber"},
	[PF(DTLS12, SERVER, ENABLED)] = {"schannel.dtls12_server_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.2\\Server"},
	[PF(DTLS12, SERVER, DISABLED_BY_DEFAULT)] = {"schannel.dtls12_server_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.2\\Server"},
	[PF(DTLS12, CLIENT, STATE)] = {"schannel.dtls12_client", TL_T_STRING, 0, "DTLS 1.2 for the client in effect: \"on\", \"on-request\", \"off\" or \"unsupported\" (see Schannel protocols); null when that needs the OS build and the export lacks it", "SCHANNEL\\Protocols\\DTLS 1.2\\Client, CurrentBuildNumber"},
	[PF(DTLS12, CLIENT, ENABLED)] = {"schannel.dtls12_client_enabled", TL_T_INT, 0, "Enabled as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.2\\Client"},
	[PF(DTLS12, CLIENT, DISABLED_BY_DEFAULT)] = {"schannel.dtls12_client_disabled_by_default", TL_T_INT, 0, "DisabledByDefault as written; null when absent or not a DWORD", "SCHANNEL\\Protocols\\DTLS 1.2\\Client"},
	[M_SUITE_ORDER] = {"schannel.cipher_suite_order", TL_T_LIST, TL_T_STRING, "the suites of the SSL Cipher Suite Order policy, in order, blanks around each trimmed and empty entries dropped; null when the policy is not set or Functions is not a string", "Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\Functions"},
	[M_SUITE_ORDER_WEAK] = {"schannel.cipher_suite_order_weak", TL_T_LIST, TL_T_STRING, "the weak suites of that list, in order (see Schannel cipher suites); [] when none is, null when the policy is not read", "Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\Functions"},
	[M_SUITE_ORDER_TYPE] = {"schannel.cipher_suite_order_type", TL_T_INT, 0, "registry type of Functions (1 = REG_SZ, what the policy writes; 2 = REG_EXPAND_SZ is read too); null when absent", "Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\Functions"},
	[M_SUITE_ORDER_LENGTH] = {"schannel.cipher_suite_order_length", TL_T_INT, 0, "characters in Functions (the policy editor takes 1023; what Schannel does with more is not documented); null when not read", "Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\Functions"},
	[M_ECC_CURVES] = {"schannel.ecc_curves", TL_T_LIST, TL_T_STRING, "the ECC Curve Order policy, in order; null when absent or not a REG_MULTI_SZ", "Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\EccCurves"},
	[NF(V4, STRONG_CRYPTO)] = {"dotnet.v4.sch_use_strong_crypto", TL_T_INT, 0, "SchUseStrongCrypto as written for .NET Framework 4 and later in 64-bit processes; null when absent or not a DWORD", "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319"},
	[NF(V4, SYSTEM_DEFAULT_TLS)] = {"dotnet.v4.system_default_tls_versions", TL_T_INT, 0, "SystemDefaultTlsVersions as written, likewise", "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319"},
	[NF(V4_WOW64, STRONG_CRYPTO)] = {"dotnet.v4_wow64.sch_use_strong_crypto", TL_T_INT, 0, "SchUseStrongCrypto as written for .NET Framework 4 and later in 32-bit processes; null when absent or not a DWORD", "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319"},
	[NF(V4_WOW64, SYSTEM_DEFAULT_TLS)] = {"dotnet.v4_wow64.system_default_tls_versions", TL_T_INT, 0, "SystemDefaultTlsVersions as written, likewise", "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319"},
	[NF(V2, STRONG_CRYPTO)] = {"dotnet.v2.sch_use_strong_crypto", TL_T_INT, 0, "SchUseStrongCrypto as written for .NET Framework 3.5 in 64-bit processes; null when absent or not a DWORD", "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v2.0.50727"},
	[NF(V2, SYSTEM_DEFAULT_TLS)] = {"dotnet.v2.system_default_tls_versions", TL_T_INT, 0, "SystemDefaultTlsVersions as written, likewise", "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v2.0.50727"},
	[NF(V2_WOW64, STRONG_CRYPTO)] = {"dotnet.v2_wow64.sch_use_strong_crypto", TL_T_INT, 0, "SchUseStrongCrypto as written for .NET Framework 3.5 in 32-bit processes; null when absent or not a DWORD", "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v2.0.50727"},
	[NF(V2_WOW64, SYSTEM_DEFAULT_TLS)] = {"dotnet.v2_wow64.system_default_tls_versions", TL_T_INT, 0, "SystemDefaultTlsVersions as written, likewise", "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v2.0.50727"},
	[M_DOTNET_V35] = {"dotnet.v35_installed", TL_T_BOOL, 0, ".NET Framework 3.5 is installed (its Install value is 1); null when NET Framework Setup\\NDP is not exported", "HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v3.5"},
	[M_DOTNET_STRONG_CRYPTO_OFF] = {"dotnet.strong_crypto_off", TL_T_LIST, TL_T_STRING, "the .NET Framework keys under which strong cryptography is off for every application: SchUseStrongCrypto the DWORD 0 under v4.0.30319, or anything but the DWORD 1 under a v2.0.50727 key the export writes while .NET Framework 3.5 is installed; [] when none", "HKLM\\SOFTWARE\\[WOW6432Node\\]Microsoft\\.NETFramework"},
};

/* A DWORD as written (-1: absent or not a DWORD), or null. */
static void set_written(tl_value *o, int64_t dword)
{
	if (dword >= 0)
		set_int(o, TL_T_INT, dword);
}

static void protocol_field(const tl_schannel *sc, int id, tl_value *o)
{
	int k = id - M_PROTO_FIRST;
	const tl_proto_setting *ps = &sc->protocols[k / (PA_COUNT * TL_SIDE_COUNT)][k / PA_COUNT % TL_SIDE_COUNT];

	switch (k % PA_COUNT) {
	case PA_STATE:
		set_str(o, tl_proto_state_name(ps->state));
		return;
	case PA_ENABLED:
		set_written(o, ps->enabled);
		return;
	default:
		set_written(o, ps->disabled_by_default);
		return;
	}
}

static void dotnet_field(const tl_dotnet *d, int id, tl_value *o, tl_arena *a)
{
	const char *off[TL_NETFX_COUNT];
	size_t n = 0;
	int k;

	if (id == M_DOTNET_V35) {
		set_tristate(o, d->v35_installed);
		return;
	}
	if (id == M_DOTNET_STRONG_CRYPTO_OFF) {
		for (k = 0; k < TL_NETFX_COUNT; k++)
			if (d->keys[k].strong_crypto_off)
				off[n++] = tl_netfx_key_path(k);
		set_strv(o, (char *const *)off, n, true, a);
		return;
	}
	k = id - M_NETFX_FIRST;
	set_written(o, k % NA_COUNT == NA_STRONG_CRYPTO ? d->keys[k / NA_COUNT].strong_crypto
							 : d->keys[k / NA_COUNT].system_default_tls);
}

static void machine_field(const tl_view *v, int id, tl_value *o, tl_arena *a)
{
	const tl_schannel *sc = &v->schannel;
	const tl_export *ex = v->in->manifest;
	size_t i, n = 0;

	const tl_cipher_policy *cp = &sc->cipher_policy;

	set_null(o);
	if (id >= M_PROTO_FIRST && id < M_SUITE_ORDER) {
		protocol_field(sc, id, o);
		return;
	}
	if (id >= M_NETFX_FIRST) {
		dotnet_field(&sc->dotnet, id, o, a);
		return;
	}
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
	case M_OS_BUILD_SOURCE:
		set_str(o, sc->os_build_source);
		return;
	case M_COMPUTER:
		set_str(o, ex ? ex->computer : NULL);
		return;
	case M_EXPORT_ELEVATED:
		if (ex && ex->elevated >= 0)
			set_bool(o, ex->elevated == 1);
		return;
	case M_EXPORT_COLLECTED:
		if (ex && ex->collected_time != INT64_MIN)
			set_int(o, TL_T_TIME, ex->collected_time);
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
	case M_SUITE_ORDER:
		set_strv(o, cp->suites, cp->suite_count, cp->read, a);
		return;
	case M_SUITE_ORDER_WEAK:
		set_strv(o, cp->weak, cp->weak_count, cp->read, a);
		return;
	case M_SUITE_ORDER_TYPE:
		if (cp->present)
			set_int(o, TL_T_INT, cp->type);
		return;
	case M_SUITE_ORDER_LENGTH:
		if (cp->read)
			set_int(o, TL_T_INT, (int64_t)cp->length);
		return;
	case M_ECC_CURVES:
		set_strv(o, cp->curves, cp->curve_count, cp->curves_read, a);
		return;
	default:
		return;
	}
}

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	(void)obj;
	machine_field(v, id, out, a);
}

const tl_scope_def tl_machine_scope = {"machine", machine_fields, TL_ARRAY_LEN(machine_fields), get};
