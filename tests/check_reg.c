/* check_reg.c: the .reg reader (FORMATS.md 2) and the registry model.
 *
 * Every diagnostic the reader emits is checked with its exact text and
 * location; the real exports in testdata must read without any; every
 * prefix of a valid file must parse without crashing. Windows behaviour
 * itself is pinned by tests/reg_conformance.c (Wine's tests). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/reg.h"
#include "testutil.h"
#include "base/util.h"

static tl_diags *diags;
static tl_reg_ops ops;
static tl_registry *reg;

static void setup(void)
{
	diags = tl_diags_new();
	memset(&ops, 0, sizeof(ops));
	reg = tl_registry_new();
}

static void teardown(void)
{
	tl_reg_ops_free(&ops);
	tl_registry_free(reg);
	tl_diags_free(diags);
}

/* The suite's diagnostics are exactly expected. */
#define ck_diags(expected) tt_ck_diags(diags, expected)

/* Parse text (8-bit) as t.reg and apply it to reg. */
static int parse_n(const char *text, size_t len)
{
	int rc;

	tl_reg_ops_free(&ops);
	rc = tl_reg_parse((const uint8_t *)text, len, "t.reg", &ops, diags);
	tl_registry_apply(reg, &ops, "t.reg");
	return rc;
}

static int parse(const char *text)
{
	return parse_n(text, strlen(text));
}

/* ASCII text as UTF-16LE with a BOM. free() the result. */
static uint8_t *utf16(const char *text, size_t *len)
{
	size_t n = strlen(text), i;
	uint8_t *b = tl_xmalloc(2 * n + 2);

	b[0] = 0xFF;
	b[1] = 0xFE;
	for (i = 0; i < n; i++) {
		b[2 + 2 * i] = (uint8_t)text[i];
		b[3 + 2 * i] = 0;
	}
	*len = 2 * n + 2;
	return b;
}

static int parse16(const char *text)
{
	size_t len;
	uint8_t *b = utf16(text, &len);
	int rc = parse_n((const char *)b, len);

	free(b);
	return rc;
}

/* The value's data as lower-case hex, or "(none)". Static buffer. */
static const char *value_hex(const char *key, const char *name, uint32_t *type)
{
	static char out[4096];
	const tl_reg_key *k = tl_registry_find(reg, key);
	const tl_reg_value *v = k ? tl_reg_key_value(k, name) : NULL;

	if (!v)
		return "(none)";
	ck_assert_uint_lt(v->len, sizeof(out) / 2);
	tl_hex(v->data, v->len, out, false);
	if (type)
		*type = v->type;
	return out;
}

#define KEY "HKEY_CURRENT_USER\\T"
#define HDR "REGEDIT4\n[" KEY "]\n"

/* ------------------------------------------------------------ headers */

START_TEST(headers)
{
	ck_assert_int_eq(parse("Windows Registry Editor Version 5.00\r\n"), 0);
	ck_assert_int_eq(ops.header, 5);
	ck_assert(!ops.utf16);
	ck_assert_int_eq(parse(" \tREGEDIT4"), 0);
	ck_assert_int_eq(ops.header, 4);
	ck_assert_int_eq(parse16("Windows Registry Editor Version 5.00\r\n"), 0);
	ck_assert_int_eq(ops.header, 5);
	ck_assert(ops.utf16);
	ck_assert_int_eq(parse16("REGEDIT4\n"), 0);
	ck_assert_int_eq(ops.header, 4);
	ck_assert_int_eq(parse("REGEDIT\r\n"), 0);
	ck_assert_int_eq(ops.header, TL_REG_HEADER_WIN31);
	ck_diags("");
}
END_TEST

START_TEST(header_imports_nothing)
{
	ck_assert_int_eq(parse("REGEDIT4 FOO\n[" KEY "]\n\"a\"=\"b\"\n"), 0);
	ck_assert_int_eq(ops.header, 0);
	ck_assert_uint_eq(ops.count, 0);
	ck_diags("t.reg:1:1: warning: header 'REGEDIT4 FOO' is accepted by Windows, but nothing in the file is imported (expected 'Windows Registry Editor Version 5.00' or 'REGEDIT4') [input-reg-no-import]\n");
}
END_TEST

START_TEST(header_invalid)
{
	ck_assert_int_eq(parse("regedit4\n[" KEY "]\n"), -1);
	ck_assert_uint_eq(ops.count, 0);
	ck_assert_int_eq(ops.header, 0);
	ck_diags("t.reg:1: error: first line 'regedit4' is not a registry header ('Windows Registry Editor Version 5.00' or 'REGEDIT4'): Windows imports nothing [input-reg-bad-header]\n");
}
END_TEST

START_TEST(header_trailing_blank_invalid)
{
	/* The header must match exactly (FORMATS.md 2). */
	ck_assert_int_eq(parse("Windows Registry Editor Version 5.00 \n"), -1);
	ck_diags("t.reg:1: error: first line 'Windows Registry Editor Version 5.00 ' is not a registry header ('Windows Registry Editor Version 5.00' or 'REGEDIT4'): Windows imports nothing [input-reg-bad-header]\n");
}
END_TEST

START_TEST(header_first_line_blank)
{
	ck_assert_int_eq(parse("\nREGEDIT4\n"), -1);
	ck_diags("t.reg:1: error: first line '' is not a registry header ('Windows Registry Editor Version 5.00' or 'REGEDIT4'): Windows imports nothing [input-reg-bad-header]\n");
}
END_TEST

START_TEST(header_empty)
{
	ck_assert_int_eq(parse_n("", 0), -1);
	ck_assert_int_eq(parse_n("\xff\xfe", 2), -1);
	ck_diags("t.reg:1: error: empty file: not a registry export [input-reg-bad-header]\n"
		 "t.reg:1: error: empty file: not a registry export [input-reg-bad-header]\n");
}
END_TEST

START_TEST(header_utf8_bom)
{
	ck_assert_int_eq(parse("\xef\xbb\xbfWindows Registry Editor Version 5.00\r\n"), -1);
	ck_diags("t.reg:1: error: file starts with a UTF-8 byte order mark, which breaks the header: Windows imports nothing (save it as UTF-16LE or ANSI) [input-reg-bad-header]\n");
}
END_TEST

START_TEST(header_utf16_without_bom)
{
	size_t len;
	uint8_t *b = utf16("REGEDIT4\r\n", &len);

	/* Skip the BOM: Windows rejects UTF-16 without one. */
	ck_assert_int_eq(parse_n((const char *)b + 2, len - 2), -1);
	free(b);
	ck_diags("t.reg:1: error: file looks like UTF-16LE without a byte order mark, which Windows rejects: it imports nothing [input-reg-bad-header]\n");
}
END_TEST

START_TEST(header_utf16_big_endian)
{
	ck_assert_int_eq(parse_n("\xfe\xff\0R\0E\0G", 8), -1);
	ck_diags("t.reg:1: error: file is UTF-16 big-endian: Windows reads only UTF-16LE (FF FE) or 8-bit .reg files and imports nothing [input-reg-bad-header]\n");
}
END_TEST

/* ------------------------------------------------------------ skipped lines */

struct bad_line {
	const char *line;
	const char *diag;
};

/* Each line follows HDR, so it is line 3 of t.reg. */
static const struct bad_line bad_lines[] = {
	{"foo=bar", "t.reg:3:1: warning: line 'foo=bar' is ignored: it does not start with '[', '@' or '\"' [input-reg-skipped-line]\n"},
	{"  11,22,33", "t.reg:3:3: warning: hex data outside a continued value is ignored (the line before does not end in a comma and a backslash) [input-reg-skipped-line]\n"},
	{"\"noquote=1", "t.reg:3:1: warning: value name has no closing quote [input-reg-skipped-line]\n"},
	{"\"a\\0\"=\"b\"", "t.reg:3:3: warning: the escape backslash-zero in a value name makes Windows ignore the line [input-reg-skipped-line]\n"},
	{"\"a\" \"b\"", "t.reg:3:5: warning: expected '=' after the value name [input-reg-skipped-line]\n"},
	{"@ x=\"b\"", "t.reg:3:3: warning: expected '=' after the value name [input-reg-skipped-line]\n"},
	{"\"b\"=", "t.reg:3:5: warning: no data after '=' [input-reg-skipped-line]\n"},
	{"\"c\"=DWORD:1", "t.reg:3:5: warning: unknown data 'DWORD:1' (expected '\"text\"', 'dword:', 'hex:', 'hex(N):' or '-') [input-reg-skipped-line]\n"},
	{"\"c\"=qword:1", "t.reg:3:5: warning: unknown data 'qword:1' (expected '\"text\"', 'dword:', 'hex:', 'hex(N):' or '-') [input-reg-skipped-line]\n"},
	{"\"c\"=str:\"x\"", "t.reg:3:5: warning: unknown data 'str:\"x\"' (expected '\"text\"', 'dword:', 'hex:', 'hex(N):' or '-') [input-reg-skipped-line]\n"},
	{"\"c\"=#\"x\"", "t.reg:3:5: warning: unknown data '#\"x\"' (expected '\"text\"', 'dword:', 'hex:', 'hex(N):' or '-') [input-reg-skipped-line]\n"},
	{"\"d\"=dword:", "t.reg:3:11: warning: 'dword:' needs 1 to 8 hex digits [input-reg-skipped-line]\n"},
	{"\"d\"=dword:123456789", "t.reg:3:11: warning: more than 8 hex digits after 'dword:' [input-reg-skipped-line]\n"},
	{"\"d\"=dword:0x12", "t.reg:3:12: warning: only blanks or a ';' comment may follow a dword (found 'x12') [input-reg-skipped-line]\n"},
	{"\"d\"=dword:1234 5678", "t.reg:3:16: warning: only blanks or a ';' comment may follow a dword (found '5678') [input-reg-skipped-line]\n"},
	{"\"d\"=dword:1 #c", "t.reg:3:13: warning: only blanks or a ';' comment may follow a dword (found '#c') [input-reg-skipped-line]\n"},
	{"\"s\"=\"x\"y", "t.reg:3:8: warning: only blanks or a ';' comment may follow a string (found 'y') [input-reg-skipped-line]\n"},
	{"\"s\"=\"x\" #c", "t.reg:3:9: warning: only blanks or a ';' comment may follow a string (found '#c') [input-reg-skipped-line]\n"},
	{"\"s\"=\"open", "t.reg:3:5: warning: string data has no closing quote (a string cannot continue on the next line) [input-reg-skipped-line]\n"},
	{"\"s\"=\"a\\", "t.reg:3:5: warning: string data has no closing quote (a string cannot continue on the next line) [input-reg-skipped-line]\n"},
	{"\"s\"=\"a\\0b\"", "t.reg:3:7: warning: the escape backslash-zero in string data makes Windows ignore the line [input-reg-skipped-line]\n"},
	{"\"s\"=- x", "t.reg:3:7: warning: only blanks or a ';' comment may follow '=-' (found 'x') [input-reg-skipped-line]\n"},
	{"\"s\"=-\"x\"", "t.reg:3:6: warning: only blanks or a ';' comment may follow '=-' (found '\"x\"') [input-reg-skipped-line]\n"},
	{"\"h\"=hex:1,22,333", "t.reg:3:16: warning: malformed hex data: more than 2 hex digits in a byte [input-reg-skipped-line]\n"},
	{"\"h\"=hex:11,,22", "t.reg:3:12: warning: malformed hex data: empty byte between two commas [input-reg-skipped-line]\n"},
	{"\"h\"=hex:,", "t.reg:3:9: warning: malformed hex data: empty byte between two commas [input-reg-skipped-line]\n"},
	{"\"h\"=hex:11 22", "t.reg:3:12: warning: malformed hex data: expected ',' after a byte [input-reg-skipped-line]\n"},
	{"\"h\"=hex:11 ,22", "t.reg:3:12: warning: malformed hex data: expected ',' after a byte [input-reg-skipped-line]\n"},
	{"\"h\"=hex:0x11", "t.reg:3:10: warning: malformed hex data: expected ',' after a byte [input-reg-skipped-line]\n"},
	{"\"h\"=hex:zz", "t.reg:3:9: warning: malformed hex data: expected a hex byte [input-reg-skipped-line]\n"},
	{"\"h\"=hex:11,22\\", "t.reg:3:14: warning: malformed hex data: the continuation backslash must follow a comma [input-reg-skipped-line]\n"},
	{"\"h\"=hex:11,\\22", "t.reg:3:13: warning: malformed hex data: only blanks or a ';' comment may follow the continuation backslash [input-reg-skipped-line]\n"},
	{"\"h\"=hex:11,\\#c", "t.reg:3:13: warning: malformed hex data: only blanks or a ';' comment may follow the continuation backslash [input-reg-skipped-line]\n"},
	{"\"h\"=hex:11 #c", "t.reg:3:12: warning: malformed hex data: expected ',' after a byte [input-reg-skipped-line]\n"},
	{"\"h\"=hex(0x2):00", "t.reg:3:5: warning: malformed type: expected 'hex(N):' with N in hex (found 'hex(0x2):00') [input-reg-skipped-line]\n"},
	{"\"h\"=hex():00", "t.reg:3:5: warning: malformed type: expected 'hex(N):' with N in hex (found 'hex():00') [input-reg-skipped-line]\n"},
	{"\"h\"=hex(2)00", "t.reg:3:5: warning: malformed type: expected 'hex(N):' with N in hex (found 'hex(2)00') [input-reg-skipped-line]\n"},
	{"\"h\"=hex(100000000):00", "t.reg:3:5: warning: type number in 'hex(...)' is larger than ffffffff [input-reg-skipped-line]\n"},
	{"\"h\"=HEX:00", "t.reg:3:5: warning: unknown data 'HEX:00' (expected '\"text\"', 'dword:', 'hex:', 'hex(N):' or '-') [input-reg-skipped-line]\n"},
	{"[ " KEY "\\x]", "t.reg:3:2: warning: blank after '[': Windows ignores this key line [input-reg-skipped-line]\n"},
	{"[" KEY "\\nobracket", "t.reg:3:1: warning: key line without a closing ']' is ignored [input-reg-skipped-line]\n"},
	{"[-HKEY_CURRENT_USER]", "t.reg:3:3: warning: a registry root cannot be deleted [input-reg-skipped-line]\n"},
	{"[- " KEY "]", "t.reg:3:3: warning: blank after '[-': Windows deletes nothing [input-reg-skipped-line]\n"},
	{"[-\t" KEY "]", "t.reg:3:3: warning: blank after '[-': Windows deletes nothing [input-reg-skipped-line]\n"},
	{"[-FOO\\bar]", "t.reg:3:3: warning: 'FOO\\bar' does not start with a registry root: nothing is deleted [input-reg-invalid-root]\n"},
	{"[-]", "t.reg:3:3: warning: '' does not start with a registry root: nothing is deleted [input-reg-invalid-root]\n"},
	{"[-HKEY_FOO\\bar]", "t.reg:3:3: warning: 'HKEY_FOO\\bar' does not start with a registry root: nothing is deleted [input-reg-invalid-root]\n"},
	{"[-HKEY_CURRENT_USER\\a\\\\b]", "t.reg:3:3: warning: cannot delete 'HKEY_CURRENT_USER\\a\\\\b': it has an empty name between two backslashes [input-reg-invalid-key]\n"},
	{"[FOO\\bar]", "t.reg:3:2: warning: 'FOO\\bar' does not start with a registry root (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, HKEY_CURRENT_CONFIG): Windows skips the key and its values [input-reg-invalid-root]\n"},
	{"[HKEY_CURRENT_USERS\\a]", "t.reg:3:2: warning: 'HKEY_CURRENT_USERS\\a' does not start with a registry root (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, HKEY_CURRENT_CONFIG): Windows skips the key and its values [input-reg-invalid-root]\n"},
	{"[]", "t.reg:3:2: warning: '' does not start with a registry root (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, HKEY_CURRENT_CONFIG): Windows skips the key and its values [input-reg-invalid-root]\n"},
	{"[HKEY_CURRENT_USER\\a\\\\b]", "t.reg:3:2: warning: key 'HKEY_CURRENT_USER\\a\\\\b' cannot be created: it has an empty name between two backslashes; Windows skips its values too [input-reg-invalid-key]\n"},
	{"[HKLM\\Software\\x]", "t.reg:3:2: warning: short root 'HKLM' is accepted by reg.exe only: regedit skips this key line and its values (write 'HKEY_LOCAL_MACHINE') [input-reg-short-root]\n"},
	{"[-hkcu\\Software\\x]", "t.reg:3:3: warning: short root 'HKCU' is accepted by reg.exe only: regedit skips this key line and its values (write 'HKEY_CURRENT_USER') [input-reg-short-root]\n"},
	{"[" KEY "\\trailing ]", "t.reg:3:30: note: key name 'HKEY_CURRENT_USER\\T\\trailing ' ends with a blank, which is part of the name [input-reg-key-blank]\n"},
	{"\"e\"=\"C:\\path\"", "t.reg:3:8: warning: backslash before 'p' is dropped: only a doubled backslash and backslash-quote are escapes [input-reg-unknown-escape]\n"},
	{"\"x\\y\"=dword:1", "t.reg:3:3: warning: backslash before 'y' is dropped: only a doubled backslash and backslash-quote are escapes [input-reg-unknown-escape]\n"},
	/* Comments and blank lines are not reported. */
	{"; comment", ""},
	{"  # comment", ""},
	{" \t ", ""},
	{"", ""},
};

START_TEST(skipped_line)
{
	const struct bad_line *b = &bad_lines[_i];
	char *text = tl_xasprintf(HDR "%s\n", b->line);

	ck_assert_int_eq(parse(text), 0);
	free(text);
	ck_diags(b->diag);
}
END_TEST

/* A skipped line writes nothing: only the key line's op remains. */
START_TEST(skipped_line_writes_nothing)
{
	const struct bad_line *b = &bad_lines[_i];
	char *text = tl_xasprintf(HDR "%s\n", b->line);
	size_t i;

	parse(text);
	free(text);
	for (i = 1; i < ops.count; i++)
		ck_assert_msg(ops.ops[i].kind != TL_REG_OP_SET ||
			      strstr(b->diag, "unknown-escape") || strstr(b->diag, "short-root"),
			      "'%s' set a value", b->line);
}
END_TEST

START_TEST(value_without_key)
{
	ck_assert_int_eq(parse("REGEDIT4\n\"a\"=\"b\"\n@=dword:1\n[FOO]\n\"c\"=-\n[" KEY "]\n[-" KEY "\\x]\n\"d\"=hex:11,\\\n  22\n[" KEY "]\n\"e\"=\"ok\"\n"), 0);
	ck_diags("t.reg:2: warning: value 'a' is ignored: no key line precedes it [input-reg-no-key]\n"
		 "t.reg:3: warning: value '@ (default)' is ignored: no key line precedes it [input-reg-no-key]\n"
		 "t.reg:4:2: warning: 'FOO' does not start with a registry root (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, HKEY_CURRENT_CONFIG): Windows skips the key and its values [input-reg-invalid-root]\n"
		 "t.reg:5: warning: value 'c' is ignored: the key line on line 4 could not be opened [input-reg-no-key]\n"
		 "t.reg:8: warning: value 'd' is ignored: the key deletion on line 7 closed the key [input-reg-no-key]\n");
	ck_assert_str_eq(value_hex(KEY, "e", NULL), "6f006b000000");
	ck_assert_str_eq(value_hex(KEY, "d", NULL), "(none)");
}
END_TEST

START_TEST(blank_after_bracket_keeps_key)
{
	/* Windows ignores the line; the values go to the key opened before. */
	ck_assert_int_eq(parse(HDR "[ " KEY "\\sub]\n\"a\"=dword:1\n"), 0);
	ck_assert_str_eq(value_hex(KEY, "a", NULL), "01000000");
	ck_assert_ptr_null(tl_registry_find(reg, KEY "\\sub"));
}
END_TEST

START_TEST(nul_character)
{
	static const char text[] = HDR "\"a\"=\"b\"\0junk\n\"c\"=\"d\0\"\n";

	ck_assert_int_eq(parse_n(text, sizeof(text) - 1), 0);
	ck_diags("t.reg:3:8: warning: NUL character in the line: everything after it is ignored [input-reg-nul-char]\n"
		 "t.reg:4:7: warning: NUL character in the line: everything after it is ignored [input-reg-nul-char]\n"
		 "t.reg:4:5: warning: string data has no closing quote (a string cannot continue on the next line) [input-reg-skipped-line]\n");
	ck_assert_str_eq(value_hex(KEY, "a", NULL), "62000000");
}
END_TEST

START_TEST(odd_length_utf16)
{
	size_t len;
	uint8_t *b = utf16("REGEDIT4\r\n[" KEY "]\r\n\"a\"=dword:2\r\n", &len);
	uint8_t *c = tl_xmalloc(len + 1);

	memcpy(c, b, len);
	c[len] = 'x';
	ck_assert_int_eq(parse_n((const char *)c, len + 1), 0);
	free(b);
	free(c);
	ck_diags("t.reg:3: warning: UTF-16 file has an odd number of bytes: the last byte is ignored [input-reg-odd-length]\n");
	ck_assert_str_eq(value_hex(KEY, "a", NULL), "02000000");
}
END_TEST

/* ------------------------------------------------------------ data */

struct data_case {
	const char *line;   /* value line for the value "v" */
	uint32_t type;
	const char *hex;    /* stored bytes; "(none)": deleted; NULL: line
			     * skipped, the value set before stays */
};

static const struct data_case data_cases[] = {
	{"\"v\"=\"text\"", 1, "74006500780074000000"},
	{"\"v\"=\"\"", 1, "0000"},
	{"\"v\"=\"a\\\"b\\\\c\"", 1, "6100220062005c0063000000"},
	{"\"v\"=\"x;y#z\"  ;comment", 1, "78003b00790023007a000000"},
	{"  \"v\"  =  \"  pad  \"  ", 1, "20002000700061006400200020000000"},
	{"\"v\"=dword:1", 4, "01000000"},
	{"\"v\"=dword:\t0000000a ;x", 4, "0a000000"},
	{"\"v\"=dword:FFFFFFFF", 4, "ffffffff"},
	{"\"v\"=dword:1234;5678", 4, "34120000"},
	{"\"v\"=hex:", 3, ""},
	{"\"v\"=hex:;c", 3, ""},
	{"\"v\"=hex:1,a,FF,", 3, "010aff"},
	{"\"v\"=hex: 11, 22\t, 33 ;c", 0, NULL},
	{"\"v\"=hex:11, 22,\t33 ;c", 3, "112233"},
	{"\"v\"=hex(0):56,61", 0, "5661"},
	{"\"v\"=hex(b):01,02,03,04,05,06,07,08", 11, "0102030405060708"},
	{"\"v\"=hex(abcd):00", 0xabcd, "00"},
	{"\"v\"=hex(ffffffff):00", 0xffffffffu, "00"},
	{"\"v\"=hex(000000002):41", 2, "41000000"},
	{"\"v\"=hex(4):40,30,20,10,00", 4, "4030201000"},
	/* 8-bit file: hex(1)/(2)/(7) are ANSI, stored as UTF-16 with one NUL
	 * appended when missing (FORMATS.md 2). */
	{"\"v\"=hex(2):25,50,41,54,48,25", 2, "2500500041005400480025000000"},
	{"\"v\"=hex(2):25,50,00", 2, "250050000000"},
	{"\"v\"=hex(7):41,00,42,00,00", 7, "41000000420000000000"},
	{"\"v\"=hex(1):80,e9", 1, "ac20e9000000"},
	{"\"v\"=hex(2):", 2, ""},
	{"\"v\"=-", 0, "(none)"},
};

START_TEST(data_types)
{
	const struct data_case *c = &data_cases[_i];
	char *text = tl_xasprintf(HDR "\"v\"=\"before\"\n%s\n", c->line);
	uint32_t type = 999;
	const char *got;

	parse(text);
	free(text);
	got = value_hex(KEY, "v", &type);
	if (!c->hex) {
		ck_assert_str_eq(got, "6200650066006f00720065000000");
		ck_assert_uint_eq(tl_diags_count(diags), 1);
		return;
	}
	ck_diags("");
	ck_assert_str_eq(got, c->hex);
	if (strcmp(c->hex, "(none)") != 0)
		ck_assert_uint_eq(type, c->type);
}
END_TEST

START_TEST(data_types_utf16)
{
	/* In a UTF-16 file hex(1)/(2)/(7) bytes are UTF-16LE already. */
	ck_assert_int_eq(parse16("Windows Registry Editor Version 5.00\r\n\r\n[" KEY "]\r\n"
				 "\"a\"=hex(2):25,00,50,00\r\n"
				 "\"b\"=hex(2):25,00,00,00\r\n"
				 "\"c\"=hex(1):41\r\n"
				 "\"d\"=hex(7):41,00,00,00,00,00\r\n"
				 "\"e\"=\"text\"\r\n"
				 "\"f\"=hex:01\r\n"), 0);
	ck_diags("t.reg:6: warning: hex(1) data of value 'c' has an odd number of bytes, but a UTF-16 file stores it as UTF-16 characters [input-reg-odd-length]\n");
	ck_assert_str_eq(value_hex(KEY, "a", NULL), "250050000000");
	ck_assert_str_eq(value_hex(KEY, "b", NULL), "25000000");
	ck_assert_str_eq(value_hex(KEY, "c", NULL), "41000000");
	ck_assert_str_eq(value_hex(KEY, "d", NULL), "410000000000");
	ck_assert_str_eq(value_hex(KEY, "e", NULL), "74006500780074000000");
	ck_assert_str_eq(value_hex(KEY, "f", NULL), "01");
}
END_TEST

static void add16(tl_buf *b, const char *ascii)
{
	for (; *ascii; ascii++) {
		tl_buf_addc(b, *ascii);
		tl_buf_addc(b, 0);
	}
}

static void unit16(tl_buf *b, uint16_t u)
{
	tl_buf_addc(b, (char)(u & 0xFF));
	tl_buf_addc(b, (char)(u >> 8));
}

START_TEST(utf16_non_ascii)
{
	tl_buf b = {0};
	const tl_reg_key *k;

	/* Key name U+00E9, value name U+1F600 (a surrogate pair) and a lone
	 * surrogate: names become UTF-8 (WTF-8 for the lone one), data keeps
	 * the UTF-16 code units. */
	tl_buf_add(&b, "\xff\xfe", 2);
	add16(&b, "REGEDIT4\r\n[" KEY "\\");
	unit16(&b, 0xE9);
	add16(&b, "]\r\n\"");
	unit16(&b, 0xD83D);
	unit16(&b, 0xDE00);
	add16(&b, "\"=\"");
	unit16(&b, 0xD83D);
	unit16(&b, 0xDE00);
	add16(&b, "\"\r\n\"");
	unit16(&b, 0xDC00);
	add16(&b, "\"=dword:1\r\n");
	ck_assert_int_eq(parse_n(b.data, b.len), 0);
	tl_buf_free(&b);
	ck_diags("");
	k = tl_registry_find(reg, KEY "\\\xc3\xa9");
	ck_assert_ptr_nonnull(k);
	ck_assert_str_eq(tl_reg_key_name(k), "\xc3\xa9");
	ck_assert_str_eq(value_hex(KEY "\\\xc3\xa9", "\xf0\x9f\x98\x80", NULL), "3dd800de0000");
	ck_assert_str_eq(value_hex(KEY "\\\xc3\xa9", "\xed\xb0\x80", NULL), "01000000");
}
END_TEST

START_TEST(ansi_is_windows_1252)
{
	/* 0x80 is U+20AC in Windows-1252; 0xE9 is U+00E9. */
	ck_assert_int_eq(parse("REGEDIT4\n[" KEY "\\\xe9]\n\"\x80\"=\"\x80\xe9\"\n"), 0);
	ck_assert_str_eq(value_hex(KEY "\\\xc3\xa9", "\xe2\x82\xac", NULL), "ac20e9000000");
	ck_diags("");
}
END_TEST

START_TEST(line_ends)
{
	static const char *const texts[] = {
		"REGEDIT4\r\n[" KEY "]\r\n\"a\"=hex:01,\\\r\n  02\r\n\"b\"=dword:3\r\n",
		"REGEDIT4\n[" KEY "]\n\"a\"=hex:01,\\\n  02\n\"b\"=dword:3\n",
		"REGEDIT4\r[" KEY "]\r\"a\"=hex:01,\\\r  02\r\"b\"=dword:3",
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(texts); i++) {
		tl_registry_free(reg);
		reg = tl_registry_new();
		ck_assert_int_eq(parse(texts[i]), 0);
		ck_assert_uint_eq(ops.count, 3);
		ck_assert_uint_eq(ops.ops[0].line, 2);
		ck_assert_uint_eq(ops.ops[1].line, 3);
		ck_assert_uint_eq(ops.ops[2].line, 5);
		ck_assert_str_eq(value_hex(KEY, "a", NULL), "0102");
		ck_assert_str_eq(value_hex(KEY, "b", NULL), "03000000");
	}
	ck_diags("");
}
END_TEST

/* The line splitter looks at 8 bytes at a time (regtext.c): a NUL, a lone
 * CR and an LF at every offset within a word are found, and characters
 * whose units hold the bytes of CR or LF (U+0A0D, U+0D00; 8-bit 0x8D),
 * in the name and right after the NUL, are not line ends. */
START_TEST(line_ends_at_every_offset)
{
	int pad;

	for (pad = 0; pad < 16; pad++) {
		bool wide = _i == 1;
		tl_buf b = {0}, want = {0};
		int i;

		tl_diags_free(diags);
		diags = tl_diags_new();
		tl_registry_free(reg);
		reg = tl_registry_new();
		if (wide) {
			tl_buf_add(&b, "\xff\xfe", 2);
			add16(&b, HDR "\"");
			for (i = 0; i < pad; i++)
				add16(&b, "x");
			unit16(&b, 0x0A0D);
			unit16(&b, 0x0D00);
			add16(&b, "\"=dword:1");
			unit16(&b, 0);
			unit16(&b, 0x0A0D);
			unit16(&b, 0x0D00);
			add16(&b, "j\r\n\"b\"=dword:2\r\"c\"=dword:3\n\"d\"=dword:4");
		} else {
			tl_buf_adds(&b, HDR "\"");
			for (i = 0; i < pad; i++)
				tl_buf_addc(&b, 'x');
			tl_buf_adds(&b, "\x8d\"=dword:1");
			tl_buf_add(&b, "\0\x8d", 2);
			tl_buf_adds(&b, "j\r\n\"b\"=dword:2\r\"c\"=dword:3\n\"d\"=dword:4");
		}
		ck_assert_int_eq(parse_n(b.data, b.len), 0);
		tl_buf_printf(&want,
			      "t.reg:3:%d: warning: NUL character in the line: everything after it is ignored [input-reg-nul-char]\n",
			      pad + (wide ? 13 : 12));
		ck_diags(want.data);
		ck_assert_uint_eq(ops.count, 5);
		for (i = 1; i < 5; i++)
			ck_assert_uint_eq(ops.ops[i].line, (unsigned)i + 2);
		ck_assert_uint_eq(strlen(ops.ops[1].name), (size_t)pad + (wide ? 6 : 2));
		ck_assert_str_eq(value_hex(KEY, ops.ops[1].name, NULL), "01000000");
		ck_assert_str_eq(value_hex(KEY, "d", NULL), "04000000");
		tl_buf_free(&b);
		tl_buf_free(&want);
	}
}
END_TEST

/* ------------------------------------------------------------ continuation */

START_TEST(continuation)
{
	ck_assert_int_eq(parse(HDR
			       "\"a\"=hex:01,02,\\ ;c\n"
			       "\n"
			       "   ; comment between\n"
			       "\t\t03,  \\\n"
			       "  04\n"
			       "\"b\"=hex(2):\\\n"
			       "  41,42\n"), 0);
	ck_diags("");
	ck_assert_str_eq(value_hex(KEY, "a", NULL), "01020304");
	ck_assert_str_eq(value_hex(KEY, "b", NULL), "410042000000");
	ck_assert_uint_eq(ops.ops[1].line, 3);
	ck_assert_uint_eq(ops.ops[2].line, 8);
}
END_TEST

START_TEST(continuation_broken)
{
	ck_assert_int_eq(parse(HDR
			       "\"a\"=hex:01,\\\n"
			       "# not a comment here\n"
			       "\"b\"=hex:01,\\\n"
			       "\"c\"=dword:1\n"
			       "\"d\"=hex:01,\\\n"
			       "  02,,03\n"
			       "\"e\"=hex:01,\\\n"
			       "  02,\\#x\n"
			       "  03\n"
			       "\"f\"=hex:01,\\\n"
			       "[" KEY "\\sub]\n"
			       "\"g\"=dword:7\n"), 0);
	ck_diags("t.reg:4:1: warning: value 'a' (line 3) is dropped: its continuation line does not start with a hex digit, and Windows ignores this line too [input-reg-dropped-value]\n"
		 "t.reg:6:1: warning: value 'b' (line 5) is dropped: its continuation line does not start with a hex digit, and Windows ignores this line too [input-reg-dropped-value]\n"
		 "t.reg:8:6: warning: value 'd' (line 7) is dropped: malformed hex data in its continuation (empty byte between two commas) [input-reg-dropped-value]\n"
		 "t.reg:10:7: warning: value 'e' (line 9) is dropped: malformed hex data in its continuation (only blanks or a ';' comment may follow the continuation backslash) [input-reg-dropped-value]\n"
		 "t.reg:11:3: warning: hex data outside a continued value is ignored (the line before does not end in a comma and a backslash) [input-reg-skipped-line]\n"
		 "t.reg:13:1: warning: value 'f' (line 12) is dropped: its continuation runs into this key line, which Windows ignores too, so the values below go to the key opened before [input-reg-dropped-value]\n");
	/* The swallowed key line was never opened: g lands in T. */
	ck_assert_str_eq(value_hex(KEY, "g", NULL), "07000000");
	ck_assert_ptr_null(tl_registry_find(reg, KEY "\\sub"));
	ck_assert_str_eq(value_hex(KEY, "c", NULL), "(none)");
	ck_assert_uint_eq(ops.count, 2);
}
END_TEST

START_TEST(continuation_eof)
{
	ck_assert_int_eq(parse(HDR "\"a\"=hex(2):41,\\\n\n;c\n"), 0);
	ck_diags("t.reg:3: warning: the file ends inside the continued hex data of value 'a': regedit keeps the bytes read so far, some reg.exe versions drop the value [input-reg-eof-continuation]\n");
	ck_assert_str_eq(value_hex(KEY, "a", NULL), "41000000");
}
END_TEST

/* ------------------------------------------------------------ keys and ops */

START_TEST(key_lines)
{
	ck_assert_int_eq(parse("REGEDIT4\n"
			       "[hkey_current_user\\A\\\\\\]  ; text after the bracket is ignored\n"
			       "\"x\"=dword:1\n"
			       "[HKEY_CURRENT_USER\\A]b]\n"
			       "[HKLM\\S]\n"
			       "[HKEY_USERS]\n"
			       "@=\"root\"\n"), 0);
	ck_assert_uint_eq(ops.count, 6);
	ck_assert_str_eq(ops.ops[0].key, "HKEY_CURRENT_USER\\A");
	ck_assert_str_eq(ops.ops[2].key, "HKEY_CURRENT_USER\\A]b");
	ck_assert_str_eq(ops.ops[3].key, "HKEY_LOCAL_MACHINE\\S");
	ck_assert_str_eq(ops.ops[4].key, "HKEY_USERS");
	ck_assert_str_eq(value_hex("HKEY_CURRENT_USER\\A\\", "X", NULL), "01000000");
	ck_assert_str_eq(value_hex("HKU", "", NULL), "72006f006f0074000000");
	ck_diags("t.reg:5:2: warning: short root 'HKLM' is accepted by reg.exe only: regedit skips this key line and its values (write 'HKEY_LOCAL_MACHINE') [input-reg-short-root]\n");
}
END_TEST

START_TEST(ops_in_file_order)
{
	static const uint32_t lines[] = {3, 4, 5, 6, 7, 8, 9};
	size_t i;

	ck_assert_int_eq(parse("Windows Registry Editor Version 5.00\n\n"
			       "[" KEY "]\n"
			       "\"a\"=\"1\"\n"
			       "\"b\"=-\n"
			       "@=dword:2\n"
			       "[-" KEY "\\old]\n"
			       "[" KEY "\\new]\n"
			       "\"\"=hex:ff\n"), 0);
	ck_assert_uint_eq(ops.count, 7);
	ck_assert_str_eq(tl_reg_op_name(ops.ops[0].kind), "create-key");
	ck_assert_str_eq(tl_reg_op_name(ops.ops[1].kind), "set");
	ck_assert_str_eq(tl_reg_op_name(ops.ops[2].kind), "delete-value");
	ck_assert_str_eq(tl_reg_op_name(ops.ops[3].kind), "set");
	ck_assert_str_eq(tl_reg_op_name(ops.ops[4].kind), "delete-key");
	ck_assert_str_eq(tl_reg_op_name(ops.ops[5].kind), "create-key");
	ck_assert_str_eq(tl_reg_op_name(ops.ops[6].kind), "set");
	ck_assert_str_eq(tl_reg_op_name((tl_reg_op_kind)42), "unknown");
	ck_assert_str_eq(ops.ops[1].name, "a");
	ck_assert_str_eq(ops.ops[2].name, "b");
	ck_assert_str_eq(ops.ops[3].name, "");
	ck_assert_str_eq(ops.ops[6].name, "");
	ck_assert_ptr_null(ops.ops[0].name);
	ck_assert_ptr_null(ops.ops[4].name);
	ck_assert_str_eq(ops.ops[4].key, KEY "\\old");
	for (i = 0; i < ops.count; i++)
		ck_assert_uint_eq(ops.ops[i].line, lines[i]);
	/* Values share their key line's string (reg.h). */
	ck_assert_ptr_eq(ops.ops[1].key, ops.ops[0].key);
	ck_assert_ptr_eq(ops.ops[3].key, ops.ops[0].key);
	ck_assert_ptr_ne(ops.ops[5].key, ops.ops[0].key);
	ck_assert_ptr_eq(ops.ops[6].key, ops.ops[5].key);
	ck_assert_uint_eq(ops.ops[6].type, TL_REG_BINARY);
	ck_assert_uint_eq(ops.ops[6].len, 1);
	ck_assert_uint_eq(ops.ops[6].data[0], 0xff);
}
END_TEST

START_TEST(limits)
{
	char name255[256], name256[257];
	tl_buf b = {0}, want = {0};
	char *text;
	size_t i;

	memset(name255, 'k', 255);
	name255[255] = '\0';
	memset(name256, 'k', 256);
	name256[256] = '\0';
	text = tl_xasprintf("REGEDIT4\n[" KEY "\\%s]\n[" KEY "\\%s]\n", name255, name256);
	parse(text);
	free(text);
	text = tl_xasprintf(KEY "\\%s", name255);
	ck_assert_ptr_nonnull(tl_registry_find(reg, text));
	free(text);
	ck_assert_uint_eq(ops.count, 1);
	/* Messages quote at most 60 bytes of the path. */
	tl_buf_adds(&want, "t.reg:3:2: warning: key 'HKEY_CURRENT_USER\\T\\");
	for (i = 0; i < 40; i++)
		tl_buf_addc(&want, 'k');
	tl_buf_adds(&want, "...' cannot be created: a key name is longer than 255 characters; Windows skips its values too [input-reg-invalid-key]\n");
	ck_diags(want.data);
	tl_diags_free(diags);
	diags = tl_diags_new();

	tl_buf_adds(&b, "REGEDIT4\n[HKEY_CURRENT_USER");
	for (i = 0; i < 513; i++)
		tl_buf_adds(&b, "\\k");
	tl_buf_adds(&b, "]\n\"");
	for (i = 0; i < 16384; i++)
		tl_buf_addc(&b, 'v');
	tl_buf_adds(&b, "\"=dword:1\n");
	parse(b.data);
	want.len = 0;
	tl_buf_adds(&want, "t.reg:2:2: warning: key 'HKEY_CURRENT_USER");
	for (i = 0; i < 21; i++)
		tl_buf_adds(&want, "\\k");
	tl_buf_adds(&want, "\\...' cannot be created: it is nested deeper than 512 levels; Windows skips its values too [input-reg-invalid-key]\n"
		    "t.reg:3:1: warning: value name longer than 16,383 characters [input-reg-skipped-line]\n");
	ck_diags(want.data);
	tl_buf_free(&b);
	tl_buf_free(&want);
}
END_TEST

START_TEST(win31)
{
	ck_assert_int_eq(parse("REGEDIT\r\n"
			       "HKEY_CLASSES_ROOT\\.txt = txtfile\r\n"
			       "HKEY_CLASSES_ROOT\\a =  two spaces \r\n"
			       "HKEY_CLASSES_ROOT\\b\r\n"
			       " HKEY_CLASSES_ROOT\\c = x\r\n"
			       "hkey_classes_root\\d = x\r\n"
			       "HKEY_CLASSES_ROOTX = x\r\n"
			       "; comment\r\n"), 0);
	ck_assert_int_eq(ops.header, TL_REG_HEADER_WIN31);
	ck_assert_str_eq(value_hex("HKEY_CLASSES_ROOT\\.txt", "", NULL), "740078007400660069006c0065000000");
	/* One blank after '=' is skipped, the rest is data. */
	ck_assert_str_eq(value_hex("HKCR\\a", "", NULL), "2000740077006f00200073007000610063006500730020000000");
	ck_assert_str_eq(value_hex("HKCR\\b", "", NULL), "0000");
	ck_assert_ptr_null(tl_registry_find(reg, "HKCR\\c"));
	ck_diags("t.reg:5:2: warning: a Windows 3.1 registry file only accepts lines that start with 'HKEY_CLASSES_ROOT' [input-reg-skipped-line]\n"
		 "t.reg:6:1: warning: a Windows 3.1 registry file only accepts lines that start with 'HKEY_CLASSES_ROOT' [input-reg-skipped-line]\n"
		 "t.reg:7:1: warning: 'HKEY_CLASSES_ROOTX' is not a key under HKEY_CLASSES_ROOT: Windows ignores the line [input-reg-invalid-root]\n");
}
END_TEST

/* ------------------------------------------------------------ registry */

static tl_reg_ops hand;

static void add_op(tl_reg_op_kind kind, const char *key, const char *name, uint32_t type,
		   const char *data, uint32_t line)
{
	tl_reg_op op;

	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.key = (char *)key;
	op.name = (char *)name;
	op.type = type;
	op.data = (uint8_t *)data;
	op.len = data ? strlen(data) : 0;
	op.line = line;
	tl_reg_ops_add(&hand, &op);
}

static void apply_hand(const char *file)
{
	tl_registry_apply(reg, &hand, file);
	tl_reg_ops_free(&hand);
}

START_TEST(normalize_path)
{
	static const char *const cases[][2] = {
		{"HKLM\\Software\\x", "HKEY_LOCAL_MACHINE\\Software\\x"},
		{"hkey_local_machine", "HKEY_LOCAL_MACHINE"},
		{"HKCU\\a\\\\", "HKEY_CURRENT_USER\\a"},
		{"HKCR", "HKEY_CLASSES_ROOT"},
		{"hku\\S-1-5-18", "HKEY_USERS\\S-1-5-18"},
		{"HKCC\\x", "HKEY_CURRENT_CONFIG\\x"},
		{"HKEY_DYN_DATA\\x", "HKEY_DYN_DATA\\x"},
		{"HKLM\\SYSTEM\\ControlSet001\\Services", "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services"},
		{"HKLM\\system\\controlset999", "HKEY_LOCAL_MACHINE\\system\\CurrentControlSet"},
		{"HKLM\\SYSTEM\\ControlSet000", "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet000"},
		{"HKLM\\SYSTEM\\ControlSet1000", "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet1000"},
		{"HKLM\\SOFTWARE\\ControlSet001", "HKEY_LOCAL_MACHINE\\SOFTWARE\\ControlSet001"},
		{"HKCU\\SYSTEM\\ControlSet001", "HKEY_CURRENT_USER\\SYSTEM\\ControlSet001"},
		{"HKLM\\SYSTEM\\x\\ControlSet001", "HKEY_LOCAL_MACHINE\\SYSTEM\\x\\ControlSet001"},
		{"HKLM\\a/b", "HKEY_LOCAL_MACHINE\\a/b"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char *got = tl_reg_normalize_path(cases[i][0]);

		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, cases[i][1]);
		free(got);
	}
	ck_assert_ptr_null(tl_reg_normalize_path("HKEY_LOCAL_MACHINEX"));
	ck_assert_ptr_null(tl_reg_normalize_path("SOFTWARE\\x"));
	ck_assert_ptr_null(tl_reg_normalize_path(""));
}
END_TEST

START_TEST(find_case_insensitive)
{
	const tl_reg_key *k;

	add_op(TL_REG_OP_CREATE_KEY, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT", NULL, 0, NULL, 3);
	add_op(TL_REG_OP_SET, "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\SystemCertificates\\Root", "Flag", 4, "\1\0\0\0", 4);
	apply_hand("a.reg");
	k = tl_registry_find(reg, "hklm\\software\\MICROSOFT\\systemcertificates\\root");
	ck_assert_ptr_nonnull(k);
	ck_assert_ptr_eq(k, tl_registry_find(reg, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\"));
	/* First spelling wins. */
	ck_assert_str_eq(tl_reg_key_path(k), "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT");
	ck_assert_str_eq(tl_reg_key_name(k), "ROOT");
	ck_assert_uint_eq(tl_reg_key_line(k), 3);
	ck_assert_str_eq(tl_reg_key_file(k), "a.reg");
	ck_assert_ptr_nonnull(tl_reg_key_value(k, "FLAG"));
	ck_assert_str_eq(tl_reg_key_value(k, "FLAG")->name, "Flag");
	ck_assert_str_eq(tl_reg_key_value(k, "flag")->file, "a.reg");
	ck_assert_uint_eq(tl_reg_key_value(k, "flag")->line, 4);
	/* Keys created on the way have no line. */
	k = tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoft");
	ck_assert_uint_eq(tl_reg_key_line(k), 0);
	ck_assert_ptr_null(tl_reg_key_file(k));
	ck_assert_ptr_null(tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoft\\\\SystemCertificates"));
	ck_assert_ptr_null(tl_registry_find(reg, "HKCU"));
	ck_assert_ptr_null(tl_registry_find(reg, "nowhere"));
	ck_assert_ptr_null(tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoftx"));
	ck_assert_ptr_nonnull(tl_registry_find(reg, "HKLM"));
}
END_TEST

START_TEST(control_set_folding)
{
	const tl_reg_key *k;

	ck_assert_int_eq(parse("REGEDIT4\n"
			       "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\SecurityProviders\\SCHANNEL]\n"
			       "\"ClientAuthTrustMode\"=dword:2\n"
			       "[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"
			       "\"SendTrustedIssuerList\"=dword:0\n"
			       "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Control\\SecurityProviders\\SCHANNEL]\n"
			       "\"ClientAuthTrustMode\"=dword:1\n"
			       "[HKEY_LOCAL_MACHINE\\SOFTWARE\\ControlSet001]\n"), 0);
	k = tl_registry_find(reg, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL");
	ck_assert_ptr_nonnull(k);
	ck_assert_ptr_eq(k, tl_registry_find(reg, "HKLM\\SYSTEM\\ControlSet005\\Control\\SecurityProviders\\SCHANNEL"));
	ck_assert_str_eq(tl_reg_key_path(k), "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL");
	ck_assert_uint_eq(tl_reg_key_value_count(k), 2);
	ck_assert_str_eq(value_hex("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "ClientAuthTrustMode", NULL), "01000000");
	ck_assert_uint_eq(tl_reg_key_value(k, "ClientAuthTrustMode")->line, 7);
	ck_assert_uint_eq(tl_reg_key_subkey_count(tl_registry_find(reg, "HKLM\\SYSTEM")), 1);
	ck_assert_ptr_nonnull(tl_registry_find(reg, "HKLM\\SOFTWARE\\ControlSet001"));
	ck_assert_uint_eq(tl_reg_key_line(k), 6);
}
END_TEST

START_TEST(set_replace_and_delete_values)
{
	const tl_reg_key *k;

	ck_assert_int_eq(parse(HDR "\"A\"=dword:1\n\"b\"=\"x\"\n\"c\"=hex:01\n\"a\"=hex:01,02,03,04,05,06,07,08,09,10,11,12,13,14,15,16,17,18,19,20\n\"B\"=-\n\"missing\"=-\n\"c\"=hex:02\n"), 0);
	k = tl_registry_find(reg, KEY);
	ck_assert_uint_eq(tl_reg_key_value_count(k), 2);
	/* Replaced in place: first spelling and first position kept. */
	ck_assert_str_eq(tl_reg_key_value_at(k, 0)->name, "A");
	ck_assert_uint_eq(tl_reg_key_value_at(k, 0)->type, TL_REG_BINARY);
	ck_assert_uint_eq(tl_reg_key_value_at(k, 0)->len, 20);
	ck_assert_uint_eq(tl_reg_key_value_at(k, 0)->line, 6);
	ck_assert_str_eq(tl_reg_key_value_at(k, 1)->name, "c");
	ck_assert_uint_eq(tl_reg_key_value_at(k, 1)->data[0], 2);
	ck_assert_ptr_null(tl_reg_key_value_at(k, 2));
	ck_assert_ptr_null(tl_reg_key_value(k, "b"));
}
END_TEST

struct walk_log {
	tl_buf text;
	int stop_after;
	int seen;
};

static int walk_visit(const tl_reg_key *k, void *arg)
{
	struct walk_log *w = arg;

	tl_buf_printf(&w->text, "%s;", tl_reg_key_path(k));
	return ++w->seen == w->stop_after;
}

START_TEST(walk_order_and_subtree_delete)
{
	struct walk_log w = {{0}, 0, 0};
	const tl_reg_key *k;

	ck_assert_int_eq(parse("REGEDIT4\n"
			       "[HKEY_USERS\\u]\n"
			       "[HKEY_CURRENT_USER\\b\\x]\n"
			       "[HKEY_CURRENT_USER\\a]\n"
			       "[HKEY_CURRENT_USER\\b\\y\\z]\n"
			       "\"v\"=dword:1\n"
			       "[HKEY_CURRENT_USER\\c]\n"
			       "[-HKEY_CURRENT_USER\\B\\Y]\n"
			       "[HKEY_CURRENT_USER\\b\\y]\n"
			       "[-HKEY_CURRENT_USER\\nothing\\here]\n"), 0);
	tl_registry_walk(reg, walk_visit, &w);
	/* Roots in creation order, then depth-first in creation order; the
	 * re-created key comes after its older siblings. */
	ck_assert_str_eq(w.text.data, "HKEY_USERS;HKEY_USERS\\u;HKEY_CURRENT_USER;"
			 "HKEY_CURRENT_USER\\b;HKEY_CURRENT_USER\\b\\x;HKEY_CURRENT_USER\\b\\y;"
			 "HKEY_CURRENT_USER\\a;HKEY_CURRENT_USER\\c;");
	ck_assert_ptr_null(tl_registry_find(reg, "HKCU\\b\\y\\z"));
	k = tl_registry_find(reg, "HKCU\\b");
	ck_assert_uint_eq(tl_reg_key_subkey_count(k), 2);
	ck_assert_str_eq(tl_reg_key_name(tl_reg_key_subkey_at(k, 1)), "y");
	ck_assert_ptr_null(tl_reg_key_subkey_at(k, 2));
	ck_assert_uint_eq(tl_reg_key_value_count(tl_reg_key_subkey_at(k, 1)), 0);
	tl_buf_free(&w.text);

	w.stop_after = 3;
	w.seen = 0;
	tl_registry_walk(reg, walk_visit, &w);
	ck_assert_str_eq(w.text.data, "HKEY_USERS;HKEY_USERS\\u;HKEY_CURRENT_USER;");
	tl_buf_free(&w.text);
	ck_diags("");
}
END_TEST

START_TEST(many_children)
{
	const tl_reg_key *k;
	char name[32];
	size_t i;

	/* Enough children and values to use the hash table, then delete
	 * most of them and look the rest up again. */
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "HKCU\\Many\\Key%zu", i);
		add_op(TL_REG_OP_CREATE_KEY, name, NULL, 0, NULL, (uint32_t)i + 1);
		snprintf(name, sizeof(name), "v%zu", i);
		add_op(TL_REG_OP_SET, "HKCU\\Many", name, 1, "x", (uint32_t)i + 1);
	}
	for (i = 0; i < 200; i += 3) {
		snprintf(name, sizeof(name), "HKCU\\MANY\\KEY%zu", i);
		add_op(TL_REG_OP_DELETE_KEY, name, NULL, 0, NULL, 0);
		snprintf(name, sizeof(name), "V%zu", i);
		add_op(TL_REG_OP_DELETE_VALUE, "hkcu\\many", name, 0, NULL, 0);
	}
	apply_hand("m.reg");
	k = tl_registry_find(reg, "HKCU\\Many");
	ck_assert_uint_eq(tl_reg_key_subkey_count(k), 133);
	ck_assert_uint_eq(tl_reg_key_value_count(k), 133);
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "hkcu\\many\\key%zu", i);
		ck_assert((tl_registry_find(reg, name) == NULL) == (i % 3 == 0));
		snprintf(name, sizeof(name), "V%zu", i);
		ck_assert((tl_reg_key_value(k, name) == NULL) == (i % 3 == 0));
	}
	ck_assert_str_eq(tl_reg_key_name(tl_reg_key_subkey_at(k, 0)), "Key1");
	ck_assert_str_eq(tl_reg_key_name(tl_reg_key_subkey_at(k, 132)), "Key199");
	ck_assert_str_eq(tl_reg_key_value_at(k, 132)->name, "v199");
	/* Re-created keys are found again and go last. */
	add_op(TL_REG_OP_CREATE_KEY, "HKCU\\Many\\Key0", NULL, 0, NULL, 500);
	apply_hand("m.reg");
	ck_assert_uint_eq(tl_reg_key_line(tl_registry_find(reg, "HKCU\\Many\\key0")), 500);
	ck_assert_str_eq(tl_reg_key_name(tl_reg_key_subkey_at(k, 133)), "Key0");
}
END_TEST

START_TEST(apply_odd_ops)
{
	/* Hand-built operations the parser never makes: bad roots, empty
	 * segments, root deletion, values of missing keys. */
	add_op(TL_REG_OP_CREATE_KEY, "NOPE\\x", NULL, 0, NULL, 1);
	add_op(TL_REG_OP_CREATE_KEY, "HKCU\\a\\\\b", NULL, 0, NULL, 2);
	add_op(TL_REG_OP_SET, "HKCU\\v", NULL, 4, "abcd", 3);
	add_op(TL_REG_OP_DELETE_KEY, "HKEY_CURRENT_USER", NULL, 0, NULL, 4);
	add_op(TL_REG_OP_DELETE_VALUE, "HKCU\\missing", "v", 0, NULL, 5);
	add_op(TL_REG_OP_DELETE_KEY, "NOPE", NULL, 0, NULL, 6);
	apply_hand("h.reg");
	ck_assert_ptr_null(tl_registry_find(reg, "HKCU\\a"));
	ck_assert_ptr_null(tl_registry_find(reg, "HKCU\\missing"));
	ck_assert_str_eq(value_hex("HKCU\\v", "", NULL), "61626364");
	ck_assert_uint_eq(tl_reg_key_line(tl_registry_find(reg, "HKCU\\v")), 0);
}
END_TEST

START_TEST(load_equals_parse_and_apply)
{
	static const char *const files[] = {
		"fixtures/reg/real/pika_test_CA-INSTALL_utf16.reg",
		"fixtures/reg/real/ScoopInstaller_Extras__vscode_uninstall-associations.reg",
		"fixtures/reg/synthetic/S12_value_and_key_deletions.reg",
		"fixtures/wine/http.reg",
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(files); i++) {
		struct walk_log a = {{0}, 0, 0}, b = {{0}, 0, 0};
		tl_registry *other = tl_registry_new();
		tl_diags *d2 = tl_diags_new();
		size_t len;
		uint8_t *data = tt_read_testdata(files[i], &len);

		tl_registry_free(reg);
		reg = tl_registry_new();
		ck_assert_int_eq(parse_n((const char *)data, len), 0);
		ck_assert_int_eq(tl_registry_load(other, data, len, "t.reg", d2), 0);
		tl_registry_walk(reg, walk_visit, &a);
		tl_registry_walk(other, walk_visit, &b);
		ck_assert_str_eq(a.text.data, b.text.data);
		ck_assert_uint_eq(tl_diags_count(d2), tl_diags_count(diags));
		tl_buf_free(&a.text);
		tl_buf_free(&b.text);
		tl_registry_free(other);
		tl_diags_free(d2);
		free(data);
	}
}
END_TEST

struct each_log {
	size_t count;
	uint32_t last_line;
};

static void each_op(const tl_reg_op *op, void *arg)
{
	struct each_log *l = arg;

	ck_assert_uint_ge(op->line, l->last_line);
	l->last_line = op->line;
	l->count++;
}

START_TEST(parse_each_streams)
{
	struct each_log l = {0, 0};
	size_t len;
	uint8_t *data = tt_read_testdata("fixtures/reg/real/ScoopInstaller_Extras__vscode_uninstall-associations.reg", &len);
	int header = -1;
	bool wide = true;

	ck_assert_int_eq(tl_reg_parse_each(data, len, "v.reg", diags, each_op, &l, &header, &wide), 0);
	ck_assert_uint_eq(l.count, 572);
	ck_assert_int_eq(header, 5);
	ck_assert(!wide);
	free(data);
}
END_TEST

/* ------------------------------------------------------------ real files */

static void read_fixture(const char *rel, int header, bool wide)
{
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);
	char *got;

	ck_assert_int_eq(parse_n((const char *)data, len), 0);
	free(data);
	got = tt_diags_text(diags);
	ck_assert_msg(strcmp(got, "") == 0, "%s: %s", rel, got);
	free(got);
	ck_assert_int_eq(ops.header, header);
	ck_assert(ops.utf16 == wide);
}

START_TEST(pika_utf16_stores)
{
	static const char *const stores[] = {
		"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT",
		"HKLM\\Software\\Microsoft\\SystemCertificates\\AuthRoot",
		"HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot",
	};
	static const uint32_t lines[] = {7, 135, 263};
	size_t i;

	read_fixture("fixtures/reg/real/pika_test_CA-INSTALL_utf16.reg", 5, true);
	ck_assert_uint_eq(ops.count, 8);
	ck_assert_str_eq(value_hex("HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot", "DisableRootAutoUpdate", NULL), "01000000");
	for (i = 0; i < TL_ARRAY_LEN(stores); i++) {
		char *path = tl_xasprintf("%s\\Certificates\\F57DF00CEB2476C8144B751F1D2D45EDBB3EDFE1", stores[i]);
		const tl_reg_key *k = tl_registry_find(reg, path);
		const tl_reg_value *blob;

		ck_assert_ptr_nonnull(k);
		blob = tl_reg_key_value(k, "Blob");
		ck_assert_ptr_nonnull(blob);
		ck_assert_uint_eq(blob->type, TL_REG_BINARY);
		ck_assert_uint_eq(blob->len, 3124);
		ck_assert_mem_eq(blob->data, "\x53\0\0\0\1\0\0\0\x64\0\0\0\x30\x62", 14);
		ck_assert_mem_eq(blob->data + 3122, "\x9a\x1c", 2);
		ck_assert_uint_eq(blob->line, lines[i]);
		ck_assert_str_eq(blob->file, "t.reg");
		free(path);
	}
}
END_TEST

START_TEST(pika_ansi)
{
	const tl_reg_value *v;
	size_t len;
	uint8_t *data = tt_read_testdata("fixtures/reg/real/pika_root_CA-INSTALL_ansi.reg", &len);

	/* The file's hex(7) PeerUsages holds UTF-16LE bytes, but the file is
	 * 8-bit: Windows stores "1", "", ".", ... and the list ends after "1".
	 * That is the one diagnostic on the real exports. */
	ck_assert_int_eq(parse_n((const char *)data, len), 0);
	free(data);
	ck_diags("t.reg:9: warning: hex(7) data of value 'PeerUsages' is UTF-16LE, but in an 8-bit file Windows reads each byte as one character: every 00 byte becomes a NUL and the stored strings break (save the file as UTF-16LE) [input-reg-utf16-in-ansi]\n");
	ck_assert_int_eq(ops.header, 5);
	ck_assert(!ops.utf16);
	ck_assert_uint_eq(ops.count, 25);
	v = tl_reg_key_value(tl_registry_find(reg, "HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root\\ProtectedRoots"), "PeerUsages");
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->type, TL_REG_MULTI_SZ);
	/* 120 bytes, each stored as one UTF-16 character. */
	ck_assert_uint_eq(v->len, 240);
	ck_assert_mem_eq(v->data, "1\0\0\0.\0\0\0" "3\0\0\0", 12);
	ck_assert_str_eq(value_hex("HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\ChainEngine\\Config", "ChainUrlRetrievalTimeoutMilliseconds", NULL), "983a0000");
}
END_TEST

START_TEST(belgacom_win2000_blob)
{
	size_t len;
	uint8_t *blob = tt_read_testdata("fixtures/stores/sec505_belgacom_root_Blob.bin", &len);
	const tl_reg_value *v;

	read_fixture("fixtures/reg/real/sec505_belgacom_root_win2000.reg", 5, false);
	v = tl_reg_key_value(tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\4EF2E6670AC9B5091FE06BE0E5483EAAD6BA32D9"), "Blob");
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->len, len);
	ck_assert_mem_eq(v->data, blob, len);
	ck_assert_uint_eq(v->line, 4);
	free(blob);
}
END_TEST

START_TEST(other_real_exports)
{
	read_fixture("fixtures/reg/real/fsackur_PsSsl__schannel.reg", 5, true);
	ck_assert_uint_eq(ops.count, 10);
	ck_assert_str_eq(value_hex("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "EventLogging", NULL), "01000000");

	read_fixture("fixtures/reg/real/nsacyber_WSHB__SHB_shb.reg", 5, false);
	ck_assert_uint_eq(ops.count, 19);
	ck_assert_str_eq(value_hex("HKLM\\SOFTWARE\\DOD\\SHB", "MajorVersion", NULL), "0a000000");
	ck_assert_str_eq(value_hex("HKLM\\SOFTWARE\\DOD\\SHB", "InstallType", NULL), "570069007000650026004c006f00610064000000");

	read_fixture("fixtures/reg/real/ScoopInstaller_Extras__lazarus_install-associations.reg", 5, false);
	ck_assert_uint_eq(ops.count, 98);
	ck_assert_str_eq(value_hex("HKCU\\Software\\Classes\\.inc\\OpenWithProgIDs", "Lazarus.AssocFile.inc", NULL), "");
	ck_assert_str_eq(value_hex("HKCU\\Software\\Classes\\Lazarus.AssocFile.inc\\DefaultIcon", "", NULL),
			 "7b007b006c0061007a0061007200750073005f006400690072007d007d005c0069006d0061006700650073005c0069006e0063006c00750064006500660069006c0065002e00690063006f000000");

	read_fixture("fixtures/reg/real/ScoopInstaller_Extras__qview_uninstall-associations.reg", 5, false);
	ck_assert_uint_eq(ops.count, 72);
	read_fixture("fixtures/reg/real/ScoopInstaller_Extras__tortoisesvn_tortoisesvn-uninstall.reg", 4, false);
	ck_assert_uint_eq(ops.count, 84);
	ck_assert_uint_eq(ops.ops[0].kind, TL_REG_OP_DELETE_KEY);
	ck_assert_str_eq(ops.ops[0].key, "HKEY_CLASSES_ROOT\\LibraryFolder\\background\\shellex\\ContextMenuHandlers\\TortoiseSVN");
	read_fixture("fixtures/reg/real/ScoopInstaller_Extras__vscode_uninstall-associations.reg", 5, false);
	ck_assert_uint_eq(ops.count, 572);
}
END_TEST

START_TEST(wine_exports)
{
	const tl_reg_key *k;

	read_fixture("fixtures/wine/http.reg", 5, true);
	ck_assert_uint_eq(ops.count, 12);
	ck_assert_str_eq(value_hex("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443", "SslCertHash", NULL),
			 "e4e4a4cb6aa6c771d76b0d44932cb0695f68ad72");
	ck_assert_str_eq(value_hex("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443", "DefaultSslCtlStoreName", NULL),
			 "43006c00690065006e00740041007500740068004900730073007500650072000000");
	ck_assert_ptr_nonnull(tl_registry_find(reg, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslSniBindingInfo\\portal.lint.test:443"));

	read_fixture("fixtures/wine/schannel.reg", 5, true);
	ck_assert_str_eq(value_hex("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "ClientAuthTrustMode", NULL), "02000000");

	read_fixture("fixtures/wine/systemcertificates-CA.reg", 5, true);
	read_fixture("fixtures/wine/systemcertificates-ClientAuthIssuer.reg", 5, true);
	read_fixture("fixtures/wine/systemcertificates-My.reg", 5, true);
	k = tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\My\\Certificates\\E4E4A4CB6AA6C771D76B0D44932CB0695F68AD72");
	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(tl_reg_key_value(k, "Blob")->len, 938);
	k = tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\CA\\Certificates\\B1C1FB8BDC20A60DAE95BA4425B61A7746097A66");
	ck_assert_uint_eq(tl_reg_key_value(k, "Blob")->len, 890);
	ck_assert_uint_eq(tl_reg_key_line(k), 7);
}
END_TEST

START_TEST(synthetic_deletions)
{
	ck_assert_int_eq(parse("Windows Registry Editor Version 5.00\r\n\r\n"
			       "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n"
			       "\"ClientAuthTrustMode\"=dword:00000002\r\n"
			       "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\B1C1FB8BDC20A60DAE95BA4425B61A7746097A66]\r\n"
			       "\"Blob\"=hex:01\r\n"), 0);
	read_fixture("fixtures/reg/synthetic/S12_value_and_key_deletions.reg", 5, true);
	ck_assert_uint_eq(ops.count, 4);
	ck_assert_uint_eq(ops.ops[0].kind, TL_REG_OP_DELETE_KEY);
	ck_assert_uint_eq(ops.ops[2].kind, TL_REG_OP_DELETE_VALUE);
	ck_assert_ptr_null(tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\B1C1FB8BDC20A60DAE95BA4425B61A7746097A66"));
	ck_assert_ptr_nonnull(tl_registry_find(reg, "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates"));
	ck_assert_str_eq(value_hex("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "ClientAuthTrustMode", NULL), "(none)");
	ck_assert_str_eq(value_hex("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "SendTrustedIssuerList", NULL), "01000000");
}
END_TEST

START_TEST(synthetic_fixtures_clean)
{
	static const char *const files[] = {
		"S01_schannel_machine_trust.reg", "S02_root_store_contains_intermediate.reg",
		"S03_stores_correct_placement.reg", "S04_binding_mtls_ctl_missing.reg",
		"S05_binding_cert_not_in_my.reg", "S06_sni_binding.reg",
		"S07_mode2_without_ctl.reg", "S08_authroot_policy.reg",
		"S09_policy_root_nonselfsigned.reg", "S10_clientauthissuer_store.reg",
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(files); i++) {
		char *rel = tl_xasprintf("fixtures/reg/synthetic/%s", files[i]);

		read_fixture(rel, 5, true);
		free(rel);
	}
	read_fixture("fixtures/reg/synthetic/S11_weak_protocols_ciphers_regedit4.reg", 4, false);
}
END_TEST

/* ------------------------------------------------------------ truncation */

static void truncate_all(const char *rel)
{
	size_t len, n;
	uint8_t *data = tt_read_testdata(rel, &len);

	for (n = 0; n <= len; n++) {
		tl_diags *d = tl_diags_new();
		tl_registry *r = tl_registry_new(), *r2 = tl_registry_new();
		tl_reg_ops o;
		int rc = tl_reg_parse(data, n, "cut.reg", &o, d);

		ck_assert(rc == 0 || rc == -1);
		tl_registry_apply(r, &o, "cut.reg");
		ck_assert_int_eq(tl_registry_load(r2, data, n, "cut.reg", d), rc);
		tl_reg_ops_free(&o);
		tl_registry_free(r);
		tl_registry_free(r2);
		tl_diags_free(d);
	}
	free(data);
}

START_TEST(truncate_utf16)
{
	truncate_all("fixtures/wine/http.reg");
	truncate_all("fixtures/reg/real/pika_test_CA-INSTALL_utf16.reg");
}
END_TEST

START_TEST(truncate_ansi)
{
	truncate_all("fixtures/reg/real/sec505_belgacom_root_win2000.reg");
	truncate_all("fixtures/reg/real/ScoopInstaller_Extras__tortoisesvn_tortoisesvn-uninstall.reg");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reg");
	TCase *hdr = tcase_create("headers");
	TCase *lines = tcase_create("lines");
	TCase *model = tcase_create("registry");
	TCase *real = tcase_create("real exports");
	TCase *trunc = tcase_create("truncation");

	tcase_add_checked_fixture(hdr, setup, teardown);
	tcase_add_test(hdr, headers);
	tcase_add_test(hdr, header_imports_nothing);
	tcase_add_test(hdr, header_invalid);
	tcase_add_test(hdr, header_trailing_blank_invalid);
	tcase_add_test(hdr, header_first_line_blank);
	tcase_add_test(hdr, header_empty);
	tcase_add_test(hdr, header_utf8_bom);
	tcase_add_test(hdr, header_utf16_without_bom);
	tcase_add_test(hdr, header_utf16_big_endian);
	suite_add_tcase(s, hdr);

	tcase_add_checked_fixture(lines, setup, teardown);
	tcase_add_loop_test(lines, skipped_line, 0, (int)TL_ARRAY_LEN(bad_lines));
	tcase_add_loop_test(lines, skipped_line_writes_nothing, 0, (int)TL_ARRAY_LEN(bad_lines));
	tcase_add_test(lines, value_without_key);
	tcase_add_test(lines, blank_after_bracket_keeps_key);
	tcase_add_test(lines, nul_character);
	tcase_add_test(lines, odd_length_utf16);
	tcase_add_loop_test(lines, data_types, 0, (int)TL_ARRAY_LEN(data_cases));
	tcase_add_test(lines, data_types_utf16);
	tcase_add_test(lines, utf16_non_ascii);
	tcase_add_test(lines, ansi_is_windows_1252);
	tcase_add_test(lines, line_ends);
	tcase_add_loop_test(lines, line_ends_at_every_offset, 0, 2);
	tcase_add_test(lines, continuation);
	tcase_add_test(lines, continuation_broken);
	tcase_add_test(lines, continuation_eof);
	tcase_add_test(lines, key_lines);
	tcase_add_test(lines, ops_in_file_order);
	tcase_add_test(lines, limits);
	tcase_add_test(lines, win31);
	suite_add_tcase(s, lines);

	tcase_add_checked_fixture(model, setup, teardown);
	tcase_add_test(model, normalize_path);
	tcase_add_test(model, find_case_insensitive);
	tcase_add_test(model, control_set_folding);
	tcase_add_test(model, set_replace_and_delete_values);
	tcase_add_test(model, walk_order_and_subtree_delete);
	tcase_add_test(model, many_children);
	tcase_add_test(model, apply_odd_ops);
	tcase_add_test(model, load_equals_parse_and_apply);
	tcase_add_test(model, parse_each_streams);
	suite_add_tcase(s, model);

	tcase_add_checked_fixture(real, setup, teardown);
	tcase_add_test(real, pika_utf16_stores);
	tcase_add_test(real, pika_ansi);
	tcase_add_test(real, belgacom_win2000_blob);
	tcase_add_test(real, other_real_exports);
	tcase_add_test(real, wine_exports);
	tcase_add_test(real, synthetic_deletions);
	tcase_add_test(real, synthetic_fixtures_clean);
	suite_add_tcase(s, real);

	tcase_set_timeout(trunc, 600);
	tcase_add_test(trunc, truncate_utf16);
	tcase_add_test(trunc, truncate_ansi);
	suite_add_tcase(s, trunc);

	return tt_run(s);
}
