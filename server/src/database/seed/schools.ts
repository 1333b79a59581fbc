import type { Tx } from '../transaction.repository.js';
import { demoPerson } from './people.js';

const DAY = 24 * 3600 * 1000;

interface DemoSchool {
  name: string;
  area: number;
  level: 'THCS' | 'THPT';
  code: string;
  /** Share of students who pass a lesson they were given; how many required lessons the classes were given. */
  pass: number;
  given: number;
}

/** Schools across the spread a Department sees: ahead, on the threshold, behind, far behind. */
const SCHOOLS: DemoSchool[] = [
  { name: 'Trường THCS Tam Thanh', area: 2, level: 'THCS', code: '20000103', pass: 0.97, given: 4 },
  { name: 'Trường THCS Hoàng Văn Thụ', area: 0, level: 'THCS', code: '20000104', pass: 0.88, given: 4 },
  { name: 'Trường THCS Vĩnh Trại', area: 2, level: 'THCS', code: '20000105', pass: 0.8, given: 3 },
  { name: 'Trường THCS Mẫu Sơn', area: 3, level: 'THCS', code: '20000106', pass: 0.55, given: 2 },
  { name: 'Trường PTDTBT THCS Xuân Long', area: 3, level: 'THCS', code: '20000107', pass: 0.35, given: 1 },
  { name: 'Trường THPT Chuyên Chu Văn An', area: 0, level: 'THPT', code: '20000202', pass: 0.98, given: 4 },
  { name: 'Trường THPT Tam Thanh', area: 2, level: 'THPT', code: '20000203', pass: 0.85, given: 4 },
  { name: 'Trường THPT Ngô Thì Sĩ', area: 1, level: 'THPT', code: '20000204', pass: 0.7, given: 3 },
  { name: 'Trường THPT Lộc Bình', area: 3, level: 'THPT', code: '20000205', pass: 0.5, given: 2 },
];
const STUDENTS_PER_CLASS = 15;

/** A small seeded generator, so the demo is the same on every machine. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The rest of the demo province: nine more schools in four areas, two classes each, with this
 * year's work spread from September to now, so that the coverage dashboard, its trend and the
 * annual report have a province to show. Their accounts log in with the demo password but are
 * not printed. The caller rebuilds the coverage roll-ups afterwards.
 */
export async function seedDemoSchools(tx: Tx, provinceId: string, areaIds: string[], year: string, now: Date, hash: string): Promise<void> {
  const rand = random(2026);
  const [startYear] = year.split('-').map(Number);
  const yearStart = Date.UTC(startYear, 8, 8);
  const lessons = await tx.query<{ level: string; kind: string; lessonId: string; position: number }[]>(
    `SELECT c.level, c.kind, cl.lesson_id AS "lessonId", cl.position
       FROM curriculum c JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
       JOIN curriculum_lesson cl ON cl.version_id = v.id AND cl.required
      WHERE c.province_id = $1 AND c.school_year = $2 ORDER BY c.level, c.kind, cl.position`,
    [provinceId, year],
  );
  let studentNumber = 100;
  for (const s of SCHOOLS) {
    const [{ id: schoolId }] = await tx.query<{ id: string }[]>(
      `INSERT INTO school (province_id, area_id, name, level, ministry_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [provinceId, areaIds[s.area], s.name, s.level, s.code],
    );
    const grades = s.level === 'THCS' ? [6, 9] : [10, 11];
    for (const [k, grade] of grades.entries()) {
      const teacher = demoPerson(studentNumber + 500 + k);
      const [{ id: teacherId }] = await tx.query<{ id: string }[]>(
        `INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash, gender) VALUES ($1, $2, 'teacher', $3, $4, $5, $6) RETURNING id`,
        [provinceId, schoolId, `gv-${s.code}-${k + 1}`, teacher.fullName, hash, teacher.gender],
      );
      const people = Array.from({ length: STUDENTS_PER_CLASS }, (_, n) => demoPerson(studentNumber + n));
      const students = await tx.query<{ id: string }[]>(
        `INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash, gender)
         SELECT $1, $2, 'student', $3 || n, name, $5, gender
           FROM unnest($4::text[], $6::text[]) WITH ORDINALITY AS x (name, gender, n) RETURNING id`,
        [provinceId, schoolId, `hs-${s.code}-${k + 1}-`, people.map((p) => p.fullName), hash, people.map((p) => p.gender)],
      );
      studentNumber += STUDENTS_PER_CLASS;
      const [{ id: classId }] = await tx.query<{ id: string }[]>(
        `INSERT INTO school_class (school_id, name, grade, school_year) VALUES ($1, $2, $3, $4) RETURNING id`,
        [schoolId, `${grade}A${k + 1}`, grade, year],
      );
      await tx.query(`INSERT INTO class_teacher (class_id, teacher_id) VALUES ($1, $2)`, [classId, teacherId]);
      await tx.query(`INSERT INTO enrollment (class_id, student_id, school_year) SELECT $1, unnest($2::uuid[]), $3`, [
        classId,
        students.map((x) => x.id),
        year,
      ]);

      // The first `given` required lessons of each program, a lesson every three weeks from September.
      for (const lesson of lessons.filter((l) => l.level === s.level && l.position < s.given)) {
        const opensAt = Math.min(yearStart + lesson.position * 21 * DAY + (lesson.kind === 'SAFETY' ? 0 : 7 * DAY), now.getTime() - 3 * DAY);
        const dueAt = opensAt + 14 * DAY;
        const [{ id: assignmentId }] = await tx.query<{ id: string }[]>(
          `INSERT INTO assignment (school_id, lesson_id, opens_at, due_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [schoolId, lesson.lessonId, new Date(opensAt), new Date(dueAt), teacherId],
        );
        await tx.query(`INSERT INTO assignment_class (assignment_id, class_id) VALUES ($1, $2)`, [assignmentId, classId]);
        const work = students.flatMap((student) => {
          if (rand() > Math.min(1, s.pass + 0.1)) return [];
          const passed = rand() < s.pass;
          const percent = passed ? 60 + Math.round(rand() * 40) : 15 + Math.round(rand() * 30);
          const submittedAt = Math.min(opensAt + rand() * 16 * DAY, now.getTime() - 3600_000);
          return [{ student: student.id, percent, submittedAt: new Date(submittedAt).toISOString(), late: submittedAt > dueAt }];
        });
        await tx.query(
          `INSERT INTO attempt (assignment_id, student_id, status, started_at, submitted_at, late, score, max_score, percent)
           SELECT $1, w.student, 'submitted', w.at - interval '20 minutes', w.at, w.late, w.percent / 10, 10, w.percent
             FROM unnest($2::uuid[], $3::numeric[], $4::timestamptz[], $5::boolean[]) AS w (student, percent, at, late)`,
          [assignmentId, work.map((w) => w.student), work.map((w) => w.percent), work.map((w) => w.submittedAt), work.map((w) => w.late)],
        );
      }
    }
  }
}
