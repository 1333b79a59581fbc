import type { CoverageDto, ProgramKind, SchoolCoverageDetailDto } from '@tinhtao/shared';

import { t } from '@/i18n';

import { PROGRAM_KINDS } from './look';

/** One headline figure on a home page's coverage card. */
export interface CoverageHomeRow {
  key: string;
  label: string;
  kind: ProgramKind;
  value: number | null;
  /** What the value is held to: the province's target, or the school threshold. */
  target: number;
}

/** The province: schools with each program, per level, beside the targets. */
export function provinceHomeRows(levels: readonly CoverageDto[]): CoverageHomeRow[] {
  return levels.flatMap((coverage) =>
    PROGRAM_KINDS.map((kind) => ({
      key: `${coverage.level}-${kind}`,
      label: `${t(`levels.${coverage.level}`)} · ${t(`kinds.${kind}`)}`,
      kind,
      value: coverage.totals[kind].schools.percent,
      target: coverage.totals[kind].schools.target,
    })),
  );
}

/** A school: its coverage of each program, per level, beside the school threshold. */
export function schoolHomeRows(detail: SchoolCoverageDetailDto): CoverageHomeRow[] {
  const withLevel = detail.levels.length > 1;
  return detail.levels.flatMap((level) =>
    PROGRAM_KINDS.map((kind) => ({
      key: `${level.level}-${kind}`,
      label: withLevel ? `${t(`levels.${level.level}`)} · ${t(`kinds.${kind}`)}` : t(`kinds.${kind}`),
      kind,
      value: level.kinds[kind].coverage.percent,
      target: detail.settings.schoolThreshold,
    })),
  );
}
