// The PDF patch book: a cover with the rack's name, owner and the rack drawn to scale with its
// module names; then one page per patch with its diagram, cable list, knob settings and the
// pattern grid; then every pattern. Text is real PDF text, so it can be searched and copied.
import type { PatchSnapshot, Pattern } from '@patchroom/doc-model';
import { patchDiagramLayers, rackDiagram, type Diagram, type DiagramRack } from '@patchroom/engine';
import PDFDocument from 'pdfkit';
import { diagramRackOf, moduleLabels, type ExportRack } from './model.ts';
import { FONT, useBookFonts } from './pdf-fonts.ts';
import { drawDiagram, drawShapes, label, place, placeStamp, recordStamp, type Placement, type Stamp } from './pdf-diagram.ts';
import { exportFileName } from './rack-json.ts';

type Pdf = PDFKit.PDFDocument;

const MARGIN = 36;
const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape, points
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const INK = '#111111';
const MUTED = '#555555';

/** Told after each page; awaiting it lets a caller yield to other work between pages. */
export type Progress = (fraction: number, step: string) => Promise<void>;

export interface PatchBookFile {
  fileName: string;
  bytes: Buffer;
}

const noProgress: Progress = async () => undefined;

export async function buildPatchBook(rack: ExportRack, progress: Progress = noProgress): Promise<PatchBookFile> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: `${rack.name} — patch book`, Author: rack.ownerName, Creator: 'Patchroom' },
  });
  useBookFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  const book = new Book(pdf, rack);
  const patches = rack.snapshot.patches;
  const total = patches.length + 2;
  await progress(0, 'Drawing the rack');
  book.cover();
  for (const [i, patch] of patches.entries()) {
    await progress((i + 1) / total, `Patch ${i + 1} of ${patches.length}`);
    book.patchPage(patch, i);
  }
  await progress((patches.length + 1) / total, 'Patterns');
  book.patternsAppendix();
  pdf.end();
  await ended;
  return { fileName: exportFileName(rack.name, 'pdf'), bytes: Buffer.concat(chunks) };
}

class Book {
  private readonly labels: Map<string, string>;
  private readonly diagramRack: DiagramRack;
  /** The rack behind every patch diagram: drawn once, placed on each patch page. */
  private rackBehindPatches: { stamp: Stamp; base: Diagram; at: Placement } | null = null;
  private transportGrid: { stamp: Stamp; height: number } | null = null;

  constructor(
    private readonly pdf: Pdf,
    private readonly rack: ExportRack,
  ) {
    this.labels = moduleLabels(rack);
    this.diagramRack = diagramRackOf(rack);
  }

  cover(): void {
    const { pdf, rack } = this;
    const s = rack.snapshot;
    pdf.font(FONT.bold).fontSize(28).fillColor(INK).text(rack.name, MARGIN, MARGIN, { width: CONTENT_WIDTH });
    pdf.font(FONT.regular).fontSize(12).fillColor(MUTED);
    pdf.text(`Patch book by ${rack.ownerName}`);
    pdf.text(`${rack.caseName} · ${s.modules.length} modules · ${s.patches.length} patches · ${s.patterns.length} patterns`);
    pdf.moveDown(0.8);
    const top = pdf.y;
    drawDiagram(pdf, rackDiagram(this.diagramRack), { x: MARGIN, y: top, width: CONTENT_WIDTH, height: PAGE.height - MARGIN - top });
    this.moduleListPage();
  }

  /** Module names in reading order, for readers of the text (the panels' names can be tiny). */
  private moduleListPage(): void {
    const { pdf, rack } = this;
    pdf.addPage();
    this.heading('Modules');
    const lines = rack.snapshot.modules.map((m) => {
      const where = m.parked ? 'parked' : `row ${m.row + 1}, HP ${m.hp + 1}`;
      return `${this.labels.get(m.id)} — ${m.widthHp} HP, ${where}`;
    });
    this.list(lines.length ? lines : ['The rack has no modules yet.'], 3);
    if (rack.snapshot.notes.trim()) {
      pdf.moveDown();
      this.subheading('Rack notes');
      pdf.font(FONT.regular).fontSize(10).fillColor(INK).text(rack.snapshot.notes, { width: CONTENT_WIDTH });
    }
  }

  patchPage(patch: PatchSnapshot, index: number): void {
    const { pdf } = this;
    pdf.addPage();
    this.heading(`Patch ${index + 1}: ${patch.name}`);
    pdf.font(FONT.regular).fontSize(10).fillColor(MUTED).text(`Category: ${patch.category}${patch.provenance ? ` · generated from seed ${String(patch.provenance.seed)}` : ''}`);
    if (patch.notes.trim()) pdf.fillColor(INK).text(patch.notes, { width: CONTENT_WIDTH });
    pdf.moveDown(0.5);
    const top = pdf.y;
    const { base, overlay } = patchDiagramLayers(this.diagramRack, patch.cables);
    this.rackBehindPatches ??= this.recordRack(base);
    const { stamp, at } = this.rackBehindPatches;
    placeStamp(pdf, stamp, 0, top);
    drawShapes(pdf, overlay, { ...at, top: at.top + top });
    pdf.x = MARGIN;
    pdf.y = top + at.height + 10;
    this.subheading(`Cables (${patch.cables.length})`);
    this.list(patch.cables.length ? patch.cables.map((c, i) => `${i + 1}. ${this.jackLabel(c.from)} -> ${this.jackLabel(c.to)}`) : ['No cables in this patch.'], 3);
    pdf.moveDown(0.5);
    this.subheading(`Knob settings (${patch.knobs.length})`);
    this.list(patch.knobs.length ? patch.knobs.map((k) => this.knobLine(k)) : ['Every knob at its default.'], 4);
    pdf.moveDown(0.5);
    this.placeTransportGrid();
  }

  /** The pattern that plays with the patches, the same on every patch page: recorded once. */
  private placeTransportGrid(): void {
    const { pdf } = this;
    const pattern = this.transportPattern();
    if (!pattern) return this.list(['The rack has no patterns.'], 1);
    if (!this.transportGrid) {
      const [x, y] = [pdf.x, pdf.y];
      let height = 0;
      const role = pattern.id === this.rack.snapshot.transport.patternId ? "the transport's pattern" : 'the first pattern';
      const stamp = recordStamp(pdf, () => {
        pdf.y = 0;
        this.patternGrid(pattern, role, false);
        height = pdf.y;
      });
      [pdf.x, pdf.y] = [x, y];
      this.transportGrid = { stamp, height };
    }
    const { stamp, height } = this.transportGrid;
    if (pdf.y + height > PAGE.height - MARGIN) {
      pdf.addPage();
      pdf.y = MARGIN;
    }
    placeStamp(pdf, stamp, 0, pdf.y);
    pdf.y += height;
  }

  private recordRack(base: Diagram): { stamp: Stamp; base: Diagram; at: Placement } {
    const at = place(base, { x: MARGIN, y: 0, width: CONTENT_WIDTH, height: 200 });
    return { stamp: recordStamp(this.pdf, () => drawShapes(this.pdf, base.shapes, at)), base, at };
  }

  patternsAppendix(): void {
    const patterns = this.rack.snapshot.patterns;
    if (patterns.length === 0) return;
    this.pdf.addPage();
    this.heading('Patterns');
    for (const pattern of patterns) this.patternGrid(pattern, null);
  }

  private transportPattern(): Pattern | null {
    const { patterns, transport } = this.rack.snapshot;
    return patterns.find((p) => p.id === transport.patternId) ?? patterns[0] ?? null;
  }

  /** Tracks as rows of step cells (filled when on, darker when louder), with the steps as text. */
  private patternGrid(pattern: Pattern, role: string | null, breakPage = true): void {
    const { pdf } = this;
    const cell = Math.min(12, (CONTENT_WIDTH - 220) / pattern.length);
    const needed = 30 + pattern.tracks.length * (cell + 4);
    if (breakPage && pdf.y + needed > PAGE.height - MARGIN) pdf.addPage();
    this.subheading(`Pattern: ${pattern.name}${role ? ` (${role})` : ''} — ${pattern.bpm} BPM, swing ${pattern.swing} %, ${pattern.length} steps`);
    for (const [t, track] of pattern.tracks.entries()) {
      const y = pdf.y;
      const target = track.target ? this.jackLabel(track.target) : 'unassigned';
      pdf.font(FONT.regular).fontSize(8).fillColor(INK);
      label(pdf, `Track ${t + 1} -> ${target}`, MARGIN, y + 2, 200);
      // One path per shade: a 64-step, 8-track grid is a handful of drawing operations, not 512.
      const byShade = new Map<number, number[]>();
      track.steps.forEach((step, i) => {
        const shade = step.on ? Math.round(200 - (step.velocity / 127) * 170) : 255;
        byShade.set(shade, [...(byShade.get(shade) ?? []), i]);
      });
      pdf.lineWidth(0.4);
      for (const [shade, steps] of byShade) {
        for (const i of steps) pdf.rect(MARGIN + 210 + i * cell, y, cell - 2, cell - 2);
        pdf.fillAndStroke(`#${shade.toString(16).padStart(2, '0').repeat(3)}`, '#777777');
      }
      pdf.x = MARGIN;
      pdf.y = y + cell + 2;
    }
    pdf.moveDown(0.5);
  }

  private jackLabel(ref: { moduleId: string; jackId: string }): string {
    const module = this.rack.snapshot.modules.find((m) => m.id === ref.moduleId);
    const jack = module && this.rack.catalog.get(module.catalogId)?.jacks.find((j) => j.id === ref.jackId);
    return `${this.labels.get(ref.moduleId) ?? ref.moduleId} ${jack?.name ?? ref.jackId}`;
  }

  private knobLine(k: { moduleId: string; controlId: string; value: number }): string {
    const module = this.rack.snapshot.modules.find((m) => m.id === k.moduleId);
    const control = module && this.rack.catalog.get(module.catalogId)?.controls.find((c) => c.id === k.controlId);
    const value = Number(k.value.toFixed(3));
    const range = control ? ` (${control.min} to ${control.max})` : '';
    return `${this.labels.get(k.moduleId) ?? k.moduleId} ${control?.name ?? k.controlId}: ${value}${range}`;
  }

  private heading(text: string): void {
    this.pdf.font(FONT.bold).fontSize(18).fillColor(INK).text(text, MARGIN, MARGIN, { width: CONTENT_WIDTH });
    this.pdf.moveDown(0.3);
  }

  private subheading(text: string): void {
    this.pdf.font(FONT.bold).fontSize(11).fillColor(INK).text(text, MARGIN, this.pdf.y, { width: CONTENT_WIDTH });
    this.pdf.moveDown(0.2);
  }

  /** Lines in up to `columns` balanced columns, continued on new pages when the page is full. */
  private list(lines: string[], columns: number): void {
    const { pdf } = this;
    const lineHeight = 11;
    const columnWidth = (CONTENT_WIDTH - (columns - 1) * 14) / columns;
    pdf.font(FONT.regular).fontSize(9).fillColor(INK);
    let rest = lines;
    while (rest.length > 0) {
      let rowsFree = Math.floor((PAGE.height - MARGIN - pdf.y) / lineHeight);
      if (rowsFree < 1) {
        pdf.addPage();
        pdf.y = MARGIN;
        rowsFree = Math.floor((PAGE.height - 2 * MARGIN) / lineHeight);
      }
      const take = rest.slice(0, rowsFree * columns);
      const rows = Math.ceil(take.length / columns);
      const top = pdf.y;
      take.forEach((line, i) => {
        const x = MARGIN + Math.floor(i / rows) * (columnWidth + 14);
        label(pdf, line, x, top + (i % rows) * lineHeight, columnWidth);
      });
      rest = rest.slice(take.length);
      pdf.x = MARGIN;
      pdf.y = top + rows * lineHeight;
    }
  }
}
