import { AuditEventEntity } from '../audit/entities/audit-event.entity.js';
import { AuthSessionEntity, RefreshTokenEntity } from '../auth/entities/auth-session.entity.js';
import { AreaEntity } from '../org/entities/area.entity.js';
import { ProvinceEntity } from '../org/entities/province.entity.js';
import { ProvinceYearEntity } from '../org/entities/province-year.entity.js';
import { SchoolEntity } from '../org/entities/school.entity.js';
import { ClassTeacherEntity, EnrollmentEntity, SchoolClassEntity } from '../org/entities/school-class.entity.js';
import { UserEntity } from '../org/entities/user.entity.js';

export const entities = [
  ProvinceEntity,
  AreaEntity,
  SchoolEntity,
  SchoolClassEntity,
  ClassTeacherEntity,
  EnrollmentEntity,
  UserEntity,
  ProvinceYearEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  AuditEventEntity,
];
