import { http } from './http';

export interface ProvinceDto {
  id: string;
  code: string;
  name: string;
}

export const provinceApi = {
  get: () => http<ProvinceDto>('/province'),
};
