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
      registry\systemcertificates.reg  HKLM\SOFTWARE\Microsoft\SystemCertificates
      registry\enterprisecertificates.reg HKLM\SOFTWARE\Microsoft\EnterpriseCertificates

    The registry copies of the stores go to the registry\ subfolder, which
    'trustlint OutputDirectory' does not read: Cert:\LocalMachine\<Store>
    already holds those certificates (the logical store), and reading both
    would report each certificate twice. They record which physical store
    (Root, AuthRoot, group policy, enterprise) holds what: lint them on their
    own with 'trustlint OutputDirectory\registry' when that matters.
      os.reg                         HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion

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

.EXAMPLE
    .\Export-TrustState.ps1 -OutputDirectory C:\Temp\trust-export

    Exports the machine stores and the registry keys to C:\Temp\trust-export.

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

    [switch] $IncludeCurrentUser
)

Set-StrictMode -Version 2.0

# Registry keys to export: file name in OutputDirectory, key as reg.exe takes it.
$RegistryExports = @(
    @{ File = 'schannel.reg';                    Key = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL' },
    @{ File = 'http.reg';                        Key = 'HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters' },
    @{ File = 'registry\systemcertificates.reg'; Key = 'HKLM\SOFTWARE\Microsoft\SystemCertificates' },
    @{ File = 'policies-systemcertificates.reg'; Key = 'HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates' },
    @{ File = 'registry\enterprisecertificates.reg'; Key = 'HKLM\SOFTWARE\Microsoft\EnterpriseCertificates' },
    @{ File = 'os.reg';                          Key = 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' }
)

# Every file written, for the summary at the end.
$written = New-Object System.Collections.Generic.List[string]

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

Write-Host ''
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
