/* regdump.c: see regdump.h. */
#include "config.h"

#include "report/regdump.h"

#include <jansson.h>
#include <stdlib.h>

#include "base/json.h"
#include "base/util.h"

static json_t *hex_json(const uint8_t *p, size_t n)
{
	char *h = tl_xhex(p, n, false);
	json_t *j = json_string(h);

	free(h);
	return j;
}

int tl_regdump_op(const tl_reg_op *op, const char *file, bool show_file, FILE *out)
{
	json_t *o = json_object();
	int rc;

	json_object_set_new(o, "op", json_string(tl_reg_op_name(op->kind)));
	json_object_set_new(o, "key", tl_json_str(op->key));
	if (op->kind == TL_REG_OP_SET || op->kind == TL_REG_OP_DELETE_VALUE)
		json_object_set_new(o, "name", tl_json_str(op->name));
	if (op->kind == TL_REG_OP_SET) {
		json_object_set_new(o, "type", json_integer(op->type));
		json_object_set_new(o, "data", hex_json(op->data, op->len));
	}
	if (show_file)
		json_object_set_new(o, "file", tl_json_str(file));
	json_object_set_new(o, "line", json_integer(op->line));
	rc = tl_json_dump_line(o, out);
	json_decref(o);
	return rc;
}

typedef struct dump_ctx {
	bool show_file;
	FILE *out;
	int rc;
} dump_ctx;

static int dump_key(const tl_reg_key *k, void *arg)
{
	dump_ctx *c = arg;
	size_t i, n = tl_reg_key_value_count(k);

	if (n == 0 && tl_reg_key_line(k) != 0) {
		json_t *o = json_object();
		json_object_set_new(o, "key", tl_json_str(tl_reg_key_path(k)));
		if (c->show_file)
			json_object_set_new(o, "file", tl_json_str(tl_reg_key_file(k)));
		json_object_set_new(o, "line", json_integer(tl_reg_key_line(k)));
		if (tl_json_dump_line(o, c->out) != 0)
			c->rc = -1;
		json_decref(o);
	}
	for (i = 0; i < n; i++) {
		const tl_reg_value *v = tl_reg_key_value_at(k, i);
		json_t *o = json_object();

		json_object_set_new(o, "key", tl_json_str(tl_reg_key_path(k)));
		json_object_set_new(o, "name", tl_json_str(v->name));
		json_object_set_new(o, "type", json_integer(v->type));
		json_object_set_new(o, "data", hex_json(v->data, v->len));
		if (c->show_file)
			json_object_set_new(o, "file", tl_json_str(v->file));
		json_object_set_new(o, "line", json_integer(v->line));
		if (tl_json_dump_line(o, c->out) != 0)
			c->rc = -1;
		json_decref(o);
	}
	return c->rc;
}

int tl_regdump_state(const tl_registry *r, bool show_file, FILE *out)
{
	dump_ctx c = {show_file, out, 0};

	tl_registry_walk(r, dump_key, &c);
	return c.rc;
}
