/* check_regex.c: the rule language's regular expressions: every construct
 * against subjects that match and that do not, every compile error with its
 * message and offset, linear time on patterns that are exponential for a
 * backtracker, and every prefix of valid patterns. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"
#include "testutil.h"
#include "base/util.h"

typedef struct match_case {
	const char *pattern;
	const char *subject;
	bool match;
} match_case;

static const match_case match_cases[] = {
	/* literals, empty pattern and subject */
	{"abc", "xxabcxx", true},
	{"abc", "abd", false},
	{"abc", "ab", false},
	{"", "", true},
	{"", "abc", true},
	{"a", "", false},
	{"]}", "x]}", true},
	/* . takes one whole code point, newline and invalid bytes included */
	{"a.c", "abc", true},
	{"a.c", "ac", false},
	{"a.c", "a\nc", true},
	{"^.$", "\xC3\xA9", true},
	{"^..$", "\xC3\xA9", false},
	{"^.$", "\xE2\x82\xAC", true},
	{"^.$", "\xF0\x9F\x98\x80", true},
	{"^.$", "\xFF", true},
	{"^...$", "a\xE2\x82", true}, /* a truncated sequence: two invalid bytes */
	{"a.b", "a\xFF" "b", true},
	/* classes */
	{"[abc]", "xbx", true},
	{"[abc]", "xyz", false},
	{"^[a-z]+$", "hello", true},
	{"^[a-z]+$", "Hello", false},
	{"^[a-z0-9_]+$", "a_9", true},
	{"[^a-z]", "abc", false},
	{"[^a-z]", "abC", true},
	{"^[^a]$", "\xC3\xA9", true},
	{"^[\xC3\xA9]$", "\xC3\xA9", true},
	{"^[\xC3\xA0-\xC3\xBF]$", "\xC3\xA9", true},
	{"[\xC3\xA9]", "\xE9", false},
	{"^[\\xe9]$", "\xC3\xA9", true},
	{"^[\\x80-\\xff]$", "\xC3\xA9", true},
	{"^[\\x80-\\xff]$", "\xC3", false},
	{"^[^\\x00-\\x7f]$", "\xC3", true},
	{"^[^\xC3\xA9]$", "\xE9", true},
	{"^[a-c]$", "\xFF", false},
	{"^[^a]$", "\xFF", true},
	{"a[^x]b", "a\xFF" "b", true},
	{"[-a]", "-", true},
	{"[a-]", "-", true},
	{"[a\\-z]", "-", true},
	{"[a\\-z]", "b", false},
	{"[a-c-e]", "-", true},
	{"[a-c-e]", "d", false},
	{"[\\]]", "]", true},
	{"[[]", "[", true},
	{"[\\^]", "^", true},
	{"[a^]", "^", true},
	{"[.*+?(){}|$]", "|", true},
	{"[.*+?(){}|$]", "a", false},
	{"^[\\t\\n\\r\\x20]+$", " \t\r\n", true},
	{"[\\d]", "5", true},
	{"[\\D]", "5", false},
	{"^[\\D]$", "\xFF", true},
	{"^[\\w.]+$", "a.b_c", true},
	{"^[\\w.]+$", "a-b", false},
	{"[^\\D]", "a", false},
	{"[^\\D]", "7", true},
	{"[^\\d\\s]", " 1", false},
	{"[^\\d\\s]", " 1x", true},
	{"a[\\w\\W]b", "a\xFF" "b", true},
	{"^[\xCE\xB1-\xCF\x89]+$", "\xCE\xBB\xCE\xBF\xCE\xB3\xCE\xBF\xCF\x82", true},
	{"^[\xCE\xB1-\xCF\x89]+$", "abc", false},
	{"^[\xE2\x82\xAC$]+$", "\xE2\x82\xAC$\xE2\x82\xAC", true},
	/* \d \w \s: ASCII only */
	{"\\d", "a1", true},
	{"\\d", "ab", false},
	{"\\d", "\xD9\xA3", false}, /* ARABIC-INDIC DIGIT THREE */
	{"^\\D+$", "ab", true},
	{"\\w", "!", false},
	{"\\w", "_", true},
	{"\\W", "a_1", false},
	{"\\W", "\xC3\xA9", true},
	{"^\\W$", "\xFF", true},
	{"\\s", "a b", true},
	{"\\s", "a\tb", true},
	{"\\s", "a\vb", true},
	{"\\S", "  ", false},
	{"a\\Wb", "a\xFF" "b", true},
	/* escapes */
	{"a\\.b", "a.b", true},
	{"a\\.b", "axb", false},
	{"\\t", "\t", true},
	{"\\n", "\n", true},
	{"\\r", "\r", true},
	{"\\x41", "A", true},
	{"\\x41", "a", false},
	{"\\xe9", "\xE9", false},
	{"\\\\", "\\", true},
	{"^\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\.$", "*+?()[]{}|^$.", true},
	{"\\-\\/\\!\\#\\@\\~", "-/!#@~", true},
	/* anchors: whole subject only */
	{"^abc", "abcd", true},
	{"^abc", "xabc", false},
	{"abc$", "xabc", true},
	{"abc$", "abcx", false},
	{"abc$", "abc\n", false},
	{"^$", "", true},
	{"^$", "a", false},
	{"^abc$", "abc", true},
	{"a^b", "a^b", false},
	{"a$b", "a$b", false},
	{"$", "abc", true},
	{"^", "", true},
	{"^a|b$", "xb", true},
	{"^a|b$", "bx", false},
	{"(^a|b)c", "xbc", true},
	{"(^a|b)c", "xac", false},
	{"^^a$$", "a", true},
	/* groups */
	{"(ab)+", "abab", true},
	{"^(ab)+$", "aba", false},
	{"^(?:ab)+$", "abab", true},
	{"^((a)(b(c)))$", "abc", true},
	{"^(a(b(c(d(e)))))$", "abcde", true},
	{"^(a(b(c(d(e)))))$", "abcd", false},
	{"()", "", true},
	{"^()$", "", true},
	{"^(?:)$", "", true},
	{"^()*$", "", true},
	{"^(|a)$", "", true},
	{"^(|a)$", "a", true},
	{"^(|a)$", "aa", false},
	/* alternation, also inside repetition */
	{"cat|dog", "hotdog", true},
	{"cat|dog", "cow", false},
	{"^(cat|dog)s?$", "cats", true},
	{"^(cat|dog)s?$", "catdog", false},
	{"a|", "xyz", true},
	{"|", "", true},
	{"^(a|b|c)+$", "abcabc", true},
	{"^(a|b|c)+$", "abcd", false},
	{"^(ab|a)*c$", "ababac", true},
	{"^(a|bc)*$", "abcbca", true},
	{"^(a|bc)*$", "abcb", false},
	{"^(?:a|b)*c(?:d|e)+$", "ababcde", true},
	{"^(?:a|b)*c(?:d|e)+$", "ababc", false},
	{"^(x(a|b)*y|z)+$", "xabyzxy", true},
	{"^(x(a|b)*y|z)+$", "xabyzx", false},
	/* repetition */
	{"^a*$", "", true},
	{"^a*$", "aaa", true},
	{"^a*$", "aab", false},
	{"^a+$", "", false},
	{"^a+$", "aa", true},
	{"^ab?c$", "ac", true},
	{"^ab?c$", "abc", true},
	{"^ab?c$", "abbc", false},
	{"^a{3}$", "aaa", true},
	{"^a{3}$", "aa", false},
	{"^a{3}$", "aaaa", false},
	{"^a{2,}$", "a", false},
	{"^a{2,}$", "aa", true},
	{"^a{2,}$", "aaaaaa", true},
	{"^a{2,4}$", "aaaa", true},
	{"^a{2,4}$", "aaaaa", false},
	{"^a{2,4}$", "a", false},
	{"^a{0,2}$", "", true},
	{"^a{0}$", "", true},
	{"^a{0}$", "a", false},
	{"^a{0,0}b$", "b", true},
	{"^a{0,}$", "aaa", true},
	{"^a{1,}$", "", false},
	{"^a{1,1}b$", "ab", true},
	{"^a{007}$", "aaaaaaa", true},
	{"^(ab){2}$", "abab", true},
	{"^(ab){2}$", "ab", false},
	{"^(a|b){2,3}$", "bab", true},
	{"^(a|b){2,3}$", "b", false},
	{"^(a|b){2,3}$", "abab", false},
	{"^[0-9]{4}-[0-9]{2}$", "2026-11", true},
	{"^[0-9]{4}-[0-9]{2}$", "2026-1", false},
	{"^(a*)*$", "aaa", true},
	{"^(a*)+b$", "aab", true},
	{"^(a?){3}a{3}$", "aaa", true},
	/* lazy quantifiers: accepted, same answer */
	{"^a*?$", "aaa", true},
	{"^a+?b$", "aab", true},
	{"^a??b$", "ab", true},
	{"^a{2,3}?$", "aaa", true},
	{"^a{2}?$", "aa", true},
	{"^a{2,}?$", "a", false},
	/* (?i): ASCII case folding of the whole pattern */
	{"(?i)abc", "xAbC", true},
	{"(?i)^ABC$", "abc", true},
	{"abc", "ABC", false},
	{"(?i)", "", true},
	{"(?i)1", "1", true},
	{"(?i)[a-c]+$", "ABC", true},
	{"(?i)[^a]", "A", false},
	{"(?i)[^a]", "Ab", true},
	{"(?i)\\x41", "a", true},
	{"(?i)\\w", "Z", true},
	{"(?i)[A-Z]", "q", true},
	{"(?i)^[Z-a]$", "z", true},
	{"(?i)^[Z-a]$", "A", true},
	{"(?i)^[Z-a]$", "_", true},
	{"(?i)^[Z-a]$", "b", false},
	{"(?i)^(a|B)+$", "AbBa", true},
	{"(?i)\xC3\xA9", "\xC3\x89", false},
	{"(?i)[\xC3\xA9]", "\xC3\x89", false},
	{"(?i)k", "\xE2\x84\xAA", false}, /* KELVIN SIGN: no Unicode folding */
	/* UTF-8 in patterns and subjects */
	{"\xE2\x82\xAC", "price 5\xE2\x82\xAC", true},
	{"^.\xE2\x82\xAC$", "5\xE2\x82\xAC", true},
	{"\xF0\x9F\x98\x80+", "x\xF0\x9F\x98\x80\xF0\x9F\x98\x80", true},
	{"^\xC3\xA9{2}$", "\xC3\xA9\xC3\xA9", true},
	{"^\xC3\xA9{2}$", "\xC3\xA9\xC3", false},
	{"\xC3\xA9", "\xC3", false},
	/* realistic rule patterns */
	{"(?i)(^|,\\s*)CN=[^,]*test", "O=x, CN=My Test CA", true},
	{"(?i)(^|,\\s*)CN=[^,]*test", "O=test, CN=My CA", false},
	{"^[0-9A-F]{40}$", "0123456789ABCDEF0123456789ABCDEF01234567", true},
	{"^[0-9A-F]{40}$", "0123456789ABCDEF0123456789ABCDEF0123456", false},
};

START_TEST(match_table)
{
	const match_case *c = &match_cases[_i];
	char *err = NULL;
	size_t off = 99;
	tl_regex *re = tl_regex_compile(c->pattern, strlen(c->pattern), &err, &off);

	ck_assert_msg(re != NULL, "'%s' does not compile: %s at %zu", c->pattern, err, off);
	ck_assert_ptr_null(err);
	ck_assert_msg(tl_regex_search(re, c->subject, strlen(c->subject)) == c->match,
		      "'%s' on '%s' should %s", c->pattern, c->subject,
		      c->match ? "match" : "not match");
	/* the scratch is reused: the same answer again */
	ck_assert(tl_regex_search(re, c->subject, strlen(c->subject)) == c->match);
	tl_regex_free(re);
}
END_TEST

typedef struct error_case {
	const char *pattern;
	const char *message;
	size_t offset;
} error_case;

static const error_case error_cases[] = {
	{")", "unbalanced ')'", 0},
	{"a)b", "unbalanced ')'", 1},
	{"(a))", "unbalanced ')'", 3},
	{"(a", "missing ')'", 0},
	{"a(b(c)", "missing ')'", 1},
	{"(?:a|b", "missing ')'", 0},
	{"[a", "missing ']'", 0},
	{"x[^ab", "missing ']'", 1},
	{"[a\\]", "missing ']'", 0},
	{"[", "missing ']'", 0},
	{"[^", "missing ']'", 0},
	{"[]", "empty class '[]'", 0},
	{"[]a]", "empty class '[]'", 0},
	{"x[^]a]", "empty class '[^]'", 1},
	{"*a", "nothing to repeat", 0},
	{"+", "nothing to repeat", 0},
	{"?", "nothing to repeat", 0},
	{"{2}", "nothing to repeat", 0},
	{"a**", "nothing to repeat", 2},
	{"a+*", "nothing to repeat", 2},
	{"a|*", "nothing to repeat", 2},
	{"(*)", "nothing to repeat", 1},
	{"(?:+)", "nothing to repeat", 3},
	{"^*", "nothing to repeat", 1},
	{"a$+", "nothing to repeat", 2},
	{"a{2}{3}", "nothing to repeat", 4},
	{"a???", "nothing to repeat", 3},
	{"a*?+", "nothing to repeat", 3},
	{"(?i)*", "nothing to repeat", 4},
	{"\\q", "bad escape '\\q'", 0},
	{"ab\\1", "bad escape '\\1'", 2},
	{"\\b", "bad escape '\\b'", 0},
	{"(?i)^CN=.*\\btest", "bad escape '\\b'", 10},
	{"\\ ", "bad escape '\\ '", 0},
	{"\\\xC3\xA9", "bad escape '\\\xC3\xA9'", 0},
	{"\\\x01", "bad escape '\\\\x01'", 0},
	{"\\\xFF", "bad escape '\\\\xff'", 0},
	{"[\\z]", "bad escape '\\z'", 1},
	{"\\x4", "bad escape '\\x' (two hex digits must follow)", 0},
	{"a\\xg0", "bad escape '\\x' (two hex digits must follow)", 1},
	{"\\x", "bad escape '\\x' (two hex digits must follow)", 0},
	{"ab\\", "pattern ends with '\\'", 2},
	{"[a\\", "pattern ends with '\\'", 2},
	{"a{3,2}", "bad repetition bounds {3,2}", 1},
	{"a{1001}", "bad repetition bounds {1001}", 1},
	{"a{1001,}", "bad repetition bounds {1001,}", 1},
	{"a{0,1001}", "bad repetition bounds {0,1001}", 1},
	{"a{99999999999999999999}", "bad repetition bounds {99999999999999999999}", 1},
	{"a{", "bad repetition syntax (expected {m}, {m,} or {m,n})", 2},
	{"a{x}", "bad repetition syntax (expected {m}, {m,} or {m,n})", 2},
	{"a{,3}", "bad repetition syntax (expected {m}, {m,} or {m,n})", 2},
	{"a{1", "bad repetition syntax (expected {m}, {m,} or {m,n})", 3},
	{"a{1,x}", "bad repetition syntax (expected {m}, {m,} or {m,n})", 4},
	{"a{1,2,3}", "bad repetition syntax (expected {m}, {m,} or {m,n})", 5},
	{"[z-a]", "bad class range 'z-a'", 1},
	{"x[\\d-z]", "bad class range '\\d-z'", 2},
	{"[a-\\w]", "bad class range 'a-\\w'", 1},
	{"[\\x7f-\\x00]", "bad class range '\\x7f-\\x00'", 1},
	{"[[:alpha:]]", "posix class syntax '[:' is not supported (escape the '[')", 1},
	{"a(?i)b", "'(?i)' is allowed only at the start of the pattern", 1},
	{"(?i)(?i)a", "'(?i)' is allowed only at the start of the pattern", 4},
	{"(?I)a", "unsupported group '(?I'", 0},
	{"(?i", "unsupported group '(?i'", 0},
	{"(?=a)", "unsupported group '(?='", 0},
	{"x(?<n>a)", "unsupported group '(?<'", 1},
	{"(?\xC3\xA9)", "unsupported group '(?\xC3\xA9'", 0},
	{"(?\xFF)", "unsupported group '(?\\xff'", 0},
	{"(?", "unsupported group '(?'", 0},
	{"\xFF", "invalid utf-8 byte 0xff", 0},
	{"ab\xC3", "invalid utf-8 byte 0xc3", 2},
	{"[a\xC3]", "invalid utf-8 byte 0xc3", 2},
	{"\xED\xA0\x80", "invalid utf-8 byte 0xed", 0}, /* a surrogate */
	{"\xC0\xAF", "invalid utf-8 byte 0xc0", 0},	/* overlong */
	/* 10,000 instructions is the most; the piece that crosses it is named */
	{"(?:a{1000}){10}b", "pattern too large", 15},
	{"(?:a{100}){101}", "pattern too large", 10},
	{"((a{1000}){1000}){1000}", "pattern too large", 10},
	{"x|(?:[ab]{1000}){11}", "pattern too large", 16},
	{"^(?:a{100}){100}", "pattern too large", 11}, /* ^ counts */
};

START_TEST(error_table)
{
	const error_case *c = &error_cases[_i];
	char *err = NULL;
	size_t off = 99;
	tl_regex *re = tl_regex_compile(c->pattern, strlen(c->pattern), &err, &off);

	ck_assert_msg(re == NULL, "'%s' compiles", c->pattern);
	ck_assert_ptr_nonnull(err);
	ck_assert_str_eq(err, c->message);
	ck_assert_uint_eq(off, c->offset);
	free(err);
}
END_TEST

static bool search1(const char *pattern, size_t plen, const char *subject, size_t slen)
{
	char *err = NULL;
	size_t off;
	tl_regex *re = tl_regex_compile(pattern, plen, &err, &off);
	bool m;

	ck_assert_msg(re != NULL, "'%s' does not compile: %s at %zu", pattern, err, off);
	m = tl_regex_search(re, subject, slen);
	tl_regex_free(re);
	return m;
}

START_TEST(embedded_nul)
{
	ck_assert(search1("a\0b", 3, "xa\0by", 5));
	ck_assert(!search1("a\0b", 3, "xa\0cy", 5));
	ck_assert(search1("^a.b$", 5, "a\0b", 3));
	ck_assert(search1("\\x00", 4, "\0", 1));
	ck_assert(!search1("\\x00", 4, "", 0));
	ck_assert(search1("^[^a]$", 6, "\0", 1));
	/* the length given, not the NUL, ends the subject */
	ck_assert(!search1("c", 1, "abc", 2));
	ck_assert(search1("b$", 2, "abc", 2));
	/* a subject of no bytes needs no buffer */
	ck_assert(search1("^$", 2, NULL, 0));
	/* a multi-byte sequence cut off by the length is invalid bytes */
	ck_assert(!search1("\xC3\xA9", 2, "\xC3\xA9", 1));
	ck_assert(search1("^[^a]$", 6, "\xC3\xA9", 1));
}
END_TEST

/* Exponential for a backtracker; linear here. No timing assertion: a
 * blowup would not finish. */
START_TEST(no_blowup)
{
	size_t n = 10000;
	char *as = tl_xmalloc(n + 2);

	memset(as, 'a', n);
	as[n] = 'b';
	as[n + 1] = '\0';
	ck_assert(!search1("(a*)*c", 6, as, n + 1));
	ck_assert(!search1("(a|a)*c", 7, as, n + 1));
	ck_assert(search1("(a|a)*b", 7, as, n + 1));
	ck_assert(!search1("^(a|a)*b", 8, as, n));
	ck_assert(!search1("^(a*)*$", 7, as, n + 1));
	ck_assert(search1("^(a*)*$", 7, as, n));
	ck_assert(!search1("^(a|aa)+$", 9, as, n + 1));
	ck_assert(!search1("(a+a+)+c", 8, as, n + 1));
	ck_assert(!search1("(.*)*.*c", 8, as, n + 1));
	ck_assert(search1("^(a?){20}a{20}", 14, as, n));
	ck_assert(!search1("a{1000}c", 8, as, n + 1));
	free(as);
}
END_TEST

/* A program at the cap compiles and runs. */
START_TEST(largest_program)
{
	tl_buf subject = {0};
	size_t i;

	for (i = 0; i < 100; i++) {
		tl_buf_addc(&subject, 'a');
		tl_buf_add(&subject, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 50);
		tl_buf_add(&subject, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 49);
	}
	ck_assert_uint_eq(subject.len, 10000);
	/* 100 x 100 instructions */
	ck_assert(search1("(?:ab{99}){100}", 15, subject.data, subject.len));
	ck_assert(!search1("(?:ab{99}){100}", 15, subject.data, subject.len - 1));
	ck_assert(search1("(?:ab{9}){1000}", 15, subject.data, 10) == false);
	tl_buf_free(&subject);
}
END_TEST

START_TEST(nesting_limit)
{
	tl_buf pat = {0};
	char *err = NULL;
	size_t i, off = 0;
	tl_regex *re;

	for (i = 0; i < 1000; i++)
		tl_buf_addc(&pat, '(');
	tl_buf_addc(&pat, 'a');
	for (i = 0; i < 1000; i++)
		tl_buf_addc(&pat, ')');
	re = tl_regex_compile(pat.data, pat.len, &err, &off);
	ck_assert_ptr_nonnull(re);
	ck_assert(tl_regex_search(re, "xa", 2));
	tl_regex_free(re);
	tl_buf_free(&pat);

	for (i = 0; i < 1001; i++)
		tl_buf_addc(&pat, '(');
	re = tl_regex_compile(pat.data, pat.len, &err, &off);
	ck_assert_ptr_null(re);
	ck_assert_str_eq(err, "groups nested too deeply");
	ck_assert_uint_eq(off, 1000);
	free(err);
	tl_buf_free(&pat);
}
END_TEST

START_TEST(optional_error_outputs)
{
	tl_regex *re = tl_regex_compile("a)", 2, NULL, NULL);

	ck_assert_ptr_null(re);
	re = tl_regex_compile("a", 1, NULL, NULL);
	ck_assert_ptr_nonnull(re);
	tl_regex_free(re);
	tl_regex_free(NULL);
}
END_TEST

/* One compiled regex, many searches: the per-search marks must not leak
 * from one search into the next. */
START_TEST(reuse)
{
	char *err = NULL;
	size_t off, i;
	tl_regex *re = tl_regex_compile("^(ab|cd)+e$", 11, &err, &off);

	ck_assert_ptr_nonnull(re);
	for (i = 0; i < 1000; i++) {
		ck_assert(tl_regex_search(re, "abcde", 5));
		ck_assert(!tl_regex_search(re, "abcd", 4));
		ck_assert(!tl_regex_search(re, "", 0));
	}
	tl_regex_free(re);
}
END_TEST

/* Rules are evaluated on several threads (rules/lint.c), so one compiled
 * regex is searched by several at once: the one holding its lists uses
 * them, the others bring their own (tl_regex_search). Four threads on one
 * regex, their searches interleaved, each answer right; under
 * ThreadSanitizer (make check-tsan) a shared list would show as a race. */
typedef struct search_thread {
	tl_regex *re;
	size_t wrong;
} search_thread;

static void *search_many(void *arg)
{
	search_thread *t = arg;
	size_t i;

	for (i = 0; i < 20000; i++) {
		t->wrong += !tl_regex_search(t->re, "abcdabe", 7);
		t->wrong += tl_regex_search(t->re, "abcdab", 6);
	}
	return NULL;
}

START_TEST(searches_on_threads)
{
	char *err = NULL;
	size_t off, k;
	tl_regex *re = tl_regex_compile("^(ab|cd)+e$", 11, &err, &off);
	search_thread ts[4];
	pthread_t th[4];

	ck_assert_ptr_nonnull(re);
	for (k = 0; k < 4; k++) {
		ts[k].re = re;
		ts[k].wrong = 0;
		ck_assert_int_eq(pthread_create(&th[k], NULL, search_many, &ts[k]), 0);
	}
	for (k = 0; k < 4; k++) {
		pthread_join(th[k], NULL);
		ck_assert_uint_eq(ts[k].wrong, 0);
	}
	tl_regex_free(re);
}
END_TEST

static const char *const valid_patterns[] = {
	"(?i)^(?:CN|OU)=[^,]*\\s*test$",
	"(?i)^CN=[\\w .-]+(,\\s*O=(a|b|c)*)?$",
	"^[0-9A-F]{40}$",
	"a{2,4}?b{3}c{1,}d*?e+f??",
	"((a|b)*|[^\\x00-\\x1f\\]\\-]){0,3}",
	"\xC3\xA9[\xCE\xB1-\xCF\x89\xE2\x82\xAC]+\xF0\x9F\x98\x80.",
	"\\t\\n\\r\\x41\\.\\*\\\\\\d\\D\\w\\W\\s\\S",
	"(?:x(?:y(?:z|)|)|)$|^",
	"[-a][a-][\\^^]",
};

static void compile_and_search(const uint8_t *p, size_t len)
{
	static const char *const subjects[] = {"", "abc", "CN=test", "\xC3\xA9\xFF", "aaab"};
	char *err = NULL;
	size_t off = 0, i;
	tl_regex *re = tl_regex_compile((const char *)p, len, &err, &off);

	if (!re) {
		ck_assert_ptr_nonnull(err);
		ck_assert_uint_le(off, len);
		free(err);
		return;
	}
	ck_assert_ptr_null(err);
	for (i = 0; i < TL_ARRAY_LEN(subjects); i++)
		tl_regex_search(re, subjects[i], strlen(subjects[i]));
	tl_regex_free(re);
}

START_TEST(every_prefix)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(valid_patterns); i++) {
		const char *p = valid_patterns[i];

		char *err = NULL;
		size_t off;
		tl_regex *re = tl_regex_compile(p, strlen(p), &err, &off);

		ck_assert_msg(re != NULL, "'%s': %s at %zu", p, err, off);
		tl_regex_free(re);
		tt_each_prefix(p, strlen(p), compile_and_search);
		tt_each_flip(p, strlen(p), compile_and_search);
	}
}
END_TEST

static Suite *regex_suite(void)
{
	Suite *s = suite_create("regex");
	TCase *tc = tcase_create("regex");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, match_table, 0, (int)TL_ARRAY_LEN(match_cases));
	tcase_add_loop_test(tc, error_table, 0, (int)TL_ARRAY_LEN(error_cases));
	tcase_add_test(tc, embedded_nul);
	tcase_add_test(tc, no_blowup);
	tcase_add_test(tc, largest_program);
	tcase_add_test(tc, nesting_limit);
	tcase_add_test(tc, optional_error_outputs);
	tcase_add_test(tc, reuse);
	tcase_add_test(tc, searches_on_threads);
	tcase_add_test(tc, every_prefix);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(regex_suite());
}
