/* source.c: see source.h. */
#include "config.h"

#include "base/source.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "base/os.h"
#include "base/util.h"

const char *tl_file_kind(unsigned mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
#ifdef S_ISSOCK
	if (S_ISSOCK(mode))
		return "a socket";
#endif
	if (S_ISREG(mode))
		return "a regular file";
	return "a special file";
}

void tl_format_size(uint64_t n, char out[32])
{
	static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
	uint64_t whole = n;
	double x = (double)n;
	int u = -1;

	if (n < 1024) {
		snprintf(out, 32, "%llu byte%s", (unsigned long long)n, n == 1 ? "" : "s");
		return;
	}
	while (x >= 1024.0 && u + 1 < (int)TL_ARRAY_LEN(units)) {
		x /= 1024.0;
		u++;
	}
	/* a round number (the caps) without decimals */
	if (whole % ((uint64_t)1 << (10 * (u + 1))) == 0)
		snprintf(out, 32, "%llu %s", (unsigned long long)(whole >> (10 * (u + 1))), units[u]);
	else
		snprintf(out, 32, "%.1f %s", x, units[u]);
}

/* A buffer for a whole input of n bytes. Large inputs (registry exports of
 * hundreds of MB) ask Linux for transparent huge pages: faulting in a 4 KB
 * page at a time cost more than parsing the bytes. A hint only: without
 * huge pages the buffer is the same. */
static uint8_t *input_buffer(size_t n)
{
	uint8_t *data = tl_xmalloc(n);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t from = ((uintptr_t)data + huge - 1) & ~(huge - 1);
	uintptr_t to = ((uintptr_t)data + n) & ~(huge - 1);

	if (n >= 4 * huge && from < to)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#endif
	return data;
}

/* A large file is read in two halves at once, the second on a thread of
 * its own: most of reading 64 MB is the kernel clearing and filling fresh
 * pages (about 100 ms of CPU here), and the parsing cannot start before
 * it ends. Below this size one read is as fast. */
#define PARALLEL_READ_MIN ((size_t)16 << 20)

/* Off for --jobs 1: one thread means one. */
static bool read_in_halves = true;

void tl_source_threads(unsigned jobs)
{
	read_in_halves = jobs > 1;
}

typedef struct half_read {
	int fd;
	uint8_t *data;
	size_t want;
	off_t at;
	size_t got; /* less than want: the file ended early, or an error */
} half_read;

static void *read_half(void *arg)
{
	half_read *h = arg;

	while (h->got < h->want) {
		ssize_t n = tl_os_pread(h->fd, h->data + h->got, h->want - h->got,
					(int64_t)h->at + (int64_t)h->got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		h->got += (size_t)n;
	}
	return NULL;
}

/* The first want bytes of fd into data, the two halves at once; the file
 * offset is left after them. False when they could not all be read so
 * (the file shrank, an error, no thread): the caller reads from the start
 * as for any file. */
static bool read_halves(int fd, uint8_t *data, size_t want)
{
	size_t mid = (want / 2) & ~(((size_t)2 << 20) - 1);
	half_read first = {fd, data, mid, 0, 0}, second = {fd, data + mid, want - mid, (off_t)mid, 0};
	pthread_t t;

	if (!read_in_halves || want < PARALLEL_READ_MIN ||
	    pthread_create(&t, NULL, read_half, &second) != 0)
		return false;
	read_half(&first);
	pthread_join(t, NULL);
	if (first.got == first.want && second.got == second.want &&
	    lseek(fd, (off_t)want, SEEK_SET) == (off_t)want)
		return true;
	/* pread leaves the offset alone on POSIX; Windows' ReadFile at an
	 * offset moves it: the caller's reading from the start needs it at 0 */
	(void)lseek(fd, 0, SEEK_SET);
	return false;
}

static tl_read_error open_error(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		return TL_READ_MISSING;
	case ELOOP:
		return TL_READ_LOOP;
	case EACCES:
	case EPERM:
		return TL_READ_DENIED;
	case ENXIO: /* a FIFO with no writer, opened for writing; a socket */
		return TL_READ_NOT_REGULAR;
	default:
		return TL_READ_FAILED;
	}
}

static tl_source *fail(char **err, tl_read_error *why, tl_read_error kind, char *msg)
{
	*err = msg;
	if (why)
		*why = kind;
	return NULL;
}

tl_source *tl_source_read(const char *path, size_t cap, char **err, tl_read_error *why)
{
	tl_stat_t st;
	tl_source *src;
	uint8_t *data;
	uint64_t dev, ino;
	size_t len = 0, want;
	int fd;

	if (why)
		*why = TL_READ_OK;
	/* stat first: opening a FIFO blocks until a writer comes, and O_NONBLOCK
	 * below covers the race where the path changes in between */
	if (tl_os_stat(path, &st) != 0) {
		int e = errno;
		if (e == ELOOP)
			return fail(err, why, TL_READ_LOOP, tl_xstrdup("a symbolic link loop"));
		if (e == ENOENT && tl_os_is_symlink(path))
			return fail(err, why, TL_READ_MISSING,
				    tl_xstrdup("a symbolic link to a file that does not exist"));
		return fail(err, why, open_error(e), tl_xasprintf("cannot open: %s", strerror(e)));
	}
	if (!S_ISREG(st.st_mode))
		return fail(err, why, TL_READ_NOT_REGULAR,
			    tl_xasprintf("not a regular file (%s)", tl_file_kind(st.st_mode)));
	if ((uint64_t)st.st_size > cap) {
		char have[32], limit[32];
		tl_format_size((uint64_t)st.st_size, have);
		tl_format_size(cap, limit);
		return fail(err, why, TL_READ_TOO_LARGE,
			    tl_xasprintf("%s, over the %s limit for this kind of file", have, limit));
	}
	fd = tl_os_open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK, 0);
	if (fd < 0) {
		int e = errno;
		return fail(err, why, open_error(e), tl_xasprintf("cannot open: %s", strerror(e)));
	}
	if (tl_os_fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return fail(err, why, TL_READ_FAILED, tl_xasprintf("cannot stat: %s", strerror(e)));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, why, TL_READ_NOT_REGULAR,
			    tl_xasprintf("not a regular file (%s)", tl_file_kind(st.st_mode)));
	}
	if (!tl_os_fd_id(fd, &st, &dev, &ino))
		dev = ino = 0;
	/* O_NONBLOCK stays on: a regular file of a disk never blocks, and a
	 * kernel file that looks regular but waits for data (/proc/kmsg)
	 * answers EAGAIN instead of hanging the run */
	/* read to the end, not to st_size: the file may shrink or grow while
	 * it is read; one byte past the cap tells a file that grew over it */
	want = (uint64_t)st.st_size < cap ? (size_t)st.st_size : cap;
	data = input_buffer(want + 2);
	/* pread leaves the offset at 0 when the halves could not be read: the
	 * loop below then reads the file as any other (one that cannot seek
	 * included) */
	if (read_halves(fd, data, want))
		len = want;
	for (;;) {
		ssize_t n;

		if (len == want + 1)
			break;
		n = read(fd, data + len, want + 1 - len);
		if (n == 0)
			break;
		if (n < 0) {
			int e = errno;
			if (e == EINTR)
				continue;
			free(data);
			close(fd);
			if (e == EAGAIN || e == EWOULDBLOCK)
				return fail(err, why, TL_READ_NOT_REGULAR,
					    tl_xstrdup("not a regular file (reading it would wait for data)"));
			return fail(err, why, TL_READ_FAILED,
				    tl_xasprintf("cannot read: %s", strerror(e)));
		}
		len += (size_t)n;
		if (len == want + 1 && want < cap) {
			/* it grew while being read: keep reading, up to the cap */
			size_t grown = want * 2 + 4096;
			want = grown < want || grown > cap ? cap : grown;
			data = tl_xrealloc(data, want + 2);
		}
	}
	close(fd);
	if (len > cap) {
		char limit[32];
		free(data);
		tl_format_size(cap, limit);
		return fail(err, why, TL_READ_TOO_LARGE,
			    tl_xasprintf("grew past the %s limit for this kind of file while it was read",
					 limit));
	}
	data[len] = 0;
	src = tl_xcalloc(1, sizeof(*src));
	src->path = tl_xstrdup(path);
	src->data = data;
	src->len = len;
	src->dev = dev;
	src->ino = ino;
	return src;
}

tl_source *tl_source_open(const char *path, char **err)
{
	return tl_source_read(path, TL_MAX_INPUT_BYTES, err, NULL);
}

tl_source *tl_source_from_memory(const char *path, const void *data, size_t len)
{
	tl_source *src = tl_xcalloc(1, sizeof(*src));
	uint8_t *copy = tl_xmalloc(len + 1);

	if (len)
		memcpy(copy, data, len);
	copy[len] = 0;
	src->path = tl_xstrdup(path);
	src->data = copy;
	src->len = len;
	return src;
}

void tl_source_free(tl_source *src)
{
	if (!src)
		return;
	free((void *)src->data);
	free(src->path);
	free(src);
}
