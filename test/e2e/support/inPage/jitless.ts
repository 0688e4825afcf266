/**
 * Imported first by code evaluated in the app's page from outside: zod's probe for `new Function`
 * succeeds there, but the page's CSP refuses the compiled validators zod then makes. Schemas
 * decide when they are made, so this runs before any is. (In the app the probe fails, and zod
 * interprets.)
 */
import { z } from 'zod';

z.config({ jitless: true });
