import type { SignCode } from '@tinhtao/shared';

import type { Tx } from '../database/transaction.repository.js';
import { HelperRepository, type WeeklyCount } from '../helper/helper.repository.js';
import { phraseKey } from '../helper/rules/fold.js';
import { addDays, weekOf } from '../helper/rules/weeks.js';

/**
 * Eight weeks of "what students are being sent" for the demo province, ending in the seed's own
 * week (never today's date): asks and signs per area, a look-alike bank domain rising, one
 * warning pattern and a short block list of the Department's, so the dashboard has a story.
 */
export async function seedDemoHelper(tx: Tx, provinceId: string, areaIds: readonly string[], now: Date, deptAdminId: string): Promise<void> {
  const repo = new HelperRepository(tx.connection);
  const patternId = await repo.insertPattern(
    tx,
    provinceId,
    {
      sign: 'PRIZE_OR_REFUND',
      phrase: 'Quỹ khuyến học Tương Lai',
      folded: phraseKey('Quỹ khuyến học Tương Lai'),
      note: 'Học bổng giả đòi phí hồ sơ, lan truyền trong tỉnh',
    },
    deptAdminId,
  );
  await repo.importList(
    tx,
    provinceId,
    'block',
    [
      { kind: 'domain', value: 'vietcombank-xacminh.com', note: 'Trang đăng nhập giả mạo ngân hàng, phụ huynh báo' },
      { kind: 'domain', value: 'qua-tang-tri-an.xyz', note: 'Trúng thưởng giả' },
      { kind: 'phone', value: '0912000156', note: 'Gọi giả công an' },
    ],
    false,
    deptAdminId,
  );
  const lastWeek = weekOf(now);
  for (let w = 0; w < 8; w++) {
    const week = addDays(lastWeek, -7 * (7 - w));
    for (const [a, areaId] of areaIds.entries()) {
      const signs: [SignCode, number][] = [
        ['URGENCY', 6 + w + a],
        ['PRIZE_OR_REFUND', 5 + (w % 3) + a],
        ['OTP_REQUEST', 2 + w],
        ['SUSPICIOUS_LINK', 4 + (w % 2)],
        ['SHORTENED_LINK', 1 + (w % 2)],
        ['IMPERSONATION', 3 + Math.floor(w / 2)],
        ['MONEY_TRANSFER', w >= 6 ? 7 + a : 1],
        ['CLAIMS_RELATIVE', w >= 6 ? 4 : w % 2],
        ['LOOKALIKE_DOMAIN', w >= 5 ? 3 + w - 5 : 0],
      ];
      const domains: [string, number][] = [
        ['vietcombank-xacminh.com', w >= 5 ? 2 + w - 5 : 0],
        ['qua-tang-tri-an.xyz', 2 + (w % 3)],
        ['bit.ly', 1 + (w % 2)],
        ['shopee.vn', 1],
      ];
      const counts: WeeklyCount[] = [
        ...times({ kind: 'ask', key: '' }, 18 + 3 * w + 4 * a),
        ...signs.flatMap(([key, n]) => times({ kind: 'sign', key }, n)),
        ...domains.flatMap(([key, n]) => times({ kind: 'domain', key }, n)),
        ...(patternId && w >= 4 ? times({ kind: 'pattern', key: patternId }, w - 3) : []),
      ];
      await repo.addCounts(provinceId, areaId, week, counts, tx);
    }
  }
}

const times = (count: WeeklyCount, n: number): WeeklyCount[] => Array.from({ length: n }, () => count);
