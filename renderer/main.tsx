/**
 * Renderer entry. Nothing is opened before the lock: the page first shows the lock screen (or, on
 * first run, asks for the passphrase that will encrypt everything). Once unlocked it opens the
 * sealed database, moves a profile from before the lock into it if one is here, starts the
 * long-lived services (the find worker, team sync once a team is joined, folder sync once a
 * folder is chosen) and renders the app.
 * A failure to open storage is shown plainly rather than leaving a blank window.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App, LANGUAGE_SETTING } from './app/App.tsx';
import { DataContext, PlatformContext } from './app/appContext.ts';
import { afterFirstScreen } from './app/firstScreen.ts';
import { keepFormsPrivate } from './app/formPrivacy.ts';
import { DaftarData } from './data/daftarData.ts';
import { RowSealer } from './data/seal/rowSealer.ts';
import { FindClient } from './find/findClient.ts';
import { startFind } from './find/findState.ts';
import { changeLanguage, initI18n, isUiLanguage } from './i18n/i18n.ts';
import { loadCalendar } from './i18n/calendar.ts';
import { detectPlatform } from './platform/platform.ts';
import { FolderSyncService, startFolderSync } from './features/folderSync/folderSyncService.ts';
import { startTeamSync, TeamSyncService } from './features/teamSync/teamSyncService.ts';
import { hasLegacyProfile, moveLegacyProfile } from './lock/legacyProfile.ts';
import { LockScreen } from './lock/LockScreen.tsx';
import { LockContext, LockSession } from './lock/lockSession.ts';
import { MovingProfile } from './lock/MovingProfile.tsx';
import { Vault, type Unlocked } from './lock/vault.ts';
import type { VaultRecord } from './lock/vaultRecord.ts';
import { IndexedDbVaultStore } from './lock/vaultStore.ts';
import type { Platform } from '../shared/ipc/contract.ts';
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './styles.css';

/** How long the search index waits for a list's first screen before loading anyway. */
const FIND_START_LIMIT_MS = 1_500;

async function start(root: Root): Promise<void> {
  const platform = detectPlatform(__APP_VERSION__);
  const vault = new Vault(new IndexedDbVaultStore());
  const session = new LockSession(vault, platform);
  // A damaged lock record is shown on the lock screen, which still offers the wipe.
  let record: VaultRecord | null = null;
  let problem: string | null = null;
  try {
    record = await vault.record();
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const language = isUiLanguage(record?.language) ? record.language : 'en';
  await initI18n(language);
  const render = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);
  const wipe = async () => {
    await session.wipe();
  };
  const unlocked = (opened: Unlocked) =>
    void openApp(opened, platform, session, render).catch((error: unknown) => showFailure(error));
  render(
    <LockScreen
      vault={vault}
      record={record}
      problem={problem}
      keychain={platform.keychain}
      legacy={await hasLegacyProfile()}
      language={language}
      onUnlocked={unlocked}
      onWipe={wipe}
    />,
  );
}

async function openApp(
  unlocked: Unlocked,
  platform: Platform,
  session: LockSession,
  render: (node: ReactNode) => void,
): Promise<void> {
  // Marks for the benchmarks' breakdown of an unlock (test/bench/listBench.mjs); nothing is sent.
  performance.mark('daftar:unlocked');
  const sealer = new RowSealer(unlocked.rowKey);
  if (await hasLegacyProfile()) {
    await moveLegacyProfile(unlocked.database, sealer, (progress) =>
      render(<MovingProfile progress={progress} />),
    );
  }
  const data = await DaftarData.open({
    name: unlocked.database,
    sealer,
    signer: () => platform.deviceSigner(),
    appVersion: __APP_VERSION__,
  });
  performance.mark('daftar:opened');
  session.opened(data, sealer, unlocked);
  // The search index: built in a worker from the records, in memory only. Its load reads every
  // record, so it starts once the list's first screen is shown (firstScreen.ts).
  void afterFirstScreen(FIND_START_LIMIT_MS).then(() =>
    startFind(
      data,
      new FindClient(
        () => new Worker(new URL('./find/find.worker.ts', import.meta.url), { type: 'module' }),
      ),
    ),
  );
  const stored = await data.getSetting<string>(LANGUAGE_SETTING);
  await loadCalendar(data);
  const language = isUiLanguage(stored) ? stored : unlocked.record.language;
  if (isUiLanguage(language)) await changeLanguage(language);
  // Team sync: reaches the hub only once this profile has joined a team.
  startTeamSync(TeamSyncService.forPlatform(data, platform));
  // Folder sync: touches the folder only once the user chose one.
  startFolderSync(new FolderSyncService(data, platform.syncFolder));
  render(
    <PlatformContext.Provider value={platform}>
      <DataContext.Provider value={data}>
        <LockContext.Provider value={session}>
          <App initialLanguage={isUiLanguage(language) ? language : 'en'} />
        </LockContext.Provider>
      </DataContext.Provider>
    </PlatformContext.Provider>,
  );
}

const element = document.getElementById('root')!;
keepFormsPrivate(element);

function showFailure(error: unknown): void {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `Daftar could not open its local storage: ${error instanceof Error ? error.message : String(error)}. Your data has not been changed. Close other Daftar windows and try again.`;
  element.replaceChildren(message);
}

start(createRoot(element)).catch(showFailure);
