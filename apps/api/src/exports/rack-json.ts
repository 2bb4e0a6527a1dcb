// JSON export and import of a whole rack. The file holds the rack's name and its plain
// snapshot (doc-model's toSnapshot). Round trip: importing a file under name N and exporting
// the new rack gives the same file with `name` = N; everything else (module, patch, cable,
// pattern and track ids, positions, knob values, steps, transport, notes, annotations,
// createdAt times) is identical. Import writes into a brand-new rack owned by the caller.
import { catalogCaseFromRow, newRandomId } from '@patchroom/db';
import {
  ANNOTATION_KINDS,
  PATCH_CATEGORIES,
  replaceRackContent,
  SCHEMA_VERSION,
  toSnapshot,
  type RackSnapshot,
} from '@patchroom/doc-model';
import { TRPCError } from '@trpc/server';
import * as Y from 'yjs';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { liveRooms, type ExportRack } from './model.ts';

export const RACK_FILE_FORMAT = 'patchroom.rack';
export const RACK_FILE_VERSION = 1;
/** Fits the api's 1 MiB request limit once the text is itself sent inside JSON. */
export const RACK_JSON_MAX_CHARS = 800_000;

export function rackFile(rack: Pick<ExportRack, 'name' | 'snapshot'>): string {
  return `${JSON.stringify({ format: RACK_FILE_FORMAT, version: RACK_FILE_VERSION, name: rack.name, rack: rack.snapshot }, null, 2)}\n`;
}

/** "Ночной голос" → "ночной-голос.pdf": letters and digits of any script, dashes between words. */
export function exportFileName(name: string, extension: string, fallback = 'rack'): string {
  const words = name.normalize('NFC').toLocaleLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const slug = [...words.join('-')].slice(0, 60).join('').replace(/-$/, '') || fallback;
  return `${slug}.${extension}`;
}

// ---- the file's schema: every field toSnapshot writes, with the document's own limits ----
const id = z.string().min(1).max(64).refine((s) => !s.includes('/'), "ids contain no '/'");
const panelId = z.string().min(1).max(64);
const jack = z.object({ moduleId: id, jackId: panelId }).strict();
const finite = z.number().finite();
const count = z.number().int().min(0).max(10_000);
const json: z.ZodType<unknown> = z.lazy(() => z.union([z.null(), z.boolean(), finite, z.string().max(64_000), z.array(json).max(10_000), z.record(z.string(), json)]));
const provenance = z
  .object({ seed: z.union([z.string().max(200), finite]), generatorVersion: z.string().max(100), config: z.record(z.string(), json) })
  .strict()
  .nullable();
const cable = z.object({ id, patchId: id, from: jack, to: jack, color: z.string().min(1).max(32) }).strict();
const step = z
  .object({
    on: z.boolean(),
    velocity: z.number().int().min(0).max(127),
    probability: z.number().min(0).max(1),
    microMs: z.number().min(-50).max(50),
    pitch: z.number().int().min(0).max(127),
  })
  .strict();

const snapshotSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION, `only layout version ${SCHEMA_VERSION} can be imported`),
    caseId: z.string().min(1).max(200),
    rows: z.array(z.object({ hp: z.number().int().min(1).max(1000) }).strict()).min(1).max(12),
    modules: z
      .array(
        z
          .object({ id, catalogId: z.string().min(1).max(200), row: z.number().int().min(-1).max(11), hp: z.number().int().min(-1).max(1000), widthHp: z.number().int().min(1).max(1000), parked: z.boolean() })
          .strict(),
      )
      .max(500),
    cables: z.array(cable).max(2_000),
    activePatchId: id.nullable(),
    patches: z
      .array(
        z
          .object({
            id,
            name: z.string().trim().min(1).max(80),
            category: z.enum(PATCH_CATEGORIES),
            notes: z.string().max(10_000),
            createdAt: finite,
            provenance,
            cables: z.array(cable).max(2_000),
            knobs: z.array(z.object({ moduleId: id, controlId: panelId, value: finite }).strict()).max(5_000),
          })
          .strict(),
      )
      .min(1)
      .max(500),
    patterns: z
      .array(
        z
          .object({
            id,
            name: z.string().trim().min(1).max(80),
            bpm: z.number().min(40).max(300),
            swing: z.number().min(0).max(100),
            length: z.number().int().min(1).max(64),
            createdAt: finite,
            provenance,
            tracks: z.array(z.object({ id, target: jack.nullable(), steps: z.array(step).max(64) }).strict()).min(1).max(8),
          })
          .strict(),
      )
      .max(200),
    transport: z
      .object({
        playing: z.boolean(),
        bpm: z.number().min(40).max(300),
        startedAtMs: finite,
        patternId: id.nullable(),
        pendingTempo: z.object({ bpm: z.number().min(40).max(300), atBar: count.min(1) }).strict().nullable(),
      })
      .strict(),
    notes: z.string().max(50_000),
    annotations: z.array(z.object({ id, kind: z.enum(ANNOTATION_KINDS as [string, ...string[]]), props: z.record(z.string(), json) }).strict()).max(2_000),
  })
  .strict();

const fileSchema = z
  .object({
    format: z.literal(RACK_FILE_FORMAT, 'this is not a Patchroom rack file'),
    version: z.literal(RACK_FILE_VERSION, `only rack file version ${RACK_FILE_VERSION} can be imported`),
    name: z.string().max(200),
    rack: snapshotSchema,
  })
  .strict();

// Annotation props are free JSON; doc-model keeps at most 32 levels. Checked before the schema
// so that absurd nesting cannot exhaust the validator's stack.
const MAX_DEPTH = 40;

function deeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((v) => deeperThan(v, levels - 1));
}

const badFile = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message: `This rack file cannot be imported: ${message}` });

/** Parses and checks a rack file; throws a BAD_REQUEST naming the first problems. */
export function parseRackFile(text: string): RackSnapshot & { caseId: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badFile('it is not valid JSON.');
  }
  if (deeperThan(value, MAX_DEPTH)) throw badFile(`it nests data deeper than ${MAX_DEPTH} levels.`);
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw badFile(`${problems.join('; ')}.`);
  }
  const snapshot = parsed.data.rack as RackSnapshot & { caseId: string };
  // The file must describe a rack exactly as it reads back: no overlapping panels, no cables
  // into missing modules or doubled inputs, no dangling pattern. Otherwise the round trip would
  // silently change it.
  const scratch = new Y.Doc();
  try {
    replaceRackContent(scratch, snapshot);
    const readBack = toSnapshot(scratch);
    const differing = (Object.keys(snapshot) as (keyof RackSnapshot)[]).find((k) => JSON.stringify(readBack[k]) !== JSON.stringify(snapshot[k]));
    if (differing) throw badFile(`its ${differing} are not consistent (overlapping modules, cables to missing modules or jacks used twice?).`);
  } finally {
    scratch.destroy();
  }
  return snapshot;
}

/** Creates a rack owned by the caller holding the file's content; nothing is left behind on failure. */
export async function importRackFile(ctx: Context & { user: { id: string } }, text: string, name: string): Promise<{ id: string }> {
  const snapshot = parseRackFile(text);
  const collab = liveRooms(ctx);
  const caseRow = await ctx.db.prisma.catalogCase.findUnique({ where: { id: snapshot.caseId } });
  if (!caseRow) throw badFile(`its case "${snapshot.caseId}" is not in the catalog.`);
  const caseRows = catalogCaseFromRow(caseRow).rows.map((r) => r.hp);
  if (JSON.stringify(caseRows) !== JSON.stringify(snapshot.rows.map((r) => r.hp))) {
    throw badFile(`its rows do not match the case ${caseRow.manufacturer} ${caseRow.name}.`);
  }
  const catalogIds = [...new Set(snapshot.modules.map((m) => m.catalogId))];
  const known = await ctx.db.prisma.catalogModule.findMany({ where: { id: { in: catalogIds } }, select: { id: true } });
  const missing = catalogIds.filter((cid) => !known.some((k) => k.id === cid));
  if (missing.length > 0) throw badFile(`the catalog has no module ${missing.slice(0, 3).join(', ')}.`);

  const rackId = newRandomId();
  await ctx.db.prisma.rack.create({
    data: { id: rackId, name, caseId: snapshot.caseId, ownerId: ctx.user.id, members: { create: { userId: ctx.user.id, role: 'owner' } } },
  });
  try {
    await collab.withRoom(rackId, (doc) => replaceRackContent(doc, snapshot));
  } catch (err) {
    await ctx.db.prisma.rack.delete({ where: { id: rackId } }).catch(() => undefined);
    throw err;
  }
  return { id: rackId };
}
