; Inno Setup 6.3+ script: per-user installer of Îlot desktop, no administrator rights needed.
;
; Build on Windows after the bundle (python installer\build.py does both when ISCC.exe is found):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\ilot-desktop.iss
; Output: dist\ilot-desktop-<version>-setup.exe
;
; The application goes to %LOCALAPPDATA%\Programs\Ilot desktop. The user's data (encrypted file,
; backups, settings, logs) live apart, in %LOCALAPPDATA%\LIlot\IlotDesktop (platformdirs): the
; uninstaller removes only what this installer copied, so the data stay.
; This file is UTF-8 with a byte-order mark, which Inno Setup needs to read "Î" right.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Îlot desktop"
#define AppExe "ilot-desktop.exe"
; The PyInstaller folder (build.py gives /DBundle=…, e.g. make windows's dist\windows\ilot-desktop).
#ifndef Bundle
  #define Bundle "..\..\dist\ilot-desktop"
#endif

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{BFF357BF-94E5-4D9E-859C-EDDEC04AC29D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=L'Îlot
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName} : installation
; Per user, without administrator rights or an elevation prompt.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Ilot desktop
DisableDirPage=auto
DisableProgramGroupPage=yes
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
SetupIconFile=..\..\resources\icons\ilot-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=ilot-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; An open window would keep its files in use: offer to close it (Restart Manager).
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: ilot-desktop.exe (the window), ilot-desktop-cli.exe (the sub-commands,
; e.g. "ilot-desktop-cli.exe self-test") and _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries whole: nothing left from the previous version.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "Dossiers des personnes accompagnées, chiffrés, sans connexion"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; WorkingDir: "{userdocs}"; Flags: nowait postinstall skipifsilent

[Code]
const
  NBSP = #$00A0;

// The uninstaller never touches the user's data: say where they stay.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox('Îlot desktop a été désinstallé.' + #13#10#13#10 +
      'Vos données (fichier chiffré, sauvegardes, réglages) sont conservées dans' + NBSP + ':' + #13#10 +
      ExpandConstant('{localappdata}\LIlot\IlotDesktop') + #13#10#13#10 +
      'Réinstallez Îlot desktop pour les retrouver. Ne supprimez ce dossier que si vous êtes sûre ' +
      'de ne plus en avoir besoin.', mbInformation, MB_OK);
end;
