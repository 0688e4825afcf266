import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../shared/interchange/imported.ts';
import {
  describeImportError,
  importMessageText,
  locationText,
  wasAborted,
} from './importMessages.ts';

/** A `t` that shows the key and its parameters, so the test sees what was asked for. */
const t = ((key: string, params?: Record<string, unknown>) =>
  params && Object.keys(params).length > 0
    ? `${key}(${Object.entries(params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')})`
    : key) as unknown as TFunction;

describe('import messages as text', () => {
  it('labels the field, a target or an incident field, and leaves the reason a key', () => {
    expect(
      importMessageText(t, {
        key: 'interchange.row.invalid',
        params: { field: 'actor1', reason: 'validation.tooLong', column: 'actor1' },
      }),
    ).toBe(
      'interchange.row.invalid(field=actor1,reason=validation.tooLong,column=actor1,fieldLabel=interchange.field.actor1)',
    );
    expect(
      importMessageText(t, {
        key: 'interchange.ui.problem.invalidField',
        params: { field: 'actors.0.name', reason: 'validation.required' },
      }),
    ).toContain('fieldLabel=fieldName.actors(defaultValue=actors.0.name)');
  });

  it('counts features from 1 and lines as they are', () => {
    expect(locationText(t, { feature: 0 })).toBe('interchange.ui.location.feature(n=1)');
    expect(locationText(t, { line: 12 })).toBe('interchange.ui.location.line(line=12)');
    expect(locationText(t, null)).toBe('interchange.ui.location.file');
  });

  it('says why a file was refused, with the reader’s own words as the detail', () => {
    const refused = new ImportError('interchange.file.missingColumn', 'No column id', {
      column: 'id',
    });
    expect(describeImportError(t, refused)).toEqual({
      message: 'interchange.file.missingColumn(column=id)',
      detail: 'No column id',
    });
    expect(describeImportError(t, new TypeError('boom'))).toEqual({
      message: 'interchange.ui.unexpected',
      detail: 'TypeError: boom',
    });
  });

  it('tells a cancellation from a failure', () => {
    const abort = new AbortController();
    abort.abort();
    expect(wasAborted(abort.signal.reason, abort.signal)).toBe(true);
    expect(wasAborted(new DOMException('x', 'AbortError'))).toBe(true);
    expect(wasAborted(new Error('disk full'), new AbortController().signal)).toBe(false);
  });
});
