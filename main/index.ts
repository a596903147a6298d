import {
  app,
  BrowserWindow,
  desktopCapturer,
  ipcMain,
  Menu,
  nativeImage,
  protocol,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
  type WebFrameMain,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Push } from '../preload/contract/channels';
import { isPageOrigin, isPageUrl, pageUrl, registerAppScheme, serveAppScheme } from './appProtocol';
import { installAutoUpdate } from './autoUpdate';
import { installScreenCapture, usesSystemPicker } from './capture';
import { closeCleanlyWhileSharing } from './closeWhileSharing';
import { AppConfigError, loadAppConfig, userDataDirFromArgv, type AppConfig } from './config';
import { customerPageCsp, INDICATOR_PAGE_CSP } from './csp';
import { installDeepLinks } from './deepLink';
import { createDeepLinkInbox } from './deepLinkInbox';
import { desktopConfigFor } from './desktopConfig';
import { desktopRoutes } from './desktopRoutes';
import { createExternalOpener } from './externalLinks';
import { createIndicator } from './indicator';
import { createMarksOnScreen } from './marksOnScreen';
import { createPointerOverlay } from './pointerOverlay';
import { createSenderCheck, registerIpcRoutes } from './ipc';
import { mainLog as log } from './log';
import { openScreenPermissionSettings, screenPermission } from './macPermission';
import { installPermissionPolicy } from './permissions';
import { createSharingState } from './sharingState';
import { mainLanguage, mainStrings } from './strings';
import { createSecureWindow } from './secureWindow';
import { createSharingTray } from './tray';
import { recordingDotBitmap } from './trayIcon';
import { blockNavigation, mainWindowOptions } from './windows';

// Lifecycle wiring only: every capability lives in its own module.
const appDir = __dirname;

function readConfig(): AppConfig {
  try {
    const file: unknown = JSON.parse(readFileSync(path.join(appDir, 'app-config.json'), 'utf8'));
    return loadAppConfig({ file, argv: process.argv, env: process.env });
  } catch (error) {
    console.error(error instanceof AppConfigError ? error.message : `Cannot read app-config.json: ${String(error)}`);
    process.exit(1);
  }
}

function readTextIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function sameFrame(a: WebFrameMain | null | undefined, b: WebFrameMain | null | undefined): boolean {
  return !!a && !!b && a.processId === b.processId && a.routingId === b.routingId;
}

function start(config: AppConfig): void {
  const sharing = createSharingState();
  const macDeps = { platform: process.platform, systemPreferences, shell };
  const openExternal = createExternalOpener(shell, config.externalLinkOrigins, log);
  let mainWindow: BrowserWindow | undefined;

  const focusMainWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const requestStop = () => mainWindow?.webContents.send(Push.stopRequested);
  const requestPause = (paused: boolean) => mainWindow?.webContents.send(Push.pauseRequested, paused);
  const deepLinks = createDeepLinkInbox((link) => mainWindow?.webContents.send(Push.deepLink, link));

  const scriptPath = process.argv[1];
  const primary = installDeepLinks({
    app,
    config,
    argv: process.argv,
    devLaunch: process.defaultApp && scriptPath ? { execPath: process.execPath, args: [path.resolve(scriptPath)] } : undefined,
    deliver: (link) => deepLinks.deliver(link),
    focus: focusMainWindow,
    log,
  });
  if (!primary) return;

  app.on('web-contents-created', (_event, contents) => blockNavigation(contents, openExternal));
  app.on('window-all-closed', () => app.quit());

  app.whenReady().then(() => {
    const ses = session.defaultSession;
    serveAppScheme(protocol, {
      customer: { directory: path.join(appDir, 'renderer'), csp: customerPageCsp(config.allowedServers) },
      indicator: { directory: path.join(appDir, 'indicator'), csp: INDICATOR_PAGE_CSP },
      overlay: { directory: path.join(appDir, 'overlay'), csp: INDICATOR_PAGE_CSP },
    });
    installPermissionPolicy({
      session: ses,
      isOwnCustomerPage: (contents, url) => !!mainWindow && contents === mainWindow.webContents && isPageUrl(url, 'customer'),
      log,
    });
    const capture = installScreenCapture({
      session: ses,
      desktopCapturer,
      systemPicker: usesSystemPicker(process.platform, process.env),
      ownWindowIds: () => BrowserWindow.getAllWindows().map((window) => window.getMediaSourceId()),
      isOwnCapturingFrame: (frame, origin) =>
        isPageOrigin(origin, 'customer') && sameFrame(frame, mainWindow?.webContents.mainFrame) && isPageUrl(frame?.url ?? '', 'customer'),
      log,
    });

    const language = mainLanguage(app.getLocale());
    const strings = mainStrings(language);
    const indicator = createIndicator({
      createWindow: (options) => createSecureWindow(BrowserWindow, options),
      preloadPath: path.join(appDir, 'indicator-preload.cjs'),
      url: pageUrl('indicator'),
      strings,
      language,
      workArea: () => screen.getPrimaryDisplay().workArea,
      log,
    });
    const tray = createSharingTray({
      createTray: () => new Tray(nativeImage.createFromBitmap(recordingDotBitmap(32), { width: 32, height: 32, scaleFactor: 2 })),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      strings,
      productName: config.productName,
      onStop: requestStop,
      onPause: requestPause,
      onShowWindow: focusMainWindow,
    });
    const overlay = createPointerOverlay({
      createWindow: (options) => createSecureWindow(BrowserWindow, options),
      preloadPath: path.join(appDir, 'overlay-preload.cjs'),
      url: pageUrl('overlay'),
      displays: () => screen.getAllDisplays(),
      primaryDisplay: () => screen.getPrimaryDisplay(),
      log,
    });
    sharing.onChange((state) => {
      indicator.update(state);
      tray.update(state);
      if (!state.sharing) overlay.hide();
    });

    registerIpcRoutes(
      ipcMain,
      desktopRoutes({
        config: () => desktopConfigFor(config, app.getLocale(), process.platform),
        capture,
        sharing,
        screenPermission: () => screenPermission(macDeps),
        openScreenPermissionSettings: () => openScreenPermissionSettings(macDeps),
        deepLinks,
        indicatorView: () => indicator.view(),
        requestStop,
        requestPause,
        showMarks: createMarksOnScreen({ overlay, shared: () => capture.shared(), sharing: () => sharing.get().sharing }),
      }),
      createSenderCheck({
        fromWebContents: (contents) => BrowserWindow.fromWebContents(contents),
        windowFor: (role) => (role === 'customer' ? mainWindow : role === 'indicator' ? indicator.window() : overlay.window()),
      }),
      log,
    );

    installAutoUpdate({
      feedUrl: config.updateFeedUrl,
      isPackaged: app.isPackaged,
      platform: process.platform,
      updateConfigText: () => readTextIfExists(path.join(process.resourcesPath, 'app-update.yml')),
      loadUpdater: () => autoUpdater,
      sharing,
      timers: { setTimeout, clearTimeout },
      log,
    });

    // The brand's logo (build/app-bundle.ts); Windows and macOS take the icon from the package.
    const icon = path.join(appDir, 'icon.png');
    const windowOptions = mainWindowOptions(path.join(appDir, 'preload.cjs'), config.productName);
    const window = createSecureWindow(BrowserWindow, existsSync(icon) ? { ...windowOptions, icon } : windowOptions);
    mainWindow = window;
    closeCleanlyWhileSharing({ window, sharing, requestStop, timers: { setTimeout, clearTimeout } });
    window.webContents.on('did-start-loading', () => deepLinks.pageReloaded());
    window.webContents.on('render-process-gone', () => sharing.set({ sharing: false }));
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      mainWindow = undefined;
      sharing.set({ sharing: false });
      indicator.destroy();
      overlay.destroy();
      tray.destroy();
      app.quit();
    });
    window.loadURL(pageUrl('customer')).catch((error: unknown) => log(`customer page failed to load: ${String(error)}`));
  }, (error: unknown) => log(`startup failed: ${String(error)}`));
}

registerAppScheme(protocol);
app.enableSandbox();
// Before the single-instance lock, which lives in the profile directory.
const userDataDir = userDataDirFromArgv(process.argv);
if (userDataDir) app.setPath('userData', path.resolve(userDataDir));
if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
start(readConfig());
