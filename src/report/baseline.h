/* baseline.h: --baseline OLD.sarif, and the result fingerprint shared with
 * the SARIF writer (DESIGN.md 5).
 *
 * A result of the current run is "unchanged" when the baseline holds a
 * result with the same ruleId and partialFingerprints.primaryLocationLineHash,
 * else "new"; baseline results no current result matched are "absent".
 * A result about an object is fingerprinted by rule and object
 * (tl_fingerprint); one about a file as a whole, an input-* diagnostic, by
 * rule, artifact URI and message (tl_file_fingerprint), so the same
 * diagnostic on two files is two alerts.
 *
 * Use: load; for each current result, tl_baseline_state() then
 * tl_baseline_mark_seen(); then tl_baseline_absent() for the rest.
 *
 * Ownership: a tl_baseline owns every string it hands out; errors go into
 * the caller's sink (base/diag.h), which copies them. */
#ifndef TL_BASELINE_H
#define TL_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

typedef struct tl_baseline tl_baseline;

/* At most this many JSON values (object keys included) in a baseline: a
 * compact SARIF log spends about 16 bytes a value, so this admits any real
 * log under TL_MAX_BASELINE_BYTES (512 MiB), whose jansson tree takes some
 * 3 GB, while a file of "{},{},..." under the byte cap, which would take
 * some 40 GB, is held to about 8. */
#define TL_MAX_BASELINE_VALUES ((size_t)1 << 25)

/* locations[0].physicalLocation.region of a baseline result: each member
 * -1 when the log has none, or none that SARIF allows (lines and columns
 * count from 1, byte offsets and lengths from 0). */
typedef struct tl_baseline_region {
	int64_t start_line, start_column, end_line, end_column;
	int64_t byte_offset, byte_length;
} tl_baseline_region;

/* One result of the baseline log. */
typedef struct tl_baseline_result {
	const char *rule_id;
	const char *fingerprint; /* primaryLocationLineHash, as written */
	const char *message;     /* message.text, or NULL */
	const char *level;       /* "error", "warning", "note", "none", or NULL */
	const char *object;      /* logicalLocations[0].fullyQualifiedName, or NULL */
	const char *uri;         /* locations[0] artifactLocation.uri, or NULL */
	const char *uri_base_id; /* its uriBaseId, or NULL */
	tl_baseline_region region; /* where in that file, as the log said */
	/* a result with a uri and no object: its fingerprint as written before
	 * file results had their own (tl_fingerprint of rule and message), or
	 * NULL */
	const char *legacy_fingerprint;
	bool seen;
} tl_baseline_result;

/* The fingerprint of a result: the first 32 lower-case hex digits of the
 * SHA-256 of "rule_id\0object" (or "rule_id\0message" when object is NULL)
 * followed by ":1". out receives a NUL-terminated string of 34 characters. */
void tl_fingerprint(const char *rule_id, const char *object, const char *message, char out[40]);
/* The fingerprint of a result about a file as a whole (no object): the same
 * form, of "rule_id\0uri\0message", uri as the SARIF log writes it (after
 * --sarif-root). */
void tl_file_fingerprint(const char *rule_id, const char *uri, const char *message, char out[40]);
/* Fingerprint every result of this process as one machine's of a fleet
 * (fleet mode, in the machine's own process): its name leads what is
 * hashed, so the same finding on two machines is two alerts. NULL, the
 * default: no machine. The name is borrowed. */
void tl_fingerprint_set_machine(const char *machine);

/* Read the results of every run of a SARIF log. A result without a
 * fingerprint gets one computed from its ruleId, logical location and
 * message, or, with no logical location but an artifact URI, from its
 * ruleId, URI and message; a result of that kind whose fingerprint is
 * tl_fingerprint's of its rule and message (a log from before file results
 * had their own) gets tl_file_fingerprint's instead, so it matches the
 * same diagnostic on the same file now. Results whose baselineState is
 * "absent" are skipped. The file
 * is read through tl_source_read(): a regular file of at most
 * TL_MAX_BASELINE_BYTES (a FIFO or a device is refused, never waited on or
 * read forever). On failure returns NULL after adding one error
 * (baseline-file) to errs, located at the file ("x.sarif: error: not a
 * regular file (a FIFO) [baseline-file]") or, for invalid JSON, at its
 * line and column. */
tl_baseline *tl_baseline_load(const char *sarif_path, tl_diags *errs);
/* The same over len bytes of JSON in memory, named path in messages;
 * neither is kept. Nesting deeper than jansson's limit (2048) is an
 * error, "file:line:col: error: maximum parsing depth reached near '['";
 * more than TL_MAX_BASELINE_VALUES values is "file: error: too many JSON
 * values (over 33554432, the limit for a baseline)". */
tl_baseline *tl_baseline_parse(const char *path, const char *data, size_t len, tl_diags *errs);
void tl_baseline_free(tl_baseline *b);
/* Number of results loaded. */
size_t tl_baseline_count(const tl_baseline *b);

/* "unchanged" when b holds (rule_id, fingerprint), else "new" (also when b
 * is NULL). A file result's legacy_fingerprint matches too: callers that
 * know no artifact URI (tl_baseline_finding_state, --fail-on-new) pass
 * tl_fingerprint's of rule and message, which matches the diagnostic on
 * any file, as it did before file results had their own. */
const char *tl_baseline_state(const tl_baseline *b, const char *rule_id, const char *fingerprint);
/* Mark every baseline result with (rule_id, fingerprint), or that legacy
 * fingerprint, as seen; returns whether there was one. */
bool tl_baseline_mark_seen(tl_baseline *b, const char *rule_id, const char *fingerprint);
/* The baseline results not marked seen, in log order: stores a new array
 * of pointers into b in *out (free() the array alone; NULL when none) and
 * returns its length. */
size_t tl_baseline_absent(const tl_baseline *b, const tl_baseline_result ***out);

/* A finding's state against b ("new" or "unchanged"; "new" when b is
 * NULL), marking what it matches as seen, for the text and JSON reports
 * (SARIF computes the same from its own fingerprint). */
struct tl_finding;
const char *tl_baseline_finding_state(tl_baseline *b, const struct tl_finding *x);

#endif
