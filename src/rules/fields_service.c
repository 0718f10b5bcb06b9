/* fields_service.c: the service scope: each WCF service of a configuration
 * input, the http.sys bindings that serve it, whether it asks for client
 * certificates, and how it validates them (windows/sites, model/iisconf). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"

enum { V_NAME, V_FILE, V_PATH, V_SITE, V_ADDRESSES, V_HTTP_SYS_BINDINGS, V_ASKS,
       V_ASKED_BY, V_BEHAVIOR, V_VALIDATION, V_VALIDATION_SET, V_REVOCATION,
       V_REVOCATION_SET, V_REVOCATION_CHECK, V_TRUSTED_STORE };

static const tl_field_doc service_fields[] = {
	[V_NAME] = {"name", TL_T_STRING, 0, "the service's name (its implementation type); \"\" when absent", "<service name>"},
	[V_FILE] = {"file", TL_T_STRING, 0, "the configuration file as given", "inputs"},
	[V_PATH] = {"path", TL_T_STRING, 0, "the configuration path of its file (\"Site/app\", given with SITE/PATH= or found from the IIS/Sites folders); null for a self-hosted service's file", "inputs"},
	[V_SITE] = {"site", TL_T_STRING, 0, "the IIS site that hosts it (the first segment of path, when applicationHost.config has that site); null when self-hosted or not known", "applicationHost.config"},
	[V_ADDRESSES] = {"https_addresses", TL_T_LIST, TL_T_STRING, "its https base addresses and absolute https endpoint addresses, as written", "<baseAddresses>, <endpoint address>"},
	[V_HTTP_SYS_BINDINGS] = {"http_sys_bindings", TL_T_LIST, TL_T_STRING, "the http.sys bindings of the export that serve it, as SslBindingInfo\\0.0.0.0:8443: through its https addresses, or through its site's https bindings when IIS hosts it", "addresses, HTTP\\Parameters"},
	[V_ASKS] = {"asks_client_cert", TL_T_BOOL, 0, "an endpoint of it uses transport client certificates: security mode Transport with clientCredentialType Certificate, or a customBinding with requireClientCertificate true; a service without endpoints is asked through WCF's default endpoint (see SITES, SERVICES AND WHO ASKS FOR CLIENT CERTIFICATES)", "<endpoint>, <bindings>, <protocolMapping>"},
	[V_ASKED_BY] = {"client_cert_endpoints", TL_T_LIST, TL_T_STRING, "each endpoint that asks, one line with its file and line", "<endpoint>, <bindings>"},
	[V_BEHAVIOR] = {"behavior", TL_T_STRING, 0, "the service behavior it uses (behaviorConfiguration, else the unnamed one); \"\" for the unnamed one, null when there is none", "<serviceBehaviors>"},
	[V_VALIDATION] = {"validation_mode", TL_T_STRING, 0, "serviceCredentials/clientCertificate/authentication certificateValidationMode in effect: as written, else ChainTrust (the documented default)", "<authentication certificateValidationMode>"},
	[V_VALIDATION_SET] = {"validation_mode_set", TL_T_BOOL, 0, "certificateValidationMode is written", "<authentication>"},
	[V_REVOCATION] = {"revocation_mode", TL_T_STRING, 0, "revocationMode in effect: as written, else Online (the documented default)", "<authentication revocationMode>"},
	[V_REVOCATION_SET] = {"revocation_mode_set", TL_T_BOOL, 0, "revocationMode is written", "<authentication>"},
	[V_REVOCATION_CHECK] = {"revocation_check", TL_T_BOOL, 0, "revocation_mode is not NoCheck (ASCII case-insensitive, as .NET reads enum names in configuration)", "<authentication revocationMode>"},
	[V_TRUSTED_STORE] = {"trusted_store_location", TL_T_STRING, 0, "trustedStoreLocation in effect: as written, else LocalMachine (inferred: X509ClientCertificateAuthentication's default)", "<authentication trustedStoreLocation>"},
};

static void service_field(const tl_view *v, const tl_service_info *si, int id, tl_value *o,
			  tl_arena *a)
{
	const tl_wcf_service *svc = si->service;
	const tl_wcf_behavior *beh = tl_iisconf_service_behavior(si->file, svc);
	const char **names;
	const char *mode;
	size_t i, n = 0;

	set_null(o);
	switch (id) {
	case V_NAME:
		set_str(o, svc->name ? svc->name : "");
		return;
	case V_FILE:
		set_str(o, si->file->file);
		return;
	case V_PATH:
		set_str(o, si->file->path);
		return;
	case V_SITE:
		if (si->site)
			set_str(o, si->site->name);
		return;
	case V_ASKS:
		set_bool(o, si->ask_count > 0);
		return;
	case V_BEHAVIOR:
		if (beh)
			set_str(o, beh->name);
		return;
	case V_VALIDATION:
		set_str(o, beh && beh->validation_mode ? beh->validation_mode : "ChainTrust");
		return;
	case V_VALIDATION_SET:
		set_bool(o, beh && beh->validation_mode);
		return;
	case V_REVOCATION:
		set_str(o, beh && beh->revocation_mode ? beh->revocation_mode : "Online");
		return;
	case V_REVOCATION_SET:
		set_bool(o, beh && beh->revocation_mode);
		return;
	case V_REVOCATION_CHECK:
		mode = beh && beh->revocation_mode ? beh->revocation_mode : "Online";
		set_bool(o, tl_strcasecmp(mode, "NoCheck") != 0);
		return;
	case V_TRUSTED_STORE:
		set_str(o, beh && beh->trusted_store_location ? beh->trusted_store_location
							      : "LocalMachine");
		return;
	case V_ADDRESSES:
		names = tl_arena_alloc(a, (svc->base_address_count + svc->endpoint_count + 1) *
						  sizeof(char *));
		for (i = 0; i < svc->base_address_count; i++)
			if (svc->base_addresses[i].address &&
			    tl_strncasecmp(svc->base_addresses[i].address, "https://", 8) == 0)
				add_name(names, &n, svc->base_addresses[i].address);
		for (i = 0; i < svc->endpoint_count; i++)
			if (svc->endpoints[i].address &&
			    tl_strncasecmp(svc->endpoints[i].address, "https://", 8) == 0)
				add_name(names, &n, svc->endpoints[i].address);
		break;
	case V_HTTP_SYS_BINDINGS:
		names = tl_arena_alloc(a, (si->binding_count + 1) * sizeof(char *));
		for (i = 0; i < si->binding_count; i++) {
			const tl_binding *b = &v->bindings[si->bindings[i]];
			tl_buf t = {0};

			tl_buf_printf(&t, "%s\\%s", tl_binding_kind_key(b->kind), b->endpoint);
			names[n++] = arena_text(&t, a);
		}
		break;
	default: /* V_ASKED_BY */
		names = tl_arena_alloc(a, (si->ask_count + 1) * sizeof(char *));
		for (i = 0; i < si->ask_count; i++) {
			tl_buf t = {0};

			tl_cert_ask_text(&si->asks[i], NULL, &t);
			names[n++] = arena_text(&t, a);
		}
		break;
	}
	set_strv(o, (char *const *)names, n, true, a);
}

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	service_field(v, obj, id, out, a);
}

const tl_scope_def tl_service_scope = {"service", service_fields, TL_ARRAY_LEN(service_fields),
				       get};
