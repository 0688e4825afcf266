/** The map as the end-to-end tests see it: the view, its status, and the maplibre map itself. */
import { expect, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';

export async function openMap(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Map' })).toBeVisible();
  await expectMapReady(page);
}

export async function expectMapReady(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^Map ready\./ })).toBeVisible({
    timeout: 60_000,
  });
}

export function mapRegion(page: Page, name = 'Interactive map'): Locator {
  return page.getByRole('region', { name });
}

/**
 * Runs `fn` with the page's maplibre map (the map's container carries it, for tests and
 * debugging) and returns its JSON-able answer.
 */
export function withMap<T>(
  page: Page,
  fn: string,
  arg?: unknown,
  name = 'Interactive map',
): Promise<T> {
  return mapRegion(page, name).evaluate(
    (element, [body, value]) => {
      const map = (element as unknown as { maplibre: unknown }).maplibre;
      return new Function('map', 'arg', body)(map, value) as T;
    },
    [fn, arg] as const,
  );
}

/** Waits until the map has drawn everything it asked for. */
export async function settle(page: Page, name?: string): Promise<void> {
  await expect
    .poll(() => withMap<boolean>(page, 'return map.loaded() && map.areTilesLoaded();', null, name))
    .toBe(true);
}

/** How many different colours a screenshot has: a blank or failed map has one or two. */
export function distinctColours(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  }
  return colours.size;
}

/** The share of a screenshot's pixels that have exactly this colour. */
export function colourShare(png: Buffer, [r, g, b]: number[]): number {
  const { data } = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
  }
  return n / (data.length / 4);
}

/** The world basemap's land colour (worldStyle.ts). */
export const LAND = [0xee, 0xea, 0xe2];
