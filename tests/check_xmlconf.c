/* check_xmlconf.c: the XML reader for hostile input (formats/xml.c) and the
 * IIS and WCF configuration reader over it (formats/xmlconf.c).
 *
 * Every diagnostic is checked with its exact text and location; hostile
 * documents (entity expansion, external entities, 100,000-deep nesting, a
 * huge attribute, bytes that are not UTF-8) stop at their place and print
 * nothing; every prefix of a configuration file reads without crashing,
 * and is read only when whole. */
#include "config.h"

#include <fcntl.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/xml.h"
#include "formats/xmlconf.h"
#include "testutil.h"

static tl_diags *diags;
static tl_buf events;

static void setup(void)
{
	diags = tl_diags_new();
	memset(&events, 0, sizeof(events));
	tl_buf_add(&events, "", 0);
}

static void teardown(void)
{
	tl_diags_free(diags);
	tl_buf_free(&events);
}

#define ck_diags(expected) tt_ck_diags(diags, expected)

/* Start the diagnostics afresh. */
static void reset_diags(void)
{
	tl_diags_free(diags);
	diags = tl_diags_new();
}

/* The diagnostics of table case i are exactly want. */
static void ck_case(size_t i, const char *want)
{
	char *got = tt_diags_text(diags);

	ck_assert_msg(strcmp(got, want) == 0, "case %zu: got\n%s", i, got);
	free(got);
}

/* The refusal of a document type declaration at line:col. */
#define DOCTYPE_AT(where)                                                                          \
	"t.config:" where ": error: a document type declaration ('<!DOCTYPE configuration'): "      \
	"configuration files have none, and its entities could expand without bound or read other " \
	"files, so nothing of this file is read [input-xml-doctype]\n"

/* ---- the XML layer: what the callbacks see */

static void on_start(void *arg, const tl_xml_element *e)
{
	size_t i;

	tl_buf_printf(&events, "<%s%s%s %u:%u d%u", e->prefix ? e->prefix : "", e->prefix ? ":" : "",
		      e->name, e->loc.line, e->loc.col, e->depth);
	for (i = 0; i < e->attr_count; i++)
		tl_buf_printf(&events, " %s%s%s='%s'", e->attrs[i].prefix ? e->attrs[i].prefix : "",
			      e->attrs[i].prefix ? ":" : "", e->attrs[i].name, e->attrs[i].value);
	tl_buf_adds(&events, "\n");
}

static void on_end(void *arg, const char *name, unsigned depth)
{
	tl_buf_printf(&events, "/%s d%u\n", name, depth);
}

static const tl_xml_handler recorder = {on_start, on_end, NULL};

static int parse_n(const void *p, size_t n)
{
	return tl_xml_parse(p, n, "t.config", &recorder, diags);
}

static int parse(const char *text)
{
	return parse_n(text, strlen(text));
}

/* ASCII text as UTF-16 with a byte order mark. free() the result. */
static uint8_t *utf16(const char *text, bool big_endian, size_t *len)
{
	size_t n = strlen(text), i;
	uint8_t *b = tl_xmalloc(2 * n + 2);

	b[0] = big_endian ? 0xFE : 0xFF;
	b[1] = big_endian ? 0xFF : 0xFE;
	for (i = 0; i < n; i++) {
		b[2 + 2 * i + (big_endian ? 1 : 0)] = (uint8_t)text[i];
		b[2 + 2 * i + (big_endian ? 0 : 1)] = 0;
	}
	*len = 2 * n + 2;
	return b;
}

static const char layout[] =
	"<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n"
	"<!-- <notAnElement a=\"1\"> -->\r\n"
	"<configuration xmlns=\"urn:x\" xmlns:xdt=\"urn:xdt\">\r\n"
	"  <?pi <notAnElement?>\r\n"
	"  <a x=\"1 &amp; 2\" y='&lt;&#38;&#x41;&gt;' xdt:Transform=\"Replace\"\r\n"
	"     z=\"&amp;#38;\">text with > and <![CDATA[<notAnElement/>]]></a>\r\n"
	"\t<b\r\n"
	"/><xdt:c/>\r"
	"<d/>\n"
	"</configuration>\r\n";

static const char layout_events[] =
	"<configuration 3:1 d1\n"
	"<a 5:3 d2 x='1 & 2' y='<&A>' xdt:Transform='Replace' z='&#38;'\n"
	"/a d2\n"
	"<b 7:2 d2\n"
	"/b d2\n"
	"<xdt:c 8:3 d2\n"
	"/c d2\n"
	"<d 9:1 d2\n"
	"/d d2\n"
	"/configuration d1\n";

START_TEST(elements_attributes_and_positions)
{
	ck_assert_int_eq(parse(layout), 0);
	ck_assert_str_eq(events.data, layout_events);
	ck_diags("");
}
END_TEST

START_TEST(encodings)
{
	uint8_t *b;
	size_t n;
	tl_buf bom = {0};
	static const char small[] = "<configuration>\n\t<a k=\"v\"/>\n</configuration>\n";
	static const char small_events[] =
		"<configuration 1:1 d1\n<a 2:2 d2 k='v'\n/a d2\n/configuration d1\n";

	/* UTF-16 with either byte order mark: the same elements, the same
	 * places (columns count characters, not bytes) */
	b = utf16(layout, false, &n);
	ck_assert_int_eq(parse_n(b, n), 0);
	ck_assert_str_eq(events.data, layout_events);
	ck_assert_str_eq(tl_xml_encoding(b, n), "utf-16le");
	free(b);
	events.len = 0;
	b = utf16(layout, true, &n);
	ck_assert_int_eq(parse_n(b, n), 0);
	ck_assert_str_eq(events.data, layout_events);
	ck_assert_str_eq(tl_xml_encoding(b, n), "utf-16be");
	free(b);
	/* UTF-8 with a byte order mark, as IIS writes it */
	events.len = 0;
	tl_buf_add(&bom, "\xEF\xBB\xBF", 3);
	tl_buf_adds(&bom, small);
	ck_assert_int_eq(parse_n(bom.data, bom.len), 0);
	ck_assert_str_eq(events.data, small_events);
	ck_assert_str_eq(tl_xml_encoding((const uint8_t *)bom.data, bom.len), "utf-8");
	tl_buf_free(&bom);
	/* a character past the BMP: one column, from a surrogate pair in
	 * UTF-16 as from four bytes in UTF-8 */
	events.len = 0;
	ck_assert_int_eq(parse("<r v=\"\xF0\x9F\x94\x92\"><x/></r>"), 0);
	ck_assert_str_eq(events.data, "<r 1:1 d1 v='\xF0\x9F\x94\x92'\n<x 1:10 d2\n/x d2\n/r d1\n");
	events.len = 0;
	{
		static const uint8_t pair[] = {0xFF, 0xFE, '<', 0, 'r', 0, ' ', 0, 'v', 0, '=', 0,
					       '"', 0, 0x3D, 0xD8, 0x12, 0xDD, '"', 0, '>', 0,
					       '<', 0, 'x', 0, '/', 0, '>', 0, '<', 0, '/', 0,
					       'r', 0, '>', 0};
		ck_assert_int_eq(parse_n(pair, sizeof(pair)), 0);
		ck_assert_str_eq(events.data, "<r 1:1 d1 v='\xF0\x9F\x94\x92'\n<x 1:10 d2\n/x d2\n/r d1\n");
	}
	ck_diags("");
}
END_TEST

/* Each input and the one diagnostic it gives, exactly. */
static const struct {
	const char *text;
	const char *diag;
} diag_cases[] = {
	/* input-xml-malformed: libxml2's code, trustlint's words */
	{"<configuration>\n  <a>\n</configuration>\n",
	 "t.config:3:17: error: not well-formed XML: an end tag that does not match its start tag (libxml2 error 76): nothing of this file is read [input-xml-malformed]\n"},
	{"<configuration>\n  <a b=\"<\"/>\n</configuration>\n",
	 "t.config:2:9: error: not well-formed XML: a '<' in an attribute value (write '&lt;') (libxml2 error 38): nothing of this file is read [input-xml-malformed]\n"},
	{"<configuration a=\"1\" a=\"2\"/>",
	 "t.config:1:27: error: not well-formed XML: an attribute given twice in one element (libxml2 error 42): nothing of this file is read [input-xml-malformed]\n"},
	{"<configuration>&nbsp;</configuration>",
	 "t.config:1:22: error: not well-formed XML: a reference to an entity that is not declared (libxml2 error 26): nothing of this file is read [input-xml-malformed]\n"},
	{"<configuration/><more/>",
	 "t.config:1:17: error: not well-formed XML: content after the end of the root element (libxml2 error 5): nothing of this file is read [input-xml-malformed]\n"},
	{"<configuration>\x01</configuration>",
	 "t.config:1:16: error: not well-formed XML: a character XML does not allow (libxml2 error 9): nothing of this file is read [input-xml-malformed]\n"},
	{"",
	 "t.config:1:1: error: not well-formed XML: the document holds no element: nothing of this file is read [input-xml-malformed]\n"},
	/* input-xml-doctype: at its '<', after what comes before it */
	{"<?xml version=\"1.0\"?>\n<!-- <!DOCTYPE no> -->\n  <!DOCTYPE configuration SYSTEM \"http://example.invalid/x.dtd\">\n<configuration/>",
	 DOCTYPE_AT("3:3")},
	/* input-xml-encoding */
	{"<configuration>\n  <a v=\"caf\xE9\"/>\n</configuration>\n",
	 "t.config:2:12: error: byte 0xE9 is not UTF-8 here: save the file as UTF-8 (as IIS writes it) or UTF-16 [input-xml-encoding]\n"},
	{"<?xml version='1.0' encoding = 'windows-1252' ?><configuration/>",
	 "t.config:1:21: error: the document declares encoding 'windows-1252': only UTF-8 and UTF-16 are read; save it as UTF-8 (as IIS writes it) [input-xml-encoding]\n"},
	/* input-xml-too-large: attributes of one element */
	/* (built below: 257 attributes) */
	/* input-xml-warning: the document is still read */
	{"<configuration><x:a/></configuration>",
	 "t.config:1:20: warning: a namespace prefix that is not declared (libxml2 error 201) [input-xml-warning]\n"},
};

START_TEST(every_diagnostic)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(diag_cases); i++) {
		reset_diags();
		parse(diag_cases[i].text);
		ck_case(i, diag_cases[i].diag);
	}
}
END_TEST

START_TEST(utf16_damage)
{
	/* a lone surrogate, at its place on the second line */
	static const uint8_t lone[] = {0xFF, 0xFE, '<', 0, 'r', 0, '>', 0, '\n', 0, ' ', 0,
				       0x00, 0xDC, '<', 0, '/', 0, 'r', 0, '>', 0};
	static const uint8_t odd[] = {0xFE, 0xFF, 0, '<', 0, 'r', 0, '/', 0, '>', 0};

	ck_assert_int_eq(parse_n(lone, sizeof(lone)), -1);
	ck_assert_int_eq(parse_n(odd, sizeof(odd)), -1);
	ck_diags("t.config:2:2: error: UTF-16 text holds a lone surrogate (0xDC00), which is no character [input-xml-encoding]\n"
		 "t.config:1:5: error: UTF-16 text ends in half a character (an odd number of bytes) [input-xml-encoding]\n");
	ck_assert_str_eq(events.data, "");
}
END_TEST

START_TEST(limits)
{
	tl_buf b = {0};
	int i;

	/* 257 attributes on one element */
	tl_buf_adds(&b, "<configuration>\n <a");
	for (i = 0; i < TL_XML_MAX_ATTRIBUTES + 1; i++)
		tl_buf_printf(&b, " a%d=\"\"", i);
	tl_buf_adds(&b, "/></configuration>");
	ck_assert_int_eq(parse_n(b.data, b.len), -1);
	/* more elements than the cap, each one line */
	b.len = 0;
	tl_buf_adds(&b, "<configuration>");
	for (i = 0; i < TL_XML_MAX_ELEMENTS; i++)
		tl_buf_adds(&b, "\n<a/>");
	tl_buf_adds(&b, "</configuration>");
	ck_assert_int_eq(parse_n(b.data, b.len), -1);
	/* a document over the byte cap is refused before a byte is read */
	ck_assert_int_eq(tl_xml_parse((const uint8_t *)"", TL_XML_MAX_BYTES + 1, "big.config",
				      &recorder, diags),
			 -1);
	ck_diags("t.config:2:2: error: an element with 257 attributes (more than 256): nothing of this file is read [input-xml-too-large]\n"
		 "t.config:1000001:1: error: more than 1000000 elements: nothing of this file is read [input-xml-too-large]\n"
		 "big.config: error: a configuration file over 256 MiB: not read [input-xml-too-large]\n");
	tl_buf_free(&b);
}
END_TEST

/* ---- hostile documents: each stops at its place, and libxml2 prints
 * nothing (its errors go to the parse's own handler, not to stderr) */

/* Run parse_n with stderr sent to a file; return what was written. */
static char *quiet_parse(const void *p, size_t n, int *rc)
{
	char path[] = "/tmp/tl-check-xmlconf-XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	char *out;
	size_t len = 0;
	FILE *f;

	ck_assert(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, 2);
	*rc = parse_n(p, n);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	f = fopen(path, "rb");
	out = tl_xmalloc(4096);
	if (f) {
		len = fread(out, 1, 4095, f);
		fclose(f);
	}
	out[len] = '\0';
	unlink(path);
	return out;
}

static void ck_hostile(const void *p, size_t n, const char *diag)
{
	int rc;
	char *err;

	reset_diags();
	events.len = 0;
	events.data[0] = '\0';
	err = quiet_parse(p, n, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err, "");
	free(err);
	ck_diags(diag);
}

/* A hostile file of testdata: refused at its place before any element. */
static void ck_hostile_file(const char *rel, const char *diag)
{
	size_t n;
	uint8_t *data = tt_read_testdata(rel, &n);

	ck_hostile(data, n, diag);
	ck_assert_str_eq(events.data, "");
	free(data);
}

START_TEST(hostile_entity_expansion)
{
	ck_hostile_file("config/hostile/billion-laughs.config", DOCTYPE_AT("2:1"));
}
END_TEST

START_TEST(hostile_external_entity)
{
	size_t n;
	uint8_t *xxe;

	ck_hostile_file("config/hostile/external-entity.config", DOCTYPE_AT("3:1"));
	/* a parameter entity and an external subset, in UTF-16 */
	xxe = utf16("<!DOCTYPE configuration SYSTEM \"file:///etc/passwd\" [<!ENTITY % p SYSTEM \"http://example.invalid/p\"> %p;]><configuration/>",
		    false, &n);
	ck_hostile(xxe, n, DOCTYPE_AT("1:1"));
	free(xxe);
}
END_TEST

START_TEST(hostile_deep_nesting)
{
	tl_buf b = {0};
	int i;

	for (i = 0; i < 100000; i++)
		tl_buf_adds(&b, i % 80 == 79 ? "<a>\n" : "<a>");
	for (i = 0; i < 100000; i++)
		tl_buf_adds(&b, "</a>");
	/* the 101st element, on the second line */
	ck_hostile(b.data, b.len, "t.config:2:61: error: elements nested more than 100 deep: nothing of this file is read [input-xml-too-deep]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(hostile_huge_attribute)
{
	tl_buf b = {0};
	size_t i;
	int rc;
	char *err;
	const tl_diag *g;

	/* 20 MB in one attribute value: over libxml2's limit without
	 * XML_PARSE_HUGE. libxml2 2.9 to 2.12 stop at the value's start with
	 * error 40, later versions where the buffer runs over with 114
	 * (XML_ERR_RESOURCE_LIMIT): the line and what is said hold for both */
	tl_buf_adds(&b, "<configuration>\n <a v=\"");
	tl_buf_reserve(&b, 20u << 20);
	for (i = 0; i < (20u << 20); i++)
		b.data[b.len++] = 'x';
	tl_buf_adds(&b, "\"/>\n</configuration>\n");
	err = quiet_parse(b.data, b.len, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(tl_diags_count(diags), 1);
	g = tl_diags_at(diags, 0);
	ck_assert_str_eq(g->id, "input-xml-malformed");
	ck_assert_uint_eq(g->loc.line, 2);
	ck_assert_uint_ge(g->loc.col, 7);
	ck_assert_msg(strcmp(g->msg, "not well-formed XML: an attribute value that does not end, or is too long (libxml2 error 40): nothing of this file is read") == 0 ||
			      strcmp(g->msg, "not well-formed XML: a name, value or text over libxml2's limits (libxml2 error 114): nothing of this file is read") == 0,
		      "%s", g->msg);
	free(err);
	tl_buf_free(&b);
}
END_TEST

START_TEST(hostile_invalid_utf8)
{
	/* an overlong '<', a lone continuation byte, a surrogate in UTF-8 */
	static const char *const bad[] = {
		"<configuration>\xC0\xBC</configuration>",
		"<configuration>\n\x80</configuration>",
		"<configuration v=\"\xED\xA0\x80\"/>",
	};
	static const char *const want[] = {
		"t.config:1:16: error: byte 0xC0 is not UTF-8 here: save the file as UTF-8 (as IIS writes it) or UTF-16 [input-xml-encoding]\n",
		"t.config:2:1: error: byte 0x80 is not UTF-8 here: save the file as UTF-8 (as IIS writes it) or UTF-16 [input-xml-encoding]\n",
		"t.config:1:19: error: byte 0xED is not UTF-8 here: save the file as UTF-8 (as IIS writes it) or UTF-16 [input-xml-encoding]\n",
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(bad); i++)
		ck_hostile(bad[i], strlen(bad[i]), want[i]);
}
END_TEST

/* Bytes libxml2 would take for UTF-16 or UCS-4 without a byte order mark
 * (and convert, printing its failures): refused at the first NUL. */
START_TEST(hostile_nul_bytes)
{
	static const char utf16le[] = "<\0?\0x\0m\0l\0 \0v\0";
	static const char ucs4[] = "\0\0\0<\0\0\0c";
	static const char late[] = "<configuration>\n <a\0/></configuration>";

	ck_hostile(utf16le, sizeof(utf16le) - 1, "t.config:1:2: error: a NUL byte, which no XML text holds (UTF-16 without its byte order mark?) [input-xml-encoding]\n");
	ck_hostile(ucs4, sizeof(ucs4) - 1, "t.config:1:1: error: a NUL byte, which no XML text holds (UTF-16 without its byte order mark?) [input-xml-encoding]\n");
	ck_hostile(late, sizeof(late) - 1, "t.config:2:4: error: a NUL byte, which no XML text holds (UTF-16 without its byte order mark?) [input-xml-encoding]\n");
}
END_TEST

/* Two byte order marks (found by fuzzing): libxml2 would skip the second
 * as if it were the first, where nothing else reads it as a document. */
START_TEST(second_byte_order_mark)
{
	static const char twice[] = "\xEF\xBB\xBF\xEF\xBB\xBF<configuration/>";
	static const uint8_t utf16[] = {0xFF, 0xFE, 0xFF, 0xFE, '<', 0, 'c', 0, '/', 0, '>', 0};

	ck_assert(!tl_xmlconf_detect((const uint8_t *)twice, strlen(twice)));
	ck_hostile(twice, strlen(twice), "t.config:1:1: error: a second byte order mark (U+FEFF) before the document [input-xml-encoding]\n");
	ck_hostile(utf16, sizeof(utf16), "t.config:1:1: error: a second byte order mark (U+FEFF) before the document [input-xml-encoding]\n");
}
END_TEST

/* ---- detection */

START_TEST(detection)
{
	static const struct {
		const char *text;
		size_t len; /* 0: strlen */
		bool yes;
	} cases[] = {
		{"<configuration>", 0, true},
		{"\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<!-- c -->\r\n<configuration\r\n>", 0, true},
		{" \t\r\n<?xml version='1.0'?><?other pi?><!----><configuration/>", 0, true},
		{"<!DOCTYPE configuration [<!ENTITY a 'b'>]><configuration/>", 0, true},
		{"<!DOCTYPE\tconfiguration>", 0, true},
		{"\xFF\xFE<\0c\0o\0n\0f\0i\0g\0u\0r\0a\0t\0i\0o\0n\0>\0", 32, true},
		{"\xFE\xFF\0<\0c\0o\0n\0f\0i\0g\0u\0r\0a\0t\0i\0o\0n\0/", 32, true},
		/* other XML stays unknown */
		{"<location path=\"Default Web Site\">", 0, false},
		{"<configurationX>", 0, false},
		{"<Configuration>", 0, false},
		{"<x:configuration>", 0, false},
		{"<!DOCTYPE html><configuration>", 0, false},
		{"<configuration", 0, false},
		{"<!-- unfinished <configuration>", 0, false},
		{"<\0c\0o\0n\0f\0i\0g\0u\0r\0a\0t\0i\0o\0n\0>\0", 30, false}, /* UTF-16 without BOM */
		{"", 0, false},
		{"configuration", 0, false},
		{"-----BEGIN CERTIFICATE-----\n", 0, false},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		size_t n = cases[i].len ? cases[i].len : strlen(cases[i].text);
		ck_assert_msg(tl_xmlconf_detect((const uint8_t *)cases[i].text, n) == cases[i].yes,
			      "case %zu", i);
	}
}
END_TEST

/* ---- the configuration reader */

static tl_iisconf *conf;

static void conf_setup(void)
{
	setup();
	conf = tl_iisconf_new();
}

static void conf_teardown(void)
{
	tl_iisconf_free(conf);
	teardown();
}

static int read_conf(const char *file, const char *path, const char *text)
{
	return tl_xmlconf_read((const uint8_t *)text, strlen(text), file, path, conf, diags);
}

static void loc_is(const tl_loc *l, uint32_t line, uint32_t col)
{
	ck_assert_int_eq(l->kind, TL_LOC_LINE);
	ck_assert_uint_eq(l->line, line);
	ck_assert_uint_eq(l->col, col);
}

START_TEST(application_host)
{
	size_t n;
	uint8_t *data = tt_read_testdata("config/applicationHost.config", &n);
	const tl_iisconf_file *f;
	const tl_iis_site *s;
	const tl_iis_setting *st;
	static const uint8_t client_sha1[20] = {0x40, 0x31, 0xB2, 0x97, 0x5F, 0x01, 0x5C,
						0x4C, 0x51, 0x0A, 0xE3, 0xCE, 0x1B, 0x6A,
						0x41, 0xD3, 0x50, 0x72, 0x50, 0x10};

	/* a path given to applicationHost.config is not its path */
	ck_assert_int_eq(tl_xmlconf_read(data, n, "applicationHost.config", "Contoso", conf, diags), 0);
	ck_diags("applicationHost.config: warning: applicationHost.config is the server level: 'Contoso=' ignored [input-store-ignored]\n");
	ck_assert_uint_eq(conf->count, 1);
	f = conf->files[0];
	ck_assert_int_eq(f->kind, TL_IISCONF_APPHOST);
	ck_assert_str_eq(f->path, "");
	ck_assert(f->iis_content);
	/* configSections */
	ck_assert(f->declared[TL_SECTION_ACCESS] && f->declared[TL_SECTION_IIS_MAPPING] &&
		  f->declared[TL_SECTION_AD_MAPPING]);
	ck_assert_int_eq(f->override_default[TL_SECTION_ACCESS], TL_OVERRIDE_DENY);
	loc_is(&f->declared_loc[TL_SECTION_ACCESS], 34, 17);
	/* sites and bindings */
	ck_assert_uint_eq(f->site_count, 3);
	s = f->sites[0];
	ck_assert_str_eq(s->name, "Default Web Site");
	ck_assert(s->has_id && s->id == 1);
	loc_is(&s->loc, 60, 13);
	ck_assert_uint_eq(s->binding_count, 2);
	ck_assert_str_eq(s->bindings[1].protocol, "https");
	ck_assert_str_eq(s->bindings[1].information, "*:443:");
	ck_assert(s->bindings[1].endpoint_ok);
	ck_assert_str_eq(s->bindings[1].ip, "*");
	ck_assert_uint_eq(s->bindings[1].port, 443);
	ck_assert_str_eq(s->bindings[1].host, "");
	ck_assert(s->bindings[1].has_ssl_flags && s->bindings[1].ssl_flags == 0);
	ck_assert(!s->bindings[0].has_ssl_flags);
	loc_is(&s->bindings[1].loc, 66, 21);
	s = f->sites[1];
	ck_assert_str_eq(s->name, "Contoso");
	ck_assert_uint_eq(s->app_count, 2);
	ck_assert_str_eq(s->apps[1].path, "/api");
	ck_assert_str_eq(s->bindings[0].host, "www.contoso.com");
	ck_assert_uint_eq(s->bindings[0].ssl_flags, TL_BINDING_SNI);
	s = f->sites[2];
	ck_assert_str_eq(s->bindings[0].ip, "10.0.0.5");
	ck_assert_uint_eq(s->bindings[0].port, 8443);
	ck_assert_uint_eq(s->bindings[0].ssl_flags, TL_BINDING_DISABLE_TLS13 | TL_BINDING_DISABLE_LEGACY);
	ck_assert_uint_eq(s->bindings[1].ssl_flags, TL_BINDING_SNI | TL_BINDING_CCS);
	/* net.tcp bindingInformation is not IP:port:host, and not read as one */
	ck_assert_str_eq(s->bindings[2].information, "808:*");
	ck_assert(!s->bindings[2].endpoint_ok);
	/* the sections, each for its path */
	ck_assert_uint_eq(f->setting_count, 7);
	st = f->settings[0];
	ck_assert_int_eq(st->section, TL_SECTION_ACCESS);
	ck_assert_str_eq(st->path, "");
	ck_assert(st->set == TL_ATTR_SSL_FLAGS && st->ssl_flags == 0);
	ck_assert_int_eq(st->location_loc.kind, TL_LOC_NONE);
	st = f->settings[3];
	ck_assert_int_eq(st->section, TL_SECTION_ACCESS);
	ck_assert_str_eq(st->path, "Contoso");
	ck_assert_uint_eq(st->ssl_flags, TL_ACCESS_SSL | TL_ACCESS_SSL_NEGOTIATE_CERT |
						 TL_ACCESS_SSL_REQUIRE_CERT);
	loc_is(&st->location_loc, 122, 5);
	ck_assert_int_eq(st->override, TL_OVERRIDE_INHERIT);
	st = f->settings[4];
	ck_assert_int_eq(st->section, TL_SECTION_IIS_MAPPING);
	ck_assert(st->enabled && st->one_to_one_enabled);
	ck_assert_uint_eq(st->set, TL_ATTR_ENABLED | TL_ATTR_ONE_TO_ONE_ENABLED);
	ck_assert_uint_eq(st->mapping_count, 1);
	ck_assert(st->mappings[0].has_cert && !st->mappings[0].many_to_one);
	ck_assert_mem_eq(st->mappings[0].cert_sha1, client_sha1, 20);
	/* the model keeps the DER itself, for the view to parse */
	{
		uint8_t sha1[20];
		gnutls_hash_fast(GNUTLS_DIG_SHA1, st->mappings[0].cert_der, st->mappings[0].cert_len,
				 sha1);
		ck_assert_mem_eq(sha1, client_sha1, 20);
	}
	ck_assert_str_eq(st->mappings[0].user_name, "CONTOSO\\svc-client01");
	loc_is(&st->mappings[0].loc, 129, 29);
	st = f->settings[6];
	ck_assert_str_eq(st->path, "Fabrikam");
	ck_assert_int_eq(st->override, TL_OVERRIDE_ALLOW);
	free(data);
}
END_TEST

START_TEST(wcf_service)
{
	size_t n;
	uint8_t *data = tt_read_testdata("config/OrderService.exe.config", &n);
	const tl_iisconf_file *f;
	const tl_wcf_service *svc;
	const tl_wcf_binding *b;
	const tl_wcf_behavior *beh;

	ck_assert_int_eq(tl_xmlconf_read(data, n, "OrderService.exe.config", NULL, conf, diags), 0);
	/* a service's own configuration is not an IIS level: no note */
	ck_diags("");
	f = conf->files[0];
	ck_assert_int_eq(f->kind, TL_IISCONF_APP);
	ck_assert_ptr_null(f->path);
	ck_assert(!f->iis_content);
	ck_assert_uint_eq(f->wcf_binding_count, 3);
	ck_assert_uint_eq(f->wcf_service_count, 1);
	svc = f->wcf_services[0];
	ck_assert_str_eq(svc->name, "Contoso.Orders.OrderService");
	ck_assert_uint_eq(svc->base_address_count, 1);
	ck_assert_str_eq(svc->base_addresses[0].address, "https://+:8443/orders");
	ck_assert_uint_eq(svc->endpoint_count, 4);
	b = tl_iisconf_endpoint_binding(f, &svc->endpoints[0]);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->type, "basicHttpBinding");
	ck_assert_str_eq(b->security_mode, "Transport");
	ck_assert_str_eq(b->transport_credential, "Certificate");
	loc_is(&b->transport_loc, 11, 13);
	b = tl_iisconf_endpoint_binding(f, &svc->endpoints[1]);
	ck_assert_str_eq(b->custom_transport, "httpsTransport");
	ck_assert_int_eq(b->require_client_cert, 1);
	loc_is(&b->require_loc, 18, 11);
	/* no bindingConfiguration: the type's unnamed configuration */
	b = tl_iisconf_endpoint_binding(f, &svc->endpoints[2]);
	ck_assert_str_eq(b->name, "");
	ck_assert_str_eq(b->message_credential, "Certificate");
	loc_is(&b->message_loc, 24, 13);
	ck_assert_ptr_null(b->transport_credential);
	/* a binding type with no configuration in the file */
	ck_assert_ptr_null(tl_iisconf_endpoint_binding(f, &svc->endpoints[3]));
	beh = tl_iisconf_service_behavior(f, svc);
	ck_assert_str_eq(beh->validation_mode, "ChainTrust");
	ck_assert_str_eq(beh->trusted_store_location, "LocalMachine");
	ck_assert_str_eq(beh->revocation_mode, "NoCheck");
	loc_is(&beh->auth_loc, 34, 15);
	free(data);
}
END_TEST

START_TEST(site_web_config)
{
	size_t n;
	uint8_t *data = tt_read_testdata("config/dotnet-wcf__ClientCertificateAccepted_web.config", &n);

	/* without its path: read, and said so */
	ck_assert_int_eq(tl_xmlconf_read(data, n, "web.config", NULL, conf, diags), 0);
	ck_assert_ptr_null(conf->files[0]->settings[0]->path);
	/* with it: settings at that path, MACHINE/WEBROOT/APPHOST and
	 * slashes as appcmd writes them */
	ck_assert_int_eq(tl_xmlconf_read(data, n, "web.config",
					 "MACHINE/WEBROOT/APPHOST/Default Web Site/app/", conf, diags),
			 0);
	ck_assert_str_eq(conf->files[1]->path, "Default Web Site/app");
	ck_assert_str_eq(conf->files[1]->settings[0]->path, "Default Web Site/app");
	ck_assert_uint_eq(conf->files[1]->settings[0]->ssl_flags, TL_ACCESS_SSL_NEGOTIATE_CERT);
	loc_is(&conf->files[1]->settings[0]->loc, 7, 13);
	ck_diags("web.config: note: which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config') [input-config-no-path]\n");
	free(data);
}
END_TEST

START_TEST(many_to_one_sample)
{
	size_t n;
	uint8_t *frag = tt_read_testdata("config/iis-docs__manyToOneMappings_sample1.xml", &n);
	tl_buf doc = {0};
	const tl_iis_setting *st;

	/* the documentation's fragment is not a configuration file ... */
	ck_assert(!tl_xmlconf_detect(frag, n));
	/* ... and is read as one inside <configuration> */
	tl_buf_adds(&doc, "<configuration>");
	tl_buf_add(&doc, frag, n);
	tl_buf_adds(&doc, "</configuration>");
	ck_assert_int_eq(tl_xmlconf_read((const uint8_t *)doc.data, doc.len, "sample1.xml", NULL,
					 conf, diags),
			 0);
	ck_diags("sample1.xml: note: which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config') [input-config-no-path]\n");
	ck_assert_uint_eq(conf->files[0]->setting_count, 2);
	st = conf->files[0]->settings[0];
	ck_assert_int_eq(st->section, TL_SECTION_IIS_MAPPING);
	ck_assert_ptr_null(st->path); /* a location in a file whose path is unknown */
	ck_assert(st->enabled && st->many_to_one_enabled);
	ck_assert_uint_eq(st->mapping_count, 1);
	ck_assert(st->mappings[0].many_to_one);
	ck_assert_str_eq(st->mappings[0].name, "Contoso Employees");
	ck_assert_str_eq(st->mappings[0].permission_mode, "Allow");
	ck_assert_int_eq(st->mappings[0].enabled, 1);
	ck_assert_uint_eq(st->mappings[0].rule_count, 1);
	loc_is(&st->mappings[0].loc, 12, 19);
	ck_assert_str_eq(st->mappings[0].rules[0].field, "Subject");
	ck_assert_str_eq(st->mappings[0].rules[0].sub_field, "O");
	ck_assert_str_eq(st->mappings[0].rules[0].criteria, "Contoso");
	ck_assert_int_eq(st->mappings[0].rules[0].case_sensitive, 1);
	loc_is(&st->mappings[0].rules[0].loc, 18, 25);
	st = conf->files[0]->settings[1];
	ck_assert_int_eq(st->section, TL_SECTION_ACCESS);
	ck_assert_uint_eq(st->ssl_flags, TL_ACCESS_SSL | TL_ACCESS_SSL_NEGOTIATE_CERT);
	tl_buf_free(&doc);
	free(frag);
}
END_TEST

/* Each configuration and the diagnostics it gives, exactly. */
static const struct {
	const char *path;
	const char *text;
	const char *diags;
} config_cases[] = {
	{"Site",
	 "<configuration>\n"
	 " <system.webServer><security><access sslFlags=\"Ssl, SslRequireCert, SslRequireCertificate\"/></security></system.webServer>\n"
	 "</configuration>",
	 "c.config:2:30: error: <access sslFlags='Ssl, SslRequireCert, SslRequireCertificate'>: 'SslRequireCertificate' is not a flag IIS knows (None, Ssl, SslNegotiateCert, SslRequireCert, SslMapCert, Ssl128): the section is refused (HTTP 500.19) [input-config-bad-value]\n"},
	{NULL,
	 "<configuration><system.applicationHost><sites>\n"
	 "<site name=\"A\" id=\"x1\"><bindings>\n"
	 "<binding protocol=\"https\" bindingInformation=\"*:443\" sslFlags=\"-1\"/>\n"
	 "<binding protocol=\"HTTP\" bindingInformation=\"[::1]:70000:\"/>\n"
	 "<binding protocol=\"https\" bindingInformation=\"[::1:443:\"/>\n"
	 "<binding protocol=\"https\" bindingInformation=\"[::1]:443:a:b\"/>\n"
	 "</bindings></site></sites></system.applicationHost></configuration>",
	 "c.config:2:1: error: <site id='x1'>: not a number from 0 to 4294967295 [input-config-bad-value]\n"
	 "c.config:3:1: error: <binding sslFlags='-1'>: not a number from 0 to 4294967295 [input-config-bad-value]\n"
	 "c.config:3:1: error: <binding bindingInformation='*:443'>: not IP:port:host (as in '*:443:' or '[::1]:443:www.contoso.com'): IIS cannot listen on it [input-config-bad-value]\n"
	 "c.config:4:1: error: <binding bindingInformation='[::1]:70000:'>: not IP:port:host (as in '*:443:' or '[::1]:443:www.contoso.com'): IIS cannot listen on it [input-config-bad-value]\n"
	 "c.config:5:1: error: <binding bindingInformation='[::1:443:'>: not IP:port:host (as in '*:443:' or '[::1]:443:www.contoso.com'): IIS cannot listen on it [input-config-bad-value]\n"
	 "c.config:6:1: error: <binding bindingInformation='[::1]:443:a:b'>: not IP:port:host (as in '*:443:' or '[::1]:443:www.contoso.com'): IIS cannot listen on it [input-config-bad-value]\n"},
	{"Site",
	 "<configuration>\n"
	 "<location path=\"a\" overrideMode=\"Maybe\" inheritInChildApplications=\"no\"/>\n"
	 "<location path=\"b\" overrideMode=\"Deny\" allowOverride=\"false\"/>\n"
	 "<configSections><sectionGroup name=\"system.webServer\"><sectionGroup name=\"security\">\n"
	 "<section name=\"access\" overrideModeDefault=\"Inherit\"/></sectionGroup></sectionGroup></configSections>\n"
	 "<system.webServer><security><authentication>\n"
	 "<iisClientCertificateMappingAuthentication enabled=\"yes\"><oneToOneMappings>\n"
	 "<add certificate=\"not base64!\"/></oneToOneMappings></iisClientCertificateMappingAuthentication>\n"
	 "</authentication></security></system.webServer>\n"
	 "</configuration>",
	 "c.config:2:1: error: <location overrideMode='Maybe'>: not Allow, Deny or Inherit: the location is refused (HTTP 500.19) [input-config-bad-value]\n"
	 "c.config:2:1: error: <location inheritInChildApplications='no'>: not true or false: the section is refused (HTTP 500.19) [input-config-bad-value]\n"
	 "c.config:3:1: error: <location> gives both overrideMode and allowOverride, which IIS refuses (HTTP 500.19): overrideMode is read [input-config-bad-value]\n"
	 "c.config:5:1: error: <section overrideModeDefault='Inherit'>: not Allow or Deny: IIS cannot read its configuration (HTTP 500.19) [input-config-bad-value]\n"
	 "c.config:7:1: error: <iisClientCertificateMappingAuthentication enabled='yes'>: not true or false: the section is refused (HTTP 500.19) [input-config-bad-value]\n"
	 "c.config:8:1: error: <add certificate='not base64!'>: not a base64 certificate: this mapping matches no client certificate [input-config-bad-value]\n"},
	{"Site",
	 "<configuration>\n"
	 "<system.webServer><security><access sslFlags=\"Ssl\"/></security></system.webServer>\n"
	 "<location path=\".\"><system.webServer><security><access/></security></system.webServer></location>\n"
	 "<location path=\"app\"><system.webServer><security><access/></security></system.webServer></location>\n"
	 "<location path=\"APP/\"><system.webServer><security><access><x/></access></security></system.webServer></location>\n"
	 "</configuration>",
	 "c.config:3:48: error: system.webServer/security/access is set a second time for path '' in this file (first at c.config:2:29): IIS refuses the file (HTTP 500.19); the first is read [input-config-duplicate-section]\n"
	 "c.config:5:51: error: system.webServer/security/access is set a second time for path 'APP' in this file (first at c.config:4:50): IIS refuses the file (HTTP 500.19); the first is read [input-config-duplicate-section]\n"},
	{NULL,
	 "<configuration><system.web/></configuration>",
	 "c.config: note: which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config') [input-config-no-path]\n"},
};

START_TEST(config_diagnostics)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(config_cases); i++) {
		reset_diags();
		ck_assert_int_eq(read_conf("c.config", config_cases[i].path, config_cases[i].text), 0);
		ck_case(i, config_cases[i].diags);
	}
	/* the duplicates were not added */
	ck_assert_uint_eq(conf->files[3]->setting_count, 2);
}
END_TEST

START_TEST(second_application_host)
{
	static const char apphost[] = "<configuration><system.applicationHost/></configuration>";

	ck_assert_int_eq(read_conf("a.config", NULL, apphost), 0);
	ck_assert_int_eq(read_conf("b.config", NULL, apphost), 0);
	ck_diags("b.config: warning: a second applicationHost.config: a server has one, and both are read as its server level [input-config-second-apphost]\n");
	ck_assert_uint_eq(conf->count, 2);
}
END_TEST

START_TEST(not_read_whole_adds_nothing)
{
	/* a file that stops is not in the model, not even its start */
	ck_assert_int_eq(read_conf("c.config", "Site",
				   "<configuration><system.webServer><security><access sslFlags=\"Ssl\"/></security>"),
			 -1);
	ck_assert_uint_eq(conf->count, 0);
	/* another root is not a configuration file, and not reported */
	reset_diags();
	ck_assert_int_eq(read_conf("c.config", NULL, "<location/>"), -1);
	ck_diags("");
	ck_assert_uint_eq(conf->count, 0);
}
END_TEST

/* Every prefix of applicationHost.config: read only when whole (a cut
 * after the root's end tag leaves a whole document), and otherwise one
 * located error. */
static size_t whole_at;

static void read_prefix(const uint8_t *p, size_t n)
{
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = tl_iisconf_new();
	int rc = tl_xmlconf_read(p, n, "cut.config", NULL, c, d);
	size_t i, errors = 0;

	tt_ck_diags_sane(d, n);
	for (i = 0; i < tl_diags_count(d); i++)
		if (tl_diags_at(d, i)->sev == TL_ERROR &&
		    strncmp(tl_diags_at(d, i)->id, "input-xml-", 10) == 0)
			errors++;
	if (n >= whole_at) {
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(errors, 0);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_uint_eq(errors, 1);
		ck_assert_uint_eq(c->count, 0);
	}
	tl_iisconf_free(c);
	tl_diags_free(d);
}

START_TEST(every_prefix)
{
	size_t n;
	uint8_t *data = tt_read_testdata("config/applicationHost.config", &n);
	const char *end = strstr((const char *)data, "</configuration>");

	ck_assert_ptr_nonnull(end);
	whole_at = (size_t)(end - (const char *)data) + strlen("</configuration>");
	tt_each_prefix(data, n, read_prefix);
	free(data);
}
END_TEST

static void read_any(const uint8_t *p, size_t n)
{
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = tl_iisconf_new();

	tl_xmlconf_read(p, n, "flip.config", "Site/app", c, d);
	tt_ck_diags_sane(d, n);
	tl_iisconf_free(c);
	tl_diags_free(d);
}

START_TEST(every_flip)
{
	size_t n;
	uint8_t *data = tt_read_testdata("config/OrderService.exe.config", &n);

	tt_each_flip(data, n, read_any);
	free(data);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("xmlconf");
	TCase *tc = tcase_create("xml");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, elements_attributes_and_positions);
	tcase_add_test(tc, encodings);
	tcase_add_test(tc, every_diagnostic);
	tcase_add_test(tc, utf16_damage);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, hostile_entity_expansion);
	tcase_add_test(tc, hostile_external_entity);
	tcase_add_test(tc, hostile_deep_nesting);
	tcase_add_test(tc, hostile_huge_attribute);
	tcase_add_test(tc, hostile_invalid_utf8);
	tcase_add_test(tc, hostile_nul_bytes);
	tcase_add_test(tc, second_byte_order_mark);
	tcase_add_test(tc, detection);
	suite_add_tcase(s, tc);
	tc = tcase_create("config");
	tcase_add_checked_fixture(tc, conf_setup, conf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, application_host);
	tcase_add_test(tc, wcf_service);
	tcase_add_test(tc, site_web_config);
	tcase_add_test(tc, many_to_one_sample);
	tcase_add_test(tc, config_diagnostics);
	tcase_add_test(tc, second_application_host);
	tcase_add_test(tc, not_read_whole_adds_nothing);
	tcase_add_test(tc, every_prefix);
	tcase_add_test(tc, every_flip);
	suite_add_tcase(s, tc);
	return tt_run(s);
}
