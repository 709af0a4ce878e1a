import type { Page } from 'playwright-core';

/**
 * Picks a county in the portal's province → city → county pickers (`#<id>-province` and so on),
 * each filled from GET /v1/divisions once its parent is chosen.
 */
export async function pickDivision(page: Page, id: string, county: string): Promise<void> {
  const levels: [string, string][] = [
    ['province', `${county.slice(0, 2)}0000`],
    ['city', `${county.slice(0, 4)}00`],
    ['county', county],
  ];
  for (const [level, code] of levels) {
    const select = page.locator(`#${id}-${level}`);
    await select.locator(`option[value="${code}"]`).waitFor({ state: 'attached' });
    await select.selectOption(code);
  }
}
