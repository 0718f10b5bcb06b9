/* fuzz_input.c: folder loading. The input is a small archive of files
 * that is written into a fresh folder and read as one export: detection
 * by content, store names from file names and location subfolders,
 * reports and unknown files skipped, subfolders noted, registry Blobs
 * built, diagnostics capped.
 *
 * Archive: records of [name index: 1 byte][length: 2 bytes, little
 * endian][bytes]; the name is names[index % count]; a record that runs
 * past the end takes what is left. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/input.h"
#include "base/os.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* File names the collection script writes, and the ones a walk must
 * skip or note. */
static const char *const names[] = {
	"Root.sst", "CA.p7b", "My.pem", "AuthRoot.stl", "schannel.reg", "http.reg",
	"LocalMachine/Root.sst", "LocalMachine/Disallowed.sst", "CurrentUser/My.sst",
	"LocalMachineGroupPolicy/Root.sst", "registry/systemcertificates.reg", "notes.txt",
	"trustlint.sarif", "Rooot.sst", "web01/LocalMachine/Root.sst", "LocalMachine/x/y.sst",
	"AAD Token Issuer.sst", "LocalMachine-CA.crt",
};

static void write_file(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char *path = tl_xasprintf("%s/%s", dir, name), *slash;
	FILE *f;

	/* make the subfolders of the name */
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		tl_os_mkdir(path);
		*slash = '/';
	}
	f = tl_os_fopen(path, "ab");
	if (f) {
		fwrite(p, 1, n, f);
		fclose(f);
	}
	free(path);
}

static void remove_tree(const char *path)
{
	char **entries = NULL;
	size_t n = 0, i;
	tl_stat_t st;

	if (!tl_os_is_symlink(path) && tl_os_stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	    tl_dir_names(path, &entries, &n) == 0) {
		for (i = 0; i < n; i++) {
			char *child = tl_xasprintf("%s/%s", path, entries[i]);
			remove_tree(child);
			free(child);
		}
		tl_strv_free(entries, n);
		tl_os_rmdir(path);
	} else {
		tl_os_remove(path);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *tmp = tl_os_temp_dir(), *dir = tl_xasprintf("%s/tl-fuzz-input-XXXXXX", tmp);
	size_t pos = 0;
	tl_inputs *in;
	tl_diags *errs;

	free(tmp);
	if (!tl_os_mkdtemp(dir)) {
		free(dir);
		return 0;
	}
	errs = tl_diags_new();
	while (pos + 3 <= size) {
		size_t idx = data[pos] % TL_ARRAY_LEN(names);
		size_t len = (size_t)data[pos + 1] | (size_t)data[pos + 2] << 8;

		pos += 3;
		if (len > size - pos)
			len = size - pos;
		write_file(dir, names[idx], data + pos, len);
		pos += len;
	}
	in = tl_inputs_new();
	if (tl_inputs_add(in, dir, errs) == 0)
		tl_inputs_finish(in);
	tl_diags_free(errs);
	tl_inputs_free(in);
	remove_tree(dir);
	free(dir);
	return 0;
}
