/* der.c: see der.h. */
#include "config.h"

#include "base/der.h"

#include <stdlib.h>

#include "base/util.h"

int tl_der_read(const uint8_t *p, size_t n, tl_der *out)
{
	size_t pos = 2, len;

	if (n < 2 || (p[0] & 0x1F) == 0x1F)
		return -1;
	if (p[1] < 0x80) {
		len = p[1];
	} else {
		unsigned k = p[1] & 0x7F, i;
		if (k == 0 || k > sizeof(size_t) || n - 2 < k)
			return -1;
		len = 0;
		for (i = 0; i < k; i++)
			len = len << 8 | p[2 + i];
		pos += k;
	}
	if (len > n - pos)
		return -1;
	out->tag = p[0];
	out->start = p;
	out->body = p + pos;
	out->body_len = len;
	out->total_len = pos + len;
	out->indefinite = false;
	return 0;
}

/* Append v in decimal: OIDs are formatted once per name attribute and key
 * of every certificate, where printf showed in profiles. */
static void put_decimal(tl_buf *b, uint64_t v)
{
	char digits[24];
	size_t n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		tl_buf_addc(b, digits[--n]);
}

char *tl_der_oid_text(const uint8_t *body, size_t len)
{
	tl_buf b = {0};
	uint64_t arc = 0;
	bool first = true;
	size_t i;

	if (len == 0)
		return NULL;
	tl_buf_reserve(&b, 4 * len);
	for (i = 0; i < len; i++) {
		if (arc == 0 && body[i] == 0x80) /* non-minimal arc */
			goto bad;
		if (arc > (UINT64_MAX >> 7))
			goto bad;
		arc = arc << 7 | (body[i] & 0x7F);
		if (body[i] & 0x80)
			continue;
		if (first) {
			unsigned top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
			put_decimal(&b, top);
			tl_buf_addc(&b, '.');
			put_decimal(&b, arc - 40 * top);
			first = false;
		} else {
			tl_buf_addc(&b, '.');
			put_decimal(&b, arc);
		}
		arc = 0;
	}
	if (body[len - 1] & 0x80)
		goto bad;
	return tl_buf_steal(&b);
bad:
	tl_buf_free(&b);
	return NULL;
}

int tl_der_oid_list(const uint8_t *p, size_t n, char ***oids, size_t *count)
{
	tl_der seq, item;
	char **v = NULL;
	size_t cnt = 0, cap = 0, pos = 0;

	if (tl_der_read(p, n, &seq) != 0 || seq.tag != 0x30 || seq.total_len != n)
		return -1;
	while (pos < seq.body_len) {
		char *oid;
		if (tl_der_read(seq.body + pos, seq.body_len - pos, &item) != 0 || item.tag != 0x06)
			goto bad;
		oid = tl_der_oid_text(item.body, item.body_len);
		if (!oid)
			goto bad;
		tl_xgrow((void **)&v, &cap, cnt + 1, sizeof(char *));
		v[cnt++] = oid;
		pos += item.total_len;
	}
	*oids = v;
	*count = cnt;
	return 0;
bad:
	tl_strv_free(v, cnt);
	return -1;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int tl_der_time_text(const char *s, size_t n, bool utc, int64_t *out)
{
	int y, mo, d, h, mi, sec;
	size_t rest;

	if (utc) {
		if (n != 13 || !all_digits(s, 12) || s[12] != 'Z')
			return -1;
		y = num(s, 2);
		y += y < 50 ? 2000 : 1900;
		s += 2;
	} else {
		if (n < 15 || !all_digits(s, 14))
			return -1;
		y = num(s, 4);
		s += 4;
		n -= 4;
	}
	mo = num(s, 2);
	d = num(s + 2, 2);
	h = num(s + 4, 2);
	mi = num(s + 6, 2);
	sec = num(s + 8, 2);
	if (!utc) {
		rest = 10;
		if (rest < n && s[rest] == '.') {
			rest++;
			if (rest >= n || !all_digits(s + rest, 1))
				return -1;
			while (rest < n && all_digits(s + rest, 1))
				rest++;
		}
		if (rest + 1 != n || s[rest] != 'Z')
			return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
	    sec > 59)
		return -1;
	*out = tl_civil_to_unix(y, (unsigned)mo, (unsigned)d, (unsigned)h, (unsigned)mi,
				(unsigned)sec);
	return 0;
}

int tl_der_time(const tl_der *t, int64_t *out)
{
	if (t->tag != 0x17 && t->tag != 0x18)
		return -1;
	return tl_der_time_text((const char *)t->body, t->body_len, t->tag == 0x17, out);
}

/* One BER identifier and length at p (n bytes). Returns TL_DER_FAULT_NONE
 * with *hdr the identifier and length octets, *len the content length
 * (definite only) and *indef, or the fault. High tag numbers (X.690
 * 8.1.2.4) are skipped over, up to 4 octets of number (2^28 tags). */
static tl_der_fault_kind ber_header(const uint8_t *p, size_t n, size_t *hdr, size_t *len,
				    bool *indef)
{
	size_t pos = 1;

	if (n == 0)
		return TL_DER_FAULT_TRUNCATED;
	if ((p[0] & 0x1F) == 0x1F) {
		for (;;) {
			if (pos == n)
				return TL_DER_FAULT_TRUNCATED;
			if (pos > 4 || (pos == 1 && p[pos] == 0x80)) /* too long, or padded */
				return TL_DER_FAULT_BAD_HEADER;
			if (!(p[pos++] & 0x80))
				break;
		}
	}
	if (pos == n)
		return TL_DER_FAULT_TRUNCATED;
	*indef = false;
	if (p[pos] < 0x80) {
		*len = p[pos++];
	} else if (p[pos] == 0x80) {
		/* X.690 8.1.3.2 a: only constructed encodings may have it */
		if (!(p[0] & 0x20))
			return TL_DER_FAULT_PRIMITIVE_INDEFINITE;
		*indef = true;
		*len = 0;
		pos++;
	} else {
		/* 0xFF is reserved (X.690 8.1.3.5 c) and more than size_t
		 * cannot fit in memory anyway */
		size_t k = p[pos] & 0x7F, i;
		if (k > sizeof(size_t))
			return TL_DER_FAULT_BAD_HEADER;
		if (n - pos - 1 < k)
			return TL_DER_FAULT_TRUNCATED;
		*len = 0;
		for (i = 0; i < k; i++)
			*len = *len << 8 | p[pos + 1 + i];
		pos += 1 + k;
	}
	*hdr = pos;
	return TL_DER_FAULT_NONE;
}

static int ber_fail(tl_der_fault *why, tl_der_fault_kind kind, const uint8_t *p, size_t n,
		    size_t at)
{
	if (why) {
		why->kind = kind;
		why->at = at;
		why->tag = at < n ? p[at] : 0;
	}
	return -1;
}

int tl_der_read_ber(const uint8_t *p, size_t n, tl_der *out, tl_der_fault *why)
{
	/* where each open indefinite-length element starts, to name the
	 * innermost one when the bytes end early */
	size_t open[TL_DER_MAX_NESTING];
	size_t depth = 1, pos, hdr, len;
	tl_der_fault_kind k;
	bool indef;

	if (why) {
		why->kind = TL_DER_FAULT_NONE;
		why->indefinite = false;
	}
	k = ber_header(p, n, &hdr, &len, &indef);
	if (k != TL_DER_FAULT_NONE)
		return ber_fail(why, k, p, n, 0);
	if (!indef) {
		if (len > n - hdr)
			return ber_fail(why, TL_DER_FAULT_TRUNCATED, p, n, 0);
		out->tag = p[0];
		out->start = p;
		out->body = p + hdr;
		out->body_len = len;
		out->total_len = hdr + len;
		out->indefinite = false;
		return 0;
	}
	if (why)
		why->indefinite = true;
	open[0] = 0;
	pos = hdr;
	/* Walk the contents element by element: definite ones are skipped
	 * whole, indefinite ones opened, 00 00 closes the innermost. A loop,
	 * not recursion, so hostile nesting cannot exhaust the stack. */
	while (depth > 0) {
		size_t child_hdr, child_len;
		bool child_indef;

		if (pos == n)
			return ber_fail(why, TL_DER_FAULT_NO_EOC, p, n, open[depth - 1]);
		if (p[pos] == 0x00) {
			if (n - pos == 1)
				return ber_fail(why, TL_DER_FAULT_CUT_EOC, p, n, open[depth - 1]);
			/* X.690 8.1.5: end-of-contents is 00 00, nothing else */
			if (p[pos + 1] != 0x00)
				return ber_fail(why, TL_DER_FAULT_BAD_EOC, p, n, pos);
			depth--;
			pos += 2;
			continue;
		}
		k = ber_header(p + pos, n - pos, &child_hdr, &child_len, &child_indef);
		if (k != TL_DER_FAULT_NONE)
			return ber_fail(why, k, p, n, pos);
		if (child_indef) {
			if (depth == TL_DER_MAX_NESTING)
				return ber_fail(why, TL_DER_FAULT_TOO_DEEP, p, n, pos);
			open[depth++] = pos;
			pos += child_hdr;
			continue;
		}
		if (child_len > n - pos - child_hdr)
			return ber_fail(why, TL_DER_FAULT_TRUNCATED, p, n, pos);
		pos += child_hdr + child_len;
	}
	out->tag = p[0];
	out->start = p;
	out->body = p + hdr;
	out->body_len = pos - hdr - 2;
	out->total_len = pos;
	out->indefinite = true;
	return 0;
}

/* The limit's digits inside a string literal. */
#define NUMBER_TEXT_(n) #n
#define NUMBER_TEXT(n) NUMBER_TEXT_(n)

const char *tl_der_fault_text(tl_der_fault_kind kind)
{
	static const char *const text[] = {
		[TL_DER_FAULT_NONE] = "is well-formed",
		[TL_DER_FAULT_TRUNCATED] = "runs past the end of the data",
		[TL_DER_FAULT_NO_EOC] = "has an indefinite length and the data ends before its end-of-contents",
		[TL_DER_FAULT_CUT_EOC] = "has an indefinite length and the data ends inside its end-of-contents (a lone 00)",
		[TL_DER_FAULT_TOO_DEEP] = "nests indefinite lengths more than " NUMBER_TEXT(TL_DER_MAX_NESTING) " deep",
		[TL_DER_FAULT_BAD_HEADER] = "has malformed identifier or length octets",
		[TL_DER_FAULT_PRIMITIVE_INDEFINITE] = "is primitive with an indefinite length (X.690 8.1.3.2)",
		[TL_DER_FAULT_BAD_EOC] = "is 00 with a non-zero length, not an end-of-contents (X.690 8.1.5)",
	};

	return (size_t)kind < TL_ARRAY_LEN(text) && text[kind] ? text[kind] : "is malformed";
}
