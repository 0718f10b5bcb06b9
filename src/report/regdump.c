/* regdump.c: see regdump.h.
 *
 * Each JSON line is built in one buffer and written with one fwrite: a
 * registry export of hundreds of MB prints a line per value, and building
 * a jansson object for each cost more than reading the file. The lines are
 * byte for byte what jansson prints for the same object (JSON_PRESERVE_ORDER,
 * ", " and ": " separators): a string of printable ASCII is copied as it
 * is, any other string is printed by jansson itself (tl_json_str, with the
 * flags of the output, JSON_ENSURE_ASCII on a terminal).
 */
#include "config.h"

#include "report/regdump.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/util.h"

/* Printable ASCII that JSON needs no escape for. */
static bool plain_ascii(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; p[i]; i++)
		if (p[i] < 0x20 || p[i] > 0x7E || p[i] == '"' || p[i] == '\\')
			return false;
	*len = i;
	return true;
}

static void add_string(tl_buf *b, const char *s)
{
	json_t *j;
	char *text;
	size_t n;

	if (s && plain_ascii(s, &n)) {
		tl_buf_reserve(b, n + 2);
		b->data[b->len++] = '"';
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len++] = '"';
		b->data[b->len] = '\0';
		return;
	}
	j = tl_json_str(s);
	text = json_dumps(j, JSON_ENCODE_ANY | tl_json_flags());
	if (!text)
		tl_oom();
	tl_buf_adds(b, text);
	free(text);
	json_decref(j);
}

/* `, "name": ` before every member but the first, `{"name": ` before it. */
static void add_member(tl_buf *b, const char *name)
{
	tl_buf_adds(b, b->len ? ", \"" : "{\"");
	tl_buf_adds(b, name);
	tl_buf_add(b, "\": ", 3);
}

static void add_string_member(tl_buf *b, const char *name, const char *s)
{
	add_member(b, name);
	add_string(b, s);
}

static void add_number_member(tl_buf *b, const char *name, uint32_t v)
{
	char digits[10];
	size_t n = 0;

	add_member(b, name);
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	tl_buf_reserve(b, n);
	while (n)
		b->data[b->len++] = digits[--n];
	b->data[b->len] = '\0';
}

static void add_hex_member(tl_buf *b, const char *name, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;
	char *out;

	add_member(b, name);
	if (n > (SIZE_MAX - 2) / 2)
		tl_oom();
	tl_buf_reserve(b, 2 * n + 2);
	out = b->data + b->len;
	*out++ = '"';
	for (i = 0; i < n; i++) {
		*out++ = digits[p[i] >> 4];
		*out++ = digits[p[i] & 15];
	}
	*out++ = '"';
	*out = '\0';
	b->len = (size_t)(out - b->data);
}

/* Close the object and write the line; b is emptied for the next one. */
static int write_line(tl_buf *b, FILE *out)
{
	int rc;

	tl_buf_add(b, "}\n", 2);
	rc = fwrite(b->data, 1, b->len, out) == b->len ? 0 : -1;
	b->len = 0;
	return rc;
}

int tl_regdump_op(const tl_reg_op *op, const char *file, bool show_file, FILE *out)
{
	tl_buf b = {0};
	int rc;

	add_string_member(&b, "op", tl_reg_op_name(op->kind));
	add_string_member(&b, "key", op->key);
	if (op->kind == TL_REG_OP_SET || op->kind == TL_REG_OP_DELETE_VALUE)
		add_string_member(&b, "name", op->name);
	if (op->kind == TL_REG_OP_SET) {
		add_number_member(&b, "type", op->type);
		add_hex_member(&b, "data", op->data, op->len);
	}
	if (show_file)
		add_string_member(&b, "file", file);
	add_number_member(&b, "line", op->line);
	rc = write_line(&b, out);
	tl_buf_free(&b);
	return rc;
}

typedef struct dump_ctx {
	bool show_file;
	FILE *out;
	tl_buf line;
	int rc;
} dump_ctx;

static int dump_key(const tl_reg_key *k, void *arg)
{
	dump_ctx *c = arg;
	size_t i, n = tl_reg_key_value_count(k);

	if (n == 0 && tl_reg_key_line(k) != 0) {
		add_string_member(&c->line, "key", tl_reg_key_path(k));
		if (c->show_file)
			add_string_member(&c->line, "file", tl_reg_key_file(k));
		add_number_member(&c->line, "line", tl_reg_key_line(k));
		if (write_line(&c->line, c->out) != 0)
			c->rc = -1;
	}
	for (i = 0; i < n; i++) {
		const tl_reg_value *v = tl_reg_key_value_at(k, i);

		add_string_member(&c->line, "key", tl_reg_key_path(k));
		add_string_member(&c->line, "name", v->name);
		add_number_member(&c->line, "type", v->type);
		add_hex_member(&c->line, "data", v->data, v->len);
		if (c->show_file)
			add_string_member(&c->line, "file", v->file);
		add_number_member(&c->line, "line", v->line);
		if (write_line(&c->line, c->out) != 0)
			c->rc = -1;
	}
	return c->rc;
}

int tl_regdump_state(const tl_registry *r, bool show_file, FILE *out)
{
	dump_ctx c = {show_file, out, {0}, 0};

	tl_registry_walk(r, dump_key, &c);
	tl_buf_free(&c.line);
	return c.rc;
}
