/* fields_machine.c: the machine scope, once per run: the Schannel settings with
 * their defaults (windows/schannel) and counts of what was read. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"

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

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	(void)obj;
	machine_field(v, id, out, a);
}

const tl_scope_def tl_machine_scope = {"machine", machine_fields, TL_ARRAY_LEN(machine_fields), get};
