/* protocols.c: see protocols.h. The defaults by build are the tables of
 * learn.microsoft.com "Protocols in TLS/SSL (Schannel SSP)" (win32 docs,
 * 2021 revision: Windows Vista to Windows 11 and Windows Server 2022), and
 * what Enabled and DisabledByDefault do is "TLS registry settings":
 * Enabled 0 denies the protocol even to an application that asks for it,
 * DisabledByDefault 1 leaves it to applications that ask for it explicitly. */
#include "config.h"

#include "windows/protocols.h"

#include <stdio.h>

/* CurrentBuildNumber of the releases the tables name (FORMATS.md 5). */
enum {
	BUILD_VISTA = 6000,       /* Windows Vista / Server 2008 */
	BUILD_WIN7 = 7600,        /* Windows 7 / Server 2008 R2 */
	BUILD_WIN8 = 9200,        /* Windows 8 / Server 2012 */
	BUILD_1607 = 14393,       /* Windows 10 1607 / Server 2016 */
	BUILD_SERVER_2022 = 20348, /* Server 2022; Windows 11 is 22000 and later */
	BUILD_24H2 = 26100,       /* Windows 11 24H2 / Server 2025 */
};

static const char *const proto_names[TL_PROTO_COUNT] = {
	[TL_PROTO_SSL2] = "SSL 2.0",   [TL_PROTO_SSL3] = "SSL 3.0",   [TL_PROTO_TLS10] = "TLS 1.0",
	[TL_PROTO_TLS11] = "TLS 1.1",  [TL_PROTO_TLS12] = "TLS 1.2",  [TL_PROTO_TLS13] = "TLS 1.3",
	[TL_PROTO_DTLS10] = "DTLS 1.0", [TL_PROTO_DTLS12] = "DTLS 1.2",
};

static const char *const side_names[TL_SIDE_COUNT] = {
	[TL_SIDE_SERVER] = "Server",
	[TL_SIDE_CLIENT] = "Client",
};

static const char *const state_names[] = {
	[TL_PROTO_UNSUPPORTED] = "unsupported",
	[TL_PROTO_OFF] = "off",
	[TL_PROTO_ON_REQUEST] = "on-request",
	[TL_PROTO_ON] = "on",
};

const char *tl_proto_name(tl_proto_id p)
{
	return p >= 0 && p < TL_PROTO_COUNT ? proto_names[p] : "?";
}

const char *tl_proto_side_name(tl_proto_side s)
{
	return s >= 0 && s < TL_SIDE_COUNT ? side_names[s] : "?";
}

const char *tl_proto_state_name(tl_proto_state s)
{
	return s >= TL_PROTO_UNSUPPORTED && s <= TL_PROTO_ON ? state_names[s] : NULL;
}

/* The tables say "Enabled", "Disabled" or "Not supported". A "Disabled"
 * default is read two ways, both inferred (tests/check_schannel.c names
 * each):
 * - on-request where Windows itself leaves the protocol to applications
 *   that ask: the SSL 2.0 client, whose key Windows writes with
 *   DisabledByDefault=1 (the genuine default export
 *   testdata/fixtures/reg/real/fsackur_PsSsl__schannel.reg), and TLS 1.1
 *   and 1.2 on Windows 7, which Internet Explorer could turn on for itself;
 * - off everywhere else, since Microsoft's way back is Enabled=1 ("TLS
 *   registry settings": "To enable ... create an Enabled entry ... 1"). */
tl_proto_state tl_proto_default(tl_proto_id p, tl_proto_side s, bool build_known, int64_t b)
{
	if (!build_known || b < BUILD_VISTA)
		return TL_PROTO_UNKNOWN;
	switch (p) {
	case TL_PROTO_SSL2:
		/* "Beginning with Windows 10, version 1607 and Windows Server
		 * 2016, SSL 2.0 has been removed and is no longer supported";
		 * the server side was on until Windows 8 */
		if (b >= BUILD_1607)
			return TL_PROTO_UNSUPPORTED;
		if (s == TL_SIDE_CLIENT)
			return TL_PROTO_ON_REQUEST;
		return b < BUILD_WIN8 ? TL_PROTO_ON : TL_PROTO_OFF;
	case TL_PROTO_SSL3:
		/* "Disabled" from Windows 10 1607 / Server 2016 on */
		return b < BUILD_1607 ? TL_PROTO_ON : TL_PROTO_OFF;
	case TL_PROTO_TLS10:
		/* Enabled in every row up to Windows 11 / Server 2022; then off
		 * by default "starting with Windows 11 Insider Preview builds in
		 * September 2023 and future Windows OS releases ... will not
		 * impact any in-market OS versions" (learn.microsoft.com,
		 * "Resources for deprecated features", TLS 1.0 and 1.1
		 * disablement; techcommunity, "TLS 1.0 and TLS 1.1 soon to be
		 * disabled in Windows"). The first release after that is build
		 * 26100 (Windows 11 24H2, Server 2025): the build is inferred */
		return b < BUILD_24H2 ? TL_PROTO_ON : TL_PROTO_OFF;
	case TL_PROTO_TLS11:
		if (b < BUILD_WIN7)
			return TL_PROTO_UNSUPPORTED; /* Server 2008 SP2 needs an update the export cannot show */
		if (b < BUILD_WIN8)
			return TL_PROTO_ON_REQUEST;
		return b < BUILD_24H2 ? TL_PROTO_ON : TL_PROTO_OFF; /* as TLS 1.0 */
	case TL_PROTO_TLS12:
		if (b < BUILD_WIN7)
			return TL_PROTO_UNSUPPORTED;
		return b < BUILD_WIN8 ? TL_PROTO_ON_REQUEST : TL_PROTO_ON;
	case TL_PROTO_TLS13:
		/* "Not supported" up to Windows 10 21H1, "Enabled" on Windows
		 * Server 2022 and Windows 11 */
		return b < BUILD_SERVER_2022 ? TL_PROTO_UNSUPPORTED : TL_PROTO_ON;
	case TL_PROTO_DTLS10:
		return b < BUILD_WIN7 ? TL_PROTO_UNSUPPORTED : TL_PROTO_ON;
	case TL_PROTO_DTLS12:
		return b < BUILD_1607 ? TL_PROTO_UNSUPPORTED : TL_PROTO_ON;
	default:
		return TL_PROTO_UNKNOWN;
	}
}

tl_proto_state tl_proto_effective(tl_proto_state dflt, int64_t enabled, int64_t disabled_by_default)
{
	int on, by_default;

	if (dflt == TL_PROTO_UNSUPPORTED)
		return TL_PROTO_UNSUPPORTED;
	/* each value as written, else its part of the default: 1 yes, 0 no,
	 * -1 not known */
	on = enabled >= 0 ? enabled != 0 : dflt == TL_PROTO_UNKNOWN ? -1 : dflt != TL_PROTO_OFF;
	if (on == 0)
		return TL_PROTO_OFF;
	by_default = disabled_by_default >= 0 ? disabled_by_default == 0
		     : dflt == TL_PROTO_UNKNOWN ? -1
						: dflt != TL_PROTO_ON_REQUEST;
	if (on < 0 || by_default < 0)
		return TL_PROTO_UNKNOWN;
	return by_default ? TL_PROTO_ON : TL_PROTO_ON_REQUEST;
}

void tl_protocols_read(const tl_registry *r, bool build_known, int64_t build,
		       tl_proto_setting out[TL_PROTO_COUNT][TL_SIDE_COUNT])
{
	int p, s;

	for (p = 0; p < TL_PROTO_COUNT; p++)
		for (s = 0; s < TL_SIDE_COUNT; s++) {
			char path[256];
			const tl_reg_key *k;
			tl_proto_setting *o = &out[p][s];

			snprintf(path, sizeof(path), "%s\\%s\\%s", TL_WIN_PROTOCOLS_KEY, proto_names[p],
				 side_names[s]);
			k = tl_registry_find(r, path);
			o->enabled = tl_reg_value_dword(k ? tl_reg_key_value(k, "Enabled") : NULL);
			o->disabled_by_default =
				tl_reg_value_dword(k ? tl_reg_key_value(k, "DisabledByDefault") : NULL);
			o->state = tl_proto_effective(tl_proto_default(p, s, build_known, build), o->enabled,
						      o->disabled_by_default);
		}
}
