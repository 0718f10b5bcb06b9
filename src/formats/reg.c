/* reg.c: the `.reg` reader (FORMATS.md 2): the header, key lines and
 * value lines, what Windows skips, and operations applied to a registry.
 * See reg.h. Decoding and lines are regtext.c, the data after `=`
 * (strings, dwords, hex bytes) regvalue.c; the registry it fills is
 * model/registry.c.
 *
 * The reader does what regedit and reg.exe do on import. FORMATS.md 2 states
 * the rules; they come from Wine's regedit and reg.exe tests, which run on
 * real Windows and are replayed by tests/reg_conformance.c. Where neither
 * says what Windows does, the choice made here is marked "unverified".
 *
 * Diagnostic ids (stable; all are warnings unless marked):
 *   input-reg-bad-header      (error) the first line is no registry header:
 *                             Windows imports nothing, tl_reg_parse returns -1
 *   input-reg-no-import       a `REGEDIT...` header Windows accepts but then
 *                             imports nothing from (`REGEDIT5`, `REGEDIT 4`)
 *   input-reg-skipped-line    a line Windows ignores; the message says why
 *   input-reg-invalid-root    key line without a registry root: Windows skips
 *                             it and every value line up to the next key line
 *   input-reg-short-root      `HKLM`-style root: reg.exe accepts it, regedit
 *                             treats it as an invalid root
 *   input-reg-invalid-key     key name the registry refuses (empty segment,
 *                             more than 255 characters, deeper than 512)
 *   input-reg-no-key          value line while no key is open (before the
 *                             first key, after `[-key]` or an invalid key)
 *   input-reg-dropped-value   a continued hex value broken by a later line:
 *                             the whole value is dropped
 *   input-reg-eof-continuation  the file ends inside a continued hex value
 *   input-reg-unknown-escape  `\x` other than `\\` and `\"` in a quoted
 *                             string: Windows reads it as `x`
 *   input-reg-nul-char        NUL character inside a line: read up to it
 *   input-reg-odd-length      UTF-16 file with an odd number of bytes, or
 *                             hex(1)/(2)/(7) data of odd length in one
 *   input-reg-utf16-in-ansi   hex(1)/(2)/(7) data in an 8-bit file that is
 *                             UTF-16LE: Windows reads each byte as a
 *                             character, so the stored strings break
 *   input-reg-key-blank       (note) key name ends with a blank, which is
 *                             part of the name
 * Comment lines (`;`, `#`) and blank lines are ignored on purpose and never
 * reported.
 *
 * Memory: the input is decoded one line at a time into a reusable buffer of
 * UTF-16 code units (8-bit files through Windows-1252; regtext.c), so both
 * encodings share one parser and nothing proportional to the file is copied besides
 * the operations themselves. Consecutive operations share one key string
 * (reg.h). tl_registry_load() applies operations as they are parsed.
 */
#include "config.h"

#include "formats/reg.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "formats/regtext.h"
#include "formats/regvalue.h"

/* Registry limits (FORMATS.md 2). */
#define MAX_KEY_NAME 255
#define MAX_VALUE_NAME 16383
#define MAX_DEPTH 512

enum path_status {
	PATH_OK,
	PATH_BAD_ROOT,
	PATH_BAD_KEY,
};

/* Check a key path as written in a key line and put its canonical form
 * (full root name, trailing backslashes dropped: FORMATS.md 2) in canon.
 * *why explains PATH_BAD_KEY. */
static enum path_status check_path(const char *path, tl_buf *canon, int *root, bool *abbr,
				   const char **why)
{
	size_t spelled, restlen, i, depth = 0;
	const char *rest;

	*root = tl_reg_match_root(path, &spelled, abbr);
	if (*root < 0)
		return PATH_BAD_ROOT;
	rest = path + spelled;
	restlen = strlen(rest);
	while (restlen && rest[restlen - 1] == '\\')
		restlen--;
	for (i = 0; i < restlen;) {
		size_t start = ++i;

		while (i < restlen && rest[i] != '\\')
			i++;
		/* Unverified: Windows refuses an empty name inside a path
		 * (RegCreateKeyEx with `a\\b`); treated like a bad root. */
		if (i == start) {
			*why = "it has an empty name between two backslashes";
			return PATH_BAD_KEY;
		}
		if (tl_regtext_utf16_units(rest + start, i - start) > MAX_KEY_NAME) {
			*why = "a key name is longer than 255 characters";
			return PATH_BAD_KEY;
		}
		if (++depth > MAX_DEPTH) {
			*why = "it is nested deeper than 512 levels";
			return PATH_BAD_KEY;
		}
	}
	canon->len = 0;
	tl_buf_adds(canon, tl_reg_root_name(*root));
	tl_buf_add(canon, rest, restlen);
	return PATH_OK;
}

/* ------------------------------------------------------------ parser */

enum key_state {
	KEY_NONE,    /* no key line yet */
	KEY_OPEN,
	KEY_DELETED, /* `[-key]` closed it */
	KEY_INVALID, /* a key line Windows could not open closed it */
};

struct parser {
	tl_regtext rd;
	const char *file;
	tl_diags *d;
	tl_reg_op_fn emit;
	void *arg;
	char *key;                 /* open key, canonical UTF-8; NULL when none */
	enum key_state key_state;
	uint32_t key_line;         /* line that opened or closed the key */
	tl_buf name;               /* value name (UTF-8) */
	uint32_t value_line;
	uint32_t type;
	tl_buf data;               /* value data as Windows stores it */
	tl_regvalue_str str;       /* a quoted string; its first unknown escape on the line */
	tl_buf path;               /* scratch: key path as written */
	tl_buf canon;              /* scratch: canonical key path */
	tl_buf excerpt;
	tl_buf excerpt2;
};

static void report_at(struct parser *p, tl_severity sev, const char *id, uint32_t line,
		      size_t col, const char *fmt, ...) TL_PRINTF(6, 7);

static void report_at(struct parser *p, tl_severity sev, const char *id, uint32_t line,
		      size_t col, const char *fmt, ...)
{
	tl_loc loc = tl_loc_line(p->file, line, col > UINT32_MAX ? 0 : (uint32_t)col);
	va_list ap;

	va_start(ap, fmt);
	tl_diag_vadd(p->d, sev, id, &loc, fmt, ap);
	va_end(ap);
}

/* A warning about the current line; i is the 0-based unit index (column i+1). */
#define warn(p, id, i, ...) \
	report_at((p), TL_WARNING, (id), (p)->rd.lineno, (size_t)(i) + 1, __VA_ARGS__)
#define skipped(p, i, ...) warn((p), "input-reg-skipped-line", (i), __VA_ARGS__)

/* Part of the current line from unit i, for a message. */
static const char *line_excerpt(struct parser *p, size_t i)
{
	size_t n = p->rd.n - i;

	p->path.len = 0;
	tl_regtext_to_utf8(&p->path, p->rd.buf + i,
			   n > TL_REGTEXT_EXCERPT_MAX ? TL_REGTEXT_EXCERPT_MAX + 1 : n);
	return tl_regtext_clip(&p->excerpt, p->path.data);
}

static const char *value_label(struct parser *p)
{
	if (p->name.len == 0)
		return "@ (default)";
	return tl_regtext_clip(&p->excerpt2, p->name.data);
}

static bool read_line(struct parser *p)
{
	if (!tl_regtext_next_line(&p->rd))
		return false;
	/* Unverified: Windows reads lines as C strings, so a NUL ends what
	 * it sees of the line. */
	if (p->rd.nul)
		warn(p, "input-reg-nul-char", p->rd.n,
		     "NUL character in the line: everything after it is ignored");
	return true;
}

static void close_key(struct parser *p, enum key_state why)
{
	free(p->key);
	p->key = NULL;
	p->key_state = why;
	p->key_line = p->rd.lineno;
}

static void emit_op(struct parser *p, tl_reg_op_kind kind, const char *key, uint32_t line)
{
	tl_reg_op op;

	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.key = (char *)key;
	op.line = line;
	if (kind == TL_REG_OP_SET || kind == TL_REG_OP_DELETE_VALUE)
		op.name = p->name.data ? p->name.data : (char *)"";
	if (kind == TL_REG_OP_SET) {
		op.type = p->type;
		op.data = (uint8_t *)(p->data.data ? p->data.data : "");
		op.len = p->data.len;
	}
	p->emit(&op, p->arg);
}

/* The escaped character of an unknown escape, as UTF-8. */
static const char *esc_text(struct parser *p)
{
	p->excerpt.len = 0;
	tl_regtext_to_utf8(&p->excerpt, &p->str.esc_char, 1);
	return p->excerpt.data;
}

/* Emit a set or delete-value for the value being parsed, unless no key is
 * open: then Windows drops the line (FORMATS.md 2). */
static void emit_value(struct parser *p, tl_reg_op_kind kind)
{
	if (!p->key) {
		const char *label = value_label(p);

		if (p->key_state == KEY_DELETED)
			report_at(p, TL_WARNING, "input-reg-no-key", p->value_line, 0,
				  "value '%s' is ignored: the key deletion on line %u closed the key",
				  label, (unsigned)p->key_line);
		else if (p->key_state == KEY_INVALID)
			report_at(p, TL_WARNING, "input-reg-no-key", p->value_line, 0,
				  "value '%s' is ignored: the key line on line %u could not be opened",
				  label, (unsigned)p->key_line);
		else
			report_at(p, TL_WARNING, "input-reg-no-key", p->value_line, 0,
				  "value '%s' is ignored: no key line precedes it", label);
		return;
	}
	if (p->str.esc_col)
		report_at(p, TL_WARNING, "input-reg-unknown-escape", p->value_line, p->str.esc_col,
			  "backslash before '%s' is dropped: only a doubled backslash and backslash-quote are escapes",
			  esc_text(p));
	emit_op(p, kind, p->key, p->value_line);
}

/* ---- key lines */

/* The path between [ and ] (exclusive) as UTF-8 in p->path. */
static const char *key_text(struct parser *p, size_t start, size_t end)
{
	p->path.len = 0;
	tl_regtext_to_utf8(&p->path, p->rd.buf + start, end - start);
	return p->path.data;
}

static void report_short_root(struct parser *p, size_t col, int root)
{
	warn(p, "input-reg-short-root", col,
	     "short root '%s' is accepted by reg.exe only: regedit skips this key line and its values (write '%s')",
	     tl_reg_root_abbr(root), tl_reg_root_name(root));
}

static void delete_key_line(struct parser *p, size_t start, size_t end)
{
	const char *why = NULL;
	enum path_status st;
	bool abbr;
	int root;

	/* FORMATS.md 2: `[-path]` closes the current key in every case. */
	close_key(p, KEY_DELETED);
	/* Windows deletes only when the path follows `-` directly. */
	if (tl_regtext_is_blank(p->rd.buf[start])) {
		skipped(p, start, "blank after '[-': Windows deletes nothing");
		return;
	}
	st = check_path(key_text(p, start, end), &p->canon, &root, &abbr, &why);
	if (st == PATH_BAD_ROOT) {
		warn(p, "input-reg-invalid-root", start,
		     "'%s' does not start with a registry root: nothing is deleted",
		     tl_regtext_clip(&p->excerpt, p->path.data));
		return;
	}
	if (st == PATH_BAD_KEY) {
		warn(p, "input-reg-invalid-key", start, "cannot delete '%s': %s",
		     tl_regtext_clip(&p->excerpt, p->path.data), why);
		return;
	}
	if (strchr(p->canon.data, '\\') == NULL) {
		skipped(p, start, "a registry root cannot be deleted");
		return;
	}
	if (abbr)
		report_short_root(p, start, root);
	emit_op(p, TL_REG_OP_DELETE_KEY, p->canon.data, p->rd.lineno);
}

static void open_key_line(struct parser *p, size_t start, size_t end)
{
	const char *why = NULL;
	enum path_status st;
	bool abbr;
	int root;

	st = check_path(key_text(p, start, end), &p->canon, &root, &abbr, &why);
	if (st == PATH_BAD_ROOT) {
		close_key(p, KEY_INVALID);
		warn(p, "input-reg-invalid-root", start,
		     "'%s' does not start with a registry root (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, HKEY_CURRENT_CONFIG): Windows skips the key and its values",
		     tl_regtext_clip(&p->excerpt, p->path.data));
		return;
	}
	if (st == PATH_BAD_KEY) {
		close_key(p, KEY_INVALID);
		warn(p, "input-reg-invalid-key", start,
		     "key '%s' cannot be created: %s; Windows skips its values too",
		     tl_regtext_clip(&p->excerpt, p->path.data), why);
		return;
	}
	if (abbr)
		report_short_root(p, start, root);
	if (p->canon.len && tl_regtext_is_blank((uint16_t)p->canon.data[p->canon.len - 1]))
		report_at(p, TL_NOTE, "input-reg-key-blank", p->rd.lineno, end,
			  "key name '%s' ends with a blank, which is part of the name",
			  tl_regtext_clip(&p->excerpt, p->canon.data));
	free(p->key);
	p->key = tl_xmemdup(p->canon.data, p->canon.len + 1);
	p->key_state = KEY_OPEN;
	p->key_line = p->rd.lineno;
	emit_op(p, TL_REG_OP_CREATE_KEY, p->key, p->rd.lineno);
}

static void key_line(struct parser *p, size_t open)
{
	const uint16_t *s = p->rd.buf;
	size_t start = open + 1, close = 0, i;
	bool found = false;

	/* Windows ignores a key line with a blank after `[`; the key opened
	 * before stays open (as in Wine's reimplementation; unverified). */
	if (tl_regtext_is_blank(s[start])) {
		skipped(p, start, "blank after '[': Windows ignores this key line");
		return;
	}
	/* The name runs to the last `]` (FORMATS.md 2). */
	for (i = p->rd.n; i-- > start;) {
		if (s[i] == ']') {
			close = i;
			found = true;
			break;
		}
	}
	if (!found) {
		skipped(p, open, "key line without a closing ']' is ignored");
		return;
	}
	if (s[start] == '-')
		delete_key_line(p, start + 1, close);
	else
		open_key_line(p, start, close);
}

/* ---- value lines (the data itself: regvalue.c) */

/* A value line Windows ignores, for the reason regvalue.c gives. */
static void skipped_data(struct parser *p, const tl_regvalue_error *err)
{
	if (err->found)
		skipped(p, err->at, "%s (found '%s')", err->why, line_excerpt(p, err->at));
	else
		skipped(p, err->at, "%s", err->why);
}

static void finish_hex(struct parser *p)
{
	switch (tl_regvalue_finish_hex(&p->data, p->type, p->rd.utf16, p->rd.ansi)) {
	case TL_REGVALUE_HEX_UTF16_IN_ANSI:
		report_at(p, TL_WARNING, "input-reg-utf16-in-ansi", p->value_line, 0,
			  "hex(%u) data of value '%s' is UTF-16LE, but in an 8-bit file Windows reads each byte as one character: every 00 byte becomes a NUL and the stored strings break (save the file as UTF-16LE)",
			  (unsigned)p->type, value_label(p));
		break;
	case TL_REGVALUE_HEX_ODD_LENGTH:
		report_at(p, TL_WARNING, "input-reg-odd-length", p->value_line, 0,
			  "hex(%u) data of value '%s' has an odd number of bytes, but a UTF-16 file stores it as UTF-16 characters",
			  (unsigned)p->type, value_label(p));
		break;
	case TL_REGVALUE_HEX_CLEAN:
		break;
	}
	emit_value(p, TL_REG_OP_SET);
}

/* FORMATS.md 2: after a line ending in `\`, blank and `;` lines are
 * skipped; a line that does not start with a hex digit, or that is
 * malformed, drops the whole value and is consumed; EOF keeps the data. */
static void hex_continuation(struct parser *p)
{
	tl_regvalue_error err;
	tl_regvalue_status st;
	size_t i;

	for (;;) {
		if (!read_line(p)) {
			report_at(p, TL_WARNING, "input-reg-eof-continuation", p->value_line, 0,
				  "the file ends inside the continued hex data of value '%s': regedit keeps the bytes read so far, some reg.exe versions drop the value",
				  value_label(p));
			finish_hex(p);
			return;
		}
		i = tl_regtext_skip_blanks(p->rd.buf, 0);
		if (p->rd.buf[i] == 0 || p->rd.buf[i] == ';')
			continue;
		if (p->rd.buf[i] == '[') {
			warn(p, "input-reg-dropped-value", i,
			     "value '%s' (line %u) is dropped: its continuation runs into this key line, which Windows ignores too, so the values below go to the key opened before",
			     value_label(p), (unsigned)p->value_line);
			return;
		}
		if (tl_hexval(p->rd.buf[i]) < 0) {
			warn(p, "input-reg-dropped-value", i,
			     "value '%s' (line %u) is dropped: its continuation line does not start with a hex digit, and Windows ignores this line too",
			     value_label(p), (unsigned)p->value_line);
			return;
		}
		st = tl_regvalue_hex(&p->data, p->rd.buf, p->rd.n, i, &err);
		if (st == TL_REGVALUE_BAD) {
			warn(p, "input-reg-dropped-value", err.at,
			     "value '%s' (line %u) is dropped: malformed hex data in its continuation (%s)",
			     value_label(p), (unsigned)p->value_line, err.why);
			return;
		}
		if (st == TL_REGVALUE_OK) {
			finish_hex(p);
			return;
		}
	}
}

static void hex_data(struct parser *p, size_t i)
{
	tl_regvalue_error err;
	tl_regvalue_status st;

	p->data.len = 0;
	st = tl_regvalue_hex(&p->data, p->rd.buf, p->rd.n, i, &err);
	if (st == TL_REGVALUE_BAD)
		skipped(p, err.at, "malformed hex data: %s", err.why);
	else if (st == TL_REGVALUE_MORE)
		hex_continuation(p);
	else
		finish_hex(p);
}

/* The value name, `@` or quoted, into p->name; false when Windows ignores
 * the line (reported). *end receives the index past the name. */
static bool value_name(struct parser *p, size_t first, size_t *end)
{
	tl_regvalue_quote st;

	p->name.len = 0;
	tl_buf_reserve(&p->name, 0);
	p->name.data[0] = '\0';
	/* `@=` and `""=` both name the default value. */
	if (p->rd.buf[first] == '@') {
		*end = first + 1;
		return true;
	}
	st = tl_regvalue_unquote(&p->str, p->rd.buf, p->rd.n, first + 1, end);
	if (st == TL_REGVALUE_QUOTE_OPEN) {
		skipped(p, first, "value name has no closing quote");
		return false;
	}
	if (st == TL_REGVALUE_QUOTE_NUL) {
		skipped(p, *end, "the escape backslash-zero in a value name makes Windows ignore the line");
		return false;
	}
	if (p->str.n > MAX_VALUE_NAME) {
		skipped(p, first, "value name longer than 16,383 characters");
		return false;
	}
	tl_regtext_to_utf8(&p->name, p->str.units, p->str.n);
	return true;
}

static void value_line(struct parser *p, size_t first)
{
	uint16_t *s = p->rd.buf;
	tl_regvalue_error err;
	tl_regvalue_status st;
	size_t i, end, data;

	p->value_line = p->rd.lineno;
	p->str.esc_col = 0;
	if (!value_name(p, first, &i))
		return;
	i = tl_regtext_skip_blanks(s, i);
	if (s[i] != '=') {
		skipped(p, i, "expected '=' after the value name");
		return;
	}
	i = tl_regtext_skip_blanks(s, i + 1);
	/* Blanks at the end of a value line are not data. */
	for (end = p->rd.n; end > i && tl_regtext_is_blank(s[end - 1]); end--)
		;
	s[end] = 0;
	p->rd.n = end;

	switch (tl_regvalue_form_at(s, i, &data)) {
	case TL_REGVALUE_DELETE:
		st = tl_regvalue_delete(s, data, &err);
		if (st == TL_REGVALUE_OK)
			emit_value(p, TL_REG_OP_DELETE_VALUE);
		break;
	case TL_REGVALUE_STRING:
		st = tl_regvalue_string(&p->data, &p->str, s, p->rd.n, data, &err);
		if (st == TL_REGVALUE_OK) {
			p->type = TL_REG_SZ;
			emit_value(p, TL_REG_OP_SET);
		}
		break;
	case TL_REGVALUE_DWORD:
		st = tl_regvalue_dword(&p->data, s, data, &err);
		if (st == TL_REGVALUE_OK) {
			p->type = TL_REG_DWORD;
			emit_value(p, TL_REG_OP_SET);
		}
		break;
	case TL_REGVALUE_BINARY:
		p->type = TL_REG_BINARY;
		hex_data(p, data);
		return;
	case TL_REGVALUE_TYPED:
		st = tl_regvalue_hex_type(s, data, &p->type, &data, &err);
		if (st == TL_REGVALUE_OK)
			hex_data(p, data);
		break;
	case TL_REGVALUE_EMPTY:
		skipped(p, i, "no data after '='");
		return;
	case TL_REGVALUE_UNKNOWN:
	default:
		skipped(p, i, "unknown data '%s' (expected '\"text\"', 'dword:', 'hex:', 'hex(N):' or '-')",
			line_excerpt(p, i));
		return;
	}
	if (st == TL_REGVALUE_BAD)
		skipped_data(p, &err);
}

static void content_line(struct parser *p)
{
	const uint16_t *s = p->rd.buf;
	size_t i = tl_regtext_skip_blanks(s, 0);

	switch (s[i]) {
	case 0:
	case ';':
	case '#':
		/* Blank and comment lines: ignored on purpose, not reported. */
		return;
	case '[':
		key_line(p, i);
		return;
	case '@':
	case '"':
		value_line(p, i);
		return;
	default:
		break;
	}
	if (tl_regvalue_is_hex_line(s + i))
		skipped(p, i, "hex data outside a continued value is ignored (the line before does not end in a comma and a backslash)");
	else
		skipped(p, i, "line '%s' is ignored: it does not start with '[', '@' or '\"'",
			line_excerpt(p, i));
}

/* Windows 3.1 files (header `REGEDIT`): `HKEY_CLASSES_ROOT\path [=] text`
 * sets the default value of the key; nothing else is read. */
static void win31_line(struct parser *p)
{
	const uint16_t *s = p->rd.buf;
	const char *why = NULL;
	enum path_status st;
	size_t e = 0, v;
	bool abbr;
	int root;

	if (!tl_regtext_has_prefix(s, "HKEY_CLASSES_ROOT")) {
		size_t i = tl_regtext_skip_blanks(s, 0);

		if (s[i] && s[i] != ';' && s[i] != '#')
			skipped(p, i, "a Windows 3.1 registry file only accepts lines that start with 'HKEY_CLASSES_ROOT'");
		return;
	}
	while (s[e] && !tl_regtext_is_blank(s[e]))
		e++;
	v = tl_regtext_skip_blanks(s, e);
	if (s[v] == '=')
		v++;
	if (s[v] == ' ')
		v++;
	st = check_path(key_text(p, 0, e), &p->canon, &root, &abbr, &why);
	if (st == PATH_BAD_ROOT || root != TL_REG_ROOT_HKCR || abbr) {
		close_key(p, KEY_INVALID);
		warn(p, "input-reg-invalid-root", 0,
		     "'%s' is not a key under HKEY_CLASSES_ROOT: Windows ignores the line",
		     tl_regtext_clip(&p->excerpt, p->path.data));
		return;
	}
	if (st == PATH_BAD_KEY) {
		close_key(p, KEY_INVALID);
		warn(p, "input-reg-invalid-key", 0, "key '%s' cannot be created: %s",
		     tl_regtext_clip(&p->excerpt, p->path.data), why);
		return;
	}
	free(p->key);
	p->key = tl_xmemdup(p->canon.data, p->canon.len + 1);
	p->key_state = KEY_OPEN;
	p->key_line = p->rd.lineno;
	emit_op(p, TL_REG_OP_CREATE_KEY, p->key, p->rd.lineno);
	p->value_line = p->rd.lineno;
	p->str.esc_col = 0;
	p->name.len = 0;
	tl_buf_reserve(&p->name, 0);
	p->name.data[0] = '\0';
	p->type = TL_REG_SZ;
	tl_regvalue_set_sz(&p->data, s + v, p->rd.n - v);
	emit_value(p, TL_REG_OP_SET);
}

static const char *const header_5 = "Windows Registry Editor Version 5.00";
static const char *const header_4 = "REGEDIT4";
static const char *const header_31 = "REGEDIT";

static void bad_header(struct parser *p)
{
	const uint8_t *b = p->rd.data;
	size_t n = p->rd.len;
	tl_loc loc = tl_loc_line(p->file, 1, 0);
	const char *id = "input-reg-bad-header";

	if (n == 0 || (p->rd.utf16 && n <= 2))
		tl_diag_add(p->d, TL_ERROR, id, &loc, "empty file: not a registry export");
	else if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		tl_diag_add(p->d, TL_ERROR, id, &loc,
			    "file starts with a UTF-8 byte order mark, which breaks the header: Windows imports nothing (save it as UTF-16LE or ANSI)");
	else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		tl_diag_add(p->d, TL_ERROR, id, &loc,
			    "file is UTF-16 big-endian: Windows reads only UTF-16LE (FF FE) or 8-bit .reg files and imports nothing");
	else if (!p->rd.utf16 && n >= 2 && b[0] != 0 && b[1] == 0)
		tl_diag_add(p->d, TL_ERROR, id, &loc,
			    "file looks like UTF-16LE without a byte order mark, which Windows rejects: it imports nothing");
	else
		tl_diag_add(p->d, TL_ERROR, id, &loc,
			    "first line '%s' is not a registry header ('%s' or '%s'): Windows imports nothing",
			    p->rd.n ? line_excerpt(p, 0) : "", header_5, header_4);
}

/* FORMATS.md 2: the first line, leading blanks removed, is exactly one of
 * the headers (case-sensitive); another line starting `REGEDIT` is
 * accepted but imports nothing. Returns 5, 4, TL_REG_HEADER_WIN31, 0 for
 * "accepted, imports nothing", -1 for invalid. */
static int read_header(struct parser *p)
{
	const uint16_t *s;

	/* A NUL in the first line is reported only once the header is good:
	 * otherwise the encoding explains it (bad_header()). */
	if (!tl_regtext_next_line(&p->rd))
		return -1;
	s = p->rd.buf + tl_regtext_skip_blanks(p->rd.buf, 0);
	if (tl_regtext_equals_ascii(s, header_5))
		return 5;
	if (tl_regtext_equals_ascii(s, header_4))
		return 4;
	if (tl_regtext_equals_ascii(s, header_31))
		return TL_REG_HEADER_WIN31;
	if (tl_regtext_has_prefix(s, header_31))
		return 0;
	return -1;
}

static int parse_run(const uint8_t *data, size_t len, const char *file, tl_diags *d,
		     tl_reg_op_fn emit, void *arg, int *header_out, bool *utf16_out)
{
	struct parser p;
	int header, rc = 0;

	memset(&p, 0, sizeof(p));
	tl_regtext_init(&p.rd, data, len);
	p.file = file;
	p.d = d;
	p.emit = emit;
	p.arg = arg;
	header = read_header(&p);
	if (header >= 0 && p.rd.nul)
		warn(&p, "input-reg-nul-char", p.rd.n,
		     "NUL character in the line: everything after it is ignored");
	if (header < 0) {
		bad_header(&p);
		rc = -1;
		header = 0;
	} else if (header == 0) {
		size_t first = tl_regtext_skip_blanks(p.rd.buf, 0);

		warn(&p, "input-reg-no-import", first,
		     "header '%s' is accepted by Windows, but nothing in the file is imported (expected '%s' or '%s')",
		     line_excerpt(&p, first), header_5, header_4);
	} else {
		while (read_line(&p)) {
			if (header == TL_REG_HEADER_WIN31)
				win31_line(&p);
			else
				content_line(&p);
		}
		if (p.rd.utf16 && (len - 2) % 2)
			report_at(&p, TL_WARNING, "input-reg-odd-length", p.rd.lineno, 0,
				  "UTF-16 file has an odd number of bytes: the last byte is ignored");
	}
	if (header_out)
		*header_out = header;
	if (utf16_out)
		*utf16_out = p.rd.utf16;
	free(p.key);
	tl_regtext_free(&p.rd);
	tl_buf_free(&p.name);
	tl_buf_free(&p.data);
	tl_regvalue_str_free(&p.str);
	tl_buf_free(&p.path);
	tl_buf_free(&p.canon);
	tl_buf_free(&p.excerpt);
	tl_buf_free(&p.excerpt2);
	return rc;
}

int tl_reg_parse_each(const uint8_t *data, size_t len, const char *file, tl_diags *d,
		      tl_reg_op_fn fn, void *arg, int *header, bool *utf16)
{
	return parse_run(data, len, file, d, fn, arg, header, utf16);
}

/* ------------------------------------------------------------ operations */

/* Consecutive operations may share one key string (reg.h): the parser
 * hands set and delete-value operations the key of the key line before
 * them, so a value costs no copy of its key path. */
struct ops_sink {
	tl_reg_ops *ops;
	const char *last_src;
};

static void ops_push(tl_reg_ops *ops, const tl_reg_op *src, bool share)
{
	tl_reg_op *op;

	tl_xgrow((void **)&ops->ops, &ops->cap, ops->count + 1, sizeof(*ops->ops));
	op = &ops->ops[ops->count];
	*op = *src;
	op->key = share ? ops->ops[ops->count - 1].key : tl_xstrdup(src->key);
	op->name = src->name ? tl_xstrdup(src->name) : NULL;
	op->data = NULL;
	op->len = 0;
	if (src->kind == TL_REG_OP_SET) {
		op->data = tl_xmemdup(src->data ? src->data : (const uint8_t *)"", src->len);
		op->len = src->len;
	}
	ops->count++;
}

static void ops_emit(const tl_reg_op *op, void *arg)
{
	struct ops_sink *sink = arg;
	/* The parser's key string changes only at key lines, and every key
	 * line that opens a key emits create-key first, so a value operation
	 * with the same pointer has the same key as the operation before. */
	bool share = (op->kind == TL_REG_OP_SET || op->kind == TL_REG_OP_DELETE_VALUE) &&
		     sink->ops->count > 0 && op->key == sink->last_src;

	ops_push(sink->ops, op, share);
	sink->last_src = op->key;
}

void tl_reg_ops_add(tl_reg_ops *ops, const tl_reg_op *op)
{
	ops_push(ops, op, false);
}

int tl_reg_parse(const uint8_t *data, size_t len, const char *file, tl_reg_ops *ops,
		 tl_diags *d)
{
	struct ops_sink sink = {ops, NULL};

	memset(ops, 0, sizeof(*ops));
	return parse_run(data, len, file, d, ops_emit, &sink, &ops->header, &ops->utf16);
}

void tl_reg_ops_free(tl_reg_ops *ops)
{
	size_t i;

	if (!ops)
		return;
	for (i = 0; i < ops->count; i++) {
		if (i == 0 || ops->ops[i].key != ops->ops[i - 1].key)
			free(ops->ops[i].key);
		free(ops->ops[i].name);
		free(ops->ops[i].data);
	}
	free(ops->ops);
	memset(ops, 0, sizeof(*ops));
}

void tl_registry_apply(tl_registry *r, const tl_reg_ops *ops, const char *file)
{
	size_t i;

	for (i = 0; i < ops->count; i++)
		tl_registry_apply_op(r, &ops->ops[i], file);
	/* The caller may free ops: no key pointer may outlive this call. */
	tl_registry_apply_done(r);
}

struct load_sink {
	tl_registry *r;
	const char *file;
};

static void load_emit(const tl_reg_op *op, void *arg)
{
	struct load_sink *sink = arg;

	tl_registry_apply_op(sink->r, op, sink->file);
}

int tl_registry_load(tl_registry *r, const uint8_t *data, size_t len, const char *file,
		     tl_diags *d)
{
	struct load_sink sink = {r, file};
	int rc;

	rc = parse_run(data, len, file, d, load_emit, &sink, NULL, NULL);
	/* The parser's key strings are gone. */
	tl_registry_apply_done(r);
	return rc;
}
