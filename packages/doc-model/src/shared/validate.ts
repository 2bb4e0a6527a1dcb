import { RackRuleError } from '../errors.ts';

/** A number in [min, max] (an integer when asked), else a RackRuleError with `message`. */
export function numberIn(
  value: unknown,
  min: number,
  max: number,
  message: string,
  { integer = false }: { integer?: boolean } = {},
): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
  if (!ok || (integer && !Number.isInteger(value))) throw new RackRuleError(message, 'OUT_OF_RANGE');
  return value;
}

export function finiteNumber(value: unknown, message: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RackRuleError(message, 'OUT_OF_RANGE');
  return value;
}

/** A user-visible name: trimmed, not empty, not longer than `max` characters. */
export function name(value: unknown, what: string, max = 80): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new RackRuleError(`${what} needs a name.`, 'BAD_INPUT');
  if (text.length > max) throw new RackRuleError(`${what} names are at most ${max} characters.`, 'BAD_INPUT');
  return text;
}

/**
 * Ids are joined with '/' into the keys of knob and step values, so an id may not contain one.
 */
export function id(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64 || value.includes('/')) {
    throw new RackRuleError(`${what} ids are 1–64 characters without '/'.`, 'BAD_INPUT');
  }
  return value;
}

/** A jack or control id on a module's panel. */
export function panelId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    throw new RackRuleError(`${what} must name a ${what.toLowerCase()} on the module.`, 'BAD_INPUT');
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], message: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new RackRuleError(message, 'BAD_INPUT');
  return value as T;
}

// Readonly, so callers can pass their readonly data as it is.
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** Plain JSON (no undefined, functions, NaN, cycles…) whose JSON text is at most `maxChars` characters long. */
export function jsonObject(value: unknown, what: string, maxChars: number): JsonObject {
  if (!isJsonObject(value)) throw new RackRuleError(`${what} must be plain data.`, 'BAD_INPUT');
  if (JSON.stringify(value).length > maxChars) {
    throw new RackRuleError(`${what} is too large (at most ${maxChars} characters).`, 'BAD_INPUT');
  }
  return value;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return isPlainObject(value) && isJson(value, 0);
}

function isJson(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((v) => isJson(v, depth + 1));
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
