/* dotnet.h: the machine-wide TLS switches of the .NET Framework,
 * SchUseStrongCrypto and SystemDefaultTlsVersions under
 * HKLM\SOFTWARE\[WOW6432Node\]Microsoft\.NETFramework\v4.0.30319 and
 * \v2.0.50727 (learn.microsoft.com, "Transport Layer Security (TLS) best
 * practices with the .NET Framework"), and whether .NET Framework 3.5 is
 * installed.
 *
 * Ownership: plain data; it borrows nothing once read. */
#ifndef TL_WIN_DOTNET_H
#define TL_WIN_DOTNET_H

#include <stdbool.h>
#include <stdint.h>

#include "model/registry.h"

/* The four keys: the runtime's version key in the 64-bit and the 32-bit
 * (WOW6432Node) view. v4.0.30319 serves .NET Framework 4 and later,
 * v2.0.50727 serves 3.5 ("<VERSION> must be v4.0.30319 ... or v2.0.50727"). */
typedef enum tl_netfx_key_id {
	TL_NETFX_V4 = 0,
	TL_NETFX_V4_WOW64,
	TL_NETFX_V2,
	TL_NETFX_V2_WOW64,
	TL_NETFX_COUNT
} tl_netfx_key_id;

typedef struct tl_netfx_key {
	bool written;                /* the key's own [line] is in the export */
	int64_t strong_crypto;       /* SchUseStrongCrypto as a DWORD; -1 absent or another type */
	int64_t system_default_tls;  /* SystemDefaultTlsVersions likewise */
	bool strong_crypto_off;      /* off for every application this runtime runs (see dotnet.c) */
} tl_netfx_key;

typedef struct tl_dotnet {
	tl_netfx_key keys[TL_NETFX_COUNT];
	int v35_installed; /* 1 yes, 0 no, -1 not in the export */
} tl_dotnet;

/* The key's path, e.g.
 * "HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319". Static. */
const char *tl_netfx_key_path(tl_netfx_key_id k);

void tl_dotnet_read(const tl_registry *r, tl_dotnet *out);

#endif
