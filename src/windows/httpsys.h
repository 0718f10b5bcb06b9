/* httpsys.h: the http.sys TLS bindings of the machine (`netsh http show
 * sslcert`), read from their registry keys, and what Schannel does for
 * each: the server certificate it presents, where it takes the trusted
 * issuers for client authentication from and why, and what a trusted
 * issuer list over 16 KB does on the machine's OS version (FORMATS.md 5).
 *
 * Ownership: bindings borrow the registry they were read from; a binding's
 * strings are its own. Free the array with tl_bindings_free. An issuer
 * source borrows the model and the logical Root it was taken from. */
#ifndef TL_WIN_HTTPSYS_H
#define TL_WIN_HTTPSYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "model/registry.h"
#include "model/store.h"
#include "windows/schannel.h"
#include "windows/stores.h"

#define TL_WIN_HTTP_PARAMS_KEY "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"

/* DefaultFlags bits, the HTTP_SERVICE_CONFIG_SSL_FLAG_* constants of
 * http.h (FORMATS.md 5). Inferred: that the bits above 0x8 are stored in
 * DefaultFlags like the lower ones is not verified on a real export
 * (check_windows names this assumption). */
enum {
	TL_HTTP_FLAG_USE_DS_MAPPER = 0x1,
	TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT = 0x2,
	TL_HTTP_FLAG_NO_RAW_FILTER = 0x4,
	TL_HTTP_FLAG_REJECT = 0x8,
	TL_HTTP_FLAG_DISABLE_HTTP2 = 0x10,
	TL_HTTP_FLAG_DISABLE_QUIC = 0x20,
	TL_HTTP_FLAG_DISABLE_TLS13 = 0x40,
	TL_HTTP_FLAG_DISABLE_OCSP_STAPLING = 0x80,
	TL_HTTP_FLAG_DISABLE_LEGACY_TLS = 0x400,
	TL_HTTP_FLAG_DISABLE_TLS12 = 0x1000,
};

/* DefaultSslCertCheckMode bits (FORMATS.md 5). */
enum {
	TL_HTTP_CHECK_NO_REVOCATION = 0x1,
	TL_HTTP_CHECK_CACHED_ONLY = 0x2,
	TL_HTTP_CHECK_FRESHNESS_TIME = 0x4,
	TL_HTTP_CHECK_NO_USAGE = 0x10000,
};

/* The three kinds of http.sys TLS binding, each a key under
 * TL_WIN_HTTP_PARAMS_KEY named by tl_binding_kind_key(). */
typedef enum tl_binding_kind {
	TL_HTTPSYS_IP = 0, /* SslBindingInfo\<ip>:<port>: by local address */
	TL_HTTPSYS_SNI,    /* SslSniBindingInfo\<host>:<port>: by the TLS server name */
	/* SslCcsBindingInfo\0.0.0.0:<port>: the certificate comes from IIS's
	 * Central Certificate Store by the server name, not from a store of
	 * the machine. The key is always the IPv4 wildcard and a port
	 * (learn.microsoft.com, HTTP_SERVICE_CONFIG_SSL_CCS_KEY); that the
	 * registry key is named SslCcsBindingInfo, like the other two, is
	 * inferred from netsh and FORMATS.md 6 (check_windows names it). */
	TL_HTTPSYS_CCS,
	TL_HTTPSYS_KIND_COUNT
} tl_binding_kind;

/* "SslBindingInfo", "SslSniBindingInfo", "SslCcsBindingInfo" (static). */
const char *tl_binding_kind_key(tl_binding_kind k);
/* "ip", "sni", "ccs" (static), as the binding field kind says it. */
const char *tl_binding_kind_name(tl_binding_kind k);

typedef struct tl_binding {
	char *endpoint;     /* the key name: "0.0.0.0:443", "portal.lint.test:443" */
	tl_binding_kind kind;
	const tl_reg_key *key;
	/* DWORDs as written; -1 when absent or not a DWORD */
	int64_t flags;       /* DefaultFlags */
	int64_t check_mode;  /* DefaultSslCertCheckMode */
	int64_t freshness;   /* DefaultSslRevocationFreshnessTime, seconds */
	int64_t url_timeout; /* DefaultSslRevocationUrlRetrievalTimeout, ms */
	const tl_reg_value *cert_hash; /* SslCertHash as written, or NULL */
	const tl_reg_value *app_id;    /* AppId as written, or NULL */
	char *cert_store;     /* SslCertStoreName; "MY" when empty or absent */
	char *issuer_store;   /* DefaultSslCtlStoreName as written (may be ""), or NULL */
	char *ctl_identifier; /* DefaultSslCtlIdentifier as written, or NULL */
} tl_binding;

/* Every binding under SslBindingInfo, then SslSniBindingInfo, then
 * SslCcsBindingInfo, in registry order. Returns the count. */
size_t tl_bindings_read(const tl_registry *r, tl_binding **out);
void tl_bindings_free(tl_binding *b, size_t n);

/* A DefaultFlags (or DefaultSslCertCheckMode) bit: the value is a DWORD and
 * has it. */
bool tl_binding_flag(const tl_binding *b, uint32_t bit);
bool tl_binding_check_bit(const tl_binding *b, uint32_t bit);

/* SslCertHash is a 20-byte REG_BINARY, a thumbprint that can be looked up. */
bool tl_binding_has_thumbprint(const tl_binding *b);

/* The certificate the binding presents: the entry whose SHA-1 is SslCertHash
 * in LocalMachine\<cert_store>, or NULL when there is none in the export. */
const tl_entry *tl_binding_cert(const tl_binding *b, const tl_model *m);

/* May Schannel present this certificate as a TLS server certificate? Its
 * EKU extension, when present, allows serverAuth (or any purpose), and the
 * store's ENHKEY_USAGE property (9), when present, allows serverAuth: the
 * store property narrows what the certificate says (FORMATS.md 1). */
bool tl_win_server_auth_allowed(const tl_entry *e);

/* What Schannel finds in a store it looks at for the trusted issuers. */
typedef enum tl_issuer_store_state {
	TL_ISSUER_STORE_NOT_CONSULTED = 0, /* the binding names no store (named), or the
					    * named store was used (ClientAuthIssuer) */
	TL_ISSUER_STORE_USED,              /* holds a certificate: the source */
	TL_ISSUER_STORE_ABSENT,            /* not in the export: perhaps just not exported */
	TL_ISSUER_STORE_NO_CERTIFICATE,    /* exported, holds no certificate (empty, or
					    * only CRLs or CTLs) */
	TL_ISSUER_STORE_NOT_ON_MACHINE,    /* not in the export, whose manifest lists
					    * every LocalMachine store: the machine has none */
} tl_issuer_store_state;

/* "not-consulted", "used", "absent", "no-certificate", "not-on-machine"
 * (static). */
const char *tl_issuer_store_state_name(tl_issuer_store_state s);

/* Where Schannel takes the trusted issuers for a binding, and why
 * (FORMATS.md 5). */
typedef struct tl_issuer_source {
	const char *name;               /* the store named, "ClientAuthIssuer" or "Root" */
	const tl_store *const *stores;  /* the physical stores it is made of */
	size_t count;                   /* 0 when Root is the source and not in the export */
	const tl_store *one;            /* storage for a single store: stores may point here */
	bool root;                      /* the machine's logical Root: the Root mix rule applies */
	tl_issuer_store_state named;    /* the DefaultSslCtlStoreName store */
	tl_issuer_store_state client_auth_issuer;
} tl_issuer_source;

/* "Holds a certificate", as Schannel's fallback asks it of a store: an
 * entry that is a certificate, parsed (a CRL, a CTL or bytes that are not a
 * certificate give no issuer). */
bool tl_win_store_has_certificate(const tl_store *s);

/* The binding's DefaultSslCtlStoreName store when it holds a certificate,
 * else ClientAuthIssuer when it holds one, else the machine's logical Root
 * (machine_root, NULL when the export has none: all of its up to 9
 * physical stores count). Stores are LocalMachine ones. out must not be
 * copied: its stores may point into it. */
void tl_binding_issuer_source(const tl_binding *b, const tl_model *m,
			      const tl_logical_store *machine_root, tl_issuer_source *out);

/* Why src was chosen, one line appended to out for messages and reports:
 * what the named store and ClientAuthIssuer hold, a store absent from the
 * export said to be perhaps just not exported. */
void tl_issuer_source_reason(const tl_binding *b, const tl_issuer_source *src, tl_buf *out);

/* 1 when the named issuer store (DefaultSslCtlStoreName) holds a
 * certificate, 0 when it is absent or holds none, -1 when the binding
 * names none. */
int tl_binding_issuer_store_found(const tl_binding *b, const tl_model *m);

/* Schannel caps the trusted issuer list at 16 KB (KB 933430, FORMATS.md
 * 5); rules take it as param.max_bytes. */
#define TL_WIN_ISSUER_LIST_CAP 16384

/* What a trusted issuer list over the cap does on this machine (httpsys.c
 * gives the sources). */
typedef enum tl_issuer_cap {
	TL_ISSUER_CAP_UNKNOWN = 0, /* whether the list is sent is not known */
	TL_ISSUER_CAP_NOT_SENT,    /* not sent: the handshake does not carry it */
	TL_ISSUER_CAP_SENT,        /* sent, and cut at the cap */
	TL_ISSUER_CAP_ALWAYS,      /* Windows 8 / Server 2012: breaks client
				    * authentication whether it is sent or not */
} tl_issuer_cap;

/* CurrentVersion is 6.2: Windows 8 or Windows Server 2012. */
bool tl_win_os_6_2(const tl_schannel *s);
tl_issuer_cap tl_win_issuer_cap(const tl_schannel *s);

/* Whether the list is sent, and why, one phrase appended to out: "sent:
 * SendTrustedIssuerList is 1", "not sent: SendTrustedIssuerList is absent,
 * and not sending is the default from Windows Server 2012 on
 * (CurrentVersion 6.3)", "unknown: ...". */
void tl_win_send_list_text(const tl_schannel *s, tl_buf *out);

/* What a list over the cap does here, one line appended to out for
 * messages: the reason for its level, an OS version assumed, and that the
 * KB 2880390 hotfix cannot be seen in an export. */
void tl_win_issuer_cap_effect(const tl_schannel *s, tl_buf *out);

/* 1 when the CTL named by DefaultSslCtlIdentifier is in the issuer store
 * (DefaultSslCtlStoreName, else ClientAuthIssuer), 0 when not, -1 when the
 * binding names no CTL. */
int tl_binding_ctl_found(const tl_binding *b, const tl_model *m);

#endif
