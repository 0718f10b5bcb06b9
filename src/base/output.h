/* output.h: report files written safely (DESIGN.md 1).
 *
 * No output ever replaces an input, and a failed run never leaves a
 * half-written report where the previous one was:
 * - a regular file (or a path that does not exist yet) is written to a
 *   temporary file beside it (".NAME.XXXXXX", which a folder walk skips)
 *   and renamed into place only by tl_output_commit(); a symbolic link is
 *   followed, so the file it names is replaced (or created), not the link;
 * - "-" or no path is standard output; an existing FIFO, character device
 *   or socket (/dev/null, a pipe from process substitution) is written in
 *   place, since it cannot be renamed over;
 * - main.c refuses an output that is, or resolves to, a file the run
 *   reads, by the files' identities (tl_os_file_id in base/os.h).
 *
 * Ownership: a tl_output owns its stream and paths until commit or abort. */
#ifndef TL_OUTPUT_H
#define TL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct tl_output {
	FILE *fp;
	char *path;   /* as given, for messages; "-" for standard output */
	char *target; /* the file renamed onto, or NULL when written in place */
	char *tmp;    /* the temporary file, or NULL */
	bool is_stdout;
	bool terminal; /* it is a terminal (colour, ASCII-only JSON) */
	struct sink *sink; /* internal: the stream's fd and first error */
} tl_output;

/* Open path (NULL or "-": standard output). Returns 0, or -1 with *err
 * (free() it; names no path) when it cannot be written. */
int tl_output_open(tl_output *o, const char *path, char **err);
/* Flush, close and rename into place. Returns 0; -1 with *err on a write
 * error (the temporary file is removed and the old report kept); -2 when
 * standard output is a closed pipe (`| head`), which callers end quietly. */
int tl_output_commit(tl_output *o, char **err);
/* Drop what was written (the temporary file is removed). */
void tl_output_abort(tl_output *o);

#endif
