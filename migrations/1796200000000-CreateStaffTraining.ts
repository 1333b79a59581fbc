import type { MigrationInterface, QueryRunner } from 'typeorm';

import { applySqlFunctions } from './sql-functions.js';

/**
 * The Department's program for its own people: lessons for a staff audience (officials,
 * school leaders, teachers), the year's staff program (which of them are required), and
 * staff assignments. A staff assignment is an `assignment` row with `audience = 'staff'`
 * and no classes: its target is the staff of one school (`school_id`), or the Department
 * itself (`school_id` NULL). Attempts and responses are the students' tables, so staff do
 * their lessons in the same player with the same autosave and grading; they never touch
 * the students' coverage roll-ups.
 */
export class CreateStaffTraining1796200000000 implements MigrationInterface {
  name = 'CreateStaffTraining1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await applySqlFunctions(q, ['training/sql/assignment_province.sql']);
    await q.query(`
      ALTER TABLE lesson ADD COLUMN audience text NOT NULL DEFAULT 'student' CHECK (audience IN ('student', 'staff'));
      ALTER TABLE lesson ALTER COLUMN level DROP NOT NULL, ALTER COLUMN grade_min DROP NOT NULL, ALTER COLUMN grade_max DROP NOT NULL;
      ALTER TABLE lesson ADD CONSTRAINT lesson_audience_level CHECK (
        (audience = 'student') = (level IS NOT NULL AND grade_min IS NOT NULL AND grade_max IS NOT NULL));

      ALTER TABLE assignment ADD COLUMN audience text NOT NULL DEFAULT 'student' CHECK (audience IN ('student', 'staff'));
      ALTER TABLE assignment ADD COLUMN province_id uuid REFERENCES province(id);
      UPDATE assignment a SET province_id = s.province_id FROM school s WHERE s.id = a.school_id;
      ALTER TABLE assignment ALTER COLUMN province_id SET NOT NULL, ALTER COLUMN school_id DROP NOT NULL;
      CREATE TRIGGER assignment_province BEFORE INSERT ON assignment FOR EACH ROW EXECUTE FUNCTION assignment_province();
      ALTER TABLE assignment ADD CONSTRAINT assignment_audience_school CHECK (audience = 'staff' OR school_id IS NOT NULL);
      -- The rows one act of assigning made (a lesson given to many schools' staff at once).
      ALTER TABLE assignment ADD COLUMN staff_group_id uuid;
      ALTER TABLE assignment ADD CONSTRAINT assignment_staff_group CHECK ((audience = 'staff') = (staff_group_id IS NOT NULL));
      CREATE INDEX assignment_staff_idx ON assignment (province_id, school_id) WHERE audience = 'staff';
      CREATE INDEX assignment_staff_group_idx ON assignment (staff_group_id) WHERE staff_group_id IS NOT NULL;

      ALTER TABLE province_year ADD COLUMN staff_target numeric(5,2) NOT NULL DEFAULT 100 CHECK (staff_target BETWEEN 0 AND 100);
      ALTER TABLE province_year ADD COLUMN staff_reached_target numeric(5,2) NOT NULL DEFAULT 100 CHECK (staff_reached_target BETWEEN 0 AND 100);

      CREATE TABLE staff_program_lesson (
        province_id uuid NOT NULL REFERENCES province(id),
        school_year text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
        lesson_id uuid NOT NULL REFERENCES lesson(id),
        position smallint NOT NULL,
        required boolean NOT NULL,
        PRIMARY KEY (province_id, school_year, lesson_id),
        UNIQUE (province_id, school_year, position)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE staff_program_lesson;
      ALTER TABLE province_year DROP COLUMN staff_reached_target, DROP COLUMN staff_target;
      DELETE FROM assignment WHERE audience = 'staff';
      DROP TRIGGER assignment_province ON assignment;
      DROP FUNCTION assignment_province();
      ALTER TABLE assignment DROP CONSTRAINT assignment_staff_group, DROP CONSTRAINT assignment_audience_school,
        DROP COLUMN staff_group_id, DROP COLUMN province_id, DROP COLUMN audience;
      ALTER TABLE assignment ALTER COLUMN school_id SET NOT NULL;
      DELETE FROM lesson WHERE audience = 'staff';
      ALTER TABLE lesson DROP CONSTRAINT lesson_audience_level, DROP COLUMN audience;
      ALTER TABLE lesson ALTER COLUMN level SET NOT NULL, ALTER COLUMN grade_min SET NOT NULL, ALTER COLUMN grade_max SET NOT NULL;
    `);
  }
}
