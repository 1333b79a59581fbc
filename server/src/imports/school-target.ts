import { Permission, type ScopeFacts } from '@tinhtao/shared';

import type { AccessService } from '../access/access.service.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';

/**
 * The school an import or a rollover acts on. School staff act on their own school only: naming
 * another answers 403 whether it exists or not (DESIGN §4); a dept admin may name any school
 * of the province (another province's is 404).
 */
export async function schoolTarget(access: AccessService, auth: AuthUser, schoolId: string): Promise<ScopeFacts> {
  if (auth.role !== 'dept_admin' && schoolId !== auth.schoolId) throw new AppError(ErrorCode.Forbidden, 'You may act on your own school only');
  return (await access.require(auth, Permission.SchoolImport, [schoolId])).get(schoolId)!;
}
