/* check_cab.c: cabinets read with libmspack from memory (formats/cab):
 * members in order with their bytes, the bounds on members and
 * decompressed size, damaged cabinets at every length. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "formats/cab.h"
#include "testutil.h"

typedef struct seen {
	size_t count;
	char *names[80];
	size_t lens[80];
	uint8_t *first; /* the first member's bytes */
} seen;

static void collect(void *arg, const char *name, const uint8_t *data, size_t len)
{
	seen *s = arg;

	if (s->count == 0)
		s->first = tl_xmemdup(data, len ? len : 1);
	if (s->count < TL_ARRAY_LEN(s->names)) {
		s->names[s->count] = tl_xstrdup(name);
		s->lens[s->count] = len;
	}
	s->count++;
}

static void seen_free(seen *s)
{
	size_t i;

	for (i = 0; i < s->count && i < TL_ARRAY_LEN(s->names); i++)
		free(s->names[i]);
	free(s->first);
}

/* Read testdata/lists/NAME; the diagnostics' text in *text (free it). */
static size_t read_cab(const char *name, seen *s, char **text)
{
	char *rel = tl_xasprintf("lists/%s", name);
	size_t len, given;
	uint8_t *data = tt_read_testdata(rel, &len);
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset(name, 0, len);

	memset(s, 0, sizeof(*s));
	given = tl_cab_read(data, len, &where, collect, s, d);
	*text = tt_diags_text(d);
	tl_diags_free(d);
	free(data);
	free(rel);
	return given;
}

START_TEST(detect_signature)
{
	ck_assert(tl_cab_detect((const uint8_t *)"MSCF\0\0\0\0", 8));
	ck_assert(tl_cab_detect((const uint8_t *)"MSCF", 4));
	ck_assert(!tl_cab_detect((const uint8_t *)"MSC", 3));
	ck_assert(!tl_cab_detect((const uint8_t *)"ISc(", 4)); /* InstallShield */
	ck_assert(!tl_cab_detect(NULL, 0));
}
END_TEST

/* MSZIP members come out whole, byte for byte, in the cabinet's order. */
START_TEST(members_in_order)
{
	seen s;
	char *text;
	size_t len;
	uint8_t *stl = tt_read_testdata("lists/authroot.stl", &len);

	ck_assert_uint_eq(read_cab("two-lists.cab", &s, &text), 3);
	ck_assert_str_eq(text, "");
	ck_assert_uint_eq(s.count, 3);
	ck_assert_str_eq(s.names[0], "authroot.stl");
	ck_assert_str_eq(s.names[1], "readme.txt");
	ck_assert_str_eq(s.names[2], "disallowedcert.stl");
	ck_assert_uint_eq(s.lens[0], len);
	ck_assert_mem_eq(s.first, stl, len);
	ck_assert_uint_eq(s.lens[1], strlen("Lint Test: these bytes are not a CTL\r\n"));
	free(stl);
	free(text);
	seen_free(&s);
}
END_TEST

START_TEST(member_count_bound)
{
	seen s;
	char *text;

	ck_assert_uint_eq(read_cab("many-members.cab", &s, &text), TL_CAB_MAX_MEMBERS);
	ck_assert_str_eq(s.names[63], "m64.txt");
	ck_assert_str_eq(text, "many-members.cab:0x00000000: error: more than 64 members: only the first 64 are read, and 1 more are not [input-cab-too-large]\n");
	free(text);
	seen_free(&s);
}
END_TEST

/* The declared size is checked before anything is decompressed: 65 MiB
 * of zeros in 114 KiB is refused, not extracted. */
START_TEST(decompressed_size_bound)
{
	seen s;
	char *text;

	ck_assert_uint_eq(read_cab("zeros-65m.cab", &s, &text), 0);
	ck_assert_str_eq(text, "zeros-65m.cab:0x00000000: error: member 'zeros.bin' of 68157440 bytes would take the cabinet past 64 MiB decompressed: not read [input-cab-too-large]\n");
	free(text);
	seen_free(&s);
}
END_TEST

START_TEST(damaged)
{
	seen s;
	char *text;
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset("x.cab", 0, 8);

	ck_assert_uint_eq(read_cab("truncated.cab", &s, &text), 0);
	ck_assert_str_eq(text, "truncated.cab:0x00000000: error: cannot extract member 'authroot.stl' (MSPACK_ERR_READ): not read [input-cab-damaged]\n");
	free(text);
	seen_free(&s);
	memset(&s, 0, sizeof(s));
	ck_assert_uint_eq(tl_cab_read((const uint8_t *)"MSCF\0\0\0\0", 8, &where, collect, &s, d), 0);
	text = tt_diags_text(d);
	ck_assert_str_eq(text, "x.cab:0x00000000: error: not a cabinet libmspack can open (MSPACK_ERR_READ): not read [input-cab-damaged]\n");
	free(text);
	tl_diags_free(d);
}
END_TEST

static void read_damaged(const uint8_t *p, size_t len)
{
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset("cut.cab", 0, len);
	seen s;

	memset(&s, 0, sizeof(s));
	tl_cab_read(p, len, &where, collect, &s, d);
	/* whatever is damaged, nothing comes out silently short: a member
	 * handed over has its declared length, and every failure says so */
	ck_assert(s.count > 0 || tl_diags_count(d) > 0);
	tt_ck_diags_sane(d, len);
	seen_free(&s);
	tl_diags_free(d);
}

START_TEST(every_prefix_and_flip)
{
	size_t len;
	uint8_t *data = tt_read_testdata("lists/two-lists.cab", &len);

	tt_each_prefix(data, len, read_damaged);
	tt_each_flip(data, len, read_damaged);
	free(data);
}
END_TEST

static Suite *cab_suite(void)
{
	Suite *s = suite_create("cab");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, detect_signature);
	tcase_add_test(tc, members_in_order);
	tcase_add_test(tc, member_count_bound);
	tcase_add_test(tc, decompressed_size_bound);
	tcase_add_test(tc, damaged);
	tcase_add_test(tc, every_prefix_and_flip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(cab_suite());
}
