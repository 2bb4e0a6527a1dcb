// Draws engine diagrams (shapes in millimetres) into pdfkit pages, fast enough for a 100-page
// book: runs of alike rectangles and circles become one path, labels skip pdfkit's line
// wrapper, and a part shared by many pages (the rack behind every patch) is recorded once as a
// PDF form XObject and placed on each page by reference.
import type { Diagram, Shape } from '@patchroom/engine';
import { FONT } from './pdf-fonts.ts';

type Pdf = PDFKit.PDFDocument;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a diagram lands on the page: its top-left corner and points per millimetre. */
export interface Placement {
  left: number;
  top: number;
  scale: number;
  height: number;
}

/** The largest placement of `diagram` inside `box`, centred horizontally. */
export function place(diagram: Pick<Diagram, 'width' | 'height'>, box: Box): Placement {
  const scale = Math.min(box.width / diagram.width, box.height / diagram.height);
  return { left: box.x + (box.width - diagram.width * scale) / 2, top: box.y, scale, height: diagram.height * scale };
}

/** Draws the diagram as large as fits in `box`; returns the height used. */
export function drawDiagram(pdf: Pdf, diagram: Diagram, box: Box): number {
  const at = place(diagram, box);
  drawShapes(pdf, diagram.shapes, at);
  return at.height;
}

// pdfkit 0.20's internals used below (pinned version): the current page object, and the
// single-line text writer that text() calls after wrapping.
interface PdfInternals {
  page: { write(chunk: string): void; resources: unknown };
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
}
const internals = (pdf: Pdf) => pdf as unknown as PdfInternals;

/** One line of text at (x, y = top of the line), shortened with "..." to fit `width` if given. */
export function label(pdf: Pdf, text: string, x: number, y: number, width?: number, baseline?: 'alphabetic'): void {
  let shown = text;
  if (width !== undefined && pdf.widthOfString(shown) > width) {
    while (shown.length > 1 && pdf.widthOfString(`${shown}...`) > width) shown = shown.slice(0, Math.max(1, Math.floor(shown.length * 0.9)));
    shown = `${shown.trimEnd()}...`;
  }
  internals(pdf)._fragment(shown, x, y, baseline ? { baseline } : {});
}

export interface Stamp {
  name: string;
  ref: PDFKit.PDFKitReference;
}

let stamps = 0;

/**
 * Records what `draw` paints as a form XObject: drawn once into the file, shown on any page
 * with `placeStamp` at the cost of one reference. Coordinates inside are page coordinates.
 */
export function recordStamp(pdf: Pdf, draw: () => void): Stamp {
  const inner = internals(pdf);
  const page = inner.page;
  const resources = pdf.ref({ ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC', 'ImageI'] });
  const form = pdf.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, pdf.page.width, pdf.page.height], Resources: resources });
  // pdfkit writes to `page` and registers fonts in its resources: a stand-in page sends both
  // into the form instead, and inherits the page size that pdfkit's text placement reads.
  const standIn = Object.create(page) as PdfInternals['page'];
  standIn.write = (chunk: string) => form.write(chunk);
  standIn.resources = resources;
  inner.page = standIn;
  try {
    pdf.save();
    draw();
    pdf.restore();
  } finally {
    inner.page = page;
  }
  // The typings want a last chunk; pdfkit's own calls end these without one.
  for (const ref of [resources, form]) (ref as unknown as { end(): void }).end();
  stamps += 1;
  return { name: `Stamp${stamps}`, ref: form };
}

/** Shows a recorded stamp on the current page, moved by (dx, dy). */
export function placeStamp(pdf: Pdf, stamp: Stamp, dx = 0, dy = 0): void {
  const resources = (internals(pdf).page.resources as { data: { XObject?: Record<string, unknown> } }).data;
  (resources.XObject ??= {})[stamp.name] = stamp.ref;
  pdf.save();
  pdf.translate(dx, dy);
  pdf.addContent(`/${stamp.name} Do`);
  pdf.restore();
}

/** Draws shapes in order; consecutive rectangles or circles of the same colours share one path. */
export function drawShapes(pdf: Pdf, shapes: readonly Shape[], at: Placement): void {
  const x = (mm: number) => at.left + mm * at.scale;
  const y = (mm: number) => at.top + mm * at.scale;
  pdf.save();
  let i = 0;
  while (i < shapes.length) {
    const shape = shapes[i]!;
    if (shape.kind === 'rect' || shape.kind === 'circle') {
      let j = i;
      pdf.lineWidth((shape.kind === 'rect' ? 0.3 : 0.4) * at.scale);
      for (; j < shapes.length; j++) {
        const s = shapes[j]!;
        if (s.kind !== shape.kind || s.fill !== shape.fill || s.stroke !== shape.stroke) break;
        if (s.kind === 'rect') pdf.roundedRect(x(s.x), y(s.y), s.w * at.scale, s.h * at.scale, s.radius * at.scale);
        else if (s.kind === 'circle') pdf.circle(x(s.cx), y(s.cy), s.r * at.scale);
      }
      pdf.fillAndStroke(shape.fill, shape.stroke);
      i = j;
      continue;
    }
    if (shape.kind === 'curve') {
      pdf
        .lineWidth(shape.width * at.scale)
        .lineCap('round')
        .moveTo(x(shape.from[0]), y(shape.from[1]))
        .bezierCurveTo(x(shape.c1[0]), y(shape.c1[1]), x(shape.c2[0]), y(shape.c2[1]), x(shape.to[0]), y(shape.to[1]))
        .stroke(shape.color);
    } else {
      const size = shape.size * at.scale;
      pdf.font(FONT.regular).fontSize(size).fillColor(shape.color);
      const width = shape.anchor === 'middle' ? pdf.widthOfString(shape.text) : 0;
      const [tx, ty] = [x(shape.x), y(shape.y)];
      if (shape.rotate) {
        pdf.save();
        pdf.rotate(shape.rotate, { origin: [tx, ty] });
        label(pdf, shape.text, tx - width / 2, ty, undefined, 'alphabetic');
        pdf.restore();
      } else {
        label(pdf, shape.text, tx - width / 2, ty, undefined, 'alphabetic');
      }
    }
    i += 1;
  }
  pdf.restore();
}
