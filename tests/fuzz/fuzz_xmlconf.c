/* fuzz_xmlconf.c: fuzz target for the XML reader for hostile input and the
 * IIS and WCF configuration reader (formats/xml.c, formats/xmlconf.c) and
 * the model's questions over what it read (model/iisconf.c).
 *
 * The input is read as a site's web.config and as a file without a path;
 * then every site, application and setting path is asked for its
 * effective sections and lock, every WCF endpoint and service for its
 * binding and behavior, the sites and services are mapped (windows/sites)
 * with no http.sys binding, and every diagnostic is formatted. It aborts when
 * an invariant breaks: a file read whole is one tl_xmlconf_detect()
 * accepts, and a file that is not read adds nothing. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/diag.h"
#include "base/util.h"
#include "formats/xmlconf.h"
#include "model/iisconf.h"
#include "windows/sites.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ask(const tl_iisconf *c, const char *path)
{
	tl_iis_effective e;
	int s;

	if (!path)
		return;
	for (s = 0; s < TL_SECTION_COUNT; s++) {
		tl_iisconf_effective(c, (tl_iis_section)s, TL_ATTR_SSL_FLAGS | TL_ATTR_ENABLED, path, &e);
		if (e.from && !tl_iisconf_path_within(path, e.from->path)) {
			fprintf(stderr, "fuzz_xmlconf: a setting for '%s' counts for '%s'\n",
				e.from->path, path);
			abort();
		}
		tl_iisconf_lock(c, (tl_iis_section)s, path, NULL);
	}
}

static void walk(const tl_iisconf *c, tl_buf *out)
{
	size_t i, j, k;

	for (i = 0; i < c->count; i++) {
		const tl_iisconf_file *f = c->files[i];
		for (j = 0; j < f->site_count; j++) {
			const tl_iis_site *s = f->sites[j];
			if (s->name) {
				ask(c, s->name);
				for (k = 0; k < s->app_count; k++) {
					char *p = s->apps[k].path ? tl_iisconf_path_join(s->name, s->apps[k].path)
								  : NULL;
					ask(c, p);
					free(p);
				}
			}
			for (k = 0; k < s->binding_count; k++)
				tl_iisconf_binding_flags_format(s->bindings[k].ssl_flags, out);
		}
		for (j = 0; j < f->setting_count; j++) {
			ask(c, f->settings[j]->path);
			tl_iisconf_access_format(f->settings[j]->ssl_flags, out);
		}
		if (tl_iisconf_protocol_mapping(f, "https"))
			tl_buf_adds(out, "https mapped\n");
		for (j = 0; j < f->wcf_service_count; j++) {
			const tl_wcf_service *s = f->wcf_services[j];
			const tl_wcf_behavior *b = tl_iisconf_service_behavior(f, s);
			if (b)
				tl_buf_printf(out, "%s\n", b->name);
			for (k = 0; k < s->endpoint_count; k++) {
				const tl_wcf_binding *wb = tl_iisconf_endpoint_binding(f, &s->endpoints[k]);
				if (wb)
					tl_buf_printf(out, "%s %s\n", wb->type, wb->name);
			}
		}
	}
}

/* windows/sites over what was read, without bindings: nothing can be
 * served, and every ask names its site or service. */
static void sites_check(const tl_iisconf *c, tl_buf *out)
{
	tl_sites *s = tl_sites_build(c, NULL, 0);
	size_t i, j;

	for (i = 0; i < s->served_count; i++)
		if (s->served[i].binding != TL_SITES_NONE) {
			fprintf(stderr, "fuzz_xmlconf: served by a binding that does not exist\n");
			abort();
		}
	for (i = 0; i < s->site_count; i++)
		for (j = 0; j < s->sites[i].ask_count; j++)
			tl_cert_ask_text(&s->sites[i].asks[j], NULL, out);
	for (i = 0; i < s->service_count; i++)
		for (j = 0; j < s->services[i].ask_count; j++)
			tl_cert_ask_text(&s->services[i].asks[j], NULL, out);
	tl_sites_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = tl_iisconf_new();
	tl_buf out = {0};
	size_t i;
	int rc;

	rc = tl_xmlconf_read(data, size, "fuzz.config", "Default Web Site/app", c, d);
	if (rc == 0 && !tl_xmlconf_detect(data, size)) {
		fprintf(stderr, "fuzz_xmlconf: read whole, but not detected as a configuration file\n");
		abort();
	}
	if ((rc == 0) != (c->count == 1)) {
		fprintf(stderr, "fuzz_xmlconf: %d returned with %zu files in the model\n", rc, c->count);
		abort();
	}
	tl_xmlconf_read(data, size, "fuzz2.config", NULL, c, d);
	walk(c, &out);
	sites_check(c, &out);
	for (i = 0; i < tl_diags_count(d); i++)
		tl_diag_format(tl_diags_at(d, i), &out);
	tl_buf_free(&out);
	tl_iisconf_free(c);
	tl_diags_free(d);
	return 0;
}
