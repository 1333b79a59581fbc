import {
  CreateDiagnosticBody,
  type CurriculumLevel,
  type DiagnosticForm,
  type DiagnosticTag,
  type ItemDto,
  type ProgramKind,
  SAFETY_SKILLS,
  TECHNIQUES,
  validate,
} from '@tinhtao/shared';
import { computed, reactive } from 'vue';

import { diagnosticsApi } from '@/api/diagnostics';
import { t } from '@/i18n';
import { validationLocale } from '@/i18n/problem';
import { withFeedback } from '@/stores/feedback';

import { currentSchoolYear } from './schoolYears';

export interface FormEntry {
  item: ItemDto;
  measures: DiagnosticTag;
  genuine: boolean;
}

const TAGS: readonly string[] = [...TECHNIQUES, ...SAFETY_SKILLS];

/** A first guess at what an item measures and whether it is genuine, from its own tags and key; the author corrects it. */
function guess(item: ItemDto, kind: ProgramKind): FormEntry {
  const tagged = [...item.tags.techniques, ...item.tags.topics].find((tag) => TAGS.includes(tag)) as DiagnosticTag | undefined;
  const genuine = item.kind === 'claim_check' ? item.answer.verdict === 'true' : false;
  return { item, measures: tagged ?? (kind === 'SAFETY' ? 'phishing' : 'impersonation'), genuine };
}

/**
 * "Tạo bài khảo sát": two parallel forms picked from the question bank, each item tagged; the
 * same rules as the server (the shared schema) say what is still missing before it can be saved.
 */
export function useDiagnosticBuilder() {
  const draft = reactive({
    title: '',
    schoolYear: currentSchoolYear(),
    level: 'THCS' as CurriculumLevel,
    kind: 'MEDIA_LITERACY' as ProgramKind,
    forms: { A: [] as FormEntry[], B: [] as FormEntry[] },
    saving: false,
  });

  const used = computed(() => new Set([...draft.forms.A, ...draft.forms.B].map((e) => e.item.id)));
  const body = computed(() => ({
    title: draft.title,
    schoolYear: draft.schoolYear,
    level: draft.level,
    kind: draft.kind,
    forms: {
      A: draft.forms.A.map((e) => ({ itemId: e.item.id, measures: e.measures, genuine: e.genuine })),
      B: draft.forms.B.map((e) => ({ itemId: e.item.id, measures: e.measures, genuine: e.genuine })),
    },
  }));
  /** What the schema still refuses, as "where: why" lines in the page's language. */
  const problems = computed(() => {
    const checked = validate(CreateDiagnosticBody, body.value, validationLocale());
    return checked.success ? [] : checked.issues.map((i) => ({ path: placeOf(i.path), message: i.message }));
  });

  function add(form: DiagnosticForm, item: ItemDto): void {
    if (!used.value.has(item.id)) draft.forms[form].push(guess(item, draft.kind));
  }
  function remove(form: DiagnosticForm, index: number): void {
    draft.forms[form].splice(index, 1);
  }

  async function save(): Promise<string | null> {
    draft.saving = true;
    try {
      const created = await withFeedback(
        () => diagnosticsApi.create(body.value),
        (d) => t('diagnostics.builder.saved', { title: d.title }),
      );
      return created.id;
    } catch {
      return null;
    } finally {
      draft.saving = false;
    }
  }

  return { draft, used, problems, add, remove, save };
}

/** Where in the builder a problem is: "Tên bài khảo sát", "Đề A", "Đề B · câu 3". */
function placeOf(path: readonly PropertyKey[]): string {
  const [head, form, index] = path.map(String);
  if (head === 'forms' && (form === 'A' || form === 'B')) {
    const name = t('diagnostics.builder.form', { form });
    return index === undefined ? name : `${name} · ${t('diagnostics.builder.question', { n: Number(index) + 1 })}`;
  }
  const labels: Record<string, string> = { title: 'name', schoolYear: 'year', level: 'level', kind: 'kind' };
  return head && labels[head] ? t(`diagnostics.builder.${labels[head]}`) : t('diagnostics.builder.forms');
}
