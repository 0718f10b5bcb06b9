/* xml_libxml2.c: libxml2's SAX2 parser behind formats/xml_backend.h. It
 * is the module trustlint-xml.so (or linked in with --disable-modules), so
 * it calls libxml2 and the C library only, never trustlint: a module
 * loaded with RTLD_LOCAL sees none of the program's functions. */
#include "config.h"

#include "formats/xml_backend.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <string.h>

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
#define TL_XML_ERROR_CONST const
#else
#define TL_XML_ERROR_CONST
#endif

typedef struct run {
	xmlParserCtxtPtr ctxt;
	const tl_xml_events *ev;
} run;

static void on_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
		     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	run *r = arg;

	if (r->ev->start(r->ev->arg, (const char *)localname, (const char *)prefix,
			 nb_attributes > 0 ? (size_t)nb_attributes : 0,
			 (const char *const *)attributes))
		xmlStopParser(r->ctxt);
}

static void on_end(void *arg, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	run *r = arg;

	r->ev->end(r->ev->arg, (const char *)localname);
}

static void on_doctype(void *arg, const xmlChar *name, const xmlChar *external_id,
		       const xmlChar *system_id)
{
	run *r = arg;

	r->ev->doctype(r->ev->arg, name ? (const char *)name : "");
	xmlStopParser(r->ctxt);
}

static void on_error(void *arg, TL_XML_ERROR_CONST xmlError *err)
{
	run *r = arg;

	if (err)
		r->ev->error(r->ev->arg, err->code, (int)err->level, err->line, err->int2,
			     err->message);
}

static int parse(const char *text, size_t len, const tl_xml_events *ev)
{
	xmlSAXHandler sax;
	int options = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA;
	run r = {NULL, ev};

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.internalSubset = on_doctype;
	sax.serror = on_error;
	xmlInitParser();
	/* no callback builds a document, but libxml2 may make one of its own
	 * (to keep entities it meets after a fatal error): freed here */
#if LIBXML_VERSION >= 21100
	r.ctxt = xmlNewSAXParserCtxt(&sax, &r);
	if (!r.ctxt)
		return -1;
	xmlFreeDoc(xmlCtxtReadMemory(r.ctxt, text, (int)len, NULL, NULL, options));
#else
	r.ctxt = xmlCreateMemoryParserCtxt(text, (int)len);
	if (!r.ctxt)
		return -1;
	memcpy(r.ctxt->sax, &sax, sizeof(sax));
	r.ctxt->userData = &r;
	xmlCtxtUseOptions(r.ctxt, options);
	xmlParseDocument(r.ctxt);
	xmlFreeDoc(r.ctxt->myDoc);
	r.ctxt->myDoc = NULL;
#endif
	xmlFreeParserCtxt(r.ctxt);
	return 0;
}

const tl_xml_backend tl_xml_backend_libxml2 = {
	{TL_XML_BACKEND_ABI, sizeof(tl_xml_backend), PACKAGE_VERSION},
	parse,
};
