// The clock ping/pong carried as Hocuspocus stateless messages on a room's socket. The client
// stamps t0 on its clock; the server answers to that connection only with t1 (arrival) and t2
// (departure) on its clock, the room's shared clock.

export interface ClockPing {
  clock: 'ping';
  id: number;
  t0: number;
}

export interface ClockPong {
  clock: 'pong';
  id: number;
  t0: number;
  t1: number;
  t2: number;
}

/** Stateless payloads longer than this are not clock messages (read no further). */
const MAX_LENGTH = 200;

export function encodePing(id: number, t0: number): string {
  return JSON.stringify({ clock: 'ping', id, t0 } satisfies ClockPing);
}

export function encodePong(ping: ClockPing, t1: number, t2: number): string {
  return JSON.stringify({ clock: 'pong', id: ping.id, t0: ping.t0, t1, t2 } satisfies ClockPong);
}

export function parsePing(payload: string): ClockPing | null {
  const value = parse(payload);
  if (!value || value.clock !== 'ping' || !finite(value.id) || !finite(value.t0)) return null;
  return { clock: 'ping', id: value.id as number, t0: value.t0 as number };
}

export function parsePong(payload: string): ClockPong | null {
  const value = parse(payload);
  if (!value || value.clock !== 'pong' || ![value.id, value.t0, value.t1, value.t2].every(finite)) return null;
  return { clock: 'pong', id: value.id as number, t0: value.t0 as number, t1: value.t1 as number, t2: value.t2 as number };
}

function parse(payload: string): Record<string, unknown> | null {
  if (typeof payload !== 'string' || payload.length > MAX_LENGTH || !payload.startsWith('{"clock"')) return null;
  try {
    const value: unknown = JSON.parse(payload);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
