/* waiver.h: --waivers FILE, findings accepted on purpose (DESIGN.md 5).
 *
 * The file is INI: each section is one waiver, named by its header, with
 *   rule    = RULE-ID or *             (required)
 *   sha1    = 40 hex digits            exactly one of these five
 *   sha256  = 64 hex digits
 *   binding = ENDPOINT (0.0.0.0:443)
 *   store   = LOCATION\STORE or STORE  (LocalMachine when omitted)
 *   object  = a finding's logical name (LocalMachine\Root\<SHA1>,
 *             HTTP\SslBindingInfo\0.0.0.0:443, machine): the way to waive
 *             a machine setting
 *   reason  = free text                (required)
 *   expires = YYYY-MM-DD or RFC 3339   (optional; a date is 00:00:00Z)
 *   owner   = free text                (optional)
 * Blank lines and lines starting with ';' or '#' are ignored.
 *
 * Ownership: a tl_waivers owns its strings; findings marked by
 * tl_waivers_apply() borrow the reason, owner and name, so the waivers
 * must outlive them. */
#ifndef TL_WAIVER_H
#define TL_WAIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "rules/lint.h"

typedef struct tl_waivers tl_waivers;

/* Parse a waiver file held in memory: len bytes of text (NUL bytes
 * included, reported as errors), named path in messages. Read line by
 * line; on a malformed file every defect is an error in errs
 * ("file:line:col: message", id "waiver-file") and NULL is returned.
 * path and text are copied: neither need outlive the call. */
tl_waivers *tl_waivers_parse(const char *path, const char *text, size_t len, tl_diags *errs);
/* Read path through tl_source_read() (regular files only, at most
 * TL_MAX_WAIVERS_BYTES: a FIFO or a device is refused, never waited on or
 * read forever) and parse it. A file that cannot be read is one error at
 * the file, "cannot read: not a regular file (a FIFO)"; NULL then. */
tl_waivers *tl_waivers_load(const char *path, tl_diags *errs);
/* Number of waivers loaded. */
size_t tl_waivers_count(const tl_waivers *w);
/* The rule id of every waiver (but '*') must be one known(id, ctx) accepts:
 * an unknown one is an error at the line and column of the id after
 * "rule =" (id "waiver-file"), "waiver 'NAME': no rule 'ID' (see 'trustlint
 * rules')", with "did you mean 'OTHER'? " before "see" when known accepts
 * an id one edit away (it is asked about each; ids over 64 characters and
 * unknown ids after the first 100 get no suggestion). Returns the number
 * of errors; w NULL: 0. */
size_t tl_waivers_check_rules(const tl_waivers *w, bool (*known)(const char *id, void *ctx),
			      void *ctx, tl_diags *errs);
/* Mark each finding a waiver matches as waived: the first matching waiver
 * in file order that has not expired at now (Unix seconds) wins; a finding
 * already waived keeps its waiver. A waiver that has expired waives
 * nothing. Then, when notes is not NULL, one note per waiver that needs
 * attention, in file order, at the waiver's [section] line:
 *   - id "waiver-expired": it has expired and would have matched a finding
 *     ("waiver 'NAME' for RULE expired on EXPIRES (FILE:LINE)");
 *   - id "waiver-unused": it matched no finding ("waiver 'NAME' matched no
 *     finding (rule 'RULE', sha1 HEX): remove it or check its keys"; the
 *     key is "sha256 HEX", "binding 'ENDPOINT'", "store 'LOCATION\STORE'"
 *     or "object 'NAME'" for the others). A waiver counts as matched even
 *     when an earlier one waived the finding: layered waivers are how a
 *     replacement takes over when the first expires. An expired waiver
 *     that matched nothing is unused too: its finding is gone, so it can
 *     be removed, and a CI run should say so once rather than never.
 * Each waiver gets at most one of the two. The waivers are indexed when
 * loaded, so this takes about linear time in findings plus waivers. */
void tl_waivers_apply(const tl_waivers *w, tl_findings *f, int64_t now, tl_diags *notes);
void tl_waivers_free(tl_waivers *w);

/* Write a waiver file for f's findings not waived (lint --write-waivers),
 * one section per finding, named RULE-N: rule, then sha1 for a parsed
 * certificate or CTL, else object (the logical name), the message as a
 * comment, and reason, owner and expires as comments to fill in. With no
 * reason the file does not load ("waiver 'x' has no 'reason'"), so nothing
 * is waived until someone says why. Input diagnostics, which no waiver can
 * name, and objects whose name cannot be an INI value are listed as
 * comments. Makes every finding's text (tl_findings_describe). 0, or -1
 * on a write error. */
int tl_waivers_write(tl_findings *f, FILE *out);

#endif
