<#
.SYNOPSIS
Builds LinkDesk for Windows: the PyInstaller one-folder bundle, its checks, then the Inno Setup installer.

.DESCRIPTION
NOT YET RUN: written without access to Windows; run it on a Windows build machine and
fix what it finds before relying on it. Needs Python 3.11+ (x64) and Inno Setup 6.

Result: dist\windows\LinkDesk\ (linkdesk.exe windowed, linkdesk-cli.exe console) and
dist\windows\LinkDesk-<version>-windows-x64-setup.exe. Stops with exit code 1 unless the
bundle's own --version matches the package version and its --self-test passes.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#>
param(
    [string]$Python = "python",
    [string]$Iscc = ""
)

$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path
$Build = Join-Path $Root "build\windows"
$Dist = Join-Path $Root "dist\windows"
$Venv = Join-Path $Build "venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$Started = Get-Date

function Step($Text) { Write-Host "`n== $Text" }
function Fail($Text) { Write-Error "build_windows.ps1: error: $Text" -ErrorAction Continue; exit 1 }
# Native programs report failure through their exit code, which PowerShell does not stop on.
function Check($What) { if ($LASTEXITCODE -ne 0) { Fail "$What failed (exit code $LASTEXITCODE)" } }

Step "Clean virtualenv in $Venv"
foreach ($Folder in @($Build, $Dist)) {
    if (Test-Path $Folder) { Remove-Item -Recurse -Force $Folder }
}
New-Item -ItemType Directory -Force -Path $Build, $Dist | Out-Null
& $Python -m venv $Venv; Check "creating the virtualenv"
& $VenvPython -m pip install --quiet --upgrade pip; Check "upgrading pip"
# A real (not editable) install: the bundle must hold what a wheel would hold.
& $VenvPython -m pip install --quiet "$Root[build]"; Check "installing LinkDesk and PyInstaller"
$Version = (& $VenvPython -c "import importlib.metadata as m; print(m.version('linkdesk'))").Trim()
Check "reading the version"
Write-Host "LinkDesk $Version"

Step "PyInstaller"
Push-Location $Root
try {
    & (Join-Path $Venv "Scripts\pyinstaller.exe") --noconfirm --clean --log-level WARN `
        --distpath $Dist --workpath (Join-Path $Build "work") packaging\linkdesk.spec
    Check "PyInstaller"
} finally {
    Pop-Location
}
$Bundle = Join-Path $Dist "LinkDesk"
$Cli = Join-Path $Bundle "linkdesk-cli.exe"
if (-not (Test-Path (Join-Path $Bundle "linkdesk.exe")) -or -not (Test-Path $Cli)) {
    Fail "the bundle has no linkdesk.exe or linkdesk-cli.exe"
}

Step "Bundle: --version"
$Reported = (& $Cli --version | Out-String).Trim()
Check "linkdesk-cli --version"
Write-Host $Reported
if ($Reported -ne "LinkDesk $Version") { Fail "--version says '$Reported', expected 'LinkDesk $Version'" }

Step "Bundle: --self-test"
& $Cli --self-test
Check "the bundle's self-test"

Step "Inno Setup"
if (-not $Iscc) {
    $Candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    )
    $Iscc = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) { Fail "Inno Setup 6 (ISCC.exe) was not found: install it or pass -Iscc <path>" }
& $Iscc "/DAppVersion=$Version" "/DSourceDir=$Bundle" "/DOutputDir=$Dist" `
    (Join-Path $Root "packaging\windows\linkdesk.iss")
Check "Inno Setup"

$Seconds = [int]((Get-Date) - $Started).TotalSeconds
Write-Host "`nInstaller: $(Join-Path $Dist "LinkDesk-$Version-windows-x64-setup.exe")"
Write-Host "Built and checked in $Seconds s."
