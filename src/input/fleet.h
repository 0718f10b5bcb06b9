/* fleet.h: a folder of machine exports (DESIGN.md 1: "A folder whose
 * subfolders are machine exports is a fleet").
 *
 * `trustlint lint exports/` where exports/ holds web01/, web02/, ... each
 * one machine's export (recognised by its export.json or by the store
 * layout) lints machine by machine: main.c runs each in a process of its
 * own and src/report/fleet.c puts their reports together.
 *
 * Ownership: a tl_fleet owns its strings; tl_fleet_free() frees them. */
#ifndef TL_FLEET_H
#define TL_FLEET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_fleet_machine {
	char *name; /* the subfolder's name: the machine in reports and fingerprints */
	char *path; /* dir/name */
} tl_fleet_machine;

typedef struct tl_fleet {
	tl_fleet_machine *machines; /* in byte order of their names */
	size_t count;
	char **skipped; /* subfolders that are no machine export, for a note */
	size_t skipped_count;
} tl_fleet;

/* Whether the folder dir is a fleet: it holds no export of its own (no
 * export.json, no location, IIS or registry subfolder, no file named like
 * a store or with an export's extension) and at least one subfolder that
 * is a machine export (one of those, or an export.json). Returns true and
 * fills out; false leaves out empty (dir is one machine, or not a folder). */
bool tl_fleet_find(const char *dir, tl_fleet *out);
void tl_fleet_free(tl_fleet *f);

#endif
