/* module.c: see module.h. */
#include "config.h"

#include "base/module.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef TL_MODULES
#include <dlfcn.h>
#endif

#include "base/os.h"
#include "base/util.h"
#include "paths.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static const char *program_path;

void tl_set_program_path(const char *argv0)
{
	program_path = argv0;
}

void tl_binary_dir(char *out, size_t size)
{
	char *file = tl_os_program_file(program_path);
	const char *sep;

	out[0] = '\0';
	if (!file)
		return;
	sep = tl_os_last_sep(file);
	snprintf(out, size, "%.*s", (int)(sep ? (size_t)(sep - file) : strlen(file)), file);
	free(file);
}

int tl_in_build_dir(const char *sub)
{
	char dir[PATH_MAX], want[PATH_MAX];

	tl_binary_dir(dir, sizeof(dir));
	if (!dir[0])
		return 0;
	snprintf(want, sizeof(want), "%s%s", TL_BUILDDIR, sub);
	if (strcmp(dir, want) == 0)
		return 1;
	/* a build tree reached through a symbolic link (macOS's /tmp) */
	{
		char *real = tl_os_realpath(want);
		int same = real && strcmp(dir, real) == 0;

		free(real);
		return same;
	}
}

/* ---- loading */

/* The modules a run may load: two today. */
#define MODULES_MAX 4

typedef struct loaded {
	const char *name; /* static, the caller's */
	const void *table;
	char *why;
} loaded;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static loaded modules[MODULES_MAX];
static size_t module_count;

#ifdef TL_MODULES
/* The table in the file at path, or NULL with *why made. */
static const void *open_table(const char *path, const char *symbol, unsigned abi, size_t size,
			      char **why)
{
	/* RTLD_LOCAL: its libraries' symbols stay its own; RTLD_NOW: a
	 * library missing underneath it is found now, not half way through
	 * a file */
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	const tl_module_head *t;

	if (!h) {
		const char *e = dlerror();
		*why = tl_xasprintf("%s", e ? e : path);
		return NULL;
	}
	t = dlsym(h, symbol);
	if (!t) {
		*why = tl_xasprintf("%s holds no %s", path, symbol);
	} else if (t->abi != abi || t->size != size || !t->version ||
		   strcmp(t->version, PACKAGE_VERSION) != 0) {
		*why = tl_xasprintf("%s is from trustlint %s, not %s", path,
				    t->version ? t->version : "(unknown)", PACKAGE_VERSION);
	} else {
		return t; /* the handle stays open for the rest of the run */
	}
	dlclose(h);
	return NULL;
}

static const void *load(const char *name, const char *symbol, unsigned abi, size_t size,
			char **why)
{
	char *env = tl_os_getenv("TRUSTLINT_MODULE_DIR");
	const char *dir = env && *env ? env
			: tl_in_build_dir("") || tl_in_build_dir("/tests") || tl_in_build_dir("/tests/fuzz")
			? TL_BUILDDIR "/src/.libs" : TL_PKGLIBDIR;
	char *path = tl_xasprintf("%s/trustlint-%s.so", dir, name);
	char *err = NULL;
	const void *t = open_table(path, symbol, abi, size, &err);

	if (!t) {
		*why = tl_xasprintf("%s%s", err, env && *env ? " (the folder TRUSTLINT_MODULE_DIR names)" : "");
		free(err);
	}
	free(path);
	free(env);
	return t;
}
#else
static const void *load(const char *name, const char *symbol, unsigned abi, size_t size,
			char **why)
{
	*why = tl_xasprintf("this trustlint was built without modules, and without %s", name);
	return NULL;
}
#endif

const void *tl_module_table(const char *name, const char *symbol, unsigned abi, size_t size,
			    const char **why)
{
	const void *t = NULL;
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < module_count; i++)
		if (!strcmp(modules[i].name, name))
			break;
	if (i == module_count && i < MODULES_MAX) {
		modules[i].name = name;
		modules[i].table = load(name, symbol, abi, size, &modules[i].why);
		module_count++;
	}
	if (i < module_count) {
		t = modules[i].table;
		*why = modules[i].why;
	} else {
		*why = "too many modules";
	}
	pthread_mutex_unlock(&lock);
	return t;
}
