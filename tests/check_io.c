/* check_io.c: the files a run reads and writes (source.c, output.c), the
 * diagnostics limit (diag.c) and terminal escaping. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/json.h"
#include "base/os.h"
#include "base/output.h"
#include "base/source.h"
#include "testutil.h"
#include "base/util.h"

static char dir[] = "/tmp/tl-check-io-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/tl-check-io-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char *cmd = tl_xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

static char *in_dir(const char *name)
{
	return tl_xasprintf("%s/%s", dir, name);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static char *read_text(const char *path)
{
	char *err = NULL;
	tl_source *s = tl_source_read(path, 1 << 20, &err, NULL);
	char *text;

	ck_assert_msg(s != NULL, "%s: %s", path, err);
	text = tl_xstrndup((const char *)s->data, s->len);
	tl_source_free(s);
	return text;
}

/* What tl_source_read says about path: "ok <bytes>" or "<why> <message>". */
static char *outcome(const char *path, size_t cap)
{
	static const char *const whys[] = {
		[TL_READ_OK] = "ok", [TL_READ_MISSING] = "missing", [TL_READ_LOOP] = "loop",
		[TL_READ_DENIED] = "denied", [TL_READ_NOT_REGULAR] = "not-regular",
		[TL_READ_TOO_LARGE] = "too-large", [TL_READ_FAILED] = "failed",
	};
	tl_read_error why = TL_READ_OK;
	char *err = NULL, *r;
	tl_source *s = tl_source_read(path, cap, &err, &why);

	if (s) {
		/* the bytes are NUL-terminated past len (source.h) */
		ck_assert_int_eq(s->data[s->len], 0);
		r = tl_xasprintf("ok %.*s", (int)s->len, (const char *)s->data);
		tl_source_free(s);
		return r;
	}
	r = tl_xasprintf("%s %s", whys[why], err);
	free(err);
	return r;
}

#define ck_outcome(path, cap, want)                 \
	do {                                        \
		char *got_ = outcome(path, cap);    \
		ck_assert_str_eq(got_, want);       \
		free(got_);                         \
	} while (0)

START_TEST(source_kinds)
{
	char *f = in_dir("a.txt"), *fifo = in_dir("fifo"), *loop = in_dir("loop"),
	     *dangling = in_dir("dangling"), *missing = in_dir("missing"), *sub = in_dir("sub");

	write_text(f, "hello");
	ck_outcome(f, 100, "ok hello");
	ck_outcome(f, 5, "ok hello");
	ck_outcome(f, 4, "too-large 5 bytes, over the 4 bytes limit for this kind of file");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	/* never blocks: no writer will ever come */
	ck_outcome(fifo, 100, "not-regular not a regular file (a FIFO)");
	ck_outcome("/dev/zero", 100, "not-regular not a regular file (a character device)");
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_outcome(sub, 100, "not-regular not a regular file (a directory)");
	ck_assert_int_eq(symlink("loop", loop), 0);
	ck_outcome(loop, 100, "loop a symbolic link loop");
	ck_assert_int_eq(symlink("nowhere", dangling), 0);
	ck_outcome(dangling, 100, "missing a symbolic link to a file that does not exist");
	ck_outcome(missing, 100, "missing cannot open: No such file or directory");
	free(f), free(fifo), free(loop), free(dangling), free(missing), free(sub);
}
END_TEST

/* A file of 16 MB or more is read in two halves at once (source.c): every
 * byte lands where it belongs, at sizes around the split and the huge
 * page it is rounded to, and a file that then grows is read to its end. */
START_TEST(source_large_halves)
{
	static const size_t sizes[] = {
		((size_t)16 << 20) - 1, (size_t)16 << 20, ((size_t)17 << 20) + 12345,
		((size_t)18 << 20) + 1,
	};
	char *f = in_dir("large.bin"), *err = NULL;
	size_t k, i;

	for (k = 0; k < TL_ARRAY_LEN(sizes); k++) {
		size_t n = sizes[k];
		uint8_t *bytes = tl_xmalloc(n);
		FILE *out = fopen(f, "wb");
		tl_source *s;

		/* no two 4 KB pages alike: a half put in the wrong place shows */
		for (i = 0; i < n; i++)
			bytes[i] = (uint8_t)(i * 2654435761u >> 13 ^ i >> 12);
		ck_assert_ptr_nonnull(out);
		ck_assert_uint_eq(fwrite(bytes, 1, n, out), n);
		ck_assert_int_eq(fclose(out), 0);
		s = tl_source_read(f, TL_MAX_INPUT_BYTES, &err, NULL);
		ck_assert_msg(s != NULL, "%zu bytes: %s", n, err);
		ck_assert_uint_eq(s->len, n);
		ck_assert_msg(memcmp(s->data, bytes, n) == 0, "%zu bytes: the bytes differ", n);
		ck_assert_int_eq(s->data[s->len], 0);
		tl_source_free(s);
		free(bytes);
	}
	free(f);
}
END_TEST

/* tl_buf_printf formats into the room there is and again when it does not
 * fit: both give the whole text. */
START_TEST(buf_printf_room)
{
	tl_buf b = {0};
	char big[300];
	size_t i;

	tl_buf_printf(&b, "%s-%d", "ab", 7);
	ck_assert_str_eq(b.data, "ab-7");
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = (char)('a' + i % 26);
	big[sizeof(big) - 1] = '\0';
	tl_buf_printf(&b, "[%s]", big);
	ck_assert_uint_eq(b.len, 4 + 2 + sizeof(big) - 1);
	ck_assert_int_eq(strncmp(b.data + 5, big, sizeof(big) - 1), 0);
	ck_assert_int_eq(b.data[b.len - 1], ']');
	ck_assert_int_eq(b.data[b.len], '\0');
	b.len = 0;
	tl_buf_printf(&b, "%s", "");
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	tl_buf_free(&b);
}
END_TEST

START_TEST(source_caps)
{
	char buf[32];

	tl_format_size(0, buf);
	ck_assert_str_eq(buf, "0 bytes");
	tl_format_size(1, buf);
	ck_assert_str_eq(buf, "1 byte");
	tl_format_size(1024, buf);
	ck_assert_str_eq(buf, "1 KiB");
	tl_format_size(TL_MAX_INPUT_BYTES, buf);
	ck_assert_str_eq(buf, "2 GiB");
	tl_format_size(TL_MAX_BASELINE_BYTES, buf);
	ck_assert_str_eq(buf, "512 MiB");
	tl_format_size((uint64_t)3 << 30 | 12345, buf);
	ck_assert_str_eq(buf, "3.0 GiB");
}
END_TEST

START_TEST(output_replaces_only_on_commit)
{
	char *path = in_dir("report.txt"), *err = NULL, *text;
	tl_output o;
	struct stat st;

	write_text(path, "previous\n");
	ck_assert_int_eq(tl_output_open(&o, path, &err), 0);
	fputs("half a report", o.fp);
	tl_output_abort(&o);
	text = read_text(path);
	ck_assert_str_eq(text, "previous\n");
	free(text);

	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(tl_output_open(&o, path, &err), 0);
	/* the temporary file is hidden from folder walks and beside the
	 * target, so the rename stays on one file system */
	ck_assert_ptr_nonnull(o.tmp);
	ck_assert_ptr_nonnull(strstr(o.tmp, "/.report.txt."));
	fputs("new report\n", o.fp);
	ck_assert_int_eq(tl_output_commit(&o, &err), 0);
	text = read_text(path);
	ck_assert_str_eq(text, "new report\n");
	free(text);
	/* the mode of the report it replaced */
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	free(path);
}
END_TEST

START_TEST(output_follows_links)
{
	char *target = in_dir("real.sarif"), *link = in_dir("link.sarif"), *err = NULL, *text;
	tl_output o;
	struct stat st;

	write_text(target, "old");
	ck_assert_int_eq(symlink("real.sarif", link), 0);
	ck_assert_int_eq(tl_output_open(&o, link, &err), 0);
	fputs("new", o.fp);
	ck_assert_int_eq(tl_output_commit(&o, &err), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	text = read_text(target);
	ck_assert_str_eq(text, "new");
	free(text);
	free(target), free(link);
}
END_TEST

START_TEST(output_errors)
{
	char *err = NULL, *sub = in_dir("sub"), *nodir = in_dir("no/such/dir/x");
	tl_output o;

	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(tl_output_open(&o, sub, &err), -1);
	ck_assert_str_eq(err, "cannot write: is a directory");
	free(err);
	ck_assert_int_eq(tl_output_open(&o, nodir, &err), -1);
	ck_assert_str_eq(err, "cannot write: No such file or directory");
	free(err);
	/* a device is written in place, and its error keeps its errno
	 * (Linux and the BSDs have /dev/full; elsewhere this part is moot) */
	if (access("/dev/full", W_OK) != 0) {
		free(sub), free(nodir);
		return;
	}
	ck_assert_int_eq(tl_output_open(&o, "/dev/full", &err), 0);
	ck_assert_ptr_null(o.tmp);
	fputs("x", o.fp);
	ck_assert_int_eq(tl_output_commit(&o, &err), -1);
	ck_assert_str_eq(err, "cannot write: No space left on device");
	free(err);
	free(sub), free(nodir);
}
END_TEST

START_TEST(output_closed_pipe)
{
	int fds[2], saved = dup(STDOUT_FILENO);
	char *err = NULL;
	tl_output o;
	int rc, i;

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(dup2(fds[1], STDOUT_FILENO), STDOUT_FILENO);
	close(fds[1]);
	close(fds[0]); /* the reader went away */
	signal(SIGPIPE, SIG_IGN);
	ck_assert_int_eq(tl_output_open(&o, NULL, &err), 0);
	for (i = 0; i < 10000; i++)
		fputs("a line of the report\n", o.fp);
	rc = tl_output_commit(&o, &err);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	signal(SIGPIPE, SIG_DFL);
	ck_assert_int_eq(rc, -2);
	ck_assert_ptr_null(err);
}
END_TEST

START_TEST(output_identity)
{
	char *a = in_dir("a"), *b = in_dir("b"), *l = in_dir("l");
	uint64_t d1, i1, d2, i2;

	write_text(a, "a");
	write_text(b, "b");
	ck_assert_int_eq(symlink("a", l), 0);
	ck_assert(tl_os_file_id(a, &d1, &i1));
	ck_assert(tl_os_file_id(l, &d2, &i2));
	ck_assert(d1 == d2 && i1 == i2);
	ck_assert(tl_os_file_id(b, &d2, &i2));
	ck_assert(i1 != i2);
	{
		char *none = in_dir("none");
		ck_assert(!tl_os_file_id(none, &d2, &i2));
		free(none);
	}
	free(a), free(b), free(l);
}
END_TEST

/* tl_os_path_join(dir, name) is want */
static void join_is(const char *dir, const char *name, const char *want)
{
	char *s = tl_os_path_join(dir, name);

	ck_assert_str_eq(s, want);
	free(s);
}

/* The POSIX side of base/os's paths (the Windows side, '\\' and drives,
 * is checked by tests/check-windows.sh through trustlint.exe's reports) */
START_TEST(os_paths)
{
	char *s;

	join_is("export", "Root.sst", "export/Root.sst");
	/* no second separator after one the folder ends with */
	join_is("export/", "Root.sst", "export/Root.sst");
	join_is("/", "etc", "/etc");
	/* '\\' is a character of a name here, not a separator */
	join_is("a\\b", "c", "a\\b/c");
	ck_assert(tl_os_path_is_absolute("/x"));
	ck_assert(!tl_os_path_is_absolute("x/y"));
	ck_assert(!tl_os_path_is_absolute("C:/x"));
	ck_assert(!tl_os_path_is_absolute("\\x"));
	s = tl_os_uri_path("C:\\x/y");
	ck_assert_str_eq(s, "C:\\x/y");
	free(s);
}
END_TEST

START_TEST(diag_limit)
{
	tl_diags *d = tl_diags_new();
	tl_loc a = tl_loc_line("a.reg", 1, 0), b = tl_loc_line("b.reg", 1, 0);
	int i;

	tl_diags_set_limit(d, 3);
	for (i = 0; i < 10; i++) {
		a.line = b.line = (uint32_t)i + 1;
		tl_diag_add(d, TL_WARNING, "input-x", &a, "x %d", i);
		tl_diag_add(d, TL_WARNING, "input-y", &a, "y %d", i);
		if (i < 2)
			tl_diag_add(d, TL_ERROR, "input-x", &b, "bx %d", i);
	}
	/* 3 of each id in a.reg, both of b.reg */
	ck_assert_uint_eq(tl_diags_count(d), 8);
	tl_diags_summarize(d);
	ck_assert_uint_eq(tl_diags_count(d), 10);
	ck_assert_uint_eq(tl_diags_count_sev(d, TL_ERROR), 2);
	{
		char *text = tt_diags_text(d);
		ck_assert_ptr_nonnull(strstr(text,
			"a.reg: warning: ... and 7 more like this in this input (only the first 3 are listed) [input-x]\n"));
		ck_assert_ptr_nonnull(strstr(text,
			"a.reg: warning: ... and 7 more like this in this input (only the first 3 are listed) [input-y]\n"));
		ck_assert_ptr_null(strstr(text, "b.reg: error: ..."));
		free(text);
	}
	/* summarized once: a second call adds nothing new */
	tl_diags_summarize(d);
	ck_assert_uint_eq(tl_diags_count(d), 10);
	tl_diags_free(d);
}
END_TEST

START_TEST(escape_invisible)
{
	tl_buf b = {0};

	/* bidi overrides and isolates, zero-width, BOM, line separator, tag
	 * characters; visible non-ASCII stays */
	tl_escape_text(&b, "a\xE2\x80\xAE" "b\xE2\x81\xA6" "c\xE2\x80\x8B" "d\xEF\xBB\xBF" "e\xE2\x80\xA8"
			   "f\xF3\xA0\x80\x81" "g\xC3\xA9\xE4\xB8\xAD");
	ck_assert_str_eq(b.data, "a\\u202eb\\u2066c\\u200bd\\ufeffe\\u2028f\\U000e0001g\xC3\xA9\xE4\xB8\xAD");
	tl_buf_free(&b);
	/* over n bytes: a NUL and a sequence cut by the end are escaped */
	tl_escape_textn(&b, "x\0y\xE2\x80", 5);
	ck_assert_str_eq(b.data, "x\\x00y\\xe2\\x80");
	tl_buf_free(&b);
	ck_assert(tl_is_invisible(0x202E));
	ck_assert(tl_is_invisible(0x2069));
	ck_assert(tl_is_invisible(0x061C));
	ck_assert(!tl_is_invisible(0x20AC));
	ck_assert(!tl_is_invisible(0x0600)); /* a visible Cf mark */
	{
		char *e = tl_escaped(NULL);
		ck_assert_str_eq(e, "");
		free(e);
	}
}
END_TEST

/* JSON text from input: NULL is null, bytes that are not UTF-8 become
 * U+FFFD one byte at a time (jansson refuses them), and on a terminal the
 * document is ASCII only. */
START_TEST(json_text)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain", "[\"plain\"]"},
		{"caf\xc3\xa9", "[\"caf\xc3\xa9\"]"},
		{"a\xff" "b", "[\"a\xef\xbf\xbd" "b\"]"},
		{"\xc3", "[\"\xef\xbf\xbd\"]"},
		{"\xe2\x82", "[\"\xef\xbf\xbd\xef\xbf\xbd\"]"},
		{"", "[\"\"]"},
	};
	char x[] = "x", bad[] = "\xff";
	char *const list[] = {x, bad};
	size_t i;
	tt_mem m;
	char *got;
	json_t *j;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		j = json_array();
		json_array_append_new(j, tl_json_str(cases[i].in));
		ck_assert_int_eq(tl_json_dump_line(j, tt_mem_open(&m)), 0);
		got = tt_mem_close(&m, NULL);
		ck_assert_msg(strncmp(got, cases[i].out, strlen(cases[i].out)) == 0, "case %zu: %s", i, got);
		ck_assert_str_eq(got + strlen(cases[i].out), "\n");
		free(got);
		json_decref(j);
	}
	j = tl_json_str(NULL);
	ck_assert(json_is_null(j));
	json_decref(j);
	j = tl_json_strv(list, 2);
	ck_assert_int_eq(tl_json_dump_line(j, tt_mem_open(&m)), 0);
	got = tt_mem_close(&m, NULL);
	ck_assert_str_eq(got, "[\"x\", \"\xef\xbf\xbd\"]\n");
	free(got);
	tl_json_set_terminal(1);
	ck_assert_int_eq(tl_json_dump_line(j, tt_mem_open(&m)), 0);
	got = tt_mem_close(&m, NULL);
	ck_assert_str_eq(got, "[\"x\", \"\\uFFFD\"]\n");
	free(got);
	tl_json_set_terminal(0);
	ck_assert_uint_eq(tl_json_flags(), 0);
	json_decref(j);
}
END_TEST

/* Put value at path in root ("runs/0/results": members and array indexes;
 * "" for the root itself); returns the root, which owns value. */
static json_t *place(json_t *root, const char *path, json_t *value)
{
	char *copy = tl_xstrdup(path), *key, *next, *save = NULL;
	json_t *at = root;

	if (!*path) {
		json_decref(root);
		free(copy);
		return value;
	}
	for (key = strtok_r(copy, "/", &save); (next = strtok_r(NULL, "/", &save)); key = next)
		at = json_is_array(at) ? json_array_get(at, strtoul(key, NULL, 10)) : json_object_get(at, key);
	if (json_is_array(at))
		json_array_set_new(at, strtoul(key, NULL, 10), value);
	else
		json_object_set_new(at, key, value);
	free(copy);
	return root;
}

/* A document written an element at a time reads byte for byte as the
 * whole tree dumped at once, wherever its array is: the document itself,
 * a member between others, deep in an array of objects; empty or not; with
 * the ASCII-only flags of a terminal. */
static void stream_matches_tree(const char *doc_text, const char *path, size_t elements)
{
	json_t *array = json_array(), *tree, *skeleton;
	char *want, *got;
	tl_json_stream st;
	tt_mem m;
	size_t i;

	for (i = 0; i < elements; i++)
		json_array_append_new(array, json_pack("{s:i, s:s, s:{s:[s, i]}}", "n", (int)i, "s",
						       "caf\xc3\xa9 \u202e", "nested", "list", "x", 1));
	tree = place(json_loads(doc_text, 0, NULL), path, json_incref(array));
	want = json_dumps(tree, JSON_PRESERVE_ORDER | JSON_INDENT(2) | tl_json_flags());
	ck_assert_ptr_nonnull(want);
	skeleton = place(json_loads(doc_text, 0, NULL), path, tl_json_slot());
	tl_json_stream_open(&st, skeleton, tt_mem_open(&m));
	json_decref(skeleton);
	for (i = 0; i < elements; i++)
		tl_json_stream_add(&st, json_incref(json_array_get(array, i)));
	ck_assert_int_eq(tl_json_stream_close(&st), 0);
	got = tt_mem_close(&m, NULL);
	ck_assert_msg(strncmp(got, want, strlen(want)) == 0, "%s: got\n%s\nwant\n%s", path, got, want);
	ck_assert_str_eq(got + strlen(want), "\n");
	free(got);
	free(want);
	json_decref(array);
	json_decref(tree);
}

START_TEST(json_stream)
{
	static const char sarif_like[] =
		"{\"$schema\": \"s\", \"runs\": [{\"tool\": {\"name\": \"t\"}, \"results\": [],"
		" \"properties\": {\"machine\": {\"os\": {}}}}]}";
	static const char lint_like[] = "{\"tool\": \"t\", \"findings\": [], \"summary\": {\"errors\": 0}}";
	int terminal;

	for (terminal = 0; terminal < 2; terminal++) {
		tl_json_set_terminal(terminal);
		stream_matches_tree("[]", "", 0);
		stream_matches_tree("[]", "", 3);
		stream_matches_tree(lint_like, "findings", 0);
		stream_matches_tree(lint_like, "findings", 2);
		stream_matches_tree(sarif_like, "runs/0/results", 0);
		stream_matches_tree(sarif_like, "runs/0/results", 3);
	}
	tl_json_set_terminal(0);
}
END_TEST

static Suite *io_suite(void)
{
	Suite *s = suite_create("io");
	TCase *tc = tcase_create("io");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, source_kinds);
	tcase_add_test(tc, source_caps);
	tcase_add_test(tc, source_large_halves);
	tcase_add_test(tc, buf_printf_room);
	tcase_add_test(tc, output_replaces_only_on_commit);
	tcase_add_test(tc, output_follows_links);
	tcase_add_test(tc, output_errors);
	tcase_add_test(tc, output_closed_pipe);
	tcase_add_test(tc, output_identity);
	tcase_add_test(tc, os_paths);
	tcase_add_test(tc, diag_limit);
	tcase_add_test(tc, escape_invisible);
	tcase_add_test(tc, json_text);
	tcase_add_test(tc, json_stream);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(io_suite());
}
