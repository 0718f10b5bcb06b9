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

#include <stdint.h>

#include "diag.h"
#include "lint.h"

typedef struct tl_waivers tl_waivers;

/* Load path. On a malformed file, every defect is an error in errs
 * ("file:line:col: message", id "waiver-file") and NULL is returned. */
tl_waivers *tl_waivers_load(const char *path, tl_diags *errs);
/* Number of waivers loaded. */
size_t tl_waivers_count(const tl_waivers *w);
/* Mark each finding a waiver matches as waived (the first matching waiver
 * in file order that has not expired at now, Unix seconds). A waiver that
 * has expired waives nothing; if it would have matched a finding, one
 * note (id "waiver-expired", at the waiver's line) says so. */
void tl_waivers_apply(const tl_waivers *w, tl_findings *f, int64_t now, tl_diags *notes);
void tl_waivers_free(tl_waivers *w);

#endif
