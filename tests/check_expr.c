/* check_expr.c: the rule expression language (expr.h) against a mock
 * catalogue of two scopes and a mock export: every token, precedence,
 * operator and function, null semantics, durations and times, quantifiers,
 * reg(), templates, value formatting, and every compile error with its exact
 * message and offset. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "rules/expr.h"
#include "testutil.h"
#include "base/util.h"

/* ------------------------------------------------------------ the mock */

enum { SCOPE_CERT = 0, SCOPE_STORE = 1 };

enum {
	F_SUBJECT = 1,
	F_ISSUER,
	F_BITS,
	F_NOT_AFTER,
	F_LIFETIME,
	F_SELF_SIGNED,
	F_EKU,
	F_SIZES,
	F_MISSING,
	F_TRUST_MODE,
	F_STORE,
	F_WEIRD,
	F_NAME = 20,
	F_SIZE,
	F_EMPTY,
};

static const struct mock_field {
	int scope;
	const char *name;
	int id;
	tl_type type, elem;
} mock_fields[] = {
	{SCOPE_CERT, "subject", F_SUBJECT, TL_T_STRING, TL_T_NULL},
	{SCOPE_CERT, "issuer", F_ISSUER, TL_T_STRING, TL_T_NULL},
	{SCOPE_CERT, "bits", F_BITS, TL_T_INT, TL_T_NULL},
	{SCOPE_CERT, "not_after", F_NOT_AFTER, TL_T_TIME, TL_T_NULL},
	{SCOPE_CERT, "lifetime", F_LIFETIME, TL_T_DURATION, TL_T_NULL},
	{SCOPE_CERT, "self_signed", F_SELF_SIGNED, TL_T_BOOL, TL_T_NULL},
	{SCOPE_CERT, "eku", F_EKU, TL_T_LIST, TL_T_STRING},
	{SCOPE_CERT, "sizes", F_SIZES, TL_T_LIST, TL_T_INT},
	{SCOPE_CERT, "missing", F_MISSING, TL_T_STRING, TL_T_NULL},
	{SCOPE_CERT, "schannel.trust_mode", F_TRUST_MODE, TL_T_INT, TL_T_NULL},
	{SCOPE_CERT, "store", F_STORE, TL_T_STRING, TL_T_NULL},
	{SCOPE_CERT, "weird", F_WEIRD, TL_T_STRING, TL_T_NULL},
	{SCOPE_STORE, "name", F_NAME, TL_T_STRING, TL_T_NULL},
	{SCOPE_STORE, "size", F_SIZE, TL_T_INT, TL_T_NULL},
	{SCOPE_STORE, "empty", F_EMPTY, TL_T_BOOL, TL_T_NULL},
};

static bool name_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

static int mock_scope(void *user, const char *name, size_t len)
{
	(void)user;
	if (name_is(name, len, "cert"))
		return SCOPE_CERT;
	if (name_is(name, len, "store"))
		return SCOPE_STORE;
	return -1;
}

static int mock_field(void *user, int scope, const char *name, size_t len, tl_field_info *out)
{
	size_t i;

	(void)user;
	for (i = 0; i < TL_ARRAY_LEN(mock_fields); i++) {
		if (mock_fields[i].scope == scope && name_is(name, len, mock_fields[i].name)) {
			out->id = mock_fields[i].id;
			out->type = mock_fields[i].type;
			out->elem = mock_fields[i].elem;
			return 0;
		}
	}
	return -1;
}

static const tl_value param_names_items[] = {
	{.type = TL_T_STRING, .u.s = {"Root", 4}},
	{.type = TL_T_STRING, .u.s = {"CA", 2}},
};

static int mock_param(void *user, const char *name, size_t len, tl_value *out)
{
	(void)user;
	memset(out, 0, sizeof(*out));
	if (name_is(name, len, "min_bits")) {
		out->type = TL_T_INT;
		out->u.i = 2048;
	} else if (name_is(name, len, "prefix")) {
		out->type = TL_T_STRING;
		out->u.s.p = "CN=R";
		out->u.s.len = 4;
	} else if (name_is(name, len, "nothing")) {
		out->type = TL_T_NULL;
	} else if (name_is(name, len, "names")) {
		out->type = TL_T_LIST;
		out->u.list.items = param_names_items;
		out->u.list.n = 2;
	} else if (name_is(name, len, "none")) {
		out->type = TL_T_LIST;
	} else if (name_is(name, len, "broken")) {
		out->type = TL_T_STRING;
		out->u.s.len = 3; /* and no bytes */
	} else {
		return -1;
	}
	return 0;
}

static const tl_catalogue cat = {NULL, mock_scope, mock_field, mock_param};

struct mock_cert {
	const char *subject, *issuer, *store;
	int64_t bits, not_after, lifetime;
	bool self_signed;
	const char *const *eku;
	size_t eku_n;
	int trust_mode;
	bool no_data; /* every field null */
};

struct mock_store {
	const char *name;
	int64_t size;
};

static const char *const root_eku[] = {"serverAuth", "clientAuth"};

/* 2030-01-01T00:00:00Z and 2023-11-14T22:13:20Z */
#define T_2030 1893456000
#define T_2023 1700000000

static const struct mock_cert cert_root = {
	"CN=Root", "CN=Root", "Root", 2048, T_2030, 3650 * 86400, true, root_eku, 2, 0, false,
};
static const struct mock_cert cert_leaf = {
	"CN=leaf.example", "CN=Root", "CA", 1024, T_2023, 90 * 86400, false, NULL, 0, 2, false,
};
static const struct mock_cert cert_empty = {.no_data = true};

static const struct mock_cert *const all_certs[] = {&cert_root, &cert_leaf, &cert_empty};
static const struct mock_store all_stores[] = {{"Root", 1}, {"CA", 1}, {"Disallowed", 0}};

struct mock_world {
	unsigned gets;  /* calls of get, to see short-circuits */
	int weird_mode; /* what the field `weird` returns */
};

static struct mock_world world;

static tl_value str_value(const char *s)
{
	tl_value v = {.type = TL_T_STRING};

	v.u.s.p = s;
	v.u.s.len = strlen(s);
	return v;
}

static void weird_value(int mode, tl_value *out, tl_arena *arena)
{
	static const tl_value bad_item[] = {{.type = TL_T_STRING, .u.s = {NULL, 2}}};
	static tl_value nested[10];
	size_t i;

	(void)arena;
	switch (mode) {
	case 0: /* string bytes missing */
		out->type = TL_T_STRING;
		out->u.s.len = 5;
		break;
	case 1: /* list items missing */
		out->type = TL_T_LIST;
		out->u.list.n = 3;
		break;
	case 2: /* no such type */
		out->type = (tl_type)99;
		break;
	case 3: /* a bad item */
		out->type = TL_T_LIST;
		out->u.list.items = bad_item;
		out->u.list.n = 1;
		break;
	case 4: /* TL_T_ANY is a static type only */
		out->type = TL_T_ANY;
		break;
	default: /* lists nested beyond reason */
		for (i = 0; i < TL_ARRAY_LEN(nested); i++) {
			nested[i].type = TL_T_LIST;
			nested[i].u.list.items = i + 1 < TL_ARRAY_LEN(nested) ? &nested[i + 1] : NULL;
			nested[i].u.list.n = i + 1 < TL_ARRAY_LEN(nested);
		}
		*out = nested[0];
		break;
	}
}

static void mock_get(void *user, int scope, const void *obj, int field, tl_value *out,
		     tl_arena *arena)
{
	struct mock_world *w = user;

	w->gets++;
	memset(out, 0, sizeof(*out));
	if (!obj)
		return;
	if (scope == SCOPE_STORE) {
		const struct mock_store *s = obj;

		if (field == F_NAME)
			*out = str_value(s->name);
		else if (field == F_SIZE) {
			out->type = TL_T_INT;
			out->u.i = s->size;
		} else if (field == F_EMPTY) {
			out->type = TL_T_BOOL;
			out->u.b = s->size == 0;
		}
		return;
	}
	const struct mock_cert *c = obj;
	tl_value *items;
	size_t i;

	if (c->no_data)
		return;
	switch (field) {
	case F_SUBJECT:
		*out = str_value(c->subject);
		break;
	case F_ISSUER:
		*out = str_value(c->issuer);
		break;
	case F_STORE:
		*out = str_value(c->store);
		break;
	case F_BITS:
		out->type = TL_T_INT;
		out->u.i = c->bits;
		break;
	case F_NOT_AFTER:
		out->type = TL_T_TIME;
		out->u.i = c->not_after;
		break;
	case F_LIFETIME:
		out->type = TL_T_DURATION;
		out->u.i = c->lifetime;
		break;
	case F_SELF_SIGNED:
		out->type = TL_T_BOOL;
		out->u.b = c->self_signed;
		break;
	case F_TRUST_MODE:
		out->type = TL_T_INT;
		out->u.i = c->trust_mode;
		break;
	case F_EKU:
		items = tl_arena_alloc(arena, c->eku_n * sizeof(*items));
		for (i = 0; i < c->eku_n; i++)
			items[i] = str_value(c->eku[i]);
		out->type = TL_T_LIST;
		out->u.list.items = items;
		out->u.list.n = c->eku_n;
		break;
	case F_SIZES:
		items = tl_arena_alloc(arena, 2 * sizeof(*items));
		items[0].type = items[1].type = TL_T_INT;
		items[0].u.i = c->bits;
		items[1].u.i = c->bits * 2;
		out->type = TL_T_LIST;
		out->u.list.items = items;
		out->u.list.n = 2;
		break;
	case F_WEIRD:
		weird_value(w->weird_mode, out, arena);
		break;
	default: /* F_MISSING: never any data */
		break;
	}
}

static void mock_each(void *user, int scope, bool (*fn)(const void *obj, void *arg), void *arg)
{
	size_t i;

	(void)user;
	if (scope == SCOPE_CERT) {
		for (i = 0; i < TL_ARRAY_LEN(all_certs); i++)
			if (!fn(all_certs[i], arg))
				return;
	} else {
		for (i = 0; i < TL_ARRAY_LEN(all_stores); i++)
			if (!fn(&all_stores[i], arg))
				return;
	}
}

static void mock_reg(void *user, const char *key, size_t key_len, const char *name,
		     size_t name_len, tl_value *out, tl_arena *arena)
{
	static const tl_value multi[] = {{.type = TL_T_STRING, .u.s = {"a", 1}},
					 {.type = TL_T_STRING, .u.s = {"b", 1}}};

	(void)user;
	memset(out, 0, sizeof(*out));
	if (!name_is(key, key_len, "HKLM\\K"))
		return;
	if (name_is(name, name_len, "dword")) {
		out->type = TL_T_INT;
		out->u.i = 0;
	} else if (name_is(name, name_len, "sz")) {
		out->type = TL_T_STRING;
		out->u.s.p = tl_arena_strndup(arena, "Text", 4);
		out->u.s.len = 4;
	} else if (name_is(name, name_len, "multi")) {
		out->type = TL_T_LIST;
		out->u.list.items = multi;
		out->u.list.n = 2;
	} else if (name_is(name, name_len, "big")) {
		out->type = TL_T_INT;
		out->u.i = INT64_MAX;
	} else if (name_is(name, name_len, "bin")) {
		out->type = TL_T_STRING;
		out->u.s.p = "0a1b";
		out->u.s.len = 4;
	}
}

static const tl_eval_env env = {.user = &world, .get = mock_get, .each = mock_each,
				.reg = mock_reg};

/* ------------------------------------------------------------ helpers */

/* Value as "type:text", or "null". free() the result. */
static char *value_text(const tl_value *v)
{
	tl_buf b = {0};

	if (v->type != TL_T_NULL)
		tl_buf_printf(&b, "%s:", tl_type_name(v->type));
	tl_value_format(v, &b);
	return tl_buf_steal(&b);
}

/* Compile text in scope (it must compile) and evaluate it on obj. */
static char *eval_in(int scope, const char *text, const void *obj)
{
	tl_expr_error err;
	tl_expr *e = tl_expr_compile(text, strlen(text), scope, &cat, &err);
	tl_arena arena = {0};
	tl_value v;
	char *got;

	ck_assert_msg(e != NULL, "'%.80s' does not compile: %s at %zu", text, err.msg, err.offset);
	v = tl_expr_eval(e, obj, &env, &arena);
	got = value_text(&v);
	tl_arena_free(&arena);
	tl_expr_free(e);
	return got;
}

#define ck_eval_in(scope, text, obj, want)                                          \
	do {                                                                        \
		char *got_ = eval_in(scope, text, obj);                             \
		ck_assert_msg(strcmp(got_, want) == 0, "'%.80s' gives '%s', not '%s'", \
			      text, got_, want);                                    \
		free(got_);                                                         \
	} while (0)
#define ck_eval(text, want) ck_eval_in(SCOPE_CERT, text, &cert_root, want)
#define ck_eval_on(text, obj, want) ck_eval_in(SCOPE_CERT, text, obj, want)

#define ck_error_in(scope, text, want_msg, want_off)                                  \
	do {                                                                          \
		tl_expr_error err_;                                                   \
		tl_expr *e_ = tl_expr_compile(text, strlen(text), scope, &cat, &err_); \
		if (e_)                                                               \
			tl_expr_free(e_);                                             \
		ck_assert_msg(e_ == NULL, "'%.80s' compiles", text);                  \
		ck_assert_msg(strcmp(err_.msg, want_msg) == 0,                        \
			      "'%.80s': message '%s', not '%s'", text, err_.msg, want_msg); \
		ck_assert_msg(err_.offset == (size_t)(want_off),                      \
			      "'%.80s': offset %zu, not %zu", text, err_.offset,     \
			      (size_t)(want_off));                                    \
	} while (0)
#define ck_error(text, msg, off) ck_error_in(SCOPE_CERT, text, msg, off)

static tl_type type_of(const char *text)
{
	tl_expr_error err;
	tl_expr *e = tl_expr_compile(text, strlen(text), SCOPE_CERT, &cat, &err);
	tl_type t;

	ck_assert_msg(e != NULL, "'%.80s' does not compile: %s", text, err.msg);
	t = tl_expr_type(e);
	tl_expr_free(e);
	return t;
}

/* ------------------------------------------------------------ arena, values */

START_TEST(arena_blocks)
{
	tl_arena a = {0};
	char *s, *big;
	int64_t *p;
	size_t i;

	s = tl_arena_strndup(&a, "hello world", 5);
	ck_assert_str_eq(s, "hello");
	for (i = 0; i < 1000; i++) {
		p = tl_arena_alloc(&a, 24);
		ck_assert_uint_eq((uintptr_t)p % sizeof(int64_t), 0);
		*p = (int64_t)i;
	}
	ck_assert_ptr_nonnull(a.full);
	big = tl_arena_alloc(&a, 100000);
	memset(big, 'x', 100000);
	ck_assert_ptr_nonnull(tl_arena_alloc(&a, 0));
	ck_assert_str_eq(s, "hello"); /* older blocks stay until reset */
	tl_arena_reset(&a);
	ck_assert_ptr_null(a.full);
	ck_assert_uint_eq(a.used, 0);
	s = tl_arena_strndup(&a, "again", 5);
	ck_assert_str_eq(s, "again");
	ck_assert_str_eq(tl_arena_strndup(&a, NULL, 0), "");
	tl_arena_free(&a);
	ck_assert_ptr_null(a.block);
	tl_arena_free(&a);
	tl_arena_free(NULL);
	tl_arena_reset(&a);
	tl_arena_free(&a);
}
END_TEST

START_TEST(type_names)
{
	ck_assert_str_eq(tl_type_name(TL_T_NULL), "null");
	ck_assert_str_eq(tl_type_name(TL_T_BOOL), "bool");
	ck_assert_str_eq(tl_type_name(TL_T_INT), "int");
	ck_assert_str_eq(tl_type_name(TL_T_STRING), "string");
	ck_assert_str_eq(tl_type_name(TL_T_TIME), "time");
	ck_assert_str_eq(tl_type_name(TL_T_DURATION), "duration");
	ck_assert_str_eq(tl_type_name(TL_T_LIST), "list");
	ck_assert_str_eq(tl_type_name(TL_T_ANY), "any");
	ck_assert_str_eq(tl_type_name((tl_type)42), "?");
}
END_TEST

static void ck_format(tl_value v, const char *want)
{
	tl_buf b = {0};

	tl_value_format(&v, &b);
	ck_assert_str_eq(b.data, want);
	tl_buf_free(&b);
}

START_TEST(value_format)
{
	tl_value v = {.type = TL_T_NULL}, items[3];

	ck_format(v, "null");
	v.type = TL_T_ANY;
	ck_format(v, "null");
	v.type = TL_T_BOOL;
	v.u.b = true;
	ck_format(v, "true");
	v.u.b = false;
	ck_format(v, "false");
	v.type = TL_T_INT;
	v.u.i = -42;
	ck_format(v, "-42");
	v.u.i = INT64_MIN;
	ck_format(v, "-9223372036854775808");
	v = str_value("CN=a, O=b");
	ck_format(v, "CN=a, O=b");
	v.u.s.len = 4; /* not NUL-terminated there */
	ck_format(v, "CN=a");
	v.u.s.p = NULL;
	v.u.s.len = 0;
	ck_format(v, "");
	v.type = TL_T_TIME;
	v.u.i = T_2030;
	ck_format(v, "2030-01-01T00:00:00Z");
	v.u.i = 0;
	ck_format(v, "1970-01-01T00:00:00Z");
	v.u.i = -1;
	ck_format(v, "1969-12-31T23:59:59Z");
	v.u.i = INT64_MIN; /* out of any calendar: the seconds */
	ck_format(v, "-9223372036854775808");
	v.type = TL_T_DURATION;
	v.u.i = 0;
	ck_format(v, "0s");
	v.u.i = 30 * 86400;
	ck_format(v, "30d");
	v.u.i = 14 * 86400; /* weeks are read, never written */
	ck_format(v, "14d");
	v.u.i = 12 * 3600;
	ck_format(v, "12h");
	v.u.i = 25 * 3600;
	ck_format(v, "25h");
	v.u.i = 300;
	ck_format(v, "5m");
	v.u.i = 61;
	ck_format(v, "61s");
	v.u.i = -86400;
	ck_format(v, "-1d");
	v.u.i = INT64_MIN;
	ck_format(v, "-9223372036854775808s");
	v.u.i = INT64_MAX;
	ck_format(v, "9223372036854775807s");
	items[0] = str_value("a");
	items[1].type = TL_T_INT;
	items[1].u.i = 7;
	items[2].type = TL_T_NULL;
	v.type = TL_T_LIST;
	v.u.list.items = items;
	v.u.list.n = 3;
	ck_format(v, "[a, 7, null]");
	v.u.list.n = 0;
	ck_format(v, "[]");
	v.u.list.items = NULL;
	v.u.list.n = 5;
	ck_format(v, "[]");
	items[2] = v;
	items[2].u.list.items = items;
	items[2].u.list.n = 2;
	v.u.list.items = items;
	v.u.list.n = 3;
	ck_format(v, "[a, 7, [a, 7]]");
	v.type = (tl_type)77;
	ck_format(v, "null");
	ck_assert(!tl_value_true(NULL));
	ck_assert(!tl_value_true(&v));
}
END_TEST

/* ------------------------------------------------------------ lexer */

START_TEST(lexer_tokens)
{
	ck_eval("42", "int:42");
	ck_eval("007", "int:7");
	ck_eval("0x2a", "int:42");
	ck_eval("0xFf", "int:255");
	ck_eval("0x7fffffffffffffff", "int:9223372036854775807");
	ck_eval("9223372036854775807", "int:9223372036854775807");
	ck_eval("\"text\"", "string:text");
	ck_eval("\"\"", "string:");
	ck_eval("\"q\\\"b\\\\s\\nn\\tt\\x41\\x7e\"", "string:q\"b\\s\nn\tt" "A~");
	ck_eval("len(\"\\x00a\")", "int:2");
	ck_eval("\"\xC3\xA9\"", "string:\xC3\xA9");
	/* single-quoted strings are raw: backslashes stay (registry paths) */
	ck_eval("'HKLM\\SOFTWARE\\n\\x41'", "string:HKLM\\SOFTWARE\\n\\x41");
	ck_eval("'a\\b' == \"a\\\\b\"", "bool:true");
	ck_eval("''", "string:");
	ck_eval("'say \"hi\"'", "string:say \"hi\"");
	ck_eval("true", "bool:true");
	ck_eval("false", "bool:false");
	ck_eval("null", "null");
	ck_eval("[1, 2]", "list:[1, 2]");
	ck_eval("[]", "list:[]");
	ck_eval("[\"a\"]", "list:[a]");
	ck_eval("30d", "duration:30d");
	ck_eval("12h", "duration:12h");
	ck_eval("5m", "duration:5m");
	ck_eval("10s", "duration:10s");
	ck_eval("2w", "duration:14d");
	ck_eval("0d", "duration:0s");
	ck_eval("-1 + 2", "int:1");
	ck_eval(" \t\r\n1\n", "int:1");
	ck_eval("1==1", "bool:true");
	ck_eval("1!=1", "bool:false");
	ck_eval("1<2", "bool:true");
	ck_eval("1<=1", "bool:true");
	ck_eval("1>2", "bool:false");
	ck_eval("2>=3", "bool:false");
	ck_eval("!true", "bool:false");
	ck_eval("not true", "bool:false");
	ck_eval("true&&false", "bool:false");
	ck_eval("true and false", "bool:false");
	ck_eval("false||true", "bool:true");
	ck_eval("false or true", "bool:true");
	ck_eval("1 in [1]", "bool:true");
	ck_eval("subject=~\"Root\"", "bool:true");
	ck_eval("(1+2)-3", "int:0");
	ck_eval("schannel.trust_mode", "int:0");
	ck_eval("self_signed", "bool:true");
	/* keywords are case-sensitive: "TRUE" is a field name */
	ck_error("TRUE", "unknown field 'TRUE' in scope cert", 0);
	ck_error("andx", "unknown field 'andx' in scope cert", 0);
	ck_error("_a9.b_.c", "unknown field '_a9.b_.c' in scope cert", 0);
}
END_TEST

START_TEST(lexer_errors)
{
	ck_error("9223372036854775808", "integer '9223372036854775808' out of range", 0);
	ck_error("1 + 99999999999999999999999", "integer '99999999999999999999999' out of range",
		 4);
	ck_error("0x8000000000000000", "integer '0x8000000000000000' out of range", 0);
	ck_error("0x10000000000000000", "integer '0x10000000000000000' out of range", 0);
	ck_error("20000000000000w", "duration '20000000000000w' out of range", 0);
	ck_error("99999999999999999999d", "duration '99999999999999999999d' out of range", 0);
	ck_error("0x", "invalid number '0x'", 0);
	ck_error("1 + 0xg", "invalid number '0xg'", 4);
	ck_error("0x1h", "invalid number '0x1h'", 0);
	ck_error("30days", "invalid number '30days'", 0);
	ck_error("30x", "invalid number '30x'", 0);
	ck_error("3d5", "invalid number '3d5'", 0);
	ck_error("0X10", "invalid number '0X10'", 0);
	ck_error("\"abc", "unterminated string", 0);
	ck_error("1 == \"abc\\\"", "unterminated string", 5);
	ck_error("\"abc\\", "unterminated string", 0);
	ck_error("1 == 'abc", "unterminated string", 5);
	ck_error("\"a\\qb\"", "unknown escape '\\q' in string", 2);
	ck_error("\"a\\\x01\"", "unknown escape in string", 2);
	ck_error("\"a\\x4\"", "'\\x' needs two hex digits", 2);
	ck_error("\"a\\x", "'\\x' needs two hex digits", 2);
	ck_error("\"a\\xg0\"", "'\\x' needs two hex digits", 2);
	ck_error("bits @ 1", "unexpected character '@'", 5);
	ck_error("bits.", "unexpected character '.'", 4);
	ck_error("bits = 1", "unexpected '=' (compare with '==')", 5);
	ck_error("true & false", "unexpected '&' (did you mean '&&'?)", 5);
	ck_error("true | false", "unexpected '|' (did you mean '||'?)", 5);
	ck_error("1 \x01", "unexpected byte 0x01", 2);
	ck_error("\xC3\xA9", "unexpected byte 0xc3", 0);
	ck_error("`a`", "unexpected character '`'", 0);
	ck_error("{1}", "unexpected character '{'", 0);
	/* a lexical error wins over what the parser would have said next */
	ck_error("(1 @", "unexpected character '@'", 3);
}
END_TEST

/* ------------------------------------------------------------ parser */

START_TEST(precedence)
{
	ck_eval("1 + 2 - 3 - 4", "int:-4"); /* left: ((1+2)-3)-4 */
	ck_eval("10 - (3 - 2)", "int:9");
	ck_eval("-2 + 3", "int:1");
	ck_eval("- -2", "int:2");
	ck_eval("--2", "int:2");
	ck_eval("-(2 + 3)", "int:-5");
	ck_eval("1 + 2 == 3", "bool:true");
	ck_eval("3 == 1 + 2", "bool:true");
	ck_eval("!1 == 2", "bool:true");         /* !(1 == 2) */
	ck_eval("not 1 in [2]", "bool:true");    /* not (1 in [2]) */
	ck_eval("true || true && false", "bool:true");  /* && binds tighter */
	ck_eval("(true || true) && false", "bool:false");
	ck_eval("false && false || true", "bool:true");
	ck_eval("!false && false", "bool:false"); /* (!false) && false */
	ck_eval("!(false && false)", "bool:true");
	ck_eval("not false or false", "bool:true");
	ck_eval("!!true", "bool:true");
	ck_eval("not not not true", "bool:false");
	ck_eval("(1 < 2) == true", "bool:true");
	ck_eval("len(\"ab\") + 1 == 3", "bool:true");
	ck_eval("(((1)))", "int:1");
	ck_eval("bits - 48 == 2000 && subject =~ \"^CN=R\"", "bool:true");
}
END_TEST

START_TEST(precedence_by_offsets)
{
	/* the operator reported shows how the text was grouped */
	ck_error("1 + 2 == 3 && \"a\"", "operator '&&' needs two bools, got bool and string", 11);
	ck_error("true && 1 + 2", "operator '&&' needs two bools, got bool and int", 5);
	ck_error("!1 + 2", "operator '!' needs a bool, got int", 0);
	ck_error("not \"a\" == \"a\" + 1", "operator '+' does not apply to string and int", 15);
	ck_error("-\"a\" == 1", "operator '-' needs an int or a duration, got string", 0);
	ck_error("1 < 2 < 3", "comparisons do not chain: add parentheses before '<'", 6);
	ck_error("1 == 2 != 3", "comparisons do not chain: add parentheses before '!='", 7);
	ck_error("1 in [1] in [true]", "comparisons do not chain: add parentheses before 'in'", 9);
	ck_error("true || 1 < \"a\"",
		 "operator '<' needs two values of one ordered type, got int and string", 10);
	ck_error("1 + true || false", "operator '+' does not apply to int and bool", 2);
	ck_error("(1 + 2", "expected ')'", 6);
	ck_error("1 + 2)", "unexpected ')'", 5);
	ck_error("1 2", "unexpected '2'", 2);
	ck_error("1 +", "expected a value, got end of expression", 3);
	ck_error("", "expected a value, got end of expression", 0);
	ck_error("   ", "expected a value, got end of expression", 3);
	ck_error("1 + * 2", "unexpected character '*'", 4);
	ck_error("== 1", "expected a value, got '=='", 0);
	ck_error("1 == not true", "expected a value, got 'not'", 5);
	ck_error("true and", "expected a value, got end of expression", 8);
	ck_error("[1, 2", "expected ',' or ']'", 5);
	ck_error("[1 2]", "expected ',' or ']'", 3);
	ck_error("[1,]", "expected a value, got ']'", 3);
	ck_error("(1)(2)", "unexpected '('", 3);
	ck_error("where", "expected a value, got 'where'", 0);
}
END_TEST

START_TEST(depth_limits)
{
	tl_buf b = {0};
	size_t i;

	for (i = 0; i < 150; i++)
		tl_buf_addc(&b, '(');
	tl_buf_addc(&b, '1');
	for (i = 0; i < 150; i++)
		tl_buf_addc(&b, ')');
	ck_eval(b.data, "int:1");
	tl_buf_free(&b);
	for (i = 0; i < 300; i++)
		tl_buf_addc(&b, '(');
	ck_error(b.data, "expression nested too deeply", 200);
	tl_buf_free(&b);
	/* the tree is limited as well as the parser, for the evaluator: every
	 * parenthesis here wraps an '||' over an '&&' over a '==', three
	 * levels of tree for one of parsing, 1 + 3 * 66 = 199 in all */
	for (i = 0; i < 66; i++)
		tl_buf_adds(&b, "(");
	tl_buf_adds(&b, "true");
	for (i = 0; i < 66; i++)
		tl_buf_adds(&b, ") == true && true || false");
	ck_eval(b.data, "bool:true");
	tl_buf_free(&b);
	for (i = 0; i < 67; i++)
		tl_buf_adds(&b, "(");
	tl_buf_adds(&b, "true");
	for (i = 0; i < 67; i++)
		tl_buf_adds(&b, ") == true && true || false");
	ck_error(b.data, "expression nested too deeply", 67);
	tl_buf_free(&b);
	for (i = 0; i < 300; i++)
		tl_buf_adds(&b, "!");
	tl_buf_adds(&b, "true");
	ck_error(b.data, "expression nested too deeply", 200);
	tl_buf_free(&b);
	for (i = 0; i < 300; i++)
		tl_buf_adds(&b, "[");
	ck_error(b.data, "expression nested too deeply", 200);
	tl_buf_free(&b);
	for (i = 0; i < 300; i++)
		tl_buf_adds(&b, "len(");
	ck_error(b.data, "expression nested too deeply", 800);
	tl_buf_free(&b);
}
END_TEST

/* first, then (op rest) until there are `operands`, the last being `last`
 * when given. free() the result. */
static char *chain_text(const char *first, const char *op, const char *rest, const char *last,
			size_t operands)
{
	tl_buf b = {0};
	size_t i;

	tl_buf_adds(&b, first);
	for (i = 1; i < operands; i++) {
		tl_buf_adds(&b, op);
		tl_buf_adds(&b, last && i + 1 == operands ? last : rest);
	}
	return tl_buf_steal(&b);
}

/* A flat chain of '&&', '||', '+' or '-' is one level of nesting however
 * long: it was refused from 201 operands because the left-leaning tree it
 * built counted as nesting. */
START_TEST(long_chains)
{
	static const struct {
		const char *first, *op, *rest, *last;
		size_t operands;
		const struct mock_cert *cert;
		const char *want;
		unsigned gets; /* fields read: short-circuits stop early */
	} cases[] = {
		{"self_signed", " && ", "self_signed", NULL, 201, &cert_root, "bool:true", 201},
		{"self_signed", " && ", "self_signed", NULL, 201, &cert_leaf, "bool:false", 1},
		{"self_signed", " || ", "self_signed", NULL, 201, &cert_leaf, "bool:false", 201},
		{"self_signed", " and ", "self_signed", NULL, 10000, &cert_root, "bool:true", 10000},
		{"self_signed", "&&", "self_signed", NULL, 10000, &cert_leaf, "bool:false", 1},
		{"true", " && ", "true", "self_signed", 10000, &cert_leaf, "bool:false", 1},
		{"true", " && ", "self_signed", "false", 10000, &cert_root, "bool:false", 9998},
		{"false", " || ", "self_signed", NULL, 10000, &cert_root, "bool:true", 1},
		{"false", " or ", "self_signed", NULL, 10000, &cert_leaf, "bool:false", 9999},
		{"false", "||", "false", "true", 10000, &cert_root, "bool:true", 0},
		/* null is false to '&&' and '||' wherever it stands in the chain */
		{"self_signed", " || ", "self_signed", NULL, 10000, &cert_empty, "bool:false", 10000},
		{"self_signed", " && ", "true", NULL, 10000, &cert_empty, "bool:false", 1},
		{"true", " && ", "true", "null", 10000, &cert_root, "bool:false", 0},
		{"null", " || ", "null", "true", 10000, &cert_root, "bool:true", 0},
		{"bits == null", " && ", "subject == null", NULL, 10000, &cert_empty, "bool:true",
		 10000},
		/* chains of chains: '&&' binds tighter than '||' */
		{"false && self_signed", " || ", "false && self_signed", "true", 10000, &cert_root,
		 "bool:true", 0},
		{"self_signed || false", " && ", "self_signed || false", NULL, 10000, &cert_root,
		 "bool:true", 1},
		{"(self_signed || false)", " && ", "(self_signed || false)", NULL, 10000,
		 &cert_root, "bool:true", 10000},
		{"(self_signed || false)", " && ", "(self_signed || false)", NULL, 10000,
		 &cert_leaf, "bool:false", 1},
		/* sums keep their left-to-right order, types and null */
		{"bits", " + ", "1", NULL, 10000, &cert_root, "int:12047", 1},
		{"bits", " - ", "1", NULL, 10000, &cert_root, "int:-7951", 1},
		{"bits", "-", "1", "bits", 10000, &cert_root, "int:-9998", 2},
		{"not_after", " - ", "1d", "not_after", 10000, &cert_root, "duration:-9998d", 2},
		{"not_after", " + ", "1s", NULL, 10000, &cert_root, "time:2030-01-01T02:46:39Z", 1},
		{"bits", " + ", "1", NULL, 10000, &cert_empty, "null", 1},
		{"9223372036854775807", " + ", "1", "-9223372036854775807", 3, &cert_root, "null", 0},
		{"9223372036854775807", " - ", "1", "-1", 3, &cert_root,
		 "int:9223372036854775807", 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char *text = chain_text(cases[i].first, cases[i].op, cases[i].rest, cases[i].last,
					cases[i].operands);
		char *got;

		world.gets = 0;
		got = eval_in(SCOPE_CERT, text, cases[i].cert);
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "case %zu gives '%s', not '%s'", i,
			      got, cases[i].want);
		ck_assert_msg(world.gets == cases[i].gets, "case %zu reads %u fields, not %u", i,
			      world.gets, cases[i].gets);
		free(got);
		free(text);
	}
}
END_TEST

/* The types of a long chain are checked pair by pair, left to right, and
 * the error names the operator where it was found. */
START_TEST(long_chain_errors)
{
	char *text = chain_text("true", " && ", "true", "1", 10000);

	ck_error(text, "operator '&&' needs two bools, got bool and int", strlen(text) - 4);
	free(text);
	text = chain_text("1", " || ", "true", NULL, 10000);
	ck_error(text, "operator '||' needs two bools, got int and bool", 2);
	free(text);
	text = chain_text("1", " + ", "1", "\"x\"", 10000);
	ck_error(text, "operator '+' does not apply to int and string", strlen(text) - 5);
	free(text);
	text = chain_text("not_after", " + ", "1d", "not_after", 10000);
	ck_error(text, "operator '+' does not apply to time and time", strlen(text) - 11);
	free(text);
	text = chain_text("eku", " - ", "1", NULL, 10000);
	ck_error(text, "operator '-' does not apply to list of string and int", 4);
	free(text);
}
END_TEST

/* Evaluating a chain takes no stack per operand: 100,000 operands run
 * under a 1 MiB stack limit, where one call per operand would need several
 * times that. */
START_TEST(long_chains_stack)
{
	static const struct {
		const char *first, *op, *rest, *want;
	} cases[] = {
		{"self_signed", " && ", "self_signed", "bool:true"},
		{"false", " || ", "self_signed", "bool:true"},
		{"bits", "+", "1", "int:102047"},
	};
	struct rlimit saved, low;
	size_t i;

	ck_assert_int_eq(getrlimit(RLIMIT_STACK, &saved), 0);
	low = saved;
	if (low.rlim_max == RLIM_INFINITY || low.rlim_max > (rlim_t)1 << 20)
		low.rlim_cur = (rlim_t)1 << 20;
	ck_assert_int_eq(setrlimit(RLIMIT_STACK, &low), 0);
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char *text = chain_text(cases[i].first, cases[i].op, cases[i].rest, NULL, 100000);

		ck_eval(text, cases[i].want);
		free(text);
	}
	ck_assert_int_eq(setrlimit(RLIMIT_STACK, &saved), 0);
}
END_TEST

/* ------------------------------------------------------------ operators */

START_TEST(comparisons)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"1 == 1", "bool:true"},
		{"1 == 2", "bool:false"},
		{"1 != 2", "bool:true"},
		{"-1 < 0", "bool:true"},
		{"0x10 == 16", "bool:true"},
		{"\"a\" == \"a\"", "bool:true"},
		{"\"a\" != \"a\"", "bool:false"},
		{"\"a\" < \"b\"", "bool:true"},
		{"\"a\" < \"ab\"", "bool:true"},
		{"\"ab\" > \"a\"", "bool:true"},
		{"\"b\" <= \"ab\"", "bool:false"},
		{"\"\" < \"a\"", "bool:true"},
		{"\"\" >= \"\"", "bool:true"},
		{"\"\xC3\xA9\" > \"z\"", "bool:true"}, /* bytewise */
		{"\"a\\x00b\" > \"a\"", "bool:true"},
		{"\"a\\x00b\" != \"a\\x00c\"", "bool:true"},
		{"true == true", "bool:true"},
		{"true != false", "bool:true"},
		{"30d == 720h", "bool:true"},
		{"1d > 23h", "bool:true"},
		{"2w >= 14d", "bool:true"},
		{"1s <= 0s", "bool:false"},
		{"not_after > not_after - 1s", "bool:true"},
		{"not_after == not_after", "bool:true"},
		{"lifetime == 3650d", "bool:true"},
		{"[1, 2] == [1, 2]", "bool:true"},
		{"[1, 2] == [2, 1]", "bool:false"},
		{"[1, 2] != [1]", "bool:true"},
		{"[] == []", "bool:true"},
		{"eku == [\"serverAuth\", \"clientAuth\"]", "bool:true"},
		{"eku != []", "bool:true"},
		{"sizes == [2048, 4096]", "bool:true"},
		{"bits >= param.min_bits", "bool:true"},
		{"subject == \"CN=Root\"", "bool:true"},
		{"subject == issuer", "bool:true"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++)
		ck_eval(cases[i].text, cases[i].want);
	ck_eval_on("subject == issuer", &cert_leaf, "bool:false");
	ck_eval_on("eku == []", &cert_leaf, "bool:true");
}
END_TEST

START_TEST(arithmetic)
{
	ck_eval("1 + 2", "int:3");
	ck_eval("1 - 2", "int:-1");
	ck_eval("-bits", "int:-2048");
	ck_eval("9223372036854775807 + 0", "int:9223372036854775807");
	ck_eval("9223372036854775807 + 1", "null");
	ck_eval("-9223372036854775807 - 1", "int:-9223372036854775808");
	ck_eval("-9223372036854775807 - 2", "null");
	ck_eval("-(-9223372036854775807 - 1)", "null");
	ck_eval("0 - 9223372036854775807 - 1 - 0", "int:-9223372036854775808");
	/* durations */
	ck_eval("1d + 1h", "duration:25h");
	ck_eval("1d - 1h", "duration:23h");
	ck_eval("1h - 1d", "duration:-23h");
	ck_eval("-30d", "duration:-30d");
	ck_eval("1w - 7d", "duration:0s");
	ck_eval("lifetime + 1d", "duration:3651d");
	ck_eval("100000000000000d + 100000000000000d", "null");
	ck_eval("100000000000000d", "duration:100000000000000d");
	ck_eval("-(0s - 9223372036854775807s - 1s)", "null");
	/* times */
	ck_eval("not_after + 1d", "time:2030-01-02T00:00:00Z");
	ck_eval("1d + not_after", "time:2030-01-02T00:00:00Z");
	ck_eval("not_after - 1s", "time:2029-12-31T23:59:59Z");
	ck_eval("not_after - not_after", "duration:0s");
	ck_eval_on("not_after - (not_after - 12h)", &cert_leaf, "duration:12h");
	ck_eval("not_after + 106751991167300d", "null");
	ck_eval("not_after - 106751991167300d - 106751991167300d", "null");
	ck_eval("not_after + lifetime > not_after", "bool:true");
	/* static types of the results */
	ck_assert_int_eq(type_of("1 + 1"), TL_T_INT);
	ck_assert_int_eq(type_of("not_after - 1d"), TL_T_TIME);
	ck_assert_int_eq(type_of("1d + not_after"), TL_T_TIME);
	ck_assert_int_eq(type_of("not_after - not_after"), TL_T_DURATION);
	ck_assert_int_eq(type_of("1d - 1h"), TL_T_DURATION);
	ck_assert_int_eq(type_of("-1d"), TL_T_DURATION);
	ck_assert_int_eq(type_of("1 + null"), TL_T_INT);
	ck_assert_int_eq(type_of("null - null"), TL_T_NULL);
	ck_assert_int_eq(type_of("null + 1d"), TL_T_ANY);
	ck_assert_int_eq(type_of("reg(\"K\", \"N\") + 1"), TL_T_INT);
	ck_assert_int_eq(type_of("reg(\"K\", \"N\") + null"), TL_T_ANY);
	/* what does not apply */
	ck_error("1 + 1d", "operator '+' does not apply to int and duration", 2);
	ck_error("1d + 1", "operator '+' does not apply to duration and int", 3);
	ck_error("not_after + not_after", "operator '+' does not apply to time and time", 10);
	ck_error("1d - not_after", "operator '-' does not apply to duration and time", 3);
	ck_error("\"a\" + \"b\"", "operator '+' does not apply to string and string", 4);
	ck_error("true - 1", "operator '-' does not apply to bool and int", 5);
	ck_error("[1] + [2]", "operator '+' does not apply to list of int and list of int", 4);
	ck_error("null + \"a\"", "operator '+' does not apply to null and string", 5);
	ck_error("-true", "operator '-' needs an int or a duration, got bool", 0);
	ck_error("-not_after", "operator '-' needs an int or a duration, got time", 0);
	ck_error("-eku", "operator '-' needs an int or a duration, got list of string", 0);
}
END_TEST

START_TEST(logic)
{
	static const char *const ops[][2] = {{"&&", "||"}, {"and", "or"}};
	const char *tf[] = {"false", "true"};
	char text[64];
	size_t k;
	int a, b;

	for (k = 0; k < 2; k++) {
		for (a = 0; a < 2; a++) {
			for (b = 0; b < 2; b++) {
				snprintf(text, sizeof(text), "%s %s %s", tf[a], ops[k][0], tf[b]);
				ck_eval(text, a && b ? "bool:true" : "bool:false");
				snprintf(text, sizeof(text), "%s %s %s", tf[a], ops[k][1], tf[b]);
				ck_eval(text, a || b ? "bool:true" : "bool:false");
			}
		}
	}
	/* short-circuits: the right side is never read */
	world.gets = 0;
	ck_eval("false && self_signed", "bool:false");
	ck_eval("true || self_signed", "bool:true");
	ck_eval("null && self_signed", "bool:false");
	ck_assert_uint_eq(world.gets, 0);
	ck_eval("true && self_signed", "bool:true");
	ck_eval("null || self_signed", "bool:true");
	ck_assert_uint_eq(world.gets, 2);
	ck_eval("any(cert where self_signed) || count(cert where bits > 0) > 0", "bool:true");
	ck_assert_uint_eq(world.gets, 3); /* any() stopped at the first cert */
	ck_error("1 && true", "operator '&&' needs two bools, got int and bool", 2);
	ck_error("true or \"x\"", "operator 'or' needs two bools, got bool and string", 5);
	ck_error("not 1", "operator 'not' needs a bool, got int", 0);
	ck_error("!eku", "operator '!' needs a bool, got list of string", 0);
}
END_TEST

START_TEST(in_operator)
{
	ck_eval("1 in [1, 2]", "bool:true");
	ck_eval("3 in [1, 2]", "bool:false");
	ck_eval("1 in []", "bool:false");
	ck_eval("\"CA\" in param.names", "bool:true");
	ck_eval("store in param.names", "bool:true");
	ck_eval("store in [\"My\"]", "bool:false");
	ck_eval("\"clientAuth\" in eku", "bool:true");
	ck_eval("\"clientauth\" in eku", "bool:false");
	ck_eval("4096 in sizes", "bool:true");
	ck_eval("1d in [24h]", "bool:true");
	ck_eval("true in [false, true]", "bool:true");
	ck_eval("not_after in [not_after]", "bool:true");
	ck_eval("\"Ro\" in subject", "bool:true");
	ck_eval("\"\" in subject", "bool:true");
	ck_eval("\"\" in \"\"", "bool:true");
	ck_eval("\"a\" in \"\"", "bool:false");
	ck_eval("\"CN=Root!\" in subject", "bool:false");
	ck_eval("\"oot\" in subject", "bool:true");
	ck_eval("\"b\\x00\" in \"ab\\x00c\"", "bool:true");
	ck_eval("1 in [null, 1]", "bool:true");
	ck_eval_on("\"x\" in eku", &cert_leaf, "bool:false");
	ck_error("1 in [\"a\"]",
		 "operator 'in' needs a value and a list of its type, or two strings, got int and list of string",
		 2);
	ck_error("1 in \"a\"",
		 "operator 'in' needs a value and a list of its type, or two strings, got int and string",
		 2);
	ck_error("\"a\" in 1",
		 "operator 'in' needs a value and a list of its type, or two strings, got string and int",
		 4);
	ck_error("[1] in [1]",
		 "operator 'in' needs a value and a list of its type, or two strings, got list of int and list of int",
		 4);
	ck_error("subject in sizes",
		 "operator 'in' needs a value and a list of its type, or two strings, got string and list of int",
		 8);
}
END_TEST

START_TEST(regex_match)
{
	ck_eval("subject =~ \"Root\"", "bool:true");
	ck_eval("subject =~ \"^CN=R.*t$\"", "bool:true");
	ck_eval("subject =~ \"^Root\"", "bool:false");
	ck_eval("subject =~ \"\"", "bool:true");
	ck_eval("\"a\\nb\" =~ \"a\\nb\"", "bool:true");
	ck_eval("subject =~ (\"oo\")", "bool:true");
	ck_eval("subject =~ \"(?i)^cn=root$\"", "bool:true");
	ck_eval("subject =~ \"^CN=[A-Z][a-z]{3}$\"", "bool:true");
	ck_eval("subject =~ \"\\\\d\"", "bool:false");
	ck_eval_on("subject =~ \"leaf\\x2eexample$\"", &cert_leaf, "bool:true");
	ck_eval_on("subject =~ \"Root\"", &cert_leaf, "bool:false");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") =~ \"Te\"", "bool:true");
	ck_eval("reg('HKLM\\K', 'sz') =~ '^T\\w'", "bool:true");
	ck_error("subject =~ 'a[b'", "regex: missing ']'", 13);
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") =~ \"0\"", "bool:false");
	ck_assert_int_eq(type_of("subject =~ \"x\""), TL_T_BOOL);
	/* the regex's own error, at its place in the expression */
	ck_error("subject =~ \"[abc\"", "regex: missing ']'", 12);
	ck_error("subject =~ \"a\\x41[\"", "regex: missing ']'", 17);
	ck_error("subject =~ \"\\\"\\\\\\\\[\"", "regex: missing ']'", 18);
	ck_error("subject =~ \"(a\"", "regex: missing ')'", 12);
	ck_error("subject =~ subject", "the right side of '=~' must be a string literal", 11);
	ck_error("subject =~ param.prefix", "the right side of '=~' must be a string literal",
		 11);
	ck_error("subject =~ 1", "the right side of '=~' must be a string literal", 11);
	ck_error("bits =~ \"1\"", "operator '=~' needs a string on its left, got int", 5);
	ck_error("eku =~ \"a\"", "operator '=~' needs a string on its left, got list of string",
		 4);
}
END_TEST

/* ------------------------------------------------------------ functions */

START_TEST(functions)
{
	ck_eval("len(subject)", "int:7");
	ck_eval("len(\"\")", "int:0");
	ck_eval("len(\"\xC3\xA9\")", "int:2"); /* bytes */
	ck_eval("len(eku)", "int:2");
	ck_eval("len([])", "int:0");
	ck_eval("len(param.names)", "int:2");
	ck_eval("lower(subject)", "string:cn=root");
	ck_eval("upper(subject)", "string:CN=ROOT");
	ck_eval("upper(\"\xC3\xA9z\")", "string:\xC3\xA9Z"); /* ASCII only */
	ck_eval("lower(\"\")", "string:");
	ck_eval("upper(lower(\"MiXeD\"))", "string:MIXED");
	ck_eval("starts_with(subject, \"CN=\")", "bool:true");
	ck_eval("starts_with(subject, \"\")", "bool:true");
	ck_eval("starts_with(subject, \"CN=Root+\")", "bool:false");
	ck_eval("starts_with(subject, \"Root\")", "bool:false");
	ck_eval("ends_with(subject, \"Root\")", "bool:true");
	ck_eval("ends_with(subject, \"CN\")", "bool:false");
	ck_eval("ends_with(\"\", \"\")", "bool:true");
	ck_eval("ends_with(\"a\", \"ba\")", "bool:false");
	ck_eval("contains(subject, \"=R\")", "bool:true");
	ck_eval("contains(subject, \"x\")", "bool:false");
	ck_eval("contains(\"\", \"\")", "bool:true");
	ck_eval("starts_with(lower(subject), lower(param.prefix))", "bool:true");
	ck_assert_int_eq(type_of("len(eku)"), TL_T_INT);
	ck_assert_int_eq(type_of("lower(subject)"), TL_T_STRING);
	ck_assert_int_eq(type_of("contains(subject, \"a\")"), TL_T_BOOL);
	ck_assert_int_eq(type_of("reg(\"K\", \"N\")"), TL_T_ANY);
	ck_assert_int_eq(type_of("count(cert where true)"), TL_T_INT);
	ck_assert_int_eq(type_of("any(cert where true)"), TL_T_BOOL);
	/* arity */
	ck_error("len()", "'len' takes 1 argument, got 0", 0);
	ck_error("len(subject, subject)", "'len' takes 1 argument, got 2", 0);
	ck_error("1 + len(1, 2, 3, 4)", "'len' takes 1 argument, got 4", 4);
	ck_error("lower()", "'lower' takes 1 argument, got 0", 0);
	ck_error("contains(subject)", "'contains' takes 2 arguments, got 1", 0);
	ck_error("starts_with(\"a\", \"b\", \"c\")", "'starts_with' takes 2 arguments, got 3", 0);
	ck_error("reg(\"K\")", "'reg' takes 2 arguments, got 1", 0);
	/* argument types */
	ck_error("len(bits)", "'len' needs a string or a list, got int", 4);
	ck_error("len(true)", "'len' needs a string or a list, got bool", 4);
	ck_error("lower(bits)", "'lower' needs a string, got int", 6);
	ck_error("upper(eku)", "'upper' needs a string, got list of string", 6);
	ck_error("contains(subject, 1)", "'contains' needs two strings, got int as argument 2", 18);
	ck_error("ends_with(1d, \"d\")", "'ends_with' needs two strings, got duration as argument 1",
		 10);
	ck_error("reg(subject, \"N\")", "'reg' needs two string literals", 4);
	ck_error("reg(\"K\", param.prefix)", "'reg' needs two string literals", 9);
	ck_error("reg(\"K\", 1)", "'reg' needs two string literals", 9);
	/* syntax */
	ck_error("len(subject", "expected ')'", 11);
	ck_error("len(subject;", "unexpected character ';'", 11);
	ck_error("len(,)", "expected a value, got ','", 4);
	ck_error("foo(1)", "unknown function 'foo'", 0);
	ck_error("1 + Len(subject)", "unknown function 'Len'", 4);
	ck_error("schannel.len(1)", "unknown function 'schannel.len'", 0);
	ck_error("len", "unknown field 'len' in scope cert", 0);
}
END_TEST

START_TEST(quantifiers)
{
	ck_eval("count(cert where self_signed)", "int:1");
	ck_eval("count(cert where true)", "int:3");
	ck_eval("count(cert where false)", "int:0");
	ck_eval("count(cert where bits < 2048)", "int:1"); /* null bits: false */
	ck_eval("count(cert where bits == null)", "int:1");
	ck_eval("count(store where size > 0)", "int:2");
	ck_eval("count(store where name in param.names)", "int:2");
	ck_eval("any(store where empty)", "bool:true");
	ck_eval("any(store where name == \"My\")", "bool:false");
	ck_eval("all(store where size >= 0)", "bool:true");
	ck_eval("all(cert where bits >= 1024)", "bool:false");
	ck_eval("all(cert where bits >= 1024 || bits == null)", "bool:true");
	ck_eval("any(cert where reg(\"HKLM\\\\K\", \"dword\") == 0)", "bool:true");
	/* nesting: the inner condition reads the inner objects */
	ck_eval("count(store where count(cert where bits > 0) > 1)", "int:3");
	ck_eval("count(cert where any(store where empty) && self_signed)", "int:1");
	/* from another scope, and on no object at all (machine-like) */
	ck_eval_in(SCOPE_STORE, "count(cert where store == \"CA\") + size", &all_stores[0],
		   "int:2");
	ck_eval_in(SCOPE_STORE, "name", NULL, "null");
	ck_eval_in(SCOPE_STORE, "any(cert where self_signed)", NULL, "bool:true");
	/* errors */
	ck_error("count(certs where true)", "unknown scope 'certs'", 6);
	ck_error("count(1 where true)", "expected a scope name, got '1'", 6);
	ck_error("count()", "expected a scope name, got ')'", 6);
	ck_error("any(cert true)", "expected 'where'", 9);
	ck_error("all(cert where bits)", "the condition of 'all' must be bool, got int", 15);
	ck_error("count(cert where null)", "the condition of 'count' must be bool, got null", 17);
	ck_error("any(cert where true", "expected ')'", 19);
	ck_error("any(cert where true, 1)", "expected ')'", 19);
	ck_error("count(store where subject == \"a\")", "unknown field 'subject' in scope store",
		 18);
	ck_error("count(store where any(cert where name == \"a\"))",
		 "unknown field 'name' in scope cert", 33);
	/* the scope switches back after the parenthesis */
	ck_error("count(store where empty) + name", "unknown field 'name' in scope cert", 27);
	ck_error_in(SCOPE_STORE, "subject", "unknown field 'subject' in scope store", 0);
	ck_error_in(7, "subject", "unknown field 'subject' in scope #7", 0);
}
END_TEST

/* list(SCOPE where EXPR, ITEM): the first three items quoted, then how
 * many more; ITEM is read in SCOPE; null items print as null. */
START_TEST(lists)
{
	ck_eval("list(cert where self_signed, subject)", "string:'CN=Root'");
	ck_eval("list(cert where true, subject)", "string:'CN=Root', 'CN=leaf.example', 'null'");
	ck_eval("list(cert where false, subject)", "string:none");
	ck_eval("list(cert where bits > 0, bits)", "string:'2048', '1024'");
	ck_eval("list(store where true, name)", "string:'Root', 'CA', 'Disallowed'");
	ck_eval("len(list(store where true, name))", "int:26"); /* 6 + 2 + 4 + 2 + 12 */
	ck_eval("list(store where true, size + 10)", "string:'11', '11', '10'");
	/* past three: how many more */
	ck_eval("list(store where count(cert where true) > 0, name)",
		"string:'Root', 'CA', 'Disallowed'");
	ck_eval("list(cert where count(store where true) == 3, subject) == "
		"list(cert where true, subject)", "bool:true");
	ck_assert_int_eq(type_of("list(cert where true, bits)"), TL_T_STRING);
	ck_eval_in(SCOPE_STORE, "list(cert where store == \"CA\", subject)", &all_stores[1],
		   "string:'CN=leaf.example'");
	/* errors */
	ck_error("list(cert where true)", "expected ','", 20);
	ck_error("list(cert where true, )", "expected a value, got ')'", 22);
	ck_error("list(cert where true, name)", "unknown field 'name' in scope cert", 22);
	ck_error("list(cert where bits, subject)", "the condition of 'list' must be bool, got int", 16);
	ck_error("list(cert where true, subject, 1)", "expected ')'", 29);
	ck_error("list(1, 2)", "expected a scope name, got '1'", 5);
}
END_TEST

/* A parameter whose bytes change after compiling. */
static char param_scratch[8];

static int scratch_param(void *user, const char *name, size_t len, tl_value *out)
{
	static tl_value item;

	(void)user;
	(void)name;
	(void)len;
	item = str_value(param_scratch);
	out->type = TL_T_LIST;
	out->u.list.items = &item;
	out->u.list.n = 1;
	return 0;
}

START_TEST(params)
{
	ck_eval("param.min_bits", "int:2048");
	ck_eval("param.min_bits + 1", "int:2049");
	ck_eval("param.prefix", "string:CN=R");
	ck_eval("param.names", "list:[Root, CA]");
	ck_eval("param.none", "list:[]");
	ck_eval("param.nothing", "null");
	ck_eval("param.nothing == null", "bool:true");
	ck_eval("bits == param.nothing", "bool:false");
	ck_eval("param.names == [\"Root\", \"CA\"]", "bool:true");
	ck_assert_int_eq(type_of("param.min_bits"), TL_T_INT);
	ck_assert_int_eq(type_of("param.names"), TL_T_LIST);
	ck_error("param.min_bitz", "unknown parameter 'param.min_bitz'", 0);
	ck_error("1 + param.broken", "parameter 'param.broken' has an unusable value", 4);
	ck_error("param.prefix < 1",
		 "operator '<' needs two values of one ordered type, got string and int", 13);
	/* "param" itself is an ordinary (unknown) field name */
	ck_error("param", "unknown field 'param' in scope cert", 0);

	/* the expression keeps its own copy of the values */
	{
		tl_expr *e;
		tl_expr_error err;
		tl_arena arena = {0};
		tl_value v;
		tl_catalogue no_params = cat;
		tl_catalogue scratch = cat;
		char *got;

		scratch.param = scratch_param;
		strcpy(param_scratch, "before");
		e = tl_expr_compile("param.x", 7, SCOPE_CERT, &scratch, &err);
		ck_assert_ptr_nonnull(e);
		strcpy(param_scratch, "AFTER!");
		v = tl_expr_eval(e, &cert_root, &env, &arena);
		got = value_text(&v);
		ck_assert_str_eq(got, "list:[before]");
		free(got);
		tl_expr_free(e);
		tl_arena_free(&arena);
		no_params.param = NULL;
		e = tl_expr_compile("param.min_bits", 14, SCOPE_CERT, &no_params, &err);
		ck_assert_ptr_null(e);
		ck_assert_str_eq(err.msg, "unknown parameter 'param.min_bits'");
	}
}
END_TEST

/* ------------------------------------------------------------ null */

START_TEST(null_semantics)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		/* comparisons */
		{"missing == null", "bool:true"},
		{"null == missing", "bool:true"},
		{"missing != null", "bool:false"},
		{"subject != null", "bool:true"},
		{"subject == null", "bool:false"},
		{"null == null", "bool:true"},
		{"null != null", "bool:false"},
		{"missing == \"a\"", "bool:false"},
		{"missing != \"a\"", "bool:false"},
		{"missing == missing", "bool:false"},
		{"missing != missing", "bool:false"},
		{"missing < \"a\"", "bool:false"},
		{"missing <= \"a\"", "bool:false"},
		{"missing > \"a\"", "bool:false"},
		{"missing >= \"a\"", "bool:false"},
		{"\"a\" > missing", "bool:false"},
		{"missing == subject", "bool:false"},
		/* arithmetic */
		{"1 + null", "null"},
		{"null - 1", "null"},
		{"null + null", "null"},
		{"-null", "null"},
		{"null + 1d", "null"},
		{"(null + 1) == null", "bool:true"},
		{"(null + 1) < 5", "bool:false"},
		/* logic */
		{"!null", "bool:true"},
		{"not null", "bool:true"},
		{"null && true", "bool:false"},
		{"true && null", "bool:false"},
		{"null || true", "bool:true"},
		{"null || false", "bool:false"},
		{"false || null", "bool:false"},
		{"null || null", "bool:false"},
		/* in */
		{"null in [1]", "bool:false"},
		{"null in [null]", "bool:false"},
		{"missing in [\"a\"]", "bool:false"},
		{"missing in subject", "bool:false"},
		{"\"a\" in missing", "bool:false"},
		{"1 in null", "bool:false"},
		{"null in null", "bool:false"},
		/* regex */
		{"missing =~ \"\"", "bool:false"},
		{"null =~ \"a\"", "bool:false"},
		/* functions */
		{"len(missing)", "null"},
		{"len(null)", "null"},
		{"lower(missing)", "null"},
		{"upper(null)", "null"},
		{"starts_with(missing, \"a\")", "null"},
		{"starts_with(\"a\", missing)", "null"},
		{"ends_with(null, null)", "null"},
		{"contains(missing, \"\")", "null"},
		{"len(missing) > 0", "bool:false"},
		{"reg(\"HKLM\\\\K\", \"absent\")", "null"},
		{"reg(\"HKLM\\\\nokey\", \"dword\") == null", "bool:true"},
		/* lists with null elements */
		{"[null, missing]", "list:[null, null]"},
		{"[1, null] == [1, null]", "bool:true"},
		{"len([missing])", "int:1"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++)
		ck_eval(cases[i].text, cases[i].want);
	/* an object with no data at all: every field null */
	ck_eval_on("subject", &cert_empty, "null");
	ck_eval_on("eku", &cert_empty, "null");
	ck_eval_on("len(eku)", &cert_empty, "null");
	ck_eval_on("\"x\" in eku", &cert_empty, "bool:false");
	ck_eval_on("not_after - 1d", &cert_empty, "null");
	ck_eval_on("not_after - not_after", &cert_empty, "null");
	ck_eval_on("-lifetime", &cert_empty, "null");
	ck_eval_on("self_signed", &cert_empty, "null");
	ck_eval_on("!self_signed", &cert_empty, "bool:true");
	ck_eval_on("self_signed == false", &cert_empty, "bool:false");
	ck_eval_on("bits >= 2048 || bits < 2048", &cert_empty, "bool:false");
	ck_eval_on("bits == null && subject == null", &cert_empty, "bool:true");
	/* and the static rules that stay strict */
	ck_error("missing < null",
		 "operator '<' needs two values of one ordered type, got string and null", 8);
	ck_error("null > null", "operator '>' needs two values of one ordered type, got null and null",
		 5);
}
END_TEST

START_TEST(hostile_values)
{
	int mode;

	for (mode = 0; mode <= 5; mode++) {
		world.weird_mode = mode;
		ck_eval("weird", "null");
		ck_eval("len(weird)", "null");
		ck_eval("weird == \"a\"", "bool:false");
		ck_eval("weird =~ \"a\"", "bool:false");
		ck_eval("\"a\" in weird", "bool:false");
		ck_eval("[weird]", "list:[null]");
	}
	world.weird_mode = 0;
	/* without callbacks every field, reg() and quantifier is null */
	{
		tl_eval_env bare = {0};
		tl_expr_error err;
		const char *text = "{subject} {reg(\"HKLM\\\\K\", \"sz\")} {count(cert where true)}";
		tl_template *t = tl_template_compile(text, strlen(text), SCOPE_CERT, &cat, &err);
		tl_expr *e = tl_expr_compile("subject", 7, SCOPE_CERT, &cat, &err);
		tl_buf out = {0};
		tl_arena arena = {0};
		tl_value v;
		char *got;

		ck_assert_ptr_nonnull(t);
		ck_assert_ptr_nonnull(e);
		tl_template_expand(t, &cert_root, &bare, &arena, &out);
		ck_assert_str_eq(out.data, "null null null");
		tl_buf_free(&out);
		tl_template_free(t);
		v = tl_expr_eval(e, &cert_root, &bare, &arena);
		got = value_text(&v);
		ck_assert_str_eq(got, "null");
		free(got);
		v = tl_expr_eval(NULL, &cert_root, &env, &arena);
		ck_assert_int_eq(v.type, TL_T_NULL);
		v = tl_expr_eval(e, &cert_root, NULL, &arena);
		ck_assert_int_eq(v.type, TL_T_NULL);
		tl_expr_free(e);
		tl_arena_free(&arena);
	}
	tl_expr_free(NULL);
	ck_assert_int_eq(tl_expr_type(NULL), TL_T_NULL);
}
END_TEST

START_TEST(reg_values)
{
	ck_eval("reg(\"HKLM\\\\K\", \"dword\")", "int:0");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\")", "string:Text");
	ck_eval("reg(\"HKLM\\\\K\", \"multi\")", "list:[a, b]");
	ck_eval("reg(\"HKLM\\\\K\", \"bin\")", "string:0a1b");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") == 0", "bool:true");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") != 1", "bool:true");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") < 1", "bool:true");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") in [0, 1, 2]", "bool:true");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") + 1", "int:1");
	/* a type other than the one compared with: false, whatever the operator */
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") == 0", "bool:false");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") != 0", "bool:false");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") < 1", "bool:false");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") in [0]", "bool:false");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") == 0s", "bool:false");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") == \"0\"", "bool:false");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") + 1", "null");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") == \"Text\"", "bool:true");
	ck_eval("lower(reg(\"HKLM\\\\K\", \"sz\"))", "string:text");
	ck_eval("lower(reg(\"HKLM\\\\K\", \"dword\"))", "null");
	ck_eval("len(reg(\"HKLM\\\\K\", \"multi\"))", "int:2");
	ck_eval("\"b\" in reg(\"HKLM\\\\K\", \"multi\")", "bool:true");
	ck_eval("\"ex\" in reg(\"HKLM\\\\K\", \"sz\")", "bool:true");
	ck_eval("reg(\"HKLM\\\\K\", \"multi\") == [\"a\", \"b\"]", "bool:true");
	ck_eval("reg(\"HKLM\\\\K\", \"big\") + 1", "null");
	ck_eval("reg(\"HKLM\\\\K\", \"big\") - 1", "int:9223372036854775806");
	ck_eval("-reg(\"HKLM\\\\K\", \"sz\")", "null");
	ck_eval("reg(\"HKLM\\\\K\", \"sz\") && true", "bool:false");
	ck_eval("!reg(\"HKLM\\\\K\", \"dword\")", "bool:true");
	ck_eval("reg(\"HKLM\\\\K\", \"dword\") == reg(\"HKLM\\\\K\", \"dword\")", "bool:true");
	ck_eval("[reg(\"HKLM\\\\K\", \"dword\"), 1]", "list:[0, 1]");
	ck_eval("[1, reg(\"HKLM\\\\K\", \"sz\")]", "list:[1, Text]");
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(compile_errors)
{
	static const struct {
		const char *text, *msg;
		size_t offset;
	} cases[] = {
		{"subjct == \"a\"", "unknown field 'subjct' in scope cert", 0},
		{"bits > 1 && subjct", "unknown field 'subjct' in scope cert", 12},
		{"schannel.trust_mod", "unknown field 'schannel.trust_mod' in scope cert", 0},
		{"aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee",
		 "unknown field 'aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd...' in scope cert", 0},
		{"subject < 1", "operator '<' needs two values of one ordered type, got string and int",
		 8},
		{"self_signed < true",
		 "operator '<' needs two values of one ordered type, got bool and bool", 12},
		{"eku < eku",
		 "operator '<' needs two values of one ordered type, got list of string and list of string",
		 4},
		{"bits >= 1d", "operator '>=' needs two values of one ordered type, got int and duration",
		 5},
		{"not_after > 1d",
		 "operator '>' needs two values of one ordered type, got time and duration", 10},
		{"subject == 1", "operator '==' needs two values of one type, got string and int", 8},
		{"1 != true", "operator '!=' needs two values of one type, got int and bool", 2},
		{"eku == sizes",
		 "operator '==' needs two values of one type, got list of string and list of int", 4},
		{"eku == \"a\"", "operator '==' needs two values of one type, got list of string and string",
		 4},
		{"[1, \"a\"]", "list elements must have one type, got int and string", 4},
		{"[null, 1, 2d]", "list elements must have one type, got int and duration", 10},
		{"[[1]]", "lists cannot contain lists", 1},
		{"[1, eku]", "lists cannot contain lists", 4},
		{"len(subject, subject)", "'len' takes 1 argument, got 2", 0},
		{"\"abc", "unterminated string", 0},
		{"(1", "expected ')'", 2},
		{"subject =~ \"[a\"", "regex: missing ']'", 12},
		{"count(certs where true)", "unknown scope 'certs'", 6},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++)
		ck_error(cases[i].text, cases[i].msg, cases[i].offset);
	/* the error is reset, and a NULL error pointer is allowed */
	{
		tl_expr_error err;
		tl_expr *e;

		ck_assert_ptr_null(tl_expr_compile("1 +", 3, SCOPE_CERT, &cat, NULL));
		e = tl_expr_compile("1 + 1 junk", 5, SCOPE_CERT, &cat, &err); /* length wins */
		ck_assert_ptr_nonnull(e);
		ck_assert_str_eq(err.msg, "");
		tl_expr_free(e);
		ck_assert_ptr_null(tl_expr_compile(NULL, 0, SCOPE_CERT, &cat, &err));
		ck_assert_str_eq(err.msg, "expected a value, got end of expression");
		ck_assert_ptr_null(tl_expr_compile("a", 1, SCOPE_CERT, NULL, &err));
		ck_assert_str_eq(err.msg, "unknown field 'a' in scope #0");
	}
	/* list types */
	ck_assert_int_eq(type_of("[]"), TL_T_LIST);
	ck_eval("[] == eku", "bool:false");
	ck_eval("param.none == sizes", "bool:false");
	ck_eval("[null] == [null]", "bool:true");
}
END_TEST

/* Every prefix and every one-byte change of a rich expression compiles or
 * fails cleanly, and what compiles evaluates. */
static const char rich[] = "count(cert where bits >= param.min_bits && \"x\\x41\" in eku) > 0 || "
			   "not (subject =~ \"^CN=[A-Z]\" and not_after - 30d < not_after + 2w) "
			   "|| len(lower(reg(\"HKLM\\\\K\", \"sz\"))) != -0x1";

static void compile_any(const uint8_t *p, size_t len)
{
	tl_expr_error err;
	tl_expr *e = tl_expr_compile((const char *)p, len, SCOPE_CERT, &cat, &err);
	tl_template *t;
	tl_arena arena = {0};
	tl_buf out = {0};

	if (e) {
		tl_value v = tl_expr_eval(e, &cert_root, &env, &arena);

		tl_value_format(&v, &out);
		v = tl_expr_eval(e, &cert_empty, &env, &arena);
		tl_value_format(&v, &out);
	} else {
		ck_assert(err.offset <= len);
		ck_assert(err.msg[0] && !(err.msg[0] >= 'A' && err.msg[0] <= 'Z'));
	}
	tl_expr_free(e);
	t = tl_template_compile((const char *)p, len, SCOPE_CERT, &cat, &err);
	if (t)
		tl_template_expand(t, &cert_leaf, &env, &arena, &out);
	else
		ck_assert(err.offset <= len);
	tl_template_free(t);
	tl_buf_free(&out);
	tl_arena_free(&arena);
}

START_TEST(truncation_and_flips)
{
	char *got = eval_in(SCOPE_CERT, rich, &cert_root);

	ck_assert_str_eq(got, "bool:true");
	free(got);
	tt_each_prefix(rich, strlen(rich), compile_any);
	tt_each_flip(rich, strlen(rich), compile_any);
}
END_TEST

/* ------------------------------------------------------------ templates */

static char *expand(const char *text, const void *obj)
{
	tl_expr_error err;
	tl_template *t = tl_template_compile(text, strlen(text), SCOPE_CERT, &cat, &err);
	tl_arena arena = {0};
	tl_buf out = {0};

	ck_assert_msg(t != NULL, "'%.80s' does not compile: %s at %zu", text, err.msg, err.offset);
	tl_template_expand(t, obj, &env, &arena, &out);
	tl_template_free(t);
	tl_arena_free(&arena);
	return tl_buf_steal(&out);
}

#define ck_expand(text, obj, want)                       \
	do {                                             \
		char *got_ = expand(text, obj);          \
		ck_assert_str_eq(got_, want);            \
		free(got_);                              \
	} while (0)

#define ck_template_error(text, want_msg, want_off)                                   \
	do {                                                                          \
		tl_expr_error err_;                                                   \
		tl_template *t_ =                                                     \
			tl_template_compile(text, strlen(text), SCOPE_CERT, &cat, &err_); \
		tl_template_free(t_);                                                 \
		ck_assert_msg(t_ == NULL, "'%.80s' compiles", text);                  \
		ck_assert_str_eq(err_.msg, want_msg);                                 \
		ck_assert_uint_eq(err_.offset, want_off);                             \
	} while (0)

START_TEST(templates)
{
	ck_expand("", &cert_root, "");
	ck_expand("plain text", &cert_root, "plain text");
	ck_expand("'{subject}' in {store} is not self-signed (issuer '{issuer}')", &cert_leaf,
		  "'CN=leaf.example' in CA is not self-signed (issuer 'CN=Root')");
	ck_expand("{bits} bits < {param.min_bits}", &cert_leaf, "1024 bits < 2048");
	ck_expand("{{literal}} {{{bits}}}", &cert_root, "{literal} {2048}");
	ck_expand("}}{{", &cert_root, "}{");
	ck_expand("{not_after} ({lifetime})", &cert_root, "2030-01-01T00:00:00Z (3650d)");
	ck_expand("{eku}", &cert_root, "[serverAuth, clientAuth]");
	ck_expand("{eku}", &cert_leaf, "[]");
	ck_expand("[{missing}]", &cert_root, "[null]");
	ck_expand("{subject}", &cert_empty, "null");
	ck_expand("{self_signed}/{!self_signed}", &cert_root, "true/false");
	ck_expand("{\"}\"}{\"{\"}", &cert_root, "}{");
	ck_expand("{\"a\\\"}\"}", &cert_root, "a\"}");
	ck_expand("{count(cert where true)} certs", NULL, "3 certs");
	ck_expand("{ upper(subject) }", &cert_root, "CN=ROOT");
	ck_expand("{reg(\"HKLM\\\\K\", \"multi\")}", &cert_root, "[a, b]");
	ck_expand("\xC3\xA9{bits}\xC3\xA9", &cert_root, "\xC3\xA9" "2048\xC3\xA9");

	ck_template_error("a {subject", "unmatched '{' (write '{{' for a brace)", 2);
	ck_template_error("a {\"}", "unmatched '{' (write '{{' for a brace)", 2);
	ck_template_error("a } b", "unmatched '}' (write '}}' for a brace)", 2);
	ck_template_error("{bits}}", "unmatched '}' (write '}}' for a brace)", 6);
	ck_template_error("x {} y", "empty '{}' in template", 2);
	ck_template_error("x { \t} y", "empty '{}' in template", 2);
	ck_template_error("issuer {issuer} of {subjct}", "unknown field 'subjct' in scope cert", 20);
	ck_template_error("{bits} {bits +}", "expected a value, got end of expression", 14);
	ck_template_error("{{ {1 @ 2}", "unexpected character '@'", 6);
	ck_template_error("{subject =~ \"[\"}", "regex: missing ']'", 13);

	/* NULL text, NULL err */
	{
		tl_template *t = tl_template_compile(NULL, 0, SCOPE_CERT, &cat, NULL);
		tl_buf out = {0};
		tl_arena arena = {0};

		ck_assert_ptr_nonnull(t);
		tl_template_expand(t, &cert_root, &env, &arena, &out);
		ck_assert_str_eq(out.data, "");
		tl_template_free(t);
		tl_buf_free(&out);
		ck_assert_ptr_null(tl_template_compile("{", 1, SCOPE_CERT, &cat, NULL));
		tl_template_free(NULL);
	}
}
END_TEST

#define CUT_MARKER " [... message cut at 4 KiB]"

/* Expand text on obj into a buffer that already holds `before`; return
 * what expansion appended. free() the result. */
static char *expand_after(const char *before, const char *text, const void *obj)
{
	tl_expr_error err;
	tl_template *t = tl_template_compile(text, strlen(text), SCOPE_CERT, &cat, &err);
	tl_arena arena = {0};
	tl_buf out = {0};
	char *appended;

	ck_assert_msg(t != NULL, "'%.80s' does not compile: %s at %zu", text, err.msg, err.offset);
	tl_buf_adds(&out, before);
	tl_template_expand(t, obj, &env, &arena, &out);
	ck_assert_uint_eq(strlen(out.data), out.len);
	appended = tl_xstrdup(out.data + strlen(before));
	tl_template_free(t);
	tl_arena_free(&arena);
	tl_buf_free(&out);
	return appended;
}

/* n copies of s, then tail. free() the result. */
static char *repeat(const char *s, size_t n, const char *tail)
{
	tl_buf b = {0};
	size_t i;

	tl_buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		tl_buf_adds(&b, s);
	tl_buf_adds(&b, tail);
	return tl_buf_steal(&b);
}

/* A message is cut at TL_MAX_MESSAGE_BYTES, at a character boundary, and
 * expansion stops there: a template of many holes over a long value made
 * a message of gigabytes. */
START_TEST(template_cap)
{
	static const struct {
		size_t pad;         /* 'a's of literal text first */
		const char *tail;   /* literal text after them, with holes */
		size_t kept_pad;    /* 'a's in the result */
		const char *kept;   /* the rest of the result, before any marker */
		bool cut;
	} cases[] = {
		/* up to the cap the message is left alone */
		{4091, "{bits}", 4091, "2048", false},
		{4092, "{bits}", 4092, "2048", false},
		{4093, "{bits}", 4093, "204", true},
		{4096, "", 4096, "", false},
		{4096, "{missing == null}", 4096, "", true},
		{4096, "{\"\"}", 4096, "", false}, /* nothing past the cap: not cut */
		/* a character the cap falls inside is dropped whole */
		{4093, "{\"\xE2\x82\xAC\xE2\x82\xAC\"}", 4093, "\xE2\x82\xAC", true},
		{4094, "{\"\xE2\x82\xAC\xE2\x82\xAC\"}", 4094, "", true},
		{4095, "{\"\xE2\x82\xAC\"}", 4095, "", true},
		{4092, "{\"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\"}", 4092, "\xF0\x9F\x98\x80", true},
		{4093, "{\"\xF0\x9F\x98\x80\"}", 4093, "", true},
		{4094, "{\"\xF0\x9F\x98\x80\"}", 4094, "", true},
		{4095, "{\"\xF0\x9F\x98\x80\"}", 4095, "", true},
		{4095, "\xC3\xA9{bits}", 4095, "", true}, /* in literal text too */
		{4094, "\xC3\xA9{bits}", 4094, "\xC3\xA9", true},
		/* bytes that are no UTF-8 are cut where the cap is */
		{4095, "\x80\x80\x80\x80", 4095, "\x80", true},
		{4095, "{\"\xff\xff\"}", 4095, "\xff", true},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char *text = repeat("a", cases[i].pad, cases[i].tail);
		char *want = repeat("a", cases[i].kept_pad, cases[i].kept);
		char *got = expand_after("", text, &cert_root);

		if (cases[i].cut) {
			char *full = repeat(want, 1, CUT_MARKER);

			free(want);
			want = full;
		}
		ck_assert_msg(strcmp(got, want) == 0, "case %zu: %zu bytes, '...%s', not '...%s'",
			      i, strlen(got), got + (strlen(got) > 40 ? strlen(got) - 40 : 0),
			      want + (strlen(want) > 40 ? strlen(want) - 40 : 0));
		free(got);
		free(want);
		free(text);
	}
}
END_TEST

/* Expansion stops at the cap instead of making the whole message and
 * cutting it: holes after it are not evaluated. */
START_TEST(template_cap_stops)
{
	static const struct {
		size_t holes, value_len;
		unsigned gets; /* holes evaluated */
	} cases[] = {
		{1000, 1000, 5},
		{100000, 100000, 1},
		{3, 4096, 2}, /* the second hole finds out the first filled the cap */
		{100, 40, 100},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		struct mock_cert big = cert_root;
		char *value = repeat("x", cases[i].value_len, "");
		char *text = repeat("{subject}", cases[i].holes, "");
		size_t full = cases[i].holes * cases[i].value_len;
		char *want, *got;

		big.subject = value;
		if (full > TL_MAX_MESSAGE_BYTES)
			want = repeat("x", TL_MAX_MESSAGE_BYTES, CUT_MARKER);
		else
			want = repeat("x", full, "");
		world.gets = 0;
		got = expand_after("", text, &big);
		ck_assert_msg(strcmp(got, want) == 0, "case %zu: %zu bytes, not %zu", i, strlen(got),
			      strlen(want));
		ck_assert_msg(world.gets == cases[i].gets, "case %zu: %u holes evaluated, not %u", i,
			      world.gets, cases[i].gets);
		free(got);
		free(want);
		free(text);
		free(value);
	}
}
END_TEST

/* The cap counts what one expansion appends, not what the buffer held, and
 * a long list stops being written at the cap too. */
START_TEST(template_cap_scope)
{
	static const char *eku_items[100];
	struct mock_cert many = cert_root;
	char *item = repeat("e", 999, "");
	char *before = repeat("b", 10000, "");
	char *got, *want;
	tl_buf full = {0};
	size_t i;

	got = expand_after(before, "{bits}", &cert_root);
	ck_assert_str_eq(got, "2048");
	free(got);
	for (i = 0; i < TL_ARRAY_LEN(eku_items); i++)
		eku_items[i] = item;
	many.eku = eku_items;
	many.eku_n = TL_ARRAY_LEN(eku_items);
	tl_buf_adds(&full, "[");
	for (i = 0; i < TL_ARRAY_LEN(eku_items); i++)
		tl_buf_printf(&full, "%s%s", i ? ", " : "", item);
	tl_buf_adds(&full, "]");
	want = tl_xasprintf("%.*s%s", TL_MAX_MESSAGE_BYTES, full.data, CUT_MARKER);
	got = expand_after(before, "{eku}", &many);
	ck_assert_msg(strcmp(got, want) == 0, "%zu bytes, not %zu", strlen(got), strlen(want));
	free(got);
	free(want);
	tl_buf_free(&full);
	free(before);
	free(item);
}
END_TEST

/* One arena serves many evaluations and is reset between objects. */
START_TEST(arena_reuse)
{
	tl_expr_error err;
	const char *text = "[lower(subject), upper(subject), lower(store)]";
	tl_expr *e = tl_expr_compile(text, strlen(text), SCOPE_CERT, &cat, &err);
	tl_arena arena = {0};
	size_t i;

	ck_assert_ptr_nonnull(e);
	for (i = 0; i < 2000; i++) {
		tl_value v = tl_expr_eval(e, i % 2 ? &cert_root : &cert_leaf, &env, &arena);
		tl_buf b = {0};

		tl_value_format(&v, &b);
		ck_assert_str_eq(b.data, i % 2 ? "[cn=root, CN=ROOT, root]"
					       : "[cn=leaf.example, CN=LEAF.EXAMPLE, ca]");
		tl_buf_free(&b);
		if (i % 100 == 99)
			tl_arena_reset(&arena);
	}
	tl_arena_free(&arena);
	tl_expr_free(e);
}
END_TEST

static Suite *expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("expr");

	tcase_add_test(tc, arena_blocks);
	tcase_add_test(tc, arena_reuse);
	tcase_add_test(tc, type_names);
	tcase_add_test(tc, value_format);
	tcase_add_test(tc, lexer_tokens);
	tcase_add_test(tc, lexer_errors);
	tcase_add_test(tc, precedence);
	tcase_add_test(tc, precedence_by_offsets);
	tcase_add_test(tc, depth_limits);
	tcase_add_test(tc, long_chains);
	tcase_add_test(tc, long_chain_errors);
	tcase_add_test(tc, long_chains_stack);
	tcase_add_test(tc, comparisons);
	tcase_add_test(tc, arithmetic);
	tcase_add_test(tc, logic);
	tcase_add_test(tc, in_operator);
	tcase_add_test(tc, regex_match);
	tcase_add_test(tc, functions);
	tcase_add_test(tc, quantifiers);
	tcase_add_test(tc, lists);
	tcase_add_test(tc, params);
	tcase_add_test(tc, null_semantics);
	tcase_add_test(tc, hostile_values);
	tcase_add_test(tc, reg_values);
	tcase_add_test(tc, compile_errors);
	tcase_add_test(tc, templates);
	tcase_add_test(tc, template_cap);
	tcase_add_test(tc, template_cap_stops);
	tcase_add_test(tc, template_cap_scope);
	tcase_add_test(tc, truncation_and_flips);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(expr_suite());
}
