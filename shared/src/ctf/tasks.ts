/**
 * Grading of the secure-coding tasks (issue 20, §1): pure, on the server only (the client never
 * holds the answer), and the student's view of a task, built field by field so that no key added
 * to tasks later can leak the answer.
 */
import type { SecureCodeAnswerBody, SecureCodeTask, StudentSecureCodeTask } from './schemas.js';

/** Right or wrong: `find_line` right on any of the answer's lines; `pick_fix` and `fill_safe` on the answer's option. An answer of another kind is wrong. */
export function gradeSecureCode(task: SecureCodeTask, answer: SecureCodeAnswerBody): boolean {
  switch (task.kind) {
    case 'find_line':
      return answer.kind === 'find_line' && task.answer.lines.includes(answer.line);
    case 'pick_fix':
    case 'fill_safe':
      return answer.kind === task.kind && answer.option === task.answer.option;
  }
}

/** The task as a student sees it: language, code and choices; never the answer or the explanation. */
export function studentTask(task: SecureCodeTask): StudentSecureCodeTask {
  if (task.kind === 'find_line') return { kind: 'find_line', language: task.language, code: task.code };
  return { kind: task.kind, language: task.language, code: task.code, options: [...task.options] };
}

/** Answers left for a task with `maxAttempts`, after `used` wrong ones; 0 once solved is not asked here. */
export function attemptsLeft(maxAttempts: number, used: number): number {
  return Math.max(0, maxAttempts - used);
}
