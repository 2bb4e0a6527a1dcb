// Draws an engine diagram (shapes in millimetres) into a pdfkit page, scaled into a box.
import type { Diagram, Shape } from '@patchroom/engine';

type Pdf = PDFKit.PDFDocument;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Draws the diagram as large as fits in `box`, centred horizontally; returns the height used. */
export function drawDiagram(pdf: Pdf, diagram: Diagram, box: Box): number {
  const scale = Math.min(box.width / diagram.width, box.height / diagram.height);
  const left = box.x + (box.width - diagram.width * scale) / 2;
  const at = (x: number, y: number): [number, number] => [left + x * scale, box.y + y * scale];
  pdf.save();
  for (const shape of diagram.shapes) drawShape(pdf, shape, scale, at);
  pdf.restore();
  return diagram.height * scale;
}

function drawShape(pdf: Pdf, shape: Shape, scale: number, at: (x: number, y: number) => [number, number]): void {
  switch (shape.kind) {
    case 'rect': {
      const [x, y] = at(shape.x, shape.y);
      pdf.lineWidth(0.3 * scale).roundedRect(x, y, shape.w * scale, shape.h * scale, shape.radius * scale).fillAndStroke(shape.fill, shape.stroke);
      return;
    }
    case 'circle': {
      const [x, y] = at(shape.cx, shape.cy);
      pdf.lineWidth(0.4 * scale).circle(x, y, shape.r * scale).fillAndStroke(shape.fill, shape.stroke);
      return;
    }
    case 'curve': {
      const [from, c1, c2, to] = [shape.from, shape.c1, shape.c2, shape.to].map((p) => at(p[0], p[1]));
      pdf.lineWidth(shape.width * scale).lineCap('round').moveTo(...from!).bezierCurveTo(...c1!, ...c2!, ...to!).stroke(shape.color);
      return;
    }
    case 'text': {
      const [x, y] = at(shape.x, shape.y);
      const size = shape.size * scale;
      pdf.save();
      if (shape.rotate) pdf.rotate(shape.rotate, { origin: [x, y] });
      pdf.font('Helvetica').fontSize(size).fillColor(shape.color);
      const width = pdf.widthOfString(shape.text);
      // SVG places text by its baseline; pdfkit by the top of the line.
      pdf.text(shape.text, shape.anchor === 'middle' ? x - width / 2 : x, y - size * 0.78, { lineBreak: false });
      pdf.restore();
      return;
    }
  }
}
