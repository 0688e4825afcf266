import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { HOSTILE_URLS, hostileUrl, safeHttpsUrl } from '../../test/helpers/hostileUrls.ts';
import { browserSafeUrl, createExternalOpener } from './externalLinks.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`externalLinks.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);

describe('browserSafeUrl', () => {
  it.each([
    ['https://example.org', 'https://example.org/'],
    ['HTTPS://ACLEDDATA.COM/data-export-tool/', 'https://acleddata.com/data-export-tool/'],
    [
      'https://tolonews.com/afghanistan-190000?x=1#top',
      'https://tolonews.com/afghanistan-190000?x=1#top',
    ],
    ['https://خبر.af/1', 'https://xn--ngblk.af/1'],
    ['https://وزارت.افغانستان/', 'https://xn--mgbguc3i.xn--mgbaal8b0b9b2bd/'],
    ['https://news.example.org:8443/a', 'https://news.example.org:8443/a'],
  ])('lets %j through as %j', (text, opened) => {
    expect(browserSafeUrl(text)).toBe(opened);
  });

  it.each(HOSTILE_URLS.map((url) => [url]))('refuses %j', (url) => {
    expect(browserSafeUrl(url)).toBeNull();
  });
});

describe('createExternalOpener', () => {
  it('hands the system browser the URL as parsed, once', async () => {
    const shell = vi.fn(async () => undefined);
    await createExternalOpener(shell)('HTTPS://Example.ORG/report');
    expect(shell).toHaveBeenCalledExactlyOnceWith('https://example.org/report');
  });

  it('never lets a hostile link reach the shell', async () => {
    const shell = vi.fn(async () => undefined);
    const open = createExternalOpener(shell);
    await fc.assert(
      fc.asyncProperty(hostileUrl, async (url) => {
        await expect(open(url)).rejects.toThrow(/Only https links/);
      }),
      { seed, numRuns: 2_000 },
    );
    expect(shell).not.toHaveBeenCalled();
  });

  it('opens every ordinary https link', async () => {
    await fc.assert(
      fc.asyncProperty(safeHttpsUrl, async (url) => {
        const shell = vi.fn(async () => undefined);
        await createExternalOpener(shell)(url);
        expect(shell).toHaveBeenCalledExactlyOnceWith(new URL(url).href);
      }),
      { seed, numRuns: 300 },
    );
  });
});
