/* hugepages.c: see hugepages.h. */
#include "config.h"

#include "base/hugepages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/os.h"
#include "base/util.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <sys/auxv.h>

#define TUNABLE "glibc.malloc.hugetlb"

/* glibc 2.35 is the first with glibc.malloc.hugetlb (its NEWS). */
static int glibc_has_hugetlb(void)
{
	unsigned major = 0, minor = 0;

	if (sscanf(gnu_get_libc_version(), "%u.%u", &major, &minor) != 2)
		return 0;
	return major > 2 || (major == 2 && minor >= 35);
}

/* Transparent huge pages only where a program asks for them
 * (Documentation/admin-guide/mm/transhuge.rst: the mode in brackets). */
static int thp_madvise_mode(void)
{
	char mode[128];
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "re");
	int yes = 0;

	if (!f)
		return 0;
	if (fgets(mode, sizeof(mode), f))
		yes = strstr(mode, "[madvise]") != NULL;
	fclose(f);
	return yes;
}

/* The bytes of the regular files the arguments name, up to the point
 * where they are enough. */
static long long input_bytes(int argc, char **argv)
{
	long long total = 0;
	int i;

	for (i = 1; i < argc && total < TL_HUGE_PAGES_MIN; i++) {
		const char *eq = strchr(argv[i], '=');
		struct stat st;

		if (argv[i][0] == '-')
			continue;
		if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode))
			total += (long long)st.st_size;
		else if (eq && stat(eq + 1, &st) == 0 && S_ISREG(st.st_mode))
			total += (long long)st.st_size;
	}
	return total;
}

void tl_huge_pages_reexec(int argc, char **argv)
{
	const char *off = getenv("TRUSTLINT_HUGE_PAGES"), *old = getenv("GLIBC_TUNABLES");
	char *value, *saved, *saved_off;

	if ((off && !strcmp(off, "0")) || (old && strstr(old, TUNABLE)) ||
	    tl_os_under_valgrind())
		return;
	/* a setuid, setgid or file-capability start: glibc drops the
	 * tunables of its environment, so the second start would not see
	 * them and start a third; and started by the dynamic loader by hand
	 * (ld.so ./trustlint), /proc/self/exe is the loader, not trustlint */
	if (getauxval(AT_SECURE) || getauxval(AT_BASE) == 0)
		return;
	if (!glibc_has_hugetlb() || !thp_madvise_mode() || input_bytes(argc, argv) < TL_HUGE_PAGES_MIN)
		return;
	saved = old ? tl_xstrdup(old) : NULL;
	saved_off = off ? tl_xstrdup(off) : NULL;
	value = saved && *saved ? tl_xasprintf("%s:" TUNABLE "=1", saved) : tl_xstrdup(TUNABLE "=1");
	/* the second start is told not to start again in words of its own,
	 * whatever glibc makes of GLIBC_TUNABLES */
	if (setenv("GLIBC_TUNABLES", value, 1) == 0 && setenv("TRUSTLINT_HUGE_PAGES", "0", 1) == 0) {
		execv("/proc/self/exe", argv);
		/* not started: go on as we are, the environment as it was */
		if (saved_off)
			setenv("TRUSTLINT_HUGE_PAGES", saved_off, 1);
		else
			unsetenv("TRUSTLINT_HUGE_PAGES");
	}
	if (saved)
		setenv("GLIBC_TUNABLES", saved, 1);
	else
		unsetenv("GLIBC_TUNABLES");
	free(value);
	free(saved);
	free(saved_off);
}

#else

void tl_huge_pages_reexec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
}

#endif
