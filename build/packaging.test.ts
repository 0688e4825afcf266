// The installer configuration, checked without downloads (none of the installers can be built on
// our machines): electron-builder.yml is loaded and validated by electron-builder's own code, then
// held to our rules — targets, fuses, the .daftar association, icons, what the archive may hold.
// Then electron-builder packs the app for Linux and for macOS around stub Electron binaries
// (TOOLCHAIN.md): we look at what really landed in app.asar and Info.plist and which fuses really
// got flipped, and have it lay out the deb and the AppImage up to where it would fetch their tools.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractFile, getRawHeader, listPackage } from '@electron/asar';
// electron-builder's own loader and schema check (ajv over app-builder-lib/scheme.json), the same
// step that runs before any download; app-builder-lib comes with electron-builder.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { parsePlistFile, savePlistFile } from 'app-builder-lib/out/util/plist.js';
import { DebugLogger } from 'builder-util';
import { build, Platform } from 'electron-builder';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const resources = path.join(root, 'build');
/** A closed port: any download attempted while packing fails at once instead of fetching. */
const DEAD_PROXY = 'http://127.0.0.1:9';

async function loadConfig(): Promise<Configuration> {
  return getConfig(root, null, null);
}

describe('electron-builder.yml', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await loadConfig();
  });

  it('is a valid electron-builder configuration', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is live: a misspelt key is refused, as electron-builder would refuse it.
    const misspelt = { ...config, electronFuse: config.electronFuses };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /electronFuse\b/,
    );
  });

  it('builds an AppImage and a deb for Linux, NSIS for Windows and a dmg for macOS', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  it('flips the fuses the safe way: no Node mode, no injected options, only the checked archive', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    expect(config.asar).toBe(true);
  });

  it('associates .daftar files with the app, with a MIME type and a document icon', () => {
    const associations = [config.fileAssociations ?? []].flat();
    const daftar = associations.find((a) => [a.ext].flat().includes('daftar'));
    expect(daftar?.mimeType).toMatch(/^application\/[\w.+-]+$/);
    // electron-builder looks these up as <icon>.ico (NSIS) and <icon>.icns (Finder).
    expect(daftar?.icon).toBe('daftar');
    expect(icoSizes(read('daftar.ico'))).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(icnsSizes(read('daftar.icns')).get('ic10')).toBe(1024);
    // macOS learns the type from the app's exported declaration, which must say the same.
    expect(config.mac?.extendInfo).toMatchObject({
      UTExportedTypeDeclarations: [
        {
          UTTypeIconFile: 'daftar.icns',
          UTTypeTagSpecification: {
            'public.filename-extension': ['daftar'],
            'public.mime-type': [daftar?.mimeType],
          },
        },
      ],
    });
  });

  it('gives every platform an icon at the sizes it needs', () => {
    expect(config.linux?.icon).toBe('build/icons');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(read(`icons/${size}x${size}.png`)), `${size}x${size}.png`).toBe(size);
    }
    expect(pngSize(read('icon.png'))).toBe(1024);

    expect(config.win?.icon).toBe('build/icon.ico');
    expect(icoSizes(read('icon.ico'))).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));

    expect(config.mac?.icon).toBe('build/icon.icns');
    const icns = icnsSizes(read('icon.icns'));
    for (const [type, size] of [
      ['icp4', 16],
      ['ic11', 32],
      ['ic07', 128],
      ['ic08', 256],
      ['ic09', 512],
      ['ic10', 1024],
    ] as const) {
      expect(icns.get(type), type).toBe(size);
    }
  });

  it('packs only the built app and package.json, without source maps', () => {
    // The loader turns plain patterns into one file set copied from the project folder.
    const patterns = [config.files ?? []].flat().flatMap((set) => {
      if (typeof set === 'string') return [set];
      expect(set.from ?? '.').toBe('.');
      expect(set.to ?? '.').toBe('.');
      return [set.filter ?? []].flat();
    });
    const included = patterns.filter((p) => !p.startsWith('!'));
    expect(included.filter((p) => p !== 'package.json' && !p.startsWith('dist/'))).toEqual([]);
    expect(patterns).toContain('!**/*.map');
  });

  it('installs per user on Windows and never deletes the notebook on uninstall', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      deleteAppDataOnUninstall: false,
    });
  });
});

/**
 * Built app needed: `npm test` builds first; on its own run `npm run build` beforehand. Never
 * downloads: Electron comes from a stub folder and every proxy points at a closed port, so a
 * future setting that needs the network fails here instead of fetching.
 */
const built = existsSync(path.join(root, 'dist/electron/main.cjs'));
if (!built) console.log('packaging.test.ts: packing skipped, dist/ is missing (npm run build)');

describe.skipIf(!built)('an unpacked Linux app around a stub Electron', () => {
  let work = '';
  let out = '';
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'daftar-pack-'));
    out = path.join(work, 'release');
    const stub = path.join(work, 'electron-dist');
    mkdirSync(path.join(stub, 'locales'), { recursive: true });
    writeFileSync(path.join(stub, 'electron'), `#!/bin/sh\n${STUB_FUSE_WIRE}\n`, { mode: 0o755 });
    for (const locale of ['en-US', 'fa', 'de']) {
      writeFileSync(path.join(stub, 'locales', `${locale}.pak`), '');
    }
    runBuilder(['--linux', '--dir', `-c.electronDist=${stub}`, `-c.directories.output=${out}`]);
  }, 180_000);

  it('holds the bundled main, preload and renderer, and no sources or source maps', () => {
    const entries = listPackage(asarPath(), { isPack: false }).map((e) => e.replaceAll('\\', '/'));
    expect(entries).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/dist/electron/main.cjs',
        '/dist/electron/preload.cjs',
        '/dist/renderer/index.html',
      ]),
    );
    expect(entries.filter((e) => /\.(map|ts|tsx)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => !/^\/(dist(\/|$)|package\.json$)/.test(e))).toEqual([]);

    const pkg = JSON.parse(extractFile(asarPath(), 'package.json').toString('utf8')) as {
      main: string;
      desktopName: string;
    };
    expect(entries).toContain(`/${pkg.main}`);
    expect(pkg.desktopName).toBe('daftar.desktop');
  });

  it('has the fuses flipped in the executable', () => {
    const wire = fuseWire(path.join(out, 'linux-unpacked', 'daftar'));
    // Order of @electron/fuses' FuseV1Options: runAsNode, cookie encryption, NODE_OPTIONS,
    // --inspect, asar integrity, only app.asar, V8 snapshot, file:// privileges.
    expect(wire).toBe('01001100');
  });

  it('keeps only the Chromium locales the app speaks', () => {
    expect(readdirSync(path.join(out, 'linux-unpacked', 'locales')).sort()).toEqual([
      'en-US.pak',
      'fa.pak',
    ]);
  });

  // electron-builder hands each target's layout to `effectiveOptionComputed` just before it
  // fetches its packaging tool (fpm, appimagetool); returning true stops the build there.
  it('lays out the deb: menu entry, icons, the .daftar MIME type, maintainer and homepage', async () => {
    const deb = await layout('deb', async (options) => {
      const [args, desktopFile] = options as [string[], string];
      const file = (to: string) => args.find((a) => a.endsWith(`=${to}`))?.split('=')[0] ?? '';
      return {
        args,
        desktop: readFileSync(desktopFile, 'utf8'),
        mime: readFileSync(file('/usr/share/mime/packages/daftar.xml'), 'utf8'),
      };
    });
    expect(deb.desktop).toContain('\nExec=/opt/Daftar/daftar %U\n');
    expect(deb.desktop).toContain('\nIcon=daftar\n');
    expect(deb.desktop).toContain('\nMimeType=application/vnd.daftar.bundle+zip;\n');
    expect(deb.mime).toContain('<mime-type type="application/vnd.daftar.bundle+zip">');
    expect(deb.mime).toContain('<glob pattern="*.daftar"/>');
    for (const size of [16, 32, 48, 256, 512]) {
      expect(deb.args).toContain(
        `${resources}/icons/${size}x${size}.png=/usr/share/icons/hicolor/${size}x${size}/apps/daftar.png`,
      );
    }
    expect(deb.args.some((a) => a.endsWith('=/usr/share/applications/daftar.desktop'))).toBe(true);
    // fpm refuses a deb without them; electron-builder stops earlier, naming what is missing.
    expect(deb.args).toEqual(expect.arrayContaining(['--maintainer', '--url']));
  });

  it('lays out the AppImage with the .daftar MIME type and the Chromium sandbox on', async () => {
    const appImage = await layout('AppImage', async (options) => {
      const { desktop } = options as { desktop: string };
      return desktop;
    });
    expect(appImage).toContain('\nExec=AppRun %U\n');
    expect(appImage).toContain('\nMimeType=application/vnd.daftar.bundle+zip;\n');
  });

  /** What electron-builder would package for `target`, from the app unpacked above. */
  async function layout<T>(target: 'deb' | 'AppImage', capture: (options: unknown) => Promise<T>) {
    let seen: T | undefined;
    vi.stubEnv('HTTP_PROXY', DEAD_PROXY);
    vi.stubEnv('HTTPS_PROXY', DEAD_PROXY);
    onTestFinished(() => void vi.unstubAllEnvs());
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget([target]),
      prepackaged: path.join(out, 'linux-unpacked'),
      config: {
        directories: { output: path.join(work, target) },
        // A deb names its maintainer and home page; the release sets the real ones
        // (docs/install.md). Stand-ins here, so the layout itself is what is checked.
        linux: { maintainer: 'Release Manager <release@example.org>' },
        extraMetadata: { homepage: 'https://example.org/daftar' },
      },
      effectiveOptionComputed: async (options: unknown) => {
        seen = await capture(options);
        return true;
      },
    });
    if (seen === undefined) throw new Error(`electron-builder never laid out the ${target}`);
    return seen;
  }

  function asarPath(): string {
    return path.join(out, 'linux-unpacked', 'resources', 'app.asar');
  }
});

describe.skipIf(!built)('a macOS app around a stub Electron', () => {
  let work = '';
  let contents = '';
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'daftar-pack-mac-'));
    const stub = path.join(work, 'electron-dist');
    await stubMacElectron(stub);
    const out = path.join(work, 'release');
    // Signing is off and the ad hoc re-signing after the fuses needs Apple's codesign: both are
    // macOS-only steps of a real build, left out here.
    runBuilder([
      '--mac',
      '--dir',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${out}`,
      '-c.mac.identity=null',
      '-c.electronFuses.resetAdHocDarwinSignature=false',
    ]);
    const arch = readdirSync(out).find((d) => d.startsWith('mac'));
    contents = path.join(out, arch ?? 'mac', 'Daftar.app', 'Contents');
  }, 180_000);

  it('declares the .daftar type and claims it, with the document icon', async () => {
    const info = await parsePlistFile<Record<string, unknown>>(path.join(contents, 'Info.plist'));
    expect(info).toMatchObject({
      CFBundleIdentifier: 'org.daftar.app',
      CFBundleIconFile: 'icon.icns',
      CFBundleDocumentTypes: [
        {
          CFBundleTypeExtensions: ['daftar'],
          CFBundleTypeIconFile: 'daftar.icns',
          LSHandlerRank: 'Owner',
        },
      ],
      UTExportedTypeDeclarations: [{ UTTypeIdentifier: 'org.daftar.bundle' }],
    });
    for (const icon of ['icon.icns', 'daftar.icns']) {
      expect(readFileSync(path.join(contents, 'Resources', icon)).equals(read(icon)), icon).toBe(
        true,
      );
    }
  });

  it('records the hash of app.asar that the integrity fuse checks at start', async () => {
    const info = await parsePlistFile<{
      ElectronAsarIntegrity?: Record<string, { algorithm: string; hash: string }>;
    }>(path.join(contents, 'Info.plist'));
    const archive = path.join(contents, 'Resources', 'app.asar');
    const header = createHash('sha256').update(getRawHeader(archive).headerString).digest('hex');
    expect(info.ElectronAsarIntegrity?.['Resources/app.asar']).toEqual({
      algorithm: 'SHA256',
      hash: header,
    });
  });

  it('has the fuses flipped in the Electron framework', () => {
    const framework = path.join(contents, 'Frameworks', 'Electron Framework.framework');
    expect(fuseWire(path.join(framework, 'Electron Framework'))).toBe('01001100');
  });
});

/**
 * The parts of Electron.app electron-builder touches when it makes Daftar.app: the Info.plists it
 * rewrites, the executables it renames, the framework holding the fuse wire, the locale folders.
 */
async function stubMacElectron(dir: string): Promise<void> {
  const contents = path.join(dir, 'Electron.app', 'Contents');
  const frameworks = path.join(contents, 'Frameworks');
  const framework = path.join(frameworks, 'Electron Framework.framework');
  const bundle = async (at: string, name: string) => {
    mkdirSync(path.join(at, 'MacOS'), { recursive: true });
    writeFileSync(path.join(at, 'MacOS', name), '');
    await savePlistFile(path.join(at, 'Info.plist'), {
      CFBundleExecutable: name,
      CFBundleIdentifier: 'com.github.Electron',
      CFBundleName: name,
      CFBundleIconFile: 'electron.icns',
    });
  };
  await bundle(contents, 'Electron');
  for (const kind of ['', ' (Renderer)', ' (GPU)', ' (Plugin)']) {
    await bundle(
      path.join(frameworks, `Electron Helper${kind}.app`, 'Contents'),
      `Electron Helper${kind}`,
    );
  }
  mkdirSync(path.join(contents, 'Resources'), { recursive: true });
  writeFileSync(path.join(contents, 'Resources', 'electron.icns'), '');
  mkdirSync(framework, { recursive: true });
  writeFileSync(path.join(framework, 'Electron Framework'), STUB_FUSE_WIRE);
  for (const locale of ['en', 'fa', 'de']) {
    const folder = path.join(framework, 'Versions', 'A', 'Resources', `${locale}.lproj`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'locale.pak'), '');
  }
}

/** electron-builder's CLI, as `npm run dist` runs it, with every download bound to fail. */
function runBuilder(args: string[]): void {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-builder/cli.js'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        HTTP_PROXY: DEAD_PROXY,
        HTTPS_PROXY: DEAD_PROXY,
        ELECTRON_GET_USE_PROXY: '1',
      },
    },
  );
  if (result.status !== 0) {
    throw new Error(`electron-builder failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** The fuse states in an Electron binary, one '0'/'1' character per fuse. */
function fuseWire(file: string): string {
  const binary = readFileSync(file);
  const at = binary.indexOf(FUSE_SENTINEL);
  expect(at, 'fuse sentinel').toBeGreaterThanOrEqual(0);
  const wire = at + FUSE_SENTINEL.length;
  return binary.subarray(wire + 2, wire + 2 + binary[wire + 1]!).toString('latin1');
}

/** Marks the fuse wire in an Electron binary (@electron/fuses): version byte, length, states. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * A fuse wire as Electron ships it: every fuse the opposite of what we ask for (but the V8 snapshot
 * one, which we leave alone), so a fuse left unflipped shows.
 */
const STUB_FUSE_WIRE = `${FUSE_SENTINEL}\x01\x0810110001`;

function read(file: string): Buffer {
  return readFileSync(path.join(resources, file));
}

type Targets = Array<string | TargetConfiguration> | string | TargetConfiguration | null;

function targetNames(targets: Targets | undefined): string[] {
  return [targets ?? []].flat().map((t) => (typeof t === 'string' ? t : t.target));
}

/** Width of a square PNG, from its IHDR chunk; fails on anything that is not a square PNG. */
function pngSize(png: Buffer): number {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  expect(png.readUInt32BE(20)).toBe(width);
  return width;
}

/** Sizes of the images in a .ico, each checked against the PNG it holds. */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + 16 * i;
    const size = ico[entry] === 0 ? 256 : ico[entry]!;
    const offset = ico.readUInt32LE(entry + 12);
    expect(pngSize(ico.subarray(offset, offset + ico.readUInt32LE(entry + 8)))).toBe(size);
    return size;
  });
}

/** Pixel size of each PNG element of a .icns, by element type. */
function icnsSizes(icns: Buffer): Map<string, number> {
  expect(icns.toString('latin1', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const sizes = new Map<string, number>();
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
    const length = icns.readUInt32BE(at + 4);
    sizes.set(icns.toString('latin1', at, at + 4), pngSize(icns.subarray(at + 8, at + length)));
  }
  return sizes;
}
