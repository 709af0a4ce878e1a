import { planMonth, REFERENCE_MONTH } from './month-plan';

describe('planMonth', () => {
  it('plans the reference month with tonnage exact to the kilogram and 180 cross-province passes', () => {
    const plan = planMonth(REFERENCE_MONTH);
    expect(plan).toHaveLength(65_718);
    expect(plan.reduce((sum, p) => sum + p.tonnageKg, 0)).toBe(1_720_000_000);
    expect(plan.filter((p) => p.crossProvince)).toHaveLength(180);
    for (const p of plan) {
      expect(p.crossProvince).toBe(p.origin.slice(0, 2) !== p.destination.slice(0, 2));
      expect(Number.isInteger(p.tonnageKg) && p.tonnageKg >= 1000 && p.tonnageKg <= 49_000).toBe(
        true,
      );
    }
  });

  it('gives the same month for the same seed and a different one for another seed', () => {
    const small = { ...REFERENCE_MONTH, passes: 500, tons: 13_000, crossProvince: 3 };
    expect(planMonth(small)).toEqual(planMonth(small));
    expect(planMonth({ ...small, seed: 7 })).not.toEqual(planMonth(small));
  });

  it('refuses a month whose mean load no truck carries', () => {
    expect(() => planMonth({ ...REFERENCE_MONTH, passes: 10, tons: 1_000_000 })).toThrow(/freight/);
  });
});
