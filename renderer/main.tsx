/**
 * Renderer entry: open the local database, pick the host platform and language, start the
 * long-lived services (the find worker, team sync once a team is joined, folder sync once a
 * folder is chosen), render the app.
 * A failure to open storage is shown plainly rather than leaving a blank window.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, LANGUAGE_SETTING } from './app/App.tsx';
import { DataContext, PlatformContext } from './app/appContext.ts';
import { DaftarData } from './data/daftarData.ts';
import { FindClient } from './find/findClient.ts';
import { startFind } from './find/findState.ts';
import { initI18n, isUiLanguage } from './i18n/i18n.ts';
import { loadCalendar } from './i18n/calendar.ts';
import { detectPlatform } from './platform/platform.ts';
import { FolderSyncService, startFolderSync } from './features/folderSync/folderSyncService.ts';
import { startTeamSync, TeamSyncService } from './features/teamSync/teamSyncService.ts';
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './styles.css';

async function start(root: HTMLElement): Promise<void> {
  const platform = detectPlatform(__APP_VERSION__);
  const data = await DaftarData.open({
    signer: () => platform.deviceSigner(),
    appVersion: __APP_VERSION__,
  });
  // The search index: built in a worker from the records, in memory only.
  startFind(
    data,
    new FindClient(
      () => new Worker(new URL('./find/find.worker.ts', import.meta.url), { type: 'module' }),
    ),
  );
  const stored = await data.getSetting<string>(LANGUAGE_SETTING);
  await loadCalendar(data);
  const language = isUiLanguage(stored) ? stored : 'en';
  await initI18n(language);
  // Team sync: reaches the hub only once this profile has joined a team.
  startTeamSync(TeamSyncService.forPlatform(data, platform));
  // Folder sync: touches the folder only once the user chose one.
  startFolderSync(new FolderSyncService(data, platform.syncFolder));
  createRoot(root).render(
    <StrictMode>
      <PlatformContext.Provider value={platform}>
        <DataContext.Provider value={data}>
          <App initialLanguage={language} />
        </DataContext.Provider>
      </PlatformContext.Provider>
    </StrictMode>,
  );
}

const root = document.getElementById('root')!;
start(root).catch((error: unknown) => {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `Daftar could not open its local storage: ${error instanceof Error ? error.message : String(error)}. Your data has not been changed. Close other Daftar windows and try again.`;
  root.replaceChildren(message);
});
