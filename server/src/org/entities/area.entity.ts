import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('area')
export class AreaEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'province_id', type: 'uuid' }) provinceId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) code: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
