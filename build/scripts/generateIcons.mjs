// Rasterises the icon sources in build/icons/*.svg with headless Chromium and writes every icon
// file electron-builder uses, so packaging never has to convert icons (its converter is a
// download) and every platform shows the same pixels:
//   build/icons/<n>x<n>.png  Linux icon set (AppImage, deb)
//   build/icon.png           1024 px master, the fallback electron-builder looks for
//   build/icon.ico, .icns    Windows and macOS application icons
//   build/daftar.ico, .icns  the `.daftar` document icon (Explorer, Finder)
// Run after editing an SVG: npm run icons — and commit the outputs.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
import { repoRoot } from './ensureInstalled.mjs';

const buildDir = path.join(repoRoot, 'build');
const iconsDir = path.join(buildDir, 'icons');

/** Sizes up to this use the simplified drawing: the full one's details blur at 16–32 px. */
const SMALL_MAX = 32;
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const DOCUMENT_ICO_SIZES = [16, 32, 48, 256];
/**
 * ICNS element types holding PNG data, with their pixel sizes; ic11–ic14 are the Retina
 * (double-density) slots and repeat a size already present.
 * @type {Array<[string, number]>}
 */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

const sources = {
  app: await readFile(path.join(iconsDir, 'icon.svg'), 'utf8'),
  small: await readFile(path.join(iconsDir, 'icon-small.svg'), 'utf8'),
  document: await readFile(path.join(iconsDir, 'document.svg'), 'utf8'),
};

const profile = await mkdtemp(path.join(tmpdir(), 'daftar-icons-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath(),
  args: CHROMIUM_ARGS,
  deviceScaleFactor: 1,
});
try {
  const page = await context.newPage();
  /** @type {Map<string, Buffer>} */
  const cache = new Map();
  /** @param {'app' | 'document'} icon @param {number} size */
  const render = async (icon, size) => {
    const key = `${icon}@${size}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const svg = icon === 'app' && size <= SMALL_MAX ? sources.small : sources[icon];
    const png = recompress(await rasterise(page, svg, size));
    cache.set(key, png);
    return png;
  };

  for (const size of LINUX_SIZES) {
    await writeFile(path.join(iconsDir, `${size}x${size}.png`), await render('app', size));
  }
  await writeFile(path.join(buildDir, 'icon.png'), await render('app', 1024));
  await writeFile(path.join(buildDir, 'icon.ico'), ico(await each(ICO_SIZES, 'app')));
  await writeFile(path.join(buildDir, 'icon.icns'), icns(await eachIcns('app')));
  await writeFile(
    path.join(buildDir, 'daftar.ico'),
    ico(await each(DOCUMENT_ICO_SIZES, 'document')),
  );
  await writeFile(path.join(buildDir, 'daftar.icns'), icns(await eachIcns('document')));
  console.log('Wrote build/icons/*.png, build/icon.{png,ico,icns}, build/daftar.{ico,icns}');

  /** @param {number[]} sizes @param {'app' | 'document'} icon */
  async function each(sizes, icon) {
    /** @type {Array<{ size: number, png: Buffer }>} */
    const out = [];
    for (const size of sizes) out.push({ size, png: await render(icon, size) });
    return out;
  }
  /** @param {'app' | 'document'} icon */
  async function eachIcns(icon) {
    /** @type {Array<{ type: string, png: Buffer }>} */
    const out = [];
    for (const [type, size] of ICNS_TYPES) out.push({ type, png: await render(icon, size) });
    return out;
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}

/**
 * The SVG drawn at exactly `size` CSS pixels on a transparent page, so Chromium's own vector
 * rasteriser (with anti-aliasing) does the scaling rather than a bitmap resample.
 * @param {import('playwright-core').Page} page @param {string} svg @param {number} size
 */
async function rasterise(page, svg, size) {
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent">` +
      `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('img').evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** Chromium's screenshots favour speed; the committed files favour size. @param {Buffer} png */
function recompress(png) {
  const image = PNG.sync.read(png);
  return PNG.sync.write(image, { deflateLevel: 9, filterType: -1 });
}

/**
 * A Windows icon whose images are stored as PNG (supported since Windows Vista): a 6-byte
 * header, one 16-byte directory entry per image, then the images.
 * @param {Array<{ size: number, png: Buffer }>} images
 */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    // A width or height of 0 means 256 pixels.
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/**
 * An Apple icon file: the magic `icns` and the total length, then typed elements, each its
 * 4-byte type, its length including that 8-byte header, and (here) PNG data.
 * @param {Array<{ type: string, png: Buffer }>} elements
 */
function icns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const total = 8 + parts.reduce((sum, part) => sum + part.length, 0);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(total, 4);
  return Buffer.concat([head, ...parts]);
}
