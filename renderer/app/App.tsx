/**
 * The application shell: navigation (with the live count of conflicts), the "New incident" /
 * "New source" / "Undo" actions, the current view, announcements for screen readers,
 * native-menu commands from the host, and the doors bundles come in by — a file dropped on the
 * window or opened from the system — into the one import flow.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuCommand, UiLanguage } from '../../shared/ipc/contract.ts';
import { ConflictsView } from '../features/conflicts/ConflictsView.tsx';
import { DossierView } from '../features/dossier/DossierView.tsx';
import { ReviewView } from '../features/review/ReviewView.tsx';
import { DuplicatesView } from '../features/duplicates/DuplicatesView.tsx';
import { SearchView } from '../features/find/SearchView.tsx';
import { InterchangeView } from '../features/interchange/InterchangeView.tsx';
import { DropOverlay } from '../features/exchange/DropOverlay.tsx';
import { ExchangeView } from '../features/exchange/ExchangeView.tsx';
import { ImportFlow } from '../features/exchange/ImportFlow.tsx';
import { useBundleDrop } from '../features/exchange/useBundleDrop.ts';
import { IncidentEditor } from '../features/incidents/IncidentEditor.tsx';
import { IncidentList } from '../features/incidents/IncidentList.tsx';
import { useUndo } from '../features/editing/useUndo.ts';
import { useLoadSampleData } from '../features/sample/useLoadSampleData.ts';
import { FirstRunDialog } from '../features/settings/FirstRunDialog.tsx';
import { SettingsView } from '../features/settings/SettingsView.tsx';
import { SourceEditor } from '../features/sources/SourceEditor.tsx';
import { SourceList } from '../features/sources/SourceList.tsx';
import { FolderIndicator } from '../features/folderSync/FolderIndicator.tsx';
import { SyncIndicator } from '../features/teamSync/SyncIndicator.tsx';
import { TeamView } from '../features/teamSync/TeamView.tsx';
import { changeLanguage } from '../i18n/i18n.ts';
import { routeHash, type Route } from '../state/route.ts';
import { useUi } from '../state/uiStore.ts';
import { VocabularyView } from '../features/vocabulary/VocabularyView.tsx';
import { LockControls } from '../lock/LockControls.tsx';
import { useLock } from '../lock/lockSession.ts';
import { useData, useLive, usePlatform } from './appContext.ts';
import { Announcements } from './Announcements.tsx';

// maplibre (~1 MB) loads with the map view, not with the app.
const MapView = lazy(() => import('../map/MapView.tsx').then((m) => ({ default: m.MapView })));

export const LANGUAGE_SETTING = 'language';

export function App({ initialLanguage }: { initialLanguage: UiLanguage }) {
  const { t } = useTranslation();
  const data = useData();
  const platform = usePlatform();
  const lock = useLock();
  const route = useUi((s) => s.route);
  const session = useUi((s) => s.editorSession);
  const navigate = useUi((s) => s.navigate);
  const [language, setLanguage] = useState(initialLanguage);
  const [hasProfile, setHasProfile] = useState(data.profile !== null);
  const { undo, canUndo, nextLabel } = useUndo();
  const loadSample = useLoadSampleData();
  const conflictCount = useLive((d) => d.exchange.conflictCount(), []) ?? 0;
  const review = useLive((d) => d.review.counts(), []);
  const reviewCount = review ? review.toReview + review.openOnMine : 0;
  const incomingBundle = useUi((s) => s.incomingBundle);
  const dragging = useBundleDrop(hasProfile);
  const openTeam = useCallback(() => navigate({ view: 'team' }), [navigate]);

  const selectLanguage = useCallback(
    async (next: UiLanguage) => {
      // Stored first: once the interface has switched, a reload or crash keeps the choice.
      await data.setSetting(LANGUAGE_SETTING, next);
      await lock.setLanguage(next);
      await changeLanguage(next);
      setLanguage(next);
      await platform.setLanguage(next);
    },
    [data, platform, lock],
  );

  useEffect(() => {
    const sync = () => useUi.getState().syncRouteFromLocation();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);

  useEffect(() => {
    void platform.setLanguage(initialLanguage);
  }, [platform, initialLanguage]);

  // A `.daftar` file double-clicked or opened with Daftar (Electron); never in the web build.
  useEffect(
    () => platform.onOpenBundle((file) => useUi.getState().receiveBundle(file)),
    [platform],
  );

  useEffect(() => {
    const run = (command: MenuCommand) => {
      switch (command) {
        case 'newIncident':
          return navigate({ view: 'incident', id: null });
        case 'newSource':
          return navigate({ view: 'source', id: null });
        case 'showIncidents':
          return navigate({ view: 'incidents' });
        case 'showSources':
          return navigate({ view: 'sources' });
        case 'showSettings':
          return navigate({ view: 'settings' });
        case 'undo':
          return void undo();
        case 'loadSampleData':
          return void loadSample();
        case 'showExchange':
        case 'importBundle': // Electron shows its own file chooser; elsewhere, the Import button
          return navigate({ view: 'exchange' });
        case 'showConflicts':
          return navigate({ view: 'conflicts' });
      }
    };
    return platform.onMenuCommand(run);
  }, [platform, navigate, undo, loadSample]);

  // Ctrl/Cmd+Z outside a text field undoes the last saved change; inside one, the field's own undo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey)
        return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      void undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const navLink = (target: Route, label: string, active: boolean) => (
    <a
      href={routeHash(target)}
      aria-current={active ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        navigate(target);
      }}
    >
      {label}
    </a>
  );

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand" lang="fa" aria-label="Daftar">
          Daftar · دفتر
        </span>
        <nav aria-label={t('nav.main')}>
          {navLink(
            { view: 'incidents' },
            t('nav.incidents'),
            route.view === 'incidents' || route.view === 'incident' || route.view === 'dossier',
          )}
          {navLink(
            { view: 'sources' },
            t('nav.sources'),
            route.view === 'sources' || route.view === 'source',
          )}
          {navLink({ view: 'map' }, t('nav.map'), route.view === 'map')}
          {navLink({ view: 'duplicates' }, t('nav.duplicates'), route.view === 'duplicates')}
          {navLink({ view: 'vocabulary' }, t('nav.vocabulary'), route.view === 'vocabulary')}
          {navLink({ view: 'exchange' }, t('nav.exchange'), route.view === 'exchange')}
          {navLink({ view: 'interchange' }, t('nav.interchange'), route.view === 'interchange')}
          {navLink(
            { view: 'review' },
            reviewCount > 0 ? t('nav.reviewCount', { count: reviewCount }) : t('nav.review'),
            route.view === 'review',
          )}
          {navLink(
            { view: 'conflicts' },
            conflictCount > 0
              ? t('nav.conflictsCount', { count: conflictCount })
              : t('nav.conflicts'),
            route.view === 'conflicts',
          )}
          {navLink({ view: 'team' }, t('teamSyncUi.navLink'), route.view === 'team')}
          {navLink({ view: 'settings' }, t('nav.settings'), route.view === 'settings')}
        </nav>
        <div className="actions">
          <button type="button" onClick={() => navigate({ view: 'incident', id: null })}>
            {t('actions.newIncident')}
          </button>
          <button type="button" onClick={() => navigate({ view: 'source', id: null })}>
            {t('actions.newSource')}
          </button>
          <button
            type="button"
            disabled={!canUndo}
            title={nextLabel ? t('undo.next', { action: nextLabel }) : undefined}
            onClick={() => void undo()}
          >
            {t('actions.undo')}
          </button>
          <LockControls />
          <label className="language">
            <span className="visually-hidden">{t('settings.languageLabel')}</span>
            <select
              value={language}
              onChange={(e) => void selectLanguage(e.target.value as UiLanguage)}
            >
              <option value="en">{t('language.en')}</option>
              <option value="fa-AF">{t('language.fa-AF')}</option>
            </select>
          </label>
        </div>
      </header>
      <main>
        {route.view === 'incidents' ? <IncidentList /> : null}
        {route.view === 'incident' ? <IncidentEditor key={session} id={route.id} /> : null}
        {route.view === 'dossier' ? <DossierView key={route.id} id={route.id} /> : null}
        {route.view === 'sources' ? <SourceList /> : null}
        {route.view === 'source' ? <SourceEditor key={session} id={route.id} /> : null}
        {route.view === 'vocabulary' ? <VocabularyView /> : null}
        {route.view === 'exchange' ? <ExchangeView /> : null}
        {route.view === 'conflicts' ? <ConflictsView /> : null}
        {route.view === 'review' ? <ReviewView /> : null}
        {route.view === 'duplicates' ? <DuplicatesView /> : null}
        {route.view === 'search' ? <SearchView /> : null}
        {route.view === 'interchange' ? <InterchangeView /> : null}
        {route.view === 'team' ? <TeamView /> : null}
        {route.view === 'map' ? (
          <Suspense fallback={<p role="status">{t('map.loading')}</p>}>
            <MapView key={language} />
          </Suspense>
        ) : null}
        {route.view === 'settings' ? (
          <SettingsView language={language} onLanguage={(l) => void selectLanguage(l)} />
        ) : null}
      </main>
      {hasProfile ? <SyncIndicator onOpen={openTeam} /> : null}
      {hasProfile ? <FolderIndicator onOpen={openTeam} /> : null}
      <Announcements onUndo={() => void undo()} />
      {dragging ? <DropOverlay /> : null}
      {incomingBundle && hasProfile ? (
        <ImportFlow key={incomingBundle.id} file={incomingBundle} />
      ) : null}
      {hasProfile ? null : (
        <FirstRunDialog
          deviceId={data.deviceId}
          onDone={async (profile) => {
            await data.saveProfile(profile);
            setHasProfile(true);
          }}
        />
      )}
    </div>
  );
}
