/**
 * The invite a team lead hands a new member out of band (read aloud, a QR code, a message):
 *
 *   daftar-invite:1:<base64url of UTF-8 JSON>
 *
 * The JSON holds the hub's URL, the team's id and name, the hub's one-time invite code, and the
 * team key wrapped with a passphrase (PBKDF2-SHA256, 600,000 iterations, random 16-byte salt,
 * AES-256-GCM, with the hub URL, team id and name and invite code as authenticated data, so an
 * invite pointed at another hub does not open). The passphrase travels another way (spoken),
 * so the invite text alone — leaked, photographed — gives a way to join the hub while the code
 * is unused, but never the key: nothing on the hub can be read with it. The key never passes
 * through the hub at all. (Version 1 bound only the team id until it was widened in place,
 * before any release.)
 *
 * Parsing is strict: every field checked for type, size and shape, unknown fields refused, the
 * hub URL https (http only to this machine, for a hub on a laptop), so a text that parses is safe
 * to show and to use.
 */
import type { PassphraseOptions } from '../bundle/crypto.ts';
import { isBundleError } from '../bundle/bundleError.ts';
import { TEAM_KEY_BYTES, generateTeamKey } from './teamCipher.ts';
import { TeamSyncError } from './teamSyncError.ts';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './webCrypto.ts';
import {
  readWrappedKey,
  unwrapKey,
  wrapKey,
  type WrapOptions,
  type WrappedKey,
} from './wrappedKey.ts';

export { generateTeamKey };

/** The WHATWG URL parser (in Chromium, Electron and Node), as much of it as is read here. */
declare const URL: new (text: string) => {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  origin: string;
  pathname: string;
  search: string;
  hash: string;
};

export const INVITE_PREFIX = 'daftar-invite:';
export const INVITE_VERSION = 1;
/** Long enough for any real invite, short enough for a QR code and to refuse junk quickly. */
export const MAX_INVITE_CHARS = 2_000;
const MAX_URL_CHARS = 500;
const MAX_TEAM_NAME_CHARS = 200;
const TEAM_ID = /^[A-Za-z0-9_-]{22}$/;
const INVITE_CODE = /^[A-Za-z0-9_-]{16,128}$/;

export interface Invite {
  /** The hub's base URL, e.g. `https://hub.example.org`. */
  hubUrl: string;
  team: { id: string; name: string };
  /** The hub's invite code, for `POST /v1/join`. */
  code: string;
  /** The team key, wrapped with the passphrase. */
  wrappedKey: WrappedKey;
}

export interface CreateInviteInput {
  hubUrl: string;
  team: { id: string; name: string };
  code: string;
  teamKey: Uint8Array;
  passphrase: string;
}

export type InviteOptions = WrapOptions;

const invalid = (field: string, why: string) =>
  new TeamSyncError('invalidInvite', `The invite's ${field} ${why}.`, { field });

/**
 * The authenticated data of the wrapped key: everything else the invite says (hub address as
 * `checkHubUrl` gives it, team id and name, invite code), so an invite whose hub, team or code
 * was changed after it was made — pointed at another hub, say — does not open. JSON of an array
 * keeps the fields apart whatever characters they hold.
 */
const keyAad = (hubUrl: string, team: { id: string; name: string }, code: string) =>
  utf8(JSON.stringify(['daftar-invite', INVITE_VERSION, hubUrl, team.id, team.name, code]));

/** The invite text for a new member. */
export async function createInvite(
  input: CreateInviteInput,
  options: InviteOptions = {},
): Promise<string> {
  if (!(input.teamKey instanceof Uint8Array) || input.teamKey.length !== TEAM_KEY_BYTES) {
    throw new TeamSyncError('invalidTeamKey', 'A team key is 32 bytes.');
  }
  if (input.passphrase === '') {
    throw new TeamSyncError('passphraseRequired', 'An invite needs a passphrase.');
  }
  checkFields(input.hubUrl, input.team, input.code);
  const key = await wrapKey(
    input.teamKey,
    input.passphrase,
    keyAad(checkHubUrl(input.hubUrl), input.team, input.code),
    options,
  );
  const payload = {
    hub: input.hubUrl,
    team: { id: input.team.id, name: input.team.name },
    code: input.code,
    key,
  };
  const text = `${INVITE_PREFIX}${INVITE_VERSION}:${toBase64Url(utf8(JSON.stringify(payload)))}`;
  if (text.length > MAX_INVITE_CHARS) throw invalid('team name', 'is too long');
  return text;
}

/** A hub URL a device may talk to: https anywhere, http to this machine only. */
export function checkHubUrl(text: string): string {
  if (typeof text !== 'string' || text.length > MAX_URL_CHARS)
    throw invalid('hub address', 'is too long');
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(text);
  } catch {
    throw invalid('hub address', 'is not a web address');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw invalid('hub address', 'must not carry a user name, password, query or fragment');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TeamSyncError(
      'insecureHubUrl',
      `The hub address must start with https:// (http:// only for this computer): ${text}`,
      { url: text },
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function checkFields(hubUrl: string, team: Record<string, unknown>, code: unknown): void {
  checkHubUrl(hubUrl);
  if (typeof team.id !== 'string' || !TEAM_ID.test(team.id))
    throw invalid('team id', 'is malformed');
  if (
    typeof team.name !== 'string' ||
    team.name.trim() === '' ||
    team.name.length > MAX_TEAM_NAME_CHARS
  ) {
    throw invalid('team name', `must be 1 to ${MAX_TEAM_NAME_CHARS} characters`);
  }
  if (typeof code !== 'string' || !INVITE_CODE.test(code)) throw invalid('code', 'is malformed');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function exactKeys(
  value: unknown,
  keys: readonly string[],
  field: string,
): Record<string, unknown> {
  if (!isObject(value)) throw invalid(field, 'is missing');
  const found = Object.keys(value).sort();
  if (found.join() !== [...keys].sort().join()) throw invalid(field, 'has unexpected fields');
  return value;
}

/** Read an invite text (blanks around it ignored); anything malformed throws a TeamSyncError. */
export function parseInvite(text: string): Invite {
  if (typeof text !== 'string' || text.length > MAX_INVITE_CHARS + 100) {
    throw new TeamSyncError('notAnInvite', 'This text is not a Daftar invite.');
  }
  const trimmed = text.trim();
  if (!trimmed.startsWith(INVITE_PREFIX)) {
    throw new TeamSyncError('notAnInvite', 'This text is not a Daftar invite.');
  }
  const match = /^(\d{1,4}):([A-Za-z0-9_-]+)$/.exec(trimmed.slice(INVITE_PREFIX.length));
  if (!match) throw new TeamSyncError('notAnInvite', 'This text is not a Daftar invite.');
  const version = Number(match[1]);
  if (version !== INVITE_VERSION) {
    throw new TeamSyncError(
      'unsupportedInvite',
      `The invite has version ${version}; this app reads version ${INVITE_VERSION}. Update the app.`,
      { version },
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(fromUtf8(fromBase64Url(match[2]!)));
  } catch {
    throw new TeamSyncError(
      'notAnInvite',
      'The invite text is damaged: check it was copied whole.',
    );
  }
  const top = exactKeys(payload, ['hub', 'team', 'code', 'key'], 'content');
  const team = exactKeys(top.team, ['id', 'name'], 'team');
  if (typeof top.hub !== 'string') throw invalid('hub address', 'is missing');
  checkFields(top.hub, team, top.code);
  return {
    hubUrl: checkHubUrl(top.hub),
    team: { id: team.id as string, name: team.name as string },
    code: top.code as string,
    wrappedKey: readWrappedKey(top.key, invalid),
  };
}

/**
 * The team key inside a parsed invite. A wrong passphrase (or an invite altered after it was
 * made: another hub, team or code) gives `wrongInvitePassphrase`; fewer than 600,000 iterations are refused unless a test
 * says `testOnlyAllowWeakKdf`.
 */
export async function unwrapTeamKey(
  invite: Invite,
  passphrase: string,
  options: PassphraseOptions = {},
): Promise<Uint8Array> {
  if (passphrase === '') {
    throw new TeamSyncError('passphraseRequired', 'Type the passphrase the team lead gave you.');
  }
  try {
    return await unwrapKey(
      invite.wrappedKey,
      passphrase,
      keyAad(invite.hubUrl, invite.team, invite.code),
      options,
    );
  } catch (error) {
    if (isBundleError(error) && error.code === 'wrongPassphrase') {
      throw new TeamSyncError(
        'wrongInvitePassphrase',
        'The passphrase does not open this invite’s team key, or the invite was changed after it was made. Check both with the team lead.',
      );
    }
    if (isBundleError(error)) {
      throw new TeamSyncError(
        'invalidInvite',
        `The invite's key cannot be used: ${error.message}`,
        {
          field: 'key',
        },
      );
    }
    throw error;
  }
}
