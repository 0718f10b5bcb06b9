/* dotnet.c: see dotnet.h. How the values are read is the .NET Framework's
 * own code (microsoft/referencesource, System.Net
 * ServicePointManager.Configuration.cs and RegistryConfiguration.cs): the
 * runtime reads HKLM\SOFTWARE\Microsoft\.NETFramework\v<its version>
 * (WOW6432Node for a 32-bit process) and only a REG_DWORD counts; a value
 * of another type is as good as absent. */
#include "config.h"

#include "windows/dotnet.h"

#include <string.h>

#define NDP "HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP"

/* tl_registry_find takes reg.exe's short root */
static const char *const key_paths[TL_NETFX_COUNT] = {
	[TL_NETFX_V4] = "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319",
	[TL_NETFX_V4_WOW64] = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319",
	[TL_NETFX_V2] = "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v2.0.50727",
	[TL_NETFX_V2_WOW64] = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v2.0.50727",
};

const char *tl_netfx_key_path(tl_netfx_key_id k)
{
	return k >= 0 && k < TL_NETFX_COUNT ? key_paths[k] : "?";
}

static int64_t dword(const tl_reg_key *k, const char *name)
{
	return tl_reg_value_dword(k ? tl_reg_key_value(k, name) : NULL);
}

/* "How to: Determine which .NET Framework versions are installed"
 * (learn.microsoft.com): versions 1.1 to 3.5 are subkeys of
 * NET Framework Setup\NDP, installed when their Install value is 1. An
 * export of NDP without a v3.5 subkey says it is not installed. */
static int v35_installed(const tl_registry *r)
{
	const tl_reg_key *ndp = tl_registry_find(r, NDP);
	const tl_reg_key *v35 = tl_registry_find(r, NDP "\\v3.5");

	if (v35)
		return dword(v35, "Install") == 1;
	return ndp && tl_reg_key_line(ndp) != 0 ? 0 : -1;
}

/* Strong cryptography is off for every application of a runtime when:
 * - v4.0.30319: SchUseStrongCrypto is the DWORD 0. Applications targeting
 *   4.6 and later have it on "unless the registry key is specifically set
 *   to 0"; those targeting 4.5.2 and earlier have it off unless it is 1,
 *   which depends on each application's target, not on the machine, and
 *   is left to the help of the rule.
 * - v2.0.50727 (.NET Framework 3.5): SchUseStrongCrypto is not the DWORD
 *   1, absent included, and 3.5 is installed: no 3.5 application targets
 *   4.6, so the default is off for all of them ("If your app targets .NET
 *   Framework 4.5.2 or earlier versions, the key defaults to 0"). Only a
 *   key the export writes counts, as a partial export says nothing about
 *   the values it leaves out. */
void tl_dotnet_read(const tl_registry *r, tl_dotnet *out)
{
	int k;

	memset(out, 0, sizeof(*out));
	out->v35_installed = v35_installed(r);
	for (k = 0; k < TL_NETFX_COUNT; k++) {
		const tl_reg_key *key = tl_registry_find(r, key_paths[k]);
		tl_netfx_key *o = &out->keys[k];

		o->written = key && tl_reg_key_line(key) != 0;
		o->strong_crypto = dword(key, "SchUseStrongCrypto");
		o->system_default_tls = dword(key, "SystemDefaultTlsVersions");
		if (k == TL_NETFX_V4 || k == TL_NETFX_V4_WOW64)
			o->strong_crypto_off = o->strong_crypto == 0;
		else
			o->strong_crypto_off = o->written && out->v35_installed == 1 && o->strong_crypto != 1;
	}
}
