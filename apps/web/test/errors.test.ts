import { describe, expect, it } from 'vitest';
import { describeError, FIX_FIELDS_MESSAGE, NETWORK_MESSAGE, SERVER_MESSAGE } from '../src/api/errors.ts';

function trpcError(message: string, data: Record<string, unknown>) {
  return Object.assign(new Error(message), { data });
}

describe('describeError', () => {
  it('puts validation messages next to the fields the form shows', () => {
    const error = trpcError('email: Enter a valid email address.; password: Use at least 8 characters.', {
      code: 'BAD_REQUEST',
      fieldErrors: { email: 'Enter a valid email address.', password: 'Use at least 8 characters.' },
    });
    expect(describeError(error, ['email', 'password'])).toEqual({
      message: FIX_FIELDS_MESSAGE,
      fields: { email: 'Enter a valid email address.', password: 'Use at least 8 characters.' },
    });
  });

  it('never loses a message about an input the form does not show', () => {
    const error = trpcError('caseId: Required', { code: 'BAD_REQUEST', fieldErrors: { caseId: 'Required' } });
    expect(describeError(error, ['name'])).toEqual({ message: 'Required', fields: {} });
  });

  it('reads zod issue lists and flattened zod errors too', () => {
    const issues = JSON.stringify([{ path: ['displayName'], message: 'Too short' }]);
    expect(describeError(trpcError(issues, { code: 'BAD_REQUEST' }), ['displayName']).fields).toEqual({
      displayName: 'Too short',
    });
    const flattened = trpcError('bad', { code: 'BAD_REQUEST', zodError: { fieldErrors: { email: ['Invalid'] } } });
    expect(describeError(flattened, ['email']).fields).toEqual({ email: 'Invalid' });
  });

  it('shows a rule broken on the server as it is worded', () => {
    const error = trpcError('Email or password is wrong.', { code: 'UNAUTHORIZED' });
    expect(describeError(error, ['email', 'password'])).toEqual({ message: 'Email or password is wrong.', fields: {} });
  });

  it('hides internal failures and explains a lost connection', () => {
    expect(describeError(trpcError('TypeError: x is undefined', { code: 'INTERNAL_SERVER_ERROR' })).message).toBe(
      SERVER_MESSAGE,
    );
    expect(describeError(new TypeError('Failed to fetch')).message).toBe(NETWORK_MESSAGE);
  });
});
