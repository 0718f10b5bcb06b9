/* diag.h: diagnostics about inputs, collected in a sink.
 *
 * Parsers never print or exit (DESIGN.md 6): they append a diagnostic with a
 * severity, a stable id (the `input-*` rule ids), a location and a message,
 * then continue. Only main.c prints.
 *
 * Ownership: the sink copies every string it is given (file name, id,
 * message); tl_diags_free() releases them. Pointers returned by
 * tl_diags_at() stay valid until the next tl_diag_add() or tl_diags_free(). */
#ifndef TL_DIAG_H
#define TL_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

typedef enum tl_severity {
	TL_ERROR = 0,
	TL_WARNING = 1,
	TL_NOTE = 2,
} tl_severity;

const char *tl_severity_name(tl_severity sev);

typedef enum tl_loc_kind {
	TL_LOC_NONE = 0, /* the whole file */
	TL_LOC_LINE,     /* text input: line (1-based) and optional column */
	TL_LOC_OFFSET,   /* binary input: byte offset and length */
} tl_loc_kind;

/* Where something is in an input. file is borrowed: it must outlive every
 * use of the location (sources keep their path for the whole run). Every
 * entry and finding has one, so it is 24 bytes: line and column share
 * their place with offset and length, which only a TL_LOC_OFFSET location
 * has (read each pair for its kind alone), and both are 32-bit: an input
 * is at most 2 GB (base/source.h). */
typedef struct tl_loc {
	const char *file;
	tl_loc_kind kind;
	union {
		struct {
			uint32_t line; /* TL_LOC_LINE */
			uint32_t col;  /* TL_LOC_LINE, 0 when unknown */
		};
		struct {
			uint32_t offset; /* TL_LOC_OFFSET */
			uint32_t length; /* TL_LOC_OFFSET, 0 when unknown */
		};
	};
} tl_loc;

static inline tl_loc tl_loc_file(const char *file)
{
	tl_loc l = {.file = file, .kind = TL_LOC_NONE};
	return l;
}
static inline tl_loc tl_loc_line(const char *file, uint32_t line, uint32_t col)
{
	tl_loc l = {.file = file, .kind = TL_LOC_LINE, .line = line, .col = col};
	return l;
}
/* Past 4 GB (no input gets there) the place is the file as a whole, and a
 * longer length unknown (0). */
static inline tl_loc tl_loc_offset(const char *file, uint64_t offset, uint64_t length)
{
	tl_loc l = {.file = file, .kind = TL_LOC_OFFSET, .offset = (uint32_t)offset,
		    .length = length > UINT32_MAX ? 0 : (uint32_t)length};

	if (offset > UINT32_MAX)
		return tl_loc_file(file);
	return l;
}

typedef struct tl_diag {
	tl_severity sev;
	char *id;   /* stable id, e.g. "input-sst-truncated" */
	char *file; /* may be NULL */
	tl_loc loc; /* loc.file points at file */
	char *msg;  /* lower-case start, no final period, user data quoted */
} tl_diag;

typedef struct tl_diags tl_diags;

tl_diags *tl_diags_new(void);
void tl_diags_free(tl_diags *d);
void tl_diag_add(tl_diags *d, tl_severity sev, const char *id, const tl_loc *loc,
		 const char *fmt, ...) TL_PRINTF(5, 6);
void tl_diag_vadd(tl_diags *d, tl_severity sev, const char *id, const tl_loc *loc,
		  const char *fmt, va_list ap) TL_PRINTF(5, 0);
size_t tl_diags_count(const tl_diags *d);
const tl_diag *tl_diags_at(const tl_diags *d, size_t i);
/* Count at the given severity. */
size_t tl_diags_count_sev(const tl_diags *d, tl_severity sev);

/* Keep at most limit diagnostics of one id for one file (0, the default:
 * no limit). Past it, diagnostics are counted, not kept, so a hostile
 * input cannot fill memory or the report; tl_diags_summarize() then adds
 * one "... and N more" diagnostic per file and id. */
void tl_diags_set_limit(tl_diags *d, size_t limit);
/* Add the summaries of what the limit held back (once; later calls add
 * only what was held back since). */
void tl_diags_summarize(tl_diags *d);

/* Append "file:LOC: level: message [id]" (no newline) to b; control
 * characters in the message are escaped. */
void tl_diag_format(const tl_diag *diag, tl_buf *b);
/* The location part alone: "file:12:3", "file:0x0000051c", "file". */
void tl_loc_format(const tl_loc *loc, tl_buf *b);

/* Append s to b with control characters, DEL, C1 controls and invalid
 * UTF-8 escaped (\n, \t, \r, \xHH), and the invisible format characters
 * that reorder or hide text (bidi embeddings, overrides and isolates
 * U+202A-202E and U+2066-2069, zero-width characters, U+2028/2029, the
 * BOM, tags: see tl_is_invisible()) as \uXXXX, so input-derived text can
 * neither drive a terminal nor make a line read other than it is (the
 * "Trojan Source" attack, CVE-2021-42574). Backslashes stay as they are:
 * Windows paths (LocalMachine\Root) are the common case, and an escape
 * sequence cannot be spelled without a control character.
 *
 * This is the one escaping function for every path to a terminal. */
void tl_escape_text(tl_buf *b, const char *s);
/* The same over n bytes (NUL bytes escaped as \x00). */
void tl_escape_textn(tl_buf *b, const char *s, size_t n);
/* A new escaped copy of s (free() it). */
char *tl_escaped(const char *s);
/* Whether code point cp is one tl_escape_text() spells as \uXXXX:
 * Unicode general category Cf characters that change how text displays
 * (bidi controls, zero-width characters, invisible operators, tags),
 * line and paragraph separators, and noncharacters U+FFFE/FFFF. */
bool tl_is_invisible(uint32_t cp);

#endif
