import { describe, expect, it } from '@jest/globals';
import { SubmissionContestBody, type SubmissionContestDto } from '@tinhtao/shared';

import { contestBody, draftFromContest, draftStages, newContestDraft } from './contestDraft';
import { issuePlace } from './issuePlace';

const NOW = Date.parse('2026-10-05T03:00:00Z');
const MiB = 1024 * 1024;

function filled() {
  const draft = newContestDraft(NOW);
  draft.title = '  Áp phích “Tỉnh táo trên mạng” 2026  ';
  draft.themes = ['Lừa đảo trực tuyến', '  ', 'Bảo vệ dữ liệu cá nhân'];
  return draft;
}

describe('newContestDraft', () => {
  it('lays out windows the shared schema accepts, once a title is given', () => {
    const result = SubmissionContestBody.safeParse(contestBody(filled()));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('starts with posters only, individual entries, school then province', () => {
    const draft = newContestDraft(NOW);
    expect(draft.kinds.filter((k) => k.enabled).map((k) => k.kind)).toEqual(['poster']);
    expect(draft.entryMode).toBe('individual');
    expect(draftStages(draft)).toEqual(['school', 'province']);
  });
});

describe('contestBody', () => {
  it('trims the title, drops empty themes, sizes in bytes, and sends the first round a submission window and the later a promotion window', () => {
    const body = contestBody(filled());
    expect(body.title).toBe('Áp phích “Tỉnh táo trên mạng” 2026');
    expect(body.themes).toEqual(['Lừa đảo trực tuyến', 'Bảo vệ dữ liệu cá nhân']);
    expect(body.kinds).toEqual([{ kind: 'poster', mediaTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 20 * MiB, maxFiles: 1 }]);
    expect(body.rounds.map((r) => r.stage)).toEqual(['school', 'province']);
    expect(body.rounds[0]).toMatchObject({ advance: { per: 'school', top: 3 } });
    expect(body.rounds[0]!.submissionOpensAt).toBeDefined();
    expect(body.rounds[0]!.promotionOpensAt).toBeUndefined();
    expect(body.rounds[1]!.promotionOpensAt).toBeDefined();
    expect(body.rounds[1]!.advance).toBeUndefined();
    expect('maxTeamSize' in body).toBe(false);
    expect('peoplesChoice' in body).toBe(false);
  });

  it('carries the area round, a team size and the vote when asked', () => {
    const draft = filled();
    draft.withArea = true;
    draft.entryMode = 'team';
    draft.maxTeamSize = 4;
    draft.peoplesChoice.enabled = true;
    const body = contestBody(draft);
    expect(body.rounds.map((r) => [r.stage, r.advance?.per ?? null])).toEqual([
      ['school', 'school'],
      ['area', 'area'],
      ['province', null],
    ]);
    expect(body.maxTeamSize).toBe(4);
    expect(body.peoplesChoice?.stage).toBe('province');
    expect(SubmissionContestBody.safeParse(body).success).toBe(true);
  });

  it('sends a missing judging window empty, for the schema to name the field', () => {
    const draft = filled();
    draft.rounds.province.judging = null;
    const result = SubmissionContestBody.safeParse(contestBody(draft));
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('rounds.1.judgingOpensAt');
  });
});

describe('draftFromContest', () => {
  it('round-trips a saved contest into the same body', () => {
    const draft = filled();
    draft.withArea = true;
    draft.kinds[2]!.enabled = true;
    draft.kinds[2]!.maxMegabytes = 350;
    draft.peoplesChoice.enabled = true;
    const body = contestBody(draft);
    const dto = {
      ...body,
      id: 'c1',
      maxTeamSize: null,
      rubric: null,
      createdAt: '',
      updatedAt: '',
      peoplesChoice: body.peoplesChoice ?? null,
      rounds: body.rounds.map((r) => ({
        id: r.stage,
        stage: r.stage,
        submissionOpensAt: r.submissionOpensAt ?? null,
        submissionClosesAt: r.submissionClosesAt ?? null,
        promotionOpensAt: r.promotionOpensAt ?? null,
        promotionClosesAt: r.promotionClosesAt ?? null,
        judgingOpensAt: r.judgingOpensAt,
        judgingClosesAt: r.judgingClosesAt,
        advance: r.advance ?? null,
        judgesPerEntry: r.judgesPerEntry,
        phase: 'upcoming',
        judgeIds: [],
        entries: 0,
        resultsPublished: false,
      })),
    } as SubmissionContestDto;
    expect(contestBody(draftFromContest(dto, NOW))).toEqual(body);
  });
});

describe('issuePlace', () => {
  const body = contestBody({ ...filled(), withArea: true });

  it('names the round of a window error by its stage, not its index', () => {
    expect(issuePlace('rounds.1.judgingOpensAt', body)).toEqual({ key: 'subsAdmin.fields.judging', stage: 'area' });
    expect(issuePlace('rounds.2.promotionClosesAt', body)).toEqual({ key: 'subsAdmin.fields.intake', stage: 'province' });
    expect(issuePlace('rounds.0.advance', body)).toEqual({ key: 'subsAdmin.fields.advance', stage: 'school' });
  });

  it('names kinds, criteria and top-level fields', () => {
    expect(issuePlace('kinds.0.mediaTypes.2', body)).toEqual({ key: 'subsAdmin.fields.kind', kind: 'poster' });
    expect(issuePlace('criteria.3.descriptors.0', body)).toEqual({ key: 'subsAdmin.fields.criterion', n: 4 });
    expect(issuePlace('maxTeamSize', body)).toEqual({ key: 'subsAdmin.fields.maxTeamSize' });
    expect(issuePlace('', body)).toEqual({ key: 'subsAdmin.fields.form' });
    expect(issuePlace('__proto__', body)).toEqual({ key: 'subsAdmin.fields.form' });
  });
});
