import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('school_class')
export class SchoolClassEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'smallint' }) grade: number;
  @Column({ name: 'school_year', type: 'text' }) schoolYear: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('class_teacher')
export class ClassTeacherEntity {
  @Column({ name: 'class_id', type: 'uuid', primary: true }) classId: string;
  @Column({ name: 'teacher_id', type: 'uuid', primary: true }) teacherId: string;
}

@Entity('enrollment')
export class EnrollmentEntity {
  @Column({ name: 'class_id', type: 'uuid', primary: true }) classId: string;
  @Column({ name: 'student_id', type: 'uuid', primary: true }) studentId: string;
  /** Copied from the class so that a student sits in one class per school year (unique). */
  @Column({ name: 'school_year', type: 'text' }) schoolYear: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
