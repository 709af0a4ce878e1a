import { ROLES } from '@app/auth';
import { SCAN_REJECTION_REASONS } from '@app/contracts';
import {
  CARGO_CATEGORIES,
  CARGO_CATEGORY_LABELS,
  PASS_STATUS_LABELS,
  PASS_VALIDITY_LABELS,
  ROLE_LABELS,
  SCAN_REJECTION_REASON_LABELS,
  SESSION_END_LABELS,
  type Label,
} from '@app/domain';
import { PASS_STATUSES } from '../../apps/pass-service/src/passes/pass.record';

/** The pages' copy, a plain ES module (by a variable: Jest loads it, tsc does not type it). */
const PAGE_LABELS_JS = '../../web/shared/labels.js';

/**
 * The labels the pages show for the API's codes: one source (libs/domain), both languages, a label
 * for every code the platform defines, and the pages' copy (web/shared/labels.js, written by
 * scripts/generate-page-labels.mjs) equal to it.
 */
const TABLES: Record<string, Readonly<Record<string, Label>>> = {
  CARGO_CATEGORY_LABELS,
  SCAN_REJECTION_REASON_LABELS,
  ROLE_LABELS,
  PASS_STATUS_LABELS,
  PASS_VALIDITY_LABELS,
  SESSION_END_LABELS,
};

describe('the labels of the pages', () => {
  it.each(Object.entries(TABLES))(
    '%s has a zh-CN and an English label for each code',
    (_, table) => {
      for (const label of Object.values(table)) {
        expect(Object.keys(label).sort()).toEqual(['en', 'zh']);
        expect(label.zh).toMatch(/\p{Script=Han}/u);
        expect(label.en.trim()).not.toBe('');
        expect(label.en).not.toMatch(/\p{Script=Han}/u);
      }
    },
  );

  it.each(Object.entries(TABLES))('%s gives two codes two different labels', (_, table) => {
    const labels = Object.values(table);
    expect(new Set(labels.map((l) => l.zh)).size).toBe(labels.length);
    expect(new Set(labels.map((l) => l.en)).size).toBe(labels.length);
  });

  it('labels exactly the cargo categories of the API', () => {
    expect(Object.keys(CARGO_CATEGORY_LABELS)).toEqual([...CARGO_CATEGORIES]);
  });

  it('labels every rejection reason of checkpoint.scanned, and the offline scanner’s own', () => {
    expect(Object.keys(SCAN_REJECTION_REASON_LABELS).sort()).toEqual(
      [...SCAN_REJECTION_REASONS, 'OFFLINE_UNAVAILABLE'].sort(),
    );
  });

  it('labels exactly the roles of libs/auth', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
  });

  it('labels exactly the statuses of a pass', () => {
    expect(Object.keys(PASS_STATUS_LABELS).sort()).toEqual([...PASS_STATUSES].sort());
  });

  it('has a fallback for a session ended by a code it does not name', () => {
    expect(SESSION_END_LABELS.other.en).toBeTruthy();
  });

  it('hands the pages the same labels as libs/domain (else: node scripts/generate-page-labels.mjs)', async () => {
    const pageLabels: unknown = await import(PAGE_LABELS_JS);
    expect({ ...(pageLabels as object) }).toEqual(TABLES);
  });
});
