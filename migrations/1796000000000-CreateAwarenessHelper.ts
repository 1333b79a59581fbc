import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Hỏi Tỉnh Táo": what the helper keeps. Never what a user pasted, except the one message a
 * student shares with the class's teachers; otherwise counts per week and area of the signs,
 * domains and patterns found. The Department's block and allow lists, its own patterns, and the
 * alert lessons it sends to schools.
 */
export class CreateAwarenessHelper1796000000000 implements MigrationInterface {
  name = 'CreateAwarenessHelper1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE helper_weekly_count (
        province_id uuid NOT NULL REFERENCES province(id),
        area_id uuid REFERENCES area(id) ON DELETE SET NULL,
        week date NOT NULL CHECK (extract(isodow FROM week) = 1),
        kind text NOT NULL CHECK (kind IN ('ask', 'sign', 'domain', 'pattern')),
        key text NOT NULL,
        count integer NOT NULL CHECK (count > 0)
      );
      CREATE UNIQUE INDEX helper_weekly_count_key ON helper_weekly_count
        (province_id, (coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid)), week, kind, key);
      CREATE INDEX helper_weekly_count_week_idx ON helper_weekly_count (province_id, week);

      CREATE TABLE helper_list_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        list text NOT NULL CHECK (list IN ('block', 'allow')),
        kind text NOT NULL CHECK (kind IN ('domain', 'phone')),
        value text NOT NULL,
        note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT app_now(),
        UNIQUE (province_id, list, value)
      );

      CREATE TABLE helper_pattern (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        sign text NOT NULL,
        phrase text NOT NULL,
        folded text NOT NULL,
        note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT app_now(),
        UNIQUE (province_id, folded)
      );

      CREATE TABLE helper_shared_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        school_id uuid NOT NULL REFERENCES school(id),
        class_id uuid NOT NULL REFERENCES school_class(id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL,
        text text NOT NULL,
        signs jsonb NOT NULL,
        shared_at timestamptz NOT NULL DEFAULT app_now(),
        UNIQUE (student_id, conversation_id)
      );
      CREATE INDEX helper_shared_message_class_idx ON helper_shared_message (class_id, shared_at DESC);

      CREATE TABLE helper_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        lesson_id uuid NOT NULL REFERENCES lesson(id),
        sign text,
        note text NOT NULL DEFAULT '',
        sent_by uuid REFERENCES app_user(id),
        sent_at timestamptz NOT NULL DEFAULT app_now()
      );
      CREATE INDEX helper_alert_province_idx ON helper_alert (province_id, sent_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE helper_alert, helper_shared_message, helper_pattern, helper_list_entry, helper_weekly_count`);
  }
}
