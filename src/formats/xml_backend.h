/* xml_backend.h: the one way formats/xml.c reaches libxml2, a table of
 * functions in formats/xml_libxml2.c. That file is the module
 * trustlint-xml.so, loaded the first time a run reads an XML file
 * (base/module.h), or linked into the program by ./configure
 * --disable-modules. It knows nothing of trustlint: it turns libxml2's
 * SAX2 callbacks into these events and holds libxml2 to no network and
 * no DTD, and formats/xml.c does everything else (encodings, limits,
 * positions, diagnostics). */
#ifndef TL_XML_BACKEND_H
#define TL_XML_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "base/module.h"

/* Changed whenever the table or the events change. */
#define TL_XML_BACKEND_ABI 1

typedef struct tl_xml_events {
	void *arg;
	/* An element starts. attrs holds nattrs groups of five pointers, as
	 * libxml2's SAX2 gives them: local name, prefix (or NULL), namespace
	 * URI (or NULL), the value's first byte and the byte after its last
	 * (not NUL-terminated). Returns true to stop the parse. */
	bool (*start)(void *arg, const char *localname, const char *prefix, size_t nattrs,
		      const char *const *attrs);
	void (*end)(void *arg, const char *localname);
	/* A document type declaration; the parse stops after it. */
	void (*doctype)(void *arg, const char *name);
	/* An error or warning: libxml2's code (xmlParserErrors), level
	 * (xmlErrorLevel), line, column (0 when unknown) and message. */
	void (*error)(void *arg, int code, int level, int line, int col, const char *message);
} tl_xml_events;

typedef struct tl_xml_backend {
	tl_module_head head; /* TL_XML_BACKEND_ABI */
	/* Parse len bytes of UTF-8 text (len < INT_MAX). Returns 0, or -1
	 * when libxml2 could not make a parser (out of memory). */
	int (*parse)(const char *text, size_t len, const tl_xml_events *ev);
} tl_xml_backend;

/* The table, exported by the module or linked in (TL_MODULE_TABLE). */
extern const tl_xml_backend tl_xml_backend_libxml2;

#endif
