/* os.h: the few things trustlint does differently on Windows, in one
 * place, so no other file needs an #ifdef for them.
 *
 * Every path in trustlint is UTF-8. On POSIX systems these functions are
 * the plain calls. On Windows they convert the path to UTF-16 and call
 * the wide functions (_wfopen, _wopen, _wstat64, MoveFileExW...), so any
 * file name works on any Windows version: the ANSI code page cannot spell
 * most names, and the UTF-8 code page of a manifest is honoured only from
 * Windows 10 1903 (Server 2016 and 2019 ignore it). Files are always opened
 * in binary mode: no CRLF translation, no Ctrl-Z end of file. Windows
 * accepts '/' and '\\' alike, and so do the functions taking paths.
 *
 * Errors are reported as the plain calls do: -1 or NULL with errno set. */
#ifndef TL_OS_H
#define TL_OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

/* open() flags Windows has not: there, no file is a terminal to adopt or
 * a FIFO to wait on */
#include <fcntl.h>
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

#ifdef _WIN32
/* struct stat with a 64-bit size, filled from _wstat64 */
typedef struct _stat64 tl_stat_t;
#else
typedef struct stat tl_stat_t;
#endif

FILE *tl_os_fopen(const char *path, const char *mode);
/* mode is used with O_CREAT only */
int tl_os_open(const char *path, int flags, int mode);
int tl_os_stat(const char *path, tl_stat_t *st);
int tl_os_fstat(int fd, tl_stat_t *st);
/* Read at an offset (the file position is unspecified afterwards). */
long long tl_os_pread(int fd, void *buf, size_t n, int64_t offset);
/* Whether path is a symbolic link (never on Windows, where the plain
 * stat already follows links and junctions). */
bool tl_os_is_symlink(const char *path);
/* Replace to with from, atomically where the system can. */
int tl_os_rename(const char *from, const char *to);
int tl_os_remove(const char *path);
int tl_os_rmdir(const char *path);
/* A new private file or folder from a template ending in XXXXXX, which
 * is rewritten in place (as mkstemp and mkdtemp do). */
int tl_os_mkstemp(char *tmpl);
char *tl_os_mkdtemp(char *tmpl);
/* A stream whose bytes end in memory: open_memstream where the C library
 * has it, else an unnamed temporary file read back when closed.
 * tl_os_memout_close() closes it and leaves the bytes, NUL-terminated, in
 * m->buf (malloc'd, the caller's) and their count in m->len; -1 when a
 * write failed (m->buf NULL). */
typedef struct tl_os_memout {
	FILE *fp;
	char *buf;
	size_t len;
} tl_os_memout;
FILE *tl_os_memout_open(tl_os_memout *m);
int tl_os_memout_close(tl_os_memout *m);
/* A folder, private to the user where the system has modes. */
int tl_os_mkdir(const char *path);
/* The folder for temporary files, malloc'd, without a final separator:
 * TMPDIR or /tmp; on Windows the user's TEMP folder. */
char *tl_os_temp_dir(void);
/* The absolute path with links resolved where the system has them;
 * malloc'd, or NULL with errno set. */
char *tl_os_realpath(const char *path);
/* The file's identity, links followed, to tell two names of one file:
 * device and inode on POSIX, volume serial number and file index on
 * Windows (where stat's st_ino is always 0). False when it does not exist
 * or cannot be opened. */
bool tl_os_file_id(const char *path, uint64_t *dev, uint64_t *ino);
/* The same of an open file; st is its tl_os_fstat(), which holds the
 * identity on POSIX. False when the system cannot tell (a Windows file
 * system without file indexes): then no two files may be taken for one. */
bool tl_os_fd_id(int fd, const tl_stat_t *st, uint64_t *dev, uint64_t *ino);
/* An environment variable's value in UTF-8, malloc'd, or NULL when it is
 * not set (on Windows from the wide environment: getenv gives the ANSI
 * code page's rendering, lossy for most folder names). */
char *tl_os_getenv(const char *name);
/* The current folder in UTF-8, malloc'd, or NULL with errno set. */
char *tl_os_getcwd(void);
/* The names in a folder, "." and ".." left out; malloc'd, each name and
 * the vector (tl_strv_free). -1 with errno set when it cannot be read. */
int tl_os_dir_names(const char *dir, char ***names, size_t *count);
/* The program's own file, malloc'd, or NULL when unknown (argv0 is the
 * fallback where the system cannot tell). */
char *tl_os_program_file(const char *argv0);
/* The last separator of path ('/', and '\\' on Windows), or NULL. */
const char *tl_os_last_sep(const char *path);
/* dir/name, malloc'd: no separator added after one dir ends with; on
 * Windows '\\' when that is the separator dir uses last, so a folder
 * given as C:\\export\\web01 lists C:\\export\\web01\\Root.sst. */
char *tl_os_path_join(const char *dir, const char *name);
/* Whether path is absolute: '/' first; on Windows also a drive letter and
 * a separator (C:\\, C:/) or '\\' first (\\\\server\\share). */
bool tl_os_path_is_absolute(const char *path);
/* Windows: whether p starts with a drive (a letter, ':', then a separator
 * or nothing), or with two separators and a name (a UNC path's
 * \\\\server); false elsewhere, where both are plain names. */
bool tl_os_is_drive(const char *p);
bool tl_os_is_unc(const char *p);
/* strncmp for paths: on Windows, whose file systems ignore case, ASCII
 * letters compare equal in either case. */
int tl_os_path_ncmp(const char *a, const char *b, size_t n);
/* path with '/' as its only separator, malloc'd, for a URI: on Windows
 * every '\\' becomes '/' and a drive path gets a '/' first (C:\\x is
 * /C:/x, as file:///C:/x spells it); elsewhere a copy. */
char *tl_os_uri_path(const char *path);
/* The errno of a stream's failed write to fd, e as the stream gave it:
 * EPIPE on Windows when fd is a pipe, since by the time a stream is
 * flushed msvcrt has lost the write's own error, and a pipe refuses a
 * write only when its reader has gone (inferred; `trustlint ... |
 * Select-Object -First 3` must end as quietly as `| head -3` does, which
 * tests/check-windows.sh checks under Wine). */
int tl_os_write_errno(int fd, int e);
/* The CPUs the process may run on, at least 1. */
unsigned tl_os_cpus(void);
/* Whether fd is a terminal that understands colour escapes: on Windows
 * a console, switched to virtual-terminal mode (Windows 10 and later). */
bool tl_os_color_terminal(int fd);
/* Whether the program runs under valgrind (its preload library), which
 * a second start would escape and whose leak check wants memory freed. */
bool tl_os_under_valgrind(void);
/* Standard streams in binary mode, and the console's output code page
 * UTF-8 until the run ends (Windows; nothing elsewhere). */
void tl_os_binary_stdio(void);
/* The program's arguments in UTF-8: argv itself on POSIX; on Windows
 * the wide command line converted (argv holds the ANSI code page's
 * rendering, lossy for most names). The result lives to the end. */
char **tl_os_utf8_args(int *argc, char **argv);

#ifdef _WIN32
/* Windows has no fork(): a fleet's machine is linted by this program
 * started again, with the same command line (GetCommandLineW) and the
 * UTF-8 pairs env[0]=env[1], env[2]=env[3]... added to its environment,
 * with no handle inherited. Returns the process (for tl_os_wait_any), or
 * NULL with errno set. */
void *tl_os_rerun(const char *const *env, size_t n);
/* Wait for one of n processes to end: *which is its index, *code its exit
 * code (an NTSTATUS such as 0xC0000005 for a crash), and the process is
 * closed. -1 with errno set when the wait fails. */
int tl_os_wait_any(void *const *procs, size_t n, size_t *which, unsigned long *code);
/* End a process of tl_os_rerun's and close it. */
void tl_os_stop(void *proc);
#endif

#endif
