import type pg from 'pg';

/** Every table's row count and content hash: a refused request may change none of them. */
export async function tableSnapshot(db: pg.Client): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = (
    await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)
  ).rows;
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const { rows } = await db.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table_name}" t`);
    out[table_name] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}
