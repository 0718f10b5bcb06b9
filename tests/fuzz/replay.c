/* replay.c: runs a fuzz target over files and directories given on the
 * command line, so `make check` replays every corpus without libFuzzer. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/os.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = tl_os_fopen(path, "rb");
	tl_buf b = {0};
	char chunk[65536];
	size_t n;

	if (!f) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		tl_buf_add(&b, chunk, n);
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)(b.data ? b.data : ""), b.len);
	tl_buf_free(&b);
	return 0;
}

static int replay(const char *path, size_t *count)
{
	tl_stat_t st;
	char **names;
	size_t n, i;
	int rc = 0;

	if (tl_os_stat(path, &st) != 0) {
		fprintf(stderr, "%s: not found\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return replay_file(path);
	}
	/* sorted, hidden names left out */
	if (tl_dir_names(path, &names, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		char *sub = tl_xasprintf("%s/%s", path, names[i]);
		if (replay(sub, count) != 0)
			rc = -1;
		free(sub);
	}
	tl_strv_free(names, n);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		if (replay(argv[i], &count) != 0)
			rc = 1;
	printf("replayed %zu inputs\n", count);
	return rc;
}
