import { covers, routeMatch } from './route-rule';

const KAIFENG_YUWANGTAI = '410205';
const ZHENGZHOU_ZHONGYUAN = '410102';
const at = (divisionCode: string, corridorDivisions: string[] = []) => ({
  divisionCode,
  corridorDivisions,
});

describe('route rule', () => {
  const kaifengToZhengzhou = [KAIFENG_YUWANGTAI, ZHENGZHOU_ZHONGYUAN] as const;

  it('accepts a Kaifeng → Zhengzhou pass at its origin county, in either city and across Henan', () => {
    expect(routeMatch(at('410205'), ...kaifengToZhengzhou)).toBe('county');
    expect(routeMatch(at('410204'), ...kaifengToZhengzhou)).toBe('city'); // 鼓楼区, Kaifeng
    expect(routeMatch(at('410105'), ...kaifengToZhengzhou)).toBe('city'); // 金水区, Zhengzhou
    expect(routeMatch(at('410200'), ...kaifengToZhengzhou)).toBe('city'); // Kaifeng, city level
    expect(routeMatch(at('410305'), ...kaifengToZhengzhou)).toBe('province'); // Luoyang
    expect(routeMatch(at('410000'), ...kaifengToZhengzhou)).toBe('province');
  });

  it('refuses it in Guangzhou unless that checkpoint declares a corridor covering an end', () => {
    expect(routeMatch(at('440106'), ...kaifengToZhengzhou)).toBeNull();
    expect(routeMatch(at('440100'), ...kaifengToZhengzhou)).toBeNull();
    expect(routeMatch(at('440106', ['410000']), ...kaifengToZhengzhou)).toBe('corridor');
    expect(routeMatch(at('440106', ['410100']), ...kaifengToZhengzhou)).toBe('corridor');
    expect(routeMatch(at('440106', ['410205']), ...kaifengToZhengzhou)).toBe('corridor');
    expect(routeMatch(at('440106', ['410204', '430000']), ...kaifengToZhengzhou)).toBeNull();
  });

  it('serves a cross-province pass at both ends and on a declared corridor in between', () => {
    const kaifengToBeijing = [KAIFENG_YUWANGTAI, '110101'] as const;
    expect(routeMatch(at('110105'), ...kaifengToBeijing)).toBe('city');
    expect(routeMatch(at('130102'), ...kaifengToBeijing)).toBeNull(); // Shijiazhuang
    expect(routeMatch(at('130102', ['110000', '410000']), ...kaifengToBeijing)).toBe('corridor');
  });

  it('matches a corridor division at its own level only', () => {
    expect(covers('410000', '410205')).toBe(true);
    expect(covers('410200', '410205')).toBe(true);
    expect(covers('410200', '410102')).toBe(false);
    expect(covers('410205', '410205')).toBe(true);
    expect(covers('410204', '410205')).toBe(false);
  });
});
