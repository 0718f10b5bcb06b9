/* source.h: one input file held in memory for the whole run.
 *
 * The bytes are mapped read-only (or read into memory when mapping is
 * impossible). Entries and diagnostics may borrow the path and point into
 * the bytes; they must not outlive the source. */
#ifndef TL_SOURCE_H
#define TL_SOURCE_H

#include <stddef.h>
#include <stdint.h>

typedef struct tl_source {
	char *path;          /* as given on the command line */
	const uint8_t *data; /* len bytes, not NUL-terminated */
	size_t len;
	int mapped; /* internal: how to release data */
} tl_source;

/* Open path. Returns NULL and sets *err (free() it) when the file cannot be
 * read at all. */
tl_source *tl_source_open(const char *path, char **err);
/* A source over caller-provided bytes (copied), for tests and fuzzing. */
tl_source *tl_source_from_memory(const char *path, const void *data, size_t len);
void tl_source_free(tl_source *src);

#endif
