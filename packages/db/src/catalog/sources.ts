// Where catalog rows come from. An import reads rows from a CatalogSource and knows nothing else
// about it, so a new source (a ModularGrid export, a maker's feed) is one more adapter here.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { csvCatalogRows } from './csv.ts';
import { CatalogFileError, type CatalogRowKind, type RawCatalog } from './schema.ts';

/** One row as a source read it, not yet validated. */
export interface RawRow {
  kind: CatalogRowKind;
  /** Where the row is, as its author would look for it: "line 7", "modules[3]". */
  at: string;
  data: unknown;
  /** A fault found while reading (e.g. a CSV cell that is not JSON): the row is invalid whatever `data` holds. */
  problem?: string;
}

export interface CatalogSource {
  /** Names the import in the log and on every row it writes (`imported_from`). */
  readonly name: string;
  /** Rows without a `source` of their own are credited to this (the bundled catalog has none: every row must say). */
  readonly defaultRowSource?: string;
  read(): AsyncIterable<RawRow>;
}

export const BUNDLED_ORIGIN = 'bundled catalog';
const CATALOG_DIR = new URL('../../catalog/', import.meta.url);

/** The catalog shipped in packages/db/catalog (modules.json, cases.json). */
export function bundledCatalogSource(catalog?: RawCatalog, name = BUNDLED_ORIGIN): CatalogSource {
  return {
    name,
    async *read() {
      yield* rawCatalogRows(catalog ?? (await readCatalogFiles()), { modules: 'modules.json', cases: 'cases.json' });
    },
  };
}

/** A .json or .csv file chosen by the person importing. */
export function fileCatalogSource(path: string): CatalogSource {
  const name = basename(path);
  const kind = extname(path).toLowerCase();
  if (kind !== '.json' && kind !== '.csv') {
    throw new CatalogFileError(`${name}: unsupported file type "${kind || '(none)'}"; use a .json or .csv file`);
  }
  return {
    name,
    defaultRowSource: name,
    async *read() {
      const text = await readText(path, name);
      yield* kind === '.csv' ? csvCatalogRows(text, name) : jsonFileRows(text, name);
    },
  };
}

/** The bundled catalog files, unvalidated. */
export async function readCatalogFiles(): Promise<RawCatalog> {
  const [modules, cases] = await Promise.all(
    ['modules.json', 'cases.json'].map(async (file) => parseJson(await readFile(new URL(file, CATALOG_DIR), 'utf8'), file)),
  );
  return { modules, cases };
}

/**
 * A JSON file holds either an array of module rows or `{ "modules": [...], "cases": [...] }`
 * (either key may be left out).
 */
export function jsonFileRows(text: string, name: string): RawRow[] {
  const value = parseJson(text, name);
  if (Array.isArray(value)) return arrayRows(value, 'module', '');
  if (typeof value === 'object' && value !== null && ('modules' in value || 'cases' in value)) {
    const { modules = [], cases = [] } = value as { modules?: unknown; cases?: unknown };
    return rawCatalogRows({ modules, cases }, { modules: 'modules', cases: 'cases' });
  }
  throw new CatalogFileError(`${name}: expected an array of module rows, or an object with "modules" and/or "cases" arrays`);
}

function rawCatalogRows(catalog: RawCatalog, labels: { modules: string; cases: string }): RawRow[] {
  return [
    ...listRows(catalog.modules, 'module', labels.modules),
    ...listRows(catalog.cases, 'case', labels.cases),
  ];
}

function listRows(list: unknown, kind: CatalogRowKind, label: string): RawRow[] {
  if (!Array.isArray(list)) return [{ kind, at: label, data: list, problem: 'expected an array of rows' }];
  return arrayRows(list, kind, label);
}

function arrayRows(list: unknown[], kind: CatalogRowKind, label: string): RawRow[] {
  return list.map((data, index) => ({ kind, at: `${label}[${index}]`, data }));
}

async function readText(path: string, name: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogFileError(code === 'ENOENT' ? `${name}: no such file (${path})` : `${name}: cannot be read (${code ?? String(error)})`);
  }
}

/** JSON.parse with the fault's line and column rather than a character offset. */
function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? '' : ` at ${lineAndColumn(text, Number(position))}`;
    throw new CatalogFileError(`${name}: not valid JSON${where} (${message})`);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
