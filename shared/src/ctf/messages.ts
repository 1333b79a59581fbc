/** The CTF contests' validation messages, in Vietnamese and English (see `ValidationCode` in platform/validation.ts). */
export const CTF_VALIDATION_MESSAGES = {
  'ctf.slug': { vi: 'Mã thử thách gồm chữ thường không dấu, chữ số, gạch ngang ở giữa', en: 'Lower-case letters, digits, inner hyphens' },
  'ctf.rangeSlug': {
    vi: 'Tên ứng dụng thực hành gồm chữ thường không dấu, chữ số, gạch ngang ở giữa',
    en: 'A range app: lower-case letters, digits, inner hyphens',
  },
  'ctf.fileName': {
    vi: 'Tên tệp gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang, kèm đuôi tệp',
    en: 'A file name: lower-case letters, digits, dots, hyphens and an extension',
  },
  'ctf.codeEmpty': { vi: 'Chưa có mã nguồn', en: 'The code is empty' },
  'ctf.codeTooLong': { vi: 'Mã nguồn tối đa {maximum} dòng', en: 'At most {maximum} lines of code' },
  'ctf.lineOutOfRange': { vi: 'Mã nguồn chỉ có {last} dòng', en: 'The code has only {last} lines' },
  'ctf.blankLine': { vi: 'Dòng này để trống, không thể là đáp án', en: 'A blank line cannot be the answer' },
  'ctf.lineTwice': { vi: 'Một dòng được chọn hai lần', en: 'A line is listed twice' },
  'ctf.optionOutOfRange': { vi: 'Đáp án phải là một lựa chọn từ 0 đến {last}', en: 'The answer must be a choice from 0 to {last}' },
  'ctf.optionTwice': { vi: 'Hai lựa chọn giống nhau', en: 'Two choices are the same' },
  'ctf.oneBlank': { vi: 'Mã nguồn cần đúng một chỗ trống ____', en: 'The code needs exactly one blank ____' },
  'ctf.patternTooLong': { vi: 'Mẫu cờ tối đa 200 ký tự', en: 'A flag pattern has at most 200 characters' },
  'ctf.patternInvalid': { vi: 'Mẫu cờ không phải biểu thức chính quy hợp lệ', en: 'The flag pattern is not a valid regular expression' },
  'ctf.patternNested': {
    vi: 'Mẫu cờ không được lặp một nhóm chứa phép lặp hay phép chọn, như (a+)+ hoặc (a|aa)*',
    en: 'A flag pattern may not repeat a group holding a quantifier or an alternation, like (a+)+ or (a|aa)*',
  },
  'ctf.patternBackreference': { vi: 'Mẫu cờ không dùng tham chiếu ngược (\\1, \\k)', en: 'A flag pattern may not use backreferences' },
  'ctf.patternLookaround': { vi: 'Mẫu cờ không dùng phép nhìn trước, nhìn sau', en: 'A flag pattern may not use lookarounds' },
  'ctf.patternRepeat': { vi: 'Số lần lặp trong mẫu cờ tối đa 100', en: 'A count in a flag pattern is at most 100' },
  'ctf.perStudentNeedsRange': { vi: 'Cờ riêng cho từng học sinh cần một ứng dụng thực hành', en: 'A per-student flag needs a range app' },
  'ctf.rangeNeedsPerStudent': {
    vi: 'Thử thách có ứng dụng thực hành dùng cờ riêng cho từng học sinh',
    en: 'A challenge with a range app takes a per-student flag',
  },
  'ctf.tagTwice': { vi: 'Một nhãn có mặt hai lần', en: 'A tag is listed twice' },
  'ctf.fileTwice': { vi: 'Một tệp có mặt hai lần', en: 'A file is listed twice' },
  'ctf.challengeTwice': { vi: 'Một thử thách có mặt hai lần', en: 'A challenge is listed twice' },
  'ctf.levelTwice': { vi: 'Một cấp học được chọn hai lần', en: 'A level is listed twice' },
  'ctf.teamSizeForTeams': { vi: 'Chỉ cuộc thi theo đội mới có số thành viên', en: 'Only team contests have a team size' },
  'ctf.notInPractice': {
    vi: 'Chế độ luyện tập mở cả năm: không có giờ thi, đóng băng hay giới hạn thời gian',
    en: 'Practice mode is open all year: no window, freeze or time limit',
  },
  'ctf.windowNeeded': { vi: 'Cuộc thi có giờ cần thời điểm bắt đầu và kết thúc', en: 'A timed contest needs its start and end' },
  'ctf.freezeTooLong': { vi: 'Thời gian đóng băng bảng điểm phải ngắn hơn cuộc thi', en: 'The freeze must be shorter than the contest' },
  'ctf.timeLimitTooLong': { vi: 'Thời gian làm bài không được dài hơn cuộc thi', en: 'The time limit must not exceed the contest' },
  'ctf.teamCode': { vi: 'Mã đội gồm 8 ký tự: chữ in hoa và chữ số (không có I, O, 0, 1)', en: '8 capital letters and digits (no I, O, 0, 1)' },
} as const satisfies Record<string, Readonly<Record<'vi' | 'en', string>>>;

export type CtfValidationCode = keyof typeof CTF_VALIDATION_MESSAGES;
