import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, UI_LANGUAGES, type MenuCommand } from '../../shared/ipc/contract.ts';
import { MENU_LABEL_KEYS, MENU_LABELS } from './menuLabels.ts';
import { buildMenuTemplate, type MenuTemplateItem } from './menuTemplate.ts';

const PLATFORMS = ['linux', 'win32', 'darwin'] as const;

function flatten(items: MenuTemplateItem[]): MenuTemplateItem[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

function build(options: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}): {
  template: MenuTemplateItem[];
  items: MenuTemplateItem[];
  send: ReturnType<typeof vi.fn>;
} {
  const send = vi.fn();
  const template = buildMenuTemplate({
    language: 'en',
    platform: 'linux',
    isPackaged: true,
    send,
    ...options,
  });
  return { template, items: flatten(template), send };
}

const EXPECTED_ACCELERATORS: Partial<Record<MenuCommand, string>> = {
  newIncident: 'CmdOrCtrl+N',
  newSource: 'CmdOrCtrl+Shift+N',
  undo: 'CmdOrCtrl+Alt+Z',
  showIncidents: 'CmdOrCtrl+1',
  showSources: 'CmdOrCtrl+2',
  showExchange: 'CmdOrCtrl+3',
  showConflicts: 'CmdOrCtrl+4',
  importBundle: 'CmdOrCtrl+O',
  showSettings: 'CmdOrCtrl+,',
  lock: 'CmdOrCtrl+Shift+L',
  wipe: 'CmdOrCtrl+Shift+Alt+W',
};

describe.each(PLATFORMS)('menu on %s', (platform) => {
  it.each(UI_LANGUAGES)('sends every menu command exactly as its id (%s)', (language) => {
    const { items, send } = build({ platform, language });
    const custom = items.filter((item) => item.click !== undefined);
    expect(custom.map((item) => item.id).sort()).toEqual([...MENU_COMMANDS].sort());
    for (const item of custom) {
      expect(item.role).toBeUndefined();
      item.click!();
      expect(send).toHaveBeenLastCalledWith(item.id);
    }
    expect(send).toHaveBeenCalledTimes(MENU_COMMANDS.length);
  });

  it('has the documented shortcuts and no duplicate accelerator', () => {
    const { items } = build({ platform });
    for (const [command, accelerator] of Object.entries(EXPECTED_ACCELERATORS)) {
      expect(items.find((item) => item.id === command)?.accelerator).toBe(accelerator);
    }
    const accelerators = items.flatMap((item) => (item.accelerator ? [item.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('keeps the native edit roles', () => {
    const { items } = build({ platform });
    const roles = items.map((item) => item.role);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'about']) {
      expect(roles).toContain(role);
    }
  });

  it('offers developer tools only in development builds', () => {
    expect(build({ platform, isPackaged: true }).items.map((i) => i.role)).not.toContain(
      'toggleDevTools',
    );
    expect(build({ platform, isPackaged: false }).items.map((i) => i.role)).toContain(
      'toggleDevTools',
    );
  });

  it.each(UI_LANGUAGES)('labels every item in %s', (language) => {
    for (const item of build({ platform, language }).items) {
      if (item.type === 'separator') continue;
      expect(item.label?.trim()).toBeTruthy();
    }
  });
});

describe('platform conventions', () => {
  it('puts About and Quit in the app menu on macOS', () => {
    const { template } = build({ platform: 'darwin' });
    const appMenu = template[0]!;
    expect(appMenu.label).toBe('Daftar');
    expect(appMenu.submenu?.map((item) => item.role)).toEqual(
      expect.arrayContaining(['about', 'hide', 'quit']),
    );
    expect(template.map((menu) => menu.label)).toEqual([
      'Daftar',
      'File',
      'Edit',
      'View',
      'Window',
    ]);
  });

  it('uses File / Edit / View / Help with mnemonics elsewhere', () => {
    const { template } = build({ platform: 'win32' });
    expect(template.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(template[0]!.submenu?.at(-1)?.role).toBe('quit');
    expect(template[3]!.submenu?.map((item) => item.role)).toEqual(['about']);
  });

  it('shows the Dari labels when the language is fa-AF', () => {
    const { template, items } = build({ language: 'fa-AF' });
    expect(template[0]!.label).toBe(MENU_LABELS['fa-AF'].file);
    expect(items.find((item) => item.id === 'newIncident')?.label).toBe('رویداد جدید');
    expect(items.find((item) => item.id === 'lock')?.label).toBe('قفل کردن دفتر');
  });

  it.each(PLATFORMS)('offers Lock and Wipe in the File menu on %s', (platform) => {
    const { template } = build({ platform });
    const file = template[platform === 'darwin' ? 1 : 0]!;
    const ids = file.submenu!.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(['lock', 'wipe']));
    expect(file.submenu!.find((item) => item.id === 'wipe')?.label).toBe('Wipe Everything…');
  });
});

describe('MENU_LABELS', () => {
  it('has a non-empty Dari label, in Arabic script and unlike the English one, for every key', () => {
    for (const key of MENU_LABEL_KEYS) {
      const english = MENU_LABELS.en[key];
      const dari = MENU_LABELS['fa-AF'][key];
      expect(english.trim(), key).not.toBe('');
      expect(dari.trim(), key).not.toBe('');
      expect(dari, key).not.toBe(english);
      expect(dari, key).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
