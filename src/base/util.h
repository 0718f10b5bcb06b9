/* util.h: allocation that aborts on out-of-memory, growable buffers, hex,
 * text conversion and time helpers shared by every module.
 *
 * Ownership: every tl_x* allocation is freed with free(). A tl_buf owns its
 * bytes; tl_buf_free() releases them and leaves an empty buffer. */
#ifndef TL_UTIL_H
#define TL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
/* mingw-w64's stdio is C99's (__USE_MINGW_ANSI_STDIO, configure.ac):
 * checked as GNU's, not as msvcrt's, which has no %zu */
#ifdef __MINGW32__
#define TL_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#else
#define TL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#endif
#define TL_NORETURN __attribute__((noreturn))
#else
#define TL_PRINTF(f, a)
#define TL_NORETURN
#endif

#define TL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Abort with a message: the only reaction to out-of-memory (STYLE.md). */
TL_NORETURN void tl_oom(void);
void *tl_xmalloc(size_t n);
void *tl_xcalloc(size_t count, size_t size);
void *tl_xrealloc(void *p, size_t n);
/* Grow *p (holding *cap elements of size) to hold at least need elements. */
void tl_xgrow(void **p, size_t *cap, size_t need, size_t size);
char *tl_xstrdup(const char *s);
char *tl_xstrndup(const char *s, size_t n);
void *tl_xmemdup(const void *p, size_t n);
/* The first occurrence of needle in hay, or NULL (memmem, which not every
 * C library has: Windows' has not). */
const void *tl_memmem(const void *hay, size_t hay_len, const void *needle, size_t needle_len);
char *tl_xasprintf(const char *fmt, ...) TL_PRINTF(1, 2);
char *tl_xvasprintf(const char *fmt, va_list ap) TL_PRINTF(1, 0);

/* A growable byte buffer, always NUL-terminated after len when cap > 0. */
typedef struct tl_buf {
	char *data;
	size_t len;
	size_t cap;
} tl_buf;

void tl_buf_reserve(tl_buf *b, size_t extra);
void tl_buf_add_grow(tl_buf *b, const void *p, size_t n);
static inline void tl_buf_add(tl_buf *b, const void *p, size_t n)
{
	if (b->cap - b->len > n) {
		if (n)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		tl_buf_add_grow(b, p, n);
	}
}
void tl_buf_addc_grow(tl_buf *b, char c);
/* One byte: inline while it fits, as DN, escaping and UTF-8 text is built
 * a byte at a time (a call chain per byte showed in profiles at 100,000
 * certificates). */
static inline void tl_buf_addc(tl_buf *b, char c)
{
	if (b->cap - b->len >= 2) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		tl_buf_addc_grow(b, c);
	}
}
void tl_buf_adds(tl_buf *b, const char *s);
void tl_buf_printf(tl_buf *b, const char *fmt, ...) TL_PRINTF(2, 3);
/* Hand the bytes to the caller (free() them); the buffer becomes empty. */
char *tl_buf_steal(tl_buf *b);
void tl_buf_free(tl_buf *b);

/* Hex of n bytes into out (2n+1 bytes), upper- or lower-case. */
void tl_hex(const uint8_t *p, size_t n, char *out, bool upper);
char *tl_xhex(const uint8_t *p, size_t n, bool upper);
/* Parse exactly 2n hex digits into out; -1 on any other character. */
int tl_unhex(const char *s, size_t n, uint8_t *out);

/* Little-endian reads; the caller has checked the bounds. */
static inline uint32_t tl_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}
static inline uint64_t tl_le64(const uint8_t *p)
{
	return (uint64_t)tl_le32(p) | (uint64_t)tl_le32(p + 4) << 32;
}
static inline uint16_t tl_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* Length of the well-formed UTF-8 sequence at s (1 to 4), or 0 when the
 * bytes there are not one (overlong forms and surrogates included). The
 * code point is stored in *cp when cp is not NULL. s is NUL-terminated. */
size_t tl_utf8_len(const char *s, uint32_t *cp);
/* Value of a hex digit (any case), or -1. */
int tl_hexval(unsigned c);

/* Append code point cp as UTF-8 (lone surrogates encoded as WTF-8 so no
 * input is lost). */
void tl_utf8_put(tl_buf *b, uint32_t cp);
/* UTF-16LE (n bytes; an odd last byte is ignored) to UTF-8, stopping at the
 * first NUL unit when stop_at_nul. Returns a new string. */
char *tl_utf16le_to_utf8(const uint8_t *p, size_t n, bool stop_at_nul);
/* Windows-1252 byte to a Unicode code point (undefined bytes map to
 * themselves, as MultiByteToWideChar does with the best-fit table off). */
uint32_t tl_cp1252_to_ucs(uint8_t c);

/* Free n strings and the array holding them; NULL is a no-op. */
void tl_strv_free(char **v, size_t n);

/* The entries of a directory whose names do not start with '.', sorted
 * (byte order) for a stable output. Returns 0 with *names (free each and
 * the array; tl_strv_free) and *count, or -1 when it cannot be opened. */
int tl_dir_names(const char *dir, char ***names, size_t *count);

/* ASCII case-insensitive comparison (Windows store and registry names). */
int tl_strcasecmp(const char *a, const char *b);
int tl_strncasecmp(const char *a, const char *b, size_t n);
bool tl_has_suffix_ci(const char *s, const char *suffix);

/* FILETIME (100 ns ticks since 1601-01-01 UTC) to Unix seconds. */
int64_t tl_filetime_to_unix(uint64_t ft);
/* Unix seconds of a UTC civil time (fields already range-checked). */
int64_t tl_civil_to_unix(int64_t year, unsigned month, unsigned day, unsigned hour,
			 unsigned minute, unsigned second);
/* RFC 3339 "YYYY-MM-DDTHH:MM:SSZ" of Unix seconds into out (32 bytes). */
void tl_format_time(int64_t t, char out[32]);
/* Parse RFC 3339 (Z or +hh:mm offset); -1 when malformed, for a day its
 * month lacks (2026-02-30) or an offset past 23:59. */
int tl_parse_time(const char *s, int64_t *out);

#endif
