/**
 * In Electron, main asks the user once before it first connects to a hub's address (a native
 * question the tests cannot click). `answerHubQuestions` answers it with "Connect" from the main
 * process and counts the questions, so a test can check each profile was asked once; in the web
 * build there is no such question (the browser's own rules apply) and the count stays null.
 */
import type { Page } from '@playwright/test';
import { electronAppOf } from './fixtures.ts';

export interface HubQuestions {
  /** How many times main asked so far, or null where no host asks (the web build). */
  asked(): Promise<number | null>;
}

export async function answerHubQuestions(page: Page): Promise<HubQuestions> {
  const app = electronAppOf(page);
  if (!app) return { asked: async () => null };
  await app.evaluate(({ dialog }) => {
    const state = globalThis as unknown as { hubQuestions?: number };
    state.hubQuestions = 0;
    const answer = () => {
      state.hubQuestions = (state.hubQuestions ?? 0) + 1;
      // 0 is "Connect" (electron/main/dialogTexts.ts CONNECT_BUTTON).
      return Promise.resolve({ response: 0, checkboxChecked: false });
    };
    dialog.showMessageBox = answer as unknown as typeof dialog.showMessageBox;
  });
  return {
    asked: () =>
      app.evaluate(() => (globalThis as unknown as { hubQuestions?: number }).hubQuestions ?? 0),
  };
}
