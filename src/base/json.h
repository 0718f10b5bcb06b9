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

/* The dump flags every writer adds to its own: JSON_ENSURE_ASCII when the
 * document goes to a terminal (tl_json_set_terminal), so a bidi override
 * or C1 control in a name is written \u202e, never raw (the same text
 * once parsed); 0 otherwise, so files keep their UTF-8. */
size_t tl_json_flags(void);
void tl_json_set_terminal(int terminal);

#endif
