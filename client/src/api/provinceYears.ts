import type { ProvinceYearBody, ProvinceYearDto } from '@tinhtao/shared';

import { http } from './http';

export const provinceYearsApi = {
  list: () => http<ProvinceYearDto[]>('/province-years'),
  get: (year: string) => http<ProvinceYearDto>(`/province-years/${year}`),
  put: (year: string, body: ProvinceYearBody) => http<ProvinceYearDto>(`/province-years/${year}`, { method: 'PUT', body }),
};
