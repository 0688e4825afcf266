import { BundleError } from '../../shared/bundle/bundleError.ts';

/** The BundleError code `run` throws, 'accepted' when it throws nothing, else the error as text. */
export function bundleErrorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof BundleError ? error.code : String(error);
  }
  return 'accepted';
}
