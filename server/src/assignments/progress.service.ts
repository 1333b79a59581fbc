import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { average, type CellStatus, formatVietnamDateTime, needsNudge, Permission, progressCell, type ProgressDto } from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';

import { AccessService } from '../access/access.service.js';
import { ProvinceRepository } from '../org/province.repository.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { AssignmentsRepository } from './assignments.repository.js';

/** Teachers' view of a class: students × assigned lessons, as JSON or a spreadsheet. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly access: AccessService,
    private readonly assignments: AssignmentsRepository,
    private readonly province: ProvinceRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async classProgress(auth: AuthUser, classId: string): Promise<ProgressDto> {
    await this.access.require(auth, Permission.ClassProgressRead, [classId]);
    const [cls] = await this.db.query(
      `SELECT id, name, school_id AS "schoolId", school_year AS "schoolYear", app_now() AS now FROM school_class WHERE id = $1`,
      [classId],
    );
    const lessons: ProgressDto['lessons'] = await this.db.query(
      `SELECT DISTINCT ON (a.lesson_id) a.lesson_id AS "lessonId", a.id AS "assignmentId", l.title, a.due_at AS "dueAt",
              EXISTS (SELECT 1 FROM curriculum_lesson cl JOIN curriculum_version v ON v.id = cl.version_id AND v.status = 'published'
                        JOIN curriculum cu ON cu.id = v.curriculum_id
                       WHERE cl.lesson_id = a.lesson_id AND cl.required AND cu.school_year = $2) AS required
         FROM assignment_class ac JOIN assignment a ON a.id = ac.assignment_id JOIN lesson l ON l.id = a.lesson_id
        WHERE ac.class_id = $1 AND a.diagnostic_id IS NULL ORDER BY a.lesson_id, a.created_at DESC`,
      [classId, cls.schoolYear],
    );
    lessons.sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime());
    const students: { id: string; fullName: string; username: string }[] = await this.db.query(
      `SELECT u.id, u.full_name AS "fullName", u.username FROM enrollment e JOIN app_user u ON u.id = e.student_id
        WHERE e.class_id = $1 ORDER BY split_part(u.full_name, ' ', -1) COLLATE vi_vn, u.full_name COLLATE vi_vn`,
      [classId],
    );
    const attempts: { assignmentId: string; studentId: string; status: 'in_progress' | 'submitted'; percent: string | null; late: boolean }[] =
      lessons.length === 0
        ? []
        : await this.db.query(
            `SELECT assignment_id AS "assignmentId", student_id AS "studentId", status, percent, late FROM attempt
          WHERE assignment_id = ANY($1) AND student_id = ANY($2)`,
            [lessons.map((l) => l.assignmentId), students.map((s) => s.id)],
          );
    const byKey = new Map(attempts.map((a) => [`${a.assignmentId}:${a.studentId}`, a]));
    const passMark = await this.province.passMark(cls.schoolId, cls.schoolYear);
    const now: Date = cls.now;
    const dues = lessons.map((l) => new Date(l.dueAt));
    const rows = students.map((s) => {
      const cells = lessons.map((l, i) => {
        const a = byKey.get(`${l.assignmentId}:${s.id}`);
        const attempt = a ? { status: a.status, percent: a.percent === null ? null : Number(a.percent), late: a.late } : null;
        return { lessonId: l.lessonId, ...progressCell({ attempt, dueAt: dues[i], now, passMark }) };
      });
      const percents = cells.flatMap((c) => (c.percent === undefined ? [] : [c.percent]));
      return { ...s, cells, average: average(percents), needsNudge: needsNudge(cells, dues, now) };
    });
    return {
      classId,
      className: cls.name,
      passMark,
      lessons: lessons.map((l) => ({ ...l, dueAt: new Date(l.dueAt).toISOString() })),
      students: rows,
      average: average(rows.flatMap((r) => r.cells.flatMap((c) => (c.percent === undefined ? [] : [c.percent])))),
      nudge: rows.filter((r) => r.needsNudge).map((r) => ({ id: r.id, fullName: r.fullName, late: r.cells.filter((c) => c.status === 'late').length })),
    };
  }

  /** The matrix as a spreadsheet a teacher can print or send on. */
  async classProgressXlsx(auth: AuthUser, classId: string): Promise<{ buffer: Buffer; filename: string }> {
    const progress = await this.classProgress(auth, classId);
    const book = new ExcelJS.Workbook();
    book.creator = 'Tỉnh Táo';
    const sheet = book.addWorksheet('Tiến độ', { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
    sheet.columns = [
      { header: 'STT', width: 6 },
      { header: 'Họ và tên', width: 28 },
      { header: 'Tên đăng nhập', width: 16 },
      ...progress.lessons.map((l) => ({ header: `${l.title}\n(hạn ${formatVietnamDateTime(l.dueAt)})`, width: 22 })),
      { header: 'Trung bình (%)', width: 14 },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
    progress.students.forEach((s, i) => {
      const row = sheet.addRow([i + 1, s.fullName, s.username, ...s.cells.map(cellText), s.average ?? '']);
      s.cells.forEach((c, j) => {
        row.getCell(4 + j).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: CELL_COLOURS[c.status] } };
      });
    });
    sheet.addRow([]);
    sheet.addRow(['', 'Trung bình lớp (%)', '', ...progress.lessons.map(() => ''), progress.average ?? '']).font = { bold: true };
    sheet.addRow(['', `Điểm đạt: ${progress.passMark}%`]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    return { buffer, filename: `tien-do-${progress.className.replace(/[^\p{L}\p{N}-]+/gu, '_')}.xlsx` };
  }

  /** One student's assignments and results, for the student, their teachers and the school. */
  async studentHistory(auth: AuthUser, studentId: string) {
    await this.access.require(auth, Permission.UserRead, [studentId]);
    return this.assignments.forStudent(studentId);
  }
}

const CELL_LABELS: Record<CellStatus, string> = {
  not_started: 'Chưa làm',
  in_progress: 'Đang làm',
  submitted: 'Đã nộp',
  passed: 'Đạt',
  late: 'Trễ hạn',
};
const CELL_COLOURS: Record<CellStatus, string> = {
  not_started: 'FFF2F2F2',
  in_progress: 'FFFFF4CC',
  submitted: 'FFFFE0B2',
  passed: 'FFD5F5D5',
  late: 'FFFFCDD2',
};

function cellText(cell: { status: CellStatus; percent?: number; late?: boolean }): string {
  const label = CELL_LABELS[cell.status];
  if (cell.percent === undefined) return label;
  return `${label} ${cell.percent}%${cell.late ? ' (nộp muộn)' : ''}`;
}
