/* schannel.h: the machine's TLS settings as Windows reads them: each
 * Schannel value as exported, or Windows' default when it is absent
 * (FORMATS.md 5), and the OS version the defaults depend on; the protocols
 * in effect per side (protocols.h), the cipher suite order policy
 * (ciphersuites.h) and the .NET Framework's TLS switches (dotnet.h), all
 * read at once for the machine scope.
 *
 * Ownership: a tl_schannel borrows the registry it was read from (which
 * must outlive it) and owns its strings and lists; free it with
 * tl_schannel_free. */
#ifndef TL_WIN_SCHANNEL_H
#define TL_WIN_SCHANNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "input/manifest.h"
#include "model/registry.h"
#include "windows/ciphersuites.h"
#include "windows/dotnet.h"
#include "windows/protocols.h"

#define TL_WIN_SCHANNEL_KEY \
	"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
#define TL_WIN_NT_CURRENT_KEY TL_NT_CURRENT_VERSION_KEY

/* A DWORD setting: whether the export has it, and the value in effect. */
typedef struct tl_win_dword {
	bool present;   /* the value is in the export (of any type) */
	uint32_t type;  /* its registry type, when present */
	bool known;     /* value holds: a DWORD as written, or the default when absent */
	int64_t value;
} tl_win_dword;

typedef struct tl_schannel {
	const tl_reg_key *key;       /* the SCHANNEL key, or NULL when not exported */
	tl_win_dword trust_mode;     /* ClientAuthTrustMode; 0 (Machine Trust) when absent */
	bool trust_mode_valid;       /* absent, or a DWORD of 0, 1 or 2 */
	tl_win_dword send_issuer_list; /* SendTrustedIssuerList (0/1 when absent: the OS default) */
	tl_win_dword event_logging;  /* EventLogging; 1 when absent */
	tl_win_dword message_limit;  /* Messaging\MessageLimitServerClientAuth; 0x8000 when absent */
	char *os_version;            /* CurrentVersion ("6.3"), or NULL when not exported */
	bool os_build_known;
	int64_t os_build;            /* CurrentBuildNumber, when it is a number */
	const char *os_build_source; /* "registry", "export.json", or NULL when unknown */
	/* per protocol and side, with the defaults of os_build */
	tl_proto_setting protocols[TL_PROTO_COUNT][TL_SIDE_COUNT];
	tl_cipher_policy cipher_policy;
	tl_dotnet dotnet;
	tl_loc where;                /* where a finding about the machine points */
} tl_schannel;

/* Read the settings of r. The OS build and version come from r's
 * "Windows NT\CurrentVersion" key, or when r lacks them from the export
 * manifest (NULL: none); os_build_source says which. */
void tl_schannel_read(const tl_registry *r, const tl_export *manifest, tl_schannel *out);
void tl_schannel_free(tl_schannel *s);

#endif
