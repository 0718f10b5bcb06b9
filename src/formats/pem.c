/* pem.c: see pem.h.
 *
 * A line-oriented splitter (FORMATS.md 4): everything outside BEGIN/END
 * pairs is explanatory text and ignored, as openssl -text dumps need. Each
 * block is decoded by our own base64 decoder (RFC 4648 alphabet, padding
 * required, whitespace and CR ignored) so that an error can be pinned to
 * its line and column, and a bad block is dropped alone.
 *
 * Diagnostic ids (locations are line:column, 1-based, columns in bytes):
 *   input-pem-bad-base64          a character outside the alphabet, misplaced
 *                                 or missing padding, data after padding
 *   input-pem-noncanonical-base64 padding bits that are not zero (kept)
 *   input-pem-missing-end         a block with no END line before the next
 *                                 BEGIN or the end of the file
 *   input-pem-label-mismatch      END label differs from the BEGIN label
 *   input-pem-bad-marker          a BEGIN or END line that is not well formed
 *   input-pem-unexpected-end      an END line outside any block
 *   input-pem-empty               a block with no data
 *   input-pem-header              an RFC 1421 header line (Proc-Type, ...)
 *   input-pem-encrypted           a block encrypted per its Proc-Type header
 */
#include "config.h"

#include "formats/pem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define DASHES "-----"
/* Longer labels are not labels (RFC 7468 ones are a few words): the cap
 * keeps quoted labels short and their lengths within int. */
#define MAX_LABEL 128
#define BEGIN_PREFIX "-----BEGIN"
#define END_PREFIX "-----END"

/* One line of input, without its line terminator. */
typedef struct line {
	const uint8_t *p;
	size_t len;
	uint64_t offset; /* of p in the input */
	uint32_t number; /* 1-based */
} line;

typedef enum marker {
	MARK_NONE = 0, /* not a BEGIN/END line */
	MARK_OK,
	MARK_BAD,      /* starts like one but is malformed */
} marker;

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* RFC 7468 2: a label is printable ASCII; hyphens and spaces only between
 * other characters. An empty label is allowed by its grammar. */
static bool label_valid(const uint8_t *p, size_t n)
{
	size_t i;

	if (n == 0)
		return true;
	if (n > MAX_LABEL)
		return false;
	if (p[0] == ' ' || p[0] == '-' || p[n - 1] == ' ' || p[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7E)
			return false;
	return true;
}

/* Parse "-----BEGIN LABEL-----" (or END) with optional trailing whitespace. */
static marker parse_marker(const line *ln, const char *prefix, const uint8_t **label,
			   size_t *label_len)
{
	size_t plen = strlen(prefix), i, end;

	if (ln->len < plen || memcmp(ln->p, prefix, plen) != 0)
		return MARK_NONE;
	if (ln->len == plen || ln->p[plen] != ' ')
		return MARK_BAD;
	end = ln->len;
	while (end > plen && is_space(ln->p[end - 1]))
		end--;
	/* the label stops at the first "-----"; it must be the line's end */
	for (i = plen + 1; i + 5 <= end; i++)
		if (memcmp(ln->p + i, DASHES, 5) == 0)
			break;
	if (i + 5 != end)
		return MARK_BAD;
	if (!label_valid(ln->p + plen + 1, i - plen - 1))
		return MARK_BAD;
	*label = ln->p + plen + 1;
	*label_len = i - plen - 1;
	return MARK_OK;
}

/* Next line starting at *pos; false at the end. The UTF-8 BOM some editors
 * write is not part of line 1. */
static bool next_line(const uint8_t *data, size_t len, size_t *pos, line *ln)
{
	const uint8_t *nl;
	size_t start = *pos, end;

	if (start >= len)
		return false;
	if (start == 0 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	nl = memchr(data + start, '\n', len - start);
	end = nl ? (size_t)(nl - data) : len;
	*pos = nl ? end + 1 : len;
	while (end > start && data[end - 1] == '\r')
		end--;
	ln->p = data + start;
	ln->len = end - start;
	ln->offset = start;
	if (ln->number < UINT32_MAX)
		ln->number++;
	return true;
}

bool tl_pem_detect(const uint8_t *data, size_t len)
{
	size_t pos = 0;

	if (!data)
		return false;
	/* jump from marker to marker: inputs of hundreds of MB (.reg exports)
	 * are probed too */
	while (pos < len) {
		const uint8_t *hit = tl_memmem(data + pos, len - pos, BEGIN_PREFIX " ", 11);
		size_t at, next;
		line ln = {0};
		const uint8_t *label;
		size_t label_len;

		if (!hit)
			return false;
		at = (size_t)(hit - data);
		next = at;
		/* a marker counts only at the start of a line (after a BOM on
		 * line 1) */
		if (at == 0 || data[at - 1] == '\n' ||
		    (at == 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)) {
			(void)next_line(data, len, &next, &ln);
			if (ln.len > 0 && parse_marker(&ln, BEGIN_PREFIX, &label, &label_len) == MARK_OK)
				return true;
		}
		pos = at + 1;
	}
	return false;
}

/* Base64 decoding state for one block. */
typedef struct b64 {
	uint8_t quad[4];
	unsigned n;       /* characters in quad */
	unsigned pad;     /* '=' seen in the current group */
	bool done;        /* a padded group ended the data */
	bool noncanonical;
	tl_buf out;
} b64;

static int b64_value(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static void b64_flush(b64 *s)
{
	uint8_t bytes[3];
	unsigned keep = 3 - s->pad;

	bytes[0] = (uint8_t)(s->quad[0] << 2 | s->quad[1] >> 4);
	bytes[1] = (uint8_t)(s->quad[1] << 4 | s->quad[2] >> 2);
	bytes[2] = (uint8_t)(s->quad[2] << 6 | s->quad[3]);
	/* RFC 4648 3.5: the bits after the last byte must be zero */
	if ((s->pad == 2 && (s->quad[1] & 0x0F)) || (s->pad == 1 && (s->quad[2] & 0x03)))
		s->noncanonical = true;
	tl_buf_add(&s->out, bytes, keep);
	s->n = 0;
	if (s->pad)
		s->done = true;
}

/* Feed one non-whitespace character. Returns NULL, or the message of the
 * first error (a static string or one written into msg). */
static const char *b64_feed(b64 *s, uint8_t c, char msg[64])
{
	int v;

	if (s->done)
		return "base64 data continues after '=' padding";
	if (c == '=') {
		/* padding completes a group of 2 or 3 characters */
		if (s->n < 2)
			return "misplaced '=' padding";
		s->quad[s->n++] = 0;
		s->pad++;
		if (s->n == 4)
			b64_flush(s);
		return NULL;
	}
	if (s->pad)
		return "base64 data continues after '=' padding";
	v = b64_value(c);
	if (v < 0) {
		if (c > 0x20 && c < 0x7F)
			snprintf(msg, 64, "invalid base64 character '%c'", c);
		else
			snprintf(msg, 64, "invalid byte 0x%02x in base64 data", c);
		return msg;
	}
	s->quad[s->n++] = (uint8_t)v;
	if (s->n == 4)
		b64_flush(s);
	return NULL;
}

int tl_base64_decode(const char *text, size_t n, tl_buf *out)
{
	b64 s;
	char msg[64];
	size_t i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < n; i++)
		if (b64_feed(&s, (uint8_t)text[i], msg) != NULL)
			break;
	if (i < n || s.n != 0) {
		tl_buf_free(&s.out);
		return -1;
	}
	tl_buf_add(out, s.out.data, s.out.len);
	tl_buf_free(&s.out);
	return 0;
}

/* The block being read. */
typedef struct block {
	bool open;
	bool bad;        /* reported already: skip to its END silently */
	const uint8_t *label;
	size_t label_len;
	uint32_t line;
	uint64_t offset;
	bool data_seen;
	bool in_headers;
	bool headers_over; /* the blank line after the headers was seen */
	bool encrypted;
	b64 dec;
} block;

typedef struct splitter {
	const char *file;
	tl_pem_blocks *out;
	tl_diags *d;
	size_t added;
	block cur;
} splitter;

static void report(splitter *sp, tl_severity sev, const char *id, uint32_t ln, uint32_t col,
		   const char *fmt, ...) TL_PRINTF(6, 7);

static void report(splitter *sp, tl_severity sev, const char *id, uint32_t ln, uint32_t col,
		   const char *fmt, ...)
{
	tl_loc l = tl_loc_line(sp->file, ln, col);
	va_list ap;

	va_start(ap, fmt);
	tl_diag_vadd(sp->d, sev, id, &l, fmt, ap);
	va_end(ap);
}

static void block_drop(splitter *sp)
{
	tl_buf_free(&sp->cur.dec.out);
	memset(&sp->cur, 0, sizeof(sp->cur));
}

static void block_open(splitter *sp, const line *ln, const uint8_t *label, size_t label_len,
		       bool bad)
{
	block_drop(sp);
	sp->cur.open = true;
	sp->cur.bad = bad;
	sp->cur.label = label;
	sp->cur.label_len = label_len;
	sp->cur.line = ln->number;
	sp->cur.offset = ln->offset;
}

/* The END line of the current block: check it and keep the block when all
 * is well. */
static void block_close(splitter *sp, const line *ln, const uint8_t *label, size_t label_len)
{
	block *b = &sp->cur;
	tl_pem_block *pb;

	if (b->bad)
		goto drop;
	if (label_len != b->label_len || memcmp(label, b->label, label_len) != 0) {
		report(sp, TL_ERROR, "input-pem-label-mismatch", ln->number, 1,
		       "END label '%.*s' does not match BEGIN label '%.*s' on line %u",
		       (int)label_len, (const char *)label, (int)b->label_len,
		       (const char *)b->label, b->line);
		goto drop;
	}
	if (b->dec.n != 0) {
		report(sp, TL_ERROR, "input-pem-bad-base64", ln->number, 1,
		       "base64 data ends with an incomplete group of %u characters",
		       b->dec.n);
		goto drop;
	}
	if (b->encrypted) {
		report(sp, TL_WARNING, "input-pem-encrypted", b->line, 1,
		       "'%.*s' block is encrypted (Proc-Type ENCRYPTED) and skipped",
		       (int)b->label_len, (const char *)b->label);
		goto drop;
	}
	if (b->dec.out.len == 0) {
		report(sp, TL_ERROR, "input-pem-empty", b->line, 1, "'%.*s' block has no data",
		       (int)b->label_len, (const char *)b->label);
		goto drop;
	}
	if (b->dec.noncanonical)
		report(sp, TL_WARNING, "input-pem-noncanonical-base64", b->line, 1,
		       "'%.*s' block: base64 padding bits are not zero (RFC 4648 3.5)",
		       (int)b->label_len, (const char *)b->label);
	tl_xgrow((void **)&sp->out->blocks, &sp->out->cap, sp->out->count + 1,
		 sizeof(tl_pem_block));
	pb = &sp->out->blocks[sp->out->count++];
	pb->label = tl_xstrndup((const char *)b->label, b->label_len);
	pb->der_len = b->dec.out.len;
	pb->der = (uint8_t *)tl_buf_steal(&b->dec.out);
	pb->line = b->line;
	pb->end_line = ln->number;
	pb->offset = b->offset;
	sp->added++;
drop:
	block_drop(sp);
}

/* An RFC 1421 header line ("Proc-Type: 4,ENCRYPTED") before the data.
 * RFC 7468 dropped headers; keys written by old OpenSSL still carry them. */
static bool header_line(splitter *sp, const line *ln)
{
	block *b = &sp->cur;
	const uint8_t *colon;
	size_t name_len, vstart, vlen;

	if (b->data_seen || b->headers_over)
		return false;
	if (b->in_headers) {
		size_t i = 0;
		while (i < ln->len && is_space(ln->p[i]))
			i++;
		if (i == ln->len) {
			b->headers_over = true; /* RFC 1421 4.4: a blank line ends them */
			return true;
		}
		if (ln->p[0] == ' ' || ln->p[0] == '\t')
			return true; /* continuation of the previous header */
	}
	colon = memchr(ln->p, ':', ln->len);
	if (!colon)
		return false;
	name_len = (size_t)(colon - ln->p);
	vstart = name_len + 1;
	while (vstart < ln->len && is_space(ln->p[vstart]))
		vstart++;
	vlen = ln->len - vstart;
	while (vlen > 0 && is_space(ln->p[vstart + vlen - 1]))
		vlen--;
	b->in_headers = true;
	if (name_len == 9 && tl_strncasecmp((const char *)ln->p, "Proc-Type", 9) == 0 &&
	    tl_memmem(ln->p + vstart, vlen, "ENCRYPTED", 9))
		b->encrypted = true;
	/* quote at most 64 bytes of each part: the line is input */
	if (name_len > 64)
		name_len = 64;
	if (vlen > 64)
		vlen = 64;
	report(sp, TL_NOTE, "input-pem-header", ln->number, 1,
	       "'%.*s' block has an RFC 1421 header '%.*s: %.*s' (RFC 7468 has none)",
	       (int)b->label_len, (const char *)b->label, (int)name_len, (const char *)ln->p,
	       (int)vlen, (const char *)ln->p + vstart);
	return true;
}

static void body_line(splitter *sp, const line *ln)
{
	block *b = &sp->cur;
	size_t i;
	char msg[64];

	if (b->bad)
		return;
	if (header_line(sp, ln))
		return;
	for (i = 0; i < ln->len; i++) {
		const char *err;

		if (is_space(ln->p[i]))
			continue;
		b->data_seen = true;
		err = b64_feed(&b->dec, ln->p[i], msg);
		if (err) {
			uint32_t col = i + 1 < UINT32_MAX ? (uint32_t)(i + 1) : UINT32_MAX;
			report(sp, TL_ERROR, "input-pem-bad-base64", ln->number, col, "%s", err);
			b->bad = true;
			return;
		}
	}
}

static void report_missing_end(splitter *sp)
{
	block *b = &sp->cur;

	if (!b->bad)
		report(sp, TL_ERROR, "input-pem-missing-end", b->line, 1,
		       "'%.*s' block has no END line", (int)b->label_len,
		       (const char *)b->label);
	block_drop(sp);
}

size_t tl_pem_split(const uint8_t *data, size_t len, const char *file, tl_pem_blocks *out,
		    tl_diags *d)
{
	splitter sp;
	size_t pos = 0;
	line ln = {0};

	memset(&sp, 0, sizeof(sp));
	sp.file = file;
	sp.out = out;
	sp.d = d;
	if (!data)
		len = 0;
	while (next_line(data, len, &pos, &ln)) {
		const uint8_t *label = NULL;
		size_t label_len = 0;
		marker m = parse_marker(&ln, BEGIN_PREFIX, &label, &label_len);

		if (m != MARK_NONE) {
			/* a BEGIN inside a block: the open block lost its END */
			if (sp.cur.open)
				report_missing_end(&sp);
			if (m == MARK_BAD)
				report(&sp, TL_ERROR, "input-pem-bad-marker", ln.number, 1,
				       "malformed BEGIN line (expected '-----BEGIN LABEL-----')");
			block_open(&sp, &ln, label, label_len, m == MARK_BAD);
			continue;
		}
		m = parse_marker(&ln, END_PREFIX, &label, &label_len);
		if (m != MARK_NONE && !sp.cur.open) {
			report(&sp, TL_WARNING, "input-pem-unexpected-end", ln.number, 1,
			       "END line outside any block");
			continue;
		}
		if (m == MARK_BAD) {
			if (!sp.cur.bad)
				report(&sp, TL_ERROR, "input-pem-bad-marker", ln.number, 1,
				       "malformed END line (expected '-----END LABEL-----'); block from line %u skipped",
				       sp.cur.line);
			block_drop(&sp);
			continue;
		}
		if (m == MARK_OK) {
			block_close(&sp, &ln, label, label_len);
			continue;
		}
		if (sp.cur.open)
			body_line(&sp, &ln);
		/* text outside blocks is explanatory (openssl -text): ignored */
	}
	if (sp.cur.open)
		report_missing_end(&sp);
	return sp.added;
}

void tl_pem_blocks_free(tl_pem_blocks *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->count; i++) {
		free(b->blocks[i].label);
		free(b->blocks[i].der);
	}
	free(b->blocks);
	b->blocks = NULL;
	b->count = 0;
	b->cap = 0;
}
