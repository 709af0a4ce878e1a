/**
 * Cargo categories of the 2022 freight passes. The identifiers are part of the API and of
 * every issued token and event, so they are only ever added to, never renamed.
 */
export const CARGO_CATEGORIES = [
  'medical',
  'daily_necessities',
  'agricultural',
  'energy',
  'industrial_raw_materials',
  'finished_goods',
  'postal_express',
  'other',
] as const;

export type CargoCategory = (typeof CARGO_CATEGORIES)[number];

export interface CargoCategoryLabel {
  readonly zh: string;
  readonly en: string;
}

export const CARGO_CATEGORY_LABELS: Readonly<Record<CargoCategory, CargoCategoryLabel>> = {
  medical: { zh: '医疗防疫物资', en: 'Medical supplies' },
  daily_necessities: { zh: '生活物资及食品', en: 'Daily necessities and food' },
  agricultural: { zh: '农业生产资料', en: 'Agricultural inputs' },
  energy: { zh: '能源', en: 'Energy' },
  industrial_raw_materials: { zh: '工业原材料', en: 'Industrial raw materials' },
  finished_goods: { zh: '工业产成品', en: 'Finished industrial goods' },
  postal_express: { zh: '邮政快递', en: 'Postal and express' },
  other: { zh: '其他', en: 'Other' },
};

const CATEGORY_SET: ReadonlySet<string> = new Set(CARGO_CATEGORIES);

export function isCargoCategory(value: unknown): value is CargoCategory {
  return typeof value === 'string' && CATEGORY_SET.has(value);
}
