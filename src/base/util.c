/* util.c: see util.h. */
#include "config.h"

#include "base/util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/os.h"

void tl_oom(void)
{
	fputs("trustlint: out of memory\n", stderr);
	abort();
}

void *tl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		tl_oom();
	return p;
}

void *tl_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		tl_oom();
	return p;
}

void *tl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		tl_oom();
	return q;
}

void tl_xgrow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			tl_oom();
		ncap *= 2;
	}
	if (size && ncap > SIZE_MAX / size)
		tl_oom();
	*p = tl_xrealloc(*p, ncap * size);
	*cap = ncap;
}

char *tl_xstrdup(const char *s)
{
	return tl_xmemdup(s, strlen(s) + 1);
}

char *tl_xstrndup(const char *s, size_t n)
{
	char *p = tl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *tl_xmemdup(const void *p, size_t n)
{
	void *q = tl_xmalloc(n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *tl_xvasprintf(const char *fmt, va_list ap)
{
	tl_buf b = {0};
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		tl_oom();
	tl_buf_reserve(&b, (size_t)n);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	b.len = (size_t)n;
	return tl_buf_steal(&b);
}

char *tl_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = tl_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void tl_buf_reserve(tl_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		tl_oom();
	tl_xgrow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

void tl_buf_add_grow(tl_buf *b, const void *p, size_t n)
{
	tl_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void tl_buf_addc_grow(tl_buf *b, char c)
{
	tl_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void tl_buf_adds(tl_buf *b, const char *s)
{
	tl_buf_add(b, s, strlen(s));
}

void tl_buf_printf(tl_buf *b, const char *fmt, ...)
{
	va_list ap, cp;
	int n;

	/* formatted once into the room there is, again only when it does
	 * not fit (the text report formats 180,000 lines at 100,000
	 * certificates) */
	va_start(ap, fmt);
	va_copy(cp, ap);
	n = vsnprintf(b->data ? b->data + b->len : NULL, b->data ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		tl_oom();
	if (!b->data || (size_t)n >= b->cap - b->len) {
		tl_buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	va_end(ap);
}

char *tl_buf_steal(tl_buf *b)
{
	char *s;

	if (!b->data)
		return tl_xstrdup("");
	s = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void tl_buf_free(tl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void tl_hex(const uint8_t *p, size_t n, char *out, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

char *tl_xhex(const uint8_t *p, size_t n, bool upper)
{
	char *s;

	if (n > (SIZE_MAX - 1) / 2)
		tl_oom();
	s = tl_xmalloc(2 * n + 1);
	tl_hex(p, n, s, upper);
	return s;
}

int tl_hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

int tl_unhex(const char *s, size_t n, uint8_t *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi = tl_hexval((unsigned char)s[2 * i]);
		int lo = hi < 0 ? -1 : tl_hexval((unsigned char)s[2 * i + 1]);
		if (lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

size_t tl_utf8_len(const char *str, uint32_t *cp_out)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80) {
		n = 1;
		cp = s[0];
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	if (cp_out)
		*cp_out = cp;
	return n;
}

void tl_utf8_put(tl_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	tl_buf_add(b, u, n);
}

/* The code point at p[*i] (advanced past it): a surrogate pair joined, a
 * lone surrogate kept as it is. */
static uint32_t utf16le_next(const uint8_t *p, size_t n, size_t *i)
{
	uint32_t u = tl_le16(p + *i);

	*i += 2;
	if (u >= 0xD800 && u < 0xDC00 && *i + 1 < n) {
		uint32_t lo = tl_le16(p + *i);
		if (lo >= 0xDC00 && lo < 0xE000) {
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			*i += 2;
		}
	}
	return u;
}

/* Two passes, the first counting: the string is allocated at its size.
 * Friendly names are one per certificate, and a buffer sized for the worst
 * case put 16 more bytes per name on the heap (1.6 MB at 100,000). */
char *tl_utf16le_to_utf8(const uint8_t *p, size_t n, bool stop_at_nul)
{
	size_t i, len = 0, end;
	tl_buf b;

	for (i = 0; i + 1 < n;) {
		uint32_t u = utf16le_next(p, n, &i);
		if (u == 0 && stop_at_nul) {
			i -= 2;
			break;
		}
		len += u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
	}
	end = i;
	b.data = tl_xmalloc(len + 1);
	b.cap = len + 1;
	b.len = 0;
	b.data[0] = '\0';
	for (i = 0; i < end;)
		tl_utf8_put(&b, utf16le_next(p, n, &i));
	return b.data;
}

/* Windows-1252 bytes 0x80..0x9F; the five undefined ones map to themselves. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

uint32_t tl_cp1252_to_ucs(uint8_t c)
{
	if (c >= 0x80 && c < 0xA0)
		return cp1252_high[c - 0x80];
	return c;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int tl_strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = lower((unsigned char)*a), cb = lower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

int tl_strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int ca = lower((unsigned char)*a), cb = lower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

bool tl_has_suffix_ci(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && tl_strcasecmp(s + ls - lx, suffix) == 0;
}

/* 1601-01-01 to 1970-01-01 in seconds. */
#define TL_FILETIME_EPOCH_DIFF 11644473600LL

int64_t tl_filetime_to_unix(uint64_t ft)
{
	return (int64_t)(ft / 10000000ULL) - TL_FILETIME_EPOCH_DIFF;
}

/* Days from civil date (proleptic Gregorian), Howard Hinnant's algorithm. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t tl_civil_to_unix(int64_t year, unsigned month, unsigned day, unsigned hour,
			 unsigned minute, unsigned second)
{
	return days_from_civil(year, month, day) * 86400 + (int64_t)hour * 3600 +
	       (int64_t)minute * 60 + second;
}

void tl_format_time(int64_t t, char out[32])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;

	char tmp[96];

	y += m <= 2;
	snprintf(tmp, sizeof(tmp), "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)y, m, d,
		 (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
	snprintf(out, 32, "%.31s", tmp);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Days in month m (1-12) of year y, proleptic Gregorian as in
 * days_from_civil: leap years are those divisible by 4, except centuries
 * not divisible by 400. */
static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int tl_parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0;
	const char *p;
	int64_t t;

	if (strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
	    digits(s + 17, 2, &sec))
		return -1;
	/* RFC 3339 5.7: the day must exist in its month; second 60 is a leap
	 * second and stays valid */
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		/* UTC */
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && !digits(p + 1, 2, &oh) &&
		   p[3] == ':' && !digits(p + 4, 2, &om)) {
		/* RFC 3339 5.6: time-numoffset is a time-hour and a time-minute */
		if (oh > 23 || om > 59)
			return -1;
		if (*p == '-') {
			oh = -oh;
			om = -om;
		}
	} else {
		return -1;
	}
	t = tl_civil_to_unix(y, (unsigned)mo, (unsigned)d, (unsigned)h, (unsigned)mi, (unsigned)sec);
	*out = t - (oh * 3600 + om * 60);
	return 0;
}

const void *tl_memmem(const void *hay, size_t hay_len, const void *needle, size_t needle_len)
{
	const uint8_t *h = hay, *end, *p;
	const uint8_t *n = needle;

	if (needle_len == 0)
		return hay;
	if (needle_len > hay_len)
		return NULL;
	end = h + (hay_len - needle_len) + 1;
	for (p = h; p < end; p++) {
		p = memchr(p, n[0], (size_t)(end - p));
		if (!p)
			return NULL;
		if (memcmp(p, n, needle_len) == 0)
			return p;
	}
	return NULL;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int tl_dir_names(const char *dir, char ***names, size_t *count)
{
	char **v = NULL;
	size_t n = 0, i, kept = 0;

	if (tl_os_dir_names(dir, &v, &n) != 0)
		return -1;
	/* hidden names left out */
	for (i = 0; i < n; i++) {
		if (v[i][0] == '.')
			free(v[i]);
		else
			v[kept++] = v[i];
	}
	n = kept;
	if (n)
		qsort(v, n, sizeof(char *), name_cmp);
	*names = v;
	*count = n;
	return 0;
}

void tl_strv_free(char **v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
