import type { SchoolLevel } from '@tinhtao/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('school')
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'province_id', type: 'uuid' }) provinceId: string;
  @Column({ name: 'area_id', type: 'uuid', nullable: true }) areaId: string | null;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) level: SchoolLevel;
  @Column({ name: 'ministry_code', type: 'text' }) ministryCode: string;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
