/* source.c: see source.h. */
#include "config.h"

#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

tl_source *tl_source_open(const char *path, char **err)
{
	struct stat st;
	tl_source *src;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		*err = tl_xasprintf("cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		*err = tl_xasprintf("cannot stat: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = tl_xstrdup("is a directory");
		close(fd);
		return NULL;
	}
	src = tl_xcalloc(1, sizeof(*src));
	src->path = tl_xstrdup(path);
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			src->data = p;
			src->len = (size_t)st.st_size;
			src->mapped = 1;
			close(fd);
			return src;
		}
	}
	/* not mappable (pipe, empty, special file): read it */
	{
		tl_buf b = {0};
		char chunk[65536];
		ssize_t n;

		while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
			if (n < 0) {
				if (errno == EINTR)
					continue;
				*err = tl_xasprintf("cannot read: %s", strerror(errno));
				tl_buf_free(&b);
				free(src->path);
				free(src);
				close(fd);
				return NULL;
			}
			tl_buf_add(&b, chunk, (size_t)n);
		}
		src->len = b.len;
		src->data = (const uint8_t *)tl_buf_steal(&b);
	}
	close(fd);
	return src;
}

tl_source *tl_source_from_memory(const char *path, const void *data, size_t len)
{
	tl_source *src = tl_xcalloc(1, sizeof(*src));

	src->path = tl_xstrdup(path);
	src->data = tl_xmemdup(data, len);
	src->len = len;
	return src;
}

void tl_source_free(tl_source *src)
{
	if (!src)
		return;
	if (src->mapped)
		munmap((void *)src->data, src->len);
	else
		free((void *)src->data);
	free(src->path);
	free(src);
}
