import {
  cityOf,
  findDivision,
  isCounty,
  isCrossProvince,
  isSixDigitDivisionCode,
  listCities,
  listCounties,
  listProvinces,
  provinceOf,
} from './division';

describe('findDivision', () => {
  it('finds a county of Kaifeng with its city and province', () => {
    expect(findDivision('410202')).toEqual({
      code: '410202',
      gbCode: '410202',
      name: '龙亭区',
      level: 'county',
      provinceCode: '41',
      provinceName: '河南省',
      cityCode: '4102',
      cityName: '开封市',
    });
  });

  it('finds Lankao county, Kaifeng', () => {
    expect(findDivision('410225')).toMatchObject({ name: '兰考县', cityName: '开封市' });
  });

  it('finds a county of Zhengzhou', () => {
    expect(findDivision('410102')).toMatchObject({
      name: '中原区',
      level: 'county',
      cityCode: '4101',
      cityName: '郑州市',
    });
  });

  it('finds Tianhe district, Guangzhou', () => {
    expect(findDivision('440106')).toMatchObject({
      name: '天河区',
      level: 'county',
      provinceName: '广东省',
      cityName: '广州市',
    });
  });

  it("names Beijing's district grouping after the municipality instead of 市辖区", () => {
    expect(findDivision('110101')).toMatchObject({
      name: '东城区',
      level: 'county',
      provinceCode: '11',
      provinceName: '北京市',
      cityCode: '1101',
      cityName: '北京市',
    });
    expect(findDivision('1101')?.name).toBe('北京市');
  });

  it("keeps Chongqing's districts and counties apart", () => {
    expect(findDivision('5001')?.name).toBe('重庆市');
    expect(findDivision('5002')?.name).toBe('重庆市（县）');
    expect(findDivision('500229')).toMatchObject({ name: '城口县', cityName: '重庆市（县）' });
  });

  it('finds a city by its four-digit code or its six-digit code ending in 00', () => {
    const kaifeng = {
      code: '4102',
      gbCode: '410200',
      name: '开封市',
      level: 'city',
      provinceCode: '41',
      provinceName: '河南省',
      cityCode: '4102',
      cityName: '开封市',
    };
    expect(findDivision('4102')).toEqual(kaifeng);
    expect(findDivision('410200')).toEqual(kaifeng);
  });

  it('finds a province by its two-digit code or its six-digit code ending in 0000', () => {
    const henan = {
      code: '41',
      gbCode: '410000',
      name: '河南省',
      level: 'province',
      provinceCode: '41',
      provinceName: '河南省',
    };
    expect(findDivision('41')).toEqual(henan);
    expect(findDivision('410000')).toEqual(henan);
  });

  it('takes Dongguan 441900 as a county, since it has no counties of its own', () => {
    expect(findDivision('441900')).toMatchObject({
      name: '东莞市',
      level: 'county',
      cityCode: '4419',
    });
  });

  it.each(['410299', '999999', '4199', '99', '41020', '4102021', '', 'abcdef', '41020a'])(
    'finds nothing for %p',
    (code) => {
      expect(findDivision(code)).toBeUndefined();
    },
  );
});

describe('isCounty', () => {
  it('accepts county-level codes', () => {
    expect(isCounty('410202')).toBe(true);
    expect(isCounty('440106')).toBe(true);
  });

  it('refuses a city or a province, even written with six digits', () => {
    expect(isCounty('410200')).toBe(false);
    expect(isCounty('410000')).toBe(false);
    expect(isCounty('4102')).toBe(false);
  });

  it('refuses an unknown code', () => {
    expect(isCounty('410299')).toBe(false);
  });
});

describe('isSixDigitDivisionCode', () => {
  it('accepts any six digits, including codes retired from the current data', () => {
    expect(isSixDigitDivisionCode('410211')).toBe(true);
    expect(findDivision('410211')).toBeUndefined();
  });

  it('refuses other shapes', () => {
    expect(isSixDigitDivisionCode('41020')).toBe(false);
    expect(isSixDigitDivisionCode('4102021')).toBe(false);
    expect(isSixDigitDivisionCode('41020A')).toBe(false);
    expect(isSixDigitDivisionCode('４１０２０２')).toBe(false);
  });
});

describe('provinceOf and cityOf', () => {
  it('take the leading digits of a county code', () => {
    expect(provinceOf('410202')).toBe('41');
    expect(cityOf('410202')).toBe('4102');
  });

  it('work on shorter codes', () => {
    expect(provinceOf('41')).toBe('41');
    expect(cityOf('4401')).toBe('4401');
  });

  it('throw on input that is not a division code', () => {
    expect(() => provinceOf('4')).toThrow(RangeError);
    expect(() => cityOf('41')).toThrow(RangeError);
    expect(() => cityOf('41ab02')).toThrow(RangeError);
  });
});

describe('isCrossProvince', () => {
  it('is false from Kaifeng to Zhengzhou', () => {
    expect(isCrossProvince('410202', '410102')).toBe(false);
  });

  it('is true from Kaifeng to Guangzhou', () => {
    expect(isCrossProvince('410202', '440106')).toBe(true);
  });

  it('is true from Kaifeng to Beijing', () => {
    expect(isCrossProvince('410225', '110101')).toBe(true);
  });
});

describe('pickers', () => {
  it('lists the 31 mainland provinces', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(31);
    expect(provinces.map((p) => p.name)).toEqual(expect.arrayContaining(['河南省', '北京市']));
  });

  it("lists Henan's cities, by short or six-digit province code", () => {
    const names = listCities('41').map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['郑州市', '开封市', '洛阳市']));
    expect(listCities('410000')).toEqual(listCities('41'));
  });

  it("lists Kaifeng's counties", () => {
    expect(listCounties('4102').map((c) => `${c.code} ${c.name}`)).toEqual([
      '410202 龙亭区',
      '410203 顺河回族区',
      '410204 鼓楼区',
      '410205 禹王台区',
      '410212 祥符区',
      '410221 杞县',
      '410222 通许县',
      '410223 尉氏县',
      '410225 兰考县',
    ]);
    expect(listCounties('410200')).toEqual(listCounties('4102'));
  });

  it('returns empty lists for unknown parents', () => {
    expect(listCities('99')).toEqual([]);
    expect(listCities('4102')).toEqual([]);
    expect(listCounties('4199')).toEqual([]);
  });

  it('hands out copies, so a caller cannot corrupt the shared index', () => {
    const first = listCounties('4102') as unknown as unknown[];
    first.length = 0;
    expect(listCounties('4102')).toHaveLength(9);
  });
});
