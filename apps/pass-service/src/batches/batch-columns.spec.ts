import { applicationInputOf, instantText, mapHeaders } from './batch-columns';

describe('batch columns', () => {
  it('maps the Chinese headers or the API field names, in any order, and names what is missing', () => {
    const headers = mapHeaders(['吨位', ' 车牌号 ', 'driverName', '备注']);
    expect([...headers.indexOf]).toEqual([
      ['tonnage', 0],
      ['plate', 1],
      ['driverName', 2],
    ]);
    expect(headers.missing.map((c) => c.field)).toEqual([
      'driverPhone',
      'cargoCategory',
      'originDivision',
      'destinationDivision',
      'validFrom',
      'validUntil',
    ]);
  });

  it('reads a date or a wall time without a zone in the pass time zone', () => {
    expect(instantText('2026-12-03', 'Asia/Shanghai', false)).toBe('2026-12-03T00:00:00+08:00');
    expect(instantText('2026/12/3', 'Asia/Shanghai', true)).toBe('2026-12-03T23:59:59+08:00');
    expect(instantText('2026-12-03 08:30', 'Asia/Shanghai', false)).toBe(
      '2026-12-03T08:30:00+08:00',
    );
    expect(instantText('2026-07-01 12:00:00', 'Europe/Berlin', false)).toBe(
      '2026-07-01T12:00:00+02:00',
    );
    // Text with its own zone, and anything else, is the schema's to judge.
    expect(instantText('2026-12-03T08:00:00Z', 'Asia/Shanghai', false)).toBe(
      '2026-12-03T08:00:00Z',
    );
    expect(instantText('tomorrow', 'Asia/Shanghai', false)).toBe('tomorrow');
  });

  it('turns cargo labels into codes and leaves empty optional cells out', () => {
    const headers = mapHeaders(['货物类别', '货物说明', '挂车车牌']);
    expect(applicationInputOf(['医疗防疫物资', '', '  '], headers, 'Asia/Shanghai')).toEqual({
      cargoCategory: 'medical',
    });
    expect(applicationInputOf(['Energy', 'x', ''], headers, 'Asia/Shanghai')).toEqual({
      cargoCategory: 'energy',
      cargoDescription: 'x',
    });
    expect(applicationInputOf(['军火', '', ''], headers, 'Asia/Shanghai')).toEqual({
      cargoCategory: '军火',
    });
  });
});
