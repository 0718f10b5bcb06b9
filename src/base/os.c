/* os.c: see os.h. */
/* sched_getaffinity() and CPU_COUNT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "config.h"

#include "base/os.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#ifndef _WIN32

#include <dirent.h>
#include <limits.h>
#include <sched.h>
#include <unistd.h>

FILE *tl_os_fopen(const char *path, const char *mode)
{
	return fopen(path, mode);
}

int tl_os_open(const char *path, int flags, int mode)
{
	return open(path, flags, mode);
}

int tl_os_stat(const char *path, tl_stat_t *st)
{
	return stat(path, st);
}

int tl_os_fstat(int fd, tl_stat_t *st)
{
	return fstat(fd, st);
}

long long tl_os_pread(int fd, void *buf, size_t n, int64_t offset)
{
	return pread(fd, buf, n, (off_t)offset);
}

bool tl_os_is_symlink(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

int tl_os_rename(const char *from, const char *to)
{
	return rename(from, to);
}

int tl_os_remove(const char *path)
{
	return unlink(path);
}

int tl_os_rmdir(const char *path)
{
	return rmdir(path);
}

int tl_os_mkstemp(char *tmpl)
{
	return mkstemp(tmpl);
}

char *tl_os_mkdtemp(char *tmpl)
{
	return mkdtemp(tmpl);
}

#ifndef HAVE_OPEN_MEMSTREAM
/* An unnamed temporary file, gone when closed (tl_os_memout's stand-in
 * for a memory stream). */
static FILE *temp_file(void)
{
	return tmpfile();
}
#endif

int tl_os_mkdir(const char *path)
{
	return mkdir(path, 0700);
}

char *tl_os_temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	return tl_xstrdup(tmp && *tmp ? tmp : "/tmp");
}

char *tl_os_realpath(const char *path)
{
	return realpath(path, NULL);
}

bool tl_os_file_id(const char *path, uint64_t *dev, uint64_t *ino)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	*dev = (uint64_t)st.st_dev;
	*ino = (uint64_t)st.st_ino;
	return true;
}

bool tl_os_fd_id(int fd, const tl_stat_t *st, uint64_t *dev, uint64_t *ino)
{
	(void)fd;
	*dev = (uint64_t)st->st_dev;
	*ino = (uint64_t)st->st_ino;
	return true;
}

char *tl_os_getenv(const char *name)
{
	const char *v = getenv(name);

	return v ? tl_xstrdup(v) : NULL;
}

char *tl_os_getcwd(void)
{
	return getcwd(NULL, 0);
}

int tl_os_dir_names(const char *dir, char ***names, size_t *count)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;

	if (!dp)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		tl_xgrow((void **)&v, &cap, n + 1, sizeof(char *));
		v[n++] = tl_xstrdup(de->d_name);
	}
	closedir(dp);
	*names = v;
	*count = n;
	return 0;
}

char *tl_os_program_file(const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n > 0) {
		buf[n] = '\0';
		return tl_xstrdup(buf);
	}
	/* no /proc: the name it was started by, when that is a path */
	if (argv0 && strchr(argv0, '/'))
		return realpath(argv0, NULL);
	return NULL;
}

const char *tl_os_last_sep(const char *path)
{
	return strrchr(path, '/');
}

int tl_os_write_errno(int fd, int e)
{
	(void)fd;
	return e;
}

unsigned tl_os_cpus(void)
{
#ifdef CPU_COUNT
	cpu_set_t set;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
#endif
	{
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		return n > 0 ? (unsigned)n : 1;
	}
}

bool tl_os_color_terminal(int fd)
{
	return isatty(fd) != 0;
}

void tl_os_binary_stdio(void)
{
}

char **tl_os_utf8_args(int *argc, char **argv)
{
	(void)argc;
	return argv;
}

#else /* _WIN32 */

#include <io.h>
#include <windows.h>
#include <wchar.h>

/* errno for the last Win32 error of a call that has none of its own. */
static int win_errno(void)
{
	switch (GetLastError()) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_DRIVE:
	case ERROR_BAD_NETPATH:
	case ERROR_BAD_NET_NAME:
		return ENOENT;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
		return EACCES;
	case ERROR_ALREADY_EXISTS:
	case ERROR_FILE_EXISTS:
		return EEXIST;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		return ENOSPC;
	case ERROR_DIRECTORY:
		return ENOTDIR;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		return ENOMEM;
	case ERROR_INVALID_NAME:
		return EINVAL;
	default:
		return EIO;
	}
}

/* UTF-8 to a malloc'd UTF-16 string; NULL with errno EILSEQ when path is
 * not UTF-8 (a name no file can have). */
static wchar_t *wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	wchar_t *w;

	if (n <= 0) {
		errno = EILSEQ;
		return NULL;
	}
	w = tl_xmalloc((size_t)n * sizeof(wchar_t));
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
	return w;
}

/* UTF-16 to a malloc'd UTF-8 string (an unpaired surrogate becomes
 * U+FFFD, as Windows converts it). */
static char *narrow(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	char *s;

	if (n <= 0)
		return tl_xstrdup("");
	s = tl_xmalloc((size_t)n);
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

FILE *tl_os_fopen(const char *path, const char *mode)
{
	wchar_t *wp = wide(path), wm[8];
	size_t i, k = 0;
	bool binary = false;
	FILE *fp;

	if (!wp)
		return NULL;
	/* the caller's mode, binary always; "e" (close-on-exec) has no
	 * meaning here */
	for (i = 0; mode[i] && k < 6; i++) {
		if (mode[i] == 'e')
			continue;
		binary = binary || mode[i] == 'b';
		wm[k++] = (wchar_t)mode[i];
	}
	if (!binary)
		wm[k++] = L'b';
	wm[k] = 0;
	fp = _wfopen(wp, wm);
	free(wp);
	return fp;
}

int tl_os_open(const char *path, int flags, int mode)
{
	wchar_t *wp = wide(path);
	int fd;

	if (!wp)
		return -1;
	fd = _wopen(wp, flags | O_BINARY | O_NOINHERIT, mode);
	free(wp);
	return fd;
}

int tl_os_stat(const char *path, tl_stat_t *st)
{
	wchar_t *wp = wide(path);
	size_t n, full;
	int rc;

	if (!wp)
		return -1;
	/* the C library's stat refuses "dir\\" and "dir/" (ENOENT), which
	 * POSIX and Windows' own functions take for the folder; a root keeps
	 * its separator ("\\", "C:\\") */
	n = full = wcslen(wp);
	while (n > 1 && (wp[n - 1] == L'/' || wp[n - 1] == L'\\') && !(n == 3 && wp[1] == L':'))
		wp[--n] = 0;
	rc = _wstat64(wp, st);
	free(wp);
	/* "file/" names no file, as on POSIX */
	if (rc == 0 && n < full && !S_ISDIR(st->st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	return rc;
}

int tl_os_fstat(int fd, tl_stat_t *st)
{
	return _fstat64(fd, st);
}

long long tl_os_pread(int fd, void *buf, size_t n, int64_t offset)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	OVERLAPPED at;
	DWORD got = 0;

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	memset(&at, 0, sizeof(at));
	at.Offset = (DWORD)((uint64_t)offset & 0xFFFFFFFFu);
	at.OffsetHigh = (DWORD)((uint64_t)offset >> 32);
	if (n > 0x40000000u)
		n = 0x40000000u; /* ReadFile counts in a DWORD */
	if (!ReadFile(h, buf, (DWORD)n, &got, &at)) {
		if (GetLastError() == ERROR_HANDLE_EOF)
			return 0;
		errno = win_errno();
		return -1;
	}
	return (long long)got;
}

bool tl_os_is_symlink(const char *path)
{
	(void)path;
	return false;
}

int tl_os_rename(const char *from, const char *to)
{
	wchar_t *wf = wide(from), *wt = wide(to);
	int rc = 0;

	if (!wf || !wt)
		rc = -1;
	else if (!MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
		errno = win_errno();
		rc = -1;
	}
	free(wf);
	free(wt);
	return rc;
}

/* fn on the UTF-16 form of path. */
static int on_wide(const char *path, int (*fn)(const wchar_t *))
{
	wchar_t *wp = wide(path);
	int rc;

	if (!wp)
		return -1;
	rc = fn(wp);
	free(wp);
	return rc;
}

int tl_os_remove(const char *path)
{
	return on_wide(path, _wremove);
}

int tl_os_rmdir(const char *path)
{
	return on_wide(path, _wrmdir);
}

/* Fill the template's XXXXXX from a counter mixed with the process id and
 * the clock: names other runs will not pick, tried until one is free. */
static bool next_name(char *tmpl, unsigned attempt)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t len = strlen(tmpl), i;
	uint64_t v;

	if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX") != 0 || attempt > 1000) {
		errno = EINVAL;
		return false;
	}
	v = (uint64_t)GetCurrentProcessId() * 2654435761u ^ (uint64_t)GetTickCount64() * 40503u ^
	    (uint64_t)attempt * 0x9E3779B97F4A7C15ull;
	for (i = 0; i < 6; i++) {
		tmpl[len - 6 + i] = digits[v % 36];
		v /= 36;
	}
	return true;
}

int tl_os_mkstemp(char *tmpl)
{
	size_t len = strlen(tmpl);
	unsigned attempt;

	for (attempt = 0;; attempt++) {
		int fd;

		if (attempt)
			memcpy(tmpl + len - 6, "XXXXXX", 6);
		if (!next_name(tmpl, attempt))
			return -1;
		fd = tl_os_open(tmpl, O_RDWR | O_CREAT | O_EXCL, _S_IREAD | _S_IWRITE);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
}

char *tl_os_mkdtemp(char *tmpl)
{
	size_t len = strlen(tmpl);
	unsigned attempt;

	for (attempt = 0;; attempt++) {
		wchar_t *wp;
		int rc;

		if (attempt)
			memcpy(tmpl + len - 6, "XXXXXX", 6);
		if (!next_name(tmpl, attempt))
			return NULL;
		wp = wide(tmpl);
		if (!wp)
			return NULL;
		rc = _wmkdir(wp);
		free(wp);
		if (rc == 0)
			return tmpl;
		if (errno != EEXIST)
			return NULL;
	}
}

int tl_os_mkdir(const char *path)
{
	return on_wide(path, _wmkdir);
}

char *tl_os_temp_dir(void)
{
	wchar_t dir[MAX_PATH + 1];
	DWORD n = GetTempPathW(MAX_PATH + 1, dir);
	char *s;
	size_t len;

	if (n == 0 || n > MAX_PATH)
		return tl_xstrdup(".");
	s = narrow(dir);
	len = strlen(s);
	if (len > 1 && (s[len - 1] == '\\' || s[len - 1] == '/') && s[len - 2] != ':')
		s[len - 1] = '\0';
	return s;
}

/* An unnamed temporary file, gone when closed: in the user's TEMP folder,
 * where msvcrt's tmpfile would try the root of the drive. */
static FILE *temp_file(void)
{
	wchar_t dir[MAX_PATH + 1];
	DWORD n = GetTempPathW(MAX_PATH + 1, dir);
	char *d, *tmpl;
	unsigned attempt;
	FILE *fp = NULL;

	if (n == 0 || n > MAX_PATH) {
		errno = ENOENT;
		return NULL;
	}
	d = narrow(dir);
	tmpl = tl_xasprintf("%strustlint-XXXXXX", d);
	free(d);
	for (attempt = 0; !fp; attempt++) {
		wchar_t *wp;
		int fd;

		memcpy(tmpl + strlen(tmpl) - 6, "XXXXXX", 6);
		if (!next_name(tmpl, attempt))
			break;
		wp = wide(tmpl);
		if (!wp)
			break;
		/* O_TEMPORARY: Windows deletes it when the last handle closes */
		fd = _wopen(wp, O_RDWR | O_CREAT | O_EXCL | O_BINARY | O_NOINHERIT | O_TEMPORARY,
			    _S_IREAD | _S_IWRITE);
		free(wp);
		if (fd < 0) {
			if (errno != EEXIST)
				break;
			continue;
		}
		fp = _fdopen(fd, "w+b");
		if (!fp) {
			_close(fd);
			break;
		}
	}
	free(tmpl);
	return fp;
}

char *tl_os_realpath(const char *path)
{
	wchar_t *wp = wide(path), *full;
	DWORD n;
	char *s;

	if (!wp)
		return NULL;
	n = GetFullPathNameW(wp, 0, NULL, NULL);
	if (n == 0) {
		errno = win_errno();
		free(wp);
		return NULL;
	}
	full = tl_xmalloc((size_t)n * sizeof(wchar_t));
	if (GetFullPathNameW(wp, n, full, NULL) == 0) {
		errno = win_errno();
		free(wp);
		free(full);
		return NULL;
	}
	free(wp);
	if (GetFileAttributesW(full) == INVALID_FILE_ATTRIBUTES) {
		errno = win_errno();
		free(full);
		return NULL;
	}
	s = narrow(full);
	free(full);
	return s;
}

/* The volume's serial number and the file's index: what tells files
 * apart on Windows, where _stat64's st_ino is 0. */
static bool handle_id(HANDLE h, uint64_t *dev, uint64_t *ino)
{
	BY_HANDLE_FILE_INFORMATION info;

	if (!GetFileInformationByHandle(h, &info))
		return false;
	*dev = info.dwVolumeSerialNumber;
	*ino = (uint64_t)info.nFileIndexHigh << 32 | info.nFileIndexLow;
	return true;
}

bool tl_os_file_id(const char *path, uint64_t *dev, uint64_t *ino)
{
	wchar_t *wp = wide(path);
	HANDLE h;
	bool ok;

	if (!wp)
		return false;
	/* no access asked: any file, open or locked by others, is named */
	h = CreateFileW(wp, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
			OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	free(wp);
	if (h == INVALID_HANDLE_VALUE)
		return false;
	ok = handle_id(h, dev, ino);
	CloseHandle(h);
	return ok;
}

bool tl_os_fd_id(int fd, const tl_stat_t *st, uint64_t *dev, uint64_t *ino)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);

	/* st's st_ino is 0 for every file: no identity at all */
	(void)st;
	*dev = *ino = 0;
	return h != INVALID_HANDLE_VALUE && handle_id(h, dev, ino);
}

char *tl_os_getenv(const char *name)
{
	/* the process's own (wide) environment: msvcrt's _wgetenv may build
	 * its copy from the ANSI one when the program starts at main() */
	wchar_t *wn = wide(name), *v = NULL;
	char *s = NULL;
	DWORD n = wn ? GetEnvironmentVariableW(wn, NULL, 0) : 0;

	while (n > 0) {
		DWORD got;

		v = tl_xrealloc(v, (size_t)n * sizeof(wchar_t));
		got = GetEnvironmentVariableW(wn, v, n);
		if (got < n) {
			s = got ? narrow(v) : tl_xstrdup("");
			break;
		}
		n = got; /* it grew in between: the size it needs now */
	}
	free(v);
	free(wn);
	return s;
}

char *tl_os_getcwd(void)
{
	wchar_t *w = _wgetcwd(NULL, 0);
	char *s;

	if (!w)
		return NULL;
	s = narrow(w);
	free(w);
	return s;
}

int tl_os_dir_names(const char *dir, char ***names, size_t *count)
{
	char *pattern = tl_xasprintf("%s\\*", dir);
	wchar_t *wp = wide(pattern);
	WIN32_FIND_DATAW fd;
	HANDLE h;
	char **v = NULL;
	size_t n = 0, cap = 0;

	free(pattern);
	if (!wp)
		return -1;
	h = FindFirstFileW(wp, &fd);
	free(wp);
	if (h == INVALID_HANDLE_VALUE) {
		/* an empty folder has no entry at all, not even "." */
		if (GetLastError() == ERROR_FILE_NOT_FOUND) {
			*names = NULL;
			*count = 0;
			return 0;
		}
		errno = win_errno();
		return -1;
	}
	do {
		if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
			continue;
		tl_xgrow((void **)&v, &cap, n + 1, sizeof(char *));
		v[n++] = narrow(fd.cFileName);
	} while (FindNextFileW(h, &fd));
	FindClose(h);
	*names = v;
	*count = n;
	return 0;
}

char *tl_os_program_file(const char *argv0)
{
	DWORD cap = MAX_PATH, n;
	wchar_t *buf = NULL;
	char *s;

	(void)argv0;
	for (;;) {
		buf = tl_xrealloc(buf, cap * sizeof(wchar_t));
		n = GetModuleFileNameW(NULL, buf, cap);
		if (n == 0) {
			free(buf);
			return NULL;
		}
		if (n < cap)
			break;
		cap *= 2;
	}
	s = narrow(buf);
	free(buf);
	return s;
}

const char *tl_os_last_sep(const char *path)
{
	const char *a = strrchr(path, '/'), *b = strrchr(path, '\\');

	return !a ? b : !b ? a : a > b ? a : b;
}

int tl_os_write_errno(int fd, int e)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);

	/* the failed WriteFile said ERROR_NO_DATA (Windows) or
	 * ERROR_PIPE_NOT_CONNECTED (Wine), which msvcrt turned into EINVAL
	 * and the flush after it forgot */
	return h != INVALID_HANDLE_VALUE && GetFileType(h) == FILE_TYPE_PIPE ? EPIPE : e;
}

unsigned tl_os_cpus(void)
{
	DWORD_PTR mask = 0, system = 0;
	unsigned n = 0;

	if (GetProcessAffinityMask(GetCurrentProcess(), &mask, &system))
		for (; mask; mask &= mask - 1)
			n++;
	if (!n) {
		SYSTEM_INFO si;

		GetSystemInfo(&si);
		n = si.dwNumberOfProcessors;
	}
	return n ? n : 1;
}

/* The console behind fd, or NULL (a file, a pipe, NUL: _isatty says yes
 * to NUL and serial ports too). */
static HANDLE console(int fd, DWORD *mode)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);

	if (h == INVALID_HANDLE_VALUE || !GetConsoleMode(h, mode))
		return NULL;
	return h;
}

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

bool tl_os_color_terminal(int fd)
{
	DWORD mode;
	HANDLE h = console(fd, &mode);

	if (!h)
		return false;
	/* Windows 10 and later understand the escapes once asked; an older
	 * console refuses, and gets no colour */
	return (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING) ||
	       SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
}

static UINT console_cp;

static void restore_console_cp(void)
{
	SetConsoleOutputCP(console_cp);
}

/* Ctrl+C or Ctrl+Break, which end the process without atexit: the
 * console's code page is put back first; FALSE lets the next handler (the
 * system's, which ends the process) run. */
static BOOL WINAPI on_console_break(DWORD event)
{
	(void)event;
	restore_console_cp();
	return FALSE;
}

void tl_os_binary_stdio(void)
{
	_setmode(_fileno(stdin), _O_BINARY);
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	/* the reports are UTF-8: so is the console while they are written */
	console_cp = GetConsoleOutputCP();
	if (console_cp && console_cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8)) {
		atexit(restore_console_cp);
		SetConsoleCtrlHandler(on_console_break, TRUE);
	}
}

void *tl_os_rerun(const char *const *env, size_t n)
{
	wchar_t exe[32768], *cmd;
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	UINT mode;
	DWORD len = GetModuleFileNameW(NULL, exe, 32768);
	size_t i;
	BOOL ok;

	if (len == 0 || len >= 32768) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	/* the child's environment is this process's when it starts: the
	 * pairs are set for that moment only */
	for (i = 0; i + 1 < n; i += 2) {
		wchar_t *k = wide(env[i]), *v = wide(env[i + 1]);

		ok = k && v && SetEnvironmentVariableW(k, v);
		free(k);
		free(v);
		if (!ok) {
			errno = EINVAL;
			n = i;
			goto unset;
		}
	}
	/* CreateProcessW may write to the command line it is given */
	cmd = _wcsdup(GetCommandLineW());
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	/* the child inherits the error mode: a crash ends it at once, with no
	 * "stopped working" box for someone to close while the run waits */
	mode = SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
	SetErrorMode(mode | SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
	/* no console window of its own (a run from a scheduled task has no
	 * console to share): it writes only to its files */
	ok = cmd && CreateProcessW(exe, cmd, NULL, NULL, FALSE, CREATE_NO_WINDOW, NULL, NULL, &si, &pi);
	if (!ok)
		errno = cmd ? win_errno() : ENOMEM;
	SetErrorMode(mode);
	free(cmd);
unset:
	for (i = 0; i + 1 < n; i += 2) {
		wchar_t *k = wide(env[i]);

		if (k)
			SetEnvironmentVariableW(k, NULL);
		free(k);
	}
	if (!ok)
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

void tl_os_stop(void *proc)
{
	TerminateProcess(proc, 1);
	WaitForSingleObject(proc, INFINITE);
	CloseHandle(proc);
}

int tl_os_wait_any(void *const *procs, size_t n, size_t *which, unsigned long *code)
{
	DWORD r, c;

	if (n == 0 || n > MAXIMUM_WAIT_OBJECTS) {
		errno = EINVAL;
		return -1;
	}
	r = WaitForMultipleObjects((DWORD)n, (const HANDLE *)procs, FALSE, INFINITE);
	if (r >= WAIT_OBJECT_0 + n) {
		errno = win_errno();
		return -1;
	}
	*which = r - WAIT_OBJECT_0;
	if (!GetExitCodeProcess(procs[*which], &c))
		c = (DWORD)-1;
	*code = c;
	CloseHandle(procs[*which]);
	return 0;
}

char **tl_os_utf8_args(int *argc, char **argv)
{
	int n = 0, i;
	wchar_t **w = CommandLineToArgvW(GetCommandLineW(), &n);
	char **v;

	if (!w)
		return argv;
	v = tl_xcalloc((size_t)n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		v[i] = narrow(w[i]);
	LocalFree(w);
	*argc = n;
	return v;
}

#endif

char *tl_os_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	const char *sep = tl_os_last_sep(dir);

	if (n && sep == dir + n - 1)
		return tl_xasprintf("%s%s", dir, name);
	return tl_xasprintf("%s%c%s", dir, sep ? *sep : '/', name);
}

#ifdef _WIN32
static bool is_sep(char c)
{
	return c == '/' || c == '\\';
}
#endif

bool tl_os_is_drive(const char *p)
{
#ifdef _WIN32
	return ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':' &&
	       (p[2] == '\0' || is_sep(p[2]));
#else
	(void)p;
	return false;
#endif
}

bool tl_os_is_unc(const char *p)
{
#ifdef _WIN32
	return is_sep(p[0]) && is_sep(p[1]) && p[2] && !is_sep(p[2]);
#else
	(void)p;
	return false;
#endif
}

bool tl_os_path_is_absolute(const char *path)
{
#ifdef _WIN32
	return (tl_os_is_drive(path) && path[2]) || is_sep(path[0]);
#else
	return path[0] == '/';
#endif
}

int tl_os_path_ncmp(const char *a, const char *b, size_t n)
{
#ifdef _WIN32
	return tl_strncasecmp(a, b, n);
#else
	return strncmp(a, b, n);
#endif
}

char *tl_os_uri_path(const char *path)
{
#ifdef _WIN32
	char *s = tl_xasprintf("%s%s", tl_os_is_drive(path) ? "/" : "", path), *p;

	for (p = s; *p; p++)
		if (*p == '\\')
			*p = '/';
	return s;
#else
	return tl_xstrdup(path);
#endif
}

FILE *tl_os_memout_open(tl_os_memout *m)
{
	memset(m, 0, sizeof(*m));
#ifdef HAVE_OPEN_MEMSTREAM
	m->fp = open_memstream(&m->buf, &m->len);
#else
	m->fp = temp_file();
#endif
	return m->fp;
}

int tl_os_memout_close(tl_os_memout *m)
{
	int rc = 0;

	if (!m->fp)
		return -1;
#ifndef HAVE_OPEN_MEMSTREAM
	{
		long size;

		rc = -1;
		if (fflush(m->fp) == 0 && !ferror(m->fp) && (size = ftell(m->fp)) >= 0 &&
		    fseek(m->fp, 0, SEEK_SET) == 0) {
			m->len = (size_t)size;
			m->buf = tl_xmalloc(m->len + 1);
			if (fread(m->buf, 1, m->len, m->fp) == m->len) {
				m->buf[m->len] = '\0';
				rc = 0;
			}
		}
	}
#endif
	if (fclose(m->fp) != 0)
		rc = -1;
	m->fp = NULL;
	if (rc != 0) {
		free(m->buf);
		m->buf = NULL;
		m->len = 0;
	}
	return rc;
}

bool tl_os_under_valgrind(void)
{
	const char *preload = getenv("LD_PRELOAD");

	return preload && strstr(preload, "vgpreload");
}
