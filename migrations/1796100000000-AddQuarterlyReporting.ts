import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarterly reporting ("định kỳ hằng quý"): a province that reports every quarter hands in each
 * quarter's report on a day of the month after the quarter ends, its own per school year (15 unless
 * it says otherwise). Only up to the 28th, so that the day exists in every month, February included.
 */
export class AddQuarterlyReporting1796100000000 implements MigrationInterface {
  name = 'AddQuarterlyReporting1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE province_year ADD COLUMN quarter_report_day smallint NOT NULL DEFAULT 15 CHECK (quarter_report_day BETWEEN 1 AND 28)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE province_year DROP COLUMN quarter_report_day`);
  }
}
