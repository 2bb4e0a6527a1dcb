// Results: one JSON line per figure on stdout (machine-readable), notes on stderr.

export interface Result {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** The same figure measured on the baseline in the same run. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  /** The target, as a person would say it. */
  bar?: string;
  ok?: boolean;
  /** Extra context (counts, settings) that helps read the figure. */
  detail?: Record<string, unknown>;
}

let deterministicFailure = false;

export function emit(result: Result): void {
  const { bench, metric, value, unit, baseline, bar, ok, detail } = result;
  const line: Result = { bench, metric, value: round(value), unit };
  if (baseline !== undefined) {
    line.baseline = round(baseline);
    if (baseline !== 0) line.ratio = round(value / baseline, 3);
  }
  if (bar !== undefined) Object.assign(line, { bar, ok });
  if (detail !== undefined) line.detail = detail;
  process.stdout.write(JSON.stringify(line) + '\n');
}

/** A bar whose failure is not down to machine noise (data lost, bytes grown): fails the run. */
export function failDeterministic(): void {
  deterministicFailure = true;
}

export function hasDeterministicFailure(): boolean {
  return deterministicFailure;
}

/** Something the bench needs is not there (yet): one line saying so, and the run goes on. */
export function unavailable(bench: string, error: string): void {
  process.stdout.write(JSON.stringify({ bench, error }) + '\n');
}

export function note(bench: string, message: string): void {
  process.stderr.write(`[${bench}] ${message}\n`);
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
