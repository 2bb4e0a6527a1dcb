// CSV files of catalog modules: one module per record, a header naming the columns (see
// packages/db/catalog/README.md). Jacks and controls fit in one cell each, either as JSON or in a
// compact form a spreadsheet user can type: `Name:dir:signal|…` and `Name:kind:min:max:default|…`.
import { CatalogFileError } from './schema.ts';
import type { RawRow } from './sources.ts';

interface CsvRecord {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

type Column =
  | 'id' | 'manufacturer' | 'name' | 'hp' | 'heightU' | 'depthMm' | 'p12' | 'm12' | 'p5' | 'type' | 'archetype'
  | 'description' | 'jacks' | 'jacksComplete' | 'controls' | 'tags' | 'source' | 'notes';

const COLUMNS: Record<string, Column> = {
  id: 'id',
  manufacturer: 'manufacturer',
  maker: 'manufacturer',
  name: 'name',
  hp: 'hp',
  heightu: 'heightU',
  depthmm: 'depthMm',
  p12: 'p12',
  m12: 'm12',
  p5: 'p5',
  type: 'type',
  archetype: 'archetype',
  description: 'description',
  jacks: 'jacks',
  jackscomplete: 'jacksComplete',
  controls: 'controls',
  tags: 'tags',
  source: 'source',
  notes: 'notes',
};
const REQUIRED: Column[] = ['id', 'manufacturer', 'name', 'hp', 'type', 'archetype', 'jacks'];

/** Reads every record of a CSV catalog file as a module row; a cell that cannot be read makes its row invalid. */
export function csvCatalogRows(text: string, fileName: string): RawRow[] {
  const [header, ...records] = parseCsv(text).filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  if (header === undefined) throw new CatalogFileError(`${fileName}: the file is empty (expected a header line naming the columns)`);
  const columns = readHeader(header.cells, fileName);
  return records.map((record) => {
    const at = `line ${record.line}`;
    if (record.cells.length > columns.length) {
      return { kind: 'module', at, data: null, problem: `${record.cells.length} cells but the header names ${columns.length} columns` };
    }
    try {
      return { kind: 'module', at, data: moduleFromCells(columns, record.cells) };
    } catch (error) {
      return { kind: 'module', at, data: { id: cell(columns, record.cells, 'id') }, problem: (error as Error).message };
    }
  });
}

function readHeader(cells: string[], fileName: string): Column[] {
  const columns = cells.map((raw) => {
    const column = COLUMNS[raw.trim().toLowerCase().replace(/[\s_-]+/g, '')];
    if (column === undefined) {
      throw new CatalogFileError(`${fileName}: unknown column "${raw.trim()}" in the header (known: ${Object.keys(COLUMNS).join(', ')})`);
    }
    return column;
  });
  const duplicate = columns.find((column, i) => columns.indexOf(column) !== i);
  if (duplicate !== undefined) throw new CatalogFileError(`${fileName}: column "${duplicate}" appears twice in the header`);
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (missing.length > 0) throw new CatalogFileError(`${fileName}: the header lacks required column(s) ${missing.join(', ')}`);
  return columns;
}

function moduleFromCells(columns: Column[], cells: string[]): Record<string, unknown> {
  const get = (column: Column) => cell(columns, cells, column);
  const rails = (['p12', 'm12', 'p5'] as const).map((rail) => optionalNumber(get(rail)));
  const row: Record<string, unknown> = {
    id: get('id'),
    manufacturer: get('manufacturer'),
    name: get('name'),
    hp: optionalNumber(get('hp')) ?? undefined,
    depthMm: optionalNumber(get('depthMm')),
    power: rails.every((value) => value === null) ? null : { p12: rails[0], m12: rails[1], p5: rails[2] },
    type: get('type'),
    archetype: get('archetype'),
    description: get('description'),
    jacks: list(get('jacks'), 'jacks', jackFromText),
    controls: list(get('controls'), 'controls', controlFromText),
    tags: list(get('tags'), 'tags', (item) => item),
  };
  const heightU = optionalNumber(get('heightU'));
  if (heightU !== null) row.heightU = heightU;
  const jacksComplete = get('jacksComplete').toLowerCase();
  if (jacksComplete !== '') row.jacksComplete = ['true', 'yes', '1'].includes(jacksComplete) ? true : ['false', 'no', '0'].includes(jacksComplete) ? false : jacksComplete;
  if (get('source') !== '') row.source = get('source');
  if (get('notes') !== '') row.notes = get('notes');
  return row;
}

function cell(columns: Column[], cells: string[], column: Column): string {
  const index = columns.indexOf(column);
  return index < 0 ? '' : (cells[index] ?? '').trim();
}

/** Empty means unknown (null); anything else that is not a number is kept as text for validation to name. */
function optionalNumber(value: string): number | string | null {
  if (value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

/** A JSON array, or compact items separated by `|`. */
function list<T>(value: string, what: string, item: (text: string) => T): unknown {
  if (value === '') return [];
  if (value.startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      throw new Error(`${what}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
  return value
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return item(part);
      } catch (error) {
        throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
      }
    });
}

/** `Name:dir:signal`, e.g. `V/Oct:in:pitch`; the id is the name in snake_case (v_oct). */
function jackFromText(text: string): unknown {
  const parts = text.split(':').map((part) => part.trim());
  if (parts.length !== 3) throw new Error(`"${text}" should be name:dir:signal (e.g. V/Oct:in:pitch)`);
  const [name = '', dir, signal] = parts;
  return { id: partId(name), name, dir, signal };
}

/** `Name:kind:min:max:default`, e.g. `Cutoff:knob:0:1:0.5`. */
function controlFromText(text: string): unknown {
  const parts = text.split(':').map((part) => part.trim());
  if (parts.length !== 5) throw new Error(`"${text}" should be name:kind:min:max:default (e.g. Cutoff:knob:0:1:0.5)`);
  const [name = '', kind, min = '', max = '', initial = ''] = parts;
  return { id: partId(name), name, kind, min: optionalNumber(min), max: optionalNumber(max), default: optionalNumber(initial) };
}

function partId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let current = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        current += char;
      }
    } else if (char === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (char === ',') {
      cells.push(current);
      current = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i += 1;
      cells.push(current);
      records.push({ line: recordLine, cells });
      cells = [];
      current = '';
      line += 1;
      recordLine = line;
    } else {
      current += char;
    }
  }
  if (current !== '' || cells.length > 0) {
    cells.push(current);
    records.push({ line: recordLine, cells });
  }
  return records;
}
