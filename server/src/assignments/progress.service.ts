import { Injectable } from '@nestjs/common';
import { average, type CellStatus, formatVietnamDateTime, needsNudge, Permission, progressCell, type ProgressDto } from '@tinhtao/shared';
import ExcelJS from 'exceljs';

import { AccessService } from '../access/access.service.js';
import { ProvinceRepository } from '../org/province.repository.js';
import { found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { ProgressRepository } from './progress.repository.js';

/** Teachers' view of a class: students × assigned lessons, as JSON or a spreadsheet. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly access: AccessService,
    private readonly assignments: AssignmentsRepository,
    private readonly province: ProvinceRepository,
    private readonly repo: ProgressRepository,
  ) {}

  async classProgress(auth: AuthUser, classId: string): Promise<ProgressDto> {
    await this.access.require(auth, Permission.ClassProgressRead, [classId]);
    const cls = found(await this.repo.findClass(classId));
    const lessons = await this.repo.lessonsOfClass(classId, cls.schoolYear);
    lessons.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const students = await this.repo.studentsOfClass(classId);
    const attempts = await this.repo.attemptsOf(
      lessons.map((l) => l.assignmentId),
      students.map((s) => s.id),
    );
    const byKey = new Map(attempts.map((a) => [`${a.assignmentId}:${a.studentId}`, a]));
    const passMark = await this.province.passMark(cls.provinceId, cls.schoolYear);
    const now = cls.now;
    const dues = lessons.map((l) => l.dueAt);
    const rows = students.map((s) => {
      const cells = lessons.map((l, i) => {
        const a = byKey.get(`${l.assignmentId}:${s.id}`);
        const attempt = a ? { status: a.status, percent: a.percent, late: a.late } : null;
        return { lessonId: l.lessonId, ...progressCell({ attempt, dueAt: dues[i], now, passMark }) };
      });
      const percents = cells.flatMap((c) => (c.percent === undefined ? [] : [c.percent]));
      return { ...s, cells, average: average(percents), needsNudge: needsNudge(cells, dues, now) };
    });
    return {
      classId,
      className: cls.name,
      passMark,
      lessons: lessons.map((l) => ({ ...l, dueAt: l.dueAt.toISOString() })),
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
