/* schannel.c: see schannel.h. Every default here is from FORMATS.md 5,
 * which cites Microsoft's "TLS registry settings" and the KB articles. */
#include "config.h"

#include "windows/schannel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* A DWORD value of key k, or dflt (known) when it is absent; a value of
 * another type is present and not known: Windows ignores it, and what it
 * then uses is not documented. */
static tl_win_dword dword(const tl_reg_key *k, const char *name, bool has_default, int64_t dflt)
{
	const tl_reg_value *val = k ? tl_reg_key_value(k, name) : NULL;
	tl_win_dword d = {0};
	int64_t n = tl_reg_value_dword(val);

	if (!val) {
		d.known = has_default;
		d.value = dflt;
		return d;
	}
	d.present = true;
	d.type = val->type;
	d.known = n >= 0;
	d.value = n >= 0 ? n : 0;
	return d;
}

/* SendTrustedIssuerList when absent: FALSE from Windows Server 2012 /
 * Windows 8 (CurrentVersion 6.2) on, TRUE before (FORMATS.md 5). With no
 * version in the export, Server 2012 or later is assumed (the manual says
 * so, and schannel.os_assumed tells the rules). A version that is not
 * "major.minor" leaves it unknown. */
static void send_list_default(tl_schannel *s)
{
	int major = 0, minor = 0;

	if (s->send_issuer_list.present)
		return;
	s->send_issuer_list.known = true;
	s->send_issuer_list.value = 0;
	if (!s->os_version)
		return;
	if (sscanf(s->os_version, "%d.%d", &major, &minor) == 2)
		s->send_issuer_list.value = major < 6 || (major == 6 && minor < 2);
	else
		s->send_issuer_list.known = false;
}

typedef struct first_key {
	const tl_reg_key *schannel; /* first written key at or under SCHANNEL */
	const tl_reg_key *any;      /* first written key */
} first_key;

static int first_written_key(const tl_reg_key *k, void *arg)
{
	first_key *fk = arg;
	const char *path = tl_reg_key_path(k);
	size_t n = strlen(TL_WIN_SCHANNEL_KEY);

	if (tl_reg_key_line(k) == 0)
		return 0;
	if (!fk->any)
		fk->any = k;
	if (tl_strncasecmp(path, TL_WIN_SCHANNEL_KEY, n) == 0 && (path[n] == '\0' || path[n] == '\\')) {
		fk->schannel = k;
		return 1;
	}
	return 0;
}

void tl_schannel_read(const tl_registry *r, const tl_export *manifest, tl_schannel *out)
{
	const tl_reg_key *sch = tl_registry_find(r, TL_WIN_SCHANNEL_KEY);
	const tl_reg_key *msg = tl_registry_find(r, TL_WIN_SCHANNEL_KEY "\\Messaging");
	const tl_reg_key *nt = tl_registry_find(r, TL_WIN_NT_CURRENT_KEY);
	char *build = nt ? tl_reg_value_string(tl_reg_key_value(nt, "CurrentBuildNumber")) : NULL;
	first_key fk = {NULL, NULL};

	memset(out, 0, sizeof(*out));
	out->key = sch;
	out->trust_mode = dword(sch, "ClientAuthTrustMode", true, 0);
	out->trust_mode_valid = !out->trust_mode.present ||
				(out->trust_mode.known && out->trust_mode.value <= 2);
	out->event_logging = dword(sch, "EventLogging", true, 1);
	out->message_limit = dword(msg, "MessageLimitServerClientAuth", true, 0x8000);
	out->os_version = nt ? tl_reg_value_string(tl_reg_key_value(nt, "CurrentVersion")) : NULL;
	if (!out->os_version && manifest && manifest->os_current_version)
		out->os_version = tl_xstrdup(manifest->os_current_version);
	out->send_issuer_list = dword(sch, "SendTrustedIssuerList", false, 0);
	send_list_default(out);
	if (build && *build) {
		char *end;
		long long n = strtoll(build, &end, 10);
		if (*end == '\0') {
			out->os_build_known = true;
			out->os_build = n;
			out->os_build_source = "registry";
		}
	}
	free(build);
	/* an export with no os.reg: the script wrote the same values into
	 * its manifest */
	if (!out->os_build_known && manifest && manifest->os_build_known) {
		out->os_build_known = true;
		out->os_build = manifest->os_build;
		out->os_build_source = "export.json";
	}

	tl_protocols_read(r, out->os_build_known, out->os_build, out->protocols);
	tl_cipher_policy_read(r, &out->cipher_policy);
	tl_dotnet_read(r, &out->dotnet);
	/* the SCHANNEL key, or the first key written under it, or else the
	 * first key of the registry inputs: a machine finding points into the
	 * export whenever there is one */
	tl_registry_walk(r, first_written_key, &fk);
	out->where = fk.schannel ? tl_loc_line(tl_reg_key_file(fk.schannel), tl_reg_key_line(fk.schannel), 0)
		     : fk.any    ? tl_loc_line(tl_reg_key_file(fk.any), tl_reg_key_line(fk.any), 0)
				 : tl_loc_file(NULL);
}

void tl_schannel_free(tl_schannel *s)
{
	if (!s)
		return;
	free(s->os_version);
	s->os_version = NULL;
	tl_cipher_policy_free(&s->cipher_policy);
}
