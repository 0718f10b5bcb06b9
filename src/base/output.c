/* output.c: see output.h. */
#include "config.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie */
#endif

#include "base/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/os.h"
#include "base/util.h"

/* The stream of a report file: a write error keeps its errno, which a
 * FILE loses by the time fclose() reports it (fflush of an empty buffer
 * on a stream already in error sets none), so the message can say "No
 * space left on device" rather than guess. */
struct sink {
	int fd;
	int err; /* the first write error, or 0 */
};

#ifdef HAVE_FOPENCOOKIE
static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	struct sink *k = cookie;
	size_t done = 0;

	/* fopencookie(3): "0 on error", never negative: glibc takes a
	 * negative count as bytes written back and corrupts the stream's
	 * buffer pointers (a large fwrite to /dev/full then read outside its
	 * buffer, found by ASan once reports were written in pieces) */
	if (k->err) {
		errno = k->err;
		return 0;
	}
	while (done < n) {
		ssize_t w = write(k->fd, buf + done, n - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			k->err = errno;
			return (ssize_t)done;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int sink_close(void *cookie)
{
	struct sink *k = cookie;
	int rc = close(k->fd);

	if (rc != 0 && !k->err)
		k->err = errno;
	return rc;
}
#endif

/* A stream over fd that remembers its first write error in o->sink. */
static FILE *stream(tl_output *o, int fd)
{
#ifdef HAVE_FOPENCOOKIE
	cookie_io_functions_t io = {NULL, sink_write, NULL, sink_close};
	FILE *fp;

	o->sink = tl_xcalloc(1, sizeof(struct sink));
	o->sink->fd = fd;
	fp = fopencookie(o->sink, "w", io);
	if (!fp) {
		free(o->sink);
		o->sink = NULL;
	}
	return fp;
#else
	return fdopen(fd, "w");
#endif
}

/* The errno of a failed stream: the one the sink kept, else errno. */
static int stream_error(const tl_output *o, int fallback)
{
	if (o->sink && o->sink->err)
		return o->sink->err;
	return fallback ? fallback : EIO;
}

static int fail(char **err, int e)
{
	*err = tl_xasprintf("cannot write: %s", strerror(e));
	return -1;
}

static void release(tl_output *o)
{
	free(o->sink);
	free(o->path);
	free(o->target);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

int tl_output_open(tl_output *o, const char *path, char **err)
{
	tl_stat_t st;
	char *dir, *link_target = NULL, *real = NULL;
	const char *base;
	const char *target = path, *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	*err = NULL;
	if (!path || strcmp(path, "-") == 0) {
		/* a stream of its own over a duplicate of descriptor 1, so a
		 * write error keeps its errno too; stdout's buffer is empty
		 * first, so nothing is reordered */
		int dupfd;

		fflush(stdout);
		dupfd = dup(STDOUT_FILENO);
		o->path = tl_xstrdup("-");
		o->is_stdout = true;
		o->terminal = tl_os_color_terminal(STDOUT_FILENO);
		o->fp = dupfd >= 0 ? stream(o, dupfd) : NULL;
		if (!o->fp) {
			if (dupfd >= 0)
				close(dupfd);
			free(o->sink);
			o->sink = NULL;
			o->fp = stdout;
		}
		return 0;
	}
	o->path = tl_xstrdup(path);
	if (tl_os_stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			*err = tl_xstrdup("cannot write: is a directory");
			goto fail;
		}
		if (!S_ISREG(st.st_mode)) {
			/* a device or pipe: written in place; a FIFO with no
			 * reader is an error, not a hang */
			fd = tl_os_open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK, 0);
			if (fd < 0) {
				fail(err, errno == ENXIO ? EPIPE : errno);
				goto fail;
			}
#ifdef F_GETFL
			{
				int flags = fcntl(fd, F_GETFL);
				if (flags >= 0)
					(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
			}
#endif
			o->terminal = tl_os_color_terminal(fd);
			o->fp = stream(o, fd);
			if (!o->fp) {
				fail(err, errno);
				close(fd);
				goto fail;
			}
			return 0;
		}
		/* replace the file a link names, not the link */
		real = tl_os_realpath(path);
		if (real)
			target = real;
	}
#ifndef _WIN32
	else if (tl_os_is_symlink(path)) {
		/* a link to a file not written yet: create that file */
		char resolved[PATH_MAX];
		ssize_t n = readlink(path, resolved, sizeof(resolved) - 1);
		if (n > 0) {
			resolved[n] = '\0';
			if (resolved[0] == '/' || !strrchr(path, '/')) {
				link_target = tl_xstrdup(resolved);
			} else {
				const char *sep = strrchr(path, '/');
				link_target = tl_xasprintf("%.*s/%s", (int)(sep - path), path, resolved);
			}
			target = link_target;
		}
	}
#endif
	o->target = tl_xstrdup(target);
	free(link_target);
	free(real);
	slash = tl_os_last_sep(o->target);
	dir = slash ? tl_xstrndup(o->target, (size_t)(slash - o->target + (slash == o->target))) : tl_xstrdup(".");
	base = slash ? slash + 1 : o->target;
	o->tmp = tl_xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);
	fd = tl_os_mkstemp(o->tmp);
	if (fd < 0) {
		fail(err, errno);
		goto fail;
	}
#ifndef _WIN32
	{
		/* mkstemp makes 0600: give the report the mode a new file gets
		 * (or the mode of the report it replaces) */
		mode_t mask = umask(0);

		umask(mask);
		/* a failure is not fatal: the report is still written */
		(void)fchmod(fd, stat(o->target, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask);
	}
#endif
	o->fp = stream(o, fd);
	if (!o->fp) {
		fail(err, errno);
		close(fd);
		tl_os_remove(o->tmp);
		goto fail;
	}
	return 0;
fail:
	release(o);
	return -1;
}

int tl_output_commit(tl_output *o, char **err)
{
	int e = 0, rc = 0;

	*err = NULL;
	errno = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		e = tl_os_write_errno(fileno(o->fp), stream_error(o, errno));
	if (o->fp == stdout) {
		if (e == EPIPE)
			rc = -2;
		else if (e)
			rc = fail(err, e);
		release(o);
		return rc;
	}
	if (fclose(o->fp) != 0 && !e)
		e = stream_error(o, errno);
	o->fp = NULL;
	if (!e && o->tmp && tl_os_rename(o->tmp, o->target) != 0)
		e = errno;
	if (e) {
		if (o->tmp)
			tl_os_remove(o->tmp);
		rc = e == EPIPE ? -2 : fail(err, e);
	}
	release(o);
	return rc;
}

void tl_output_abort(tl_output *o)
{
	if (!o->path)
		return;
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	else if (o->fp)
		fflush(o->fp);
	if (o->tmp)
		tl_os_remove(o->tmp);
	release(o);
}
