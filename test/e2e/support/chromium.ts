/** Debian's Chromium for the end-to-end tests: the launch settings every tool here shares. */
export { CHROMIUM_ARGS, chromiumPath } from '../../../build/scripts/chromium.mjs';
