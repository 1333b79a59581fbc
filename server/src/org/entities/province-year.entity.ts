import type { Targets } from '@tinhtao/shared';
import { Column, Entity, UpdateDateColumn } from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('province_year')
export class ProvinceYearEntity {
  @Column({ name: 'province_id', type: 'uuid', primary: true }) provinceId: string;
  @Column({ name: 'school_year', type: 'text', primary: true }) schoolYear: string;
  @Column({ type: 'jsonb' }) targets: Targets;
  @Column({ name: 'students_reached_target', type: 'numeric', transformer: numeric }) studentsReachedTarget: number;
  @Column({ name: 'school_threshold', type: 'numeric', transformer: numeric }) schoolThreshold: number;
  @Column({ name: 'pass_mark', type: 'numeric', transformer: numeric }) passMark: number;
  @Column({ type: 'text' }) reporting: 'annual' | 'quarterly';
  @Column({ name: 'report_deadline', type: 'date', nullable: true }) reportDeadline: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
