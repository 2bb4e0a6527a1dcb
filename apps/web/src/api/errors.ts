// Turns any failure from the api into words for the user: one message, plus per-field messages
// when the server's validation says which input was wrong.

export interface UserFacingError {
  /** The form-level message; never repeats a message already shown next to a field. */
  message: string;
  /** Messages keyed by input name (e.g. `email`), for showing next to the field. */
  fields: Record<string, string>;
}

interface ZodIssueLike {
  path?: unknown;
  message?: unknown;
}

export const NETWORK_MESSAGE = 'Cannot reach Patchroom. Check your connection and try again.';
export const SERVER_MESSAGE = 'Something went wrong on our side. Please try again.';
export const FIX_FIELDS_MESSAGE = 'Please fix the highlighted fields.';

/**
 * @param formFields the inputs the form shows; a field message for any other input is folded
 *   into the form-level message so it is never lost.
 */
export function describeError(error: unknown, formFields: readonly string[] = []): UserFacingError {
  const data = readData(error);
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (data?.code === 'INTERNAL_SERVER_ERROR') return { message: SERVER_MESSAGE, fields: {} };

  const issues = parseIssues(raw);
  const all = collectFieldMessages(data, raw, issues);
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [key, text] of Object.entries(all)) {
    if (formFields.includes(key)) fields[key] = text;
    else elsewhere.push(text);
  }
  const loose = issues.filter((i) => issuePath(i) === null).map((i) => String(i.message ?? ''));
  const message =
    [...elsewhere, ...loose].find(Boolean) ??
    (Object.keys(fields).length > 0 ? FIX_FIELDS_MESSAGE : plainMessage(raw, data?.code));
  return { message, fields };
}

function collectFieldMessages(
  data: ErrorData | null,
  raw: string,
  issues: ZodIssueLike[],
): Record<string, string> {
  const out = { ...fieldsFromZodData(data?.zodError), ...flatFieldErrors(data?.fieldErrors) };
  for (const issue of issues) {
    const key = issuePath(issue);
    if (key && !out[key] && typeof issue.message === 'string') out[key] = issue.message;
  }
  // A server rule about one input (e.g. "email already registered") names the field it is about.
  if (typeof data?.field === 'string' && raw && issues.length === 0) out[data.field] = raw;
  return out;
}

function plainMessage(raw: string, code: unknown): string {
  if (!raw || /failed to fetch|networkerror|load failed|unexpected token|unable to transform response/i.test(raw)) {
    return code ? SERVER_MESSAGE : NETWORK_MESSAGE;
  }
  return raw;
}

interface ErrorData {
  code?: unknown;
  /** Our server's shape: input name → first message (`_` for the input as a whole). */
  fieldErrors?: unknown;
  zodError?: unknown;
  field?: unknown;
}

function flatFieldErrors(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, text] of Object.entries(value)) {
    const first: unknown = Array.isArray(text) ? text[0] : text;
    if (typeof first === 'string' && first) out[key] = first;
  }
  return out;
}

function readData(error: unknown): ErrorData | null {
  if (typeof error !== 'object' || error === null) return null;
  const data = (error as { data?: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as ErrorData) : null;
}

/** Accepts both zod's flattened (`fieldErrors`) and tree (`properties`) error shapes. */
function fieldsFromZodData(zodError: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof zodError !== 'object' || zodError === null) return out;
  const { fieldErrors, properties } = zodError as { fieldErrors?: unknown; properties?: unknown };
  if (typeof fieldErrors === 'object' && fieldErrors !== null) {
    for (const [key, value] of Object.entries(fieldErrors)) {
      const first: unknown = Array.isArray(value) ? value[0] : undefined;
      if (typeof first === 'string') out[key] = first;
    }
  }
  if (typeof properties === 'object' && properties !== null) {
    for (const [key, value] of Object.entries(properties)) {
      const first = (value as { errors?: unknown[] } | null)?.errors?.[0];
      if (typeof first === 'string' && !out[key]) out[key] = first;
    }
  }
  return out;
}

/** tRPC puts zod's issue list, as JSON, into the message of an input validation error. */
function parseIssues(raw: string): ZodIssueLike[] {
  if (!raw.trimStart().startsWith('[')) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((i) => typeof i === 'object' && i !== null) : [];
  } catch {
    return [];
  }
}

function issuePath(issue: ZodIssueLike): string | null {
  if (!Array.isArray(issue.path) || issue.path.length === 0) return null;
  return String(issue.path[0]);
}
