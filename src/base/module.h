/* module.h: where the running trustlint's own files are, and the two
 * libraries it loads only when a run needs them.
 *
 * libxml2 (with ICU underneath it on Debian) and Graphviz are most of what
 * the dynamic loader maps at start-up, yet a run reads XML only for IIS
 * and WCF configuration files and lays out a graph only for the HTML
 * report. Linked into the program they cost every run: measured on the
 * CI machine, 2.7 MB of resident memory and 2.6 ms of start-up for
 * libxml2 and ICU, 1 MB and 0.7 ms for Graphviz, on a lint of Microsoft's
 * 434 roots that takes about 45 ms in all. So each sits behind a table of
 * functions (formats/xml_backend.h, report/graphviz.h) built as a module
 * of its own, loaded with dlopen() the first time a run asks for it.
 *
 * A build without modules (./configure --disable-modules: the static
 * Windows executable, platforms without dlopen) links both tables into the
 * program, and tl_module_table() is never called.
 *
 * Where modules are looked for, one folder, the first of these that
 * applies (a module not there is not looked for elsewhere):
 *   - TRUSTLINT_MODULE_DIR, when set and not empty;
 *   - the build tree's src/.libs, when the running program is in its
 *     build tree (the top directory, tests/ or tests/fuzz/), so a build
 *     runs before it is installed and never loads an older installed copy;
 *   - $(pkglibdir), where `make install` puts them.
 * A module is used only when it was built from the same version with the
 * same table layout (its table's abi, size and version); anything else is
 * refused with the reason, as a file that is not there is. */
#ifndef TL_MODULE_H
#define TL_MODULE_H

#include <stddef.h>

/* The program's argv[0], for tl_binary_dir() where /proc/self/exe is not. */
void tl_set_program_path(const char *argv0);

/* The directory of the running program: /proc/self/exe where it exists
 * (Linux), else argv[0] resolved (macOS, MSYS2). Empty when unknown. */
void tl_binary_dir(char *out, size_t size);

/* Whether the running program's directory is the build tree's folder sub
 * ("" for the top, "/tests" for the test programs), symbolic links in
 * either resolved (/proc/self/exe gives the real path). */
int tl_in_build_dir(const char *sub);

/* Every table starts with these, for the check that a module is the one
 * this program was built with. */
typedef struct tl_module_head {
	unsigned abi;        /* the table's own ABI number */
	unsigned size;       /* sizeof its table */
	const char *version; /* PACKAGE_VERSION it was built from */
} tl_module_head;

/* The table named symbol in module name ("xml": trustlint-xml.so), loaded
 * once per process whatever the threads (later calls return the first
 * call's answer). NULL, with *why set to a sentence that names the file
 * and the reason (static: do not free), when it cannot be used. */
const void *tl_module_table(const char *name, const char *symbol, unsigned abi, size_t size,
			    const char **why);

/* The table a module exports, named by the object itself (declared extern
 * in the table's header, e.g. tl_xml_backend_libxml2): loaded from module
 * name the first time, or the object linked in (--disable-modules, where
 * *why is NULL). NULL with *why set when the module cannot be used. */
#ifdef TL_MODULES
#define TL_MODULE_TABLE(name, table, abi, why) \
	((const void *)tl_module_table((name), #table, (abi), sizeof(table), (why)))
#else
#define TL_MODULE_TABLE(name, table, abi, why) (*(why) = NULL, (const void *)&(table))
#endif

#endif
