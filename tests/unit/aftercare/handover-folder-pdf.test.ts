import { describe, expect, it } from '@jest/globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { type HandoverFolder, handoverFolderPdf } from '../../../src/aftercare/handover-folder.service.js';

const EMPLOYEE = 'Ayşe Yılmaz';
const EMPLOYER = 'Łukasz Żółć';
const COACH = 'Đorđe Čolić-Ševčenko';

const folder: HandoverFolder = {
  employerName: EMPLOYER,
  employeeName: EMPLOYEE,
  contact: { name: COACH, phone: '06-12345678', email: 'dorde@werkbrug.test' },
  confirmed: true,
  employerConfirmed: true,
  agreements: [
    { key: 'finances', label: 'Financiën en reiskosten', applicable: true, text: 'Reiskosten: Şükrü regelt het', owner: 'Małgorzata' },
  ],
  expectations: [{ key: 'tasks', label: 'Taken', applicable: false, text: '' }],
  plan: { frequencyLabel: 'elke maand', forms: 'bellen', whoContactsLabel: 'allebei', plannedAftercareEnd: '2026-12-31' },
};

/** The text of every page, one string per line as pdf.js lays the text items out. */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
  }
  await pdf.destroy();
  return lines.join('\n');
}

/** The BaseFont names of the fonts in the file (font dictionaries are not compressed by PDFKit). */
function baseFonts(bytes: Buffer): string[] {
  return [...bytes.toString('latin1').matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((match) => match[1]);
}

describe('the employer folder PDF', () => {
  it('keeps names with Latin Extended letters exactly as written', async () => {
    const text = await pdfText(await handoverFolderPdf(folder));
    expect(text).toContain(`Voor ${EMPLOYER}, over het werk van ${EMPLOYEE}.`);
    expect(text).toContain(COACH);
    expect(text).toContain('Reiskosten: Şükrü regelt het (Małgorzata)');
    expect(text).toContain('Financiën');
  });

  it('embeds DejaVu Sans (regular and bold) and no built-in font', async () => {
    const fonts = baseFonts(await handoverFolderPdf(folder));
    // Embedded subsets are named with a six-letter tag: ABCDEF+DejaVuSans.
    expect([...new Set(fonts.map((name) => name.replace(/^[A-Z]{6}\+/, '')))].sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    expect(fonts.every((name) => /^[A-Z]{6}\+/.test(name))).toBe(true);
  });
});
