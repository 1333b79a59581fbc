import type { ProvinceDto } from '@tinhtao/shared';

import { http } from './http';

export type { ProvinceDto };

export const provinceApi = {
  get: () => http<ProvinceDto>('/province'),
};
