/* json.h: jansson helpers for input-derived text.
 *
 * jansson rejects strings that are not valid UTF-8; input names can hold
 * anything (lone UTF-16 surrogates in registry keys, Latin-1 in subjects).
 * These helpers replace each invalid byte with U+FFFD so nothing is dropped
 * silently and the output stays valid JSON. */
#ifndef TL_JSON_H
#define TL_JSON_H

#include <jansson.h>
#include <stdio.h>

/* A new JSON string (or null for NULL). Never fails. */
json_t *tl_json_str(const char *s);
/* A JSON array of n strings (each through tl_json_str). */
json_t *tl_json_strv(char *const *v, size_t n);
/* Dump v compactly-with-spaces on one line (", " and ": " separators, keys in
 * insertion order) followed by a newline. */
int tl_json_dump_line(const json_t *v, FILE *out);

/* Write v as JSON_INDENT(2) lays it out, with indent spaces after each of
 * its line breaks: a value inside a document written a piece at a time.
 * jansson escapes every line break inside a string, so each one it writes
 * is layout. Returns 0, or -1 on a dump or write error. */
int tl_json_dump_nested(const json_t *v, int indent, FILE *out);

/* A document whose one large array (a lint's findings, a SARIF run's
 * results) is written an element at a time, never held as a tree: 180,000
 * findings as jansson objects took 2.5 times the memory of the whole
 * model. The caller builds the rest of the document with tl_json_slot()
 * where the array goes, then adds the elements in order; the text is
 * byte for byte what json_dumpf(JSON_PRESERVE_ORDER | JSON_INDENT(2) |
 * tl_json_flags()) writes of the whole tree, and a newline.
 *
 * Ownership: the stream owns the dumped skeleton until
 * tl_json_stream_close(); out is borrowed. */
typedef struct tl_json_stream {
	FILE *out;
	char *text;        /* the skeleton, dumped (owned) */
	const char *rest;  /* the text after the slot, inside text */
	int indent;        /* spaces before the array's closing bracket */
	size_t count;      /* elements written */
	int rc;            /* -1 after a dump or write error */
} tl_json_stream;

/* The placeholder for the array: a string no input-derived value can
 * equal, since it starts with a NUL byte and those come from C strings. */
json_t *tl_json_slot(void);
/* Dump doc, which holds exactly one tl_json_slot(), and write the text
 * before the slot. doc may be freed afterwards. */
void tl_json_stream_open(tl_json_stream *s, const json_t *doc, FILE *out);
/* Write the next element of the array; takes item's reference. */
void tl_json_stream_add(tl_json_stream *s, json_t *item);
/* Close the array, write the rest of the document and a newline, and free
 * the skeleton. Returns 0, or -1 when any dump or write failed. */
int tl_json_stream_close(tl_json_stream *s);

/* The dump flags every writer adds to its own: JSON_ENSURE_ASCII when the
 * document goes to a terminal (tl_json_set_terminal), so a bidi override
 * or C1 control in a name is written \u202e, never raw (the same text
 * once parsed); 0 otherwise, so files keep their UTF-8. */
size_t tl_json_flags(void);
void tl_json_set_terminal(int terminal);

#endif
