/* fuzz_expr.c: fuzz target for the rule expression language.
 *
 * Compiles the input as an expression and as a message template against a
 * small catalogue (two scopes, a field of every type, one that is always
 * null, parameters), evaluates what compiles on a few objects (one with no
 * data, one with extreme values) and frees everything. Aborts when a
 * compile error lies outside the input or has no message. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/expr.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct object {
	const char *name;
	int64_t number, when, span;
	bool flag, no_data;
};

static const struct object objects[] = {
	{"CN=Root", 2048, 1893456000, 86400, true, false},
	{"", INT64_MAX, INT64_MIN, INT64_MIN, false, false},
	{"x\xff\x00y", -1, 0, 0, false, false},
	{NULL, 0, 0, 0, false, true},
};

static const struct field {
	const char *name;
	tl_type type, elem;
} fields[] = {
	{"name", TL_T_STRING, TL_T_NULL},     {"number", TL_T_INT, TL_T_NULL},
	{"when", TL_T_TIME, TL_T_NULL},	      {"span", TL_T_DURATION, TL_T_NULL},
	{"flag", TL_T_BOOL, TL_T_NULL},	      {"names", TL_T_LIST, TL_T_STRING},
	{"numbers", TL_T_LIST, TL_T_INT},     {"missing", TL_T_STRING, TL_T_NULL},
	{"a.b", TL_T_INT, TL_T_NULL},
};

static bool is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

static int scope_of(void *user, const char *name, size_t len)
{
	(void)user;
	return is(name, len, "cert") ? 0 : is(name, len, "store") ? 1 : -1;
}

static int field_of(void *user, int scope, const char *name, size_t len, tl_field_info *out)
{
	size_t i;

	(void)user;
	(void)scope; /* both scopes have the same fields */
	for (i = 0; i < TL_ARRAY_LEN(fields); i++) {
		if (is(name, len, fields[i].name)) {
			out->id = (int)i;
			out->type = fields[i].type;
			out->elem = fields[i].elem;
			return 0;
		}
	}
	return -1;
}

static const tl_value param_items[] = {{.type = TL_T_STRING, .u.s = {"Root", 4}}};

static int param_of(void *user, const char *name, size_t len, tl_value *out)
{
	(void)user;
	memset(out, 0, sizeof(*out));
	if (is(name, len, "n")) {
		out->type = TL_T_INT;
		out->u.i = 2048;
	} else if (is(name, len, "s")) {
		out->type = TL_T_STRING;
		out->u.s.p = "CN=";
		out->u.s.len = 3;
	} else if (is(name, len, "l")) {
		out->type = TL_T_LIST;
		out->u.list.items = param_items;
		out->u.list.n = 1;
	} else if (!is(name, len, "z")) {
		return -1;
	}
	return 0;
}

static void get(void *user, int scope, const void *obj, int id, tl_value *out, tl_arena *arena)
{
	const struct object *o = obj;
	tl_value *items;

	(void)user;
	(void)scope;
	memset(out, 0, sizeof(*out));
	if (!o || o->no_data)
		return;
	switch (id) {
	case 0:
		out->type = TL_T_STRING;
		out->u.s.p = o->name;
		out->u.s.len = strlen(o->name) + (o->name[0] == 'x' ? 2 : 0); /* past the NUL */
		break;
	case 1:
	case 8:
		out->type = TL_T_INT;
		out->u.i = o->number;
		break;
	case 2:
		out->type = TL_T_TIME;
		out->u.i = o->when;
		break;
	case 3:
		out->type = TL_T_DURATION;
		out->u.i = o->span;
		break;
	case 4:
		out->type = TL_T_BOOL;
		out->u.b = o->flag;
		break;
	case 5:
		items = tl_arena_alloc(arena, 2 * sizeof(*items));
		memset(items, 0, 2 * sizeof(*items));
		items[0].type = TL_T_STRING;
		items[0].u.s.p = o->name;
		items[0].u.s.len = strlen(o->name);
		out->type = TL_T_LIST;
		out->u.list.items = items;
		out->u.list.n = o->flag ? 2 : 0;
		break;
	case 6:
		items = tl_arena_alloc(arena, sizeof(*items));
		items[0].type = TL_T_INT;
		items[0].u.i = o->number;
		out->type = TL_T_LIST;
		out->u.list.items = items;
		out->u.list.n = 1;
		break;
	default:
		break;
	}
}

static void each(void *user, int scope, bool (*fn)(const void *obj, void *arg), void *arg)
{
	size_t i;

	(void)user;
	(void)scope;
	for (i = 0; i < TL_ARRAY_LEN(objects); i++)
		if (!fn(&objects[i], arg))
			return;
}

static void reg(void *user, const char *key, size_t key_len, const char *name, size_t name_len,
		tl_value *out, tl_arena *arena)
{
	(void)user;
	(void)key;
	memset(out, 0, sizeof(*out));
	if (key_len % 3 == 0) {
		out->type = TL_T_INT;
		out->u.i = (int64_t)name_len;
	} else if (key_len % 3 == 1) {
		out->type = TL_T_STRING;
		out->u.s.p = tl_arena_strndup(arena, name, name_len);
		out->u.s.len = name_len;
	}
}

static const tl_catalogue catalogue = {NULL, scope_of, field_of, param_of};
static const tl_eval_env env = {.get = get, .each = each, .reg = reg};

static void check_error(const tl_expr_error *err, size_t size)
{
	if (err->offset > size || !err->msg[0]) {
		fprintf(stderr, "fuzz_expr: bad error '%s' at %zu of %zu\n", err->msg, err->offset,
			size);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	tl_expr_error err;
	tl_arena arena = {0};
	tl_buf out = {0};
	tl_expr *e;
	tl_template *t;
	size_t i;

	e = tl_expr_compile(text, size, 0, &catalogue, &err);
	if (e) {
		(void)tl_expr_type(e);
		for (i = 0; i < TL_ARRAY_LEN(objects); i++) {
			tl_value v = tl_expr_eval(e, &objects[i], &env, &arena);

			tl_value_format(&v, &out);
			(void)tl_value_true(&v);
			tl_arena_reset(&arena);
		}
		tl_expr_free(e);
	} else {
		check_error(&err, size);
	}
	t = tl_template_compile(text, size, 1, &catalogue, &err);
	if (t) {
		for (i = 0; i < TL_ARRAY_LEN(objects); i++)
			tl_template_expand(t, &objects[i], &env, &arena, &out);
		tl_template_free(t);
	} else {
		check_error(&err, size);
	}
	tl_arena_free(&arena);
	tl_buf_free(&out);
	return 0;
}
