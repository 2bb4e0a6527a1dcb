// The patch book's typeface. PDF's standard fonts (Helvetica) only encode Latin-1, so a rack
// called "Модуляр", a Greek patch name or a note with "→" came out as garbage. DejaVu Sans
// covers Latin, Greek, Cyrillic and many symbols; pdfkit embeds only the glyphs
// a book uses. (No CJK glyphs: those show as empty boxes; right-to-left scripts are not reordered.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Pdf = PDFKit.PDFDocument;

export const FONT = { regular: 'PatchroomSans', bold: 'PatchroomSans-Bold' } as const;

const require = createRequire(import.meta.url);
let files: { regular: Buffer; bold: Buffer } | null = null;

/** Read once per process: the two files are 1.4 MB together. */
function fontFiles(): { regular: Buffer; bold: Buffer } {
  files ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return files;
}

/** Makes FONT.regular and FONT.bold usable in `pdf` and selects the regular one. */
export function useBookFonts(pdf: Pdf): void {
  const { regular, bold } = fontFiles();
  pdf.registerFont(FONT.regular, regular);
  pdf.registerFont(FONT.bold, bold);
  pdf.font(FONT.regular);
}
