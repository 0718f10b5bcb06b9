/* cab.c: see cab.h. libmspack does the reading and the decompression
 * (MSZIP, LZX, Quantum); this file gives it an mspack_system over memory
 * and applies the bounds.
 *
 * Diagnostic ids (at the caller's location, the whole cabinet):
 *   input-cab-damaged      libmspack cannot open the cabinet or extract a
 *                          member (its error name in the message)
 *   input-cab-too-large    TL_CAB_MAX_MEMBERS or TL_CAB_MAX_BYTES reached
 */
#include "config.h"

#include "formats/cab.h"

#include <mspack.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* What the "file names" given to libmspack point at: the cabinet's bytes
 * to read, or a buffer a member is extracted into. libmspack only passes
 * the name back to open(), so it may be any pointer. */
typedef struct mem_target {
	bool writing;
	const uint8_t *data; /* reading */
	size_t len;
	uint8_t *out; /* writing: owned by the caller of extract */
	size_t out_len, out_cap;
} mem_target;

/* One open handle: libmspack opens the cabinet more than once at a time
 * (the header walk, then each folder's data), so each has its own
 * position. */
typedef struct mem_handle {
	mem_target *target;
	size_t pos;
} mem_handle;

static struct mspack_file *mem_open(struct mspack_system *self, const char *filename, int mode)
{
	mem_target *t = (mem_target *)(uintptr_t)filename;
	mem_handle *h;

	(void)self;
	if (!t || (mode == MSPACK_SYS_OPEN_READ) == t->writing ||
	    (t->writing && mode != MSPACK_SYS_OPEN_WRITE))
		return NULL;
	h = tl_xcalloc(1, sizeof(*h));
	h->target = t;
	if (t->writing)
		t->out_len = 0;
	return (struct mspack_file *)h;
}

static void mem_close(struct mspack_file *file)
{
	free(file);
}

static int mem_read(struct mspack_file *file, void *buffer, int bytes)
{
	mem_handle *h = (mem_handle *)file;
	size_t n;

	if (bytes < 0 || h->target->writing)
		return -1;
	n = h->target->len - h->pos;
	if ((size_t)bytes < n)
		n = (size_t)bytes;
	memcpy(buffer, h->target->data + h->pos, n);
	h->pos += n;
	return (int)n;
}

/* The buffer was sized from the member's declared length before
 * extraction, so a write past it is refused, never grown into. */
static int mem_write(struct mspack_file *file, void *buffer, int bytes)
{
	mem_target *t = ((mem_handle *)file)->target;

	if (bytes < 0 || !t->writing || (size_t)bytes > t->out_cap - t->out_len)
		return -1;
	memcpy(t->out + t->out_len, buffer, (size_t)bytes);
	t->out_len += (size_t)bytes;
	return bytes;
}

static int mem_seek(struct mspack_file *file, off_t offset, int mode)
{
	mem_handle *h = (mem_handle *)file;
	off_t base;

	if (h->target->writing)
		return -1;
	switch (mode) {
	case MSPACK_SYS_SEEK_START:
		base = 0;
		break;
	case MSPACK_SYS_SEEK_CUR:
		base = (off_t)h->pos;
		break;
	case MSPACK_SYS_SEEK_END:
		base = (off_t)h->target->len;
		break;
	default:
		return -1;
	}
	/* both are within [0, len], len within the input cap */
	if (offset < -base || offset > (off_t)h->target->len - base)
		return -1;
	h->pos = (size_t)(base + offset);
	return 0;
}

static off_t mem_tell(struct mspack_file *file)
{
	return (off_t)((mem_handle *)file)->pos;
}

/* libmspack's warnings about what it salvages: the result of each call is
 * what trustlint reports. */
static void mem_message(struct mspack_file *file, const char *format, ...)
{
	(void)file;
	(void)format;
}

static void *mem_alloc(struct mspack_system *self, size_t bytes)
{
	(void)self;
	return tl_xmalloc(bytes ? bytes : 1);
}

static void mem_free(void *ptr)
{
	free(ptr);
}

static void mem_copy(void *src, void *dest, size_t bytes)
{
	memmove(dest, src, bytes);
}

static const struct mspack_system mem_system = {
	mem_open, mem_close, mem_read, mem_write, mem_seek, mem_tell,
	mem_message, mem_alloc, mem_free, mem_copy, NULL,
};

bool tl_cab_detect(const uint8_t *data, size_t len)
{
	return len >= 4 && memcmp(data, "MSCF", 4) == 0;
}

/* libmspack's error codes (mspack.h) by name, for stable messages. */
static const char *mspack_error_name(int err)
{
	static const char *const names[] = {
		[MSPACK_ERR_OK] = "MSPACK_ERR_OK",
		[MSPACK_ERR_ARGS] = "MSPACK_ERR_ARGS",
		[MSPACK_ERR_OPEN] = "MSPACK_ERR_OPEN",
		[MSPACK_ERR_READ] = "MSPACK_ERR_READ",
		[MSPACK_ERR_WRITE] = "MSPACK_ERR_WRITE",
		[MSPACK_ERR_SEEK] = "MSPACK_ERR_SEEK",
		[MSPACK_ERR_NOMEMORY] = "MSPACK_ERR_NOMEMORY",
		[MSPACK_ERR_SIGNATURE] = "MSPACK_ERR_SIGNATURE",
		[MSPACK_ERR_DATAFORMAT] = "MSPACK_ERR_DATAFORMAT",
		[MSPACK_ERR_CHECKSUM] = "MSPACK_ERR_CHECKSUM",
		[MSPACK_ERR_CRUNCH] = "MSPACK_ERR_CRUNCH",
		[MSPACK_ERR_DECRUNCH] = "MSPACK_ERR_DECRUNCH",
	};

	if (err < 0 || (size_t)err >= TL_ARRAY_LEN(names) || !names[err])
		return "an unknown libmspack error";
	return names[err];
}

/* Extract one member into a buffer of its declared length and hand it to
 * fn. Returns 0, or -1 when libmspack fails (said at where). */
static int extract(struct mscab_decompressor *cabd, struct mscabd_file *f, const tl_loc *where,
		   tl_cab_member_fn *fn, void *arg, tl_diags *d)
{
	mem_target out = {.writing = true};
	int err;

	out.out_cap = f->length;
	out.out = tl_xmalloc(out.out_cap ? out.out_cap : 1);
	err = cabd->extract(cabd, f, (const char *)&out);
	if (err == MSPACK_ERR_OK && out.out_len != out.out_cap)
		err = MSPACK_ERR_DATAFORMAT;
	if (err != MSPACK_ERR_OK) {
		tl_diag_add(d, TL_ERROR, "input-cab-damaged", where,
			    "cannot extract member '%s' (%s): not read", f->filename,
			    mspack_error_name(err));
		free(out.out);
		return -1;
	}
	fn(arg, f->filename, out.out, out.out_len);
	free(out.out);
	return 0;
}

size_t tl_cab_read(const uint8_t *data, size_t len, const tl_loc *where, tl_cab_member_fn *fn,
		   void *arg, tl_diags *d)
{
	mem_target in = {.data = data, .len = len};
	struct mspack_system sys = mem_system;
	struct mscab_decompressor *cabd = mspack_create_cab_decompressor(&sys);
	struct mscabd_cabinet *cab;
	struct mscabd_file *f;
	size_t members = 0, given = 0, bytes = 0;

	if (!cabd) {
		/* only a failed self-test (off_t size) or allocation */
		tl_diag_add(d, TL_ERROR, "input-cab-damaged", where,
			    "libmspack cannot be started: cabinet not read");
		return 0;
	}
	cab = cabd->open(cabd, (const char *)&in);
	if (!cab) {
		tl_diag_add(d, TL_ERROR, "input-cab-damaged", where,
			    "not a cabinet libmspack can open (%s): not read",
			    mspack_error_name(cabd->last_error(cabd)));
		mspack_destroy_cab_decompressor(cabd);
		return 0;
	}
	for (f = cab->files; f; f = f->next) {
		if (members == TL_CAB_MAX_MEMBERS) {
			size_t more = 0;

			for (; f; f = f->next)
				more++;
			tl_diag_add(d, TL_ERROR, "input-cab-too-large", where,
				    "more than %d members: only the first %d are read, and %zu more are not",
				    TL_CAB_MAX_MEMBERS, TL_CAB_MAX_MEMBERS, more);
			break;
		}
		members++;
		if (f->length > TL_CAB_MAX_BYTES - bytes) {
			tl_diag_add(d, TL_ERROR, "input-cab-too-large", where,
				    "member '%s' of %u bytes would take the cabinet past %zu MiB decompressed: not read",
				    f->filename, f->length, TL_CAB_MAX_BYTES >> 20);
			continue;
		}
		bytes += f->length;
		if (extract(cabd, f, where, fn, arg, d) == 0)
			given++;
	}
	cabd->close(cabd, cab);
	mspack_destroy_cab_decompressor(cabd);
	return given;
}
