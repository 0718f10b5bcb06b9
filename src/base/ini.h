/* ini.h: the line layer of the INI files trustlint reads, rule files
 * (rules/ruleset_file.c, which hands the lines on to inih) and waiver files
 * (report/waiver.c).
 *
 * A tl_ini_reader cuts a buffer into lines and tells, for each, what both
 * grammars check before they look at its text: its number, where its first
 * NUL byte is, whether it is longer than the caller's cap, where its text
 * starts after blanks and what its first character makes it. What a line
 * means, and every message about it, is the caller's.
 *
 * Lines end at LF; one CR before the LF is not part of the line (a CR
 * elsewhere is); a last line without LF is a line, and an empty buffer has
 * none. A UTF-8 byte order mark opening line 1 is not part of it, so
 * columns count from the character after it.
 *
 * Ownership: a tl_ini_reader borrows the text, which must outlive it, and
 * owns the copy of the current line: tl_ini_line.text is valid until the
 * next tl_ini_next() or tl_ini_reader_free(), and the caller may write into
 * it (waiver.c cuts names and keys in place). */
#ifndef TL_INI_H
#define TL_INI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Blanks that may indent a line. inih skips what isspace() does in the C
 * locale, so the rule file reader must agree with it; waiver files allow
 * space and tab only (another control character is an error there). */
#define TL_INI_BLANKS_INIH " \t\n\v\f\r"
#define TL_INI_BLANKS_SPACE_TAB " \t"

/* What the first character after the blanks makes a line. Text after a NUL
 * byte is not looked at: a line that is blank up to its NUL is blank. */
typedef enum tl_ini_kind {
	TL_INI_BLANK,   /* nothing but blanks */
	TL_INI_COMMENT, /* ';' or '#' */
	TL_INI_SECTION, /* '[' */
	TL_INI_TEXT,    /* anything else: a key, a continuation, a mistake */
} tl_ini_kind;

typedef struct tl_ini_line {
	char *text;      /* len bytes and a NUL; owned by the reader */
	size_t len;      /* NUL bytes in the line included */
	uint32_t number; /* 1 for the first line */
	size_t nul;      /* offset of the first NUL byte; len when there is none */
	bool too_long;   /* len is over the reader's max_len */
	size_t indent;   /* offset of the first byte that is no blank */
	tl_ini_kind kind;
} tl_ini_line;

typedef struct tl_ini_reader {
	const char *text; /* borrowed */
	size_t len, pos;
	uint32_t number;  /* of the line last read */
	/* 0: no cap. The caller may change it between lines (ruleset_file.c
	 * learns inih's line buffer only when inih asks for the first line). */
	size_t max_len;
	const char *blanks; /* TL_INI_BLANKS_* */
	tl_buf line;
} tl_ini_reader;

typedef enum tl_ini_status {
	TL_INI_END = 0,   /* no more lines */
	TL_INI_LINE = 1,  /* *out is the next line */
	TL_INI_TOO_MANY = -1, /* more text after line UINT32_MAX; nothing more is read */
} tl_ini_status;

/* Read len bytes of text (not NUL-terminated; NUL bytes are reported in
 * each line's nul). blanks is borrowed (a TL_INI_BLANKS_* string). */
void tl_ini_reader_init(tl_ini_reader *rd, const char *text, size_t len, size_t max_len,
			const char *blanks);
tl_ini_status tl_ini_next(tl_ini_reader *rd, tl_ini_line *out);
void tl_ini_reader_free(tl_ini_reader *rd);

/* The 1-based column of byte offset off of a line, as messages print it;
 * 0 (no column) when it does not fit. */
uint32_t tl_ini_col(size_t off);

#endif
