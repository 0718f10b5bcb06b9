/* diagids.c: see diagids.h. */
#include "config.h"

#include "base/diagids.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Sorted by id (byte order) for bsearch. tests/diagids.test checks that the
 * input-* rows are exactly the ids the sources report (it reads the id
 * lines, one per row), tests/check_diagids.c that every row is
 * complete, and doc/gen-diags.py copies the table into trustlint(1).
 *
 * The serialized-store reader builds its ids from a prefix ("sst" for a
 * store, "blob" for one registry Blob) and a defect name, so every defect
 * has both rows, even the three only one of them can report
 * (input-blob-bad-header, input-blob-missing-terminator,
 * input-sst-no-context); their help says so.
 *
 * Levels are those the code reports; input-sst-bad-property-id and
 * input-blob-bad-property-id are warnings for an id above 0xFFFF and
 * errors for id 0, and the row gives the warning. Where Windows' behaviour
 * is not confirmed (FORMATS.md), the help says "inferred" or "not
 * confirmed". */
static const struct tl_diag_info table[] = {
	{
		.id = "baseline-file",
		.level = TL_ERROR,
		.meaning = "the --baseline log cannot be read or is not a SARIF log whose results have rule ids: nothing is linted",
		.help = "The message gives the line, or the run and result, and what is wrong. A baseline is a SARIF log of an earlier run (`trustlint lint --format sarif -o old.sarif`); write it again, or drop --baseline.",
	},
	{
		.id = "input-bad-store-prefix",
		.level = TL_ERROR,
		.meaning = "the STORE= prefix of an argument is not STORE or LOCATION\\STORE: nothing is linted",
		.help = "The location must be LocalMachine, CurrentUser, LocalMachineGroupPolicy, LocalMachineEnterprise or CurrentUserGroupPolicy, and a store name must follow it: `CurrentUser\\Root=root.sst`.",
	},
	{
		.id = "input-blob-bad-encoding",
		.level = TL_ERROR,
		.meaning = "an element's encoding type is not 1, the only one Windows accepts",
		.help = "Windows rejects the element, so the entry is not in the real store: delete the registry key and re-add the certificate with `certutil -addstore` or `Import-Certificate`, then export the key again.",
	},
	{
		.id = "input-blob-bad-header",
		.level = TL_ERROR,
		.meaning = "the Blob does not start with a serialized store header (version 0, magic 'CERT')",
		.help = "Not reported today: the store and Blob readers share their defect names, and a registry Blob has no store header.",
	},
	{
		.id = "input-blob-bad-property-id",
		.level = TL_WARNING,
		.meaning = "a property id is above 0xFFFF, or an element id is 0 (the terminator) inside an element list",
		.help = "Property ids run from 1 to 0xFFFF and 0 ends a store, so the Blob was damaged or hand-built (reported as an error when the id is 0): delete the registry key and re-add the certificate with `certutil -addstore` or `Import-Certificate`, then export the key again.",
	},
	{
		.id = "input-blob-bad-terminator",
		.level = TL_WARNING,
		.meaning = "the terminator element (id 0) has a non-zero encoding or length",
		.help = "An id-0 element ends the element list whatever its other fields say (inferred: Windows reads it the same way): delete the registry key and re-add the certificate with `certutil -addstore` or `Import-Certificate`, then export the key again.",
	},
	{
		.id = "input-blob-dangling-property",
		.level = TL_WARNING,
		.meaning = "properties after the last context element belong to no entry",
		.help = "Properties come before the context element they describe and Windows ignores trailing ones, so what they set does not apply: delete the registry key and re-add the certificate with `certutil -addstore` or `Import-Certificate`, then export the key again.",
	},
	{
		.id = "input-blob-duplicate-property",
		.level = TL_WARNING,
		.meaning = "one property id appears twice before the same context element",
		.help = "Only one value can apply, and which one Windows keeps is not confirmed: delete the registry key and re-add the certificate with `certutil -addstore` or `Import-Certificate`, then export the key again.",
	},
	{
		.id = "input-blob-empty-context",
		.level = TL_ERROR,
		.meaning = "a certificate, CRL or CTL element has length 0",
		.help = "Windows rejects a zero-length context element and nothing is linted for it: delete the registry key and re-add the certificate with `certutil -addstore` or `Import-Certificate`, then export the key again.",
	},
	{
		.id = "input-blob-missing-terminator",
		.level = TL_WARNING,
		.meaning = "the Blob ends without the 12-byte zero terminator",
		.help = "Not reported today: the store and Blob readers share their defect names, and a registry Blob has no terminator.",
	},
	{
		.id = "input-blob-no-context",
		.level = TL_ERROR,
		.meaning = "the registry Blob holds no certificate, CRL or CTL",
		.help = "A Blob is properties followed by one context element; this one has properties alone, so Windows finds no entry here. Delete the key, or re-add the certificate with `certutil -addstore`.",
	},
	{
		.id = "input-blob-trailing-bytes",
		.level = TL_WARNING,
		.meaning = "bytes follow the registry Blob's context element",
		.help = "A Blob holds one context element and the bytes after it are ignored (inferred: Windows reads them the same way): delete the registry key and re-add the certificate with `certutil -addstore` or `Import-Certificate`, then export the key again.",
	},
	{
		.id = "input-blob-truncated",
		.level = TL_ERROR,
		.meaning = "the registry Blob is empty or ends inside an element: the rest is not read",
		.help = "The Blob is empty or shorter than its elements claim, so Windows cannot load the entry either. Export the key again with regedit; if the registry itself holds it, re-add the certificate with `certutil -addstore`.",
	},
	{
		.id = "input-blob-unknown-property",
		.level = TL_NOTE,
		.meaning = "a property id is not a known CERT_*_PROP_ID (kept)",
		.help = "Newer Windows versions add property ids; unknown ones are kept, never rejected. Nothing to do unless the id looks corrupt.",
	},
	{
		.id = "input-cab-damaged",
		.level = TL_ERROR,
		.meaning = "libmspack cannot open the cabinet, or cannot extract one of its members (its error name is in the message): what it holds is not read",
		.help = "A cabinet cut short or altered in transit reads like this. Download authrootstl.cab or disallowedcertstl.cab again, or give the .stl inside it (`expand authrootstl.cab authroot.stl` on Windows, `gcab -x` elsewhere).",
	},
	{
		.id = "input-cab-member-not-ctl",
		.level = TL_NOTE,
		.meaning = "a member of a cabinet is not a CTL: skipped",
		.help = "Only the CTLs of a cabinet are read, as root program lists; Windows Update's authrootstl.cab and disallowedcertstl.cab hold nothing else.",
	},
	{
		.id = "input-cab-no-list",
		.level = TL_WARNING,
		.meaning = "no member of a cabinet is a CTL: the cabinet gives no root program list",
		.help = "Give the cabinet Windows Update serves the list in (authrootstl.cab, disallowedcertstl.cab), or the .stl file itself.",
	},
	{
		.id = "input-cab-too-large",
		.level = TL_ERROR,
		.meaning = "a cabinet has more than 64 members, or its members would take more than 64 MiB decompressed: the rest is not read",
		.help = "Windows Update's list cabinets hold one member of well under a megabyte, so this is not one of them. Extract the .stl you want and give it with --trust-list.",
	},
	{
		.id = "input-cert-unparsable",
		.level = TL_ERROR,
		.meaning = "a certificate's DER cannot be parsed: no rule checks it",
		.help = "Windows may still hold the bytes, but trustlint cannot read them. Export the certificate alone (`Export-Certificate -Type CERT`), inspect it with `certutil -dump`, and replace it if it is corrupt.",
	},
	{
		.id = "input-config-bad-value",
		.level = TL_ERROR,
		.meaning = "an attribute of an IIS or WCF configuration element has a value IIS or WCF does not accept (a flag name, a number, bindingInformation, true or false, base64)",
		.help = "IIS validates each attribute when it reads a section and refuses the section (HTTP 500.19 for the requests it governs) when one fails (learn.microsoft.com, \"Introduction to ApplicationHost.config\", Attribute Validation); that flag names and true/false are read without regard to case is inferred. The message names the element, the attribute and what is accepted; fix the value, as IIS Manager writes it.",
	},
	{
		.id = "input-config-duplicate-section",
		.level = TL_ERROR,
		.meaning = "one configuration file sets the same section twice for the same path (two <location> tags, or one section twice in one place)",
		.help = "IIS refuses such a file (HTTP 500.19): <location> tags \"cannot reference the same path (unless they reference different sections)\" (Microsoft, \"Deep Dive into IIS Configuration with IIS 7 and IIS 8\"). The first occurrence is read; merge the two into one.",
	},
	{
		.id = "input-config-no-path",
		.level = TL_NOTE,
		.meaning = "a web.config that holds IIS settings was given without the site or application it belongs to, so its settings count for no path",
		.help = "A web.config does not say where it is: give it as `SITE/PATH=FILE`, e.g. `'Default Web Site/app=web.config'` (the IIS configuration path, with or without `MACHINE/WEBROOT/APPHOST/`). Its WCF services are read either way.",
	},
	{
		.id = "input-config-second-apphost",
		.level = TL_WARNING,
		.meaning = "more than one applicationHost.config among the inputs",
		.help = "A server has one applicationHost.config; two are read as one server level, so sites and locks of both mix. Lint one machine's export at a time.",
	},
	{
		.id = "input-ctl-bad-der",
		.level = TL_ERROR,
		.meaning = "the CertificateTrustList (the SignedData's eContent) cannot be decoded",
		.help = "No subject of the list is read. Get a fresh copy of the CTL (Microsoft's authroot.stl comes from Windows Update; `certutil -syncWithWU` fetches it).",
	},
	{
		.id = "input-ctl-bad-filetime",
		.level = TL_ERROR,
		.meaning = "a FILETIME subject attribute (property 104 or 126) is neither 8 bytes nor empty",
		.help = "The date cannot be read, so the distrust it carries is unknown to the rules (and, inferred, to Windows). Get a fresh copy of the CTL.",
	},
	{
		.id = "input-ctl-bad-identifier-length",
		.level = TL_ERROR,
		.meaning = "a subject identifier's length does not fit the subject algorithm (SHA-1 identifiers are 20 bytes)",
		.help = "That subject can match no certificate. Get a fresh copy of the CTL; if you build it, use each certificate's full thumbprint.",
	},
	{
		.id = "input-ctl-bad-oid",
		.level = TL_ERROR,
		.meaning = "an OBJECT IDENTIFIER in the CTL is zero-length or malformed",
		.help = "The usage, algorithm or attribute it names cannot be read. Get a fresh copy of the CTL, or rebuild it with a tool that writes valid DER.",
	},
	{
		.id = "input-ctl-bad-property-attribute",
		.level = TL_WARNING,
		.meaning = "a subject attribute does not hold exactly one OCTET STRING",
		.help = "Property attributes (1.3.6.1.4.1.311.10.11.<id>) carry one OCTET STRING equal to the store property; this one cannot be read as a property (inferred: Windows ignores it too). Get a fresh copy of the CTL.",
	},
	{
		.id = "input-ctl-bad-subject",
		.level = TL_ERROR,
		.meaning = "a trusted subject cannot be decoded: skipped",
		.help = "The list is damaged and that subject's trust is not linted. Get a fresh copy of the CTL.",
	},
	{
		.id = "input-ctl-bad-time",
		.level = TL_ERROR,
		.meaning = "ctlThisUpdate or ctlNextUpdate is not a valid UTCTime or GeneralizedTime",
		.help = "Rules about the list's age cannot use the date. Get a fresh copy of the CTL, or rebuild it with valid times.",
	},
	{
		.id = "input-ctl-bad-version",
		.level = TL_WARNING,
		.meaning = "the CTL version is not 0 (v1)",
		.help = "Only version 0 is defined ([MS-CAESO]); how Windows treats another is not confirmed. Rebuild the list as version 0, or get a fresh copy.",
	},
	{
		.id = "input-ctl-duplicate-subject",
		.level = TL_WARNING,
		.meaning = "a subject identifier appears twice in the list",
		.help = "Only one entry's attributes can apply, and which one Windows uses is not confirmed. Remove the duplicate, or get a fresh copy of the CTL.",
	},
	{
		.id = "input-ctl-econtent-octet-string",
		.level = TL_ERROR,
		.meaning = "the CertificateTrustList is wrapped in an OCTET STRING, a form Windows rejects",
		.help = "Windows expects the list directly under the eContent's [0] EXPLICIT tag, as its own tools write it. Rebuild the CTL with a Windows tool (or one that writes that form).",
	},
	{
		.id = "input-ctl-empty-filetime",
		.level = TL_NOTE,
		.meaning = "a FILETIME subject attribute (property 104 or 126) is empty",
		.help = "Microsoft's own lists carry empty values here and their meaning is undocumented (distrusted always, or no date), so rules treat the date as unknown. Nothing to do.",
	},
	{
		.id = "input-ctl-gnutls-rejected",
		.level = TL_WARNING,
		.meaning = "GnuTLS cannot read the CTL's SignedData: it was read with the lenient decoder",
		.help = "The list is unusual enough that other tools may refuse it; trustlint still reads it. Get a fresh copy if other tools must read the file.",
	},
	{
		.id = "input-ctl-no-content",
		.level = TL_ERROR,
		.meaning = "a SignedData of type szOID_CTL carries no list (eContent absent)",
		.help = "A detached CTL holds no subjects, so nothing is linted. Get the CTL with its content (authroot.stl from Windows Update).",
	},
	{
		.id = "input-ctl-no-contentinfo",
		.level = TL_WARNING,
		.meaning = "the CTL's SignedData lacks its ContentInfo wrapper",
		.help = "trustlint reads it, but GnuTLS and OpenSSL cannot. Get a copy written by Windows if other tools must read the file.",
	},
	{
		.id = "input-ctl-not-ctl",
		.level = TL_ERROR,
		.meaning = "the SignedData's content type is not szOID_CTL (1.3.6.1.4.1.311.10.1)",
		.help = "The file is another kind of signed data (a `.p7b` certificate bag, say). Give it as what it is, or get the right file.",
	},
	{
		.id = "input-ctl-not-signeddata",
		.level = TL_ERROR,
		.meaning = "the CTL is not a PKCS#7 SignedData",
		.help = "A CTL is a SignedData of type szOID_CTL; this data is something else. Get a fresh copy of the CTL.",
	},
	{
		.id = "input-ctl-trailing-bytes",
		.level = TL_WARNING,
		.meaning = "bytes follow the end of the CTL's SignedData",
		.help = "They are ignored (inferred: by Windows too); the file may be two lists joined by mistake. Get a fresh copy of the CTL.",
	},
	{
		.id = "input-ctl-unreadable",
		.level = TL_ERROR,
		.meaning = "the CTL's SignedData cannot be decoded",
		.help = "The list is damaged and nothing in it is linted. Get a fresh copy of the CTL.",
	},
	{
		.id = "input-ctl-unsigned",
		.level = TL_WARNING,
		.meaning = "the CTL has no signer (SignerInfos is empty)",
		.help = "Windows trusts a CTL through its signature, so an unsigned list is not used for trust decisions (inferred). Get the signed original (authroot.stl from Windows Update).",
	},
	{
		.id = "input-ctl-update-order",
		.level = TL_WARNING,
		.meaning = "ctlNextUpdate is before ctlThisUpdate",
		.help = "The list was stale from the moment it was issued: it is damaged or hand-built. Get a fresh copy of the CTL.",
	},
	{
		.id = "input-export-count-mismatch",
		.level = TL_WARNING,
		.meaning = "a store holds another number of certificates or CTLs than export.json says it held when the collection script exported it",
		.help = "The files were changed after collection, one was damaged on the way, or files of two exports were mixed. Export the machine again (contrib/Export-TrustState.ps1) and lint the new folder as it is.",
	},
	{
		.id = "input-export-file-missing",
		.level = TL_WARNING,
		.meaning = "export.json lists a store as exported, but no file of the export held that store",
		.help = "The file was deleted, renamed or not copied with the folder (a zip tool that skipped it, a transfer that failed): copy the whole folder again, or export the machine again.",
	},
	{
		.id = "input-export-key-failed",
		.level = TL_WARNING,
		.meaning = "the collection script could not export a registry key (the message says why)",
		.help = "The settings of that key are not in the export, so the rules about them say nothing. Run the script again from an elevated prompt; the key's error is in export.json and in the script's output.",
	},
	{
		.id = "input-export-manifest-bad",
		.level = TL_ERROR,
		.meaning = "export.json cannot be read as JSON, or is not a JSON object: the files of the export are linted without it",
		.help = "The message gives the line and column. The script writes the file as UTF-8; an editor or a transfer that changed it breaks it. Export the machine again, or fix the JSON (doc/export-json.md).",
	},
	{
		.id = "input-export-manifest-duplicate",
		.level = TL_WARNING,
		.meaning = "a second export manifest in one run: only the first is used",
		.help = "One run lints one machine: give trustlint one export folder (each folder's export.json describes its machine). Mixing the files of two machines in one run mixes their stores too.",
	},
	{
		.id = "input-export-manifest-field",
		.level = TL_WARNING,
		.meaning = "a member of export.json has the wrong type or value, and is left out",
		.help = "The rest of the manifest is used. doc/export-json.md lists every member and its type; a manifest edited by hand or by another tool may break them.",
	},
	{
		.id = "input-export-newer",
		.level = TL_WARNING,
		.meaning = "export.json has a manifest version newer than this trustlint reads: it is read as the version it knows",
		.help = "What the newer script added is not used. Update trustlint to the version that comes with the script.",
	},
	{
		.id = "input-export-not-elevated",
		.level = TL_WARNING,
		.meaning = "the collection script ran without elevation (-AllowUnelevated)",
		.help = "Some stores and registry keys are readable only by administrators, so they may be missing from the export, or empty where the machine's are not. Run the script again from an elevated prompt (Run as administrator).",
	},
	{
		.id = "input-export-os-mismatch",
		.level = TL_WARNING,
		.meaning = "export.json and the registry export give different OS builds: the registry's is used",
		.help = "The files come from two machines or two times: export the machine again and lint the new folder as it is.",
	},
	{
		.id = "input-export-partial",
		.level = TL_WARNING,
		.meaning = "the collection script says the export is partial: some stores or keys failed, or it printed warnings",
		.help = "The message gives the first problem; export.json lists them all. Findings about what was not exported are missing. Fix the cause (most often: not elevated, or a key locked by policy) and export again.",
	},
	{
		.id = "input-export-store-failed",
		.level = TL_WARNING,
		.meaning = "the collection script could not export a store (the message says why)",
		.help = "Rules see the store as not exported. Run the script again from an elevated prompt; the store's error is in export.json.",
	},
	{
		.id = "input-is-output",
		.level = TL_ERROR,
		.meaning = "an input is the file this run writes its report to: nothing is linted",
		.help = "The report would replace the export it is about. Write the report elsewhere (-o); in a folder walk, a report of an earlier run there is skipped, an export refused.",
	},
	{
		.id = "input-not-recognised",
		.level = TL_NOTE,
		.meaning = "a file met in a folder walk is not a store, CTL, registry export or configuration file: skipped",
		.help = "Export folders may hold other files. Name the file on the command line (as `STORE=FILE`) to see why it is not read.",
	},
	{
		.id = "input-not-regular-file",
		.level = TL_WARNING,
		.meaning = "an input is not a regular file (a device, FIFO or socket): skipped",
		.help = "trustlint reads only regular files, so that no input can block a run. Copy the export to a regular file first. Named on the command line, it is an error and nothing is linted.",
	},
	{
		.id = "input-not-trust-list",
		.level = TL_ERROR,
		.meaning = "a --trust-list file is neither a CTL nor a cabinet: nothing is linted",
		.help = "--trust-list takes Microsoft's root program lists: authroot.stl or disallowedcert.stl (`certutil -syncWithWU DIR` writes them), or the cabinets Windows Update serves them in (authrootstl.cab, disallowedcertstl.cab). Give stores as inputs, not with --trust-list.",
	},
	{
		.id = "input-pem-bad-base64",
		.level = TL_ERROR,
		.meaning = "a PEM block's base64 data is invalid or ends with an incomplete group: the block is skipped",
		.help = "The block was damaged, by an editor or a mail client say. Export the certificate again (`certutil -encode` writes PEM).",
	},
	{
		.id = "input-pem-bad-marker",
		.level = TL_ERROR,
		.meaning = "a BEGIN or END line is malformed (expected '-----BEGIN LABEL-----')",
		.help = "The block it opens or closes is skipped. Write the line as five dashes, BEGIN or END, the label and five dashes.",
	},
	{
		.id = "input-pem-empty",
		.level = TL_ERROR,
		.meaning = "a PEM block has no data between its BEGIN and END lines",
		.help = "Nothing is read from it. Remove the block, or put the exported certificate back in it.",
	},
	{
		.id = "input-pem-encrypted",
		.level = TL_WARNING,
		.meaning = "a PEM block is encrypted (Proc-Type ENCRYPTED): skipped",
		.help = "Encrypted blocks hold private keys, which trustlint does not read and which have no place in a trust-store export. Remove the key from the file.",
	},
	{
		.id = "input-pem-header",
		.level = TL_NOTE,
		.meaning = "a PEM block has an RFC 1421 header line (RFC 7468 has none)",
		.help = "The header is skipped and the block read. Strict RFC 7468 parsers may refuse it: remove the header lines.",
	},
	{
		.id = "input-pem-label-mismatch",
		.level = TL_ERROR,
		.meaning = "a PEM block's END label differs from its BEGIN label: the block is skipped",
		.help = "Two blocks were probably merged by an edit. Make both lines name the same label (`CERTIFICATE`) and check that no certificate was lost.",
	},
	{
		.id = "input-pem-missing-end",
		.level = TL_ERROR,
		.meaning = "a PEM block has no END line: the block is skipped",
		.help = "The file was cut short, or an END line was deleted. Restore it, or export the certificate again.",
	},
	{
		.id = "input-pem-noncanonical-base64",
		.level = TL_WARNING,
		.meaning = "a PEM block's base64 padding bits are not zero (RFC 4648 3.5)",
		.help = "The data decodes, but strict decoders may refuse it. Encode the certificate again (`certutil -encode`).",
	},
	{
		.id = "input-pem-unexpected-end",
		.level = TL_WARNING,
		.meaning = "an END line outside any block",
		.help = "The line is ignored. Its BEGIN line is missing or damaged: check that the certificate above it was not lost.",
	},
	{
		.id = "input-pem-unsupported-block",
		.level = TL_WARNING,
		.meaning = "a PEM block holds no certificate, CRL or PKCS#7 (a key or a request, say): skipped",
		.help = "Only certificate, CRL and PKCS#7 blocks are read. Remove other blocks from trust-store bundles, private keys above all.",
	},
	{
		.id = "input-pkcs7-bad-content-type",
		.level = TL_WARNING,
		.meaning = "the SignedData's encapsulated content type is a malformed or zero-length OBJECT IDENTIFIER",
		.help = "A certificate bag's content type is id-data (1.2.840.113549.1.7.1); the certificates are read anyway. Re-export the store with `Export-Certificate -Type P7B` if other tools must read it.",
	},
	{
		.id = "input-pkcs7-ber",
		.level = TL_NOTE,
		.meaning = "the SignedData uses BER indefinite lengths in its outer layers",
		.help = "It is valid BER and is checked as re-encoded with definite lengths, certificates as written. Nothing to do unless a strict DER tool refuses the file.",
	},
	{
		.id = "input-pkcs7-ber-malformed",
		.level = TL_ERROR,
		.meaning = "a BER SignedData has a malformed element: it cannot be read",
		.help = "The file is damaged and no certificate is read from it. Re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-ber-too-deep",
		.level = TL_ERROR,
		.meaning = "a BER SignedData nests deeper than trustlint reads: it cannot be read",
		.help = "Real certificate bags are a few levels deep, so the file is damaged or crafted. Re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-ber-truncated",
		.level = TL_ERROR,
		.meaning = "a BER SignedData ends inside an element or misses an end-of-contents marker",
		.help = "The file was cut short and no certificate is read from it. Copy it again, or re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-gnutls-rejected",
		.level = TL_WARNING,
		.meaning = "GnuTLS cannot read the SignedData: its certificates were read with the lenient decoder",
		.help = "The bag is unusual enough that other tools may refuse it; trustlint still reads it. Re-export the store with `Export-Certificate -Type P7B` if other tools must read it.",
	},
	{
		.id = "input-pkcs7-member-indefinite",
		.level = TL_ERROR,
		.meaning = "a certificate or CRL in the bag has a BER indefinite length: skipped",
		.help = "X.509 certificates and CRLs are signed as DER, so this member is damaged or re-encoded. Replace it with a DER export of the original.",
	},
	{
		.id = "input-pkcs7-member-malformed",
		.level = TL_ERROR,
		.meaning = "a member of the bag's certificates or CRLs cannot be read: it and the rest of the set are skipped",
		.help = "Where the member ends is unknown, so the members after it are lost too. Re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-member-too-deep",
		.level = TL_ERROR,
		.meaning = "a member of the bag's certificates or CRLs nests deeper than trustlint reads: it and the rest of the set are skipped",
		.help = "Real certificates are a few levels deep, so the member is damaged or crafted. Re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-no-contentinfo",
		.level = TL_WARNING,
		.meaning = "the SignedData lacks its ContentInfo wrapper (as Wine's CertSaveStore writes it)",
		.help = "trustlint reads it, but GnuTLS and OpenSSL cannot. Re-export the store with `Export-Certificate -Type P7B` on Windows if other tools must read the file.",
	},
	{
		.id = "input-pkcs7-not-signeddata",
		.level = TL_ERROR,
		.meaning = "the file is not a PKCS#7 SignedData",
		.help = "It holds another PKCS#7 content type (enveloped data, say), which carries no certificate bag. Re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-trailing-bytes",
		.level = TL_WARNING,
		.meaning = "bytes follow the end of the SignedData",
		.help = "They are ignored (inferred: by Windows too); the file may be two bags joined by mistake. Re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-unreadable",
		.level = TL_ERROR,
		.meaning = "the SignedData cannot be decoded: no certificate is read",
		.help = "The file is damaged. Re-export the store with `Export-Certificate -Type P7B`.",
	},
	{
		.id = "input-pkcs7-unsupported-member",
		.level = TL_NOTE,
		.meaning = "a member of the bag's certificates or CRLs is not an X.509 certificate or CRL (an attribute certificate, say): skipped",
		.help = "Windows stores hold X.509 certificates, CRLs and CTLs only. Nothing to do.",
	},
	{
		.id = "input-property-distrust-unreadable",
		.level = TL_WARNING,
		.meaning = "a property that says when or for what Windows distrusts the entry (104, 122, 126, 127) cannot be read",
		.help = "A DISALLOWED_FILETIME (104) or NOT_BEFORE_FILETIME (126) must be 8 bytes (a FILETIME below 0x8000000000000000) or empty; DISALLOWED_ENHKEY_USAGE (122) and NOT_BEFORE_ENHKEY_USAGE (127) a DER list of OIDs. trustlint cannot tell whether Windows still trusts the entry, so it lints it as trusted (distrusted is false). Re-export the store; for Microsoft's roots, `certutil -generateSSTFromWU` writes these properties as Windows Update sends them.",
	},
	{
		.id = "input-property-empty-filetime",
		.level = TL_NOTE,
		.meaning = "a DISALLOWED_FILETIME (104) or NOT_BEFORE_FILETIME (126) property is empty",
		.help = "Microsoft's own stores carry empty values here and their meaning is undocumented (distrusted always, or no date), so rules treat the date as unknown. Nothing to do.",
	},
	{
		.id = "input-property-malformed",
		.level = TL_WARNING,
		.meaning = "a store property has the wrong size or structure for its id",
		.help = "What it sets (friendly name, private key link, purposes, distrust) may not apply; how Windows reads it is not confirmed. Re-add the certificate and set the property again, or re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-reg-bad-header",
		.level = TL_ERROR,
		.meaning = "the first line is not a registry header: Windows imports nothing",
		.help = "The first line must be exactly `Windows Registry Editor Version 5.00` or `REGEDIT4`. Save the file as UTF-16LE (as regedit exports it) or ANSI, not as UTF-8 with a byte order mark.",
	},
	{
		.id = "input-reg-blob-kind",
		.level = TL_WARNING,
		.meaning = "a registry Blob holds another kind of entry than its key says (a CRL under Certificates, say)",
		.help = "Windows reads each of Certificates, CRLs and CTLs for its own kind (inferred: the entry is not used). Re-add the entry with `certutil -addstore` so that it lands under the right key.",
	},
	{
		.id = "input-reg-blob-missing",
		.level = TL_WARNING,
		.meaning = "a store entry's registry key has no Blob value",
		.help = "Windows finds no certificate there (inferred: the key is ignored). Delete the empty key, or re-add the certificate with `certutil -addstore`.",
	},
	{
		.id = "input-reg-blob-type",
		.level = TL_WARNING,
		.meaning = "a Blob value is not REG_BINARY (read anyway)",
		.help = "Windows writes Blob as REG_BINARY (`hex:`); whether it reads another type is not confirmed. Write the value as `hex:`, or export the key again with regedit.",
	},
	{
		.id = "input-reg-dropped-value",
		.level = TL_WARNING,
		.meaning = "a continued hex value is broken by a line that does not continue it: Windows drops the whole value",
		.help = "After a line ending in `,\\`, the next line must start with hex digits. Mend the line break; until then the value is not set.",
	},
	{
		.id = "input-reg-eof-continuation",
		.level = TL_WARNING,
		.meaning = "the file ends inside a continued hex value",
		.help = "Windows keeps the bytes read so far, so the value is probably cut short. Check that the file was copied whole.",
	},
	{
		.id = "input-reg-invalid-key",
		.level = TL_WARNING,
		.meaning = "a key name the registry refuses (an empty segment, over 255 characters or deeper than 512)",
		.help = "Windows skips the key and every value line up to the next key line. Mend the key path.",
	},
	{
		.id = "input-reg-invalid-root",
		.level = TL_WARNING,
		.meaning = "a key line without a registry root: Windows skips it and its values",
		.help = "Key paths start with a full root name (`HKEY_LOCAL_MACHINE`, `HKEY_CURRENT_USER`, ...); every value line up to the next key line is dropped. Mend the key path.",
	},
	{
		.id = "input-reg-key-blank",
		.level = TL_NOTE,
		.meaning = "a key name ends with a blank, which is part of the name",
		.help = "Windows keeps blanks before the closing bracket, so the key is not the one without them. Remove the blank unless it is meant.",
	},
	{
		.id = "input-reg-list-not-ctl",
		.level = TL_WARNING,
		.meaning = "an AutoUpdate EncodedCtl, DisallowedCertEncodedCtl or PinRulesEncodedCtl value holds no CTL: it is not read as a root program list",
		.help = "Windows keeps its last downloaded copy of each root program list there as REG_BINARY (learn.microsoft.com, \"Configure Trusted Roots and Disallowed Certificates\"). Export the key again with regedit, or give the list itself with --trust-list authroot.stl (certutil -syncWithWU DIR writes it).",
	},
	{
		.id = "input-reg-list-sync-time",
		.level = TL_WARNING,
		.meaning = "an AutoUpdate LastSyncTime, DisallowedCertLastSyncTime or PinRulesLastSyncTime value is not an 8-byte REG_BINARY FILETIME: the list's sync time is unknown",
		.help = "The list is read all the same; only when it was fetched is unknown (Windows reading such a value back is inferred, not confirmed). Export the key again with regedit.",
	},
	{
		.id = "input-reg-no-import",
		.level = TL_WARNING,
		.meaning = "a REGEDIT header Windows accepts but imports nothing from (`REGEDIT5`, `REGEDIT 4`)",
		.help = "Write the first line as exactly `Windows Registry Editor Version 5.00` or `REGEDIT4`.",
	},
	{
		.id = "input-reg-no-key",
		.level = TL_WARNING,
		.meaning = "a value line while no key is open: Windows drops it",
		.help = "It comes before the first key line, after a `[-key]` deletion or after an invalid key. Put it under the key it belongs to.",
	},
	{
		.id = "input-reg-nul-char",
		.level = TL_WARNING,
		.meaning = "a NUL character inside a line: the line is read up to it",
		.help = "The rest of the line is lost. Remove the NUL; it often means a UTF-16 file without its byte order mark, or a binary edit.",
	},
	{
		.id = "input-reg-odd-length",
		.level = TL_WARNING,
		.meaning = "a UTF-16 file with an odd number of bytes, or hex(1)/(2)/(7) string data of odd length in one",
		.help = "The last byte is not a whole UTF-16 character, so the file was cut short or the string data is damaged. Export the key again with regedit.",
	},
	{
		.id = "input-reg-short-root",
		.level = TL_WARNING,
		.meaning = "a short root such as `HKLM`: reg.exe accepts it, regedit treats it as an invalid root",
		.help = "Imported with regedit, the key and its values are skipped. Write the full root name (`HKEY_LOCAL_MACHINE`) so that both tools import it.",
	},
	{
		.id = "input-reg-skipped-line",
		.level = TL_WARNING,
		.meaning = "a line Windows ignores on import; the message says why",
		.help = "regedit and reg.exe skip such lines silently, so the value is not set. Mend the line as the message says.",
	},
	{
		.id = "input-reg-unknown-escape",
		.level = TL_WARNING,
		.meaning = "a backslash escape other than `\\\\` and `\\\"` in a quoted string: Windows reads `\\x` as `x`",
		.help = "Double the backslash where a backslash is meant (paths need `\\\\`).",
	},
	{
		.id = "input-reg-utf16-in-ansi",
		.level = TL_WARNING,
		.meaning = "hex(1)/(2)/(7) data in an 8-bit file is UTF-16LE: Windows reads each byte as a character",
		.help = "In an ANSI file these bytes are ANSI characters, so the stored string breaks. Save the file as UTF-16LE, as regedit exports it, or write the data as ANSI bytes.",
	},
	{
		.id = "input-report-skipped",
		.level = TL_NOTE,
		.meaning = "an input is a JSON document or SARIF log (an earlier report, most likely), not an export: skipped",
		.help = "Nothing to do; to keep the input folder clean, write reports outside it with `-o`.",
	},
	{
		.id = "input-sst-bad-encoding",
		.level = TL_ERROR,
		.meaning = "an element's encoding type is not 1, the only one Windows accepts",
		.help = "Windows rejects the element, so the entry is not in the real store. Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots) instead of building or editing the file by hand.",
	},
	{
		.id = "input-sst-bad-header",
		.level = TL_ERROR,
		.meaning = "the file does not start with a serialized store header (version 0, magic 'CERT')",
		.help = "The first 8 bytes must be 00 00 00 00 43 45 52 54; the rest is read as elements anyway. Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-bad-property-id",
		.level = TL_WARNING,
		.meaning = "a property id is above 0xFFFF, or an element id is 0 (the terminator) inside an element list",
		.help = "Property ids run from 1 to 0xFFFF, so the file was damaged or hand-built (reported as an error when the id is 0). Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-bad-terminator",
		.level = TL_WARNING,
		.meaning = "the terminator element (id 0) has a non-zero encoding or length",
		.help = "The store ends there whatever the other fields say (inferred: Windows reads it the same way); the file was edited or written by another tool. Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-dangling-property",
		.level = TL_WARNING,
		.meaning = "properties after the last context element belong to no entry",
		.help = "Properties come before the certificate, CRL or CTL they describe (MS-OSHARED 2.3.2.5) and Windows ignores trailing ones, so what they set (friendly name, purposes, distrust date) does not apply. Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-duplicate-property",
		.level = TL_WARNING,
		.meaning = "one property id appears twice before the same context element",
		.help = "Only one value can apply, and which one Windows keeps is not confirmed. Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots) so that each property appears once.",
	},
	{
		.id = "input-sst-empty-context",
		.level = TL_ERROR,
		.meaning = "a certificate, CRL or CTL element has length 0",
		.help = "Windows rejects a zero-length context element and nothing is linted for it. Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-missing-terminator",
		.level = TL_WARNING,
		.meaning = "the store ends without the 12-byte zero terminator",
		.help = "Every saved store ends with 12 zero bytes, so the file was probably cut short at an element boundary and entries may be missing. Copy it again, or re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-no-context",
		.level = TL_ERROR,
		.meaning = "the store holds no certificate, CRL or CTL",
		.help = "Not reported today: the store and Blob readers share their defect names, and a store without a context element is an empty store.",
	},
	{
		.id = "input-sst-trailing-bytes",
		.level = TL_WARNING,
		.meaning = "bytes follow the store's terminator",
		.help = "They are ignored (inferred: Windows stops at the terminator too); the file may be two stores joined by mistake. Re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-truncated",
		.level = TL_ERROR,
		.meaning = "the store ends inside its header or an element: the rest is not read",
		.help = "The file was cut short (a partial copy or download). Copy it again, or re-export the store with `Export-Certificate -Type SST` (or `certutil -generateSSTFromWU` for Microsoft's roots).",
	},
	{
		.id = "input-sst-unknown-property",
		.level = TL_NOTE,
		.meaning = "a property id is not a known CERT_*_PROP_ID (kept)",
		.help = "Newer Windows versions add property ids; unknown ones are kept, never rejected. Nothing to do unless the id looks corrupt.",
	},
	{
		.id = "input-store-ignored",
		.level = TL_WARNING,
		.meaning = "a STORE= prefix was given to a registry export, which names its own stores, or a SITE/PATH= prefix to applicationHost.config, which is the server level",
		.help = "The key paths of a `.reg` export say which store each entry belongs to, and applicationHost.config holds every site, so the prefix is ignored. Drop it from the argument.",
	},
	{
		.id = "input-stored-hash-mismatch",
		.level = TL_WARNING,
		.meaning = "a stored hash property (SHA-1, MD5, ...) does not match the certificate it belongs to",
		.help = "Windows looks entries up by the stored SHA-1 (the registry subkey name), not a recomputed one, so this entry may be found under the wrong thumbprint. Delete it and re-add the certificate with `certutil -addstore` or `Import-Certificate`.",
	},
	{
		.id = "input-subfolder-skipped",
		.level = TL_NOTE,
		.meaning = "a subfolder of an input folder is not a location subfolder: not read",
		.help = "Only LocalMachine, CurrentUser, LocalMachineGroupPolicy, LocalMachineEnterprise and CurrentUserGroupPolicy subfolders hold stores of a folder export. Move the files into one of them, or name them on the command line.",
	},
	{
		.id = "input-too-large",
		.level = TL_ERROR,
		.meaning = "an input file is larger than the read limit (2 GiB): not read",
		.help = "See LIMITS. Export each store to a file of its own and lint those.",
	},
	{
		.id = "input-too-many-entries",
		.level = TL_ERROR,
		.meaning = "an input holds more than 500,000 entries: only the first 500,000 are linted",
		.help = "Real stores are far smaller, so the file is probably corrupt or many exports joined. Export each store to a file of its own and lint those.",
	},
	{
		.id = "input-unknown-format",
		.level = TL_ERROR,
		.meaning = "an input is none of the formats trustlint reads",
		.help = "trustlint reads serialized stores, PKCS#7, PEM, DER certificates, CTLs, `.reg` exports and IIS or WCF configuration files (XML whose root element is `<configuration>`), detected by content, not by name. Re-export with `Export-Certificate -Type SST` or `reg export`.",
	},
	{
		.id = "input-unknown-store",
		.level = TL_WARNING,
		.meaning = "an input's file name names no store: skipped in a folder walk",
		.help = "Each file's name says its store (`Root.sst`, `LocalMachine-CA.p7b`) unless the argument gives it. Rename the file, or give it on the command line as `STORE=FILE`. Named on the command line without `STORE=`, it is an error and nothing is linted.",
	},
	{
		.id = "input-unknown-store-name",
		.level = TL_WARNING,
		.meaning = "a STORE= name is not a store Windows creates: read as a store of its own",
		.help = "Applications may create stores, but the built-in rules look only at the stores Windows creates. Check the spelling (`Root`, `AuthRoot`, `CA`, `Disallowed`, ...).",
	},
	{
		.id = "input-unreadable",
		.level = TL_ERROR,
		.meaning = "an input cannot be opened or read: not read",
		.help = "The message gives the system's reason. Check the path and its permissions.",
	},
	{
		.id = "input-xml-doctype",
		.level = TL_ERROR,
		.meaning = "a configuration file holds a document type declaration (<!DOCTYPE ...>): nothing of it is read",
		.help = "IIS and WCF configuration files have no DTD (FORMATS.md 6), and a DTD's entities can expand without bound (\"billion laughs\") or read other files and the network (external entities), so trustlint refuses the file at the declaration instead of reading it. Remove the declaration and any entity references.",
	},
	{
		.id = "input-xml-encoding",
		.level = TL_ERROR,
		.meaning = "a configuration file is not UTF-8 or UTF-16, holds bytes that are not its encoding, or declares another encoding: nothing of it is read",
		.help = "IIS writes UTF-8 with a byte order mark; UTF-16 needs its byte order mark. The message gives the line and column of the first bad byte, or the encoding the XML declaration names; save the file as UTF-8.",
	},
	{
		.id = "input-xml-malformed",
		.level = TL_ERROR,
		.meaning = "a configuration file is not well-formed XML: nothing of it is read",
		.help = "IIS refuses a configuration file that is not well-formed (HTTP 500.19, configuration data is invalid). The message says what libxml2 found, with its error code and the line and column where it stopped; fix the XML there.",
	},
	{
		.id = "input-xml-too-deep",
		.level = TL_ERROR,
		.meaning = "elements of a configuration file nest more than 100 deep: nothing of it is read",
		.help = "Real configuration files nest about a dozen levels; deeper nesting is a hostile or broken file, refused at the element that goes too deep (trustlint(1), LIMITS).",
	},
	{
		.id = "input-xml-too-large",
		.level = TL_ERROR,
		.meaning = "a configuration file is over 256 MiB, has more than 1,000,000 elements, or an element with more than 256 attributes: nothing of it is read",
		.help = "IIS's own largest configuration files hold a few MB; past these limits (trustlint(1), LIMITS) the file is refused at the element that passes one, so no input can fill memory.",
	},
	{
		.id = "input-xml-unavailable",
		.level = TL_ERROR,
		.meaning = "this trustlint cannot read XML: its libxml2 module did not load, so no configuration file is read",
		.help = "trustlint loads libxml2 from its module trustlint-xml.so (in the installed package's library folder) the first time a run reads XML. The message gives the file it tried and why it did not load: a package installed without it, a module from another version, or libxml2 itself missing. Reinstall the package, or set TRUSTLINT_MODULE_DIR to the folder holding the module (trustlint(1), ENVIRONMENT).",
	},
	{
		.id = "input-xml-warning",
		.level = TL_WARNING,
		.meaning = "libxml2 warns about a configuration file it still reads whole (an undeclared namespace prefix, a namespace name that is not a URI)",
		.help = "The file is read. .NET's XML reader refuses some of these (an undeclared prefix), so an application may fail to start: fix what the message names.",
	},
	{
		.id = "rule-file",
		.level = TL_ERROR,
		.meaning = "a rule file cannot be read or has an error: no rule runs",
		.help = "The message gives the line and what is wrong; `trustlint rules --rules FILE` checks a rule file alone. trustlint-rules(5) describes the language.",
	},
	{
		.id = "waiver-expired",
		.level = TL_NOTE,
		.meaning = "a waiver's expiry date has passed: the findings it covered count again",
		.help = "Fix what the finding reports, or renew the waiver with a new `expires` date and a reason.",
	},
	{
		.id = "waiver-file",
		.level = TL_ERROR,
		.meaning = "a waiver file cannot be read or has an error (a waiver names no rule, say)",
		.help = "The message gives the line and what is wrong. A waiver names a rule of the rule set, an input-* id, waiver-expired or waiver-unused.",
	},
	{
		.id = "waiver-unused",
		.level = TL_NOTE,
		.meaning = "a waiver matched no finding",
		.help = "The finding it covered is gone, or its keys (rule, sha1, store, ...) do not match. Remove the waiver, or check its keys.",
	},
};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tl_diag_info *)elem)->id);
}

const struct tl_diag_info *tl_diag_info(const char *id)
{
	return bsearch(id, table, TL_ARRAY_LEN(table), sizeof(table[0]), cmp);
}

bool tl_diag_id_known(const char *id)
{
	return strncmp(id, "input-", 6) == 0 && tl_diag_info(id) != NULL;
}

size_t tl_diag_id_count(void)
{
	return TL_ARRAY_LEN(table);
}

const char *tl_diag_id_at(size_t i)
{
	return i < TL_ARRAY_LEN(table) ? table[i].id : NULL;
}

const struct tl_diag_info *tl_diag_info_at(size_t i)
{
	return i < TL_ARRAY_LEN(table) ? &table[i] : NULL;
}
