/* ciphersuites.c: see ciphersuites.h. The policy values are those the
 * administrative template writes (FORMATS.md 5): "SSL Cipher Suite Order"
 * stores Functions, one REG_SZ of comma-separated suite names, and "ECC
 * Curve Order" stores EccCurves, a REG_MULTI_SZ (learn.microsoft.com,
 * "Manage Transport Layer Security (TLS)"). */
#include "config.h"

#include "windows/ciphersuites.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* A token of a suite name, between underscores (or the ends). */
static bool has_token(const char *suite, const char *token, bool prefix)
{
	size_t n = strlen(token);
	const char *p = suite;

	for (;;) {
		const char *end = strchr(p, '_');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if ((prefix ? len >= n : len == n) && tl_strncasecmp(p, token, n) == 0)
			return true;
		if (!end)
			return false;
		p = end + 1;
	}
}

static bool last_token(const char *suite, const char *token)
{
	const char *u = strrchr(suite, '_');

	return u && tl_strcasecmp(u + 1, token) == 0;
}

/* Weak means broken or forbidden by an RFC, checked on the name alone:
 * NULL encryption and anonymous key exchange (no secrecy, no server
 * authentication; RFC 5246 appendix A.5), export grade (RFC 5246
 * appendix E), the SSL 2.0 suites Windows names SSL_CK_* (RFC 6176), DES
 * (RFC 5469), RC2 (export only), RC4 (RFC 7465), 3DES (Sweet32,
 * CVE-2016-2183; NIST SP 800-131A Rev. 2 retired it after 2023) and
 * HMAC-MD5. AES-CBC with HMAC-SHA1 is not: it is in Windows' own default
 * order up to Windows Server 2022, the only choice of TLS 1.0 and 1.1
 * clients, and no practical attack on it is known; a rule that named it
 * would fire on nearly every machine. Static RSA key exchange
 * (TLS_RSA_WITH_AES_*) is not either: no forward secrecy, but allowed by
 * NIST SP 800-52 Rev. 2 for TLS 1.2. */
const char *tl_cipher_suite_weakness(const char *suite)
{
	if (has_token(suite, "NULL", false))
		return "NULL";
	if (has_token(suite, "anon", false))
		return "anonymous";
	if (has_token(suite, "EXPORT", true))
		return "EXPORT";
	if (tl_strncasecmp(suite, "SSL_CK_", 7) == 0)
		return "SSL 2.0";
	/* 3DES first: SSL_CK_DES_192_EDE3_CBC_WITH_MD5 also holds "DES" */
	if (has_token(suite, "3DES", false) || has_token(suite, "EDE3", false))
		return "3DES";
	if (has_token(suite, "DES", false) || has_token(suite, "DES40", false))
		return "DES";
	if (has_token(suite, "RC2", false))
		return "RC2";
	if (has_token(suite, "RC4", false))
		return "RC4";
	if (last_token(suite, "MD5"))
		return "MD5";
	return NULL;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

size_t tl_cipher_suites_split(const char *value, char ***out)
{
	size_t n = 0, cap = 0;
	const char *p = value;
	char **v = NULL;

	for (;;) {
		const char *end = strchr(p, ',');
		const char *stop = end ? end : p + strlen(p);
		const char *a = p, *b = stop;

		while (a < b && blank(*a))
			a++;
		while (b > a && blank(b[-1]))
			b--;
		if (b > a) {
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				v = tl_xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = tl_xstrndup(a, (size_t)(b - a));
		}
		if (!end)
			break;
		p = end + 1;
	}
	*out = v ? v : tl_xcalloc(1, sizeof(*v));
	return n;
}

/* Characters, not bytes: the policy's limit counts characters. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void tl_cipher_policy_read(const tl_registry *r, tl_cipher_policy *out)
{
	const tl_reg_key *k = tl_registry_find(r, TL_WIN_SSL_POLICY_KEY);
	const tl_reg_value *functions = k ? tl_reg_key_value(k, "Functions") : NULL;
	const tl_reg_value *curves = k ? tl_reg_key_value(k, "EccCurves") : NULL;
	char *value;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (functions) {
		out->present = true;
		out->type = functions->type;
	}
	/* REG_SZ is what the template writes; that Schannel reads a
	 * REG_EXPAND_SZ the same is inferred (check_schannel names it) */
	value = tl_reg_value_string(functions);
	if (value) {
		out->read = true;
		out->length = utf8_chars(value);
		out->suite_count = tl_cipher_suites_split(value, &out->suites);
		out->weak = tl_xcalloc(out->suite_count + 1, sizeof(*out->weak));
		for (i = 0; i < out->suite_count; i++)
			if (tl_cipher_suite_weakness(out->suites[i]))
				out->weak[out->weak_count++] = out->suites[i];
		free(value);
	}
	if (curves && curves->type == TL_REG_MULTI_SZ) {
		out->curves_read = true;
		out->curve_count = tl_reg_value_multi_sz(curves, &out->curves);
	}
}

void tl_cipher_policy_free(tl_cipher_policy *p)
{
	if (!p)
		return;
	tl_strv_free(p->suites, p->suite_count);
	free(p->weak);
	tl_strv_free(p->curves, p->curve_count);
	memset(p, 0, sizeof(*p));
}
