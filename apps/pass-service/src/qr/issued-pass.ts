import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import type { GetPassUseCase } from '../passes/get-pass.use-case';
import type { PassRecord } from '../passes/pass.record';

export type IssuedPass = PassRecord & { token: string; passNumber: string };

/** Visibility first (another enterprise's pass is not found), then: only an issued pass has a QR. */
export async function issuedPassFor(
  getPass: GetPassUseCase,
  user: AuthenticatedUser,
  id: string,
): Promise<IssuedPass> {
  const pass = await getPass.execute(user, id);
  if (pass.status !== 'issued' || !pass.token || !pass.passNumber) {
    throw AppError.conflict(
      'PASS_STATE_CONFLICT',
      `A pass that is ${pass.status} has no QR code to show.`,
    ).withParams({ status: pass.status });
  }
  return { ...pass, token: pass.token, passNumber: pass.passNumber };
}
