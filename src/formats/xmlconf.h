/* xmlconf.h: IIS and WCF configuration files (applicationHost.config, a
 * site's or application's web.config, app.config, *.exe.config;
 * FORMATS.md 6) read into the configuration model (model/iisconf.h).
 *
 * The XML is read by formats/xml.h (no network, no DTD, bounded); this
 * module knows which elements and attributes IIS and WCF read, keeps them
 * with their file, line and column, and reports values IIS would refuse.
 *
 * Ownership: file is borrowed by the model and the diagnostics (a
 * tl_source path that outlives both). */
#ifndef TL_XMLCONF_H
#define TL_XMLCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/iisconf.h"

/* Whether data is a configuration file: an XML document whose root
 * element is <configuration> (learn.microsoft.com, "Introduction to
 * ApplicationHost.config", XML Header: every configuration file holds all
 * its content in it). */
bool tl_xmlconf_detect(const uint8_t *data, size_t len);

/* Read one configuration file into c. path is the configuration path the
 * user gave the file (SITE/PATH=FILE: "Default Web Site/app"), or NULL;
 * applicationHost.config is the server level whatever it is given. Returns
 * 0; or -1 when the file adds nothing: it is not read whole (reported to
 * d), or its root element is not <configuration> (not reported: call it on
 * what tl_xmlconf_detect() accepts). */
int tl_xmlconf_read(const uint8_t *data, size_t len, const char *file, const char *path,
		    tl_iisconf *c, tl_diags *d);

#endif
