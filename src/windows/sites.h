/* sites.h: which http.sys binding serves each IIS https binding and each
 * https address of a WCF service, and who asks for client certificates on
 * each http.sys binding: its own DefaultFlags, the IIS sites it serves
 * (system.webServer/security/access@sslFlags in effect for each path of
 * the site) and the WCF endpoints it serves (transport security with
 * client certificates). FORMATS.md 5 and 6 give the sources; each mapping
 * fact is commented where it is applied in sites.c.
 *
 * Ownership: a tl_sites borrows the configuration and the bindings it was
 * built from (both must outlive it) and owns everything else. */
#ifndef TL_WIN_SITES_H
#define TL_WIN_SITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "model/iisconf.h"
#include "windows/httpsys.h"

/* No http.sys binding of the export serves it. */
#define TL_SITES_NONE ((size_t)-1)

/* One IIS https <binding> of a site, or one https address of a WCF
 * service, and the http.sys binding that serves it. */
typedef struct tl_served {
	const tl_iis_site *site;       /* the IIS site (a WCF service hosted by IIS too) */
	const tl_iis_binding *iis;     /* the IIS binding, NULL for a WCF address */
	const tl_wcf_service *service; /* the WCF service, NULL for an IIS binding */
	const char *address;           /* the WCF https address, NULL for an IIS binding */
	tl_loc loc;                    /* where it is written */
	tl_binding_kind kind;          /* the kind of http.sys binding it needs */
	char *key;                     /* the key name it needs: "0.0.0.0:443", "host:443" */
	size_t binding;                /* the index of the binding that serves it, or TL_SITES_NONE */
	/* served by a wildcard binding (0.0.0.0:port, [::]:port) because the
	 * export has none for its own address or host name */
	bool fallback;
} tl_served;

/* Who asks for client certificates. */
typedef enum tl_ask_source {
	TL_ASK_HTTPSYS = 0, /* the binding's DefaultFlags 0x2 */
	TL_ASK_IIS,         /* access@sslFlags in effect for a path of a site */
	TL_ASK_WCF,         /* a WCF endpoint with transport client certificates */
} tl_ask_source;

typedef struct tl_cert_ask {
	tl_ask_source source;
	bool required; /* SslRequireCert, a WCF Certificate credential; else accepted */
	/* IIS: the site, the configuration path and the setting that gives the
	 * flags in effect there */
	const tl_iis_site *site;
	char *path;
	uint32_t ssl_flags;
	const tl_iis_setting *setting;
	/* WCF: the service, the endpoint and the binding configuration */
	const tl_wcf_service *service;
	const tl_wcf_endpoint *endpoint;
	const tl_wcf_binding *wcf;
	/* the endpoint is one WCF adds to a service with none configured */
	bool default_endpoint;
	tl_loc loc; /* where the request is written: the setting, the WCF binding's security */
} tl_cert_ask;

/* What one IIS site asks for, over all of its paths. */
typedef struct tl_site_info {
	const tl_iis_site *site;
	tl_cert_ask *asks; /* each path of the site where client certificates are asked for */
	size_t ask_count;
	bool required;     /* one of them requires them */
	size_t *served;    /* indexes into tl_sites.served of its https bindings */
	size_t served_count;
} tl_site_info;

/* What one http.sys binding serves and who asks it for client
 * certificates (tl_sites.bindings[i] is for bindings[i]). */
typedef struct tl_binding_use {
	size_t *served; /* indexes into tl_sites.served */
	size_t served_count;
	tl_cert_ask *asks;
	size_t ask_count;
	bool required;  /* an IIS path or WCF endpoint requires them */
	bool by_site;   /* an IIS site served asks for them */
} tl_binding_use;

/* What one WCF service is asked and where it is served. */
typedef struct tl_service_info {
	const tl_iisconf_file *file;
	const tl_wcf_service *service;
	const tl_iis_site *site; /* the site that hosts it (its file's path), or NULL */
	tl_cert_ask *asks;       /* each endpoint that asks for client certificates */
	size_t ask_count;
	size_t *bindings;        /* indexes of the http.sys bindings that serve it */
	size_t binding_count;
} tl_service_info;

typedef struct tl_sites {
	tl_served *served;
	size_t served_count, served_cap;
	tl_site_info *sites; /* every site of every applicationHost.config input, in input order */
	size_t site_count, site_cap;
	tl_binding_use *bindings;
	size_t binding_count;
	/* an applicationHost.config was read: the IIS side is known */
	bool apphost;
	tl_service_info *services; /* every WCF service, in input order */
	size_t service_count, service_cap;
	/* some WCF service was read */
	bool wcf;
	/* the default endpoints of services with none configured */
	tl_wcf_endpoint **defaults;
	size_t default_count;
} tl_sites;

/* Map c's sites and WCF services onto the n bindings. c may be NULL. */
tl_sites *tl_sites_build(const tl_iisconf *c, const tl_binding *bindings, size_t n);
void tl_sites_free(tl_sites *s);

/* The http.sys key an IIS https binding needs (FORMATS.md 6): a new string
 * into *key and its kind, or -1 when the binding is not https or its
 * bindingInformation does not read as IP:port:host. */
int tl_sites_iis_key(const tl_iis_binding *b, tl_binding_kind *kind, char **key);

/* The http.sys key an https URL of a WCF service needs: host "+" or "*" is
 * the IPv4 wildcard, an address literal its own key, a host name an SNI
 * key; -1 when it is not an https URL with a host. */
int tl_sites_url_key(const char *url, tl_binding_kind *kind, char **key);

/* One line for a message: "site 'Default Web Site' at 'Default Web
 * Site/api' (sslFlags Ssl, SslRequireCert, applicationHost.config:40)".
 * b is the binding asked; only a DefaultFlags ask reads it (may be NULL
 * for the others). */
void tl_cert_ask_text(const tl_cert_ask *a, const tl_binding *b, tl_buf *out);

#endif
