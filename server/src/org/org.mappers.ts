import type { AreaDto, ClassDto, SchoolDto, UserDto } from '@tinhtao/shared';

/** Column lists that read rows straight into the API's DTO shapes. */
export const SCHOOL_COLUMNS = `s.id, s.province_id AS "provinceId", s.area_id AS "areaId", s.name, s.level,
  s.ministry_code AS "ministryCode", s.address`;
export const AREA_COLUMNS = `a.id, a.province_id AS "provinceId", a.name, a.code`;
export const CLASS_COLUMNS = `c.id, c.name, c.grade, c.school_id AS "schoolId", c.school_year AS "schoolYear",
  ARRAY(SELECT t.teacher_id FROM class_teacher t WHERE t.class_id = c.id ORDER BY t.teacher_id) AS "teacherIds",
  (SELECT count(*)::int FROM enrollment e WHERE e.class_id = c.id) AS "studentCount"`;
export const USER_COLUMNS = `u.id, u.username, u.full_name AS "fullName", u.role, u.province_id AS "provinceId",
  u.school_id AS "schoolId", u.active, u.must_change_password AS "mustChangePassword",
  to_char(u.birth_date, 'YYYY-MM-DD') AS "birthDate", u.gender`;

export type { AreaDto, ClassDto, SchoolDto, UserDto };
