import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { UserAccessChanger } from './user-access-changer';
import type { UserView } from './user.view';

/** The admin enables a disabled account again. */
@Injectable()
export class EnableUserUseCase {
  constructor(private readonly access: UserAccessChanger) {}

  execute(admin: AuthenticatedUser, id: string, reason: string | undefined): Promise<UserView> {
    return this.access.change(admin, id, { disable: false, reason: reason ?? null });
  }
}
