/* source.h: one input file held in memory for the whole run.
 *
 * Every file trustlint reads (inputs, rule files, waivers, baselines) comes
 * through tl_source_read(): only regular files, opened without blocking (a
 * FIFO never hangs the run), read into memory up to a documented cap (a
 * device such as /dev/zero is refused, never read until memory runs out).
 * The bytes are copied, not mapped, so a file that shrinks or is truncated
 * while the run reads it cannot crash it (a mapped page past the new end
 * raises SIGBUS).
 *
 * Entries and diagnostics may borrow the path and point into the bytes;
 * they must not outlive the source. */
#ifndef TL_SOURCE_H
#define TL_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* The caps, documented in trustlint(1) under LIMITS. */
#define TL_MAX_INPUT_BYTES ((size_t)2 << 30)     /* a store, registry or config export */
#define TL_MAX_RULES_BYTES ((size_t)1 << 20)     /* one rule file */
#define TL_MAX_WAIVERS_BYTES ((size_t)16 << 20)  /* a waiver file */
#define TL_MAX_BASELINE_BYTES ((size_t)512 << 20) /* a baseline SARIF log */

typedef struct tl_source {
	char *path;          /* as given on the command line */
	const uint8_t *data; /* len bytes, followed by one NUL (not counted) */
	size_t len;
	/* the file as it was opened (device and inode), to tell an output
	 * path that names an input; 0/0, no identity, for a source from
	 * memory or a file whose system could not tell (tl_os_fd_id) */
	uint64_t dev, ino;
	/* what the loader detected it as (a tl_format of input/input.h; 0
	 * until detected), and for a text format its encoding as SARIF
	 * names it ("utf-16le", "windows-1252"), else NULL: reports read
	 * these instead of detecting again */
	int format;
	const char *encoding;
} tl_source;

/* Why a file could not be read. */
typedef enum tl_read_error {
	TL_READ_OK = 0,
	TL_READ_MISSING,     /* does not exist (or a dangling link) */
	TL_READ_LOOP,        /* a symbolic link loop */
	TL_READ_DENIED,      /* permission denied */
	TL_READ_NOT_REGULAR, /* a FIFO, socket, device or directory */
	TL_READ_TOO_LARGE,   /* over the cap */
	TL_READ_FAILED,      /* any other open or read error */
} tl_read_error;

/* Read the regular file at path, at most cap bytes. Returns NULL, sets
 * *err to a message without the path ("not a regular file (a FIFO)";
 * free() it) and *why (may be NULL) when it cannot be read. */
tl_source *tl_source_read(const char *path, size_t cap, char **err, tl_read_error *why);
/* The threads a run may use (--jobs): from 2, a file of 16 MB or more is
 * read in two halves at once. The default is 2. */
void tl_source_threads(unsigned jobs);
/* tl_source_read() with the cap for inputs. */
tl_source *tl_source_open(const char *path, char **err);
/* A source over caller-provided bytes (copied), for tests and fuzzing. */
tl_source *tl_source_from_memory(const char *path, const void *data, size_t len);
void tl_source_free(tl_source *src);

/* What kind of file st_mode is, for messages: "a FIFO", "a directory". */
const char *tl_file_kind(unsigned mode);
/* "2 GiB", "512 MiB", "16 KiB", "300 bytes": a byte count for messages. */
void tl_format_size(uint64_t n, char out[32]);

#endif
