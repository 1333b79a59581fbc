import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_now()`: the database's side of the app's one clock. It is `now()` shifted by the
 * connection's `tinhtao.clock_offset_ms` (set by the server from CLOCK_START / CLOCK_OFFSET_MS),
 * so SQL that compares with "now" agrees with the server on the date. Every column default of
 * `now()` takes it too.
 */
export class AddAppClock1795800000000 implements MigrationInterface {
  name = 'AddAppClock1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_now() RETURNS timestamptz LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT now() + COALESCE(NULLIF(current_setting('tinhtao.clock_offset_ms', true), '')::bigint, 0) * interval '1 millisecond'
      $$`);
    await this.swapDefaults(q, 'now()', 'app_now()');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.swapDefaults(q, 'app_now()', 'now()');
    await q.query(`DROP FUNCTION app_now()`);
  }

  private async swapDefaults(q: QueryRunner, from: string, to: string): Promise<void> {
    const columns = (await q.query(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_default = $1`,
      [from],
    )) as { table: string; column: string }[];
    for (const { table, column } of columns) await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET DEFAULT ${to}`);
  }
}
