/* expr_template.c: message templates (expr.h): text with {expr} holes,
 * each hole a compiled expression of the rule's scope, expanded under the
 * TL_MAX_MESSAGE_BYTES cap. */
#include "config.h"

#include "rules/expr_impl.h"

#include <stdio.h>
#include <stdlib.h>

struct template_part {
	char *text; /* literal text, or NULL for a hole */
	size_t len;
	tl_expr *expr;
};

struct tl_template {
	struct template_part *parts;
	size_t n, cap;
};

static void add_part(tl_template *t, tl_buf *lit, tl_expr *expr)
{
	if (lit->len) {
		tl_xgrow((void **)&t->parts, &t->cap, t->n + 1, sizeof(*t->parts));
		t->parts[t->n].len = lit->len;
		t->parts[t->n].text = tl_buf_steal(lit);
		t->parts[t->n].expr = NULL;
		t->n++;
	}
	if (expr) {
		tl_xgrow((void **)&t->parts, &t->cap, t->n + 1, sizeof(*t->parts));
		t->parts[t->n].text = NULL;
		t->parts[t->n].len = 0;
		t->parts[t->n].expr = expr;
		t->n++;
	}
}

/* The '}' closing the hole whose text starts at i; a '}' inside a string
 * literal does not count. len when there is none. */
static size_t hole_end(const char *s, size_t len, size_t i)
{
	bool in_string = false;

	for (; i < len; i++) {
		if (in_string && s[i] == '\\')
			i++;
		else if (s[i] == '"')
			in_string = !in_string;
		else if (!in_string && s[i] == '}')
			return i;
	}
	return len;
}

static void template_error(tl_expr_error *err, size_t off, const char *msg)
{
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	err->offset = off;
}

tl_template *tl_template_compile(const char *text, size_t len, int scope, const tl_catalogue *cat,
				 tl_expr_error *err)
{
	tl_template *t = tl_xcalloc(1, sizeof(*t));
	tl_expr_error local;
	tl_buf lit = {0};
	size_t i = 0, end, k;

	if (!err)
		err = &local;
	if (!text)
		len = 0;
	while (i < len) {
		char c = text[i];
		tl_expr *e;

		if ((c == '{' || c == '}') && i + 1 < len && text[i + 1] == c) {
			tl_buf_addc(&lit, c);
			i += 2;
			continue;
		}
		if (c == '}') {
			template_error(err, i, "unmatched '}' (write '}}' for a brace)");
			goto fail;
		}
		if (c != '{') {
			tl_buf_addc(&lit, c);
			i++;
			continue;
		}
		end = hole_end(text, len, i + 1);
		if (end >= len) {
			template_error(err, i, "unmatched '{' (write '{{' for a brace)");
			goto fail;
		}
		for (k = i + 1; k < end && (text[k] == ' ' || text[k] == '\t'); k++)
			;
		if (k == end) {
			template_error(err, i, "empty '{}' in template");
			goto fail;
		}
		e = tl_expr_compile(text + i + 1, end - i - 1, scope, cat, err);
		if (!e) {
			err->offset += i + 1;
			goto fail;
		}
		add_part(t, &lit, e);
		i = end + 1;
	}
	add_part(t, &lit, NULL);
	return t;
fail:
	tl_buf_free(&lit);
	tl_template_free(t);
	return NULL;
}

/* expr.h promises the marker names the cap. */
#define MESSAGE_CUT_MARKER " [... message cut at 4 KiB]"
_Static_assert(TL_MAX_MESSAGE_BYTES == 4096, "MESSAGE_CUT_MARKER names the cap");

/* Where to cut the text s[from..] so that byte `at` and all after it go:
 * at itself, or, when at falls inside a UTF-8 character, that character's
 * first byte, so no character is left half. The lead byte says how long its
 * character is and is at most 3 bytes back (RFC 3629 section 3); bytes
 * that are not UTF-8 are cut at `at`. */
static size_t utf8_cut(const char *s, size_t from, size_t at)
{
	size_t j = at;
	unsigned char lead;
	size_t len;

	while (j > from && at - j < 3 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	lead = (unsigned char)s[j];
	if (j == at || (lead & 0xC0) != 0xC0)
		return at;
	len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	return at - j < len ? j : at;
}

void tl_template_expand(const tl_template *t, const void *obj, const tl_eval_env *env,
			tl_arena *arena, tl_buf *out)
{
	size_t i, base, stop, cut;

	tl_buf_add(out, "", 0); /* a NUL-terminated buffer even when empty */
	base = out->len;
	if (base > SIZE_MAX - TL_MAX_MESSAGE_BYTES - 1)
		tl_oom();
	/* one byte past the cap tells whether the character at the cap goes
	 * on past it, and whether anything was left out at all */
	stop = base + TL_MAX_MESSAGE_BYTES + 1;
	for (i = 0; i < t->n && out->len < stop; i++) {
		const struct template_part *part = &t->parts[i];

		if (part->expr) {
			tl_value v = tl_expr_eval(part->expr, obj, env, arena);

			tl_expr_format_upto(&v, out, stop);
		} else {
			tl_buf_add(out, part->text, tl_expr_room(out, stop, part->len));
		}
	}
	if (out->len - base <= TL_MAX_MESSAGE_BYTES)
		return;
	cut = utf8_cut(out->data, base, base + TL_MAX_MESSAGE_BYTES);
	out->len = cut;
	out->data[cut] = '\0';
	tl_buf_adds(out, MESSAGE_CUT_MARKER);
}

void tl_template_free(tl_template *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->parts[i].text);
		tl_expr_free(t->parts[i].expr);
	}
	free(t->parts);
	free(t);
}
