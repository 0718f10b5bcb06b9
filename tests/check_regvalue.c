/* check_regvalue.c: the data of `.reg` value lines (formats/regvalue.c),
 * one table per function: forms, quoted strings and escapes, string,
 * delete, dword, hex(N) and hex data, the bytes stored for character data.
 *
 * Every bad case asserts the exact position and reason the parser turns
 * into its message; tests/check_reg.c checks the messages themselves on
 * whole files. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "formats/regvalue.h"
#include "testutil.h"
#include "base/util.h"

/* An ASCII line as the UTF-16 code units the parser sees, in line and
 * line_n (call it before reading line_n: arguments have no order). */
static uint16_t line[256];
static size_t line_n;

static const uint16_t *units(const char *ascii)
{
	size_t i;

	line_n = strlen(ascii);
	ck_assert_uint_lt(line_n, TL_ARRAY_LEN(line));
	for (i = 0; i <= line_n; i++)
		line[i] = (uint8_t)ascii[i];
	return line;
}

/* data as lower-case hex; free() the result. */
static char *hex_of(const tl_buf *data)
{
	return tl_xhex((const uint8_t *)(data->data ? data->data : ""), data->len, false);
}

#define ck_data(data, expected)                         \
	do {                                            \
		char *got_ = hex_of(data);              \
		ck_assert_str_eq(got_, expected);       \
		free(got_);                             \
	} while (0)

/* A bad case: where and why, exactly. */
struct bad {
	size_t at;
	const char *why;
	bool found;
};

#define ck_error(err, c)                                                \
	do {                                                            \
		ck_assert_uint_eq((err)->at, (c)->at);                  \
		ck_assert_str_eq((err)->why, (c)->why);                 \
		ck_assert_int_eq((err)->found, (c)->found);             \
	} while (0)

static const char no_string[] = "string data has no closing quote (a string cannot continue on the next line)";
static const char nul_string[] = "the escape backslash-zero in string data makes Windows ignore the line";
static const char after_string[] = "only blanks or a ';' comment may follow a string";
static const char after_delete[] = "only blanks or a ';' comment may follow '=-'";
static const char no_digits[] = "'dword:' needs 1 to 8 hex digits";
static const char long_dword[] = "more than 8 hex digits after 'dword:'";
static const char after_dword[] = "only blanks or a ';' comment may follow a dword";
static const char big_type[] = "type number in 'hex(...)' is larger than ffffffff";
static const char bad_type[] = "malformed type: expected 'hex(N):' with N in hex";

/* ------------------------------------------------------------ forms */

static const struct form_case {
	const char *line;
	size_t i;
	tl_regvalue_form form;
	size_t data;
} form_cases[] = {
	{"", 0, TL_REGVALUE_EMPTY, 0},
	{"-", 0, TL_REGVALUE_DELETE, 1},
	{"- ;x", 0, TL_REGVALUE_DELETE, 1},
	{"\"x\"", 0, TL_REGVALUE_STRING, 1},
	{"dword:1", 0, TL_REGVALUE_DWORD, 6},
	{"hex:01", 0, TL_REGVALUE_BINARY, 4},
	{"=  hex:01", 3, TL_REGVALUE_BINARY, 7},
	{"hex(2):41", 0, TL_REGVALUE_TYPED, 0},
	{"a=hex(", 2, TL_REGVALUE_TYPED, 2},
	/* tags are case-sensitive and spelled one way only */
	{"DWORD:1", 0, TL_REGVALUE_UNKNOWN, 0},
	{"Hex:01", 0, TL_REGVALUE_UNKNOWN, 0},
	{"hex (2):41", 0, TL_REGVALUE_UNKNOWN, 0},
	{"hex", 0, TL_REGVALUE_UNKNOWN, 0},
	{"dword", 0, TL_REGVALUE_UNKNOWN, 0},
	{"qword:1", 0, TL_REGVALUE_UNKNOWN, 0},
	{"text", 0, TL_REGVALUE_UNKNOWN, 0},
};

START_TEST(form)
{
	const struct form_case *c = &form_cases[_i];
	size_t data = 999;

	ck_assert_int_eq(tl_regvalue_form_at(units(c->line), c->i, &data), c->form);
	ck_assert_uint_eq(data, c->data);
}
END_TEST

/* ------------------------------------------------------------ quoted strings */

static const struct quote_case {
	const char *line;          /* from the opening quote, read from index 1 */
	tl_regvalue_quote status;
	const char *text;          /* unescaped, on QUOTE_OK */
	size_t after;
	size_t esc_col;
	char esc_char;
} quote_cases[] = {
	{"\"abc\"", TL_REGVALUE_QUOTE_OK, "abc", 5, 0, 0},
	{"\"\"", TL_REGVALUE_QUOTE_OK, "", 2, 0, 0},
	{"\"x;y#z\" ;c", TL_REGVALUE_QUOTE_OK, "x;y#z", 7, 0, 0},
	{"\"a\\\"b\\\\c\" rest", TL_REGVALUE_QUOTE_OK, "a\"b\\c", 9, 0, 0},
	/* an escaped backslash before 0 is no `\0` */
	{"\"a\\\\0\"", TL_REGVALUE_QUOTE_OK, "a\\0", 6, 0, 0},
	/* unknown escapes stand for the character; the first is remembered */
	{"\"a\\nb\"", TL_REGVALUE_QUOTE_OK, "anb", 6, 3, 'n'},
	{"\"\\x\\y\"", TL_REGVALUE_QUOTE_OK, "xy", 6, 2, 'x'},
	{"\"abc", TL_REGVALUE_QUOTE_OPEN, NULL, 4, 0, 0},
	{"\"abc\\", TL_REGVALUE_QUOTE_OPEN, NULL, 4, 0, 0},
	{"\"a\\\"", TL_REGVALUE_QUOTE_OPEN, NULL, 4, 0, 0},
	{"\"a\\0b\"", TL_REGVALUE_QUOTE_NUL, NULL, 2, 0, 0},
	{"\"\\q\\0\"", TL_REGVALUE_QUOTE_NUL, NULL, 3, 2, 'q'},
};

START_TEST(unquote)
{
	const struct quote_case *c = &quote_cases[_i];
	tl_regvalue_str str = {0};
	size_t after = 999, i;

	units(c->line);
	ck_assert_int_eq(tl_regvalue_unquote(&str, line, line_n, 1, &after), c->status);
	ck_assert_uint_eq(after, c->after);
	ck_assert_uint_eq(str.esc_col, c->esc_col);
	if (c->esc_col)
		ck_assert_uint_eq(str.esc_char, (uint16_t)c->esc_char);
	if (c->text) {
		ck_assert_uint_eq(str.n, strlen(c->text));
		for (i = 0; i < str.n; i++)
			ck_assert_uint_eq(str.units[i], (uint8_t)c->text[i]);
	}
	tl_regvalue_str_free(&str);
	ck_assert_ptr_null(str.units);
}
END_TEST

/* One message a line: a name's unknown escape is reported, not the data's. */
START_TEST(first_escape_of_the_line_wins)
{
	tl_regvalue_str str = {0};
	size_t after;

	units("\"\\a\"=\"\\b\"");
	ck_assert_int_eq(tl_regvalue_unquote(&str, line, line_n, 1, &after), TL_REGVALUE_QUOTE_OK);
	ck_assert_int_eq(tl_regvalue_unquote(&str, line, line_n, after + 2, &after),
			 TL_REGVALUE_QUOTE_OK);
	ck_assert_uint_eq(str.n, 1);
	ck_assert_uint_eq(str.units[0], 'b');
	ck_assert_uint_eq(str.esc_col, 2);
	ck_assert_uint_eq(str.esc_char, 'a');
	str.esc_col = 0;
	ck_assert_int_eq(tl_regvalue_unquote(&str, line, line_n, 6, &after), TL_REGVALUE_QUOTE_OK);
	ck_assert_uint_eq(str.esc_col, 7);
	ck_assert_uint_eq(str.esc_char, 'b');
	tl_regvalue_str_free(&str);
	tl_regvalue_str_free(NULL);
}
END_TEST

/* ------------------------------------------------------------ data */

/* One function's case: the line, what it returns, and the stored bytes
 * (OK, MORE) or the error (BAD). */
struct data_case {
	const char *line;
	tl_regvalue_status status;
	const char *hex;
	struct bad err;
};

static const struct data_case string_cases[] = {
	{"\"text\"", TL_REGVALUE_OK, "74006500780074000000", {0}},
	{"\"\"", TL_REGVALUE_OK, "0000", {0}},
	{"\"a\" ;c", TL_REGVALUE_OK, "61000000", {0}},
	{"\"a\"\t ", TL_REGVALUE_OK, "61000000", {0}},
	{"\"a\\\\b\\\"\"", TL_REGVALUE_OK, "61005c0062002200" "0000", {0}},
	{"\"abc", TL_REGVALUE_BAD, NULL, {0, no_string, false}},
	{"\"a\\0\"", TL_REGVALUE_BAD, NULL, {2, nul_string, false}},
	{"\"a\" b", TL_REGVALUE_BAD, NULL, {4, after_string, true}},
	{"\"a\"\"b\"", TL_REGVALUE_BAD, NULL, {3, after_string, true}},
};

static tl_regvalue_status call_string(tl_buf *data, tl_regvalue_error *err)
{
	tl_regvalue_str str = {0};
	tl_regvalue_status st = tl_regvalue_string(data, &str, line, line_n, 1, err);

	tl_regvalue_str_free(&str);
	return st;
}

static tl_regvalue_status call_dword(tl_buf *data, tl_regvalue_error *err)
{
	return tl_regvalue_dword(data, line, 0, err);
}

static tl_regvalue_status call_hex(tl_buf *data, tl_regvalue_error *err)
{
	return tl_regvalue_hex(data, line, line_n, 0, err);
}

/* Run fn on the case's line over data holding the byte ab: a good line
 * replaces it, or with appends adds to it; a bad one leaves bad_data. */
static void ck_data_case(const struct data_case *c,
			 tl_regvalue_status (*fn)(tl_buf *, tl_regvalue_error *), bool appends,
			 const char *bad_data)
{
	tl_regvalue_error err = {0};
	tl_buf data = tt_hex_bytes("ab");
	char *want;

	units(c->line);
	ck_assert_int_eq(fn(&data, &err), c->status);
	if (c->status == TL_REGVALUE_BAD) {
		ck_error(&err, &c->err);
		ck_data(&data, bad_data);
	} else {
		want = tl_xasprintf("%s%s", appends ? "ab" : "", c->hex);
		ck_data(&data, want);
		free(want);
	}
	tl_buf_free(&data);
}

START_TEST(string)
{
	ck_data_case(&string_cases[_i], call_string, false, "ab");
}
END_TEST

static const struct data_case delete_cases[] = {
	{"", TL_REGVALUE_OK, NULL, {0}},
	{"  ", TL_REGVALUE_OK, NULL, {0}},
	{" ;comment", TL_REGVALUE_OK, NULL, {0}},
	{"  x", TL_REGVALUE_BAD, NULL, {2, after_delete, true}},
	{"-", TL_REGVALUE_BAD, NULL, {0, after_delete, true}},
};

START_TEST(delete)
{
	const struct data_case *c = &delete_cases[_i];
	tl_regvalue_error err = {0};

	ck_assert_int_eq(tl_regvalue_delete(units(c->line), 0, &err), c->status);
	if (c->status == TL_REGVALUE_BAD)
		ck_error(&err, &c->err);
}
END_TEST

static const struct data_case dword_cases[] = {
	{"1", TL_REGVALUE_OK, "01000000", {0}},
	{"\t0000000a ;x", TL_REGVALUE_OK, "0a000000", {0}},
	{"FFFFFFFF", TL_REGVALUE_OK, "ffffffff", {0}},
	{"1234;5678", TL_REGVALUE_OK, "34120000", {0}},
	{"00000000000", TL_REGVALUE_BAD, NULL, {0, long_dword, false}},
	{"", TL_REGVALUE_BAD, NULL, {0, no_digits, false}},
	{"  x", TL_REGVALUE_BAD, NULL, {2, no_digits, false}},
	{"123456789", TL_REGVALUE_BAD, NULL, {0, long_dword, false}},
	{"12 34", TL_REGVALUE_BAD, NULL, {3, after_dword, true}},
	{"0x10", TL_REGVALUE_BAD, NULL, {1, after_dword, true}},
	{"-1", TL_REGVALUE_BAD, NULL, {0, no_digits, false}},
};

START_TEST(dword)
{
	ck_data_case(&dword_cases[_i], call_dword, false, "ab");
}
END_TEST

static const struct type_case {
	const char *line;
	size_t tag;
	tl_regvalue_status status;
	uint32_t type;
	size_t bytes;
	struct bad err;
} type_cases[] = {
	{"hex(2):41", 0, TL_REGVALUE_OK, 2, 7, {0}},
	{"hex(b):", 0, TL_REGVALUE_OK, 11, 7, {0}},
	{"hex(B):", 0, TL_REGVALUE_OK, 11, 7, {0}},
	{"hex(0):", 0, TL_REGVALUE_OK, 0, 7, {0}},
	{"=  hex(7):00", 3, TL_REGVALUE_OK, 7, 10, {0}},
	{"hex(ffffffff):00", 0, TL_REGVALUE_OK, 0xffffffffu, 14, {0}},
	{"hex(000000002):", 0, TL_REGVALUE_OK, 2, 15, {0}},
	{"hex(100000000):00", 0, TL_REGVALUE_BAD, 0, 0, {0, big_type, false}},
	{"= hex(fffffffff", 2, TL_REGVALUE_BAD, 0, 0, {2, big_type, false}},
	{"hex():00", 0, TL_REGVALUE_BAD, 0, 0, {0, bad_type, true}},
	{"hex(0x2):00", 0, TL_REGVALUE_BAD, 0, 0, {0, bad_type, true}},
	{"hex(2)00", 0, TL_REGVALUE_BAD, 0, 0, {0, bad_type, true}},
	{"hex(2:00", 0, TL_REGVALUE_BAD, 0, 0, {0, bad_type, true}},
	{"hex( 2):00", 0, TL_REGVALUE_BAD, 0, 0, {0, bad_type, true}},
	{"hex(g):", 0, TL_REGVALUE_BAD, 0, 0, {0, bad_type, true}},
	{"hex(", 0, TL_REGVALUE_BAD, 0, 0, {0, bad_type, true}},
};

START_TEST(hex_type)
{
	const struct type_case *c = &type_cases[_i];
	tl_regvalue_error err = {0};
	uint32_t type = 999;
	size_t bytes = 999;

	ck_assert_int_eq(tl_regvalue_hex_type(units(c->line), c->tag, &type, &bytes, &err),
			 c->status);
	if (c->status == TL_REGVALUE_BAD) {
		ck_error(&err, &c->err);
		ck_assert_uint_eq(type, 999);
	} else {
		ck_assert_uint_eq(type, c->type);
		ck_assert_uint_eq(bytes, c->bytes);
	}
}
END_TEST

static const struct data_case hex_cases[] = {
	{"", TL_REGVALUE_OK, "", {0}},
	{";c", TL_REGVALUE_OK, "", {0}},
	{"1,a,FF,", TL_REGVALUE_OK, "010aff", {0}},
	{"11, 22,\t33 ;c", TL_REGVALUE_OK, "112233", {0}},
	{"00,ff", TL_REGVALUE_OK, "00ff", {0}},
	{"01,\\", TL_REGVALUE_MORE, "01", {0}},
	{"01, \\  ;c", TL_REGVALUE_MORE, "01", {0}},
	{"\\", TL_REGVALUE_MORE, "", {0}},
	{" 11, 22\t, 33", TL_REGVALUE_BAD, NULL, {8, "expected ',' after a byte", false}},
	{"01 02", TL_REGVALUE_BAD, NULL, {3, "expected ',' after a byte", false}},
	{"01,\\ x", TL_REGVALUE_BAD, NULL,
	 {5, "only blanks or a ';' comment may follow the continuation backslash", false}},
	{"01\\", TL_REGVALUE_BAD, NULL, {2, "the continuation backslash must follow a comma", false}},
	{"01,,02", TL_REGVALUE_BAD, NULL, {3, "empty byte between two commas", false}},
	{",", TL_REGVALUE_BAD, NULL, {0, "empty byte between two commas", false}},
	{"zz", TL_REGVALUE_BAD, NULL, {0, "expected a hex byte", false}},
	{"01,-1", TL_REGVALUE_BAD, NULL, {3, "expected a hex byte", false}},
	{"123", TL_REGVALUE_BAD, NULL, {2, "more than 2 hex digits in a byte", false}},
};

/* Each line appends: data before it is kept, unless the line is bad. */
START_TEST(hex)
{
	ck_data_case(&hex_cases[_i], call_hex, true, "");
}
END_TEST

/* ------------------------------------------------------------ stored bytes */

START_TEST(set_sz)
{
	static const uint16_t text[] = {'a', 0x20AC, 0xD83D, 0xDE00};
	tl_buf data = {0};

	tl_buf_adds(&data, "old");
	tl_regvalue_set_sz(&data, text, 0);
	ck_data(&data, "0000");
	tl_regvalue_set_sz(&data, text, TL_ARRAY_LEN(text));
	ck_data(&data, "6100ac203dd800de0000");
	tl_buf_free(&data);
}
END_TEST

static const struct finish_case {
	uint32_t type;
	bool utf16;
	const char *in;
	const char *out;
	tl_regvalue_hex_note note;
} finish_cases[] = {
	/* only hex(1), hex(2) and hex(7) hold characters */
	{3, false, "4100", "4100", TL_REGVALUE_HEX_CLEAN},
	{4, true, "01", "01", TL_REGVALUE_HEX_CLEAN},
	{11, false, "41", "41", TL_REGVALUE_HEX_CLEAN},
	/* empty data stays empty */
	{1, false, "", "", TL_REGVALUE_HEX_CLEAN},
	{7, true, "", "", TL_REGVALUE_HEX_CLEAN},
	/* 8-bit file: Windows-1252 to UTF-16, one NUL appended if missing */
	{2, false, "255041544825", "2500500041005400480025000000", TL_REGVALUE_HEX_CLEAN},
	{2, false, "255000", "250050000000", TL_REGVALUE_HEX_CLEAN},
	{7, false, "4100420000", "41000000420000000000", TL_REGVALUE_HEX_CLEAN},
	{1, false, "80e9", "ac20e9000000", TL_REGVALUE_HEX_CLEAN},
	{1, false, "00", "0000", TL_REGVALUE_HEX_CLEAN},
	{1, false, "4100", "41000000", TL_REGVALUE_HEX_CLEAN},
	{1, false, "41004200", "4100000042000000", TL_REGVALUE_HEX_UTF16_IN_ANSI},
	{2, false, "410042004300", "410000004200000043000000", TL_REGVALUE_HEX_UTF16_IN_ANSI},
	{1, false, "00000000", "0000000000000000", TL_REGVALUE_HEX_CLEAN},
	/* UTF-16 file: the bytes are UTF-16LE already */
	{2, true, "25005000", "250050000000", TL_REGVALUE_HEX_CLEAN},
	{2, true, "25000000", "25000000", TL_REGVALUE_HEX_CLEAN},
	{7, true, "410000000000", "410000000000", TL_REGVALUE_HEX_CLEAN},
	{2, true, "0041", "00410000", TL_REGVALUE_HEX_CLEAN},
	{1, true, "41", "41000000", TL_REGVALUE_HEX_ODD_LENGTH},
	{1, true, "410000", "41000000", TL_REGVALUE_HEX_ODD_LENGTH},
};

START_TEST(finish_hex)
{
	const struct finish_case *c = &finish_cases[_i];
	tl_buf data = tt_hex_bytes(c->in);
	uint16_t ansi[256];
	unsigned b;

	for (b = 0; b < 256; b++)
		ansi[b] = (uint16_t)tl_cp1252_to_ucs((uint8_t)b);
	ck_assert_int_eq(tl_regvalue_finish_hex(&data, c->type, c->utf16, ansi), c->note);
	ck_data(&data, c->out);
	tl_buf_free(&data);
}
END_TEST

static const struct hex_line_case {
	const char *line;
	bool hex;
} hex_line_cases[] = {
	{"01,", true},
	{"1", true},
	{"ab", true},
	{"1,2", true},
	{"ff,00,\\", true},
	{"abc", false},
	{"0g", false},
	{"", false},
	{"01 ,", false},
	{",01", false},
	{"g1,", false},
};

START_TEST(hex_line)
{
	const struct hex_line_case *c = &hex_line_cases[_i];

	ck_assert_int_eq(tl_regvalue_is_hex_line(units(c->line)), c->hex);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("regvalue");
	TCase *forms = tcase_create("forms");
	TCase *quotes = tcase_create("quoted strings");
	TCase *data = tcase_create("data");
	TCase *stored = tcase_create("stored bytes");

	tcase_add_loop_test(forms, form, 0, (int)TL_ARRAY_LEN(form_cases));
	tcase_add_loop_test(forms, hex_line, 0, (int)TL_ARRAY_LEN(hex_line_cases));
	suite_add_tcase(s, forms);

	tcase_add_loop_test(quotes, unquote, 0, (int)TL_ARRAY_LEN(quote_cases));
	tcase_add_test(quotes, first_escape_of_the_line_wins);
	suite_add_tcase(s, quotes);

	tcase_add_loop_test(data, string, 0, (int)TL_ARRAY_LEN(string_cases));
	tcase_add_loop_test(data, delete, 0, (int)TL_ARRAY_LEN(delete_cases));
	tcase_add_loop_test(data, dword, 0, (int)TL_ARRAY_LEN(dword_cases));
	tcase_add_loop_test(data, hex_type, 0, (int)TL_ARRAY_LEN(type_cases));
	tcase_add_loop_test(data, hex, 0, (int)TL_ARRAY_LEN(hex_cases));
	suite_add_tcase(s, data);

	tcase_add_test(stored, set_sz);
	tcase_add_loop_test(stored, finish_hex, 0, (int)TL_ARRAY_LEN(finish_cases));
	suite_add_tcase(s, stored);

	return tt_run(s);
}
