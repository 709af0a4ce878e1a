import { csvField, toCsv, UTF8_BOM } from './csv';

describe('CSV', () => {
  it('leaves plain fields alone and quotes commas, quotes and line breaks', () => {
    expect(csvField('开封测试物流有限公司')).toBe('开封测试物流有限公司');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('starts with a BOM and ends every line with CRLF', () => {
    expect(toCsv(['day', 'name'], [['2022-04-08', 'x,y']])).toBe(
      `${UTF8_BOM}day,name\r\n2022-04-08,"x,y"\r\n`,
    );
  });
});
