import { newRandomId } from '@patchroom/db';
import { readTransport, stop } from '@patchroom/doc-model';
import * as Y from 'yjs';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';
import type { Context } from '../trpc/context.ts';
import { idInput, liveRooms, readableRack } from './visibility.ts';

const rackName = z.string().trim().min(1, 'Give the rack a name.').max(80, 'Use at most 80 characters.');

function forkName(name: string): string {
  const suffix = ' (fork)';
  return name.length + suffix.length <= 80 ? name + suffix : name.slice(0, 80 - suffix.length) + suffix;
}

/** Whether the caller may see a rack exist: members, or anyone when public. */
async function visibleRackIds(ctx: Context, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db.prisma.rack.findMany({
    where: { id: { in: ids }, OR: [{ visibility: 'public' }, ...(ctx.user ? [{ members: { some: { userId: ctx.user.id } } }] : [])] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** `racks.fork` and `racks.lineage`, merged into the racks router. */
export const forksRouter = router({
  /**
   * Copies the current state of a rack the caller can read (its live room: modules, patches,
   * cables, knobs, patterns, notes) into a new rack they own, remembering where it came from.
   */
  fork: authedProcedure.input(z.object({ id: idInput, name: rackName.optional() })).mutation(async ({ ctx, input }) => {
    await readableRack(ctx, input.id);
    const collab = liveRooms(ctx);
    const source = await ctx.db.prisma.rack.findUniqueOrThrow({ where: { id: input.id }, select: { name: true, caseId: true } });
    const state = await collab.withRoom(input.id, (doc) => Y.encodeStateAsUpdate(doc));
    const id = newRandomId();
    await ctx.db.prisma.rack.create({
      data: {
        id,
        name: input.name ?? forkName(source.name),
        caseId: source.caseId,
        ownerId: ctx.user.id,
        forkedFromRackId: input.id,
        members: { create: { userId: ctx.user.id, role: 'owner' } },
      },
    });
    try {
      // The new room sets itself up for the same case exactly as the source did (a deterministic
      // writer), so the copied state merges in without a second set of rows or patches.
      await collab.withRoom(id, (doc) => {
        Y.applyUpdate(doc, state);
        // A new rack opens silent, whatever the source was doing when it was copied.
        if (readTransport(doc).playing) stop(doc);
      });
    } catch (error) {
      await ctx.db.prisma.rack.delete({ where: { id } }).catch(() => undefined);
      throw error;
    }
    return { id };
  }),

  /** Where a rack came from and which racks were forked from it, as far as the caller may see. */
  lineage: publicProcedure.input(z.object({ id: idInput })).query(async ({ ctx, input }) => {
    await readableRack(ctx, input.id);
    const rack = await ctx.db.prisma.rack.findUniqueOrThrow({
      where: { id: input.id },
      select: {
        forkedFrom: { select: { id: true, name: true, owner: { select: { id: true, displayName: true } } } },
        forks: { select: { id: true, name: true, owner: { select: { id: true, displayName: true } } }, orderBy: { createdAt: 'asc' }, take: 200 },
      },
    });
    const visible = await visibleRackIds(ctx, [...(rack.forkedFrom ? [rack.forkedFrom.id] : []), ...rack.forks.map((f) => f.id)]);
    const parent = rack.forkedFrom;
    return {
      forkedFrom: parent ? (visible.has(parent.id) ? { ...parent, private: false as const } : { private: true as const }) : null,
      forks: rack.forks.filter((f) => visible.has(f.id)),
      privateForks: rack.forks.filter((f) => !visible.has(f.id)).length,
    };
  }),
});

