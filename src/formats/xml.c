/* xml.c: the XML reader for hostile input (see xml.h): byte order marks and
 * UTF-16 converted to checked UTF-8, the encoding declaration, libxml2's
 * SAX2 parser held to no network, no DTD and bounded size, its errors as
 * located diagnostics, and the position of each element's '<'.
 *
 * Diagnostic ids (locations are line:column, columns in characters):
 *   input-xml-malformed   libxml2 found the document not well-formed
 *   input-xml-doctype     a document type declaration (refused before
 *                         libxml2 reads anything)
 *   input-xml-too-deep    elements nested deeper than TL_XML_MAX_DEPTH
 *   input-xml-too-large   over TL_XML_MAX_BYTES, _ELEMENTS or _ATTRIBUTES
 *   input-xml-encoding    bytes that are not UTF-8 or UTF-16, or another
 *                         declared encoding
 *   input-xml-warning     what libxml2 warns about in a document it reads
 *   input-xml-unavailable libxml2's module (formats/xml_backend.h) did not
 *                         load: no XML file is read */
#include "config.h"

#include "formats/xml.h"

/* libxml2's headers for its error codes and levels alone: its functions
 * are reached through formats/xml_backend.h */
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "base/util.h"
#include "formats/xml_backend.h"

/* ---- positions: line and column of a byte of the UTF-8 text */

typedef struct cursor {
	size_t pos;         /* the byte the position is of */
	uint32_t line, col; /* 1-based; the column counts characters */
} cursor;

/* Move c forward to byte to. XML ends lines with LF, CR LF or a lone CR
 * (XML 1.0, 2.11). */
static void advance(cursor *c, const char *text, size_t len, size_t to)
{
	for (; c->pos < to && c->pos < len; c->pos++) {
		unsigned char b = (unsigned char)text[c->pos];

		if (b == '\n' || (b == '\r' && (c->pos + 1 >= len || text[c->pos + 1] != '\n'))) {
			if (c->line < UINT32_MAX)
				c->line++;
			c->col = 1;
		} else if (b != '\r' && (b & 0xC0) != 0x80 && c->col < UINT32_MAX) {
			c->col++;
		}
	}
}

/* The position of byte at, counted from the start. */
static tl_loc loc_at(const char *file, const char *text, size_t len, size_t at)
{
	cursor c = {0, 1, 1};

	advance(&c, text, len, at);
	return tl_loc_line(file, c.line, c.col);
}

/* ---- encodings */

/* A byte order mark: its length, and the width and order of the units. */
static size_t bom(const uint8_t *p, size_t n, int *utf16, bool *big_endian)
{
	*utf16 = 0;
	*big_endian = false;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*utf16 = 1;
		return 2;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*utf16 = 1;
		*big_endian = true;
		return 2;
	}
	return 0;
}

const char *tl_xml_encoding(const uint8_t *data, size_t len)
{
	int utf16;
	bool be;

	bom(data, len, &utf16, &be);
	return utf16 ? (be ? "utf-16be" : "utf-16le") : "utf-8";
}

/* UTF-16 units to UTF-8 in out: 0, or -1 after reporting a lone surrogate
 * or an odd last byte at its place. */
static int from_utf16(const uint8_t *p, size_t n, bool be, tl_buf *out, const char *file,
		      tl_diags *d)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2) {
		uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i] | p[i + 1] << 8);

		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t lo = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3])
					 : (uint32_t)(p[i + 2] | p[i + 3] << 8);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				tl_utf8_put(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
				i += 2;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			tl_loc l = loc_at(file, out->data, out->len, out->len);
			tl_diag_add(d, TL_ERROR, "input-xml-encoding", &l,
				    "UTF-16 text holds a lone surrogate (0x%04X), which is no character",
				    (unsigned)u);
			return -1;
		}
		tl_utf8_put(out, u);
	}
	if (i < n) {
		tl_loc l = loc_at(file, out->data, out->len, out->len);
		tl_diag_add(d, TL_ERROR, "input-xml-encoding", &l,
			    "UTF-16 text ends in half a character (an odd number of bytes)");
		return -1;
	}
	return 0;
}

/* Whether the UTF-8 text is well-formed and holds no NUL; if not, report
 * where it is not. XML text never holds U+0000 (XML 1.0, 2.2), and
 * libxml2 takes a document whose first bytes hold NULs for UTF-16 or
 * UCS-4 without a byte order mark and converts it (printing what fails
 * to stderr): NULs stop here, so libxml2 only ever reads UTF-8. */
static int check_utf8(const char *text, size_t len, const char *file, tl_diags *d)
{
	size_t i = 0;

	while (i < len) {
		size_t n = (unsigned char)text[i] < 0x80 ? 1 : tl_utf8_len(text + i, NULL);

		if (text[i] == '\0') {
			tl_loc l = loc_at(file, text, len, i);
			tl_diag_add(d, TL_ERROR, "input-xml-encoding", &l,
				    "a NUL byte, which no XML text holds (UTF-16 without its byte order mark?)");
			return -1;
		}

		if (n == 0 || n > len - i) {
			tl_loc l = loc_at(file, text, len, i);
			tl_diag_add(d, TL_ERROR, "input-xml-encoding", &l,
				    "byte 0x%02X is not UTF-8 here: save the file as UTF-8 (as IIS writes it) or UTF-16",
				    (unsigned char)text[i]);
			return -1;
		}
		i += n;
	}
	return 0;
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The encoding an XML declaration names must be one of those the bytes
 * are read as: an ASCII-compatible code page would be misread as UTF-8. */
static int check_declared_encoding(const char *text, size_t len, const char *file, tl_diags *d)
{
	static const char *const accepted[] = {"UTF-8", "UTF8", "UTF-16", "UTF-16LE",
					       "UTF-16BE", "US-ASCII", "ASCII"};
	const char *end, *p, *q;
	size_t i, n;
	char quote;

	if (len < 6 || strncmp(text, "<?xml", 5) != 0 || !is_blank(text[5]))
		return 0;
	end = strstr(text, "?>");
	if (!end)
		return 0; /* libxml2 says what is wrong */
	for (p = text + 5; (p = strstr(p, "encoding")) != NULL && p < end; p += 8) {
		if (!is_blank(p[-1]))
			continue;
		q = p + 8;
		while (q < end && is_blank(*q))
			q++;
		if (q >= end || *q != '=')
			continue;
		q++;
		while (q < end && is_blank(*q))
			q++;
		if (q >= end || (*q != '"' && *q != '\''))
			continue;
		quote = *q++;
		for (n = 0; q + n < end && q[n] != quote; n++)
			;
		for (i = 0; i < TL_ARRAY_LEN(accepted); i++)
			if (strlen(accepted[i]) == n && tl_strncasecmp(q, accepted[i], n) == 0)
				return 0;
		{
			tl_loc l = loc_at(file, text, len, (size_t)(p - text));
			char *name = tl_xstrndup(q, n);
			tl_diag_add(d, TL_ERROR, "input-xml-encoding", &l,
				    "the document declares encoding '%s': only UTF-8 and UTF-16 are read; save it as UTF-8 (as IIS writes it)",
				    name);
			free(name);
		}
		return -1;
	}
	return 0;
}

/* ---- finding each element's '<' in the text libxml2 has accepted */

/* The offset of needle in text[from, len), or len. */
static size_t find(const char *text, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = from; i + n <= len; i++)
		if (text[i] == needle[0] && memcmp(text + i, needle, n) == 0)
			return i;
	return len;
}

enum markup { MARKUP_START_TAG, MARKUP_DOCTYPE };

/* Move c to the next start tag (or document type declaration) and past
 * it; *at gets its position. Called only from libxml2's callbacks, on
 * text libxml2 has read as well-formed up to and including that markup,
 * so comments, processing instructions, CDATA and end tags are skipped
 * whole, and no '<' is in a quoted attribute value. */
static tl_loc next_markup(cursor *c, const char *text, size_t len, const char *file,
			  enum markup want)
{
	size_t i = c->pos;

	for (;;) {
		const char *lt = i < len ? memchr(text + i, '<', len - i) : NULL;
		size_t at, end;
		char quote = 0;

		if (!lt) {
			advance(c, text, len, len);
			return tl_loc_line(file, c->line, c->col);
		}
		at = (size_t)(lt - text);
		if (strncmp(lt, "<!--", 4) == 0) {
			i = find(text, len, at + 4, "-->") + 3;
			continue;
		}
		if (strncmp(lt, "<![CDATA[", 9) == 0) {
			i = find(text, len, at + 9, "]]>") + 3;
			continue;
		}
		if (lt[1] == '?') {
			i = find(text, len, at + 2, "?>") + 2;
			continue;
		}
		if (lt[1] == '/' || (lt[1] == '!' && want != MARKUP_DOCTYPE)) {
			i = find(text, len, at + 2, ">") + 1;
			continue;
		}
		advance(c, text, len, at);
		{
			tl_loc l = tl_loc_line(file, c->line, c->col);
			for (end = at + 1; end < len && (quote || text[end] != '>'); end++) {
				if (quote && text[end] == quote)
					quote = 0;
				else if (!quote && (text[end] == '"' || text[end] == '\''))
					quote = text[end];
			}
			/* a document type declaration stops the read here, so its
			 * end is never needed */
			if (want == MARKUP_START_TAG)
				advance(c, text, len, end + 1);
			return l;
		}
	}
}

/* The offset of a document type declaration: the first "<!DOCTYPE"
 * outside comments, processing instructions and CDATA sections, or len.
 * A document with one is refused before libxml2 reads it: libxml2 goes on
 * parsing after a fatal error with its callbacks off, and would then read
 * the declaration's internal subset (declaring its entities on a document
 * of its own) without asking on_doctype(). Outside the prolog "<!DOCTYPE"
 * can only be a mistake libxml2 would report; refusing it is as right. */
static size_t find_doctype(const char *text, size_t len)
{
	size_t i = 0;

	for (;;) {
		const char *lt = i < len ? memchr(text + i, '<', len - i) : NULL;
		size_t at;

		if (!lt)
			return len;
		at = (size_t)(lt - text);
		if (len - at >= 9 && memcmp(lt, "<!DOCTYPE", 9) == 0)
			return at;
		if (len - at >= 4 && memcmp(lt, "<!--", 4) == 0)
			i = find(text, len, at + 4, "-->") + 3;
		else if (len - at >= 9 && memcmp(lt, "<![CDATA[", 9) == 0)
			i = find(text, len, at + 9, "]]>") + 3;
		else if (len - at >= 2 && lt[1] == '?')
			i = find(text, len, at + 2, "?>") + 2;
		else
			i = at + 1;
	}
}

static void refuse_doctype(const char *file, const char *text, size_t len, size_t at,
			   const char *name, tl_diags *d)
{
	tl_loc l = loc_at(file, text, len, at);

	tl_diag_add(d, TL_ERROR, "input-xml-doctype", &l,
		    "a document type declaration ('<!DOCTYPE %s'): configuration files have none, and its entities could expand without bound or read other files, so nothing of this file is read",
		    name);
}

/* ---- the parse */

typedef struct state {
	const tl_xml_handler *h;
	const char *file;
	const char *text;
	size_t len;
	tl_diags *d;
	cursor cur;
	unsigned depth;
	size_t elements;
	bool stopped; /* the read stopped on a limit or a DTD: reported */
	bool failed;  /* libxml2 found it not well-formed: reported */
	tl_buf values;        /* the decoded attribute values, NUL after each */
	tl_xml_attr *attrs;
	size_t attr_cap;
} state;

/* The parse stops when the event that called this returns. */
static void stop(state *st)
{
	st->stopped = true;
}

/* libxml2 hands attribute values to SAX2 without entity substitution,
 * which keeps a '&' from a reference as "&#38;" (for a tree builder to
 * read again; libxml2 parser.c, xmlParseAttValueInternal): only '&' comes
 * out that way, so turning each "&#38;" back gives the value. */
static void decode_value(tl_buf *b, const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i] == '&' && n - i >= 5 && memcmp(v + i, "&#38;", 5) == 0) {
			tl_buf_addc(b, '&');
			i += 4;
		} else {
			tl_buf_addc(b, v[i]);
		}
	}
	tl_buf_addc(b, '\0');
}

static bool on_start(void *arg, const char *localname, const char *prefix, size_t n,
		     const char *const *attributes)
{
	state *st = arg;
	tl_xml_element e;
	size_t i;
	size_t *offsets;

	if (st->stopped || st->failed)
		return st->stopped;
	e.loc = next_markup(&st->cur, st->text, st->len, st->file, MARKUP_START_TAG);
	st->depth++;
	st->elements++;
	if (st->depth > TL_XML_MAX_DEPTH) {
		tl_diag_add(st->d, TL_ERROR, "input-xml-too-deep", &e.loc,
			    "elements nested more than %d deep: nothing of this file is read",
			    TL_XML_MAX_DEPTH);
		stop(st);
		return true;
	}
	if (st->elements > TL_XML_MAX_ELEMENTS) {
		tl_diag_add(st->d, TL_ERROR, "input-xml-too-large", &e.loc,
			    "more than %d elements: nothing of this file is read", TL_XML_MAX_ELEMENTS);
		stop(st);
		return true;
	}
	if (n > TL_XML_MAX_ATTRIBUTES) {
		tl_diag_add(st->d, TL_ERROR, "input-xml-too-large", &e.loc,
			    "an element with %zu attributes (more than %d): nothing of this file is read",
			    n, TL_XML_MAX_ATTRIBUTES);
		stop(st);
		return true;
	}
	/* values first, then pointers into the buffer once it stops moving */
	st->values.len = 0;
	offsets = tl_xmalloc((n ? n : 1) * sizeof(size_t));
	for (i = 0; i < n; i++) {
		const char *const *a = attributes + 5 * i; /* localname, prefix, URI, value, end */
		offsets[i] = st->values.len;
		decode_value(&st->values, a[3], (size_t)(a[4] - a[3]));
	}
	tl_xgrow((void **)&st->attrs, &st->attr_cap, n ? n : 1, sizeof(*st->attrs));
	for (i = 0; i < n; i++) {
		const char *const *a = attributes + 5 * i;
		st->attrs[i].name = a[0];
		st->attrs[i].prefix = a[1];
		st->attrs[i].value = st->values.data + offsets[i];
	}
	free(offsets);
	e.name = localname;
	e.prefix = prefix;
	e.depth = st->depth;
	e.attrs = st->attrs;
	e.attr_count = n;
	if (st->h->start)
		st->h->start(st->h->arg, &e);
	return false;
}

static void on_end(void *arg, const char *localname)
{
	state *st = arg;

	if (st->stopped || st->failed)
		return;
	if (st->h->end)
		st->h->end(st->h->arg, localname, st->depth);
	st->depth--;
}

/* A declaration find_doctype() did not see (none is known): refused the
 * same way, before libxml2 reads its internal subset. */
static void on_doctype(void *arg, const char *name)
{
	state *st = arg;

	if (st->stopped || st->failed)
		return;
	next_markup(&st->cur, st->text, st->len, st->file, MARKUP_DOCTYPE);
	refuse_doctype(st->file, st->text, st->len, st->cur.pos, name, st->d);
	stop(st);
}

/* What libxml2's errors mean, by code (stable across versions, unlike the
 * text). */
static const struct {
	int code;
	const char *what;
} xml_errors[] = {
	{XML_ERR_DOCUMENT_START, "no element where the document starts"},
	{XML_ERR_DOCUMENT_EMPTY, "the document holds no element"},
	{XML_ERR_DOCUMENT_END, "content after the end of the root element"},
	{XML_ERR_INVALID_HEX_CHARREF, "a character reference to no character XML allows"},
	{XML_ERR_INVALID_DEC_CHARREF, "a character reference to no character XML allows"},
	{XML_ERR_INVALID_CHARREF, "a character reference to no character XML allows"},
	{XML_ERR_INVALID_CHAR, "a character XML does not allow"},
	{XML_ERR_ENTITYREF_NO_NAME, "a '&' that starts no reference (write '&amp;')"},
	{XML_ERR_ENTITYREF_SEMICOL_MISSING, "a reference without its ';'"},
	{XML_ERR_UNDECLARED_ENTITY, "a reference to an entity that is not declared"},
	{XML_ERR_STRING_NOT_STARTED, "a quoted value missing"},
	{XML_ERR_STRING_NOT_CLOSED, "a quoted value that does not end"},
	{XML_ERR_LT_IN_ATTRIBUTE, "a '<' in an attribute value (write '&lt;')"},
	{XML_ERR_ATTRIBUTE_NOT_STARTED, "an attribute value without quotes"},
	{XML_ERR_ATTRIBUTE_NOT_FINISHED, "an attribute value that does not end, or is too long"},
	{XML_ERR_ATTRIBUTE_WITHOUT_VALUE, "an attribute without a value"},
	{XML_ERR_ATTRIBUTE_REDEFINED, "an attribute given twice in one element"},
	{XML_ERR_LITERAL_NOT_FINISHED, "a quoted value that does not end"},
	{XML_ERR_COMMENT_NOT_FINISHED, "a comment that does not end"},
	{XML_ERR_PI_NOT_FINISHED, "a processing instruction that does not end"},
	{XML_ERR_XMLDECL_NOT_FINISHED, "an XML declaration that does not end"},
	{XML_ERR_CDATA_NOT_FINISHED, "a CDATA section that does not end"},
	{XML_ERR_MISPLACED_CDATA_END, "a ']]>' in text"},
	{XML_ERR_RESERVED_XML_NAME, "an XML declaration that is not at the start of the document"},
	{XML_ERR_SPACE_REQUIRED, "a blank missing (between attributes, or in a declaration)"},
	{XML_ERR_NAME_REQUIRED, "a name missing"},
	{XML_ERR_GT_REQUIRED, "a '>' missing"},
	{XML_ERR_LTSLASH_REQUIRED, "a '</' missing"},
	{XML_ERR_EQUAL_REQUIRED, "a '=' missing after an attribute name"},
	{XML_ERR_TAG_NAME_MISMATCH, "an end tag that does not match its start tag"},
	{XML_ERR_TAG_NOT_FINISHED, "the document ends inside an element"},
	{XML_ERR_HYPHEN_IN_COMMENT, "a '--' inside a comment"},
	{XML_ERR_EXTRA_CONTENT, "content after the end of the root element"},
	{XML_ERR_VERSION_MISSING, "an XML declaration without its version"},
	{XML_NS_ERR_UNDEFINED_NAMESPACE, "a namespace prefix that is not declared"},
	{XML_NS_ERR_QNAME, "a name with more than one ':'"},
	{XML_WAR_NS_URI, "a namespace name that is not a URI"},
	{XML_WAR_NS_URI_RELATIVE, "a namespace name that is a relative URI"},
#if LIBXML_VERSION >= 21300
	{XML_ERR_RESOURCE_LIMIT, "a name, value or text over libxml2's limits"},
#endif
};

/* libxml2's message, for a code the table lacks: its first line, without
 * the final period, starting lower-case (STYLE.md, Messages). */
static char *libxml2_text(const char *msg)
{
	size_t n = 0;
	char *out;

	if (!msg)
		return tl_xstrdup("an error");
	while (msg[n] && msg[n] != '\n')
		n++;
	while (n > 0 && (msg[n - 1] == '.' || msg[n - 1] == ' '))
		n--;
	out = tl_xstrndup(msg, n);
	if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
		out[0] = (char)(out[0] - 'A' + 'a');
	return out;
}

static void on_error(void *arg, int code, int level, int line, int col, const char *message)
{
	state *st = arg;
	const char *what = NULL;
	char *text = NULL;
	size_t i;
	tl_loc l;

	if (st->stopped || st->failed)
		return;
	for (i = 0; i < TL_ARRAY_LEN(xml_errors); i++)
		if (xml_errors[i].code == code)
			what = xml_errors[i].what;
	if (!what)
		what = text = libxml2_text(message);
	/* libxml2's own position: it reads the same UTF-8 text and counts
	 * lines and characters as trustlint does */
	l = tl_loc_line(st->file, line > 0 ? (uint32_t)line : 1, col > 0 ? (uint32_t)col : 0);
	if (level == XML_ERR_FATAL) {
		tl_diag_add(st->d, TL_ERROR, "input-xml-malformed", &l,
			    "not well-formed XML: %s (libxml2 error %d): nothing of this file is read",
			    what, code);
		st->failed = true;
	} else {
		tl_diag_add(st->d, TL_WARNING, "input-xml-warning", &l, "%s (libxml2 %s %d)", what,
			    level == XML_ERR_WARNING ? "warning" : "error", code);
	}
	free(text);
}

static void run(state *st, const tl_xml_backend *be)
{
	const tl_xml_events ev = {st, on_start, on_end, on_doctype, on_error};

	if (be->parse(st->text, st->len, &ev) != 0)
		tl_oom();
}

int tl_xml_parse(const uint8_t *data, size_t len, const char *file, const tl_xml_handler *h,
		 tl_diags *d)
{
	tl_buf text = {0};
	state st;
	int utf16;
	bool big_endian;
	size_t skip = bom(data, len, &utf16, &big_endian), doctype;
	const tl_xml_backend *be;
	const char *why;
	int rc = -1;

	if (len > TL_XML_MAX_BYTES) {
		char size[32];
		tl_loc l = tl_loc_file(file);
		tl_format_size(TL_XML_MAX_BYTES, size);
		tl_diag_add(d, TL_ERROR, "input-xml-too-large", &l,
			    "a configuration file over %s: not read", size);
		return -1;
	}
	tl_buf_add(&text, "", 0);
	if (utf16) {
		if (from_utf16(data + skip, len - skip, big_endian, &text, file, d) != 0)
			goto out;
	} else {
		tl_buf_add(&text, data + skip, len - skip);
	}
	if (check_utf8(text.data, text.len, file, d) != 0)
		goto out;
	/* a second byte order mark is a character before the document, which
	 * libxml2 would skip as the first (and tl_xml_root_is() does not) */
	if (text.len >= 3 && memcmp(text.data, "\xEF\xBB\xBF", 3) == 0) {
		tl_loc l = tl_loc_line(file, 1, 1);
		tl_diag_add(d, TL_ERROR, "input-xml-encoding", &l,
			    "a second byte order mark (U+FEFF) before the document");
		goto out;
	}
	if (check_declared_encoding(text.data, text.len, file, d) != 0)
		goto out;
	doctype = find_doctype(text.data, text.len);
	if (doctype < text.len) {
		size_t n = 0;
		const char *name = text.data + doctype + 9;
		while (name < text.data + text.len && is_blank(*name))
			name++;
		while (name + n < text.data + text.len && !is_blank(name[n]) && name[n] != '[' &&
		       name[n] != '>' && n < 64)
			n++;
		{
			char *copy = tl_xstrndup(name, n);
			refuse_doctype(file, text.data, text.len, doctype, copy, d);
			free(copy);
		}
		goto out;
	}
	if (text.len == 0) {
		tl_loc l = tl_loc_line(file, 1, 1);
		tl_diag_add(d, TL_ERROR, "input-xml-malformed",
			    &l, "not well-formed XML: the document holds no element: nothing of this file is read");
		goto out;
	}
	be = TL_MODULE_TABLE("xml", tl_xml_backend_libxml2, TL_XML_BACKEND_ABI, &why);
	if (!be) {
		tl_loc l = tl_loc_file(file);
		tl_diag_add(d, TL_ERROR, "input-xml-unavailable", &l,
			    "libxml2 is not available: %s: nothing of this file is read", why);
		goto out;
	}
	memset(&st, 0, sizeof(st));
	st.h = h;
	st.file = file;
	st.text = text.data;
	st.len = text.len;
	st.d = d;
	st.cur.line = st.cur.col = 1;
	run(&st, be);
	if (!st.stopped && !st.failed && st.depth != 0) {
		/* libxml2 reports an unfinished document; this is a guard */
		tl_loc l = loc_at(file, text.data, text.len, text.len);
		tl_diag_add(d, TL_ERROR, "input-xml-malformed", &l,
			    "not well-formed XML: the document ends inside an element: nothing of this file is read");
		st.failed = true;
	}
	rc = st.stopped || st.failed ? -1 : 0;
	tl_buf_free(&st.values);
	free(st.attrs);
out:
	tl_buf_free(&text);
	return rc;
}

/* ---- detection */

/* The text of a document as ASCII characters: the units of UTF-16 or the
 * bytes of UTF-8, anything else read as 0x100. */
typedef struct units {
	const uint8_t *p;
	size_t n, i; /* i: the unit the reader is at, in bytes */
	int width;
	bool be;
} units;

static int unit(const units *u, size_t k)
{
	size_t at = u->i + k * (size_t)u->width;
	unsigned v;

	if (at + (size_t)u->width > u->n)
		return -1;
	if (u->width == 1)
		return u->p[at];
	v = u->be ? (unsigned)(u->p[at] << 8 | u->p[at + 1]) : (unsigned)(u->p[at] | u->p[at + 1] << 8);
	return v < 0x80 ? (int)v : 0x100;
}

static bool at_text(const units *u, const char *s)
{
	size_t k;

	for (k = 0; s[k]; k++)
		if (unit(u, k) != (unsigned char)s[k])
			return false;
	return true;
}

/* Move past the first end marker; false at the end of the data. */
static bool skip_past(units *u, const char *end)
{
	while (unit(u, 0) >= 0) {
		if (at_text(u, end)) {
			u->i += strlen(end) * (size_t)u->width;
			return true;
		}
		u->i += (size_t)u->width;
	}
	return false;
}

/* Whether the name at the reader is name, followed by what may follow a
 * name in a tag or declaration. */
static bool name_is(const units *u, const char *name)
{
	int next;

	if (!at_text(u, name))
		return false;
	next = unit(u, strlen(name));
	return next == ' ' || next == '\t' || next == '\r' || next == '\n' || next == '>' ||
	       next == '/' || next == '[';
}

bool tl_xml_root_is(const uint8_t *data, size_t len, const char *root)
{
	units u = {data, len, 0, 1, false};
	int utf16;

	u.i = bom(data, len, &utf16, &u.be);
	u.width = utf16 ? 2 : 1;
	for (;;) {
		while (is_blank(unit(&u, 0)))
			u.i += (size_t)u.width;
		if (unit(&u, 0) != '<')
			return false;
		if (at_text(&u, "<?")) {
			if (!skip_past(&u, "?>"))
				return false;
		} else if (at_text(&u, "<!--")) {
			if (!skip_past(&u, "-->"))
				return false;
		} else if (at_text(&u, "<!DOCTYPE")) {
			u.i += 9 * (size_t)u.width;
			while (is_blank(unit(&u, 0)))
				u.i += (size_t)u.width;
			return name_is(&u, root);
		} else {
			u.i += (size_t)u.width;
			return name_is(&u, root);
		}
	}
}
