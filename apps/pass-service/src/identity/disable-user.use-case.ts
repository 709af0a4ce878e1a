import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { UserAccessChanger } from './user-access-changer';
import type { UserView } from './user.view';

/** The admin disables an account: its sessions end and every service refuses it within seconds. */
@Injectable()
export class DisableUserUseCase {
  constructor(private readonly access: UserAccessChanger) {}

  execute(admin: AuthenticatedUser, id: string, reason: string): Promise<UserView> {
    // An admin locking themself out could leave nobody to undo it.
    if (id === admin.userId)
      throw AppError.conflict('CANNOT_DISABLE_SELF', 'You cannot disable your own account.');
    return this.access.change(admin, id, { disable: true, reason });
  }
}
