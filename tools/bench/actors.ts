import { listCounties } from '@app/domain';
import type { EpassApi } from '../shared/epass-api';
import { creditCodeFor } from '../shared/fixtures';

export interface Enterprise {
  id: string;
  token: string;
  division: string;
}

export interface Actors {
  adminToken: string;
  enterprises: Enterprise[];
  officerToken: string;
  checkpointCode: string;
}

/**
 * The people a run needs, created through the public API: one enterprise per Kaifeng county (so
 * pass numbers are allocated in several counties at once, as in a real city), a checkpoint in
 * Kaifeng and its officer.
 */
export async function createActors(
  api: EpassApi,
  admin: { username: string; password: string },
  runId: string,
  offset: number,
): Promise<Actors> {
  const adminToken = await api.login(admin.username, admin.password);
  const password = `Bench-${runId}-pw1`;
  const enterprises: Enterprise[] = [];
  const counties = listCounties('4102');
  for (const [i, county] of counties.entries()) {
    const username = `bench-${runId}-e${i}`;
    // Approved by the admin at once: a pending enterprise's applications would all wait for review.
    const { id } = await api.registerActiveEnterprise(adminToken, {
      name: `开封压测物流${runId}-${i}有限公司`,
      creditCode: creditCodeFor(offset + i, `${county.gbCode.slice(0, 4)}00`),
      divisionCode: county.gbCode,
      username,
      password,
    });
    enterprises.push({ id, token: await api.login(username, password), division: county.gbCode });
  }
  const checkpointCode = `KF-BENCH-${runId}`.slice(0, 40);
  await api.createCheckpoint(adminToken, {
    code: checkpointCode,
    name: '开封压测检查站',
    divisionCode: '410202',
  });
  const officer = `bench-${runId}-officer`;
  await api.createUser(adminToken, {
    username: officer,
    password,
    role: 'officer',
    checkpointCode,
  });
  return {
    adminToken,
    enterprises,
    officerToken: await api.login(officer, password),
    checkpointCode,
  };
}
