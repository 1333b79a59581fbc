/**
 * A toy SQL engine for the range's injection apps: a few in-memory tables per student and the
 * SELECT a beginner meets (WHERE with AND/OR/NOT, comparisons, LIKE, IS NULL, UNION, LIMIT,
 * comments), evaluated over those tables only. It is genuinely injectable, because the app
 * builds its query by pasting input into a string, and it cannot reach anything else: there is
 * no catalog, no function, no second statement, no file, no connection. What it does not know it
 * names in a Vietnamese error a student can learn from.
 */

export type SqlValue = string | number | null;

export interface ToyTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SqlValue[])[];
}

/** Tables by lower-case name. */
export type ToyDatabase = ReadonlyMap<string, ToyTable>;

export type ToyQueryResult = { ok: true; columns: string[]; rows: SqlValue[][] } | { ok: false; error: string };

const MAX_SQL_LENGTH = 2000;
const MAX_TOKENS = 400;
const MAX_DEPTH = 40;
const MAX_ROWS = 50;

class ToySqlError extends Error {}

type Token =
  | { kind: 'str'; value: string; start: number }
  | { kind: 'num'; value: number; start: number }
  | { kind: 'id'; value: string; upper: string; start: number }
  | { kind: 'op'; value: string; start: number };

const OPERATORS = ['<=', '>=', '<>', '!=', '=', '<', '>', '(', ')', ',', '*', ';', '-'] as const;
const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'UNION', 'ALL', 'LIMIT', 'LIKE', 'IS', 'NULL', 'AS', 'TRUE', 'FALSE']);

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if ((c === '-' && sql[i + 1] === '-') || c === '#') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new ToySqlError('Lỗi cú pháp SQL: có một chuỗi mở bằng dấu nháy mà chưa được đóng.');
        const d = sql[i];
        if (d === c && sql[i + 1] === c) {
          value += c;
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'str', value, start });
    } else if (c >= '0' && c <= '9') {
      const match = /^\d+(?:\.\d+)?/.exec(sql.slice(i, i + 40))!;
      tokens.push({ kind: 'num', value: Number(match[0]), start: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)*/.exec(sql.slice(i, i + 200))!;
      tokens.push({ kind: 'id', value: match[0], upper: match[0].toUpperCase(), start: i });
      i += match[0].length;
    } else {
      const op = OPERATORS.find((candidate) => sql.startsWith(candidate, i));
      if (!op) throw new ToySqlError(`Lỗi cú pháp SQL gần «${sql.slice(i, i + 20)}».`);
      tokens.push({ kind: 'op', value: op, start: i });
      i += op.length;
    }
    if (tokens.length > MAX_TOKENS) throw new ToySqlError('Câu lệnh quá dài với cơ sở dữ liệu đồ chơi này.');
  }
  return tokens;
}

type Expr =
  | { k: 'lit'; v: SqlValue }
  | { k: 'col'; name: string }
  | { k: 'neg'; e: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'like'; a: Expr; b: Expr; not: boolean }
  | { k: 'null'; e: Expr; not: boolean };

interface SelectItem {
  expr: Expr;
  label: string;
}
interface Select {
  items: SelectItem[] | '*';
  table: string | null;
  where: Expr | null;
}
interface Query {
  selects: Select[];
  distinct: boolean;
  limit: number | null;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly sql: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private near(): never {
    const token = this.peek();
    throw new ToySqlError(token ? `Lỗi cú pháp SQL gần «${this.sql.slice(token.start, token.start + 20)}».` : 'Lỗi cú pháp SQL: câu lệnh kết thúc quá sớm.');
  }
  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'id' && token.upper === word;
  }
  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.pos++;
    return true;
  }
  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) this.near();
  }
  private acceptOp(op: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'op' || token.value !== op) return false;
    this.pos++;
    return true;
  }

  query(): Query {
    const selects = [this.select()];
    let distinct = false;
    while (this.acceptKeyword('UNION')) {
      if (!this.acceptKeyword('ALL')) distinct = true;
      selects.push(this.select());
    }
    let limit: number | null = null;
    if (this.acceptKeyword('LIMIT')) {
      const token = this.peek();
      if (token?.kind !== 'num') this.near();
      limit = token.value;
      this.pos++;
    }
    if (this.acceptOp(';') && this.peek()) throw new ToySqlError('Cơ sở dữ liệu này chỉ chạy một câu lệnh SELECT mỗi lần.');
    if (this.peek()) this.near();
    return { selects, distinct, limit };
  }

  private select(): Select {
    this.expectKeyword('SELECT');
    let items: SelectItem[] | '*';
    if (this.acceptOp('*')) {
      items = '*';
    } else {
      items = [];
      do {
        const start = this.peek()?.start ?? this.sql.length;
        const expr = this.expr();
        const end = this.peek()?.start ?? this.sql.length;
        let label = expr.k === 'col' ? expr.name : this.sql.slice(start, end).trim();
        if (this.acceptKeyword('AS')) {
          const alias = this.peek();
          if (alias?.kind !== 'id' && alias?.kind !== 'str') this.near();
          label = String(alias.value);
          this.pos++;
        }
        items.push({ expr, label });
      } while (this.acceptOp(','));
    }
    let table: string | null = null;
    if (this.acceptKeyword('FROM')) {
      const token = this.peek();
      if (token?.kind !== 'id' || KEYWORDS.has(token.upper)) this.near();
      table = token.value;
      this.pos++;
    }
    const where = this.acceptKeyword('WHERE') ? this.expr() : null;
    return { items, table, where };
  }

  private expr(): Expr {
    if (++this.depth > MAX_DEPTH) throw new ToySqlError('Câu lệnh quá phức tạp với cơ sở dữ liệu đồ chơi này.');
    let left = this.and();
    while (this.acceptKeyword('OR')) left = { k: 'or', a: left, b: this.and() };
    this.depth--;
    return left;
  }
  private and(): Expr {
    let left = this.not();
    while (this.acceptKeyword('AND')) left = { k: 'and', a: left, b: this.not() };
    return left;
  }
  private not(): Expr {
    if (this.acceptKeyword('NOT')) {
      if (++this.depth > MAX_DEPTH) throw new ToySqlError('Câu lệnh quá phức tạp với cơ sở dữ liệu đồ chơi này.');
      const e = this.not();
      this.depth--;
      return { k: 'not', e };
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const left = this.primary();
    const token = this.peek();
    if (token?.kind === 'op' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(token.value)) {
      this.pos++;
      return { k: 'cmp', op: token.value === '!=' ? '<>' : token.value, a: left, b: this.primary() };
    }
    if (this.acceptKeyword('IS')) {
      const not = this.acceptKeyword('NOT');
      this.expectKeyword('NULL');
      return { k: 'null', e: left, not };
    }
    const next = this.tokens[this.pos + 1];
    const not = this.isKeyword('NOT') && next?.kind === 'id' && next.upper === 'LIKE';
    if (not) this.pos++;
    if (this.acceptKeyword('LIKE')) return { k: 'like', a: left, b: this.primary(), not };
    return left;
  }
  private primary(): Expr {
    const token = this.peek();
    if (!token) this.near();
    if (token.kind === 'str' || token.kind === 'num') {
      this.pos++;
      return { k: 'lit', v: token.value };
    }
    if (token.kind === 'op' && token.value === '(') {
      this.pos++;
      const inner = this.expr();
      if (!this.acceptOp(')')) this.near();
      return inner;
    }
    if (token.kind === 'op' && token.value === '-') {
      this.pos++;
      return { k: 'neg', e: this.primary() };
    }
    if (token.kind === 'id') {
      if (token.upper === 'NULL') return this.literal(null);
      if (token.upper === 'TRUE') return this.literal(1);
      if (token.upper === 'FALSE') return this.literal(0);
      if (KEYWORDS.has(token.upper)) this.near();
      const next = this.tokens[this.pos + 1];
      if (next?.kind === 'op' && next.value === '(') throw new ToySqlError(`Hàm «${token.value}» không có trong cơ sở dữ liệu đồ chơi này.`);
      this.pos++;
      return { k: 'col', name: token.value };
    }
    this.near();
  }
  private literal(v: SqlValue): Expr {
    this.pos++;
    return { k: 'lit', v };
  }
}

// ── Evaluation ────────────────────────────────────────────────────────────────────────────

type Compiled = (row: readonly SqlValue[]) => SqlValue;

/** MySQL-like: a string read as a number takes its leading digits, or 0. */
function toNumber(v: string | number): number {
  if (typeof v === 'number') return v;
  const match = /^\s*-?\d+(?:\.\d+)?/.exec(v);
  return match ? Number(match[0]) : 0;
}

function truthy(v: SqlValue): boolean {
  return v !== null && toNumber(v) !== 0;
}

function compare(op: string, a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  const order = typeof a === 'number' || typeof b === 'number' ? Math.sign(toNumber(a) - toNumber(b)) : a < b ? -1 : a > b ? 1 : 0;
  switch (op) {
    case '=':
      return order === 0 ? 1 : 0;
    case '<>':
      return order !== 0 ? 1 : 0;
    case '<':
      return order < 0 ? 1 : 0;
    case '>':
      return order > 0 ? 1 : 0;
    case '<=':
      return order <= 0 ? 1 : 0;
    default:
      return order >= 0 ? 1 : 0;
  }
}

function likeRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

function compile(expr: Expr, columns: readonly string[], table: string | null): Compiled {
  switch (expr.k) {
    case 'lit': {
      const v = expr.v;
      return () => v;
    }
    case 'col': {
      const lower = expr.name.toLowerCase();
      const dot = lower.lastIndexOf('.');
      const qualifier = dot === -1 ? null : lower.slice(0, dot);
      const name = dot === -1 ? lower : lower.slice(dot + 1);
      const index = qualifier === null || qualifier === table ? columns.indexOf(name) : -1;
      if (index === -1) throw new ToySqlError(`Không có cột «${expr.name}»${table ? ` trong bảng «${table}»` : ''}.`);
      return (row) => row[index] ?? null;
    }
    case 'neg': {
      const e = compile(expr.e, columns, table);
      return (row) => {
        const v = e(row);
        return v === null ? null : -toNumber(v);
      };
    }
    case 'not': {
      const e = compile(expr.e, columns, table);
      return (row) => (truthy(e(row)) ? 0 : 1);
    }
    case 'and': {
      const a = compile(expr.a, columns, table);
      const b = compile(expr.b, columns, table);
      return (row) => (truthy(a(row)) && truthy(b(row)) ? 1 : 0);
    }
    case 'or': {
      const a = compile(expr.a, columns, table);
      const b = compile(expr.b, columns, table);
      return (row) => (truthy(a(row)) || truthy(b(row)) ? 1 : 0);
    }
    case 'cmp': {
      const a = compile(expr.a, columns, table);
      const b = compile(expr.b, columns, table);
      const op = expr.op;
      return (row) => compare(op, a(row), b(row));
    }
    case 'like': {
      const a = compile(expr.a, columns, table);
      const b = compile(expr.b, columns, table);
      const not = expr.not;
      return (row) => {
        const value = a(row);
        const pattern = b(row);
        if (value === null || pattern === null) return null;
        return likeRegExp(String(pattern)).test(String(value)) !== not ? 1 : 0;
      };
    }
    case 'null': {
      const e = compile(expr.e, columns, table);
      const not = expr.not;
      return (row) => ((e(row) === null) !== not ? 1 : 0);
    }
  }
}

function runSelect(db: ToyDatabase, select: Select): { columns: string[]; rows: SqlValue[][] } {
  let table: string | null = null;
  let source: ToyTable = { columns: [], rows: [[]] };
  if (select.table !== null) {
    table = select.table.toLowerCase();
    const found = db.get(table);
    if (!found) throw new ToySqlError(`Không có bảng «${select.table}» trong cơ sở dữ liệu này.`);
    source = found;
  }
  if (select.items === '*' && table === null) throw new ToySqlError('SELECT * cần có FROM và tên một bảng.');
  const columns = select.items === '*' ? [...source.columns] : select.items.map((item) => item.label);
  const projections = select.items === '*' ? null : select.items.map((item) => compile(item.expr, source.columns, table));
  const where = select.where ? compile(select.where, source.columns, table) : null;
  const rows: SqlValue[][] = [];
  for (const row of source.rows) {
    if (where && !truthy(where(row))) continue;
    rows.push(projections ? projections.map((project) => project(row)) : [...row]);
  }
  return { columns, rows };
}

/** Runs one SELECT (or a UNION of them) over the toy tables. Never throws. */
export function runToyQuery(db: ToyDatabase, sql: string): ToyQueryResult {
  try {
    if (sql.length > MAX_SQL_LENGTH) throw new ToySqlError('Câu lệnh quá dài với cơ sở dữ liệu đồ chơi này.');
    const query = new Parser(sql, tokenize(sql)).query();
    let columns: string[] = [];
    let rows: SqlValue[][] = [];
    query.selects.forEach((select, i) => {
      const result = runSelect(db, select);
      if (i === 0) columns = result.columns;
      else if (result.columns.length !== columns.length) throw new ToySqlError('Các câu SELECT nối bằng UNION phải có cùng số cột.');
      rows.push(...result.rows);
    });
    if (query.distinct) {
      const seen = new Set<string>();
      rows = rows.filter((row) => {
        const key = JSON.stringify(row);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    const limit = Math.min(query.limit ?? MAX_ROWS, MAX_ROWS);
    return { ok: true, columns, rows: rows.slice(0, limit) };
  } catch (error) {
    if (error instanceof ToySqlError) return { ok: false, error: error.message };
    throw error;
  }
}
