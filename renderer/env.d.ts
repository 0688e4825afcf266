/** Build-time constants injected by Vite (see vite.config.ts). */
declare const __APP_VERSION__: string;
