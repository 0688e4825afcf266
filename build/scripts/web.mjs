// `npm run web`: serves the built renderer on 127.0.0.1 for a browser. The port is fixed
// (DAFTAR_PORT, default 5178) because the browser keeps the data per address: a different port
// would show an empty notebook.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureInstalled, repoRoot } from './ensureInstalled.mjs';
import { serveStatic } from './staticServer.mjs';

export const DEFAULT_PORT = 5178;

export async function serveWeb() {
  const root = path.join(repoRoot, 'dist/renderer');
  if (!existsSync(path.join(root, 'index.html'))) {
    const { buildAll } = await import('./build.mjs');
    await buildAll();
  }
  const port = Number(process.env.DAFTAR_PORT ?? DEFAULT_PORT);
  try {
    const server = await serveStatic({ root, port });
    console.log(
      `Daftar is served at ${server.url} — open it in Chromium, Chrome, Edge or Firefox.`,
    );
    console.log('Only this computer can reach it (127.0.0.1). Press Ctrl+C to stop.');
    return server;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      console.error(
        `Port ${port} is in use, perhaps by another Daftar. Stop it, or set DAFTAR_PORT (your data is kept per port).`,
      );
      process.exit(1);
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureInstalled();
  await serveWeb();
}
