/* dn.c: see dn.h. */
#include "config.h"

#include "base/dn.h"

#include <stdlib.h>
#include <string.h>

#include "base/der.h"
#include "base/util.h"

/* Attribute short names: RFC 4514 3 and the ones GnuTLS and Windows show. */
static const struct {
	const char *oid;
	const char *name;
} attr_names[] = {
	{"2.5.4.3", "CN"},
	{"2.5.4.6", "C"},
	{"2.5.4.7", "L"},
	{"2.5.4.8", "ST"},
	{"2.5.4.9", "STREET"},
	{"2.5.4.10", "O"},
	{"2.5.4.11", "OU"},
	{"0.9.2342.19200300.100.1.25", "DC"},
	{"0.9.2342.19200300.100.1.1", "UID"},
	{"1.2.840.113549.1.9.1", "EMAIL"},
	{"2.5.4.4", "surName"},
	{"2.5.4.5", "serialNumber"},
	{"2.5.4.12", "title"},
	{"2.5.4.13", "description"},
	{"2.5.4.15", "businessCategory"},
	{"2.5.4.17", "postalCode"},
	{"2.5.4.42", "givenName"},
	{"2.5.4.43", "initials"},
	{"2.5.4.44", "generationQualifier"},
	{"2.5.4.46", "dnQualifier"},
	{"2.5.4.65", "pseudonym"},
	{"2.5.4.41", "name"},
	{"2.5.4.16", "postalAddress"},
	{"2.5.4.18", "postOfficeBox"},
	{"2.5.4.20", "telephoneNumber"},
	{"2.5.4.45", "x500UniqueIdentifier"},
	{"1.2.840.113549.1.9.2", "unstructuredName"},
	{"1.2.840.113549.1.9.8", "unstructuredAddress"},
	{"2.5.4.97", "organizationIdentifier"},
	{"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionOfIncorporationLocalityName"},
	{"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionOfIncorporationStateOrProvinceName"},
	{"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionOfIncorporationCountryName"},
};

/* Short names of id-at (2.5.4.N) by N, the attributes of nearly every
 * name: looked up from the bytes without building dotted text. */
static const char *id_at_name(uint8_t n)
{
	switch (n) {
	case 3: return "CN";
	case 6: return "C";
	case 7: return "L";
	case 8: return "ST";
	case 9: return "STREET";
	case 10: return "O";
	case 11: return "OU";
	default: return NULL;
	}
}

static const char *attr_name(const uint8_t *oid, size_t len, char **dotted)
{
	size_t i;

	*dotted = NULL;
	if (len == 3 && oid[0] == 0x55 && oid[1] == 0x04 && id_at_name(oid[2]))
		return id_at_name(oid[2]);
	*dotted = tl_der_oid_text(oid, len);
	if (!*dotted)
		return NULL;
	for (i = 0; i < TL_ARRAY_LEN(attr_names); i++)
		if (strcmp(*dotted, attr_names[i].oid) == 0)
			return attr_names[i].name;
	return *dotted;
}

/* Append one code point, escaped as RFC 4514 2.4 asks. */
static void put_escaped(tl_buf *b, uint32_t cp, bool first, bool last)
{
	if (cp == 0) {
		tl_buf_adds(b, "\\00");
		return;
	}
	if (cp == ',' || cp == '+' || cp == '"' || cp == '\\' || cp == '<' || cp == '>' ||
	    cp == ';' || (first && (cp == '#' || cp == ' ')) || (last && cp == ' '))
		tl_buf_addc(b, '\\');
	tl_utf8_put(b, cp);
}

/* Decode a directory string into code points; -1 when it is not one of the
 * string types or its bytes are malformed for the type. */
static int string_value(tl_buf *b, unsigned tag, const uint8_t *p, size_t n)
{
	size_t i, step, count;

	switch (tag) {
	case 0x0C: /* UTF8String */
	case 0x13: /* PrintableString */
	case 0x16: /* IA5String */
	case 0x1A: /* VisibleString */
	case 0x12: /* NumericString */
	case 0x14: /* TeletexString: Latin-1 in practice */
		step = 1;
		break;
	case 0x1E: /* BMPString, UTF-16BE */
		if (n % 2)
			return -1;
		step = 2;
		break;
	case 0x1C: /* UniversalString, UTF-32BE */
		if (n % 4)
			return -1;
		step = 4;
		break;
	default:
		return -1;
	}
	count = n / step;
	for (i = 0; i < n; i += step) {
		uint32_t cp;
		size_t k = i / step;

		if (step == 2) {
			cp = (uint32_t)p[i] << 8 | p[i + 1];
			if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < n) {
				uint32_t lo = (uint32_t)p[i + 2] << 8 | p[i + 3];
				if (lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 2;
				}
			}
		} else if (step == 4) {
			cp = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
			if (cp > 0x10FFFF)
				return -1;
		} else if (tag == 0x0C && p[i] >= 0x80) {
			/* one UTF-8 sequence, validated */
			size_t len = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : p[i] >= 0xC0 ? 2 : 0, j;
			if (len == 0 || i + len > n)
				return -1;
			cp = p[i] & (0x3F >> (len - 1));
			for (j = 1; j < len; j++) {
				if ((p[i + j] & 0xC0) != 0x80)
					return -1;
				cp = cp << 6 | (p[i + j] & 0x3F);
			}
			/* RFC 3629 3: no overlong forms, no surrogates, nothing
			 * past U+10FFFF */
			if (p[i] > 0xF4 || cp > 0x10FFFF || (len == 2 && cp < 0x80) ||
			    (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
			    (cp >= 0xD800 && cp < 0xE000))
				return -1;
			put_escaped(b, cp, i == 0, i + len == n);
			i += len - 1;
			continue;
		} else {
			cp = p[i];
		}
		put_escaped(b, cp, k == 0, k + 1 == count || i + step >= n);
	}
	return 0;
}

char *tl_dn_text(const uint8_t *p, size_t n)
{
	tl_der name, rdn;
	const uint8_t *rdns[64];
	size_t rdn_lens[64], count = 0, pos = 0;
	tl_buf b = {0};

	if (tl_der_read(p, n, &name) != 0 || name.tag != 0x30)
		return NULL;
	while (pos < name.body_len) {
		if (tl_der_read(name.body + pos, name.body_len - pos, &rdn) != 0 || rdn.tag != 0x31 ||
		    count == TL_ARRAY_LEN(rdns))
			return NULL;
		/* X.501 says SET SIZE (1..MAX), but real certificates carry
		 * empty RDNs (zlint's validityNegative test vector does): an
		 * empty one has nothing to print and is left out, wherever it
		 * sits, so no stray comma appears */
		if (rdn.body_len == 0) {
			pos += rdn.total_len;
			continue;
		}
		rdns[count] = rdn.body;
		rdn_lens[count++] = rdn.body_len;
		pos += rdn.total_len;
	}
	tl_buf_add(&b, "", 0);
	while (count--) {
		size_t apos = 0;
		bool first_atv = true;

		if (b.len)
			tl_buf_addc(&b, ',');
		while (apos < rdn_lens[count]) {
			tl_der atv, type, value;
			char *dotted = NULL;
			const char *aname;
			bool unknown;
			size_t mark;

			if (tl_der_read(rdns[count] + apos, rdn_lens[count] - apos, &atv) != 0 ||
			    atv.tag != 0x30 || tl_der_read(atv.body, atv.body_len, &type) != 0 ||
			    type.tag != 0x06 ||
			    tl_der_read(atv.body + type.total_len, atv.body_len - type.total_len, &value) != 0)
				goto bad;
			aname = attr_name(type.body, type.body_len, &dotted);
			if (!aname) { /* not a valid OID */
				free(dotted);
				goto bad;
			}
			if (!first_atv)
				tl_buf_addc(&b, '+');
			first_atv = false;
			tl_buf_adds(&b, aname);
			tl_buf_addc(&b, '=');
			unknown = aname == dotted;
			free(dotted);
			mark = b.len;
			/* RFC 4514 2.4: a type shown as a dotted OID takes its value
			 * as hex, whatever the value's type */
			if (unknown ||
			    string_value(&b, value.tag, value.body, value.body_len) != 0) {
				/* RFC 4514 2.4: other values as '#' + hex of the BER */
				char *hex = tl_xhex(value.start, value.total_len, false);
				b.len = mark;
				tl_buf_addc(&b, '#');
				tl_buf_adds(&b, hex);
				free(hex);
			}
			apos += atv.total_len;
		}
	}
	return tl_buf_steal(&b);
bad:
	tl_buf_free(&b);
	return NULL;
}

static const struct {
	const char *oid;
	const char *name;
	unsigned bits;
} curves[] = {
	{"1.2.840.10045.3.1.7", "secp256r1", 256},
	{"1.3.132.0.34", "secp384r1", 384},
	{"1.3.132.0.35", "secp521r1", 521},
	{"1.2.840.10045.3.1.1", "secp192r1", 192},
	{"1.3.132.0.33", "secp224r1", 224},
	{"1.3.132.0.10", "secp256k1", 256},
	{"1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256},
	{"1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384},
	{"1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512},
};

static const struct {
	const char *oid;
	const char *name;
	unsigned bits; /* fixed size, 0 when read from the key */
} key_algs[] = {
	{"1.2.840.113549.1.1.1", "RSA", 0},
	{"1.2.840.113549.1.1.10", "RSA-PSS", 0},
	{"1.2.840.10045.2.1", "EC", 0},
	{"1.2.840.10040.4.1", "DSA", 0},
	{"1.3.101.112", "Ed25519", 256},
	{"1.3.101.113", "Ed448", 456},
	{"1.3.101.110", "X25519", 256},
	{"1.3.101.111", "X448", 448},
};

/* Bits of a DER INTEGER's magnitude. */
static unsigned integer_bits(const tl_der *i)
{
	const uint8_t *p = i->body;
	size_t n = i->body_len;
	unsigned bits;
	uint8_t top;

	while (n > 0 && *p == 0)
		p++, n--;
	if (n == 0)
		return 0;
	bits = (unsigned)(n - 1) * 8;
	for (top = *p; top; top >>= 1)
		bits++;
	return bits;
}

int tl_spki_parse(const uint8_t *p, size_t n, tl_spki *out)
{
	tl_der spki, alg, oid, params, key, inner, first;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->algorithm = "unknown";
	if (tl_der_read(p, n, &spki) != 0 || spki.tag != 0x30 ||
	    tl_der_read(spki.body, spki.body_len, &alg) != 0 || alg.tag != 0x30 ||
	    tl_der_read(alg.body, alg.body_len, &oid) != 0 || oid.tag != 0x06 ||
	    tl_der_read(spki.body + alg.total_len, spki.body_len - alg.total_len, &key) != 0 ||
	    key.tag != 0x03 || key.body_len < 1)
		return -1;
	out->oid = tl_der_oid_text(oid.body, oid.body_len);
	if (!out->oid)
		return -1;
	for (i = 0; i < TL_ARRAY_LEN(key_algs); i++)
		if (strcmp(out->oid, key_algs[i].oid) == 0) {
			out->algorithm = key_algs[i].name;
			out->bits = key_algs[i].bits;
		}
	if (tl_der_read(alg.body + oid.total_len, alg.body_len - oid.total_len, &params) != 0)
		params.tag = 0;
	if (!strcmp(out->algorithm, "RSA") || !strcmp(out->algorithm, "RSA-PSS")) {
		/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
		if (tl_der_read(key.body + 1, key.body_len - 1, &inner) == 0 && inner.tag == 0x30 &&
		    tl_der_read(inner.body, inner.body_len, &first) == 0 && first.tag == 0x02)
			out->bits = integer_bits(&first);
	} else if (!strcmp(out->algorithm, "DSA")) {
		/* Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER } */
		if (params.tag == 0x30 && tl_der_read(params.body, params.body_len, &first) == 0 &&
		    first.tag == 0x02)
			out->bits = integer_bits(&first);
	} else if (!strcmp(out->algorithm, "EC") && params.tag == 0x06) {
		char *curve_oid = tl_der_oid_text(params.body, params.body_len);

		for (i = 0; curve_oid && i < TL_ARRAY_LEN(curves); i++)
			if (strcmp(curve_oid, curves[i].oid) == 0) {
				out->curve = curves[i].name;
				out->bits = curves[i].bits;
				break;
			}
		if (curve_oid && !out->curve) {
			out->curve = curve_oid;
			out->curve_owned = true;
		} else {
			free(curve_oid);
		}
		/* an unnamed curve: the uncompressed point's coordinate size */
		if (out->bits == 0 && key.body_len > 2 && key.body[1] == 0x04)
			out->bits = (unsigned)((key.body_len - 2) / 2 * 8);
	}
	return 0;
}

void tl_spki_free(tl_spki *s)
{
	if (!s)
		return;
	free(s->oid);
	if (s->curve_owned)
		free((char *)s->curve);
	memset(s, 0, sizeof(*s));
}
