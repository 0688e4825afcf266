/**
 * The native application menu as a pure template: File, Edit, View and Help (plus the app menu
 * and Window menu on macOS), labelled in the UI language. Items the app handles itself carry the
 * `MenuCommand` as their id and hand it to `send`; everything else is a native role.
 */
import type { MenuCommand, UiLanguage } from '../../shared/ipc/contract.ts';
import { MENU_LABELS, type MenuLabelKey } from './menuLabels.ts';

export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'quit'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close';

/** A subset of Electron's MenuItemConstructorOptions (assignable to it). */
export interface MenuTemplateItem {
  id?: MenuCommand;
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

export interface MenuTemplateOptions {
  language: UiLanguage;
  /** `process.platform` of the host. */
  platform: string;
  /** Developer items (reload, devtools) only in unpackaged builds. */
  isPackaged: boolean;
  /** Deliver a command to the focused window. */
  send(command: MenuCommand): void;
}

const SEPARATOR: MenuTemplateItem = { type: 'separator' };

export function buildMenuTemplate(options: MenuTemplateOptions): MenuTemplateItem[] {
  const labels = MENU_LABELS[options.language];
  const mac = options.platform === 'darwin';
  // '&' marks a Windows/Linux mnemonic (Alt+F); macOS has none.
  const label = (key: MenuLabelKey): string => (mac ? labels[key].replace('&', '') : labels[key]);
  const command = (id: MenuCommand, key: MenuLabelKey, accelerator?: string): MenuTemplateItem => ({
    id,
    label: label(key),
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => options.send(id),
  });
  const role = (name: MenuRole, key: MenuLabelKey, accelerator?: string): MenuTemplateItem => ({
    role: name,
    label: label(key),
    ...(accelerator === undefined ? {} : { accelerator }),
  });
  const settings = command('showSettings', 'settings', 'CmdOrCtrl+,');

  const appMenu: MenuTemplateItem = {
    label: label('appName'),
    submenu: [
      role('about', 'about'),
      SEPARATOR,
      settings,
      SEPARATOR,
      role('services', 'services'),
      SEPARATOR,
      role('hide', 'hide'),
      role('hideOthers', 'hideOthers'),
      role('unhide', 'unhide'),
      SEPARATOR,
      role('quit', 'quit'),
    ],
  };

  const fileMenu: MenuTemplateItem = {
    label: label('file'),
    submenu: [
      command('newIncident', 'newIncident', 'CmdOrCtrl+N'),
      command('newSource', 'newSource', 'CmdOrCtrl+Shift+N'),
      SEPARATOR,
      command('importBundle', 'importBundle', 'CmdOrCtrl+O'),
      SEPARATOR,
      command('loadSampleData', 'loadSampleData'),
      SEPARATOR,
      command('lock', 'lockApp', 'CmdOrCtrl+Shift+L'),
      // Three modifiers: a wipe is never one slip of the fingers away (the page asks, too).
      command('wipe', 'wipeEverything', 'CmdOrCtrl+Shift+Alt+W'),
      SEPARATOR,
      mac ? role('close', 'close') : role('quit', 'quit', 'CmdOrCtrl+Q'),
    ],
  };

  const editMenu: MenuTemplateItem = {
    label: label('edit'),
    submenu: [
      role('undo', 'undo'),
      role('redo', 'redo'),
      SEPARATOR,
      role('cut', 'cut'),
      role('copy', 'copy'),
      role('paste', 'paste'),
      role('selectAll', 'selectAll'),
      SEPARATOR,
      command('undo', 'undoLastChange', 'CmdOrCtrl+Alt+Z'),
    ],
  };

  const developerItems: MenuTemplateItem[] = options.isPackaged
    ? []
    : [SEPARATOR, role('reload', 'reload'), role('toggleDevTools', 'toggleDevTools')];

  const viewMenu: MenuTemplateItem = {
    label: label('view'),
    submenu: [
      command('showIncidents', 'incidents', 'CmdOrCtrl+1'),
      command('showSources', 'sources', 'CmdOrCtrl+2'),
      command('showExchange', 'exchange', 'CmdOrCtrl+3'),
      command('showConflicts', 'conflicts', 'CmdOrCtrl+4'),
      ...(mac ? [] : [settings]),
      SEPARATOR,
      role('resetZoom', 'resetZoom'),
      role('zoomIn', 'zoomIn'),
      role('zoomOut', 'zoomOut'),
      SEPARATOR,
      role('togglefullscreen', 'toggleFullScreen'),
      ...developerItems,
    ],
  };

  if (mac) {
    const windowMenu: MenuTemplateItem = {
      label: label('window'),
      submenu: [
        role('minimize', 'minimize'),
        role('zoom', 'zoom'),
        SEPARATOR,
        role('front', 'front'),
      ],
    };
    return [appMenu, fileMenu, editMenu, viewMenu, windowMenu];
  }
  const helpMenu: MenuTemplateItem = { label: label('help'), submenu: [role('about', 'about')] };
  return [fileMenu, editMenu, viewMenu, helpMenu];
}
