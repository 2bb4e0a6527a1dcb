// What every export reads: the rack's record (name, owner, case), its live document as a plain
// snapshot, and the catalog entries of its modules. Readable by members and, for public
// racks, by anyone signed in.
import { catalogModuleFromRow, getRackAccessRole } from '@patchroom/db';
import { toSnapshot, type RackSnapshot } from '@patchroom/doc-model';
import type { CatalogModule, DiagramRack } from '@patchroom/engine';
import { TRPCError } from '@trpc/server';
import type { Context } from '../trpc/context.ts';

export interface ExportRack {
  id: string;
  name: string;
  ownerName: string;
  caseName: string;
  snapshot: RackSnapshot;
  /** Catalog entries by catalog id (modules the catalog no longer has are missing). */
  catalog: Map<string, CatalogModule>;
}

export const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or you have no access to it.' });

/** Members read any rack; others only public ones. Private racks stay indistinguishable from absent. */
export async function requireReadable(ctx: Context, rackId: string): Promise<void> {
  if (!(await getRackAccessRole(ctx.db, rackId, ctx.user?.id ?? null))) throw notFound();
}

export function liveRooms(ctx: Context) {
  if (!ctx.collab) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Live rooms are not reachable from this server.' });
  return ctx.collab;
}

export async function loadExportRack(ctx: Context, rackId: string): Promise<ExportRack> {
  await requireReadable(ctx, rackId);
  const rack = await ctx.db.prisma.rack.findUnique({
    where: { id: rackId },
    include: { owner: { select: { displayName: true } }, case: { select: { name: true, manufacturer: true } } },
  });
  if (!rack) throw notFound();
  const snapshot = await liveRooms(ctx).withRoom(rackId, (doc) => toSnapshot(doc));
  const ids = [...new Set(snapshot.modules.map((m) => m.catalogId))];
  const rows = await ctx.db.prisma.catalogModule.findMany({ where: { id: { in: ids } } });
  return {
    id: rack.id,
    name: rack.name,
    ownerName: rack.owner.displayName,
    caseName: `${rack.case.manufacturer} ${rack.case.name}`,
    snapshot,
    catalog: new Map(rows.map((row) => [row.id, catalogModuleFromRow(row)])),
  };
}

/** The rack as the diagrams draw it: catalog names and jacks on every panel. */
export function diagramRackOf(rack: Pick<ExportRack, 'snapshot' | 'catalog'>): DiagramRack {
  return {
    rows: rack.snapshot.rows,
    modules: rack.snapshot.modules.map((m) => {
      const entry = rack.catalog.get(m.catalogId);
      return {
        id: m.id,
        name: entry?.name ?? m.catalogId,
        row: m.row,
        hp: m.hp,
        widthHp: m.widthHp,
        parked: m.parked,
        jacks: (entry?.jacks ?? []).map((j) => ({ id: j.id, name: j.name, dir: j.dir })),
      };
    }),
  };
}

/** "Plaits" or, when two panels share a catalog module, "Plaits (2)": names a person can follow. */
export function moduleLabels(rack: Pick<ExportRack, 'snapshot' | 'catalog'>): Map<string, string> {
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const m of rack.snapshot.modules) {
    const name = rack.catalog.get(m.catalogId)?.name ?? m.catalogId;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    labels.set(m.id, n === 1 ? name : `${name} (${n})`);
  }
  return labels;
}
