import { describe, expect, it } from 'vitest';
import { validateRecord } from './records.ts';
import { emptySource, isHttpUrl, type SourceFields } from './source.ts';

const HASH = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

const valid: SourceFields = {
  ...emptySource('2023-03-10'),
  kind: 'newsArticle',
  title: 'Taliban governor killed in blast',
  outlet: 'Pajhwok',
  author: 'Staff',
  url: 'https://pajhwok.com/2023/03/09/governor',
  publishedAt: '2023-03-09',
  capturedAt: '2023-03-10',
  language: 'en',
  reliability: 'B',
  credibility: 2,
  excerpt: 'A suicide bomber…',
  attachments: [
    {
      sha256: HASH,
      name: 'page.pdf',
      mediaType: 'application/pdf',
      size: 3,
      addedAt: '2023-03-10T08:00:00.000Z',
    },
  ],
};

describe('source validation', () => {
  it('accepts a complete, valid source unchanged', () => {
    expect(validateRecord('source', valid)).toEqual({ ok: true, value: valid });
  });

  it('accepts an empty source once it has a title', () => {
    expect(validateRecord('source', { ...emptySource('2024-01-01'), title: 'x' }).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url', 'validation.invalidUrl'],
    ['an ftp: URL', { url: 'ftp://example.org/file' }, 'url', 'validation.invalidUrl'],
    ['a file: URL', { url: 'file:///etc/passwd' }, 'url', 'validation.invalidUrl'],
    ['a URL without host', { url: 'http://' }, 'url', 'validation.invalidUrl'],
    ['a URL without slashes', { url: 'https:example.com' }, 'url', 'validation.invalidUrl'],
    ['a bare domain', { url: 'example.com' }, 'url', 'validation.invalidUrl'],
    ['a data: URL', { url: 'data:text/html,<b>x</b>' }, 'url', 'validation.invalidUrl'],
    [
      'a URL over the length limit',
      { url: `https://example.org/${'a'.repeat(2048)}` },
      'url',
      'validation.tooLong',
    ],
    ['reliability G', { reliability: 'G' }, 'reliability', 'validation.invalid'],
    ['lower-case reliability', { reliability: 'a' }, 'reliability', 'validation.invalid'],
    ['credibility 0', { credibility: 0 }, 'credibility', 'validation.invalidChoice'],
    ['credibility 7', { credibility: 7 }, 'credibility', 'validation.invalidChoice'],
    ['credibility 2.5', { credibility: 2.5 }, 'credibility', 'validation.invalidChoice'],
    [
      'capture before publication',
      { publishedAt: '2023-03-09', capturedAt: '2023-03-08' },
      'capturedAt',
      'validation.capturedBeforePublished',
    ],
    [
      'an impossible publication date',
      { publishedAt: '2023-02-30' },
      'publishedAt',
      'validation.invalidDate',
    ],
    ['language "english"', { language: 'english' }, 'language', 'validation.invalidLanguage'],
    ['language "e"', { language: 'e' }, 'language', 'validation.invalidLanguage'],
    ['language "en-"', { language: 'en-' }, 'language', 'validation.invalidLanguage'],
    ['language "en_US"', { language: 'en_US' }, 'language', 'validation.invalidLanguage'],
    ['language "fa-x"', { language: 'fa-x' }, 'language', 'validation.invalidLanguage'],
    ['an empty title', { title: ' ' }, 'title', 'validation.titleRequired'],
    ['an unknown kind', { kind: 'rumour' }, 'kind', 'validation.invalid'],
    [
      'an upper-case attachment hash',
      { attachments: [{ ...valid.attachments[0]!, sha256: HASH.toUpperCase() }] },
      'attachments.0.sha256',
      'validation.invalidHash',
    ],
    [
      'a truncated attachment hash',
      { attachments: [{ ...valid.attachments[0]!, sha256: HASH.slice(1) }] },
      'attachments.0.sha256',
      'validation.invalidHash',
    ],
  ])('refuses %s', (_name, patch, field, message) => {
    expect(validateRecord('source', { ...valid, ...patch })).toEqual({
      ok: false,
      issues: [{ field, message }],
    });
  });

  it.each<[string, Partial<SourceFields>]>([
    ['no URL', { url: '' }],
    ['an http URL', { url: 'http://example.org' }],
    ['a URL with query and fragment', { url: 'https://x.org/a?b=c#d' }],
    ['an IDN URL', { url: 'https://خبر.af/1' }],
    ['every reliability grade', { reliability: 'F' }],
    ['no grades', { reliability: null, credibility: null }],
    ['credibility 1', { credibility: 1 }],
    ['credibility 6', { credibility: 6 }],
    ['capture on the publication day', { publishedAt: '2023-03-09', capturedAt: '2023-03-09' }],
    ['no publication date', { publishedAt: null, capturedAt: '2001-01-01' }],
    ['no capture date', { publishedAt: '2023-03-09', capturedAt: null }],
    ['no language', { language: '' }],
    ['language fa', { language: 'fa' }],
    ['language en-GB', { language: 'en-GB' }],
    ['language zh-Hant-TW', { language: 'zh-Hant-TW' }],
    ['a three-letter language', { language: 'prs' }],
  ])('accepts %s', (_name, patch) => {
    expect(validateRecord('source', { ...valid, ...patch }).ok).toBe(true);
  });

  it('stores the URL trimmed', () => {
    const result = validateRecord('source', { ...valid, url: '  https://example.org/a  ' });
    expect(result.ok && result.value.url).toBe('https://example.org/a');
  });
});

describe('isHttpUrl', () => {
  it.each([
    ['https://example.org', true],
    ['http://example.org/path?q=1', true],
    ['HTTPS://EXAMPLE.ORG', true],
    ['http://192.168.0.1:8080/', true],
    ['javascript:alert(1)', false],
    ['ftp://example.org', false],
    ['mailto:a@b.org', false],
    ['http://', false],
    ['https:example.org', false],
    ['//example.org', false],
    ['', false],
    ['not a url', false],
  ])('%j → %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });
});
