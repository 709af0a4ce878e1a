import {
  CARGO_CATEGORIES,
  CARGO_CATEGORY_LABELS,
  listCities,
  listCounties,
  listProvinces,
} from '@app/domain';
import ExcelJS from 'exceljs';
import { BATCH_COLUMNS } from './batch-columns';
import type { BatchRowResult } from './batch.record';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CODES_SHEET = '代码表';
const TEXT_FORMAT = '@';

/**
 * The template: the application columns with Chinese headers (each explained in a note), one
 * sample row, and a second sheet listing the cargo categories and every county with its code,
 * generated from the same data package that validates applications.
 */
export async function buildTemplate(sample: Record<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'e-Pass';
  const sheet = workbook.addWorksheet('批量申请', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = BATCH_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(12, c.header.length * 3),
    // Codes, phones and plates stay text: Excel would drop a leading zero or show 1.39E+10.
    style: { numFmt: TEXT_FORMAT },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  BATCH_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).note = `${c.required ? '必填' : '选填'}: ${c.hint}`;
  });
  sheet.addRow(BATCH_COLUMNS.map((c) => sample[c.field] ?? ''));
  const cargoColumn = BATCH_COLUMNS.findIndex((c) => c.field === 'cargoCategory') + 1;
  for (let r = 2; r <= 501; r++) {
    sheet.getCell(r, cargoColumn).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`'${CODES_SHEET}'!$B$2:$B$${CARGO_CATEGORIES.length + 1}`],
    };
  }

  const codes = workbook.addWorksheet(CODES_SHEET);
  codes.columns = [
    { header: '货物类别代码 cargo', key: 'cargo', width: 26 },
    { header: '货物类别 category', key: 'cargoZh', width: 18 },
    { header: 'Category', key: 'cargoEn', width: 28 },
    { header: '', key: 'gap', width: 4 },
    { header: '区划代码 county code', key: 'code', width: 20, style: { numFmt: TEXT_FORMAT } },
    { header: '省 province', key: 'province', width: 16 },
    { header: '市 city', key: 'city', width: 18 },
    { header: '县/区 county', key: 'county', width: 20 },
  ];
  codes.getRow(1).font = { bold: true };
  const counties = listProvinces().flatMap((province) =>
    listCities(province.gbCode).flatMap((city) =>
      listCounties(city.gbCode).map((county) => ({ province, city, county })),
    ),
  );
  const height = Math.max(CARGO_CATEGORIES.length, counties.length);
  for (let i = 0; i < height; i++) {
    const cargo = CARGO_CATEGORIES[i];
    const place = counties[i];
    codes.addRow({
      cargo: cargo ?? '',
      cargoZh: cargo ? CARGO_CATEGORY_LABELS[cargo].zh : '',
      cargoEn: cargo ? CARGO_CATEGORY_LABELS[cargo].en : '',
      code: place?.county.gbCode ?? '',
      province: place?.province.name ?? '',
      city: place?.city.name ?? '',
      county: place?.county.name ?? '',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const STATUS_TEXT: Record<BatchRowResult['status'], string> = {
  issued: '已签发 issued',
  pending_review: '待审核 pending review',
  invalid: '有误 invalid',
  refused: '被拒 refused',
};

/**
 * The uploaded rows back, each with its outcome. Every cell is written as a string value, so a
 * cell that starts with = + - @ stays text in Excel and is never a formula.
 */
export async function buildResult(
  headers: readonly string[],
  rows: readonly BatchRowResult[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'e-Pass';
  const sheet = workbook.addWorksheet('结果 result', { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = sheet.addRow([
    ...headers,
    '行 row',
    '结果 status',
    '通行证编号 pass number',
    '错误 errors',
  ]);
  head.font = { bold: true };
  for (const row of rows) {
    const errors = (row.errors ?? []).map(
      (e) => `${e.column ?? e.field}: ${e.message} (${e.code})`,
    );
    sheet.addRow([
      ...headers.map((_, i) => row.cells[i] ?? ''),
      String(row.row),
      STATUS_TEXT[row.status],
      row.passNumber ?? '',
      errors.join('; '),
    ]);
  }
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
