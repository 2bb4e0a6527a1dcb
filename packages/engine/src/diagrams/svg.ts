// Renders a diagram as a standalone SVG document (sizes in millimetres). Deterministic text:
// same diagram ⇒ byte-identical SVG.
import type { Diagram, Shape } from './types.ts';

export function diagramToSvg(diagram: Diagram, title: string): string {
  const { width, height } = diagram;
  const body = diagram.shapes.map(shapeToSvg).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

function shapeToSvg(shape: Shape): string {
  switch (shape.kind) {
    case 'rect':
      return `<rect x="${shape.x}" y="${shape.y}" width="${shape.w}" height="${shape.h}" rx="${shape.radius}" fill="${shape.fill}" stroke="${shape.stroke}" stroke-width="0.3"/>`;
    case 'circle':
      return `<circle cx="${shape.cx}" cy="${shape.cy}" r="${shape.r}" fill="${shape.fill}" stroke="${shape.stroke}" stroke-width="0.4"/>`;
    case 'curve': {
      const [a, b, c, d] = [shape.from, shape.c1, shape.c2, shape.to].map((p) => `${p[0]} ${p[1]}`);
      return `<path d="M ${a} C ${b} ${c} ${d}" fill="none" stroke="${shape.color}" stroke-width="${shape.width}" stroke-linecap="round"/>`;
    }
    case 'text': {
      const rotate = shape.rotate ? ` transform="rotate(${shape.rotate} ${shape.x} ${shape.y})"` : '';
      return `<text x="${shape.x}" y="${shape.y}" font-size="${shape.size}" fill="${shape.color}" text-anchor="${shape.anchor}"${rotate}>${escapeXml(shape.text)}</text>`;
    }
  }
}

export function escapeXml(value: string): string {
  // Control characters are not allowed in XML at all: they are dropped.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
