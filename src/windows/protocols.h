/* protocols.h: which TLS, DTLS and SSL versions Schannel uses, per
 * protocol and side (server, client): the Enabled and DisabledByDefault
 * values of SCHANNEL\Protocols\<P>\Server|Client as written, and what is
 * in effect once Windows' default for the OS build fills in an absent
 * value (FORMATS.md 5 "OS version"; learn.microsoft.com "Protocols in
 * TLS/SSL (Schannel SSP)" and "TLS registry settings").
 *
 * Ownership: everything here is plain data; nothing is allocated. */
#ifndef TL_WIN_PROTOCOLS_H
#define TL_WIN_PROTOCOLS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/registry.h"

#define TL_WIN_PROTOCOLS_KEY \
	"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols"

/* The protocols whose defaults Microsoft documents, by their subkey names.
 * PCT 1.0 and Multi-Protocol Unified Hello are left out: no Windows since
 * Vista implements PCT, and the unified hello is accepted whatever the
 * registry says ("Protocols in TLS/SSL (Schannel SSP)"). */
typedef enum tl_proto_id {
	TL_PROTO_SSL2 = 0,
	TL_PROTO_SSL3,
	TL_PROTO_TLS10,
	TL_PROTO_TLS11,
	TL_PROTO_TLS12,
	TL_PROTO_TLS13,
	TL_PROTO_DTLS10,
	TL_PROTO_DTLS12,
	TL_PROTO_COUNT
} tl_proto_id;

typedef enum tl_proto_side {
	TL_SIDE_SERVER = 0,
	TL_SIDE_CLIENT,
	TL_SIDE_COUNT
} tl_proto_side;

/* What Schannel does with a protocol on one side. */
typedef enum tl_proto_state {
	TL_PROTO_UNKNOWN = -1,   /* depends on an OS build the export does not hold */
	TL_PROTO_UNSUPPORTED = 0, /* this build has no such protocol: settings are moot */
	TL_PROTO_OFF,            /* not negotiated, even when an application asks for it */
	TL_PROTO_ON_REQUEST,     /* only for an application that asks for it by name
				  * (DisabledByDefault); IIS and http.sys never do */
	TL_PROTO_ON,             /* offered by default */
} tl_proto_state;

typedef struct tl_proto_setting {
	/* DWORDs as written; -1 when absent or not a DWORD, which Schannel
	 * does not read as one (the state then comes from the default) */
	int64_t enabled;
	int64_t disabled_by_default;
	tl_proto_state state; /* in effect */
} tl_proto_setting;

/* "TLS 1.3": the subkey name. */
const char *tl_proto_name(tl_proto_id p);
/* "Server" or "Client": the subkey name. */
const char *tl_proto_side_name(tl_proto_side s);
/* "unsupported", "off", "on-request", "on"; NULL for TL_PROTO_UNKNOWN. */
const char *tl_proto_state_name(tl_proto_state s);

/* Windows' default for protocol p on side s at CurrentBuildNumber build;
 * TL_PROTO_UNKNOWN when the build is not known or older than Windows Vista
 * (6000), which the documentation does not cover. */
tl_proto_state tl_proto_default(tl_proto_id p, tl_proto_side s, bool build_known, int64_t build);

/* The state in effect from the values as written (-1: absent) over the
 * default: Enabled 0 turns a protocol off and non-zero on, DisabledByDefault
 * non-zero leaves it to the applications that ask for it. */
tl_proto_state tl_proto_effective(tl_proto_state dflt, int64_t enabled, int64_t disabled_by_default);

/* Every protocol and side of the registry r, with the defaults of build. */
void tl_protocols_read(const tl_registry *r, bool build_known, int64_t build,
		       tl_proto_setting out[TL_PROTO_COUNT][TL_SIDE_COUNT]);

#endif
