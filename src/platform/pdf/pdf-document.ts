import { createRequire } from 'node:module';
// eslint-disable-next-line no-restricted-imports -- the one place that creates PDFKit documents, so every one embeds the fonts below
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans from the dejavu-fonts-ttf package, resolved like a module so it
 * is found from src/ (tests) and dist/ (built) alike. PDFKit's built-in
 * Helvetica only has Western European letters: "Ayşe Yılmaz" and
 * "Łukasz Żółć" came out garbled. DejaVu covers Latin Extended and more.
 */
export const PDF_FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

/** The names to pass to `document.font(...)`. */
export const PDF_FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

/**
 * A PDFKit document that writes with the embedded DejaVu fonts (regular is
 * current; bold is registered) and never falls back to a built-in font, with
 * its bytes collected into one Buffer once the caller ends it.
 */
export function createPdfDocument(options: PDFKit.PDFDocumentOptions): { document: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const document = new PDFDocument({ ...options, font: PDF_FONT_FILES.regular } as PDFKit.PDFDocumentOptions);
  document.registerFont(PDF_FONT.regular, PDF_FONT_FILES.regular);
  document.registerFont(PDF_FONT.bold, PDF_FONT_FILES.bold);
  document.font(PDF_FONT.regular);
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  return { document, bytes };
}
