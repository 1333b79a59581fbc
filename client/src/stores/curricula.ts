import type {
  CreateCurriculumBody,
  CurriculumDetailDto,
  CurriculumDto,
  CurriculumListQuery,
  CurriculumVersionDto,
  CurriculumVersionSummaryDto,
  UpdateCurriculumVersionBody,
} from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { curriculaApi } from '@/api/curricula';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

const LEVEL_ORDER = ['THCS', 'THPT'];
const KIND_ORDER = ['SAFETY', 'MEDIA_LITERACY'];
const byLevelThenKind = (a: CurriculumDto, b: CurriculumDto) =>
  LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);

/** Curricula by school year, one opened in detail with its versions. */
export const useCurriculaStore = defineStore('curricula', () => {
  const rows = ref<CurriculumDto[]>([]);
  const busy = ref(false);
  const opened = ref<CurriculumDetailDto | null>(null);
  const history = ref<CurriculumVersionSummaryDto[]>([]);
  /** Published lessons of each listed curriculum, for the schools' page. */
  const detailsById = ref<Record<string, CurriculumDetailDto>>({});

  const items = computed(() => rows.value);
  const loading = computed(() => busy.value);
  const current = computed(() => opened.value);
  const versions = computed(() => history.value);
  const details = computed(() => detailsById.value);

  async function load(query: Partial<CurriculumListQuery>): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => curriculaApi.list(query));
      if (result) rows.value = result.slice().sort(byLevelThenKind);
    } finally {
      busy.value = false;
    }
  }

  /** The list and each curriculum's detail (the ordered lessons), as schools and teachers read them. */
  async function loadWithLessons(query: Partial<CurriculumListQuery>): Promise<void> {
    busy.value = true;
    try {
      const list = await loadQuietly(() => curriculaApi.list(query));
      if (!list) return;
      const found = await Promise.all(list.map((one) => loadQuietly(() => curriculaApi.get(one.id))));
      detailsById.value = Object.fromEntries(found.flatMap((detail) => (detail ? [[detail.id, detail]] : [])));
      rows.value = list.slice().sort(byLevelThenKind);
    } finally {
      busy.value = false;
    }
  }

  async function open(id: string): Promise<CurriculumDetailDto | null> {
    const [detail, list] = await Promise.all([loadQuietly(() => curriculaApi.get(id)), loadQuietly(() => curriculaApi.versions(id))]);
    opened.value = detail ?? null;
    history.value = list ?? [];
    return opened.value;
  }

  async function refreshHistory(id: string): Promise<void> {
    history.value = (await loadQuietly(() => curriculaApi.versions(id))) ?? history.value;
  }

  function setDraft(draft: CurriculumVersionDto | null): void {
    if (opened.value) opened.value = { ...opened.value, draft };
  }

  async function create(body: CreateCurriculumBody): Promise<CurriculumDetailDto> {
    const created = await withFeedback(
      () => curriculaApi.create(body),
      (one) => t('curricula.created', { title: one.title }),
    );
    opened.value = created;
    return created;
  }

  async function openDraft(id: string): Promise<CurriculumVersionDto> {
    const draft = await withFeedback(
      () => curriculaApi.openDraft(id),
      () => t('curricula.draftOpened'),
    );
    setDraft(draft);
    await refreshHistory(id);
    return draft;
  }

  async function saveDraft(versionId: string, body: UpdateCurriculumVersionBody): Promise<CurriculumVersionDto> {
    const draft = await withFeedback(
      () => curriculaApi.saveVersion(versionId, body),
      () => t('curricula.draftSaved'),
    );
    setDraft(draft);
    if (opened.value) await refreshHistory(opened.value.id);
    return draft;
  }

  async function publish(versionId: string): Promise<CurriculumVersionDto> {
    const published = await withFeedback(
      () => curriculaApi.publish(versionId),
      (one) => t('curricula.published', { version: one.version }),
    );
    if (opened.value) {
      opened.value = { ...opened.value, title: published.title, published, draft: null };
      await refreshHistory(opened.value.id);
    }
    return published;
  }

  /** Discarding the only (never published) draft removes the curriculum itself: `current` is then null. */
  async function discard(versionId: string): Promise<void> {
    await withFeedback(
      () => curriculaApi.discard(versionId),
      () => t('curricula.draftDiscarded'),
    );
    if (!opened.value?.published) {
      opened.value = null;
      history.value = [];
      return;
    }
    setDraft(null);
    await refreshHistory(opened.value.id);
  }

  return { items, loading, current, versions, details, load, loadWithLessons, open, create, openDraft, saveDraft, publish, discard };
});
