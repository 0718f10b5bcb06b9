/* check_regdump.c: `trustlint reg-dump` (report/regdump.h): the JSON
 * lines of the registry state small exports leave, with and without the
 * file of each line, and of their operations in file order, compared
 * exactly; a write error. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/reg.h"
#include "report/regdump.h"
#include "testutil.h"
#include "base/json.h"
#include "base/util.h"

/* a.reg: values, a key without values, a ControlSet00n path and a value
 * name with a quote and a backslash and no data. b.reg (REGEDIT4): a key
 * of a.reg spelled in lower case, a value replaced, a character value, a
 * key of a.reg deleted, a key created and deleted again. */
static const struct export {
	const char *name;
	const char *text;
} exports[] = {
	{"a.reg",
	 "Windows Registry Editor Version 5.00\r\n"
	 "\r\n"
	 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\r\n"
	 "\"keep\"=\"a\"\r\n"
	 "\"over\"=dword:1\r\n"
	 "\r\n"
	 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\T\\Empty]\r\n"
	 "\r\n"
	 "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\X]\r\n"
	 "\"q\\\"\\\\\"=hex:\r\n"},
	{"b.reg",
	 "REGEDIT4\r\n"
	 "\r\n"
	 "[hkey_local_machine\\software\\t]\r\n"
	 "\"over\"=dword:2\r\n"
	 "\"new\"=hex(7):41,00,00\r\n"
	 "\r\n"
	 "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\T\\Empty]\r\n"
	 "\r\n"
	 "[HKEY_CURRENT_USER\\Gone]\r\n"
	 "\"v\"=\"x\"\r\n"
	 "[-HKEY_CURRENT_USER\\Gone]\r\n"},
};

static const struct export *export_named(char c)
{
	return &exports[c == 'a' ? 0 : 1];
}

/* The state the exports named in files ("ab": a.reg, then b.reg) leave
 * in an empty registry. Keys made only on the way (HKEY_LOCAL_MACHINE,
 * SOFTWARE) have no line of their own and are not listed. */
static const struct state_case {
	const char *files;
	bool show_file;
	const char *want;
} state_cases[] = {
	{"", false, ""},
	{"a", false,
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"keep\", \"type\": 1, \"data\": \"61000000\", \"line\": 4}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"over\", \"type\": 4, \"data\": \"01000000\", \"line\": 5}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\\\\Empty\", \"line\": 7}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\X\", \"name\": \"q\\\"\\\\\", \"type\": 3, \"data\": \"\", \"line\": 10}\n"},
	{"a", true,
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"keep\", \"type\": 1, \"data\": \"61000000\", \"file\": \"a.reg\", \"line\": 4}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"over\", \"type\": 4, \"data\": \"01000000\", \"file\": \"a.reg\", \"line\": 5}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\\\\Empty\", \"file\": \"a.reg\", \"line\": 7}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\X\", \"name\": \"q\\\"\\\\\", \"type\": 3, \"data\": \"\", \"file\": \"a.reg\", \"line\": 10}\n"},
	/* a key deleted with its values leaves nothing */
	{"b", false,
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"name\": \"over\", \"type\": 4, \"data\": \"02000000\", \"line\": 4}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"name\": \"new\", \"type\": 7, \"data\": \"410000000000\", \"line\": 5}\n"},
	/* a replaced value keeps its place and tells where it was set last */
	{"ab", true,
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"keep\", \"type\": 1, \"data\": \"61000000\", \"file\": \"a.reg\", \"line\": 4}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"over\", \"type\": 4, \"data\": \"02000000\", \"file\": \"b.reg\", \"line\": 4}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"new\", \"type\": 7, \"data\": \"410000000000\", \"file\": \"b.reg\", \"line\": 5}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\X\", \"name\": \"q\\\"\\\\\", \"type\": 3, \"data\": \"\", \"file\": \"a.reg\", \"line\": 10}\n"},
	/* the key keeps the spelling of its first creation */
	{"ba", true,
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"name\": \"over\", \"type\": 4, \"data\": \"01000000\", \"file\": \"a.reg\", \"line\": 5}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"name\": \"new\", \"type\": 7, \"data\": \"410000000000\", \"file\": \"b.reg\", \"line\": 5}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"name\": \"keep\", \"type\": 1, \"data\": \"61000000\", \"file\": \"a.reg\", \"line\": 4}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\\\\Empty\", \"file\": \"a.reg\", \"line\": 7}\n"
	 "{\"key\": \"HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\X\", \"name\": \"q\\\"\\\\\", \"type\": 3, \"data\": \"\", \"file\": \"a.reg\", \"line\": 10}\n"},
};

START_TEST(state)
{
	const struct state_case *c = &state_cases[_i];
	tl_registry *reg = tl_registry_new();
	tl_diags *d = tl_diags_new();
	const char *f;
	char *got;
	tt_mem m;

	for (f = c->files; *f; f++) {
		const struct export *e = export_named(*f);

		tl_registry_load(reg, (const uint8_t *)e->text, strlen(e->text), e->name, d);
	}
	tt_ck_diags(d, "");
	ck_assert_int_eq(tl_regdump_state(reg, c->show_file, tt_mem_open(&m)), 0);
	got = tt_mem_close(&m, NULL);
	ck_assert_str_eq(got, c->want);
	free(got);
	tl_diags_free(d);
	tl_registry_free(reg);
}
END_TEST

/* Each operation of one export, in file order. */
static const struct ops_case {
	char file;
	bool show_file;
	const char *want;
} ops_cases[] = {
	{'a', false,
	 "{\"op\": \"create-key\", \"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"line\": 3}\n"
	 "{\"op\": \"set\", \"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"keep\", \"type\": 1, \"data\": \"61000000\", \"line\": 4}\n"
	 "{\"op\": \"set\", \"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\", \"name\": \"over\", \"type\": 4, \"data\": \"01000000\", \"line\": 5}\n"
	 "{\"op\": \"create-key\", \"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\\\\Empty\", \"line\": 7}\n"
	 "{\"op\": \"create-key\", \"key\": \"HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\ControlSet001\\\\Services\\\\X\", \"line\": 9}\n"
	 "{\"op\": \"set\", \"key\": \"HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\ControlSet001\\\\Services\\\\X\", \"name\": \"q\\\"\\\\\", \"type\": 3, \"data\": \"\", \"line\": 10}\n"},
	{'b', true,
	 "{\"op\": \"create-key\", \"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"file\": \"b.reg\", \"line\": 3}\n"
	 "{\"op\": \"set\", \"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"name\": \"over\", \"type\": 4, \"data\": \"02000000\", \"file\": \"b.reg\", \"line\": 4}\n"
	 "{\"op\": \"set\", \"key\": \"HKEY_LOCAL_MACHINE\\\\software\\\\t\", \"name\": \"new\", \"type\": 7, \"data\": \"410000000000\", \"file\": \"b.reg\", \"line\": 5}\n"
	 "{\"op\": \"delete-key\", \"key\": \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\T\\\\Empty\", \"file\": \"b.reg\", \"line\": 7}\n"
	 "{\"op\": \"create-key\", \"key\": \"HKEY_CURRENT_USER\\\\Gone\", \"file\": \"b.reg\", \"line\": 9}\n"
	 "{\"op\": \"set\", \"key\": \"HKEY_CURRENT_USER\\\\Gone\", \"name\": \"v\", \"type\": 1, \"data\": \"78000000\", \"file\": \"b.reg\", \"line\": 10}\n"
	 "{\"op\": \"delete-key\", \"key\": \"HKEY_CURRENT_USER\\\\Gone\", \"file\": \"b.reg\", \"line\": 11}\n"},
};

START_TEST(ops_in_file_order)
{
	const struct ops_case *c = &ops_cases[_i];
	const struct export *e = export_named(c->file);
	tl_diags *d = tl_diags_new();
	tl_reg_ops ops = {0};
	FILE *out;
	size_t i;
	char *got;
	tt_mem m;

	ck_assert_int_eq(tl_reg_parse((const uint8_t *)e->text, strlen(e->text), e->name, &ops, d), 0);
	tt_ck_diags(d, "");
	out = tt_mem_open(&m);
	for (i = 0; i < ops.count; i++)
		ck_assert_int_eq(tl_regdump_op(&ops.ops[i], e->name, c->show_file, out), 0);
	got = tt_mem_close(&m, NULL);
	ck_assert_str_eq(got, c->want);
	free(got);
	tl_reg_ops_free(&ops);
	tl_diags_free(d);
}
END_TEST

/* A delete-value operation names its value but carries no data. */
START_TEST(op_delete_value)
{
	tl_reg_op op = {0};
	char *got;
	tt_mem m;

	op.kind = TL_REG_OP_DELETE_VALUE;
	op.key = (char *)"HKEY_USERS\\S-1-5-18";
	op.name = (char *)"v";
	op.type = 4;
	op.line = 12;
	ck_assert_int_eq(tl_regdump_op(&op, "c.reg", true, tt_mem_open(&m)), 0);
	got = tt_mem_close(&m, NULL);
	ck_assert_str_eq(got, "{\"op\": \"delete-value\", \"key\": \"HKEY_USERS\\\\S-1-5-18\", "
			      "\"name\": \"v\", \"file\": \"c.reg\", \"line\": 12}\n");
	free(got);
}
END_TEST

/* Names that are not printable ASCII are printed as jansson prints them:
 * escapes for control characters, DEL as it is, other characters as they
 * are or, on a terminal (JSON_ENSURE_ASCII), as \u escapes; bytes that are
 * no UTF-8 (the WTF-8 of a lone surrogate) as U+FFFD. */
static const struct name_case {
	int terminal;
	const char *name;
	const char *want;
} name_cases[] = {
	{0, "~ \x1f\x7f\t", "\"~ \\u001F\x7f\\t\""},
	{0, "\xc3\xa9\xf0\x9f\x98\x80", "\"\xc3\xa9\xf0\x9f\x98\x80\""},
	{1, "\xc3\xa9\xf0\x9f\x98\x80", "\"\\u00E9\\uD83D\\uDE00\""},
	{0, "a\xed\xb0\x80", "\"a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
	{1, "a\xed\xb0\x80", "\"a\\uFFFD\\uFFFD\\uFFFD\""},
};

START_TEST(names_jansson_prints)
{
	const struct name_case *c = &name_cases[_i];
	tl_reg_op op = {0};
	char *got, *want;
	tt_mem m;

	op.kind = TL_REG_OP_SET;
	op.key = (char *)"HKEY_USERS\\K";
	op.name = (char *)c->name;
	op.type = 3;
	op.data = (uint8_t *)"\x00\xff";
	op.len = 2;
	op.line = 4294967295u;
	tl_json_set_terminal(c->terminal);
	ck_assert_int_eq(tl_regdump_op(&op, c->name, true, tt_mem_open(&m)), 0);
	tl_json_set_terminal(0);
	got = tt_mem_close(&m, NULL);
	want = tl_xasprintf("{\"op\": \"set\", \"key\": \"HKEY_USERS\\\\K\", \"name\": %s, "
			    "\"type\": 3, \"data\": \"00ff\", \"file\": %s, \"line\": 4294967295}\n",
			    c->want, c->want);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
}
END_TEST

START_TEST(write_error)
{
	const struct export *e = export_named('a');
	tl_registry *reg = tl_registry_new();
	tl_diags *d = tl_diags_new();
	tl_reg_ops ops = {0};
	FILE *out = fopen("/dev/full", "w");

	ck_assert_ptr_nonnull(out);
	setvbuf(out, NULL, _IONBF, 0);
	tl_registry_load(reg, (const uint8_t *)e->text, strlen(e->text), e->name, d);
	ck_assert_int_eq(tl_regdump_state(reg, false, out), -1);
	tl_reg_parse((const uint8_t *)e->text, strlen(e->text), e->name, &ops, d);
	ck_assert_uint_gt(ops.count, 0);
	ck_assert_int_eq(tl_regdump_op(&ops.ops[0], e->name, true, out), -1);
	fclose(out);
	tl_reg_ops_free(&ops);
	tl_diags_free(d);
	tl_registry_free(reg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("regdump");
	TCase *tc = tcase_create("regdump");

	tcase_add_loop_test(tc, state, 0, (int)TL_ARRAY_LEN(state_cases));
	tcase_add_loop_test(tc, ops_in_file_order, 0, (int)TL_ARRAY_LEN(ops_cases));
	tcase_add_test(tc, op_delete_value);
	tcase_add_loop_test(tc, names_jansson_prints, 0, (int)TL_ARRAY_LEN(name_cases));
	tcase_add_test(tc, write_error);
	suite_add_tcase(s, tc);
	return tt_run(s);
}
