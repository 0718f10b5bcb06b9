/* check_ini.c: the INI line reader (base/ini.h) that rule files and waiver
 * files share: line ends, the byte order mark, NUL bytes, the length cap,
 * blanks and the kind of each line, line and column numbers. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "base/ini.h"
#include "testutil.h"

#define MAX_LINES 4

/* One line as the reader should hand it over. */
typedef struct want_line {
	const char *text; /* len bytes */
	size_t len;
	size_t nul; /* len when there is none */
	bool too_long;
	size_t indent;
	tl_ini_kind kind;
} want_line;

typedef struct ini_case {
	const char *name;
	const char *input; /* input_len bytes: NUL bytes allowed */
	size_t input_len;
	size_t max_len;
	const char *blanks;
	want_line lines[MAX_LINES]; /* numbered 1, 2, ... */
	size_t line_count;
} ini_case;

#define IN(s) s, sizeof(s) - 1
#define TXT(s) s, sizeof(s) - 1, sizeof(s) - 1
#define SP TL_INI_BLANKS_SPACE_TAB
#define INIH TL_INI_BLANKS_INIH

static const ini_case cases[] = {
	{"empty text has no line", IN(""), 0, SP, {{0}}, 0},
	{"one newline is one blank line", IN("\n"), 0, SP, {{TXT(""), false, 0, TL_INI_BLANK}}, 1},
	{"last line without newline",
	 IN("a=1\nb=2"),
	 0,
	 SP,
	 {{TXT("a=1"), false, 0, TL_INI_TEXT}, {TXT("b=2"), false, 0, TL_INI_TEXT}},
	 2},
	{"blank last line after a newline is a line",
	 IN("a\n\n"),
	 0,
	 SP,
	 {{TXT("a"), false, 0, TL_INI_TEXT}, {TXT(""), false, 0, TL_INI_BLANK}},
	 2},
	{"CRLF: the CR is not part of the line",
	 IN("[s]\r\nk = v\r\n"),
	 0,
	 SP,
	 {{TXT("[s]"), false, 0, TL_INI_SECTION}, {TXT("k = v"), false, 0, TL_INI_TEXT}},
	 2},
	{"one CR is dropped, others kept",
	 IN("a\rb\r\r\n"),
	 0,
	 SP,
	 {{TXT("a\rb\r"), false, 0, TL_INI_TEXT}},
	 1},
	{"a lone CR ends no line", IN("a\rb"), 0, SP, {{TXT("a\rb"), false, 0, TL_INI_TEXT}}, 1},
	{"CR before the end of text without LF",
	 IN("k=v\r"),
	 0,
	 SP,
	 {{TXT("k=v"), false, 0, TL_INI_TEXT}},
	 1},
	{"BOM opening line 1 is not part of it",
	 IN("\xEF\xBB\xBF[s]\n"),
	 0,
	 SP,
	 {{TXT("[s]"), false, 0, TL_INI_SECTION}},
	 1},
	{"BOM on line 2 is text",
	 IN("x\n\xEF\xBB\xBFy"),
	 0,
	 SP,
	 {{TXT("x"), false, 0, TL_INI_TEXT}, {TXT("\xEF\xBB\xBFy"), false, 0, TL_INI_TEXT}},
	 2},
	{"a line of only a BOM and CRLF is blank",
	 IN("\xEF\xBB\xBF\r\n"),
	 0,
	 SP,
	 {{TXT(""), false, 0, TL_INI_BLANK}},
	 1},
	{"two bytes of a BOM are text",
	 IN("\xEF\xBB\n"),
	 0,
	 SP,
	 {{TXT("\xEF\xBB"), false, 0, TL_INI_TEXT}},
	 1},
	{"NUL byte: its offset, the line whole",
	 IN("ab\0cd\nx"),
	 0,
	 SP,
	 {{"ab\0cd", 5, 2, false, 0, TL_INI_TEXT}, {TXT("x"), false, 0, TL_INI_TEXT}},
	 2},
	{"the first of two NUL bytes",
	 IN("k=\0\0"),
	 0,
	 SP,
	 {{"k=\0\0", 4, 2, false, 0, TL_INI_TEXT}},
	 1},
	{"blanks up to a NUL make a blank line",
	 IN("  \0[s]"),
	 0,
	 SP,
	 {{"  \0[s]", 6, 2, false, 2, TL_INI_BLANK}},
	 1},
	{"NUL after a BOM: offset counted after it",
	 IN("\xEF\xBB\xBF" "a\0"),
	 0,
	 SP,
	 {{"a\0", 2, 1, false, 0, TL_INI_TEXT}},
	 1},
	{"over-long: the cap is in bytes, CR and BOM not counted",
	 IN("\xEF\xBB\xBF" "abcd\nabcde\nabcd\r\nabcde\r\n"),
	 4,
	 SP,
	 {{TXT("abcd"), false, 0, TL_INI_TEXT},
	  {TXT("abcde"), true, 0, TL_INI_TEXT},
	  {TXT("abcd"), false, 0, TL_INI_TEXT},
	  {TXT("abcde"), true, 0, TL_INI_TEXT}},
	 4},
	{"an over-long line is still read whole, last line too",
	 IN("[s]\n  k = 123456"),
	 8,
	 SP,
	 {{TXT("[s]"), false, 0, TL_INI_SECTION}, {TXT("  k = 123456"), true, 2, TL_INI_TEXT}},
	 2},
	{"cap 0: no cap",
	 IN("k = 0123456789012345678901234567890123456789"),
	 0,
	 SP,
	 {{TXT("k = 0123456789012345678901234567890123456789"), false, 0, TL_INI_TEXT}},
	 1},
	{"comments, sections and text after space and tab",
	 IN("; c\n  # c\n\t[s]\n k=v"),
	 0,
	 SP,
	 {{TXT("; c"), false, 0, TL_INI_COMMENT},
	  {TXT("  # c"), false, 2, TL_INI_COMMENT},
	  {TXT("\t[s]"), false, 1, TL_INI_SECTION},
	  {TXT(" k=v"), false, 1, TL_INI_TEXT}},
	 4},
	{"a comment character later in the line makes no comment",
	 IN("k = v ; c\nk # c"),
	 0,
	 SP,
	 {{TXT("k = v ; c"), false, 0, TL_INI_TEXT}, {TXT("k # c"), false, 0, TL_INI_TEXT}},
	 2},
	{"inih's blanks: form feed, vertical tab and CR indent",
	 IN("\f[s]\n\v ; c\n\r\r\n \t\f\v"),
	 0,
	 INIH,
	 {{TXT("\f[s]"), false, 1, TL_INI_SECTION},
	  {TXT("\v ; c"), false, 2, TL_INI_COMMENT},
	  {TXT("\r"), false, 1, TL_INI_BLANK},
	  {TXT(" \t\f\v"), false, 4, TL_INI_BLANK}},
	 4},
	{"space and tab only: other control characters are text",
	 IN("\f[s]\n\v ; c\n\r\r\n \t"),
	 0,
	 SP,
	 {{TXT("\f[s]"), false, 0, TL_INI_TEXT},
	  {TXT("\v ; c"), false, 0, TL_INI_TEXT},
	  {TXT("\r"), false, 0, TL_INI_TEXT},
	  {TXT(" \t"), false, 2, TL_INI_BLANK}},
	 4},
};

START_TEST(lines_table)
{
	const ini_case *c = &cases[_i];
	char *copy = tl_xmalloc(c->input_len ? c->input_len : 1);
	tl_ini_reader rd;
	tl_ini_line line;
	size_t k;

	/* on the heap at its exact size: a read past the end is caught */
	memcpy(copy, c->input, c->input_len);
	tl_ini_reader_init(&rd, copy, c->input_len, c->max_len, c->blanks);
	for (k = 0; k < c->line_count; k++) {
		const want_line *w = &c->lines[k];

		ck_assert_msg(tl_ini_next(&rd, &line) == TL_INI_LINE, "%s: line %zu missing", c->name,
			      k + 1);
		ck_assert_msg(line.number == k + 1, "%s: number %u", c->name, (unsigned)line.number);
		ck_assert_msg(line.len == w->len && memcmp(line.text, w->text, w->len) == 0,
			      "%s: line %zu text (%zu bytes)", c->name, k + 1, line.len);
		ck_assert_msg(line.text[line.len] == '\0', "%s: not terminated", c->name);
		ck_assert_msg(line.nul == w->nul, "%s: line %zu nul %zu", c->name, k + 1, line.nul);
		ck_assert_msg(line.too_long == w->too_long, "%s: line %zu too_long", c->name, k + 1);
		ck_assert_msg(line.indent == w->indent, "%s: line %zu indent %zu", c->name, k + 1,
			      line.indent);
		ck_assert_msg(line.kind == w->kind, "%s: line %zu kind %d", c->name, k + 1,
			      (int)line.kind);
	}
	ck_assert_msg(tl_ini_next(&rd, &line) == TL_INI_END, "%s: more lines", c->name);
	ck_assert_msg(tl_ini_next(&rd, &line) == TL_INI_END, "%s: not at the end", c->name);
	tl_ini_reader_free(&rd);
	free(copy);
}
END_TEST

START_TEST(too_many_lines)
{
	tl_ini_reader rd;
	tl_ini_line line;

	/* four billion lines do not fit a test: start near the end */
	tl_ini_reader_init(&rd, "a\nb\nc", 5, 0, SP);
	rd.number = UINT32_MAX - 1;
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_LINE);
	ck_assert_uint_eq(line.number, UINT32_MAX);
	ck_assert_str_eq(line.text, "a");
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_TOO_MANY);
	/* nothing more is read */
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_END);
	tl_ini_reader_free(&rd);

	/* line UINT32_MAX may be the last */
	tl_ini_reader_init(&rd, "a\n", 2, 0, SP);
	rd.number = UINT32_MAX - 1;
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_LINE);
	ck_assert_uint_eq(line.number, UINT32_MAX);
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_END);
	tl_ini_reader_free(&rd);
}
END_TEST

START_TEST(cap_changes_between_lines)
{
	tl_ini_reader rd;
	tl_ini_line line;

	/* rules learn inih's buffer size only when it asks for a line */
	tl_ini_reader_init(&rd, "abc\nabc\n", 8, 0, SP);
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_LINE);
	ck_assert(!line.too_long);
	rd.max_len = 2;
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_LINE);
	ck_assert(line.too_long);
	tl_ini_reader_free(&rd);
}
END_TEST

START_TEST(line_is_writable_copy)
{
	static const char text[] = "[a]\nk = v\n";
	tl_ini_reader rd;
	tl_ini_line line;

	tl_ini_reader_init(&rd, text, sizeof(text) - 1, 0, SP);
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_LINE);
	/* waiver.c cuts names in place: the text it was given stays whole */
	line.text[2] = '\0';
	ck_assert_str_eq(text, "[a]\nk = v\n");
	ck_assert_int_eq(tl_ini_next(&rd, &line), TL_INI_LINE);
	ck_assert_str_eq(line.text, "k = v");
	tl_ini_reader_free(&rd);
}
END_TEST

START_TEST(columns)
{
	static const struct {
		size_t off;
		uint32_t col;
	} cols[] = {
		{0, 1},
		{9, 10},
		{UINT32_MAX - 1, UINT32_MAX},
		{UINT32_MAX, 0},
		{SIZE_MAX, 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cols); i++)
		ck_assert_msg(tl_ini_col(cols[i].off) == cols[i].col, "offset %zu: column %u",
			      cols[i].off, (unsigned)tl_ini_col(cols[i].off));
}
END_TEST

/* Every prefix of a file with each feature: as many lines as it has line
 * ends, plus one for text after the last, and no byte read past the end. */
static void count_lines(const uint8_t *p, size_t len)
{
	tl_ini_reader rd;
	tl_ini_line line;
	size_t want = 0, got = 0, i;

	for (i = 0; i < len; i++)
		want += p[i] == '\n';
	want += len && p[len - 1] != '\n';
	tl_ini_reader_init(&rd, (const char *)p, len, 6, INIH);
	while (tl_ini_next(&rd, &line) == TL_INI_LINE) {
		got++;
		ck_assert_uint_eq(line.number, got);
		ck_assert_uint_le(line.indent, line.len);
		ck_assert_uint_le(line.nul, line.len);
	}
	ck_assert_uint_eq(got, want);
	tl_ini_reader_free(&rd);
}

START_TEST(every_prefix)
{
	static const char text[] = "\xEF\xBB\xBF[r]\r\n; c\n  k = v\0w\r\n\tcontinued line\nlast";

	tt_each_prefix(text, sizeof(text) - 1, count_lines);
	count_lines((const uint8_t *)text, sizeof(text) - 1);
}
END_TEST

static Suite *ini_suite(void)
{
	Suite *s = suite_create("ini");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, lines_table, 0, (int)TL_ARRAY_LEN(cases));
	tcase_add_test(tc, too_many_lines);
	tcase_add_test(tc, cap_changes_between_lines);
	tcase_add_test(tc, line_is_writable_copy);
	tcase_add_test(tc, columns);
	tcase_add_test(tc, every_prefix);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(ini_suite());
}
