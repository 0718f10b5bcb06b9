<#
.SYNOPSIS
    Exports the certificate stores and TLS trust settings of this machine for trustlint.

.DESCRIPTION
    Writes, under OutputDirectory, the files trustlint reads on any OS:

      LocalMachine\<StoreName>.sst   every store of Cert:\LocalMachine, as a
                                     serialized store (Export-Certificate -Type SST)
      CurrentUser\<StoreName>.sst    the same for Cert:\CurrentUser, with -IncludeCurrentUser
      schannel.reg                   HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL
      http.reg                       HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters
      policies-systemcertificates.reg HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates
      autoupdate.reg                 HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate:
                                     the machine's cached copies of Microsoft's root
                                     program lists (EncodedCtl, DisallowedCertEncodedCtl,
                                     PinRulesEncodedCtl) and when each was fetched
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

    The registry copies of the stores go to the registry\ subfolder, which
    'trustlint OutputDirectory' does not read: Cert:\LocalMachine\<Store>
    already holds those certificates (the logical store), and reading both
    would report each certificate twice. They record which physical store
    (Root, AuthRoot, group policy, enterprise) holds what: lint them on their
    own with 'trustlint OutputDirectory\registry' when that matters. The
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

    Empty stores are not written (Export-Certificate has nothing to export);
    they are listed. A registry key that does not exist is reported and
    skipped. Nothing on the machine is changed. Run it from an elevated
    prompt: some stores and keys are readable only by administrators.

    The export holds public certificates and settings only, no private keys.
    It does name the machine's certificates, bindings and OS build: handle it
    as internal data.

    Works with Windows PowerShell 5.1 and PowerShell 7, built-in cmdlets only.

.PARAMETER OutputDirectory
    The folder to write to. It is created if needed; files already there with
    the same names are overwritten.

.PARAMETER IncludeCurrentUser
    Also export every store of Cert:\CurrentUser (of the account running the
    script) into OutputDirectory\CurrentUser.

.PARAMETER IncludeSiteConfig
    Also export, reduced, the web.config of every site and application that
    applicationHost.config lists, from the physical path of its root virtual
    directory (environment variables such as %SystemDrive% expanded), into
    OutputDirectory\IIS\Sites\<site name>\<application path>\web.config. The
    web.config files of virtual directories and folders below an
    application are not read. A site, application or file that cannot be
    read is a warning, and the rest is exported.

.PARAMETER ServiceConfig
    Configuration files of self-hosted WCF services (*.exe.config), which IIS
    does not know of: each is exported, reduced to system.serviceModel, into
    OutputDirectory\IIS\Services\<file name>. Two files of the same name: the
    first is exported and the second is a warning.

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory C:\Temp\trust-export

    Exports the machine stores and the registry keys to C:\Temp\trust-export.

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory C:\Temp\web01 -IncludeSiteConfig -ServiceConfig 'C:\Services\Orders\OrderService.exe.config'

    Also exports the client certificate settings of every IIS site and
    application, and of one self-hosted WCF service.

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory "$env:TEMP\$env:COMPUTERNAME" -IncludeCurrentUser
    Compress-Archive -Path "$env:TEMP\$env:COMPUTERNAME" -DestinationPath "$env:TEMP\$env:COMPUTERNAME.zip"

    Exports the machine and current user stores, then zips the folder to
    copy it to the machine that runs trustlint.

.LINK
    https://support.microsoft.com/kb/2802568
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [string] $OutputDirectory,

    [switch] $IncludeCurrentUser,

    [switch] $IncludeSiteConfig,

    [ValidateNotNullOrEmpty()]
    [string[]] $ServiceConfig = @()
)

Set-StrictMode -Version 2.0

# Registry keys to export: file name in OutputDirectory, key as reg.exe takes it.
$RegistryExports = @(
    @{ File = 'schannel.reg';                    Key = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL' },
    @{ File = 'http.reg';                        Key = 'HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters' },
    @{ File = 'registry\systemcertificates.reg'; Key = 'HKLM\SOFTWARE\Microsoft\SystemCertificates' },
    @{ File = 'policies-systemcertificates.reg'; Key = 'HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates' },
    @{ File = 'autoupdate.reg';                  Key = 'HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate' },
    @{ File = 'registry\enterprisecertificates.reg'; Key = 'HKLM\SOFTWARE\Microsoft\EnterpriseCertificates' },
    @{ File = 'os.reg';                          Key = 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' }
)

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
# Configuration files with nothing to keep, and applications with no
# web.config: listed at the end, not written.
$nothingKept = New-Object System.Collections.Generic.List[string]
$noWebConfig = New-Object System.Collections.Generic.List[string]

function New-Folder {
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Container)) {
        New-Item -ItemType Directory -Path $Path -Force -ErrorAction Stop | Out-Null
    }
    (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
}

# Export every store of one location (LocalMachine or CurrentUser) as <StoreName>.sst.
function Export-StoreLocation {
    param([string] $Location, [string] $Destination)

    try {
        $folder = New-Folder -Path (Join-Path $Destination $Location)
    } catch {
        Write-Warning "Cannot create the folder for ${Location}: $($_.Exception.Message)"
        return
    }

    try {
        $stores = @(Get-ChildItem -Path "Cert:\$Location" -ErrorAction Stop)
    } catch {
        Write-Warning "Cannot list the stores of Cert:\${Location}: $($_.Exception.Message)"
        return
    }

    $empty = New-Object System.Collections.Generic.List[string]
    foreach ($store in $stores) {
        $name = $store.Name
        if ($name.IndexOfAny([System.IO.Path]::GetInvalidFileNameChars()) -ge 0) {
            Write-Warning "Store '$Location\$name' has a name that cannot be a file name; skipped."
            continue
        }
        try {
            $certs = @(Get-ChildItem -LiteralPath "Cert:\$Location\$name" -ErrorAction Stop |
                Where-Object { $_ -is [System.Security.Cryptography.X509Certificates.X509Certificate2] })
        } catch {
            Write-Warning "Cannot read Cert:\$Location\${name}: $($_.Exception.Message)"
            continue
        }
        if ($certs.Count -eq 0) {
            $empty.Add($name)
            continue
        }
        $file = Join-Path $folder "$name.sst"
        try {
            # One SST holding every certificate of the store, with its properties.
            Export-Certificate -Cert $certs -FilePath $file -Type SST -Force -ErrorAction Stop | Out-Null
            $written.Add($file)
            Write-Verbose "$Location\${name}: $($certs.Count) certificate(s) -> $file"
        } catch {
            Write-Warning "Cannot export Cert:\$Location\${name}: $($_.Exception.Message)"
        }
    }
    if ($empty.Count -gt 0) {
        Write-Host ("Empty stores in {0}, not written: {1}" -f $Location, ($empty -join ', '))
    }
}

# Export one registry key with reg.exe; a key that does not exist is reported and skipped.
# On 64-bit Windows the 64-bit view is read even from a 32-bit PowerShell, which
# would otherwise see the WOW6432Node copies of SOFTWARE.
function Export-RegistryKey {
    param([string] $Key, [string] $File)

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
            Write-Host "Not present, skipped: $Key"
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
    } catch {
        Write-Warning "Cannot export ${Key}: $($_.Exception.Message)"
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
            Write-Warning "${Path}: <$($element.get_LocalName())> keeps its content in '$external', which is not exported"
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
        Write-Warning "Cannot export ${Source}: $($_.Exception.Message)"
    }
}

# Whether a site name or application path segment can be a folder name
# that trustlint's folder walk reads (it skips names starting with '.').
function Test-FolderName {
    param([string] $Name)

    $Name -and -not $Name.StartsWith('.') -and
        $Name.IndexOfAny([System.IO.Path]::GetInvalidFileNameChars()) -lt 0
}

# The web.config of every site and application applicationHost.config
# lists, reduced, into IIS\Sites\<site name>\<application path>\web.config.
function Export-SiteConfig {
    param([string] $AppHost, [string] $Destination)

    try {
        $config = Read-ConfigXml -Path $AppHost
    } catch {
        Write-Warning "Cannot read ${AppHost}: $($_.Exception.Message); no site configuration exported"
        return
    }
    foreach ($site in @($config.SelectNodes('/configuration/system.applicationHost/sites/site'))) {
        $siteName = $site.GetAttribute('name')
        if (-not (Test-FolderName $siteName)) {
            Write-Warning "Site '$siteName' has a name that cannot be a folder name; skipped."
            continue
        }
        foreach ($application in @($site.SelectNodes('application'))) {
            $appPath = $application.GetAttribute('path')
            $segments = @($appPath -split '/' | Where-Object { $_ -ne '' })
            if (@($segments | Where-Object { -not (Test-FolderName $_) }).Count -gt 0) {
                Write-Warning "Application '$siteName$appPath' has a path that cannot be folder names; skipped."
                continue
            }
            # the application's files are those of its root virtual directory
            $directory = $application.SelectSingleNode("virtualDirectory[@path='/']")
            if ($null -eq $directory -or -not $directory.GetAttribute('physicalPath')) {
                Write-Warning "Application '$siteName$appPath' has no root virtual directory with a physical path; skipped."
                continue
            }
            $physical = [Environment]::ExpandEnvironmentVariables($directory.GetAttribute('physicalPath'))
            $source = Join-Path $physical 'web.config'
            try {
                $present = Test-Path -LiteralPath $source -PathType Leaf -ErrorAction Stop
            } catch {
                Write-Warning "Cannot look for ${source}: $($_.Exception.Message)"
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

try {
    $root = New-Folder -Path $OutputDirectory
} catch {
    Write-Error "Cannot create $OutputDirectory`: $($_.Exception.Message)"
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
        Write-Warning "Cannot create the folder for ${target}: $($_.Exception.Message)"
        continue
    }
    Export-RegistryKey -Key $export.Key -File $target
}

$appHost = Get-AppHostPath
if (Test-Path -LiteralPath $appHost -PathType Leaf) {
    $target = Join-Path $root $IisExports.AppHost
    try {
        New-Folder -Path (Split-Path -Parent $target) | Out-Null
        Copy-Item -LiteralPath $appHost -Destination $target -Force -ErrorAction Stop
        $written.Add($target)
    } catch {
        Write-Warning "Cannot copy ${appHost}: $($_.Exception.Message)"
    }
    if ($IncludeSiteConfig) {
        Export-SiteConfig -AppHost $appHost -Destination $root
    }
} else {
    Write-Host "IIS is not installed (no $appHost), skipped"
    if ($IncludeSiteConfig) {
        Write-Warning '-IncludeSiteConfig: IIS is not installed, so there is no site to export'
    }
}

$serviceFiles = @{} # file name -> the path exported under it (keys ignore case, as Windows does)
foreach ($path in $ServiceConfig) {
    $name = Split-Path -Leaf $path
    if ($serviceFiles.ContainsKey($name)) {
        Write-Warning "Two service configuration files named '$name' ($($serviceFiles[$name]) and $path): only the first is exported"
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
    Write-Warning 'Nothing was exported.'
    exit 1
}

Write-Host ''
Write-Host 'Copy the folder to a machine with trustlint and run, for example:'
Write-Host ("    trustlint {0}" -f (Split-Path -Leaf $root))
Write-Host ("    trustlint --format sarif -o trustlint.sarif {0}" -f (Split-Path -Leaf $root))
