/**
 * Words of main's own native dialogs (the hub question, the sync folder chooser) in every UI
 * language, and the dialog options built from them. Like menuLabels.ts, each language must have
 * every key: the `satisfies` below makes a missing translation a compile error. An address shown
 * inside Dari text is wrapped in Unicode isolates, so its dots and colons stay in Latin order.
 */
import type { UiLanguage } from '../../shared/ipc/contract.ts';

interface DialogTexts {
  hubOriginTitle: string;
  hubOriginMessage: (origin: string) => string;
  hubOriginDetail: string;
  connect: string;
  cancel: string;
  chooseSyncFolderTitle: string;
  chooseSyncFolderButton: string;
}

/** First strong isolate … pop directional isolate: left-to-right text inside right-to-left. */
const isolate = (text: string): string => `\u2068${text}\u2069`;

export const DIALOG_TEXTS = {
  en: {
    hubOriginTitle: 'Connect to a team hub?',
    hubOriginMessage: (origin) =>
      `Daftar wants to connect to the team hub at ${origin} to send and receive your team's encrypted bundles.`,
    hubOriginDetail: 'Connect only if your team lead gave you this address.',
    connect: 'Connect',
    cancel: 'Cancel',
    chooseSyncFolderTitle: 'Choose the Sync Folder',
    chooseSyncFolderButton: 'Use This Folder',
  },
  'fa-AF': {
    hubOriginTitle: 'به مرکز تیم وصل شود؟',
    hubOriginMessage: (origin) =>
      `دفتر می‌خواهد به مرکز تیم در نشانی ${isolate(origin)} وصل شود تا بسته‌های رمزگذاری‌شدهٔ تیم شما را بفرستد و دریافت کند.`,
    hubOriginDetail: 'تنها در صورتی وصل شوید که سرپرست تیم‌تان این نشانی را به شما داده باشد.',
    connect: 'وصل شدن',
    cancel: 'لغو',
    chooseSyncFolderTitle: 'پوشهٔ همگام‌سازی را انتخاب کنید',
    chooseSyncFolderButton: 'استفاده از این پوشه',
  },
} as const satisfies Record<UiLanguage, DialogTexts>;

/** The subset of Electron's MessageBoxOptions the hub question uses. */
export interface QuestionBoxOptions {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

/** Index of "Connect" among the hub question's buttons. */
export const CONNECT_BUTTON = 0;

/** The question asked before main first connects to `origin`: Cancel is the default. */
export function hubOriginQuestion(language: UiLanguage, origin: string): QuestionBoxOptions {
  const texts = DIALOG_TEXTS[language];
  return {
    type: 'question',
    title: texts.hubOriginTitle,
    message: texts.hubOriginMessage(origin),
    detail: texts.hubOriginDetail,
    buttons: [texts.connect, texts.cancel],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** The subset of Electron's OpenDialogOptions the sync folder chooser uses. */
export interface FolderDialogOptions {
  title: string;
  buttonLabel: string;
  properties: ('openDirectory' | 'createDirectory' | 'dontAddToRecent')[];
}

export function syncFolderDialogOptions(language: UiLanguage): FolderDialogOptions {
  const texts = DIALOG_TEXTS[language];
  return {
    title: texts.chooseSyncFolderTitle,
    buttonLabel: texts.chooseSyncFolderButton,
    properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
  };
}
