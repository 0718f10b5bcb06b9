<#
.SYNOPSIS
    Exports the certificate stores and TLS trust settings of this machine for trustlint.

.DESCRIPTION
    Writes, under OutputDirectory, the files trustlint reads on any OS:

      export.json                    the manifest (doc/export-json.md): this
                                     computer, when, by which script and
                                     PowerShell, the OS build, whether the
                                     script ran elevated, every store of each
                                     location with its counts (0 included),
                                     every registry key with what became of it,
                                     and every problem met
      LocalMachine\<StoreName>.sst   the certificates of each non-empty store of
                                     LocalMachine, read with .NET's X509Store, as a
                                     serialized store with their properties
      LocalMachine\<StoreName>.<SHA-1>.stl
                                     each certificate trust list (CTL) of a store,
                                     as Windows holds it
      CurrentUser\<StoreName>.sst    the same for CurrentUser (and its .stl
                                     files), with -IncludeCurrentUser
      schannel.reg                   HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL
      http.reg                       HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters
      policies-systemcertificates.reg HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates
      autoupdate.reg                 HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate:
                                     the machine's cached copies of Microsoft's root
                                     program lists (EncodedCtl, DisallowedCertEncodedCtl,
                                     PinRulesEncodedCtl) and when each was fetched
      cipher-policy.reg              HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL:
                                     the "SSL Cipher Suite Order" and "ECC Curve
                                     Order" group policies
      cipher-local.reg               HKLM\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL:
                                     the machine's own cipher suite order, where
                                     Enable-TlsCipherSuite writes (collected for
                                     review; trustlint reads the policy)
      dotnet-v4.reg                  HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319
      dotnet-v4-wow64.reg            HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319
      dotnet-v2.reg                  HKLM\SOFTWARE\Microsoft\.NETFramework\v2.0.50727
      dotnet-v2-wow64.reg            HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v2.0.50727:
                                     the .NET Framework's TLS switches
                                     (SchUseStrongCrypto, SystemDefaultTlsVersions)
      dotnet-setup.reg               HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP:
                                     which .NET Framework versions are installed
      registry\systemcertificates.reg  HKLM\SOFTWARE\Microsoft\SystemCertificates
      registry\enterprisecertificates.reg HKLM\SOFTWARE\Microsoft\EnterpriseCertificates
      os.reg                         HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion
      IIS\applicationHost.config     %windir%\System32\inetsrv\config\applicationHost.config,
                                     a plain copy, when IIS is installed
      IIS\Sites\<site name>\<application path>\web.config
                                     with -IncludeSiteConfig: the web.config of each
                                     site and application in applicationHost.config,
                                     reduced (below); <application path> is the
                                     application's path, empty for the site's root
      IIS\Services\<file name>       with -ServiceConfig: each configuration file
                                     named (a self-hosted WCF service's *.exe.config),
                                     reduced to system.serviceModel

    and with -Zip, OutputDirectory.zip beside the folder, holding all of it.

    With -Lint, trustlint.exe (beside this script, as the Windows zip of
    trustlint ships them) then lints the folder: its text report goes to the
    console, and it writes OutputDirectory.trustlint.html and
    OutputDirectory.trustlint.sarif beside the folder (those of an earlier
    run are deleted first). The script prints where they went.

    Stores are read with .NET's X509Store (the logical store, as the
    Cert: drive shows it) and written with
    X509Certificate2Collection.Export(SerializedStore); no PKI module is
    used, so the script runs the same in Windows PowerShell 5.1 and in
    PowerShell 7. X509Store does not show CTLs: those are read through
    crypt32's CertEnumCTLsInStore and written one per file. A store with
    nothing in it writes no file; export.json lists it with its counts of
    0, so trustlint tells it from a store that was not exported.

    The registry copies of the stores go to the registry\ subfolder, which
    'trustlint OutputDirectory' does not read: the store files already hold
    those certificates (the logical store), and reading both would report
    each certificate twice. They record which physical store (Root,
    AuthRoot, group policy, enterprise) holds what: lint them on their own
    with 'trustlint OutputDirectory\registry' when that matters. The
    AuthRoot\AutoUpdate key is in registry\systemcertificates.reg too, and
    also goes to autoupdate.reg at the top, where the folder walk reads it:
    trustlint compares the stores with the root program lists it holds. When
    this machine has no cached list (EncodedCtl or DisallowedCertEncodedCtl
    absent: automatic root update off, or never reached Windows Update), the
    summary says so; download authrootstl.cab and disallowedcertstl.cab and
    give them to trustlint with --trust-list.

    trustlint reads the IIS folder with its subfolders, and takes each
    web.config below IIS\Sites\<site name>\ for the site or application its
    folders name ('Default Web Site/api' for IIS\Sites\Default Web Site\api\web.config),
    as if it had been given as 'Default Web Site/api=web.config'.

    A reduced configuration file is a new <configuration> document holding
    only what trustlint reads about client certificates: the
    system.webServer/security element (web.config only) and the
    system.serviceModel element, at the top and in each <location path="...">
    (which keeps its attributes and only those children), and the
    <configSections> declarations of those two groups. Everything else
    (connectionStrings, appSettings, machineKey, system.web, custom sections,
    comments outside those elements) is never copied, and every attribute
    named password is dropped from what is kept, encrypted or not. A file with nothing to keep
    is listed, not written; a section whose content is in another file
    (configSource="...") is copied as it is and that file is not: a warning
    names it.

    applicationHost.config is copied whole, as IIS wrote it. As IIS Manager
    and appcmd write it, its only secrets are encrypted attributes: the
    passwords of application pool identities and of virtual directories
    that connect as a user ([enc:IISWASOnlyCngProvider:...:enc],
    [enc:AesProvider:...:enc]), which only this machine's IIS configuration
    keys decrypt. Handle the export as internal data for that reason too.

    trustlint infers each store from its file name and each location from its
    folder name, and detects every format from the content, so the folder can
    be linted as it is: trustlint OutputDirectory

    A registry key that does not exist is listed in export.json as absent.
    Nothing on the machine is changed. Run it from an elevated prompt: some
    stores and keys are readable only by administrators, so the script
    refuses to run without elevation unless -AllowUnelevated is given.

    Downloaded, the script is blocked by the default execution policy
    (RemoteSigned: a file from the Internet must be signed). Unblock it
    first, or run it once with the policy bypassed for that process only:

        Unblock-File .\Export-TrustState.ps1
        powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Export-TrustState.ps1 C:\Temp\web01

    The export holds public certificates and settings only, no private keys.
    It does name the machine's certificates, bindings and OS build: handle it
    as internal data.

    Works with Windows PowerShell 5.1 and PowerShell 7, built-in cmdlets and
    .NET only. It refuses to run in Constrained Language mode (an
    application control policy), which refuses the .NET calls it makes.

.PARAMETER OutputDirectory
    The folder to write to. It is created if needed. A folder that is not
    empty is refused unless -Force is given.

.PARAMETER Force
    Write into a folder that is not empty: first delete there the files
    this script writes (export.json, the .sst and .stl files of the
    location folders, the .reg files it names, IIS\applicationHost.config,
    each web.config below IIS\Sites, the files of IIS\Services, and
    OutputDirectory.zip with -Zip), then the folders they leave empty, so
    no file of an earlier export is linted with this one. Other files are
    left, and named as a problem of the export.

.PARAMETER AllowUnelevated
    Run without elevation: the export may lack stores and keys only
    administrators can read, and export.json says it was not elevated
    (trustlint warns about it).

.PARAMETER IncludeCurrentUser
    Also export every store of CurrentUser (of the account running the
    script) into OutputDirectory\CurrentUser.

.PARAMETER IncludeSiteConfig
    Also export, reduced, the web.config of every site and application that
    applicationHost.config lists, from the physical path of its root virtual
    directory (environment variables such as %SystemDrive% expanded), into
    OutputDirectory\IIS\Sites\<site name>\<application path>\web.config. The
    web.config files of virtual directories and folders below an
    application are not read. A site, application or file that cannot be
    read is a problem, and the rest is exported.

.PARAMETER ServiceConfig
    Configuration files of self-hosted WCF services (*.exe.config), which IIS
    does not know of: each is exported, reduced to system.serviceModel, into
    OutputDirectory\IIS\Services\<file name>. Two files of the same name: the
    first is exported and the second is a problem.

.PARAMETER Zip
    Also write OutputDirectory.zip beside the folder, holding every file of
    the export with '/' in its names, to copy to the machine that runs
    trustlint.

.PARAMETER Lint
    Lint the export right away with the trustlint.exe beside this script
    (trustlint-<version>-win64.zip holds both): the text report on the
    console, and OutputDirectory.trustlint.html and
    OutputDirectory.trustlint.sarif beside the folder. Without trustlint.exe
    beside the script, nothing is exported and the script exits 2.

.PARAMETER LintArguments
    More options for trustlint with -Lint, such as '--fail-on','error' or
    '--rules','C:\Rules\site.rules' (see trustlint --help).

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory C:\Temp\trust-export

    Exports the machine stores and the registry keys to C:\Temp\trust-export.

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory C:\Temp\web01 -IncludeSiteConfig -ServiceConfig 'C:\Services\Orders\OrderService.exe.config'

    Also exports the client certificate settings of every IIS site and
    application, and of one self-hosted WCF service.

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory C:\Temp\web01 -IncludeSiteConfig -Lint

    Exports, then lints the export with the trustlint.exe beside the script:
    the findings on the console, the HTML and SARIF reports in
    C:\Temp\web01.trustlint.html and C:\Temp\web01.trustlint.sarif.

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory "$env:TEMP\$env:COMPUTERNAME" -IncludeCurrentUser -Zip -Force

    Exports the machine and current user stores into a folder named after
    the computer, replacing an earlier export there, and zips it to copy it
    to the machine that runs trustlint.

.NOTES
    Exit status: 0 when everything was exported; 1 when the export is
    partial (a store, key or file could not be exported, or a warning was
    printed: export.json lists each under "problems"); 2 when nothing was
    exported: not elevated without -AllowUnelevated, a folder that is not
    empty without -Force, a folder that cannot be created, or -Lint without
    trustlint.exe beside the script.

    With -Lint, once the export is written the status is trustlint's when
    the export is complete: 0 no finding at or above --fail-on, 1 findings,
    2 trustlint could not lint (its message says why); a partial export
    makes a 0 into 1.

.LINK
    https://support.microsoft.com/kb/2802568
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [string] $OutputDirectory,

    [switch] $Force,

    [switch] $AllowUnelevated,

    [switch] $IncludeCurrentUser,

    [switch] $IncludeSiteConfig,

    [ValidateNotNullOrEmpty()]
    [string[]] $ServiceConfig = @(),

    [switch] $Zip,

    [switch] $Lint,

    [string[]] $LintArguments = @()
)

Set-StrictMode -Version 2.0

# The version export.json records; trustlint reads manifest version 1.
$ScriptVersion = '2.0.0'
$ManifestVersion = 1

# Registry keys to export: file name in OutputDirectory, key as reg.exe takes it.
$RegistryExports = @(
    @{ File = 'schannel.reg';                    Key = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL' },
    @{ File = 'http.reg';                        Key = 'HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters' },
    @{ File = 'registry\systemcertificates.reg'; Key = 'HKLM\SOFTWARE\Microsoft\SystemCertificates' },
    @{ File = 'policies-systemcertificates.reg'; Key = 'HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates' },
    @{ File = 'autoupdate.reg';                  Key = 'HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate' },
    @{ File = 'registry\enterprisecertificates.reg'; Key = 'HKLM\SOFTWARE\Microsoft\EnterpriseCertificates' },
    @{ File = 'os.reg';                          Key = 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' },
    # learn.microsoft.com, "Prioritizing Schannel Cipher Suites": the group
    # policies' key (FORMATS.md 5)
    @{ File = 'cipher-policy.reg';               Key = 'HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL' },
    # the local order Enable-TlsCipherSuite and Disable-TlsCipherSuite edit
    # (inferred from where those cmdlets write; not read by trustlint)
    @{ File = 'cipher-local.reg';                Key = 'HKLM\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL' },
    # learn.microsoft.com, "Transport Layer Security (TLS) best practices
    # with the .NET Framework": SchUseStrongCrypto and
    # SystemDefaultTlsVersions, per runtime and per 32/64-bit view
    @{ File = 'dotnet-v4.reg';                   Key = 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' },
    @{ File = 'dotnet-v4-wow64.reg';             Key = 'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319' },
    @{ File = 'dotnet-v2.reg';                   Key = 'HKLM\SOFTWARE\Microsoft\.NETFramework\v2.0.50727' },
    @{ File = 'dotnet-v2-wow64.reg';             Key = 'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v2.0.50727' },
    @{ File = 'dotnet-setup.reg';                Key = 'HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP' }
)

# The folders of the store locations the script writes.
$StoreLocations = @('LocalMachine', 'CurrentUser')

# Where the IIS configuration goes below OutputDirectory. trustlint's
# folder walk reads each *.config below Sites\<site name>\<application path>\
# as the configuration of that site or application.
$IisExports = @{
    AppHost  = 'IIS\applicationHost.config'
    Sites    = 'IIS\Sites'
    Services = 'IIS\Services'
}

# What a reduced configuration file keeps: element paths below
# <configuration>, steps separated by '/'; 'name[value]' is an element
# whose name attribute is value. The element a path ends at is copied
# whole; the ones it goes through with their attributes and only the
# children on a kept path. Nothing else is ever copied: other sections
# hold connection strings, keys and application settings.
$SiteConfigKeep = @(
    'configSections/sectionGroup[system.webServer]/sectionGroup[security]',
    'configSections/sectionGroup[system.serviceModel]',
    'system.webServer/security',
    'system.serviceModel',
    'location/system.webServer/security',
    'location/system.serviceModel'
)
$ServiceConfigKeep = @(
    'configSections/sectionGroup[system.serviceModel]',
    'system.serviceModel',
    'location/system.serviceModel'
)

# The root program lists Windows caches under AuthRoot\AutoUpdate
# (learn.microsoft.com, "Configure Trusted Roots and Disallowed
# Certificates"): the summary names those this machine lacks.
$AutoUpdateKey = 'SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate'
$AutoUpdateLists = @('EncodedCtl', 'DisallowedCertEncodedCtl')

# Every file written, for the summary at the end.
$written = New-Object System.Collections.Generic.List[string]
# What export.json says of each store and key, and every problem met.
$storeRecords = New-Object System.Collections.Generic.List[object]
$keyRecords = New-Object System.Collections.Generic.List[object]
$problems = New-Object System.Collections.Generic.List[string]
$listedLocations = New-Object System.Collections.Generic.List[string]
# Configuration files with nothing to keep, and applications with no
# web.config: listed at the end, not written.
$nothingKept = New-Object System.Collections.Generic.List[string]
$noWebConfig = New-Object System.Collections.Generic.List[string]

# A warning that makes the export partial: printed, and kept for
# export.json's "problems".
function Add-Problem {
    param([string] $Message)
    Write-Warning $Message
    $problems.Add($Message)
}

function New-Folder {
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Container)) {
        New-Item -ItemType Directory -Path $Path -Force -ErrorAction Stop | Out-Null
    }
    (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
}

# The path below the export's root with '/' between its parts, as
# export.json and the zip name files.
function Get-RelativeName {
    param([string] $Root, [string] $Path)
    $Path.Substring($Root.TrimEnd('\').Length + 1).Replace('\', '/')
}

function Test-Elevated {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    (New-Object Security.Principal.WindowsPrincipal($identity)).IsInRole(
        [Security.Principal.WindowsBuiltInRole]::Administrator)
}

# The files and folders of an earlier export in Root that this script
# writes: what -Force deletes. Only those: a file of the user's own in the
# folder is never deleted.
function Get-OwnedItems {
    param([string] $Root, [string] $ZipPath)
    $owned = New-Object System.Collections.Generic.List[string]
    foreach ($name in @('export.json', $IisExports.AppHost) + @($RegistryExports | ForEach-Object { $_.File })) {
        $path = Join-Path $Root $name
        if (Test-Path -LiteralPath $path -PathType Leaf) { $owned.Add($path) }
    }
    # the reduced configuration files: each web.config below IIS\Sites,
    # every file of IIS\Services
    $sites = Join-Path $Root $IisExports.Sites
    if (Test-Path -LiteralPath $sites -PathType Container) {
        foreach ($file in @(Get-ChildItem -LiteralPath $sites -Recurse -File -Force -Filter 'web.config' -ErrorAction Stop)) {
            $owned.Add($file.FullName)
        }
    }
    $services = Join-Path $Root $IisExports.Services
    if (Test-Path -LiteralPath $services -PathType Container) {
        foreach ($file in @(Get-ChildItem -LiteralPath $services -File -Force -ErrorAction Stop)) { $owned.Add($file.FullName) }
    }
    foreach ($location in $StoreLocations) {
        $folder = Join-Path $Root $location
        if (Test-Path -LiteralPath $folder -PathType Container) {
            foreach ($file in @(Get-ChildItem -LiteralPath $folder -File -Force)) {
                if ($file.Extension -eq '.sst' -or $file.Extension -eq '.stl') { $owned.Add($file.FullName) }
            }
        }
    }
    if ($ZipPath -and (Test-Path -LiteralPath $ZipPath -PathType Leaf)) { $owned.Add($ZipPath) }
    , $owned
}

# Delete the files of an earlier export, then the folders they leave
# empty. Returns what else the folder still holds.
function Clear-OwnedItems {
    param([string] $Root, [string] $ZipPath)
    foreach ($path in (Get-OwnedItems -Root $Root -ZipPath $ZipPath)) {
        Remove-Item -LiteralPath $path -Force -ErrorAction Stop
    }
    # the folders those files leave empty, deepest first
    $folders = @(Get-ChildItem -LiteralPath $Root -Recurse -Directory -Force -ErrorAction Stop |
        Sort-Object { $_.FullName.Length } -Descending)
    foreach ($folder in $folders) {
        if (@(Get-ChildItem -LiteralPath $folder.FullName -Force -ErrorAction Stop).Count -eq 0) {
            Remove-Item -LiteralPath $folder.FullName -Force -ErrorAction Stop
        }
    }
    @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force -ErrorAction Stop | ForEach-Object { $_.FullName })
}

# The CTLs of a system store, encoded, through crypt32: X509Store shows
# certificates only. CertOpenStore with CERT_STORE_PROV_SYSTEM_W opens the
# logical store, as X509Store does (learn.microsoft.com, "CertOpenStore",
# "CertEnumCTLsInStore", "CTL_CONTEXT").
$CtlReaderSource = @'
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;

public static class TrustlintCtlReader
{
    [StructLayout(LayoutKind.Sequential)]
    private struct CTL_CONTEXT
    {
        public uint dwMsgAndCertEncodingType;
        public IntPtr pbCtlEncoded;
        public uint cbCtlEncoded;
        public IntPtr pCtlInfo;
        public IntPtr hCertStore;
        public IntPtr hCryptMsg;
        public IntPtr pbCtlContent;
        public uint cbCtlContent;
    }

    [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    private static extern IntPtr CertOpenStore(IntPtr provider, uint encoding, IntPtr prov, uint flags, string para);
    [DllImport("crypt32.dll", SetLastError = true)]
    private static extern IntPtr CertEnumCTLsInStore(IntPtr store, IntPtr previous);
    [DllImport("crypt32.dll", SetLastError = true)]
    private static extern bool CertCloseStore(IntPtr store, uint flags);

    private const uint CERT_STORE_PROV_SYSTEM_W = 10;
    private const uint CERT_SYSTEM_STORE_CURRENT_USER = 1 << 16;
    private const uint CERT_SYSTEM_STORE_LOCAL_MACHINE = 2 << 16;
    private const uint CERT_STORE_OPEN_EXISTING_FLAG = 0x00004000;
    private const uint CERT_STORE_READONLY_FLAG = 0x00008000;

    public static List<byte[]> Read(string store, bool machine)
    {
        uint flags = (machine ? CERT_SYSTEM_STORE_LOCAL_MACHINE : CERT_SYSTEM_STORE_CURRENT_USER)
                     | CERT_STORE_OPEN_EXISTING_FLAG | CERT_STORE_READONLY_FLAG;
        IntPtr handle = CertOpenStore(new IntPtr(CERT_STORE_PROV_SYSTEM_W), 0, IntPtr.Zero, flags, store);
        if (handle == IntPtr.Zero)
            throw new Win32Exception(Marshal.GetLastWin32Error());
        List<byte[]> ctls = new List<byte[]>();
        try
        {
            IntPtr context = IntPtr.Zero;
            // each call frees the context it is given
            while ((context = CertEnumCTLsInStore(handle, context)) != IntPtr.Zero)
            {
                CTL_CONTEXT ctl = (CTL_CONTEXT)Marshal.PtrToStructure(context, typeof(CTL_CONTEXT));
                byte[] encoded = new byte[ctl.cbCtlEncoded];
                Marshal.Copy(ctl.pbCtlEncoded, encoded, 0, (int)ctl.cbCtlEncoded);
                ctls.Add(encoded);
            }
        }
        finally
        {
            CertCloseStore(handle, 0);
        }
        return ctls;
    }
}
'@

# Whether the CTL reader could be compiled: $null until first asked.
$script:ctlReader = $null
function Get-StoreCtls {
    param([string] $Location, [string] $Name)
    if ($null -eq $script:ctlReader) {
        try {
            Add-Type -TypeDefinition $CtlReaderSource -ErrorAction Stop
            $script:ctlReader = $true
        } catch {
            $script:ctlReader = $false
            Add-Problem "Cannot read the stores' CTLs (Add-Type: $($_.Exception.Message)); certificates are exported, CTLs are not"
        }
    }
    if (-not $script:ctlReader) { return $null }
    , [TrustlintCtlReader]::Read($Name, $Location -eq 'LocalMachine')
}

function Get-Sha1Hex {
    param([byte[]] $Bytes)
    $sha1 = [System.Security.Cryptography.SHA1]::Create()
    try {
        ([BitConverter]::ToString($sha1.ComputeHash($Bytes))).Replace('-', '')
    } finally {
        $sha1.Dispose()
    }
}

# Export every store of one location (LocalMachine or CurrentUser): its
# certificates as <StoreName>.sst, each CTL as <StoreName>.<SHA-1>.stl, and
# a record for export.json, an empty store included.
function Export-StoreLocation {
    param([string] $Location, [string] $Destination)

    $storeLocation = [System.Security.Cryptography.X509Certificates.StoreLocation]$Location
    try {
        $folder = New-Folder -Path (Join-Path $Destination $Location)
        # the Cert: drive lists the location's stores; the stores are then
        # read with X509Store, as in PowerShell 7 the drive is the same
        # the drive comes with Microsoft.PowerShell.Security, which is not
        # always loaded in PowerShell 7 or in a 5.1 started from it
        if (-not (Get-PSDrive -Name Cert -ErrorAction SilentlyContinue)) {
            Import-Module Microsoft.PowerShell.Security -ErrorAction SilentlyContinue
        }
        $names = @(Get-ChildItem -Path "Cert:\$Location" -ErrorAction Stop | ForEach-Object { $_.Name })
    } catch {
        Add-Problem "Cannot list the stores of ${Location}: $($_.Exception.Message)"
        return
    }
    $listedLocations.Add($Location)

    foreach ($name in $names) {
        $record = [ordered]@{ location = $Location; store = $name; status = 'exported';
                              certificates = 0; ctls = 0; file = $null; ctl_files = @() }
        $storeRecords.Add($record)
        if ($name.IndexOfAny([System.IO.Path]::GetInvalidFileNameChars()) -ge 0 -or $name.StartsWith('.')) {
            $record.status = 'failed'
            $record.error = 'a name that cannot be a file name'
            Add-Problem "Store '$Location\$name' has a name that cannot be a file name; skipped."
            continue
        }
        try {
            $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($name, $storeLocation)
            $store.Open([System.Security.Cryptography.X509Certificates.OpenFlags]'ReadOnly, OpenExistingOnly')
            try {
                $certs = $store.Certificates
                $record.certificates = $certs.Count
                if ($certs.Count -gt 0) {
                    # one serialized store holding every certificate of the
                    # store with its properties (friendly name, EKU property,
                    # distrust dates); that Export(SerializedStore) keeps the
                    # properties is inferred from .NET's sources (the
                    # collection is linked into a memory store that
                    # CertSaveStore writes), and export.json's counts let
                    # trustlint notice a lost certificate
                    $bytes = $certs.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::SerializedStore)
                    $file = Join-Path $folder "$name.sst"
                    [System.IO.File]::WriteAllBytes($file, $bytes)
                    $written.Add($file)
                    $record.file = Get-RelativeName -Root $Destination -Path $file
                }
            } finally {
                $store.Close()
            }
            try {
                $ctls = Get-StoreCtls -Location $Location -Name $name
            } catch {
                $ctls = $null
                Add-Problem "Cannot read the CTLs of $Location\${name}: $($_.Exception.Message)"
            }
            if ($null -ne $ctls) {
                $record.ctls = $ctls.Count
                $ctlFiles = New-Object System.Collections.Generic.List[string]
                # a CTL in two physical stores of the logical store is
                # listed twice: each copy gets a file of its own
                $seen = @{}
                foreach ($ctl in $ctls) {
                    $hash = Get-Sha1Hex $ctl
                    $tag = $hash
                    for ($n = 2; $seen.ContainsKey($tag); $n++) { $tag = '{0}.{1}' -f $hash, $n }
                    $seen[$tag] = $true
                    $file = Join-Path $folder ('{0}.{1}.stl' -f $name, $tag)
                    [System.IO.File]::WriteAllBytes($file, $ctl)
                    $written.Add($file)
                    $ctlFiles.Add((Get-RelativeName -Root $Destination -Path $file))
                }
                $record.ctl_files = $ctlFiles.ToArray()
            } else {
                $record.Remove('ctls')
            }
            if (-not $record.Contains('ctls')) {
                # its CTLs could not be read: a store of no certificate
                # may hold CTLs only (Trust often does), so not "empty"
                if ($record.certificates -eq 0) {
                    $record.status = 'failed'
                    $record.error = 'its CTLs could not be read'
                }
            } elseif ($record.certificates -eq 0 -and $record.ctls -eq 0) {
                $record.status = 'empty'
            }
            Write-Verbose "$Location\${name}: $($record.certificates) certificate(s)"
        } catch {
            $record.status = 'failed'
            $record.error = $_.Exception.Message
            Add-Problem "Cannot export $Location\${name}: $($_.Exception.Message)"
        }
    }
    $empty = @($storeRecords | Where-Object { $_.location -eq $Location -and $_.status -eq 'empty' } |
        ForEach-Object { $_.store })
    if ($empty.Count -gt 0) {
        Write-Host ("Empty stores in {0}, listed in export.json, no file written: {1}" -f $Location, ($empty -join ', '))
    }
}

# Export one registry key with reg.exe, and record what became of it: a
# key that does not exist is "absent". On 64-bit Windows the 64-bit view
# is read even from a 32-bit PowerShell, which would otherwise see the
# WOW6432Node copies of SOFTWARE.
function Export-RegistryKey {
    param([string] $Key, [string] $File, [string] $Root)

    $record = [ordered]@{ key = $Key; file = $null; status = 'exported' }
    $keyRecords.Add($record)
    $is64 = [Environment]::Is64BitOperatingSystem
    $view = if ($is64) { [Microsoft.Win32.RegistryView]::Registry64 } else { [Microsoft.Win32.RegistryView]::Default }
    $subPath = $Key -replace '^HKLM\\', ''
    try {
        $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $view)
        $sub = $base.OpenSubKey($subPath)
        $exists = $null -ne $sub
        if ($exists) { $sub.Close() }
        $base.Close()
        if (-not $exists) {
            $record.status = 'absent'
            Write-Verbose "Not present, skipped: $Key"
            return
        }
    } catch {
        # Present but not readable by this account: let reg.exe try and report.
        Write-Verbose "Cannot open ${Key}: $($_.Exception.Message)"
    }

    $arguments = @('export', $Key, $File, '/y')
    if ($is64) { $arguments += '/reg:64' }
    try {
        # reg.exe writes its errors to stderr; keep them as text, not as PowerShell errors.
        $ErrorActionPreference = 'Continue'
        $output = (& reg.exe @arguments 2>&1 | ForEach-Object { "$_" }) -join ' '
        if ($LASTEXITCODE -ne 0) {
            throw "reg.exe exited with status ${LASTEXITCODE}: $($output.Trim())"
        }
        $written.Add($File)
        $record.file = Get-RelativeName -Root $Root -Path $File
    } catch {
        $record.status = 'failed'
        $record.error = $_.Exception.Message
        Add-Problem "Cannot export ${Key}: $($_.Exception.Message)"
    }
}

# The values of Windows NT\CurrentVersion export.json records (os.reg has
# them too; learn.microsoft.com, "Operating System Version").
function Get-OsRecord {
    $os = [ordered]@{ product_name = $null; current_version = $null; build = $null; ubr = $null;
                      display_version = $null; edition_id = $null }
    try {
        $view = if ([Environment]::Is64BitOperatingSystem) { [Microsoft.Win32.RegistryView]::Registry64 } else { [Microsoft.Win32.RegistryView]::Default }
        $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $view)
        $key = $base.OpenSubKey('SOFTWARE\Microsoft\Windows NT\CurrentVersion')
        if ($key) {
            $os.product_name = $key.GetValue('ProductName')
            $os.current_version = $key.GetValue('CurrentVersion')
            $os.build = $key.GetValue('CurrentBuildNumber')
            $ubr = $key.GetValue('UBR')
            if ($null -ne $ubr) { $os.ubr = [long]$ubr }
            $os.display_version = $key.GetValue('DisplayVersion')
            $os.edition_id = $key.GetValue('EditionID')
            $key.Close()
        }
        $base.Close()
    } catch {
        Add-Problem "Cannot read the OS version: $($_.Exception.Message)"
    }
    $os
}

# export.json, UTF-8 without a byte order mark. Windows PowerShell 5.1
# serializes an array as {"value": [...], "Count": n} while the type data
# of System.Array it keeps for PowerShell 2 is loaded; removing it for
# this session makes arrays plain JSON arrays, as PowerShell 7 writes them.
function Write-Manifest {
    param([string] $Root, [bool] $Elevated)
    Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
    $domain = $null
    try {
        $domain = [System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().DomainName
        if (-not $domain) { $domain = $null }
    } catch {
        Write-Verbose "No DNS domain: $($_.Exception.Message)"
    }
    $manifest = [ordered]@{
        trustlint_export = $ManifestVersion
        computer         = $env:COMPUTERNAME
        domain           = $domain
        collected_utc    = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
        script           = [ordered]@{ name = 'Export-TrustState.ps1'; version = $ScriptVersion }
        powershell       = [ordered]@{ version = $PSVersionTable.PSVersion.ToString(); edition = $(if ($PSVersionTable.ContainsKey('PSEdition')) { $PSVersionTable.PSEdition } else { 'Desktop' }) }
        elevated         = $Elevated
        complete         = ($problems.Count -eq 0)
        os               = Get-OsRecord
        locations        = $listedLocations.ToArray()
        stores           = $storeRecords.ToArray()
        registry         = $keyRecords.ToArray()
        problems         = $problems.ToArray()
    }
    # the OS record may add a problem: complete says so too
    $manifest.complete = ($problems.Count -eq 0)
    $manifest.problems = $problems.ToArray()
    $file = Join-Path $Root 'export.json'
    $json = ConvertTo-Json -InputObject $manifest -Depth 6
    [System.IO.File]::WriteAllText($file, $json + "`r`n", (New-Object System.Text.UTF8Encoding($false)))
    $written.Add($file)
}

# OutputDirectory.zip: every file of the export, named with '/' as the zip
# format requires (the archive cmdlet of Windows PowerShell 5.1 writes '\').
function Write-ExportZip {
    param([string] $Root, [string] $ZipPath)
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem -ErrorAction Stop
    $stream = [System.IO.File]::Open($ZipPath, [System.IO.FileMode]::CreateNew)
    try {
        $archive = New-Object System.IO.Compression.ZipArchive($stream, [System.IO.Compression.ZipArchiveMode]::Create)
        try {
            foreach ($file in @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force -ErrorAction Stop)) {
                [void][System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $file.FullName,
                    (Get-RelativeName -Root $Root -Path $file.FullName), [System.IO.Compression.CompressionLevel]::Optimal)
            }
        } finally {
            $archive.Dispose()
        }
    } finally {
        $stream.Dispose()
    }
}

# applicationHost.config. A 32-bit PowerShell on 64-bit Windows sees
# System32 redirected to SysWOW64, which holds no IIS configuration;
# Sysnative is the real System32 there.
function Get-AppHostPath {
    $system = 'System32'
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
        $system = 'Sysnative'
    }
    Join-Path $env:windir "$system\inetsrv\config\applicationHost.config"
}

# A configuration file as XML, resolving nothing outside it (no DTD, no
# external entity). The document is returned whole: PowerShell would
# otherwise enumerate its child nodes into the pipeline.
function Read-ConfigXml {
    param([string] $Path)

    $full = (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
    $settings = New-Object System.Xml.XmlReaderSettings
    $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $settings.XmlResolver = $null
    [xml] $document = New-Object System.Xml.XmlDocument
    $reader = [System.Xml.XmlReader]::Create($full, $settings)
    try {
        $document.Load($reader)
    } finally {
        $reader.Close()
    }
    if ($null -eq $document.DocumentElement -or $document.DocumentElement.get_LocalName() -cne 'configuration') {
        throw 'not a configuration file: its root element is not <configuration>'
    }
    return , $document
}

# Whether Element is the one Step names ('name' or 'name[value]').
# Configuration element names are case-sensitive, hence -ceq; get_LocalName()
# because PowerShell lets an attribute or child element called like a
# property hide it.
function Test-KeptStep {
    param([System.Xml.XmlElement] $Element, [string] $Step)

    if ($Step -match '^([^\[]+)\[([^\]]+)\]$') {
        return ($Element.get_LocalName() -ceq $Matches[1]) -and ($Element.GetAttribute('name') -ceq $Matches[2])
    }
    return $Element.get_LocalName() -ceq $Step
}

# Copy into Target the child elements of Source that lie on one of Paths
# (relative to Source, as in $SiteConfigKeep).
function Copy-KeptElements {
    param([System.Xml.XmlElement] $Source, [System.Xml.XmlElement] $Target, [string[]] $Paths)

    foreach ($child in @($Source.ChildNodes)) {
        if ($child -isnot [System.Xml.XmlElement]) { continue }
        $whole = $false
        $below = New-Object System.Collections.Generic.List[string]
        foreach ($path in $Paths) {
            $steps = @($path -split '/', 2)
            if (-not (Test-KeptStep -Element $child -Step $steps[0])) { continue }
            if ($steps.Count -eq 1) { $whole = $true } else { $below.Add($steps[1]) }
        }
        if ($whole) {
            [void]$Target.AppendChild($Target.OwnerDocument.ImportNode($child, $true))
        } elseif ($below.Count -gt 0) {
            # the element with its attributes, without its children
            $wrapper = $Target.OwnerDocument.ImportNode($child, $false)
            Copy-KeptElements -Source $child -Target $wrapper -Paths $below.ToArray()
            if ($wrapper.HasChildNodes) { [void]$Target.AppendChild($wrapper) }
        }
    }
}

# The reduced form of the configuration file at Path: a new document with
# only what Keep names, and no attribute called password.
function Get-ReducedConfig {
    param([string] $Path, [string[]] $Keep)

    $source = Read-ConfigXml -Path $Path
    $root = $source.DocumentElement
    $reduced = New-Object System.Xml.XmlDocument
    $reducedRoot = $reduced.CreateElement($root.get_Name(), $root.NamespaceURI)
    [void]$reduced.AppendChild($reducedRoot)
    Copy-KeptElements -Source $root -Target $reducedRoot -Paths $Keep
    foreach ($element in @($reduced.SelectNodes('//*'))) {
        foreach ($attribute in @($element.Attributes)) {
            # -eq: Password too
            if ($attribute.get_LocalName() -eq 'password') { [void]$element.Attributes.Remove($attribute) }
        }
        $external = $element.GetAttribute('configSource')
        if ($external) {
            Add-Problem "${Path}: <$($element.get_LocalName())> keeps its content in '$external', which is not exported"
        }
    }
    return , $reduced
}

# Write the reduced form of the configuration file Source to Target, as
# UTF-8 without a byte order mark, indented, CRLF line ends. A file with
# nothing to keep is listed, not written.
function Export-ReducedConfig {
    param([string] $Source, [string] $Target, [string[]] $Keep)

    try {
        $reduced = Get-ReducedConfig -Path $Source -Keep $Keep
        if (-not $reduced.DocumentElement.HasChildNodes) {
            $nothingKept.Add($Source)
            return
        }
        New-Folder -Path (Split-Path -Parent $Target) | Out-Null
        $settings = New-Object System.Xml.XmlWriterSettings
        $settings.Indent = $true
        $settings.IndentChars = '  '
        $settings.NewLineChars = "`r`n"
        $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
        $writer = [System.Xml.XmlWriter]::Create($Target, $settings)
        try {
            $writer.WriteStartDocument()
            $reduced.DocumentElement.WriteTo($writer)
            $writer.WriteEndDocument()
        } finally {
            $writer.Close()
        }
        $written.Add($Target)
        Write-Verbose "$Source -> $Target"
    } catch {
        Add-Problem "Cannot export ${Source}: $($_.Exception.Message)"
    }
}

# Whether a site name or application path segment can be a folder name
# that trustlint's folder walk reads (it skips names starting with '.').
function Test-FolderName {
    param([string] $Name)

    $Name -and -not $Name.StartsWith('.') -and
        # Windows drops a final dot or space from a folder name
        -not $Name.EndsWith('.') -and -not $Name.EndsWith(' ') -and
        $Name.IndexOfAny([System.IO.Path]::GetInvalidFileNameChars()) -lt 0
}

# The web.config of every site and application applicationHost.config
# lists, reduced, into IIS\Sites\<site name>\<application path>\web.config.
function Export-SiteConfig {
    param([string] $AppHost, [string] $Destination)

    try {
        $config = Read-ConfigXml -Path $AppHost
    } catch {
        Add-Problem "Cannot read ${AppHost}: $($_.Exception.Message); no site configuration exported"
        return
    }
    foreach ($site in @($config.SelectNodes('/configuration/system.applicationHost/sites/site'))) {
        $siteName = $site.GetAttribute('name')
        if (-not (Test-FolderName $siteName)) {
            Add-Problem "Site '$siteName' has a name that cannot be a folder name; skipped."
            continue
        }
        foreach ($application in @($site.SelectNodes('application'))) {
            $appPath = $application.GetAttribute('path')
            $segments = @($appPath -split '/' | Where-Object { $_ -ne '' })
            if (@($segments | Where-Object { -not (Test-FolderName $_) }).Count -gt 0) {
                Add-Problem "Application '$siteName$appPath' has a path that cannot be folder names; skipped."
                continue
            }
            # the application's files are those of its root virtual directory
            $directory = $application.SelectSingleNode("virtualDirectory[@path='/']")
            if ($null -eq $directory -or -not $directory.GetAttribute('physicalPath')) {
                Add-Problem "Application '$siteName$appPath' has no root virtual directory with a physical path; skipped."
                continue
            }
            $physical = [Environment]::ExpandEnvironmentVariables($directory.GetAttribute('physicalPath'))
            $source = [System.IO.Path]::Combine($physical, 'web.config')
            try {
                $present = Test-Path -LiteralPath $source -PathType Leaf -ErrorAction Stop
            } catch {
                Add-Problem "Cannot look for ${source}: $($_.Exception.Message)"
                continue
            }
            if (-not $present) {
                $noWebConfig.Add("$siteName$appPath")
                continue
            }
            $target = Join-Path $Destination ((@($IisExports.Sites, $siteName) + $segments + @('web.config')) -join '\')
            Export-ReducedConfig -Source $source -Target $target -Keep $SiteConfigKeep
        }
    }
}

# Before anything is written: the language mode, elevation, and a folder
# that holds no other export. Each refusal exits 2 and writes nothing;
# -ErrorAction Continue so that a caller's -ErrorAction Stop cannot turn
# Write-Error into an exception that ends the script with 1.
if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') {
    # Constrained Language mode refuses the .NET calls every part of the
    # export makes (X509Store, the registry, file writes), not only Add-Type
    Write-Error -ErrorAction Continue ("PowerShell runs in $($ExecutionContext.SessionState.LanguageMode) mode " +
        '(an application control policy): the export needs FullLanguage.')
    exit 2
}
$elevated = Test-Elevated
if (-not $elevated) {
    if (-not $AllowUnelevated) {
        Write-Error -ErrorAction Continue ('Not elevated: some stores and registry keys are readable only by administrators. ' +
            'Run from an elevated prompt (Run as administrator), or give -AllowUnelevated to export what this account can read.')
        exit 2
    }
    Add-Problem 'Not elevated (-AllowUnelevated): stores and keys only administrators can read may be missing.'
}

# The folder's full path, resolved against PowerShell's current location
# (not the process's), and the zip's beside it.
$full = [System.IO.Path]::GetFullPath($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputDirectory))
if ($full.Length -gt 3) { $full = $full.TrimEnd('\', '/') }
$zipPath = $null
if ($Zip) {
    if (-not (Split-Path -Parent $full)) {
        Write-Error -ErrorAction Continue "-Zip: $full is a drive's root, so there is no folder beside it for the zip."
        exit 2
    }
    $zipPath = $full + '.zip'
}
$trustlintExe = $null
if ($Lint) {
    # the Windows zip of trustlint holds this script beside trustlint.exe
    $trustlintExe = Join-Path $PSScriptRoot 'trustlint.exe'
    if (-not (Test-Path -LiteralPath $trustlintExe -PathType Leaf)) {
        Write-Error -ErrorAction Continue ("-Lint: no trustlint.exe beside this script ($PSScriptRoot). " +
            'Unzip trustlint-<version>-win64.zip and run the Export-TrustState.ps1 it holds.')
        exit 2
    }
    if (-not (Split-Path -Parent $full)) {
        Write-Error -ErrorAction Continue "-Lint: $full is a drive's root, so there is no folder beside it for the reports."
        exit 2
    }
}
if (Test-Path -LiteralPath $full -PathType Leaf) {
    Write-Error -ErrorAction Continue "$full is a file, not a folder."
    exit 2
}
$existing = @()
if (Test-Path -LiteralPath $full -PathType Container) {
    $existing = @(Get-ChildItem -LiteralPath $full -Force)
}
$zipExists = $zipPath -and (Test-Path -LiteralPath $zipPath)
if (($existing.Count -gt 0 -or $zipExists) -and -not $Force) {
    $what = if ($existing.Count -gt 0) { "$full is not empty" } else { "$zipPath exists" }
    Write-Error -ErrorAction Continue ("${what}: files of an earlier export would be linted with this one. " +
        'Give an empty or new folder, or -Force to delete the files this script writes there first.')
    exit 2
}

try {
    $root = New-Folder -Path $full
    if ($Force -and ($existing.Count -gt 0 -or $zipExists)) {
        $others = Clear-OwnedItems -Root $root -ZipPath $zipPath
        if (@($others).Count -gt 0) {
            Add-Problem ('-Force: files this script does not write are left in {0} and will be linted with the export: {1}' -f
                $root, ((@($others) | Select-Object -First 5) -join ', '))
        }
    }
} catch {
    Write-Error -ErrorAction Continue "Cannot prepare ${full}: $($_.Exception.Message)"
    exit 2
}

Export-StoreLocation -Location 'LocalMachine' -Destination $root
if ($IncludeCurrentUser) {
    Export-StoreLocation -Location 'CurrentUser' -Destination $root
}

foreach ($export in $RegistryExports) {
    $target = Join-Path $root $export.File
    try {
        New-Folder -Path (Split-Path -Parent $target) | Out-Null
    } catch {
        $keyRecords.Add([ordered]@{ key = $export.Key; file = $null; status = 'failed'; error = $_.Exception.Message })
        Add-Problem "Cannot create the folder for ${target}: $($_.Exception.Message)"
        continue
    }
    Export-RegistryKey -Key $export.Key -File $target -Root $root
}

$appHost = Get-AppHostPath
if (Test-Path -LiteralPath $appHost -PathType Leaf) {
    $target = Join-Path $root $IisExports.AppHost
    try {
        New-Folder -Path (Split-Path -Parent $target) | Out-Null
        Copy-Item -LiteralPath $appHost -Destination $target -Force -ErrorAction Stop
        $written.Add($target)
    } catch {
        Add-Problem "Cannot copy ${appHost}: $($_.Exception.Message)"
    }
    if ($IncludeSiteConfig) {
        Export-SiteConfig -AppHost $appHost -Destination $root
    }
} else {
    Write-Host "IIS is not installed (no $appHost), skipped"
    if ($IncludeSiteConfig) {
        Add-Problem '-IncludeSiteConfig: IIS is not installed, so there is no site to export'
    }
}

$serviceFiles = @{} # file name -> the path exported under it (keys ignore case, as Windows does)
foreach ($path in $ServiceConfig) {
    $name = Split-Path -Leaf $path
    if ($serviceFiles.ContainsKey($name)) {
        Add-Problem "Two service configuration files named '$name' ($($serviceFiles[$name]) and $path): only the first is exported"
        continue
    }
    $serviceFiles[$name] = $path
    Export-ReducedConfig -Source $path -Target (Join-Path $root (Join-Path $IisExports.Services $name)) -Keep $ServiceConfigKeep
}

# Which cached lists are absent, read in the same 64-bit view as reg.exe's.
$missingLists = New-Object System.Collections.Generic.List[string]
try {
    $view = if ([Environment]::Is64BitOperatingSystem) { [Microsoft.Win32.RegistryView]::Registry64 } else { [Microsoft.Win32.RegistryView]::Default }
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $view)
    $autoUpdate = $base.OpenSubKey($AutoUpdateKey)
    foreach ($name in $AutoUpdateLists) {
        if ($null -eq $autoUpdate -or $null -eq $autoUpdate.GetValue($name)) { $missingLists.Add($name) }
    }
    if ($autoUpdate) { $autoUpdate.Close() }
    $base.Close()
} catch {
    Write-Verbose "Cannot read HKLM\${AutoUpdateKey}: $($_.Exception.Message)"
}

try {
    Write-Manifest -Root $root -Elevated $elevated
} catch {
    Add-Problem "Cannot write export.json: $($_.Exception.Message)"
}

Write-Host ''
if ($missingLists.Count -gt 0) {
    Write-Host ('Root program lists not cached on this machine (HKLM\{0}): {1}; download authrootstl.cab and disallowedcertstl.cab from Windows Update and give them to trustlint with --trust-list' -f $AutoUpdateKey, ($missingLists -join ', '))
}
if ($noWebConfig.Count -gt 0) {
    Write-Host ('Applications with no web.config: {0}' -f ($noWebConfig -join ', '))
}
if ($nothingKept.Count -gt 0) {
    Write-Host ('No client certificate settings (system.webServer/security, system.serviceModel), not written: {0}' -f ($nothingKept -join ', '))
}
Write-Host "Written to ${root}:"
foreach ($file in $written) {
    $item = Get-Item -LiteralPath $file -ErrorAction SilentlyContinue
    if ($item) {
        Write-Host ('{0,12:N0} bytes  {1}' -f $item.Length, $item.FullName)
    }
}
if ($written.Count -eq 0) {
    Write-Error -ErrorAction Continue 'Nothing was exported.'
    exit 2
}

if ($zipPath) {
    try {
        Write-ExportZip -Root $root -ZipPath $zipPath
        Write-Host ('{0,12:N0} bytes  {1}' -f (Get-Item -LiteralPath $zipPath).Length, $zipPath)
    } catch {
        Add-Problem "Cannot write ${zipPath}: $($_.Exception.Message)"
    }
}

if (-not $Lint) {
    Write-Host ''
    Write-Host 'Copy the folder to a machine with trustlint and run, for example:'
    Write-Host ("    trustlint {0}" -f (Split-Path -Leaf $root))
    Write-Host ("    trustlint --format sarif -o trustlint.sarif {0}" -f (Split-Path -Leaf $root))
    if ($problems.Count -gt 0) {
        Write-Warning ('The export is partial: {0} problem(s), listed in export.json.' -f $problems.Count)
        exit 1
    }
    exit 0
}

# -Lint: the text report on the console, the HTML and SARIF reports beside
# the folder (not in it: the next export's folder walk would read them)
$reports = [ordered]@{
    html  = $full + '.trustlint.html'
    sarif = $full + '.trustlint.sarif'
}
$lintArgs = @('--html-output', $reports.html, '--sarif-output', $reports.sarif) + $LintArguments + @($root)
# an earlier run's reports go first: a report printed below is this run's
foreach ($report in $reports.Values) {
    Remove-Item -LiteralPath $report -Force -ErrorAction SilentlyContinue
}
Write-Host ''
Write-Host ('Linting {0} with {1}' -f $root, $trustlintExe)
Write-Host ''
# $LASTEXITCODE is the global one native commands set: cleared, so that a
# trustlint.exe that could not start (an application control policy) is not
# taken for reg.exe's last status
$global:LASTEXITCODE = $null
try {
    & $trustlintExe @lintArgs
} catch {
    Write-Error -ErrorAction Continue "Cannot run ${trustlintExe}: $($_.Exception.Message)"
    exit 2
}
$lintStatus = $global:LASTEXITCODE
Write-Host ''
foreach ($report in $reports.Values) {
    if (Test-Path -LiteralPath $report -PathType Leaf) {
        Write-Host ('trustlint report: {0}' -f $report)
    }
}
if ($lintStatus -ne 0 -and $lintStatus -ne 1) {
    Write-Error -ErrorAction Continue "trustlint could not lint $root (exit status $lintStatus): its message is above."
    exit 2
}
if ($problems.Count -gt 0) {
    Write-Warning ('The export is partial: {0} problem(s), listed in export.json.' -f $problems.Count)
    exit 1
}
exit $lintStatus
