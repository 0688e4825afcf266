/**
 * A row sealer with a fixed key, for tests and benchmarks: they exercise the sealed storage the
 * app uses (renderer/data/seal/), and a profile reopened in a test opens with the same key.
 */
import { RowSealer } from '../../renderer/data/seal/rowSealer.ts';

export const TEST_ROW_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

export const testSealer = (): RowSealer => new RowSealer(TEST_ROW_KEY);
