import { CARGO_CATEGORIES, CARGO_CATEGORY_LABELS, isCargoCategory } from './cargo';

describe('cargo categories', () => {
  it('lists the eight categories of the API, in order', () => {
    expect(CARGO_CATEGORIES).toEqual([
      'medical',
      'daily_necessities',
      'agricultural',
      'energy',
      'industrial_raw_materials',
      'finished_goods',
      'postal_express',
      'other',
    ]);
  });

  it('has a Chinese and an English label for every category', () => {
    expect(Object.keys(CARGO_CATEGORY_LABELS).sort()).toEqual([...CARGO_CATEGORIES].sort());
    for (const category of CARGO_CATEGORIES) {
      expect(CARGO_CATEGORY_LABELS[category].zh).toMatch(/\p{Script=Han}/u);
      expect(CARGO_CATEGORY_LABELS[category].en).toMatch(/^[A-Z][a-z ]+$/);
    }
  });

  it('labels medical supplies in both languages', () => {
    expect(CARGO_CATEGORY_LABELS.medical).toEqual({ zh: '医疗防疫物资', en: 'Medical supplies' });
  });

  it('has distinct labels, so a picker never shows two identical entries', () => {
    const zh = CARGO_CATEGORIES.map((c) => CARGO_CATEGORY_LABELS[c].zh);
    const en = CARGO_CATEGORIES.map((c) => CARGO_CATEGORY_LABELS[c].en);
    expect(new Set(zh).size).toBe(CARGO_CATEGORIES.length);
    expect(new Set(en).size).toBe(CARGO_CATEGORIES.length);
  });
});

describe('isCargoCategory', () => {
  it.each([...CARGO_CATEGORIES])('accepts %s', (category) => {
    expect(isCargoCategory(category)).toBe(true);
  });

  it.each(['Medical', 'medical ', 'food', '', 'daily-necessities', '医疗防疫物资'])(
    'rejects the string %p',
    (value) => {
      expect(isCargoCategory(value)).toBe(false);
    },
  );

  it('rejects values that are not strings', () => {
    expect(isCargoCategory(undefined)).toBe(false);
    expect(isCargoCategory(null)).toBe(false);
    expect(isCargoCategory(0)).toBe(false);
    expect(isCargoCategory(['medical'])).toBe(false);
  });

  it('rejects inherited object keys', () => {
    expect(isCargoCategory('toString')).toBe(false);
    expect(isCargoCategory('__proto__')).toBe(false);
  });
});
