import { CARGO_CATEGORY_LABELS, formatKgAsTons, maskPhone } from '@app/domain';
import { divisionName } from '../shared/field-schemas';
import type { PassRecord } from '../passes/pass.record';

export interface PrintablePass {
  pass: PassRecord & { passNumber: string };
  enterpriseName: string;
  qrSvg: string;
  timeZone: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Every value on the page came from a client at some point. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function localTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * The printout's style sheet, inline so that a saved copy prints alike. The portal writes the page
 * into a pop-up that runs under the portal's Content-Security-Policy, which allows this exact text
 * by its hash (main.ts passes it as `pageInlineStyles`): change it here and the hash follows.
 */
export const PRINT_PAGE_STYLE = `
  @page { size: A4; margin: 15mm; }
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #000; }
  h1 { font-size: 20pt; margin: 0 0 4mm; }
  h1 small, th small { display: block; font-size: 9pt; font-weight: normal; color: #444; }
  .qr { width: 60mm; height: 60mm; margin: 4mm 0; }
  .qr svg { width: 100%; height: 100%; }
  table { border-collapse: collapse; width: 100%; font-size: 12pt; }
  th, td { border: 0.3mm solid #000; padding: 2mm 3mm; text-align: left; vertical-align: top; }
  th { width: 40mm; }
  .plate { font-size: 28pt; font-weight: bold; letter-spacing: 1mm; }
  .revoked { font-size: 16pt; font-weight: bold; border: 1mm solid #000; padding: 2mm; }
  footer { margin-top: 6mm; font-size: 9pt; color: #444; }
`;

/**
 * The A4 page a driver carries when the phone is dead. The QR is drawn 60 mm wide (at least
 * 35 mm is needed for a version-18 code to scan from print) and labels are bilingual.
 */
export function renderPrintPage({ pass, enterpriseName, qrSvg, timeZone }: PrintablePass): string {
  const cargo = CARGO_CATEGORY_LABELS[pass.cargoCategory];
  const rows: [string, string, string][] = [
    ['通行证编号', 'Pass number', pass.passNumber],
    ['车牌号', 'Plate', pass.plate],
    ...(pass.trailerPlate
      ? [['挂车号牌', 'Trailer plate', pass.trailerPlate] as [string, string, string]]
      : []),
    ['企业', 'Enterprise', enterpriseName],
    // A printout travels and is left on dashboards: the phone is masked, as in lists.
    ['驾驶员', 'Driver', `${pass.driverName}  ${maskPhone(pass.driverPhone)}`],
    ['起点', 'Origin', `${divisionName(pass.originDivision)} (${pass.originDivision})`],
    [
      '终点',
      'Destination',
      `${divisionName(pass.destinationDivision)} (${pass.destinationDivision})`,
    ],
    ['跨省', 'Cross-province', pass.crossProvince ? '是 Yes' : '否 No'],
    [
      '货物类别',
      'Cargo',
      `${cargo.zh} ${cargo.en}${pass.cargoDescription ? ` · ${pass.cargoDescription}` : ''}`,
    ],
    ['吨位', 'Tonnage', `${formatKgAsTons(pass.tonnageKg)} 吨 t`],
    [
      '有效期',
      'Valid',
      `${localTime(pass.validFrom, timeZone)} — ${localTime(pass.validUntil, timeZone)} (${timeZone})`,
    ],
  ];
  const table = rows
    .map(
      ([zh, en, value]) =>
        `<tr><th>${zh}<small>${en}</small></th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const revoked =
    pass.status === 'revoked'
      ? '<p class="revoked">已撤销 REVOKED — 此证无效 This pass is not valid</p>'
      : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>车辆通行证 Vehicle pass ${escapeHtml(pass.passNumber)}</title>
<style>${PRINT_PAGE_STYLE}</style>
</head>
<body>
<h1>车辆电子通行证<small>Vehicle electronic pass</small></h1>
${revoked}
<div class="plate">${escapeHtml(pass.plate)}</div>
<div class="qr">${qrSvg}</div>
<table>
${table}
</table>
<footer>检查站扫码核验 · Checkpoints scan the QR code to verify this pass.</footer>
</body>
</html>
`;
}
