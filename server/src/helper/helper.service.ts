import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  CurriculumLevelSchema,
  HELPER_SIGNS,
  HELPER_TREND_MAX_WEEKS,
  type HelperAlertBody,
  type HelperAlertDto,
  type HelperAnswerDto,
  type HelperAskBody,
  type HelperListImportBody,
  type HelperListImportDto,
  type HelperListQuery,
  type HelperPatternBody,
  type HelperShareBody,
  type HelperShareDto,
  type HelperTrendCountDto,
  type HelperTrendsDto,
  type HelperTrendsQuery,
  Permission,
  readableLevels,
  REPORT_CHANNELS,
  SIGN_CODES,
  type SignCode,
  type TrendKind,
  validationMessage,
} from '@tinhtao/shared';
import { parse as parseCsv } from 'csv-parse/sync';

import { AccessService } from '../access/access.service.js';
import { type AuditRecord, AuditService } from '../audit/audit.service.js';
import { CONFIG, type Config } from '../config/config.js';
import { TransactionRepository, type Tx } from '../database/transaction.repository.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import type { WindowCounter } from '../platform/window-counter.js';
import { type Conversation, CONVERSATIONS, type ConversationStore, HELPER_RATE } from './conversations.js';
import { HelperRepository, type WeeklyCount } from './helper.repository.js';
import { phrase } from './phrasing.js';
import { compose, composeFollowUp, isFollowUp } from './rules/answer.js';
import { foldText, phraseKey } from './rules/fold.js';
import { LessonIndex } from './rules/lesson-index.js';
import { normalListEntry } from './rules/links.js';
import { analyze, type ProvinceLists } from './rules/signs.js';
import { addDays, mondayOf, weekOf } from './rules/weeks.js';

/** How long a province's lesson index and lists are reused before they are read again. */
const INDEX_TTL_MS = 5 * 60_000;
const LISTS_TTL_MS = 30_000;
const MAX_LIST_ENTRIES = 100_000;

/**
 * "Hỏi Tỉnh Táo": reads a pasted message on this server (no link is opened, nothing is sent out
 * unless the province runs its own language model), names its warning signs with the words
 * that show them and the lessons that teach them, and keeps only weekly counts.
 */
@Injectable()
export class HelperService {
  private readonly indexes = new Map<string, { at: number; index: Promise<LessonIndex> }>();
  private readonly lists = new Map<string, { at: number; lists: Promise<ProvinceLists & { size: number }> }>();

  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: HelperRepository,
    private readonly tx: TransactionRepository,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(CONVERSATIONS) private readonly conversations: ConversationStore,
    @Inject(HELPER_RATE) private readonly rate: WindowCounter,
  ) {}

  async ask(auth: AuthUser, body: HelperAskBody): Promise<HelperAnswerDto> {
    this.access.requireFacts(auth, Permission.HelperAsk, { provinceId: auth.provinceId, schoolId: auth.schoolId }, 'You may not ask here');
    await this.throttle(auth.userId);
    const [lists, index] = await Promise.all([this.listsOf(auth.provinceId), this.indexOf(auth.provinceId)]);
    const analysis = analyze(body.text, lists);
    const previous = body.conversationId ? await this.conversations.get(body.conversationId) : null;
    const own = previous && previous.userId === auth.userId ? previous : null;
    const conversationId = own ? body.conversationId! : randomUUID();

    if (own && isFollowUp(body.text, analysis)) {
      const lessons = own.lessonIds.flatMap((id) => index.titleOf(id) ?? []);
      const composed = composeFollowUp(own.codes, lessons);
      return { conversationId, signs: [], lessons, advice: composed.advice, report: [...REPORT_CHANNELS], checked: composed.checked, answer: composed.answer };
    }

    const codes = analysis.signs.map((s) => s.code);
    const lessons = index.forSigns(codes, readableLevels(auth));
    const composed = compose(analysis, lessons, { blocked: lists.size, patterns: lists.patterns.length });
    const signs = analysis.signs.map(({ code, quote }) => ({ code, quote }));
    const conversation: Conversation = { userId: auth.userId, text: body.text, signs, codes, lessonIds: lessons.map((l) => l.id) };
    await this.conversations.set(conversationId, conversation);
    await this.count(auth, analysis.domains, codes, analysis.patternIds);

    const llm = this.config.helper.llm;
    const answer = (llm && (await phrase(llm, { answer: composed.answer, signs }))) ?? composed.answer;
    return { conversationId, signs, lessons, advice: composed.advice, report: [...REPORT_CHANNELS], checked: composed.checked, answer };
  }

  /** The student's own conversation, to the teachers of the student's class: the one time a pasted text is stored. */
  async share(auth: AuthUser, body: HelperShareBody): Promise<HelperShareDto> {
    this.access.requireFacts(
      auth,
      Permission.HelperShare,
      { provinceId: auth.provinceId, schoolId: auth.schoolId, userId: auth.userId },
      'Only students share',
    );
    const conversation = await this.conversations.get(body.conversationId);
    if (!conversation || conversation.userId !== auth.userId) throw notFound('conversation');
    const cls = await this.repo.findStudentClass(auth.userId);
    if (!cls) throw new AppError(ErrorCode.Conflict, 'You are in no class, so no teacher can receive this');
    const shared = await this.repo.insertShared({
      provinceId: auth.provinceId,
      schoolId: cls.schoolId,
      classId: cls.classId,
      studentId: auth.userId,
      conversationId: body.conversationId,
      text: conversation.text,
      signs: conversation.signs,
    });
    return { id: shared.id, sharedAt: shared.sharedAt.toISOString(), teacherCount: cls.teacherCount };
  }

  async shared(auth: AuthUser) {
    this.access.requireFacts(auth, Permission.HelperSharedRead, { provinceId: auth.provinceId, schoolId: auth.schoolId }, 'Teachers read what students share');
    return this.repo.findSharedForTeacher(auth.userId, 200);
  }

  async trends(auth: AuthUser, query: HelperTrendsQuery): Promise<HelperTrendsDto> {
    this.access.requireFacts(auth, Permission.HelperManage, provinceFacts(auth));
    if (query.areaId && !(await this.repo.areaInProvince(auth.provinceId, query.areaId))) throw notFound('area');
    const to = query.to ?? weekOf(this.clock.now());
    const from = query.from ?? addDays(mondayOf(to), -7 * 7);
    const fromWeek = mondayOf(from);
    const toWeek = mondayOf(to);
    const weekList: string[] = [];
    for (let w = fromWeek; w <= toWeek; w = addDays(w, 7)) weekList.push(w);
    if (weekList.length > HELPER_TREND_MAX_WEEKS) {
      const params = { maximum: HELPER_TREND_MAX_WEEKS };
      throw new AppError(ErrorCode.ValidationFailed, 'At most 53 weeks at once', [
        { field: 'from', code: 'helper.rangeTooLong', message: validationMessage('helper.rangeTooLong', params, 'en'), params },
      ]);
    }
    const [rows, patterns, index] = await Promise.all([
      this.repo.findCounts(auth.provinceId, fromWeek, toWeek, query.areaId ?? null),
      this.repo.findPatterns(auth.provinceId),
      this.indexOf(auth.provinceId),
    ]);
    const weeks: HelperTrendsDto['weeks'] = weekList.map((week) => ({ week, asks: 0, signs: {} }));
    const byWeek = new Map(weeks.map((w) => [w.week, w]));
    const totals = new Map<string, HelperTrendCountDto>();
    const patternOf = new Map(patterns.map((p) => [p.id, p]));
    const levels = [...CurriculumLevelSchema.options];
    const lessonFor = (sign: SignCode | undefined) => (sign ? (index.forSigns([sign], levels, 1)[0] ?? null) : null);
    for (const row of rows) {
      const week = byWeek.get(row.week)!;
      if (row.kind === 'ask') {
        week.asks += row.count;
        continue;
      }
      if (row.kind === 'sign') week.signs[row.key as SignCode] = (week.signs[row.key as SignCode] ?? 0) + row.count;
      const key = `${row.kind}:${row.key}`;
      const total = totals.get(key) ?? this.trendEntry(row.kind, row.key, patternOf, lessonFor);
      total.count += row.count;
      if (row.week === toWeek) total.lastWeek += row.count;
      if (row.week === addDays(toWeek, -7)) total.weekBefore += row.count;
      totals.set(key, total);
    }
    const top = (kind: TrendKind, limit: number) =>
      [...totals.values()]
        .filter((t) => t.kind === kind)
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
        .slice(0, limit);
    return {
      from: fromWeek,
      to: addDays(toWeek, 6),
      areaId: query.areaId ?? null,
      weeks,
      asks: weeks.reduce((sum, w) => sum + w.asks, 0),
      top: [...top('sign', SIGN_CODES.length), ...top('domain', 20), ...top('pattern', 20)],
    };
  }

  listPage(auth: AuthUser, query: HelperListQuery) {
    this.access.requireFacts(auth, Permission.HelperManage, provinceFacts(auth));
    return this.repo.findListPage(auth.provinceId, query);
  }

  async importList(auth: AuthUser, body: HelperListImportBody): Promise<HelperListImportDto> {
    this.access.requireFacts(auth, Permission.HelperManage, provinceFacts(auth));
    const { entries, rejected } = readListCsv(body.csv);
    if (entries.length > MAX_LIST_ENTRIES) {
      throw new AppError(ErrorCode.ValidationFailed, 'At most 100,000 entries', [
        { field: 'csv', code: 'too_big.array', message: 'At most 100,000 entries', params: { maximum: MAX_LIST_ENTRIES } },
      ]);
    }
    const { added, removed } = await this.tx.run(async (tx) => {
      const result = await this.repo.importList(tx, auth.provinceId, body.list, entries, body.replace, auth.userId);
      await this.audit.record(tx, auth, {
        action: 'helper.list_imported',
        entity: 'helper_list',
        entityId: body.list,
        detail: { list: body.list, replace: body.replace, added: result.added, removed: result.removed, rejected: rejected.length },
      });
      return result;
    });
    this.lists.delete(auth.provinceId);
    return { list: body.list, added, unchanged: entries.length - added, removed, rejected };
  }

  deleteListEntry(auth: AuthUser, id: string): Promise<void> {
    return this.deleteOwn(auth, id, 'list entry', (tx) => this.repo.deleteListEntry(tx, auth.provinceId, id), {
      action: 'helper.list_entry_deleted',
      entity: 'helper_list',
    });
  }

  patterns(auth: AuthUser) {
    this.access.requireFacts(auth, Permission.HelperManage, provinceFacts(auth));
    return this.repo.findPatterns(auth.provinceId);
  }

  async createPattern(auth: AuthUser, body: HelperPatternBody) {
    this.access.requireFacts(auth, Permission.HelperManage, provinceFacts(auth));
    const folded = phraseKey(body.phrase);
    const id = await this.tx.run(async (tx) => {
      const created = await this.repo.insertPattern(tx, auth.provinceId, { ...body, folded }, auth.userId);
      if (!created) throw new AppError(ErrorCode.Conflict, 'The province has this phrase already');
      await this.audit.record(tx, auth, { action: 'helper.pattern_created', entity: 'helper_pattern', entityId: created, detail: body });
      return created;
    });
    this.lists.delete(auth.provinceId);
    return (await this.repo.findPatterns(auth.provinceId)).find((p) => p.id === id)!;
  }

  deletePattern(auth: AuthUser, id: string): Promise<void> {
    return this.deleteOwn(auth, id, 'pattern', (tx) => this.repo.deletePattern(tx, auth.provinceId, id), {
      action: 'helper.pattern_deleted',
      entity: 'helper_pattern',
    });
  }

  /** Deletes one of the province's own rows (404 when it has none such), audited with what it was. */
  private async deleteOwn(
    auth: AuthUser,
    id: string,
    what: string,
    remove: (tx: Tx) => Promise<Record<string, unknown> | null>,
    event: Pick<AuditRecord, 'action' | 'entity'>,
  ): Promise<void> {
    this.access.requireFacts(auth, Permission.HelperManage, provinceFacts(auth));
    await this.tx.run(async (tx) => {
      const gone = await remove(tx);
      if (!gone) throw notFound(what);
      await this.audit.record(tx, auth, { ...event, entityId: id, detail: gone });
    });
    this.lists.delete(auth.provinceId);
  }

  /** An alert lesson for the province's schools: a published lesson of the province, with the Department's note. */
  async sendAlert(auth: AuthUser, body: HelperAlertBody): Promise<HelperAlertDto> {
    this.access.requireFacts(auth, Permission.HelperManage, provinceFacts(auth));
    const facts = (await this.access.require(auth, Permission.ContentRead, [body.lessonId], 'lesson')).get(body.lessonId)!;
    if ((facts.publishedLevels ?? []).length === 0 || facts.diagnosticForm) {
      throw new AppError(ErrorCode.Conflict, 'Send a lesson of a published curriculum: schools cannot assign another');
    }
    const id = await this.tx.run(async (tx) => {
      const created = await this.repo.insertAlert(tx, auth.provinceId, { lessonId: body.lessonId, sign: body.sign ?? null, note: body.note }, auth.userId);
      await this.audit.record(tx, auth, {
        action: 'helper.alert_sent',
        entity: 'lesson',
        entityId: body.lessonId,
        detail: { sign: body.sign ?? null, note: body.note },
      });
      return created;
    });
    return (await this.repo.findAlerts(auth.provinceId, [...CurriculumLevelSchema.options], 50)).find((a) => a.id === id)!;
  }

  /** The Department's newest alerts for the caller's levels (staff only). */
  alerts(auth: AuthUser): Promise<HelperAlertDto[]> {
    this.access.requireFacts(auth, Permission.HelperAlertsRead, provinceFacts(auth), 'Alerts are for school staff');
    return this.repo.findAlerts(auth.provinceId, readableLevels(auth), 20);
  }

  private async throttle(userId: string): Promise<void> {
    const { count, ttlMs } = await this.rate.increment(`ask:${userId}`, 60_000);
    if (count > this.config.helper.asksPerMinute) {
      const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
      throw new AppError(ErrorCode.TooManyAttempts, `Too many questions; ask again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
    }
  }

  /** The week's counts: one ask, its signs, its domains, the Department's patterns it matched. Never its words. */
  private async count(auth: AuthUser, domains: readonly string[], codes: readonly SignCode[], patternIds: readonly string[]): Promise<void> {
    const counts: WeeklyCount[] = [
      { kind: 'ask', key: '' },
      ...codes.map((key) => ({ kind: 'sign' as const, key })),
      ...domains.slice(0, 10).map((key) => ({ kind: 'domain' as const, key })),
      ...patternIds.map((key) => ({ kind: 'pattern' as const, key })),
    ];
    const areaId = await this.repo.areaOfSchool(auth.schoolId);
    await this.repo.addCounts(auth.provinceId, areaId, weekOf(this.clock.now()), counts);
  }

  private trendEntry(
    kind: TrendKind,
    key: string,
    patterns: ReadonlyMap<string, { phrase: string; sign: SignCode }>,
    lessonFor: (sign: SignCode | undefined) => { id: string; title: string } | null,
  ): HelperTrendCountDto {
    const pattern = kind === 'pattern' ? patterns.get(key) : undefined;
    const sign = kind === 'sign' ? (key as SignCode) : pattern?.sign;
    const label = kind === 'sign' ? (HELPER_SIGNS[key as SignCode]?.label.vi ?? key) : kind === 'pattern' ? (pattern?.phrase ?? '(mẫu đã xoá)') : key;
    return { kind, key, label, count: 0, lastWeek: 0, weekBefore: 0, lesson: kind === 'domain' ? null : lessonFor(sign) };
  }

  private indexOf(provinceId: string): Promise<LessonIndex> {
    const cached = this.indexes.get(provinceId);
    if (cached && Date.now() - cached.at < INDEX_TTL_MS) return cached.index;
    const index = this.repo.findLibrary(provinceId).then((lessons) => new LessonIndex(lessons));
    index.catch(() => this.indexes.delete(provinceId));
    this.indexes.set(provinceId, { at: Date.now(), index });
    return index;
  }

  private listsOf(provinceId: string): Promise<ProvinceLists & { size: number }> {
    const cached = this.lists.get(provinceId);
    if (cached && Date.now() - cached.at < LISTS_TTL_MS) return cached.lists;
    const lists = Promise.all([this.repo.findLists(provinceId), this.repo.findFoldedPatterns(provinceId)]).then(([entries, patterns]) => {
      const of = (list: 'block' | 'allow', kind: 'domain' | 'phone') => new Set(entries.filter((e) => e.list === list && e.kind === kind).map((e) => e.value));
      return {
        blockedDomains: of('block', 'domain'),
        blockedPhones: of('block', 'phone'),
        allowedDomains: of('allow', 'domain'),
        allowedPhones: of('allow', 'phone'),
        patterns,
        size: entries.filter((e) => e.list === 'block').length,
      };
    });
    lists.catch(() => this.lists.delete(provinceId));
    this.lists.set(provinceId, { at: Date.now(), lists });
    return lists;
  }
}

const provinceFacts = (auth: AuthUser) => ({ provinceId: auth.provinceId, schoolId: null });

/** A list's CSV: `value[,note]` per line, an optional header; each bad or repeated line named by its number. */
export function readListCsv(csv: string): { entries: { kind: 'domain' | 'phone'; value: string; note: string }[]; rejected: HelperListImportDto['rejected'] } {
  const records = parseCsv(csv.replace(/^\uFEFF/, ''), {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    relax_quotes: true,
    info: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const entries: { kind: 'domain' | 'phone'; value: string; note: string }[] = [];
  const rejected: HelperListImportDto['rejected'] = [];
  const seen = new Set<string>();
  records.forEach(({ record, info }, i) => {
    const [raw = '', note = ''] = record;
    if (i === 0 && /^(value|gia tri|ten mien|so dien thoai|domain|phone)$/.test(foldText(raw))) return;
    const entry = normalListEntry(raw);
    if (!entry) rejected.push({ line: info.lines, value: raw.slice(0, 200), code: 'helper.entryFormat' });
    else if (seen.has(entry.value)) rejected.push({ line: info.lines, value: raw.slice(0, 200), code: 'helper.entryDuplicate' });
    else {
      seen.add(entry.value);
      entries.push({ ...entry, note: note.slice(0, 300) });
    }
  });
  return { entries, rejected };
}
