; Inno Setup 6 script for LinkDesk: a per-user install that needs no administrator rights.
;
; Built by packaging/build_windows.ps1, which passes the version from package metadata:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=<dist\windows\LinkDesk> /DOutputDir=<dist\windows> linkdesk.iss
; Silent install for IT, run as the user who will use LinkDesk (not as SYSTEM):
;   LinkDesk-<version>-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; NOT YET RUN: this script was written without access to Windows and has never been
; compiled or installed. Test it on a Windows machine before giving it to a surgery.
;
; The user's data is never touched. The encrypted store lives in
;   %LOCALAPPDATA%\LinkDesk\store      (platformdirs' user_data_path("LinkDesk",
;                                      appauthor=False, roaming=False) / "store")
; with its automatic backups in %LOCALAPPDATA%\LinkDesk\store\backups. The program is
; installed in %LOCALAPPDATA%\Programs\LinkDesk, a different folder, and the uninstaller
; removes only the files this installer put there. Do not add an [UninstallDelete]
; entry, or any [Code], that reaches outside {app}.

#ifndef AppVersion
  #error Define AppVersion: ISCC /DAppVersion=x.y.z (build_windows.ps1 does this)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\windows\LinkDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist\windows"
#endif

[Setup]
; The AppId identifies LinkDesk to Windows across upgrades: never change it.
AppId={{027E12EF-D2E6-4B29-BE76-D201667C6DFD}
AppName=LinkDesk
AppVersion={#AppVersion}
AppVerName=LinkDesk {#AppVersion}
AppPublisher=LinkDesk
AppComments=Social prescribing link worker's desktop
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\LinkDesk
DefaultGroupName=LinkDesk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=LinkDesk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\linkdesk\resources\icons\linkdesk.ico
UninstallDisplayIcon={app}\linkdesk.exe
UninstallDisplayName=LinkDesk
; Close a running LinkDesk (asking first) so an upgrade can replace its files.
CloseApplications=yes
RestartApplications=no
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade starts from a clean program folder, so no library from an older version
; lingers beside the new ones. {app} holds only program files, never user data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\LinkDesk"; Filename: "{app}\linkdesk.exe"; Comment: "Social prescribing link worker's desktop"
Name: "{autodesktop}\LinkDesk"; Filename: "{app}\linkdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\linkdesk.exe"; Description: "{cm:LaunchProgram,LinkDesk}"; Flags: nowait postinstall skipifsilent
