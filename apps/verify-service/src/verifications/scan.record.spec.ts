import { scanFromRow, sightingFromRow } from './scan.record';

const row = {
  id: '0d9b1a52-3c4e-4f7a-9f0e-2b8a6c1d5e70',
  checkpoint_code: 'KF-01',
  officer_user_id: '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  officer_username: 'officer1',
  direction: 'entry',
  verdict: 'accepted',
  reason: null,
  pass_id: null,
  pass_number: '410202000001',
  plate: '豫B12345',
  observed_plate: null,
  tonnage_kg: '12500',
  clone_suspected: false,
  leeway_seconds: 0,
  checked_at: new Date('2026-04-07T08:00:00Z'),
};

describe('scanFromRow', () => {
  it('reads a scans row into a record with named fields and bigint tonnage as a number', () => {
    expect(scanFromRow(row)).toEqual({
      id: row.id,
      checkpointCode: 'KF-01',
      officerUserId: row.officer_user_id,
      officerUsername: 'officer1',
      direction: 'entry',
      verdict: 'accepted',
      reason: null,
      passId: null,
      passNumber: '410202000001',
      plate: '豫B12345',
      observedPlate: null,
      tonnageKg: 12500,
      cloneSuspected: false,
      leewaySeconds: 0,
      checkedAt: row.checked_at,
    });
  });

  it('names the column of a row that does not have the expected shape', () => {
    expect(() => scanFromRow({ ...row, tonnage_kg: '12.5' })).toThrow(/column tonnage_kg/);
    expect(() => scanFromRow({ ...row, reason: 'SOMETHING_ELSE' })).toThrow(/column reason/);
    expect(() => scanFromRow({ ...row, checked_at: '2026-04-07' })).toThrow(/column checked_at/);
  });
});

describe('sightingFromRow', () => {
  const sightingRow = {
    id: row.id,
    pass_number: '410202000001',
    checkpoint_code: 'KF-01',
    direction: 'exit',
    checked_at: row.checked_at,
    latitude: 34.79,
    longitude: 114.35,
  };

  it('reads where and when a pass was seen', () => {
    expect(sightingFromRow(sightingRow)).toEqual({
      passNumber: '410202000001',
      sighting: {
        scanId: row.id,
        checkpointCode: 'KF-01',
        direction: 'exit',
        at: row.checked_at.getTime(),
        location: { latitude: 34.79, longitude: 114.35 },
      },
    });
  });

  it('leaves out a scan without a pass number', () => {
    expect(sightingFromRow({ ...sightingRow, pass_number: null })).toBeNull();
  });
});
