// What the hub keeps and logs. A client that forgot to encrypt would upload readable bytes; the
// hub cannot tell and stores them as a blob — but its own metadata (the SQLite file) must hold
// nothing beyond the contract's fields, and its logs no token, invite code or body.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestHub, sha256, tempDir } from '../test/hubHarness.ts';

const CANARY = 'CANARY-witness-name-Zarghuna-91b2';

async function sqliteBytes(dataDir: string): Promise<string> {
  const names = (await readdir(dataDir)).filter((name) => name.startsWith('hub.sqlite'));
  const parts = await Promise.all(names.map((name) => readFile(join(dataDir, name))));
  return Buffer.concat(parts).toString('latin1');
}

describe('what the hub keeps and logs', () => {
  it('stores bundle bytes only as blobs, keeps only contract metadata, and logs no secret', async () => {
    const lines: string[] = [];
    const folder = await tempDir();
    const t = await openTestHub({
      dataDir: folder.path,
      logger: { level: 'trace', stream: { write: (line) => lines.push(line) } },
    });
    const created = await t.admin('POST', '/v1/admin/teams', {
      name: 'Mazar team',
      notes: `${CANARY}-team-extra`,
    });
    const teamId = (created.json() as { team: { id: string } }).team.id;
    const invite = await t.admin('POST', `/v1/admin/teams/${teamId}/invites`, {
      maxUses: 1,
      label: `${CANARY}-invite`,
    });
    const code = (invite.json() as { invite: { code: string } }).invite.code;
    const joined = await t.member(
      '',
      'POST',
      '/v1/join',
      { code, name: 'Member Gulalai', device: `${CANARY}-device` },
      {
        authorization: '',
        'user-agent': `${CANARY}-agent`,
      },
    );
    expect(joined.statusCode).toBe(201);
    const token = (joined.json() as { token: string }).token;

    const plaintext = Buffer.from(`{"incident":"${CANARY}","place":"checkpoint"}`.repeat(50));
    const started = await t.member(token, 'POST', `/v1/teams/${teamId}/uploads`, {
      size: plaintext.length,
      sha256: sha256(plaintext),
      filename: `${CANARY}.daftar`,
    });
    expect(started.statusCode).toBe(201);
    const uploadId = (started.json() as { upload: { id: string } }).upload.id;
    const url = `/v1/teams/${teamId}/uploads/${uploadId}`;
    await t.member(token, 'PATCH', url, plaintext, { 'upload-offset': '0', 'x-note': CANARY });
    expect((await t.member(token, 'POST', `${url}/complete`)).statusCode).toBe(201);
    // Errors are logged too: none of them may carry the body or the token.
    await t.member(token, 'POST', `/v1/teams/${teamId}/uploads`, { size: -1, sha256: CANARY });
    await t.member('dft_' + CANARY, 'GET', `/v1/teams/${teamId}`);
    await t.hub.close();

    const metadata = await sqliteBytes(t.dataDir);
    expect(metadata).toContain('Member Gulalai');
    expect(metadata).toContain('Mazar team');
    expect(metadata).not.toContain(CANARY);
    for (const secret of [token, t.adminToken, code]) expect(metadata).not.toContain(secret);

    const blob = await readFile(join(t.dataDir, 'blobs', teamId, sha256(plaintext)));
    expect(blob.equals(plaintext)).toBe(true);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('/v1/join');
    expect(log).not.toContain(CANARY);
    for (const secret of [token, t.adminToken, code, 'authorization', 'Bearer'])
      expect(log).not.toContain(secret);
    await folder.remove();
  });
});
