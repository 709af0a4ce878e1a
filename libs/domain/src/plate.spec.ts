import { normalizePlate, parsePlate } from './plate';

describe('normalizePlate', () => {
  it('folds full-width letters and digits and upper-cases', () => {
    expect(normalizePlate('豫ｂ１２３４５')).toBe('豫B12345');
    expect(normalizePlate('豫b12345')).toBe('豫B12345');
  });

  it('drops spaces, including the ideographic space', () => {
    expect(normalizePlate(' 豫B 12345\u3000')).toBe('豫B12345');
  });

  it('drops the separator dot written after the city letter, in its usual forms', () => {
    expect(normalizePlate('豫B·12345')).toBe('豫B12345');
    expect(normalizePlate('豫B•12345')).toBe('豫B12345');
    expect(normalizePlate('豫B.12345')).toBe('豫B12345');
    expect(normalizePlate('豫B・12345')).toBe('豫B12345');
  });

  it('drops hyphens, ASCII and full-width', () => {
    expect(normalizePlate('豫B-12345')).toBe('豫B12345');
    expect(normalizePlate('豫B－12345')).toBe('豫B12345');
  });

  it('keeps the tractor/trailer separator', () => {
    expect(normalizePlate('豫B12345 / 豫B6789挂')).toBe('豫B12345/豫B6789挂');
  });
});

describe('parsePlate', () => {
  describe('standard plates', () => {
    it.each(['豫B12345', '京A88888', '粤B8Z9X1', '沪AF2345', '豫BD1234', '新A12345', '藏A1234X'])(
      'accepts %s',
      (plate) => {
        expect(parsePlate(plate)).toEqual({ ok: true, plate, kind: 'standard' });
      },
    );

    it('accepts a plate as people type it and returns the stored form', () => {
      expect(parsePlate(' 豫ｂ·１２３４５ ')).toEqual({
        ok: true,
        plate: '豫B12345',
        kind: 'standard',
      });
    });
  });

  describe('new-energy plates', () => {
    it('accepts a small battery-electric car (D then five)', () => {
      expect(parsePlate('豫BD12345')).toEqual({ ok: true, plate: '豫BD12345', kind: 'new_energy' });
    });

    it('accepts a small plug-in hybrid (F) with a letter in the second serial place', () => {
      expect(parsePlate('粤BFA1234')).toEqual({ ok: true, plate: '粤BFA1234', kind: 'new_energy' });
    });

    it('accepts a large new-energy vehicle (five digits then D or F)', () => {
      expect(parsePlate('豫B12345D')).toEqual({ ok: true, plate: '豫B12345D', kind: 'new_energy' });
      expect(parsePlate('京A12345F')).toEqual({ ok: true, plate: '京A12345F', kind: 'new_energy' });
    });

    it('accepts the widened small-car letters (A–E electric, G–K hybrid)', () => {
      expect(parsePlate('沪AA12345')).toMatchObject({ ok: true, kind: 'new_energy' });
      expect(parsePlate('沪AK12345')).toMatchObject({ ok: true, kind: 'new_energy' });
    });

    it('rejects a small new-energy plate whose last four are not digits', () => {
      expect(parsePlate('豫BD1234A').ok).toBe(false);
    });

    it('rejects a large new-energy plate with a letter among its five digits', () => {
      expect(parsePlate('豫B1234AD').ok).toBe(false);
    });

    it('rejects an eight-character plate with no new-energy marker', () => {
      expect(parsePlate('豫BL12345').ok).toBe(false);
      expect(parsePlate('豫B123456').ok).toBe(false);
    });
  });

  describe('trailer plates', () => {
    it('accepts a trailer plate', () => {
      expect(parsePlate('豫B1234挂')).toEqual({ ok: true, plate: '豫B1234挂', kind: 'trailer' });
      expect(parsePlate('鲁Q7R39挂')).toEqual({ ok: true, plate: '鲁Q7R39挂', kind: 'trailer' });
    });

    it('rejects a trailer plate with a five-character serial', () => {
      expect(parsePlate('豫B12345挂').ok).toBe(false);
    });
  });

  describe('articulated trucks', () => {
    it('returns the tractor plate of "tractor/trailer"', () => {
      expect(parsePlate('豫B12345/豫B6789挂')).toEqual({
        ok: true,
        plate: '豫B12345',
        kind: 'standard',
      });
    });

    it('returns the tractor plate of "tractor+trailer", written loosely', () => {
      expect(parsePlate('豫b·12345 ＋ 豫B·6789挂')).toEqual({
        ok: true,
        plate: '豫B12345',
        kind: 'standard',
      });
    });

    it('keeps a new-energy tractor kind', () => {
      expect(parsePlate('冀A12345D/冀A1234挂')).toEqual({
        ok: true,
        plate: '冀A12345D',
        kind: 'new_energy',
      });
    });

    it('rejects a combination whose second part is not a trailer', () => {
      expect(parsePlate('豫B12345/豫B67890').ok).toBe(false);
    });

    it('rejects a combination whose first part is a trailer', () => {
      expect(parsePlate('豫B6789挂/豫B12345').ok).toBe(false);
    });

    it('rejects more than two parts or an empty part', () => {
      expect(parsePlate('豫B12345/豫B6789挂/豫B6790挂').ok).toBe(false);
      expect(parsePlate('豫B12345/').ok).toBe(false);
    });
  });

  describe('refused plates', () => {
    it.each([
      ['police', '豫B1234警'],
      ['police, province letter O', '粤O12345'],
      ['army', 'VA12345'],
      ['armed police', 'WJ豫12345'],
      ['embassy', '使014123'],
      ['consulate', '沪A1234领'],
      ['learner car', '豫B1234学'],
      ['Hong Kong cross-border', '粤Z1234港'],
      ['Macau cross-border', '粤Z1234澳'],
      ['civil aviation', '民航12345'],
      ['Taiwan (not a mainland issuing province)', '台A12345'],
    ])('refuses a %s plate (%s)', (_, plate) => {
      expect(parsePlate(plate)).toEqual({ ok: false, code: 'PLATE_INVALID' });
    });

    it.each(['', '豫', '豫B1234', '豫B1234567', '豫B12345678'])(
      'refuses %p for its length',
      (plate) => {
        expect(parsePlate(plate).ok).toBe(false);
      },
    );

    it('refuses I and O in the serial', () => {
      expect(parsePlate('豫B1234I').ok).toBe(false);
      expect(parsePlate('豫BO1234').ok).toBe(false);
      expect(parsePlate('豫BD1I234').ok).toBe(false);
    });

    it('refuses I as the city letter', () => {
      expect(parsePlate('豫I12345').ok).toBe(false);
    });

    it('refuses a plate with no province character', () => {
      expect(parsePlate('BB12345').ok).toBe(false);
    });

    it('refuses stray punctuation that is not a known separator', () => {
      expect(parsePlate('豫B_12345').ok).toBe(false);
    });
  });
});
