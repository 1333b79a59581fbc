import type { Api } from './api.js';

/** The demo's open media-literacy lesson of 8A1: hs1 has not started it, and it has a written answer. */
export const DEMO_OPEN_LESSON_TITLE = 'Ai đăng tin này? Kiểm tra nguồn tin trước khi tin';

/** A student's assignment of that lesson, chosen by what it is (never "the first open one"). */
export async function demoOpenAssignment(student: Api): Promise<{ id: string; lessonId: string; status: string; closed: boolean }> {
  const mine = (await student.get('/api/assignments')).body as { id: string; lessonId: string; title: string; status: string; closed: boolean }[];
  const found = mine.find((a) => a.title === DEMO_OPEN_LESSON_TITLE);
  if (!found) throw new Error(`the demo data has no assignment "${DEMO_OPEN_LESSON_TITLE}" for this student; it has: ${mine.map((a) => a.title).join(', ')}`);
  return found;
}
