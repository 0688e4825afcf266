import { describe, expect, it } from 'vitest';
import { cspHeader, cspMeta } from './csp.ts';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('content security policy', () => {
  it('lets Electron’s page connect only to the app itself (main makes the hub’s requests)', () => {
    expect(directive(cspHeader(), 'connect-src')).toEqual(["'self'", 'blob:', 'data:']);
  });

  it('lets the web build’s page connect to an https hub or one on this machine, nothing else', () => {
    expect(directive(cspMeta(), 'connect-src')).toEqual([
      "'self'",
      'blob:',
      'data:',
      'https:',
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
    // Everything else is the same policy, minus what a meta tag cannot carry.
    const others = (policy: string) =>
      policy.split('; ').filter((d) => !d.startsWith('connect-src') && !d.startsWith('frame-'));
    expect(others(cspMeta())).toEqual(others(cspHeader()));
  });

  it('never allows inline or evaluated script, or remote script', () => {
    for (const policy of [cspHeader(), cspMeta()]) {
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    }
  });
});
