import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ministry's submission contests (issue 19): posters, models and video clips, entered by a
 * student or by a teacher for a team of own students, judged blind from the school round to the
 * province round, and a people's choice vote beside the jury.
 *
 * - `submission_contest`: the Department's contest, its kinds' file rules and its rubric (JSON,
 *   locked once a score is saved), and the people's choice window.
 * - `submission_round` (one per stage) and `submission_round_judge`: its windows, who goes on, its judges.
 * - `submission_entry` with `submission_entry_member` (one student for an individual entry, up to
 *   N of one school for a team; a student is in one entry per contest) and `submission_file`
 *   (uploaded first over tus by its owner, then named by an entry; stored stripped, with a
 *   thumbnail, a perceptual hash and for videos a poster).
 * - `submission_round_entry`: the entries a round judges, with their anonymous code, and whether
 *   they went on (the promotion to the next round is a row there too).
 * - `submission_assignment`: entry × judge × round; a conflict marks the row and a new row comes in.
 * - `submission_score`: per criterion (JSON), a comment, the weighted total.
 * - `submission_vote`: one per student per contest, held by the database.
 */
export class CreateSubmissionContests1796400000000 implements MigrationInterface {
  name = 'CreateSubmissionContests1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE submission_contest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        title text NOT NULL,
        kinds jsonb NOT NULL,
        levels text[] NOT NULL,
        themes text[] NOT NULL DEFAULT '{}',
        rules text NOT NULL DEFAULT '',
        entry_mode text NOT NULL CHECK (entry_mode IN ('individual', 'team')),
        max_team_size smallint CHECK (max_team_size BETWEEN 2 AND 10),
        rubric jsonb,
        vote_stage text CHECK (vote_stage IN ('school', 'area', 'province')),
        vote_opens_at timestamptz,
        vote_closes_at timestamptz,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT app_now(),
        updated_at timestamptz NOT NULL DEFAULT app_now(),
        CHECK ((entry_mode = 'team') = (max_team_size IS NOT NULL)),
        CHECK ((vote_stage IS NULL) = (vote_opens_at IS NULL) AND (vote_stage IS NULL) = (vote_closes_at IS NULL))
      );
      CREATE INDEX submission_contest_province_idx ON submission_contest (province_id, created_at DESC);

      CREATE TABLE submission_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES submission_contest(id) ON DELETE CASCADE,
        stage text NOT NULL CHECK (stage IN ('school', 'area', 'province')),
        position smallint NOT NULL,
        submission_opens_at timestamptz,
        submission_closes_at timestamptz,
        promotion_opens_at timestamptz,
        promotion_closes_at timestamptz,
        judging_opens_at timestamptz NOT NULL,
        judging_closes_at timestamptz NOT NULL,
        advance_per text CHECK (advance_per IN ('school', 'area')),
        advance_top smallint CHECK (advance_top BETWEEN 1 AND 100),
        judges_per_entry smallint NOT NULL DEFAULT 3 CHECK (judges_per_entry BETWEEN 3 AND 7),
        results_published_at timestamptz,
        UNIQUE (contest_id, stage),
        UNIQUE (contest_id, position),
        CHECK ((advance_per IS NULL) = (advance_top IS NULL))
      );

      CREATE TABLE submission_round_judge (
        round_id uuid NOT NULL REFERENCES submission_round(id) ON DELETE CASCADE,
        judge_id uuid NOT NULL REFERENCES app_user(id),
        PRIMARY KEY (round_id, judge_id)
      );
      CREATE INDEX submission_round_judge_user_idx ON submission_round_judge (judge_id);

      CREATE TABLE submission_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES submission_contest(id) ON DELETE CASCADE,
        province_id uuid NOT NULL REFERENCES province(id),
        school_id uuid NOT NULL REFERENCES school(id),
        kind text NOT NULL CHECK (kind IN ('poster', 'model', 'video')),
        theme text,
        title text NOT NULL,
        description text NOT NULL,
        technique text NOT NULL,
        team boolean NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'confirmed', 'returned', 'withdrawn')),
        return_reason text,
        submitted_at timestamptz NOT NULL DEFAULT app_now(),
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES app_user(id),
        consent_on_file boolean NOT NULL DEFAULT false,
        CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
      );
      CREATE INDEX submission_entry_contest_idx ON submission_entry (contest_id, school_id, status);

      CREATE TABLE submission_entry_member (
        entry_id uuid NOT NULL REFERENCES submission_entry(id) ON DELETE CASCADE,
        contest_id uuid NOT NULL REFERENCES submission_contest(id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES app_user(id),
        position smallint NOT NULL,
        PRIMARY KEY (entry_id, student_id),
        -- A student is in one entry of a contest (their own or a team's).
        UNIQUE (contest_id, student_id)
      );

      CREATE TABLE submission_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES submission_contest(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES app_user(id),
        entry_id uuid REFERENCES submission_entry(id) ON DELETE SET NULL,
        position smallint,
        original_name text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        media_type text NOT NULL,
        bytes bigint NOT NULL CHECK (bytes > 0),
        width integer,
        height integer,
        duration_seconds numeric(10,3),
        thumbnail_key text,
        poster_key text,
        phash text,
        duplicate_of uuid REFERENCES submission_file(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT app_now()
      );
      CREATE INDEX submission_file_entry_idx ON submission_file (entry_id, position);
      CREATE INDEX submission_file_phash_idx ON submission_file (contest_id) WHERE phash IS NOT NULL;

      CREATE TABLE submission_round_entry (
        round_id uuid NOT NULL REFERENCES submission_round(id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES submission_entry(id) ON DELETE CASCADE,
        code integer NOT NULL,
        promoted boolean NOT NULL DEFAULT false,
        group_key uuid,
        group_rank integer,
        PRIMARY KEY (round_id, entry_id),
        UNIQUE (round_id, code)
      );
      CREATE INDEX submission_round_entry_entry_idx ON submission_round_entry (entry_id);

      CREATE TABLE submission_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES submission_round(id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES submission_entry(id) ON DELETE CASCADE,
        judge_id uuid NOT NULL REFERENCES app_user(id),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'conflict')),
        conflict_reason text CHECK (conflict_reason IN ('knows_author', 'taught_author', 'relative', 'same_school', 'other')),
        conflict_note text,
        replaced_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT app_now(),
        UNIQUE (round_id, entry_id, judge_id),
        CHECK ((status = 'conflict') = (conflict_reason IS NOT NULL))
      );
      CREATE INDEX submission_assignment_judge_idx ON submission_assignment (judge_id, round_id) WHERE status = 'active';
      CREATE INDEX submission_assignment_entry_idx ON submission_assignment (round_id, entry_id);

      CREATE TABLE submission_score (
        round_id uuid NOT NULL REFERENCES submission_round(id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES submission_entry(id) ON DELETE CASCADE,
        judge_id uuid NOT NULL REFERENCES app_user(id),
        criteria jsonb NOT NULL,
        comment text NOT NULL DEFAULT '',
        total numeric(9,4) NOT NULL CHECK (total BETWEEN 0 AND 100),
        saved_at timestamptz NOT NULL DEFAULT app_now(),
        PRIMARY KEY (round_id, entry_id, judge_id)
      );

      CREATE TABLE submission_vote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES submission_contest(id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES app_user(id),
        entry_id uuid NOT NULL REFERENCES submission_entry(id) ON DELETE CASCADE,
        school_id uuid REFERENCES school(id),
        cast_at timestamptz NOT NULL DEFAULT app_now(),
        -- One vote per student per contest, whatever races.
        UNIQUE (contest_id, student_id)
      );
      CREATE INDEX submission_vote_entry_idx ON submission_vote (contest_id, entry_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE submission_vote;
      DROP TABLE submission_score;
      DROP TABLE submission_assignment;
      DROP TABLE submission_round_entry;
      DROP TABLE submission_file;
      DROP TABLE submission_entry_member;
      DROP TABLE submission_entry;
      DROP TABLE submission_round_judge;
      DROP TABLE submission_round;
      DROP TABLE submission_contest;
    `);
  }
}
