import { describe, expect, it } from '@jest/globals';
import type { KindCoverageDto, SchoolCoverageDto } from '@tinhtao/shared';

import { emptySchoolFilter, filterSchools, isAtRisk, isBelowThreshold, NO_AREA } from './schoolFilter';

const kind = (percent: number | null, atRisk = false): KindCoverageDto => ({
  coverage: { percent } as KindCoverageDto['coverage'],
  hasProgram: true,
  reached: { percent } as KindCoverageDto['reached'],
  projected: null,
  atRisk,
  classesLacking: 0,
});

const school = (name: string, ministryCode: string, areaId: string | null, safety: KindCoverageDto, media: KindCoverageDto): SchoolCoverageDto => ({
  id: ministryCode,
  name,
  ministryCode,
  level: 'THCS',
  areaId,
  areaName: areaId,
  students: 100,
  classes: 4,
  lastActivityAt: null,
  kinds: { SAFETY: safety, MEDIA_LITERACY: media },
});

const schools = [
  school('Trường THCS Nguyễn Du', '01THCS001', 'ba-dinh', kind(95), kind(90)),
  school('Trường THCS Đống Đa', '01THCS002', 'dong-da', kind(40, true), kind(85)),
  school('Trường THCS Lê Lợi', '01THCS003', null, kind(null), kind(75)),
];
const names = (list: SchoolCoverageDto[]) => list.map((one) => one.ministryCode);

describe('filterSchools', () => {
  it('keeps every school with the empty filter', () => {
    expect(names(filterSchools(schools, emptySchoolFilter(), 80))).toEqual(['01THCS001', '01THCS002', '01THCS003']);
  });

  it('finds a name without tone marks or đ, or by the ministry code', () => {
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), q: 'dong da' }, 80))).toEqual(['01THCS002']);
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), q: '  NGUYỄN ' }, 80))).toEqual(['01THCS001']);
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), q: 'thcs003' }, 80))).toEqual(['01THCS003']);
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), q: 'hải phòng' }, 80))).toEqual([]);
  });

  it('filters by area, with schools outside every area under NO_AREA', () => {
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), areaId: 'dong-da' }, 80))).toEqual(['01THCS002']);
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), areaId: NO_AREA }, 80))).toEqual(['01THCS003']);
  });

  it('keeps schools under the threshold in some program (no figure counts as 0), and those at risk', () => {
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), belowThreshold: true }, 80))).toEqual(['01THCS002', '01THCS003']);
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), belowThreshold: true }, 90))).toEqual(['01THCS002', '01THCS003']);
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), belowThreshold: true }, 91))).toEqual(['01THCS001', '01THCS002', '01THCS003']);
    expect(names(filterSchools(schools, { ...emptySchoolFilter(), atRisk: true }, 80))).toEqual(['01THCS002']);
  });

  it('combines the filters', () => {
    expect(names(filterSchools(schools, { areaId: null, q: 'truong', belowThreshold: true, atRisk: true }, 80))).toEqual(['01THCS002']);
  });
});

describe('isBelowThreshold and isAtRisk', () => {
  it('compare strictly: a school exactly at the threshold is not below it', () => {
    expect(isBelowThreshold(schools[0]!, 90)).toBe(false);
    expect(isBelowThreshold(schools[0]!, 90.5)).toBe(true);
    expect(isAtRisk(schools[0]!)).toBe(false);
    expect(isAtRisk(schools[1]!)).toBe(true);
  });
});
