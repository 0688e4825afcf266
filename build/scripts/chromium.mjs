// Debian's Chromium as the tests, benchmarks and screenshots launch it (TOOLCHAIN.md): no
// background traffic, no first-run work, WebGL in software (SwiftShader) for maplibre.
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Path of the Chromium binary (CHROMIUM_PATH, default /usr/bin/chromium); throws if absent. */
export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}
