import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L, 5/S or 2/Z: a code read aloud or off a projector is typed right. */
export const JOIN_CODE_ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';
export const JOIN_CODE_LENGTH = 6;

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** What a person typed, as stored: upper case, no spaces or dashes. */
export function normaliseJoinCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}
