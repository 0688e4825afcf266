/**
 * Runs inside the app's page (bundled by ../legacyProfile.ts): writes a profile as Daftar stored
 * it before the app lock — the same data layer, unsealed, in the database named `daftar` — with a
 * canary in a record, a source and their link. Sets `globalThis.legacyProfileWritten` to the
 * incident's id when done, or to an error message.
 */
import './jitless.ts';
import { emptyIncident } from '../../../../shared/domain/incident.ts';
import { emptySource } from '../../../../shared/domain/source.ts';
import { DaftarData } from '../../../../renderer/data/daftarData.ts';
import { DEFAULT_DATABASE_NAME } from '../../../../renderer/data/database.ts';

declare const LEGACY_CANARY: string;

const done = (result: { id: string } | { error: string }) =>
  Object.assign(globalThis, { legacyProfileWritten: result });

(async () => {
  const data = await DaftarData.open({ name: DEFAULT_DATABASE_NAME, sealer: null });
  try {
    await data.saveProfile({ name: 'Mariam Ahmadi', role: 'researcher' });
    const { id } = await data.create('incident', {
      ...emptyIncident('2023-04-01'),
      title: `Raid on ${LEGACY_CANARY} village`,
      notes: `Witness ${LEGACY_CANARY} said`,
    });
    const source = await data.create('source', {
      ...emptySource('2023-04-02'),
      title: `Report by ${LEGACY_CANARY}`,
    });
    await data.link(id, source.id, ['fatalities'], '');
    done({ id });
  } finally {
    data.close();
  }
})().catch((error: unknown) =>
  done({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
);
