/* sites.c: IIS sites and WCF services mapped onto the http.sys bindings
 * that serve them, and who asks each binding for client certificates.
 * See sites.h. */
#include "config.h"

#include "windows/sites.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"

/* ---- keys */

int tl_sites_iis_key(const tl_iis_binding *b, tl_binding_kind *kind, char **key)
{
	if (!b->protocol || strcasecmp(b->protocol, "https") != 0 || !b->endpoint_ok)
		return -1;
	/* FORMATS.md 6: a binding with the Central Certificate Store flag (2)
	 * is served by SslCcsBindingInfo\0.0.0.0:<port>, whatever its address
	 * and host (HTTP_SERVICE_CONFIG_SSL_CCS_KEY: the IPv4 wildcard and a
	 * port); with SNI alone (1) by SslSniBindingInfo\<host>:<port>; else
	 * by SslBindingInfo\<ip>:<port>, "*" being 0.0.0.0 */
	if (b->has_ssl_flags && (b->ssl_flags & TL_BINDING_CCS)) {
		*kind = TL_HTTPSYS_CCS;
		*key = tl_xasprintf("0.0.0.0:%u", (unsigned)b->port);
	} else if (b->has_ssl_flags && (b->ssl_flags & TL_BINDING_SNI) && b->host && *b->host) {
		*kind = TL_HTTPSYS_SNI;
		*key = tl_xasprintf("%s:%u", b->host, (unsigned)b->port);
	} else {
		*kind = TL_HTTPSYS_IP;
		*key = tl_xasprintf("%s:%u", strcmp(b->ip, "*") == 0 ? "0.0.0.0" : b->ip,
				    (unsigned)b->port);
	}
	return 0;
}

static bool ipv4_literal(const char *h)
{
	unsigned a, b, c, d;
	char end;

	return sscanf(h, "%u.%u.%u.%u%c", &a, &b, &c, &d, &end) == 4 && a < 256 && b < 256 &&
	       c < 256 && d < 256;
}

int tl_sites_url_key(const char *url, tl_binding_kind *kind, char **key)
{
	const char *host, *end, *colon = NULL;
	unsigned long port = 443;
	char *h;

	if (!url || strncasecmp(url, "https://", 8) != 0)
		return -1;
	host = url + 8;
	if (*host == '[') {
		end = strchr(host, ']');
		if (!end)
			return -1;
		end++;
	} else {
		end = host + strcspn(host, ":/?#");
	}
	if (end == host)
		return -1;
	if (*end == ':') {
		char *stop;

		colon = end;
		port = strtoul(colon + 1, &stop, 10);
		if (stop == colon + 1 || port == 0 || port > 65535 || (*stop && !strchr("/?#", *stop)))
			return -1;
	}
	h = tl_xstrndup(host, (size_t)(end - host));
	/* FORMATS.md 6: a self-hosted service listening on https://+:8443/ is
	 * served by the binding 0.0.0.0:8443 ("+" strong and "*" weak
	 * wildcard alike: http.sys reservations, learn.microsoft.com
	 * "UrlPrefix Strings"). An address literal is its own ip:port key; a
	 * host name is asked for by SNI, so its key is host:port (inferred:
	 * that http.sys tries the SNI binding of the name the client sends
	 * first; check_sites names it). */
	if (strcmp(h, "+") == 0 || strcmp(h, "*") == 0) {
		*kind = TL_HTTPSYS_IP;
		*key = tl_xasprintf("0.0.0.0:%lu", port);
	} else if (h[0] == '[' || ipv4_literal(h)) {
		*kind = TL_HTTPSYS_IP;
		*key = tl_xasprintf("%s:%lu", h, port);
	} else {
		*kind = TL_HTTPSYS_SNI;
		*key = tl_xasprintf("%s:%lu", h, port);
	}
	free(h);
	return 0;
}

static size_t find_binding(const tl_binding *b, size_t n, tl_binding_kind kind, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].kind == kind && strcasecmp(b[i].endpoint, key) == 0)
			return i;
	return TL_SITES_NONE;
}

/* The binding that serves key. A specific address or host name without a
 * binding of its own is served by the wildcard of its family for the same
 * port (inferred: http.sys documents 0.0.0.0 as "every address" without
 * saying that a specific or SNI binding wins over it and the wildcard
 * takes what they do not; check_sites names it): 0.0.0.0:port for IPv4
 * and host names, [::]:port for IPv6. A CCS key has no fallback. */
static size_t serve(const tl_binding *b, size_t n, tl_binding_kind kind, const char *key,
		    bool *fallback)
{
	size_t i = find_binding(b, n, kind, key);
	const char *port = strrchr(key, ':');
	char *wild;

	*fallback = false;
	if (i != TL_SITES_NONE || kind == TL_HTTPSYS_CCS || !port)
		return i;
	wild = tl_xasprintf("%s%s", key[0] == '[' ? "[::]" : "0.0.0.0", port);
	if (strcasecmp(wild, key) != 0) {
		i = find_binding(b, n, TL_HTTPSYS_IP, wild);
		*fallback = i != TL_SITES_NONE;
	}
	free(wild);
	return i;
}

/* ---- building */

static size_t add_served(tl_sites *s, const tl_binding *b, size_t n, tl_served *sv)
{
	tl_binding_use *u;
	size_t at;

	sv->binding = serve(b, n, sv->kind, sv->key, &sv->fallback);
	tl_xgrow((void **)&s->served, &s->served_cap, s->served_count + 1, sizeof(tl_served));
	at = s->served_count++;
	s->served[at] = *sv;
	if (sv->binding != TL_SITES_NONE) {
		u = &s->bindings[sv->binding];
		u->served = tl_xrealloc(u->served, (u->served_count + 1) * sizeof(size_t));
		u->served[u->served_count++] = at;
	}
	return at;
}

static void add_ask(tl_cert_ask **v, size_t *n, const tl_cert_ask *a)
{
	*v = tl_xrealloc(*v, (*n + 1) * sizeof(tl_cert_ask));
	(*v)[*n] = *a;
	(*v)[*n].path = a->path ? tl_xstrdup(a->path) : NULL;
	(*n)++;
}

static void binding_ask(tl_sites *s, size_t binding, const tl_cert_ask *a)
{
	tl_binding_use *u = &s->bindings[binding];
	size_t i;

	/* a site with two https bindings on one http.sys binding asks once */
	for (i = 0; i < u->ask_count; i++)
		if (u->asks[i].source == a->source && u->asks[i].site == a->site &&
		    u->asks[i].setting == a->setting && u->asks[i].endpoint == a->endpoint &&
		    u->asks[i].service == a->service)
			return;
	add_ask(&u->asks, &u->ask_count, a);
	u->required |= a->required;
	u->by_site |= a->source == TL_ASK_IIS;
}

static int path_cmp(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Every configuration path of site where what is in effect may differ:
 * its root, its applications, and each path an access setting names
 * within it; sorted, each once, the root first (it sorts before every
 * path below it). */
static char **site_paths(const tl_iisconf *c, const tl_iis_site *site, size_t *count)
{
	char **v = NULL;
	size_t n = 0, cap = 0, i, j, out;

	tl_xgrow((void **)&v, &cap, n + 1, sizeof(char *));
	v[n++] = tl_xstrdup(site->name);
	for (i = 0; i < site->app_index_count; i++) {
		if (!*site->app_index[i])
			continue;
		tl_xgrow((void **)&v, &cap, n + 1, sizeof(char *));
		v[n++] = tl_iisconf_path_join(site->name, site->app_index[i]);
	}
	for (i = 0; i < c->count; i++) {
		const tl_iisconf_file *f = c->files[i];

		for (j = 0; j < f->setting_count; j++) {
			const tl_iis_setting *st = f->settings[j];

			if (st->section != TL_SECTION_ACCESS || !st->path ||
			    !tl_iisconf_path_within(st->path, site->name))
				continue;
			tl_xgrow((void **)&v, &cap, n + 1, sizeof(char *));
			v[n++] = tl_xstrdup(st->path);
		}
	}
	qsort(v, n, sizeof(char *), path_cmp);
	for (i = 0, out = 0; i < n; i++) {
		if (out && strcasecmp(v[out - 1], v[i]) == 0) {
			free(v[i]);
			continue;
		}
		v[out++] = v[i];
	}
	*count = out;
	return v;
}

/* What IIS asks for at each path of a site: access@sslFlags in effect
 * (model/iisconf: inheritance and locking) with SslNegotiateCert
 * (accept) or SslRequireCert (require; learn.microsoft.com, "Access
 * Security <access>"). A setting that gives the flags at several paths is
 * named once, at the first. */
static void site_asks(const tl_iisconf *c, tl_site_info *si)
{
	size_t n, i, k;
	char **paths = site_paths(c, si->site, &n);

	for (i = 0; i < n; i++) {
		tl_iis_effective eff;
		tl_cert_ask a = {0};
		bool seen = false;

		tl_iisconf_effective(c, TL_SECTION_ACCESS, TL_ATTR_SSL_FLAGS, paths[i], &eff);
		if (!eff.from || !(eff.from->ssl_flags &
				   (TL_ACCESS_SSL_NEGOTIATE_CERT | TL_ACCESS_SSL_REQUIRE_CERT)))
			continue;
		for (k = 0; k < si->ask_count; k++)
			seen |= si->asks[k].setting == eff.from;
		if (seen)
			continue;
		a.source = TL_ASK_IIS;
		a.required = (eff.from->ssl_flags & TL_ACCESS_SSL_REQUIRE_CERT) != 0;
		a.site = si->site;
		a.path = paths[i];
		a.ssl_flags = eff.from->ssl_flags;
		a.setting = eff.from;
		a.loc = eff.from->loc;
		add_ask(&si->asks, &si->ask_count, &a);
		si->required |= a.required;
	}
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

static void add_sites(tl_sites *s, const tl_iisconf *c, const tl_binding *b, size_t n)
{
	size_t i, j, k;

	for (i = 0; i < c->count; i++) {
		const tl_iisconf_file *f = c->files[i];

		if (f->kind != TL_IISCONF_APPHOST)
			continue;
		s->apphost = true;
		for (j = 0; j < f->site_count; j++) {
			const tl_iis_site *site = f->sites[j];
			tl_site_info *si;

			if (!site->name)
				continue;
			tl_xgrow((void **)&s->sites, &s->site_cap, s->site_count + 1, sizeof(tl_site_info));
			si = &s->sites[s->site_count++];
			memset(si, 0, sizeof(*si));
			si->site = site;
			site_asks(c, si);
			for (k = 0; k < site->binding_count; k++) {
				tl_served sv = {0};
				size_t at;

				if (tl_sites_iis_key(&site->bindings[k], &sv.kind, &sv.key) != 0)
					continue;
				sv.site = site;
				sv.iis = &site->bindings[k];
				sv.loc = site->bindings[k].loc;
				at = add_served(s, b, n, &sv);
				si->served = tl_xrealloc(si->served, (si->served_count + 1) * sizeof(size_t));
				si->served[si->served_count++] = at;
			}
		}
	}
	/* each http.sys binding: the asks of the sites it serves */
	for (i = 0; i < s->site_count; i++) {
		const tl_site_info *si = &s->sites[i];

		for (j = 0; j < si->served_count; j++) {
			size_t bi = s->served[si->served[j]].binding;

			for (k = 0; bi != TL_SITES_NONE && k < si->ask_count; k++)
				binding_ask(s, bi, &si->asks[k]);
		}
	}
}

/* ---- WCF */

/* The WCF bindings that run over http.sys with transport security the
 * configuration can ask client certificates of, and whether their
 * default security mode is Transport (learn.microsoft.com, "System-Provided
 * Bindings": basicHttpsBinding and netHttpsBinding default to Transport;
 * the others to None or Message). */
static const struct {
	const char *type;
	bool transport_default;
} http_bindings[] = {
	{"basicHttpBinding", false}, {"basicHttpsBinding", true}, {"wsHttpBinding", false},
	{"ws2007HttpBinding", false}, {"webHttpBinding", false}, {"netHttpBinding", false},
	{"netHttpsBinding", true},
};

/* Whether endpoint e of file f asks for a client certificate in the TLS
 * handshake: security mode Transport with transport clientCredentialType
 * Certificate, or a customBinding's httpsTransport with
 * requireClientCertificate="true" (FORMATS.md 6). Message security with a
 * certificate credential is not a TLS client certificate. */
static const tl_wcf_binding *endpoint_asks(const tl_iisconf_file *f, const tl_wcf_endpoint *e)
{
	const tl_wcf_binding *wb;
	size_t i;

	if (!e->binding)
		return NULL;
	wb = tl_iisconf_endpoint_binding(f, e);
	if (strcmp(e->binding, "customBinding") == 0)
		return wb && wb->require_client_cert == 1 ? wb : NULL;
	for (i = 0; i < TL_ARRAY_LEN(http_bindings); i++) {
		const char *mode;

		if (strcmp(e->binding, http_bindings[i].type) != 0)
			continue;
		if (!wb)
			return NULL; /* the built-in defaults: no client certificate */
		mode = wb->security_mode ? wb->security_mode
		       : http_bindings[i].transport_default ? "Transport" : "None";
		if (strcasecmp(mode, "Transport") == 0 && wb->transport_credential &&
		    strcasecmp(wb->transport_credential, "Certificate") == 0)
			return wb;
		return NULL;
	}
	return NULL;
}

static bool absolute(const char *a)
{
	return a && strstr(a, "://") != NULL;
}

/* The first segment of a configuration path: its site. */
static const tl_iis_site *path_site(const tl_iisconf *c, const char *path)
{
	const char *slash = strchr(path, '/');
	char *name = tl_xstrndup(path, slash ? (size_t)(slash - path) : strlen(path));
	const tl_iis_site *site = tl_iisconf_site_find(c, name);

	free(name);
	return site;
}

/* WCF adds default endpoints to a service that configures none, one per
 * base address, with the binding protocolMapping maps its scheme to
 * (learn.microsoft.com, "Simplified Configuration for WCF Services" and
 * "<protocolMapping>"). Only https matters here: it maps to
 * basicHttpsBinding unless the file says otherwise (inferred: the .NET 4.5
 * machine.config mapping; the documentation's sample shows the four of
 * .NET 4.0, without https). Endpoints a service adds in code cannot be
 * seen. The endpoint, with the relative address "" (every base address),
 * is kept in s. */
static const tl_wcf_endpoint *default_endpoint(tl_sites *s, const tl_iisconf_file *f,
					       const tl_wcf_service *svc)
{
	const tl_wcf_protocol *p = tl_iisconf_protocol_mapping(f, "https");
	tl_wcf_endpoint *e = tl_xcalloc(1, sizeof(*e));

	e->loc = svc->loc;
	e->address = tl_xstrdup("");
	e->binding = tl_xstrdup(p && p->binding ? p->binding : "basicHttpsBinding");
	e->binding_configuration = p && p->binding_configuration
				   ? tl_xstrdup(p->binding_configuration) : NULL;
	s->defaults = tl_xrealloc(s->defaults, (s->default_count + 1) * sizeof(*s->defaults));
	s->defaults[s->default_count++] = e;
	return e;
}

static void service_binding(tl_service_info *si, size_t bi)
{
	size_t i;

	for (i = 0; i < si->binding_count; i++)
		if (si->bindings[i] == bi)
			return;
	si->bindings = tl_xrealloc(si->bindings, (si->binding_count + 1) * sizeof(size_t));
	si->bindings[si->binding_count++] = bi;
}

/* The binding bi serves the service of si, and a (when not NULL) asks it
 * for client certificates. */
static void service_ask(tl_sites *s, tl_service_info *si, size_t bi, const tl_cert_ask *a)
{
	size_t i;
	bool seen = false;

	service_binding(si, bi);
	if (!a)
		return;
	binding_ask(s, bi, a);
	for (i = 0; i < si->ask_count; i++)
		seen |= si->asks[i].endpoint == a->endpoint;
	if (!seen)
		add_ask(&si->asks, &si->ask_count, a);
}

static void wcf_service(tl_sites *s, const tl_iisconf *c, const tl_iisconf_file *f,
			const tl_wcf_service *svc, const tl_binding *b, size_t n)
{
	tl_service_info *si;
	const tl_iis_site *site = f->path && *f->path ? path_site(c, f->path) : NULL;
	const tl_wcf_endpoint *endpoints = svc->endpoints;
	size_t count = svc->endpoint_count, i, j, k;

	tl_xgrow((void **)&s->services, &s->service_cap, s->service_count + 1, sizeof(*s->services));
	si = &s->services[s->service_count++];
	memset(si, 0, sizeof(*si));
	si->file = f;
	si->service = svc;
	si->site = site;
	if (!count) {
		endpoints = default_endpoint(s, f, svc);
		count = 1;
	}
	for (i = 0; i < count; i++) {
		const tl_wcf_endpoint *e = &endpoints[i];
		const tl_wcf_binding *wb = endpoint_asks(f, e);
		tl_cert_ask a = {0};

		a.source = TL_ASK_WCF;
		a.required = true; /* a transport credential is required */
		a.site = site;
		a.path = f->path;
		a.service = svc;
		a.endpoint = e;
		a.wcf = wb;
		a.default_endpoint = endpoints != svc->endpoints;
		a.loc = wb ? (wb->transport_loc.kind != TL_LOC_NONE   ? wb->transport_loc
			      : wb->require_loc.kind != TL_LOC_NONE ? wb->require_loc
								    : wb->loc)
			   : e->loc;
		if (site && !absolute(e->address)) {
			/* hosted by IIS: the site's https bindings serve it */
			for (j = 0; j < s->site_count; j++) {
				if (s->sites[j].site != site)
					continue;
				for (k = 0; k < s->sites[j].served_count; k++) {
					size_t bi = s->served[s->sites[j].served[k]].binding;

					if (bi != TL_SITES_NONE)
						service_ask(s, si, bi, wb ? &a : NULL);
				}
			}
			continue;
		}
		/* self-hosted: an absolute https address, else every https base
		 * address of the service */
		for (j = 0; j < (absolute(e->address) ? 1 : svc->base_address_count); j++) {
			const char *addr = absolute(e->address) ? e->address
				           : svc->base_addresses[j].address;
			tl_served sv = {0};
			size_t at;

			if (tl_sites_url_key(addr, &sv.kind, &sv.key) != 0)
				continue;
			/* one served entry per address, shared by its endpoints */
			for (k = 0; k < s->served_count; k++)
				if (s->served[k].service == svc && strcmp(s->served[k].address, addr) == 0)
					break;
			if (k < s->served_count) {
				free(sv.key);
				at = k;
			} else {
				sv.service = svc;
				sv.site = site;
				sv.address = addr;
				sv.loc = absolute(e->address) ? e->loc : svc->base_addresses[j].loc;
				at = add_served(s, b, n, &sv);
			}
			if (s->served[at].binding != TL_SITES_NONE)
				service_ask(s, si, s->served[at].binding, wb ? &a : NULL);
		}
	}
}

tl_sites *tl_sites_build(const tl_iisconf *c, const tl_binding *b, size_t n)
{
	tl_sites *s = tl_xcalloc(1, sizeof(*s));
	size_t i, j;

	s->binding_count = n;
	s->bindings = tl_xcalloc(n ? n : 1, sizeof(tl_binding_use));
	/* DefaultFlags 0x2: http.sys negotiates client certificates in the
	 * handshake (FORMATS.md 5) */
	for (i = 0; i < n; i++) {
		if (tl_binding_flag(&b[i], TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT)) {
			tl_cert_ask a = {0};

			a.source = TL_ASK_HTTPSYS;
			a.loc = tl_loc_line(tl_reg_key_file(b[i].key), tl_reg_key_line(b[i].key), 0);
			binding_ask(s, i, &a);
		}
	}
	if (!c)
		return s;
	add_sites(s, c, b, n);
	for (i = 0; i < c->count; i++) {
		const tl_iisconf_file *f = c->files[i];

		for (j = 0; j < f->wcf_service_count; j++) {
			s->wcf = true;
			wcf_service(s, c, f, f->wcf_services[j], b, n);
		}
	}
	return s;
}

static void free_asks(tl_cert_ask *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(a[i].path);
	free(a);
}

void tl_sites_free(tl_sites *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->served_count; i++)
		free(s->served[i].key);
	free(s->served);
	for (i = 0; i < s->site_count; i++) {
		free_asks(s->sites[i].asks, s->sites[i].ask_count);
		free(s->sites[i].served);
	}
	free(s->sites);
	for (i = 0; i < s->binding_count; i++) {
		free_asks(s->bindings[i].asks, s->bindings[i].ask_count);
		free(s->bindings[i].served);
	}
	free(s->bindings);
	for (i = 0; i < s->service_count; i++) {
		free_asks(s->services[i].asks, s->services[i].ask_count);
		free(s->services[i].bindings);
	}
	free(s->services);
	for (i = 0; i < s->default_count; i++) {
		free(s->defaults[i]->address);
		free(s->defaults[i]->binding);
		free(s->defaults[i]->binding_configuration);
		free(s->defaults[i]);
	}
	free(s->defaults);
	free(s);
}

static void where(const tl_loc *l, tl_buf *out)
{
	if (l->kind == TL_LOC_NONE || !l->file)
		return;
	tl_buf_printf(out, ", %s", l->file);
	if (l->line)
		tl_buf_printf(out, ":%lu", (unsigned long)l->line);
}

void tl_cert_ask_text(const tl_cert_ask *a, const tl_binding *b, tl_buf *out)
{
	switch (a->source) {
	case TL_ASK_HTTPSYS:
		tl_buf_printf(out, "http.sys binding %s negotiates them (DefaultFlags 0x2", b->endpoint);
		break;
	case TL_ASK_IIS:
		tl_buf_printf(out, "site '%s' %s them at '%s' (sslFlags ", a->site->name,
			      a->required ? "requires" : "accepts", a->path);
		tl_iisconf_access_format(a->ssl_flags, out);
		break;
	case TL_ASK_WCF:
		tl_buf_printf(out, "WCF service '%s' ", a->service->name ? a->service->name : "");
		if (a->default_endpoint)
			tl_buf_printf(out, "default endpoint (%s) requires them (", a->endpoint->binding);
		else
			tl_buf_printf(out, "endpoint '%s' requires them (",
				      a->endpoint->address ? a->endpoint->address : "");
		if (a->wcf && a->wcf->require_client_cert == 1)
			tl_buf_adds(out, "requireClientCertificate true");
		else
			tl_buf_adds(out, "clientCredentialType Certificate");
		break;
	}
	where(&a->loc, out);
	tl_buf_adds(out, ")");
}
