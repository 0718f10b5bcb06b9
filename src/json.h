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

#endif
