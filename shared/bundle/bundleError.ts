/**
 * Why a bundle was refused. Every check on bytes from outside fails with one of these codes, a
 * plain English message (for logs and tests) and the parameters the UI's translated message
 * (`bundle.errors.<code>`) fills in. Nothing is written before every check has passed.
 */
export const BUNDLE_ERROR_CODES = [
  // the archive
  'notAZip',
  'truncated',
  'unsupportedZipFeature',
  'zipStructure',
  'badEntryName',
  'duplicateEntry',
  'tooManyEntries',
  'tooLarge',
  'compressionRatio',
  'corruptEntry',
  // the manifest and files
  'missingFile',
  'unexpectedFile',
  'hashMismatch',
  'invalidUtf8',
  'jsonTooDeep',
  'jsonTooLarge',
  'invalidJson',
  'invalidManifest',
  'newerFormat',
  'olderFormatUnsupported',
  'badSignature',
  'missingSignature',
  'invalidChange',
  'duplicateChange',
  'clockAhead',
  'missingAttachment',
  'invalidAttachment',
  // encryption
  'passphraseRequired',
  'wrongPassphrase',
  'invalidEncryption',
  // import
  'changeCollision',
  'cancelled',
] as const;

export type BundleErrorCode = (typeof BUNDLE_ERROR_CODES)[number];

export type BundleErrorParams = Record<string, string | number>;

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
    readonly params: BundleErrorParams = {},
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

export function isBundleError(error: unknown): error is BundleError {
  return error instanceof BundleError;
}
