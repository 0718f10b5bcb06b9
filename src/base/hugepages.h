/* hugepages.h: a large run asks glibc's allocator for transparent huge
 * pages, by starting itself again with the setting.
 *
 * Reading 100,000 certificates touches about 200 MB of fresh heap. Linux
 * maps it 4 KB at a time, and on the virtual machines CI runs on one page
 * fault costs about 6 microseconds: 49,000 faults were 0.3 s of CPU, a
 * sixth of the run. glibc 2.35 and later back the heap with 2 MB pages
 * when GLIBC_TUNABLES says glibc.malloc.hugetlb=1 (11,000 faults, 13%
 * faster there), but reads that setting only when a program starts.
 *
 * So main() calls tl_huge_pages_reexec() first. It starts the same
 * program again, once, with the same arguments and glibc.malloc.hugetlb=1
 * added to GLIBC_TUNABLES, when all of these hold:
 *   - Linux, glibc 2.35 or later, transparent huge pages in "madvise" mode
 *     (/sys/kernel/mm/transparent_hugepage/enabled; in "always" mode the
 *     heap gets them anyway, in "never" not at all);
 *   - the regular files named by the arguments (an argument, or what
 *     follows the = of STORE=FILE) are TL_HUGE_PAGES_MIN bytes or more;
 *   - GLIBC_TUNABLES does not already set glibc.malloc.hugetlb (the user's
 *     own choice);
 *   - TRUSTLINT_HUGE_PAGES is not 0 (the second start is given 0, so it
 *     never starts a third);
 *   - not a setuid, setgid or file-capability start (glibc drops the
 *     tunables there), not started by the dynamic loader by hand
 *     (/proc/self/exe would be the loader);
 *   - not under Valgrind (its preload in LD_PRELOAD), which would go on
 *     watching a program that is no longer running.
 * Nothing has been read or written before it, so the run is the same run:
 * same output, same exit status (tests/hugepages.test). When the start
 * fails, it returns and the run goes on without huge pages. */
#ifndef TL_HUGEPAGES_H
#define TL_HUGEPAGES_H

/* Inputs of this many bytes or more: a 16 MB store is about 25,000
 * certificates, whose page faults cost ten times the 10 ms of starting
 * again. */
#define TL_HUGE_PAGES_MIN ((long long)16 << 20)

void tl_huge_pages_reexec(int argc, char **argv);

#endif
