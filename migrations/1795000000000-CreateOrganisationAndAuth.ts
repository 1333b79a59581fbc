import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Provinces, areas, schools, classes, users, enrollments, per-year settings, sessions, audit. */
export class CreateOrganisationAndAuth1795000000000 implements MigrationInterface {
  name = 'CreateOrganisationAndAuth1795000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE province (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        name text NOT NULL,
        code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_id, name)
      );
      CREATE TABLE school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        area_id uuid REFERENCES area(id),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('THCS', 'THPT', 'MIXED')),
        ministry_code text NOT NULL,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_id, ministry_code)
      );
      CREATE INDEX school_area_idx ON school (area_id);
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        school_id uuid REFERENCES school(id),
        role text NOT NULL CHECK (role IN ('dept_admin', 'school_admin', 'teacher', 'student')),
        username text NOT NULL UNIQUE,
        full_name text NOT NULL,
        password_hash text NOT NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        birth_date date,
        gender text CHECK (gender IN ('M', 'F')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'dept_admin') = (school_id IS NULL))
      );
      CREATE INDEX app_user_school_role_idx ON app_user (school_id, role);
      CREATE INDEX app_user_province_role_idx ON app_user (province_id, role);
      CREATE TABLE school_class (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id),
        name text NOT NULL,
        grade smallint NOT NULL CHECK (grade BETWEEN 6 AND 12),
        school_year text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, school_year, name)
      );
      CREATE TABLE class_teacher (
        class_id uuid NOT NULL REFERENCES school_class(id) ON DELETE CASCADE,
        teacher_id uuid NOT NULL REFERENCES app_user(id),
        PRIMARY KEY (class_id, teacher_id)
      );
      CREATE INDEX class_teacher_teacher_idx ON class_teacher (teacher_id);
      CREATE TABLE enrollment (
        class_id uuid NOT NULL REFERENCES school_class(id),
        student_id uuid NOT NULL REFERENCES app_user(id),
        school_year text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (class_id, student_id),
        UNIQUE (student_id, school_year)
      );
      CREATE TABLE province_year (
        province_id uuid NOT NULL REFERENCES province(id),
        school_year text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
        targets jsonb NOT NULL,
        students_reached_target numeric(5,2) NOT NULL CHECK (students_reached_target BETWEEN 0 AND 100),
        school_threshold numeric(5,2) NOT NULL DEFAULT 80 CHECK (school_threshold BETWEEN 0 AND 100),
        pass_mark numeric(5,2) NOT NULL DEFAULT 50 CHECK (pass_mark BETWEEN 0 AND 100),
        reporting text NOT NULL DEFAULT 'annual' CHECK (reporting IN ('annual', 'quarterly')),
        report_deadline date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, school_year)
      );
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoke_reason text,
        ip text,
        user_agent text
      );
      CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL;
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        province_id uuid,
        school_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_event_province_at_idx ON audit_event (province_id, at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_event, refresh_token, auth_session, province_year, enrollment, class_teacher,
        school_class, app_user, school, area, province;
    `);
  }
}
