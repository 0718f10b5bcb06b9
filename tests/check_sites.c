/* check_sites.c: windows/sites: which http.sys binding serves each IIS
 * https binding and WCF address, and who asks each binding for client
 * certificates. Cases are configuration and .reg text built here. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/xmlconf.h"
#include "formats/reg.h"
#include "model/registry.h"
#include "testutil.h"
#include "windows/httpsys.h"
#include "windows/sites.h"

#define HTTP "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
#define REG_HEAD "Windows Registry Editor Version 5.00\r\n\r\n"
#define IP(ep) "[" HTTP "\\SslBindingInfo\\" ep "]\r\n"
#define SNI(ep) "[" HTTP "\\SslSniBindingInfo\\" ep "]\r\n"
#define CCS(ep) "[" HTTP "\\SslCcsBindingInfo\\" ep "]\r\n"
#define NEGOTIATE "\"DefaultFlags\"=dword:00000002\r\n\r\n"
#define PLAIN "\"DefaultFlags\"=dword:00000000\r\n\r\n"

static tl_registry *reg;
static tl_iisconf *conf;
static tl_binding *bindings;
static size_t nbindings;
static tl_sites *sites;

static void setup(void)
{
	reg = tl_registry_new();
	conf = tl_iisconf_new();
	bindings = NULL;
	nbindings = 0;
	sites = NULL;
}

static void teardown(void)
{
	tl_sites_free(sites);
	tl_bindings_free(bindings, nbindings);
	tl_iisconf_free(conf);
	tl_registry_free(reg);
}

/* Load .reg text and n configuration files, given as pairs of their
 * SITE/PATH (NULL: none) and their XML, each without a diagnostic; then
 * read the bindings and build. */
static void build(const char *regtext, int n, ...)
{
	tl_diags *d = tl_diags_new();
	va_list ap;

	ck_assert_int_eq(tl_registry_load(reg, (const uint8_t *)regtext, strlen(regtext), "t.reg", d),
			 0);
	va_start(ap, n);
	while (n-- > 0) {
		const char *path = va_arg(ap, const char *);
		const char *xml = va_arg(ap, const char *);

		ck_assert_int_eq(tl_xmlconf_read((const uint8_t *)xml, strlen(xml), "t.config", path,
						 conf, d),
				 0);
	}
	va_end(ap);
	tt_ck_diags(d, "");
	tl_diags_free(d);
	nbindings = tl_bindings_read(reg, &bindings);
	sites = tl_sites_build(conf, bindings, nbindings);
}

static size_t binding_at(const char *key, tl_binding_kind kind)
{
	size_t i;

	for (i = 0; i < nbindings; i++)
		if (bindings[i].kind == kind && strcmp(bindings[i].endpoint, key) == 0)
			return i;
	ck_abort_msg("no binding %s", key);
	return 0;
}

static const tl_site_info *site(const char *name)
{
	size_t i;

	for (i = 0; i < sites->site_count; i++)
		if (strcmp(sites->sites[i].site->name, name) == 0)
			return &sites->sites[i];
	ck_abort_msg("no site %s", name);
	return NULL;
}

/* The key each IIS binding of the one site needs, and the binding that
 * serves it ("-" for none), as "key>served" joined by spaces. */
static void served_text(const tl_site_info *si, tl_buf *out)
{
	size_t i;

	for (i = 0; i < si->served_count; i++) {
		const tl_served *sv = &sites->served[si->served[i]];

		tl_buf_printf(out, "%s%s:%s>", i ? " " : "", tl_binding_kind_name(sv->kind), sv->key);
		if (sv->binding == TL_SITES_NONE)
			tl_buf_adds(out, "-");
		else
			tl_buf_printf(out, "%s:%s%s", tl_binding_kind_name(bindings[sv->binding].kind),
				      bindings[sv->binding].endpoint, sv->fallback ? "(fallback)" : "");
	}
}

/* A key as "kind:key", or "none" when rc says there is none; key is freed. */
static void key_text(int rc, tl_binding_kind kind, char *key, char *got, size_t size)
{
	if (rc == 0)
		snprintf(got, size, "%s:%s", tl_binding_kind_name(kind), key);
	else
		snprintf(got, size, "none");
	free(key);
}

#define APPHOST_SITE(bindings_xml, rest)                                                        \
	"<configuration><system.applicationHost><sites>"                                         \
	"<site name=\"S\" id=\"1\"><application path=\"/\"/><application path=\"/app\"/>"        \
	"<bindings>" bindings_xml "</bindings></site>"                                           \
	"</sites></system.applicationHost>" rest "</configuration>"

/* FORMATS.md 6: sslFlags 2 (CCS) wins over SNI, SNI is host:port, else
 * ip:port with "*" as 0.0.0.0. */
START_TEST(iis_binding_keys)
{
	static const struct {
		const char *xml, *want;
	} cases[] = {
		{"<binding protocol=\"https\" bindingInformation=\"*:443:\"/>", "ip:0.0.0.0:443"},
		{"<binding protocol=\"HTTPS\" bindingInformation=\"*:443:a.test\" sslFlags=\"0\"/>",
		 "ip:0.0.0.0:443"},
		{"<binding protocol=\"https\" bindingInformation=\"*:443:a.test\" sslFlags=\"1\"/>",
		 "sni:a.test:443"},
		{"<binding protocol=\"https\" bindingInformation=\"*:443:a.test\" sslFlags=\"3\"/>",
		 "ccs:0.0.0.0:443"},
		{"<binding protocol=\"https\" bindingInformation=\"10.1.2.3:8443:\" sslFlags=\"2\"/>",
		 "ccs:0.0.0.0:8443"},
		{"<binding protocol=\"https\" bindingInformation=\"10.1.2.3:8443:\"/>", "ip:10.1.2.3:8443"},
		{"<binding protocol=\"https\" bindingInformation=\"[::1]:443:\"/>", "ip:[::1]:443"},
		{"<binding protocol=\"http\" bindingInformation=\"*:80:\"/>", "none"},
		{"<binding protocol=\"https\" bindingInformation=\"nonsense\"/>", "none"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_binding_kind kind = TL_HTTPSYS_IP;
		char *key = NULL, got[64];
		tl_diags *d = tl_diags_new();
		char *doc = tl_xasprintf(APPHOST_SITE("%s", ""), cases[i].xml);
		int rc;

		teardown();
		setup();
		ck_assert_int_eq(tl_xmlconf_read((const uint8_t *)doc, strlen(doc), "t.config", NULL,
						 conf, d),
				 0);
		if (strcmp(cases[i].want, "none") != 0)
			tt_ck_diags(d, "");
		tl_diags_free(d);
		rc = tl_sites_iis_key(&conf->files[0]->sites[0]->bindings[0], &kind, &key);
		key_text(rc, kind, key, got, sizeof(got));
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "%s: got %s, want %s", cases[i].xml,
			      got, cases[i].want);
		free(doc);
	}
}
END_TEST

START_TEST(url_keys)
{
	static const struct {
		const char *url, *want;
	} cases[] = {
		{"https://+:8443/orders", "ip:0.0.0.0:8443"},
		{"https://*:8443/", "ip:0.0.0.0:8443"},
		{"https://+/orders", "ip:0.0.0.0:443"},
		{"HTTPS://10.0.0.5:9443/x", "ip:10.0.0.5:9443"},
		{"https://[::1]:9443/x", "ip:[::1]:9443"},
		{"https://api.lint.test:8443/svc", "sni:api.lint.test:8443"},
		{"https://api.lint.test", "sni:api.lint.test:443"},
		{"http://+:8080/orders", "none"},
		{"https://:8443/", "none"},
		{"https://+:0/", "none"},
		{"https://+:70000/", "none"},
		{"https://+:84x/", "none"},
		{"net.tcp://+:808/", "none"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_binding_kind kind = TL_HTTPSYS_IP;
		char *key = NULL, got[64];
		int rc = tl_sites_url_key(cases[i].url, &kind, &key);

		key_text(rc, kind, key, got, sizeof(got));
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "%s: got %s, want %s", cases[i].url,
			      got, cases[i].want);
	}
}
END_TEST

/* Inferred (sites.c): a specific address or host name without its own
 * http.sys binding is served by the wildcard binding of its port; a CCS
 * key has no such fallback. */
START_TEST(inferred_specific_address_falls_back_to_the_wildcard)
{
	tl_buf t = {0};

	build(REG_HEAD IP("0.0.0.0:443") PLAIN IP("10.0.0.9:8443") PLAIN IP("0.0.0.0:8443") PLAIN, 1,
	      NULL,
	      APPHOST_SITE("<binding protocol=\"https\" bindingInformation=\"10.0.0.5:443:\"/>"
			   "<binding protocol=\"https\" bindingInformation=\"10.0.0.9:8443:\"/>"
			   "<binding protocol=\"https\" bindingInformation=\"*:443:x.test\" sslFlags=\"1\"/>"
			   "<binding protocol=\"https\" bindingInformation=\"*:9443:\" sslFlags=\"2\"/>",
			   ""));
	served_text(site("S"), &t);
	ck_assert_str_eq(t.data, "ip:10.0.0.5:443>ip:0.0.0.0:443(fallback) "
				 "ip:10.0.0.9:8443>ip:10.0.0.9:8443 sni:x.test:443>ip:0.0.0.0:443(fallback) "
				 "ccs:0.0.0.0:9443>-");
	tl_buf_free(&t);
}
END_TEST

/* Inferred (httpsys.h): Central Certificate Store bindings are the
 * registry key SslCcsBindingInfo, and an IIS binding with sslFlags 2
 * is served by SslCcsBindingInfo\0.0.0.0:<port>, not by the IP binding
 * of the same port. */
START_TEST(inferred_ccs_bindings_are_sslccsbindinginfo_keys)
{
	tl_buf t = {0};

	build(REG_HEAD IP("0.0.0.0:443") PLAIN CCS("0.0.0.0:443") PLAIN, 1, NULL,
	      APPHOST_SITE("<binding protocol=\"https\" bindingInformation=\"*:443:shop.test\" sslFlags=\"3\"/>",
			   ""));
	ck_assert_uint_eq(nbindings, 2);
	served_text(site("S"), &t);
	ck_assert_str_eq(t.data, "ccs:0.0.0.0:443>ccs:0.0.0.0:443");
	ck_assert_uint_eq(sites->bindings[binding_at("0.0.0.0:443", TL_HTTPSYS_IP)].served_count, 0);
	tl_buf_free(&t);
}
END_TEST

#define ACCESS_AT(path, flags)                                                                  \
	"<location path=\"" path "\"><system.webServer><security><access sslFlags=\"" flags       \
	"\"/></security></system.webServer></location>"

/* The site asks for client certificates where access sslFlags in effect
 * has SslNegotiateCert or SslRequireCert, at the site or below it; the
 * binding that serves it gets the ask, named once per setting. */
START_TEST(site_asks_through_access_flags)
{
	const tl_site_info *si;
	const tl_binding_use *u;
	tl_buf t = {0};

	build(REG_HEAD IP("0.0.0.0:443") PLAIN, 1, NULL,
	      APPHOST_SITE("<binding protocol=\"https\" bindingInformation=\"*:443:\"/>"
			   "<binding protocol=\"https\" bindingInformation=\"*:443:b.test\"/>",
			   "<system.webServer><security><access sslFlags=\"Ssl\"/></security></system.webServer>"
			   ACCESS_AT("S/app", "Ssl, SslNegotiateCert")
			   ACCESS_AT("S/app/deeper", "Ssl, SslNegotiateCert, SslRequireCert")
			   ACCESS_AT("Other", "SslRequireCert")));
	si = site("S");
	ck_assert_uint_eq(si->ask_count, 2);
	ck_assert_str_eq(si->asks[0].path, "S/app");
	ck_assert(!si->asks[0].required);
	ck_assert_str_eq(si->asks[1].path, "S/app/deeper");
	ck_assert(si->asks[1].required);
	ck_assert(si->required);
	u = &sites->bindings[0];
	/* two IIS bindings on one http.sys binding: each ask once */
	ck_assert_uint_eq(u->served_count, 2);
	ck_assert_uint_eq(u->ask_count, 2);
	ck_assert(u->by_site && u->required);
	tl_cert_ask_text(&u->asks[1], &bindings[0], &t);
	ck_assert_str_eq(t.data, "site 'S' requires them at 'S/app/deeper' (sslFlags Ssl, "
				 "SslNegotiateCert, SslRequireCert, t.config:1)");
	tl_buf_free(&t);
}
END_TEST

START_TEST(site_without_client_certificates_asks_nothing)
{
	build(REG_HEAD IP("0.0.0.0:443") PLAIN, 1, NULL,
	      APPHOST_SITE("<binding protocol=\"https\" bindingInformation=\"*:443:\"/>",
			   ACCESS_AT("S", "Ssl, SslMapCert")));
	ck_assert_uint_eq(site("S")->ask_count, 0);
	ck_assert_uint_eq(sites->bindings[0].ask_count, 0);
	ck_assert(sites->apphost);
}
END_TEST

START_TEST(defaultflags_ask_without_configuration)
{
	build(REG_HEAD IP("0.0.0.0:443") NEGOTIATE IP("0.0.0.0:8443") PLAIN, 0);
	ck_assert_uint_eq(sites->bindings[binding_at("0.0.0.0:443", TL_HTTPSYS_IP)].ask_count, 1);
	ck_assert_int_eq(sites->bindings[binding_at("0.0.0.0:443", TL_HTTPSYS_IP)].asks[0].source,
			 TL_ASK_HTTPSYS);
	ck_assert_uint_eq(sites->bindings[binding_at("0.0.0.0:8443", TL_HTTPSYS_IP)].ask_count, 0);
	ck_assert(!sites->apphost);
}
END_TEST

#define WCF(bindings_xml, endpoints)                                                            \
	"<configuration><system.serviceModel><bindings>" bindings_xml "</bindings>"             \
	"<services><service name=\"Svc\"><host><baseAddresses>"                                 \
	"<add baseAddress=\"https://+:8443/svc\"/><add baseAddress=\"http://+:8080/svc\"/>"     \
	"</baseAddresses></host>" endpoints "</service></services>"                            \
	"</system.serviceModel></configuration>"

/* A self-hosted service asks through transport client certificates or
 * requireClientCertificate; message security and the built-in defaults do
 * not ask. */
START_TEST(wcf_self_hosted_asks)
{
	static const struct {
		const char *bindings, *endpoint;
		size_t asks;
	} cases[] = {
		{"<basicHttpBinding><binding name=\"T\"><security mode=\"Transport\"><transport "
		 "clientCredentialType=\"Certificate\"/></security></binding></basicHttpBinding>",
		 "<endpoint address=\"\" binding=\"basicHttpBinding\" bindingConfiguration=\"T\" contract=\"C\"/>",
		 1},
		{"<basicHttpBinding><binding name=\"T\"><security mode=\"Transport\"><transport "
		 "clientCredentialType=\"None\"/></security></binding></basicHttpBinding>",
		 "<endpoint address=\"\" binding=\"basicHttpBinding\" bindingConfiguration=\"T\" contract=\"C\"/>",
		 0},
		{"<wsHttpBinding><binding><security mode=\"Message\"><message "
		 "clientCredentialType=\"Certificate\"/></security></binding></wsHttpBinding>",
		 "<endpoint address=\"ws\" binding=\"wsHttpBinding\" contract=\"C\"/>", 0},
		/* basicHttpsBinding's default mode is Transport */
		{"<basicHttpsBinding><binding><security><transport "
		 "clientCredentialType=\"Certificate\"/></security></binding></basicHttpsBinding>",
		 "<endpoint address=\"\" binding=\"basicHttpsBinding\" contract=\"C\"/>", 1},
		{"<customBinding><binding name=\"M\"><httpsTransport requireClientCertificate=\"true\"/>"
		 "</binding></customBinding>",
		 "<endpoint address=\"m\" binding=\"customBinding\" bindingConfiguration=\"M\" contract=\"C\"/>",
		 1},
		{"", "<endpoint address=\"\" binding=\"basicHttpBinding\" contract=\"C\"/>", 0},
		/* an absolute address on a port without a binding: nothing served */
		{"<basicHttpBinding><binding name=\"T\"><security mode=\"Transport\"><transport "
		 "clientCredentialType=\"Certificate\"/></security></binding></basicHttpBinding>",
		 "<endpoint address=\"https://+:9443/x\" binding=\"basicHttpBinding\" "
		 "bindingConfiguration=\"T\" contract=\"C\"/>",
		 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char *doc = tl_xasprintf(WCF("%s", "%s"), cases[i].bindings, cases[i].endpoint);

		teardown();
		setup();
		build(REG_HEAD IP("0.0.0.0:8443") PLAIN, 1, NULL, doc);
		ck_assert_msg(sites->bindings[0].ask_count == cases[i].asks, "case %zu: %zu asks", i,
			      sites->bindings[0].ask_count);
		if (cases[i].asks)
			ck_assert_int_eq(sites->bindings[0].asks[0].source, TL_ASK_WCF);
		ck_assert(sites->wcf);
		free(doc);
	}
}
END_TEST

#define WCF_DEFAULTS(mapping, bindings_xml)                                                      \
	"<configuration><system.serviceModel>" mapping "<bindings>" bindings_xml "</bindings>"    \
	"<services><service name=\"Svc\"><host><baseAddresses>"                                  \
	"<add baseAddress=\"https://+:8443/svc\"/></baseAddresses></host></service></services>"  \
	"</system.serviceModel></configuration>"
#define TRANSPORT_CERT                                                                          \
	"<security mode=\"Transport\"><transport clientCredentialType=\"Certificate\"/></security>"

/* A service without endpoints gets WCF's default endpoint for its https
 * base address: protocolMapping's binding for https, else
 * basicHttpsBinding (inferred, sites.c), in its default configuration. */
START_TEST(inferred_wcf_default_endpoint_is_basichttpsbinding)
{
	static const struct {
		const char *doc;
		size_t asks;
	} cases[] = {
		{WCF_DEFAULTS("", "<basicHttpsBinding><binding><security><transport "
				  "clientCredentialType=\"Certificate\"/></security></binding>"
				  "</basicHttpsBinding>"),
		 1},
		{WCF_DEFAULTS("", "<basicHttpBinding><binding>" TRANSPORT_CERT "</binding></basicHttpBinding>"),
		 0},
		{WCF_DEFAULTS("<protocolMapping><add scheme=\"https\" binding=\"basicHttpBinding\" "
			      "bindingConfiguration=\"T\"/></protocolMapping>",
			      "<basicHttpBinding><binding name=\"T\">" TRANSPORT_CERT
			      "</binding></basicHttpBinding>"),
		 1},
		{WCF_DEFAULTS("<protocolMapping><add scheme=\"HTTPS\" binding=\"basicHttpBinding\" "
			      "bindingConfiguration=\"T\"/><remove scheme=\"https\"/></protocolMapping>",
			      "<basicHttpBinding><binding name=\"T\">" TRANSPORT_CERT
			      "</binding></basicHttpBinding>"),
		 0},
		{WCF_DEFAULTS("<protocolMapping><add scheme=\"https\" binding=\"basicHttpBinding\" "
			      "bindingConfiguration=\"T\"/><clear/></protocolMapping>",
			      "<basicHttpBinding><binding name=\"T\">" TRANSPORT_CERT
			      "</binding></basicHttpBinding>"),
		 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_buf t = {0};

		teardown();
		setup();
		build(REG_HEAD IP("0.0.0.0:8443") PLAIN, 1, NULL, cases[i].doc);
		ck_assert_msg(sites->bindings[0].ask_count == cases[i].asks, "case %zu: %zu asks", i,
			      sites->bindings[0].ask_count);
		if (!cases[i].asks)
			continue;
		ck_assert(sites->bindings[0].asks[0].default_endpoint);
		tl_cert_ask_text(&sites->bindings[0].asks[0], &bindings[0], &t);
		ck_assert_msg(strstr(t.data, "WCF service 'Svc' default endpoint (") == t.data, "%s",
			      t.data);
		tl_buf_free(&t);
	}
}
END_TEST

/* A service in a site's web.config is served by the site's bindings. */
START_TEST(wcf_hosted_by_a_site)
{
	build(REG_HEAD SNI("s.test:443") PLAIN, 2, NULL,
	      APPHOST_SITE("<binding protocol=\"https\" bindingInformation=\"*:443:s.test\" sslFlags=\"1\"/>",
			   ""),
	      "S/app",
	      "<configuration><system.serviceModel><bindings><webHttpBinding><binding>"
	      "<security mode=\"Transport\"><transport clientCredentialType=\"Certificate\"/>"
	      "</security></binding></webHttpBinding></bindings><services><service name=\"Hosted\">"
	      "<endpoint address=\"\" binding=\"webHttpBinding\" contract=\"C\"/></service></services>"
	      "</system.serviceModel></configuration>");
	ck_assert_uint_eq(sites->bindings[0].ask_count, 1);
	ck_assert_int_eq(sites->bindings[0].asks[0].source, TL_ASK_WCF);
	ck_assert_str_eq(sites->bindings[0].asks[0].service->name, "Hosted");
	ck_assert(!sites->bindings[0].by_site);
}
END_TEST

static Suite *sites_suite(void)
{
	Suite *s = suite_create("sites");
	TCase *tc = tcase_create("sites");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, iis_binding_keys);
	tcase_add_test(tc, url_keys);
	tcase_add_test(tc, inferred_specific_address_falls_back_to_the_wildcard);
	tcase_add_test(tc, inferred_ccs_bindings_are_sslccsbindinginfo_keys);
	tcase_add_test(tc, site_asks_through_access_flags);
	tcase_add_test(tc, site_without_client_certificates_asks_nothing);
	tcase_add_test(tc, defaultflags_ask_without_configuration);
	tcase_add_test(tc, wcf_self_hosted_asks);
	tcase_add_test(tc, wcf_hosted_by_a_site);
	tcase_add_test(tc, inferred_wcf_default_endpoint_is_basichttpsbinding);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(sites_suite());
}
