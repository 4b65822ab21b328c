import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { csvCell, type ExportTable, toCsv, toXlsx } from '../../src/reports/report-export.js';

/** The export's cell rules, on hand-made tables: no database. */
describe('report export: CSV cells', () => {
  it('guards text that a spreadsheet would run as a formula, and nothing else', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe(`"'=SUM(A1:A9)"`);
    expect(csvCell('+31 6 1234')).toBe(`"'+31 6 1234"`);
    expect(csvCell('-weg')).toBe(`"'-weg"`);
    expect(csvCell('@Coach')).toBe(`"'@Coach"`);
    expect(csvCell('\tverborgen')).toBe(`"'\tverborgen"`);
    expect(csvCell('\rregel')).toBe(`"'\rregel"`);
  });

  it('leaves numbers (negative ones too), percentages, markers and empty cells plain', () => {
    expect(csvCell('')).toBe('');
    expect(csvCell({ text: '' })).toBe('');
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell({ text: '-3', number: -3 })).toBe('-3');
    expect(csvCell('-27.5')).toBe('-27.5');
    expect(csvCell({ text: '83%', number: 0.833, percent: true })).toBe('83%');
    expect(csvCell('< 5')).toBe('< 5');
    expect(csvCell('–')).toBe('–');
    expect(csvCell('Team; Noord')).toBe('"Team; Noord"');
  });

  it('writes every table under its title, cells as shown', () => {
    const tables: ExportTable[] = [
      {
        title: 'Doorlooptijd',
        columns: ['Van', 'Dagen'],
        rows: [
          [{ text: 'Aangemeld' }, { text: '-4', number: -4 }],
          [{ text: 'Contract' }, { text: '' }],
        ],
      },
    ];
    expect(toCsv(tables)).toBe('\uFEFFDoorlooptijd\r\nVan;Dagen\r\nAangemeld;-4\r\nContract;\r\n');
  });
});

describe('report export: XLSX cells', () => {
  it('stores figures as numbers (percentages with a % format), markers as text, nothing as an empty cell', async () => {
    const tables: ExportTable[] = [
      {
        title: 'Trajecten',
        columns: ['Stap', 'Aantal mensen', 'Van de vorige stap', 'Doorstroom', 'Dagen'],
        rows: [
          [
            { text: 'Contract' },
            { text: '6', number: 6 },
            { text: '7', number: 7 },
            { text: '86%', number: 0.857, percent: true },
            { text: '27.5', number: 27.5 },
          ],
          [{ text: 'Na 6 maanden nog aan het werk' }, { text: '< 5' }, { text: '5', number: 5 }, { text: '–' }, { text: '' }],
        ],
      },
    ];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(tables)) as never);
    const sheet = workbook.getWorksheet('Trajecten')!;
    const contract = sheet.getRow(2);
    expect(contract.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(contract.getCell(2).value).toBe(6);
    expect(contract.getCell(3).value).toBe(7);
    expect(contract.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(contract.getCell(4).value).toBe(0.857);
    expect(contract.getCell(4).numFmt).toBe('0%');
    expect(contract.getCell(5).value).toBe(27.5);
    const suppressed = sheet.getRow(3);
    expect(suppressed.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(suppressed.getCell(2).value).toBe('< 5');
    expect(suppressed.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(suppressed.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(suppressed.getCell(4).value).toBe('–');
    expect(suppressed.getCell(5).type).toBe(ExcelJS.ValueType.Null);
  });
});
