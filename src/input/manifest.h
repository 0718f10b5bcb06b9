/* manifest.h: export.json, the manifest the collection script
 * (contrib/Export-TrustState.ps1) writes beside the files it exports
 * (doc/export-json.md).
 *
 * It says what the folder alone cannot: which machine it is, when and by
 * what it was collected, the OS build, whether the script ran elevated,
 * and every store of each location with its count, 0 included, so an
 * empty store is told apart from one that was not exported and from one
 * the machine does not have. The loader (input.c) reads it with
 * tl_export_parse() and compares it with what the files held once every
 * input is read (tl_export_check()).
 *
 * Ownership: a tl_export owns every string in it; tl_export_free() frees
 * them. Its path is the source's, which outlives it (tl_inputs keeps both). */
#ifndef TL_MANIFEST_H
#define TL_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/source.h"
#include "base/util.h"
#include "model/store.h"

/* The manifest version this trustlint reads; a newer one is read as this
 * one, with a warning. */
#define TL_EXPORT_VERSION 1

/* Stores and registry keys read from one manifest (trustlint(1), LIMITS):
 * a machine has a few dozen of each. */
#define TL_EXPORT_MAX_ENTRIES 1000

/* The key whose values the script copies into "os" (and os.reg holds):
 * "Windows NT\CurrentVersion" (learn.microsoft.com, "Operating System
 * Version"; CurrentBuildNumber and UBR are its build and revision). */
#define TL_NT_CURRENT_VERSION_KEY "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"

typedef enum tl_export_status {
	TL_EXPORT_EXPORTED = 0, /* written to the files named */
	TL_EXPORT_EMPTY,        /* the store holds nothing (no file), or the key is absent */
	TL_EXPORT_FAILED,       /* the script could not read or write it: error says why */
} tl_export_status;

/* One store as the script found it. */
typedef struct tl_export_store {
	tl_location location;
	char *name;
	tl_export_status status;
	long long certificates, ctls; /* -1 when the manifest does not say */
	char *file;                   /* the certificates' file, relative, or NULL */
	char *error;                  /* TL_EXPORT_FAILED: the script's message */
	uint32_t line;                /* of the entry in export.json */
} tl_export_store;

/* One registry key the script exports. */
typedef struct tl_export_key {
	char *key;
	char *file; /* relative, or NULL */
	tl_export_status status; /* TL_EXPORT_EMPTY: the key is not on the machine */
	char *error;
	uint32_t line;
} tl_export_key;

typedef struct tl_export {
	const char *path; /* export.json, borrowed from its source */
	long long version;
	char *computer;      /* NULL when not said */
	char *domain;
	char *collected;     /* "2026-12-01T10:20:30Z" as written */
	int64_t collected_time; /* parsed, or INT64_MIN */
	char *script_version;
	char *powershell_version, *powershell_edition;
	int elevated;        /* 1, 0, or -1 when not said */
	bool complete;       /* the script says every part was exported */
	bool complete_known;
	/* the OS: the "Windows NT\CurrentVersion" values */
	char *os_product, *os_current_version, *os_display_version, *os_edition;
	bool os_build_known;
	int64_t os_build; /* CurrentBuildNumber */
	int64_t os_ubr;   /* UBR, or -1 */
	/* locations whose every store the script listed: a store of one
	 * that is not in stores is not on the machine */
	bool listed[TL_LOCATION_COUNT];
	tl_export_store *stores;
	size_t store_count;
	tl_export_key *keys;
	size_t key_count;
	char **problems; /* the script's warnings, as it printed them */
	uint32_t *problem_lines;
	size_t problem_count;
} tl_export;

/* Whether src looks like a manifest: a JSON object with a
 * "trustlint_export" member near its top (the loader's test before it
 * parses). */
bool tl_export_detect(const uint8_t *data, size_t len);

/* Parse src. Returns NULL after adding to d the error that makes it
 * unreadable (input-export-manifest-bad, at jansson's line and column);
 * otherwise a manifest, each member of the wrong type or value a warning
 * (input-export-manifest-field) and left out. Reads UTF-8 with or without
 * a byte order mark, and UTF-16LE with one. */
tl_export *tl_export_parse(const tl_source *src, tl_diags *d);
void tl_export_free(tl_export *e);

/* One line for reports, appended to out (raw: the caller escapes it):
 * "WEB01.corp.example: Windows Server 2019 Standard, build 17763.5830;
 * exported 2026-12-01T10:20:30Z by Export-TrustState.ps1 2.0.0, elevated". */
void tl_export_describe(const tl_export *e, tl_buf *out);

/* The store the manifest lists at loc under name (case-insensitive), or
 * NULL. */
const tl_export_store *tl_export_find_store(const tl_export *e, tl_location loc, const char *name);

/* What the script reported about the export as a whole: a partial
 * export (input-export-partial, and each failed store or key), one made
 * without elevation (input-export-not-elevated), a newer manifest
 * version. Called once, after parsing. */
void tl_export_report(const tl_export *e, tl_diags *d);

/* After every input is read: a store the manifest says is empty is made
 * in m (so rules see an empty store, not a missing one) and m->listed
 * marks the locations it lists whole; each exported store is compared
 * with the store read (input-export-file-missing,
 * input-export-count-mismatch). os_build: CurrentBuildNumber as the
 * registry inputs hold it, or NULL (input-export-os-mismatch when they
 * differ). */
void tl_export_check(const tl_export *e, tl_model *m, const char *registry_build, tl_diags *d);

#endif
