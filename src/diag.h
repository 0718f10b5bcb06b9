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

#include <stddef.h>
#include <stdint.h>

#include "util.h"

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
 * use of the location (sources keep their path for the whole run). */
typedef struct tl_loc {
	const char *file;
	tl_loc_kind kind;
	uint32_t line;   /* TL_LOC_LINE */
	uint32_t col;    /* TL_LOC_LINE, 0 when unknown */
	uint64_t offset; /* TL_LOC_OFFSET */
	uint64_t length; /* TL_LOC_OFFSET, 0 when unknown */
} tl_loc;

static inline tl_loc tl_loc_file(const char *file)
{
	tl_loc l = {file, TL_LOC_NONE, 0, 0, 0, 0};
	return l;
}
static inline tl_loc tl_loc_line(const char *file, uint32_t line, uint32_t col)
{
	tl_loc l = {file, TL_LOC_LINE, line, col, 0, 0};
	return l;
}
static inline tl_loc tl_loc_offset(const char *file, uint64_t offset, uint64_t length)
{
	tl_loc l = {file, TL_LOC_OFFSET, 0, 0, offset, length};
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

/* Append "file:LOC: level: message [id]" (no newline) to b; control
 * characters in the message are escaped. */
void tl_diag_format(const tl_diag *diag, tl_buf *b);
/* The location part alone: "file:12:3", "file:0x0000051c", "file". */
void tl_loc_format(const tl_loc *loc, tl_buf *b);

/* Append s to b with control characters, DEL, C1 controls and invalid
 * UTF-8 escaped (\n, \t, \r, \xHH), so input-derived text cannot drive a
 * terminal. Backslashes stay as they are: Windows paths (LocalMachine\Root)
 * are the common case, and an escape sequence cannot be spelled without a
 * control character. */
void tl_escape_text(tl_buf *b, const char *s);

#endif
