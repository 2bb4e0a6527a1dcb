// `npm run catalog:import -- <file.json|file.csv> [--skip-invalid]`: validates every row of the
// file, then upserts modules and cases by id into the database the server uses (DATABASE_URL, or
// PGlite in PATCHROOM_DATA_DIR, default .data). A file with an invalid row imports nothing unless
// --skip-invalid is given. File formats: packages/db/catalog/README.md.
import { resolve } from 'node:path';
import { checkCatalog, writeCatalog, type CheckedCatalog, type ImportSummary } from '../src/catalog/import.ts';
import { CatalogDataError, CatalogFileError, describeProblem } from '../src/catalog/schema.ts';
import { fileCatalogSource } from '../src/catalog/sources.ts';
import { DataDirLockedError } from '../src/data-dir-lock.ts';
import { openDatabase } from '../src/open.ts';

const USAGE = 'usage: npm run catalog:import -- <file.json|file.csv> [--skip-invalid]';
const MAX_LISTED_PROBLEMS = 50;

async function main(argv: string[]): Promise<number> {
  const skipInvalid = argv.includes('--skip-invalid');
  const files = argv.filter((arg) => arg !== '--skip-invalid');
  const file = files[0];
  if (files.length !== 1 || file === undefined || file.startsWith('-')) {
    console.error(files.length === 0 ? 'missing the file to import' : `unexpected arguments: ${argv.join(' ')}`);
    console.error(USAGE);
    return 2;
  }

  const checked = await checkCatalog(fileCatalogSource(resolve(file)));
  reportProblems(checked);
  if (checked.problems.length > 0 && !skipInvalid) {
    console.error(
      `Nothing imported: ${plural(checked.problems.length, 'invalid row')} in ${checked.origin}. ` +
        `Fix ${checked.problems.length === 1 ? 'it' : 'them'}, or pass --skip-invalid to import the ${checked.rows.length} valid one(s).`,
    );
    return 1;
  }
  if (checked.rows.length === 0) {
    console.log(`${checked.origin}: no valid rows to import.`);
    return checked.problems.length > 0 ? 1 : 0;
  }

  const { db, where } = await openTarget();
  try {
    const summary = await writeCatalog(db.prisma, checked, { skipInvalid });
    console.log(describeSummary(summary, where));
    return 0;
  } finally {
    await db.close();
  }
}

async function openTarget() {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { db: await openDatabase({ databaseUrl }), where: 'PostgreSQL (DATABASE_URL)' };
  const dataDir = resolve(process.env.PATCHROOM_DATA_DIR ?? '.data');
  return { db: await openDatabase({ dataDir }), where: `PGlite in ${dataDir}` };
}

function reportProblems(checked: CheckedCatalog): void {
  for (const problem of checked.problems.slice(0, MAX_LISTED_PROBLEMS)) console.error(`${checked.origin} ${describeProblem(problem)}`);
  const hidden = checked.problems.length - MAX_LISTED_PROBLEMS;
  if (hidden > 0) console.error(`… and ${plural(hidden, 'more invalid row')}`);
}

function describeSummary(summary: ImportSummary, where: string): string {
  const what = [summary.modules > 0 ? plural(summary.modules, 'module') : null, summary.cases > 0 ? plural(summary.cases, 'case') : null]
    .filter((part) => part !== null)
    .join(' and ');
  return (
    `Imported ${summary.origin} into ${where}: ${what}; ` +
    `${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
    `${summary.skipped} skipped (invalid).`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof DataDirLockedError) {
      console.error(
        `The data folder ${error.dataDir} is locked by a running Patchroom process (pid ${error.pid}): PGlite allows one ` +
          'process only. Stop the server, run the import, then start the server again (it will serve the imported rows).',
      );
    } else if (error instanceof CatalogFileError || error instanceof CatalogDataError) {
      console.error(error.message);
    } else {
      console.error(`The import failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  },
);
