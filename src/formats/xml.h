/* xml.h: an XML reader for hostile input, over bytes already in memory:
 * the configuration files of IIS and WCF (FORMATS.md 6).
 *
 * libxml2's SAX2 parser reads the document; this module holds it to what a
 * configuration file needs:
 * - never the network (XML_PARSE_NONET) and never a DTD: a document with
 *   a document type declaration is refused before libxml2 reads it
 *   (input-xml-doctype), so no entity is ever declared, loaded or expanded
 *   (no XML_PARSE_NOENT, no XML_PARSE_DTDLOAD); configuration files have
 *   no DTD (FORMATS.md 6);
 * - bounded: the bytes of a document, its nesting depth, its elements and
 *   the attributes of one element (TL_XML_MAX_*, trustlint(1) LIMITS), and
 *   libxml2's own limits on names and values (no XML_PARSE_HUGE);
 * - UTF-8 with or without a byte order mark, UTF-16 with one (converted
 *   here, so libxml2 only ever reads UTF-8 that was checked first), and an
 *   encoding declaration naming either; any other declared encoding is
 *   refused (input-xml-encoding);
 * - every libxml2 error becomes a located diagnostic through a structured
 *   error handler of this parse alone; libxml2 prints nothing.
 *
 * A document that is not read whole (not well-formed, refused, over a
 * limit) is one error at the place it stops; the caller discards what the
 * callbacks were given, as IIS refuses such a file (HTTP 500.19).
 *
 * Ownership: what the callbacks receive is borrowed for the length of the
 * call. file is borrowed by the diagnostics' locations and must outlive
 * them (a tl_source path). */
#ifndef TL_XML_H
#define TL_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

/* The limits, documented in trustlint(1) under LIMITS. Configuration files
 * nest about a dozen levels and IIS's own largest hold a few MB. */
#define TL_XML_MAX_BYTES ((size_t)256 << 20) /* one document */
#define TL_XML_MAX_DEPTH 100                 /* nested elements */
#define TL_XML_MAX_ELEMENTS 1000000          /* elements of one document */
#define TL_XML_MAX_ATTRIBUTES 256            /* attributes of one element */

typedef struct tl_xml_attr {
	const char *name;   /* local name */
	const char *prefix; /* NULL when none (xdt:Transform has "xdt") */
	const char *value;  /* entity and character references decoded */
} tl_xml_attr;

typedef struct tl_xml_element {
	const char *name;   /* local name */
	const char *prefix; /* NULL when none */
	tl_loc loc;         /* the line and column of its '<' (columns in characters) */
	unsigned depth;     /* 1 for the root element */
	const tl_xml_attr *attrs;
	size_t attr_count;
} tl_xml_element;

typedef struct tl_xml_handler {
	void (*start)(void *arg, const tl_xml_element *e);
	void (*end)(void *arg, const char *name, unsigned depth);
	void *arg;
} tl_xml_handler;

/* Read the document of len bytes at data, calling h for each element in
 * document order. Returns 0 when it was read whole; -1 after adding to d
 * why it was not (input-xml-*). Warnings libxml2 gives about a document it
 * still reads whole are added too (input-xml-warning). */
int tl_xml_parse(const uint8_t *data, size_t len, const char *file, const tl_xml_handler *h,
		 tl_diags *d);

/* Whether the content is an XML document whose root element is root: after
 * a byte order mark (UTF-8 or UTF-16), blanks, the XML declaration,
 * comments and processing instructions, either the root element itself or
 * a document type declaration naming it (which tl_xml_parse() then refuses
 * with its location). */
bool tl_xml_root_is(const uint8_t *data, size_t len, const char *root);

/* The encoding of data as SARIF names it: "utf-16le", "utf-16be" (a byte
 * order mark says so), else "utf-8". */
const char *tl_xml_encoding(const uint8_t *data, size_t len);

#endif
