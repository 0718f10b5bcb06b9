/* regex.h: the regular expressions of the rule language (`=~`).
 *
 * Our own engine, so a rule matches the same on every platform (POSIX
 * regcomp differs between glibc, musl, macOS and MSYS2, and PCRE would be
 * one more dependency), and in time linear in the subject (a Pike VM over
 * the compiled program: no backtracking, so a hostile subject name cannot
 * stall a lint run).
 *
 * Syntax, a subset of RE2/ECMAScript: literals; `.`; classes `[a-z]`,
 * `[^...]` with ranges and escapes; `\d \D \w \W \s \S`; escapes of
 * metacharacters and `\t \n \r \xHH`; `^` and `$` (whole-subject anchors);
 * groups `( )` and `(?: )` (no captures are reported); alternation `|`;
 * `* + ?` and `{m}`, `{m,}`, `{m,n}` (n <= 1000), each with an optional
 * lazy `?` accepted and ignored (matching is a yes/no search); the prefix
 * `(?i)` makes the whole pattern ASCII case-insensitive. Subjects and
 * patterns are UTF-8: `.` and classes match whole code points.
 *
 * Ownership: tl_regex_compile() returns a new object, freed with
 * tl_regex_free(); matching never allocates per call beyond the object's
 * own scratch, so one compiled regex must not be used by two threads at
 * once. */
#ifndef TL_REGEX_H
#define TL_REGEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_regex tl_regex;

/* Compile len bytes of pattern. Returns NULL on a syntax error, with *err
 * (free() it) a lower-case message and *err_offset the byte offset in the
 * pattern where it was found. */
tl_regex *tl_regex_compile(const char *pattern, size_t len, char **err, size_t *err_offset);
/* True when the pattern matches anywhere in the len bytes of subject
 * (anchors excepted). */
bool tl_regex_search(tl_regex *re, const char *subject, size_t len);
void tl_regex_free(tl_regex *re);

#endif
