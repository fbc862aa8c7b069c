; Inno Setup script: CLCP-Desktop-Setup-<version>.exe from the one-folder bundle.
;
; Build the bundle first (uv run --group build python installer/build.py), then:
;   ISCC /DAppVersion=0.1.0 installer\clcp.iss
; The installer is written to dist\. Installs for the current user only: no administrator
; rights are asked for, and nothing is written outside the user's own folders and registry.
; Uninstalling keeps the user's records unless they say otherwise when asked.

#ifndef AppVersion
  #error Pass the version to the compiler: ISCC /DAppVersion=0.1.0 installer\clcp.iss
#endif
; Windows file properties need four numbers; the workflow passes them for versions like 1.0rc1.
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\clcp-desktop"
#endif
#ifndef IconFile
  #define IconFile "..\build\clcp.ico"
#endif

#define AppName "CLCP Desktop"
#define AppPublisher "CLCP"
#define GuiExe "clcp-desktop.exe"
; Where the app keeps its data (platformdirs' per-user data folder) and its settings (QSettings).
#define DataFolder "{localappdata}\CLCP\CLCP Desktop"
#define SettingsKey "Software\CLCP\CLCP Desktop"
#define DatabaseProgId "CLCPDesktop.Database"

[Setup]
; The same AppId in every version, so a new installer upgrades the installed copy in place.
AppId={{848B9919-5785-4827-9213-B1DE5EF5BCFF}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=CLCP-Desktop-Setup-{#AppVersion}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
OpenWithTask=Offer {#AppName} in "Open with" for database files (.db)
DatabaseFileType={#AppName} database
DemoShortcut={#AppName} (demo data)
DeleteDataQuestion=Your {#AppName} records are kept in this folder:%n%n%1%n%nDo you also want to delete them, with their backups and your settings? This cannot be undone.%n%nChoose No to keep them (for example to install a newer version later).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "openwith"; Description: "{cm:OpenWithTask}"

[InstallDelete]
; The previous version's program files, so no stale library lingers after an upgrade.
; Data never lives here (see docs/install.md), except a portable "data" folder, kept.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\{#GuiExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; "Open with" for databases and their backups (both .db). The .db extension is shared with many
; programs, so CLCP Desktop is only offered in the list, never made the default for it.
Root: HKA; Subkey: "Software\Classes\{#DatabaseProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DatabaseFileType}"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#DatabaseProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#DatabaseProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" --db ""%1"""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#DatabaseProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ After the program is removed, offer to remove the user's data too. The answer defaults to
  No, and a silent uninstall never deletes data. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  Folder := ExpandConstant('{#DataFolder}');
  if UninstallSilent or not DirExists(Folder) then
    exit;
  if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [Folder]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
  begin
    DelTree(Folder, True, True, True);
    RemoveDir(ExtractFileDir(Folder));
    RegDeleteKeyIncludingSubkeys(HKCU, '{#SettingsKey}');
    RegDeleteKeyWithoutSubkeys(HKCU, ExtractFileDir('{#SettingsKey}'));
  end;
end;
