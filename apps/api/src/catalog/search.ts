// Catalog module search: filters become one Prisma `where`, pages follow the (maker, name, id)
// order with a keyset cursor, so a page never repeats or skips a module even when rows are
// imported between two page loads.
import type { PrismaClient } from '@patchroom/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

type FindModules = NonNullable<Parameters<PrismaClient['catalogModule']['findMany']>[0]>;
type ModuleWhere = NonNullable<FindModules['where']>;
type ModuleOrder = NonNullable<FindModules['orderBy']>;

export const DEFAULT_PAGE_SIZE = 50;
const MAX_TERMS = 8;

const hp = z.number().int().min(1).max(400);

export const moduleSearchInput = z
  .object({
    /** Free text: every word must appear in the maker, name, type, archetype, description or tags. */
    q: z.string().trim().max(100).optional(),
    /** Exact maker name (any case), as catalog.makers lists them. */
    maker: z.string().trim().max(100).optional(),
    type: z.string().trim().max(40).optional(),
    archetype: z.string().trim().max(40).optional(),
    tag: z.string().trim().max(40).optional(),
    hpMin: hp.optional(),
    hpMax: hp.optional(),
    /** Only modules that fit a gap this wide (the client passes the largest free gap of the rack). */
    maxHp: z.number().int().min(0).max(400).optional(),
    /** 3 for Eurorack rows, 1 for 1U rows. */
    heightU: z.union([z.literal(1), z.literal(3)]).optional(),
    limit: z.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(400).nullish(),
  })
  .refine((input) => input.hpMin === undefined || input.hpMax === undefined || input.hpMin <= input.hpMax, {
    message: 'hpMin must not be greater than hpMax',
    path: ['hpMin'],
  })
  .default({ limit: DEFAULT_PAGE_SIZE });

export type ModuleSearchInput = z.infer<typeof moduleSearchInput>;

/** Where the next page starts: the last module of this page, in the listing order. */
interface PagePosition {
  manufacturer: string;
  name: string;
  id: string;
}

export const MODULE_ORDER: ModuleOrder = [{ manufacturer: 'asc' }, { name: 'asc' }, { id: 'asc' }];

export function moduleSearchWhere(input: ModuleSearchInput): ModuleWhere {
  const filters: ModuleWhere[] = searchTerms(input.q).map((term) => ({ searchText: { contains: escapeLike(term) } }));
  if (input.maker) filters.push({ manufacturer: { equals: input.maker, mode: 'insensitive' } });
  if (input.type) filters.push({ type: input.type });
  if (input.archetype) filters.push({ archetype: input.archetype });
  if (input.tag) filters.push({ tags: { has: input.tag.toLowerCase() } });
  if (input.heightU) filters.push({ heightU: input.heightU });
  const widest = Math.min(input.hpMax ?? Infinity, input.maxHp ?? Infinity);
  if (input.hpMin !== undefined || widest !== Infinity) {
    filters.push({ hp: { ...(input.hpMin !== undefined ? { gte: input.hpMin } : {}), ...(widest !== Infinity ? { lte: widest } : {}) } });
  }
  if (input.cursor) filters.push(after(decodeCursor(input.cursor)));
  return { AND: filters };
}

/** Lower-cased words, as the stored search text is. */
function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/\s+/).filter((term) => term !== ''))].slice(0, MAX_TERMS);
}

/** Prisma's `contains` becomes LIKE without escaping: a typed `%` or `_` must match itself, not anything. */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function after(position: PagePosition): ModuleWhere {
  const { manufacturer, name, id } = position;
  return {
    OR: [{ manufacturer: { gt: manufacturer } }, { manufacturer, name: { gt: name } }, { manufacturer, name, id: { gt: id } }],
  };
}

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.manufacturer, position.name, position.id])).toString('base64url');
}

const cursorSchema = z.tuple([z.string(), z.string(), z.string()]);

function decodeCursor(cursor: string): PagePosition {
  try {
    const [manufacturer, name, id] = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { manufacturer, name, id };
  } catch {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is no longer valid; search again from the first page.' });
  }
}
