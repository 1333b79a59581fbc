import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The question bank, lessons and versioned curricula. Published content is frozen twice:
 * the services answer 409, and triggers refuse any change to a locked item or lesson or
 * to the lesson list of a version that is no longer a draft.
 */
export class CreateContent1795100000000 implements MigrationInterface {
  name = 'CreateContent1795100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        kind text NOT NULL CHECK (kind IN ('single_choice', 'multi_choice', 'true_false', 'ordering', 'claim_check', 'red_flags', 'short_answer')),
        prompt text NOT NULL,
        content jsonb NOT NULL,
        answer jsonb NOT NULL,
        feedback text NOT NULL,
        topics text[] NOT NULL DEFAULT '{}',
        techniques text[] NOT NULL DEFAULT '{}',
        difficulty text NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
        points smallint NOT NULL CHECK (points BETWEEN 1 AND 10),
        revises_id uuid REFERENCES item(id),
        locked_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX item_province_kind_idx ON item (province_id, kind);
      CREATE INDEX item_topics_idx ON item USING gin (topics);
      CREATE INDEX item_techniques_idx ON item USING gin (techniques);

      CREATE TABLE lesson (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        slug text,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SAFETY', 'MEDIA_LITERACY')),
        level text NOT NULL CHECK (level IN ('THCS', 'THPT')),
        grade_min smallint NOT NULL,
        grade_max smallint NOT NULL,
        duration_minutes smallint NOT NULL,
        summary text NOT NULL DEFAULT '',
        objectives jsonb NOT NULL,
        body jsonb NOT NULL,
        revises_id uuid REFERENCES lesson(id),
        locked_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (grade_min <= grade_max)
      );
      CREATE INDEX lesson_province_idx ON lesson (province_id, level, kind);
      CREATE UNIQUE INDEX lesson_slug_idx ON lesson (province_id, slug) WHERE slug IS NOT NULL;

      CREATE TABLE lesson_item (
        lesson_id uuid NOT NULL REFERENCES lesson(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES item(id),
        position smallint NOT NULL,
        PRIMARY KEY (lesson_id, position),
        UNIQUE (lesson_id, item_id)
      );
      CREATE INDEX lesson_item_item_idx ON lesson_item (item_id);

      CREATE TABLE curriculum (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        school_year text NOT NULL,
        level text NOT NULL CHECK (level IN ('THCS', 'THPT')),
        kind text NOT NULL CHECK (kind IN ('SAFETY', 'MEDIA_LITERACY')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_id, school_year, level, kind)
      );

      CREATE TABLE curriculum_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        curriculum_id uuid NOT NULL REFERENCES curriculum(id) ON DELETE CASCADE,
        version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
        title text NOT NULL,
        note text NOT NULL DEFAULT '',
        published_at timestamptz,
        published_by uuid REFERENCES app_user(id),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (curriculum_id, version),
        CHECK ((status = 'draft') = (published_at IS NULL))
      );
      CREATE UNIQUE INDEX curriculum_one_draft_idx ON curriculum_version (curriculum_id) WHERE status = 'draft';
      CREATE UNIQUE INDEX curriculum_one_published_idx ON curriculum_version (curriculum_id) WHERE status = 'published';

      CREATE TABLE curriculum_lesson (
        version_id uuid NOT NULL REFERENCES curriculum_version(id) ON DELETE CASCADE,
        lesson_id uuid NOT NULL REFERENCES lesson(id),
        position smallint NOT NULL,
        required boolean NOT NULL,
        suggested_month smallint CHECK (suggested_month BETWEEN 1 AND 12),
        PRIMARY KEY (version_id, lesson_id),
        UNIQUE (version_id, position)
      );
      CREATE INDEX curriculum_lesson_lesson_idx ON curriculum_lesson (lesson_id);

      CREATE FUNCTION refuse_locked_content() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.locked_at IS NOT NULL THEN
          RAISE EXCEPTION '% % is published and cannot change', TG_TABLE_NAME, OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER item_locked BEFORE UPDATE OR DELETE ON item FOR EACH ROW EXECUTE FUNCTION refuse_locked_content();
      CREATE TRIGGER lesson_locked BEFORE UPDATE OR DELETE ON lesson FOR EACH ROW EXECUTE FUNCTION refuse_locked_content();

      CREATE FUNCTION refuse_locked_lesson_items() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE target uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.lesson_id ELSE NEW.lesson_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM lesson WHERE id = target AND locked_at IS NOT NULL) THEN
          RAISE EXCEPTION 'lesson % is published and its items cannot change', target USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER lesson_item_locked BEFORE INSERT OR UPDATE OR DELETE ON lesson_item FOR EACH ROW EXECUTE FUNCTION refuse_locked_lesson_items();

      CREATE FUNCTION refuse_published_curriculum_lessons() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE target uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM curriculum_version WHERE id = target AND status <> 'draft') THEN
          RAISE EXCEPTION 'curriculum version % is published and its lessons cannot change', target USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER curriculum_lesson_locked BEFORE INSERT OR UPDATE OR DELETE ON curriculum_lesson
        FOR EACH ROW EXECUTE FUNCTION refuse_published_curriculum_lessons();

      CREATE FUNCTION refuse_published_version_edit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A published version may only be superseded; a superseded one never changes.
        IF OLD.status = 'superseded' OR (OLD.status = 'published' AND (NEW.status <> 'superseded'
            OR (NEW.title, NEW.note, NEW.version, NEW.published_at, NEW.published_by) IS DISTINCT FROM (OLD.title, OLD.note, OLD.version, OLD.published_at, OLD.published_by))) THEN
          RAISE EXCEPTION 'curriculum version % is published and cannot change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER curriculum_version_locked BEFORE UPDATE ON curriculum_version FOR EACH ROW EXECUTE FUNCTION refuse_published_version_edit();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE curriculum_lesson, curriculum_version, curriculum, lesson_item, lesson, item;
      DROP FUNCTION refuse_locked_content(), refuse_locked_lesson_items(), refuse_published_curriculum_lessons(), refuse_published_version_edit();
    `);
  }
}
