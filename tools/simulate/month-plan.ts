import { CARGO_CATEGORIES, listCounties, type CargoCategory } from '@app/domain';
import { seededRandom } from '../shared/fixtures';

export interface MonthOptions {
  passes: number;
  /** Total tons declared over all passes (integer). */
  tons: number;
  crossProvince: number;
  /** Longest validity window, in days (the month's passes were mostly a few days long). */
  days: number;
  seed: number;
  concurrency: number;
}

/** The reference month: Kaifeng, 7 April to 9 May 2022. */
export const REFERENCE_MONTH: MonthOptions = {
  passes: 65_718,
  tons: 1_720_000,
  crossProvince: 180,
  days: 33,
  seed: 20220407,
  concurrency: 96,
};

export interface PlannedPass {
  index: number;
  enterprise: number;
  cargo: CargoCategory;
  tonnageKg: number;
  origin: string;
  destination: string;
  crossProvince: boolean;
  validityDays: number;
}

/** Cargo mix of a closure month: mostly daily necessities, raw materials and farm inputs. */
const CARGO_WEIGHTS: Record<CargoCategory, number> = {
  medical: 5,
  daily_necessities: 30,
  agricultural: 15,
  energy: 6,
  industrial_raw_materials: 20,
  finished_goods: 14,
  postal_express: 7,
  other: 3,
};

const KAIFENG = listCounties('4102').map((d) => d.gbCode);
/** Henan destinations: Zhengzhou, Luoyang, and Kaifeng itself. */
const IN_PROVINCE = [...listCounties('4101'), ...listCounties('4103'), ...listCounties('4102')].map(
  (d) => d.gbCode,
);
/** Cross-province destinations: Nanjing, Jinan, Wuhan, Hefei. */
const OTHER_PROVINCES = ['3201', '3701', '4201', '3401'].flatMap((c) =>
  listCounties(c).map((d) => d.gbCode),
);

/** Most trucks carry 5–47 t; the month's mean is 26.2 t. */
const MAX_PASS_KG = 49_000;
const MIN_PASS_KG = 1_000;

export function enterpriseCount(passes: number): number {
  return Math.max(2, Math.ceil(passes / 200));
}

/**
 * A deterministic month: the same options give the same passes. Tonnages are integer kilograms
 * that add up to exactly `tons` × 1000, so the reports can be checked to the kilogram.
 */
export function planMonth(options: MonthOptions): PlannedPass[] {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const enterprises = enterpriseCount(options.passes);
  const totalKg = options.tons * 1000;
  const meanKg = totalKg / options.passes;
  if (meanKg < MIN_PASS_KG || meanKg > MAX_PASS_KG * 0.9) {
    throw new Error(`${options.tons} t over ${options.passes} passes is not a freight month`);
  }

  const crossIndexes = new Set<number>();
  while (crossIndexes.size < Math.min(options.crossProvince, options.passes)) {
    crossIndexes.add(Math.floor(random() * options.passes));
  }
  const cargoBag = CARGO_CATEGORIES.flatMap((c) => Array<CargoCategory>(CARGO_WEIGHTS[c]).fill(c));
  const weights = Array.from({ length: options.passes }, () => 0.25 + random() * 1.5);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const kg = weights.map((w) =>
    Math.min(MAX_PASS_KG, Math.max(MIN_PASS_KG, Math.floor((w / weightSum) * totalKg))),
  );
  // Put the rounding remainder back, a kilogram at a time, where there is room.
  let remainder = totalKg - kg.reduce((a, b) => a + b, 0);
  for (let i = 0; remainder !== 0; i = (i + 1) % kg.length) {
    const step = remainder > 0 ? 1 : -1;
    const next = kg[i] + step * Math.min(Math.abs(remainder), 1000);
    if (next >= MIN_PASS_KG && next <= MAX_PASS_KG) {
      remainder -= next - kg[i];
      kg[i] = next;
    }
  }

  return kg.map((tonnageKg, index) => {
    const crossProvince = crossIndexes.has(index);
    const enterprise = index % enterprises;
    return {
      index,
      enterprise,
      cargo: pick(cargoBag),
      tonnageKg,
      origin: KAIFENG[enterprise % KAIFENG.length],
      destination: crossProvince ? pick(OTHER_PROVINCES) : pick(IN_PROVINCE),
      crossProvince,
      validityDays: 1 + Math.floor(random() * Math.min(3, options.days)),
    };
  });
}
