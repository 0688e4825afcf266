/**
 * A bundle is checkable without Daftar: docs/verify-bundle.sh (unzip -t, sha256sum, openssl
 * pkeyutl -verify, as docs/bundle-format.md describes) accepts an exported bundle, prints the
 * fingerprint the app shows, and rejects one whose manifest was altered.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { openReplica } from '../helpers/replica.ts';

const script = path.resolve(import.meta.dirname, '../../docs/verify-bundle.sh');
const tools = ['unzip', 'jq', 'sha256sum', 'openssl', 'base64'];
const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing.length > 0) {
  console.log(`bundleStandardTools.test.ts skipped: ${missing.join(', ')} not installed`);
}

describe.skipIf(missing.length > 0)('checking a bundle with standard tools', () => {
  it('accepts an exported bundle and shows the same fingerprint as the app', async () => {
    const a = await openReplica('tools', 'Mariam Ahmadi');
    const { id } = await a.data.create('incident', {
      ...emptyIncident('2024-12-31'),
      title: 'حمله',
    });
    const { id: src } = await a.data.create('source', { ...emptySource('2024-12-30'), title: 'R' });
    await a.data.link(id, src, []);
    await a.data.addAttachment(src, {
      name: 'x.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array([37, 80, 68, 70]),
    });
    const { bytes } = await a.data.exchange.exportBundle({ kind: 'all' });
    const fingerprint = await a.data.exchange.ownFingerprint();
    a.data.close();

    const dir = mkdtempSync(path.join(os.tmpdir(), 'daftar-tools-'));
    try {
      const file = path.join(dir, 'bundle.daftar');
      writeFileSync(file, bytes);
      const out = execFileSync('sh', [script, file], { encoding: 'utf8' });
      expect(out).toContain(`fingerprint ${fingerprint}`);
      expect(out).toContain('Mariam Ahmadi');

      // the same bundle with one byte of the (stored) signature changed is refused by openssl
      const tampered = bytes.slice();
      const sig =
        Buffer.from(tampered).indexOf(Buffer.from('manifest.sig')) + 'manifest.sig'.length;
      tampered[sig + 5] = tampered[sig + 5]! ^ 0xff;
      writeFileSync(file, tampered);
      const result = spawnSync('sh', [script, file], { encoding: 'utf8' });
      expect(result.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
