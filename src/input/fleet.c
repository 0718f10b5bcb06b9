/* fleet.c: telling a folder of machine exports from one machine's export
 * (fleet.h). Only names are looked at, never contents: a folder walk of
 * a machine reads files by content, but whether a folder is one machine or
 * many must be known before any file is read. */
#include "config.h"

#include "input/fleet.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/os.h"
#include "base/util.h"
#include "input/input.h"
#include "model/store.h"

/* Extensions of the files an export holds: a folder with one of them at
 * its top is a machine, not a fleet. */
static const char *const export_ext[] = {
	".sst", ".p7b", ".p7c", ".stl", ".cab", ".reg", ".config", ".pem", ".cer", ".crt", ".der",
};

static bool export_file_name(const char *name)
{
	tl_location loc;
	char *store = NULL;
	size_t i;

	if (tl_strcasecmp(name, "export.json") == 0)
		return true;
	for (i = 0; i < TL_ARRAY_LEN(export_ext); i++)
		if (tl_has_suffix_ci(name, export_ext[i]))
			return true;
	if (tl_infer_store(name, &loc, &store) == 0) {
		free(store);
		return true;
	}
	return false;
}

/* A subfolder a machine export has: a location, or the collection
 * script's IIS and registry folders. */
static bool export_folder_name(const char *name)
{
	return tl_location_parse(name, strlen(name)) >= 0 || tl_strcasecmp(name, "IIS") == 0 ||
	       tl_strcasecmp(name, "registry") == 0;
}

static bool is_dir(const char *path)
{
	tl_stat_t st;

	return tl_os_stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether dir holds an export at its top: 1 yes, 0 no, -1 unreadable. */
static int holds_export(const char *dir)
{
	char **names = NULL;
	size_t count = 0, i;
	int yes = 0;

	if (tl_dir_names(dir, &names, &count) != 0)
		return -1;
	for (i = 0; i < count && !yes; i++) {
		char *path = tl_os_path_join(dir, names[i]);

		yes = is_dir(path) ? export_folder_name(names[i]) : export_file_name(names[i]);
		free(path);
	}
	tl_strv_free(names, count);
	return yes;
}

bool tl_fleet_find(const char *dir, tl_fleet *out)
{
	char **names = NULL;
	size_t count = 0, i, cap = 0, skip_cap = 0;

	memset(out, 0, sizeof(*out));
	if (!is_dir(dir) || holds_export(dir) != 0 || tl_dir_names(dir, &names, &count) != 0)
		return false;
	for (i = 0; i < count; i++) {
		char *path = tl_os_path_join(dir, names[i]);

		if (!is_dir(path)) {
			free(path);
			continue;
		}
		if (holds_export(path) == 1) {
			tl_xgrow((void **)&out->machines, &cap, out->count + 1, sizeof(*out->machines));
			out->machines[out->count].name = tl_xstrdup(names[i]);
			out->machines[out->count].path = path;
			out->count++;
		} else {
			tl_xgrow((void **)&out->skipped, &skip_cap, out->skipped_count + 1,
				 sizeof(*out->skipped));
			out->skipped[out->skipped_count++] = tl_xstrdup(names[i]);
			free(path);
		}
	}
	tl_strv_free(names, count);
	if (out->count == 0) {
		tl_fleet_free(out);
		return false;
	}
	return true;
}

void tl_fleet_free(tl_fleet *f)
{
	size_t i;

	for (i = 0; i < f->count; i++) {
		free(f->machines[i].name);
		free(f->machines[i].path);
	}
	free(f->machines);
	tl_strv_free(f->skipped, f->skipped_count);
	memset(f, 0, sizeof(*f));
}
