import { type z } from 'zod';

/**
 * What a person reads when a value is refused, in Vietnamese and English: one catalogue for
 * zod's own issues and for the rules the shared schemas add. A shared schema's own rule names
 * its message by key (`{ error: 'schoolYear.format' }`, `addIssue({ message: 'lesson.gradeBand', params })`),
 * never by English text, and every issue has a stable `code` (a key below) the client translates.
 */
export type MessageLocale = 'vi' | 'en';
type Text = Readonly<Record<MessageLocale, string>>;

export const VALIDATION_MESSAGES = {
  // ── zod's own issues ──
  required: { vi: 'Chưa nhập thông tin này', en: 'Required' },
  invalid_type: { vi: 'Giá trị không đúng kiểu', en: 'Wrong kind of value' },
  'invalid_type.string': { vi: 'Cần một đoạn chữ', en: 'Expected text' },
  'invalid_type.number': { vi: 'Cần một số', en: 'Expected a number' },
  'invalid_type.int': { vi: 'Cần một số nguyên', en: 'Expected a whole number' },
  'invalid_type.boolean': { vi: 'Cần chọn có hoặc không', en: 'Expected yes or no' },
  'invalid_type.array': { vi: 'Cần một danh sách', en: 'Expected a list' },
  'invalid_type.object': { vi: 'Cần một nhóm thông tin', en: 'Expected an object' },
  'invalid_type.date': { vi: 'Cần một ngày hợp lệ', en: 'Expected a valid date' },
  empty: { vi: 'Không được để trống', en: 'Must not be empty' },
  'too_small.string': { vi: 'Cần ít nhất {minimum} ký tự', en: 'At least {minimum} characters' },
  'too_small.array': { vi: 'Cần ít nhất {minimum} mục', en: 'At least {minimum} items' },
  'too_small.number': { vi: 'Phải từ {minimum} trở lên', en: 'At least {minimum}' },
  'too_small.number_exclusive': { vi: 'Phải lớn hơn {minimum}', en: 'Greater than {minimum}' },
  'too_small.date': { vi: 'Ngày quá sớm', en: 'The date is too early' },
  too_small: { vi: 'Giá trị quá nhỏ', en: 'Too small' },
  'too_big.string': { vi: 'Tối đa {maximum} ký tự', en: 'At most {maximum} characters' },
  'too_big.array': { vi: 'Tối đa {maximum} mục', en: 'At most {maximum} items' },
  'too_big.number': { vi: 'Không được lớn hơn {maximum}', en: 'At most {maximum}' },
  'too_big.number_exclusive': { vi: 'Phải nhỏ hơn {maximum}', en: 'Less than {maximum}' },
  'too_big.date': { vi: 'Ngày quá muộn', en: 'The date is too late' },
  'too_big.file': { vi: 'Tệp quá lớn', en: 'The file is too large' },
  too_big: { vi: 'Giá trị quá lớn', en: 'Too big' },
  invalid_format: { vi: 'Sai định dạng', en: 'Wrong format' },
  'invalid_format.uuid': { vi: 'Mã định danh không hợp lệ', en: 'Not a valid id' },
  'invalid_format.email': { vi: 'Địa chỉ email không hợp lệ', en: 'Not a valid email address' },
  'invalid_format.url': { vi: 'Địa chỉ web không hợp lệ', en: 'Not a valid web address' },
  'invalid_format.datetime': { vi: 'Cần ngày và giờ hợp lệ', en: 'Expected a date and time' },
  'invalid_format.date': { vi: 'Cần một ngày hợp lệ', en: 'Expected a date' },
  'invalid_format.time': { vi: 'Cần giờ hợp lệ', en: 'Expected a time' },
  invalid_value: { vi: 'Giá trị không nằm trong các lựa chọn cho phép', en: 'Not one of the allowed values' },
  not_multiple_of: { vi: 'Phải là bội số của {divisor}', en: 'Must be a multiple of {divisor}' },
  unrecognized_keys: { vi: 'Có thông tin không được nhận: {keys}', en: 'Unknown fields: {keys}' },
  invalid_union: { vi: 'Giá trị không hợp lệ', en: 'Not a valid value' },
  invalid_key: { vi: 'Khoá không hợp lệ', en: 'Not a valid key' },
  invalid_element: { vi: 'Có phần tử không hợp lệ', en: 'An element is not valid' },
  custom: { vi: 'Giá trị không hợp lệ', en: 'Not a valid value' },

  // ── the shared schemas' own rules ──
  'text.forbiddenCharacters': {
    vi: 'Có ký tự điều khiển hoặc ký tự không dùng cho văn bản (như U+0000, U+FFFF)',
    en: 'Contains control characters or noncharacters (such as U+0000, U+FFFF)',
  },
  'text.loneSurrogate': { vi: 'Có ký tự Unicode hỏng (nửa cặp thay thế)', en: 'Contains broken Unicode (a lone surrogate)' },
  'helper.dateOrder': { vi: 'Ngày kết thúc phải sau ngày bắt đầu', en: 'The end date must follow the start date' },
  'helper.rangeTooLong': { vi: 'Tối đa {maximum} tuần mỗi lần xem', en: 'At most {maximum} weeks at once' },
  'helper.entryFormat': { vi: 'Không phải tên miền hay số điện thoại', en: 'Neither a domain nor a phone number' },
  'helper.entryDuplicate': { vi: 'Dòng này lặp lại một dòng trước', en: 'This line repeats an earlier one' },
  'training.notStaffLesson': { vi: 'Không phải bài học dành cho cán bộ, giáo viên của Sở', en: 'Not a staff lesson of this Department' },
  'training.lessonTwice': { vi: 'Một bài học có mặt hai lần', en: 'A lesson appears twice' },
  'training.noTarget': { vi: 'Chọn ít nhất một trường hoặc cơ quan Sở', en: 'Choose at least one school or the Department' },
  'id.format': { vi: 'Mã định danh không hợp lệ', en: 'Must be an id (UUID)' },
  'schoolYear.format': { vi: 'Năm học có dạng 2026-2027', en: 'Must look like 2026-2027' },
  'schoolYear.consecutive': { vi: 'Năm thứ hai phải liền sau năm thứ nhất', en: 'The second year must follow the first' },
  'when.format': { vi: 'Cần ngày và giờ hợp lệ', en: 'Must be a date and time (ISO 8601)' },
  'when.afterOpening': { vi: 'Phải sau thời điểm mở', en: 'Must be after the opening' },
  'password.min': { vi: 'Mật khẩu cần ít nhất 8 ký tự', en: 'At least 8 characters' },
  'password.letter': { vi: 'Mật khẩu cần có ít nhất một chữ cái', en: 'Needs a letter' },
  'password.digit': { vi: 'Mật khẩu cần có ít nhất một chữ số', en: 'Needs a digit' },
  'school.ministryCode': { vi: 'Mã trường gồm 4-20 chữ cái hoặc chữ số', en: 'Letters and digits, 4-20 characters' },
  'user.username': {
    vi: 'Tên đăng nhập gồm 2-40 ký tự: chữ thường a-z, chữ số, dấu chấm, gạch ngang hoặc gạch dưới',
    en: '2-40 letters a-z, digits, dot, dash or underscore',
  },
  'user.schoolRole': { vi: 'Tài khoản của trường cần chọn trường; cán bộ Sở thì không', en: 'A school role needs schoolId; a dept_admin has none' },
  'audit.actionFilter': { vi: 'Chỉ gồm chữ thường, dấu chấm và gạch dưới', en: 'Letters, dots and underscores' },
  'audit.entityFilter': { vi: 'Chỉ gồm chữ thường và gạch dưới', en: 'Letters and underscores' },
  'contest.pin': { vi: 'Mã PIN gồm 6 chữ số', en: 'Six digits' },
  'contest.itemTwice': { vi: 'Có câu hỏi bị chọn hai lần', en: 'An item is listed twice' },
  'contest.windowNeeded': { vi: 'Cuộc thi theo lịch cần thời gian mở và đóng', en: 'A scheduled contest needs its window' },
  'attempt.responseRequired': { vi: 'Chưa có câu trả lời', en: 'Required' },
  'review.quarterSteps': { vi: 'Điểm chấm theo bước 0,25', en: 'In steps of a quarter point' },
  'lesson.safeUrl': { vi: 'Cần địa chỉ https:// hoặc một đường dẫn trong trang này', en: 'Must be an https:// address or a path on this site' },
  'lesson.slug': { vi: 'Chỉ gồm chữ thường không dấu và số, nối bằng dấu gạch ngang', en: 'Lower-case words joined by hyphens' },
  'lesson.gradeBand': { vi: 'Cấp {level} học các lớp {from}-{to}', en: '{level} teaches grades {from}-{to}' },
  'lesson.gradeOrder': { vi: 'Không được thấp hơn lớp nhỏ nhất', en: 'Must not be below the lowest grade' },
  'curriculum.lessonTwice': { vi: 'Có bài học bị chọn hai lần', en: 'A lesson is listed twice' },
  'item.duplicateOptions': { vi: 'Có hai lựa chọn trùng nội dung', en: 'Two options have the same text' },
  'item.markOne': { vi: 'Đánh dấu đúng một đáp án đúng', en: 'Mark exactly one right option' },
  'item.markAtLeastOne': { vi: 'Đánh dấu ít nhất một đáp án đúng', en: 'Mark at least one right option' },
  'item.listedTwice': { vi: 'Có lựa chọn được đánh dấu hai lần', en: 'An option is listed twice' },
  'item.outOfRange': { vi: 'Các lựa chọn được đánh số từ 0 đến {last}', en: 'Options are numbered 0 to {last}' },
  'item.orderAll': { vi: 'Sắp xếp đủ {count} ý, mỗi ý một lần', en: 'Give the right order of all {count} statements, each once' },
  'item.evidenceNeeded': { vi: 'Đánh dấu ít nhất một bằng chứng ủng hộ kết luận', en: 'Mark at least one piece of evidence that supports the verdict' },
  'item.flagOne': { vi: 'Đánh dấu ít nhất một dấu hiệu đáng ngờ', en: 'Flag at least one segment' },
  'item.flagNotAll': {
    vi: 'Để lại ít nhất một đoạn không đánh dấu, nếu không đánh dấu tất cả sẽ được điểm tối đa',
    en: 'Leave at least one segment unflagged, or marking everything would score full',
  },
  'diagnostic.genuineNeeded': {
    vi: 'Cần ít nhất một câu là tin thật, nếu không bài khảo sát sẽ thưởng cho việc nghi ngờ mọi thứ',
    en: 'Needs at least one genuine item, or the test rewards distrusting everything',
  },
  'diagnostic.falseNeeded': { vi: 'Cần ít nhất một câu là tin sai hoặc gây hiểu lầm', en: 'Needs at least one false or manipulative item' },
  'diagnostic.parallelForms': { vi: 'Hai đề song song phải có số câu bằng nhau: đề A có {count} câu', en: 'Parallel forms have as many items: A has {count}' },
  'diagnostic.itemTwice': { vi: 'Một câu hỏi được dùng hai lần; hai đề không dùng chung câu nào', en: 'An item is used twice; the forms share no item' },

  // ── rules the server checks against stored data ──
  'password.wrong': { vi: 'Mật khẩu hiện tại không đúng', en: 'Wrong password' },
  'taken.username': { vi: 'Tên đăng nhập này đã có người dùng', en: 'Taken' },
  'taken.ministryCode': { vi: 'Mã trường này đã được dùng', en: 'Already used' },
  'taken.areaName': { vi: 'Đã có khu vực mang tên này', en: 'Already exists' },
  'taken.className': { vi: 'Năm học này đã có lớp mang tên này', en: 'Already exists this year' },
  'school.unknownArea': { vi: 'Khu vực không thuộc tỉnh này', en: 'Unknown area' },
  'school.levelMisfit': { vi: 'Cấp học không khớp với các lớp hiện có của trường', en: 'Does not fit existing classes' },
  'import.missingColumn': { vi: 'Thiếu cột này', en: 'Missing column' },
  'curriculum.lessonMisfit': { vi: 'Bài học không đúng cấp học hoặc loại chương trình này', en: 'Not a {level} {kind} lesson of this province' },
  'class.notStudents': { vi: 'Có người không phải học sinh đang học tại trường', en: 'Not an active student of this school' },
  'class.gradeNotInLevel': { vi: 'Khối này không có ở cấp học của trường', en: 'Not a {level} grade' },
  'class.notTeachers': { vi: 'Có người không phải giáo viên của trường', en: '{count} id(s) are not teachers of this school' },
  'upload.oneFile': { vi: 'Chỉ gửi một tệp', en: 'One file only' },
  'diagnostic.autoGradedOnly': {
    vi: 'Bài khảo sát chỉ dùng câu chấm tự động, không dùng câu trả lời ngắn',
    en: 'A diagnostic asks only auto-graded items, not short answers',
  },
  'diagnostic.verdictGenuine': {
    vi: 'Nội dung thật hay sai phải khớp với kết luận của câu hỏi',
    en: "Genuine or not must match the item's verdict ({verdict})",
  },
  'diagnostic.classesNeeded': { vi: 'Chọn các lớp của thầy cô', en: 'Name your classes' },
  'diagnostic.noClass': { vi: 'Năm học này không có lớp nào của cấp học này', en: 'No class of the level this year' },
  'contest.oneTapKinds': {
    vi: 'Thi trực tiếp chỉ dùng câu một lựa chọn, đúng/sai, nhiều lựa chọn và sắp xếp',
    en: 'A live contest takes single-choice, true/false, multi-choice and ordering questions only',
  },

  'submission.kindTwice': { vi: 'Một thể loại được chọn hai lần', en: 'A kind is listed twice' },
  'submission.mediaTypeForKind': { vi: 'Thể loại {kind} không nhận kiểu tệp này', en: 'A {kind} entry does not take this file type' },
  'submission.mediaTypeTwice': { vi: 'Một kiểu tệp được chọn hai lần', en: 'A file type is listed twice' },
  'submission.levelTwice': { vi: 'Một cấp học được chọn hai lần', en: 'A level is listed twice' },
  'submission.themeTwice': { vi: 'Một chủ đề có mặt hai lần', en: 'A theme is listed twice' },
  'submission.teamSizeNeeded': { vi: 'Bài dự thi theo nhóm cần số thành viên tối đa', en: 'Team entries need a maximum team size' },
  'submission.teamSizeForTeams': { vi: 'Chỉ bài dự thi theo nhóm mới có số thành viên', en: 'Only team entries have a team size' },
  'submission.roundOrder': {
    vi: 'Các vòng thi theo thứ tự: cấp trường, cấp cụm (không bắt buộc), cấp tỉnh',
    en: 'Rounds go school, then area (optional), then province',
  },
  'submission.submissionWindowNeeded': { vi: 'Vòng cấp trường cần thời gian nhận bài', en: 'The school round needs a submission window' },
  'submission.promotionWindowNeeded': { vi: 'Vòng sau cần thời gian xét chọn bài từ vòng trước', en: 'A later round needs a promotion window' },
  'submission.windowNotForStage': {
    vi: 'Vòng cấp trường nhận bài; các vòng sau chỉ xét chọn bài từ vòng trước',
    en: 'Only the school round takes submissions; later rounds take promoted entries',
  },
  'submission.windowClosed': { vi: 'Thời gian này đã kết thúc nên không thể thay đổi', en: 'This window has closed and can no longer move' },
  'submission.judgingAfterIntake': { vi: 'Việc chấm bắt đầu khi đã hết thời gian nhận bài', en: 'Judging opens once the intake window has closed' },
  'submission.afterPreviousRound': { vi: 'Vòng này bắt đầu sau khi vòng trước chấm xong', en: 'A round starts once the previous one is judged' },
  'submission.advanceNeeded': { vi: 'Cần số bài được chọn vào vòng sau', en: 'Say how many entries go on to the next round' },
  'submission.noAdvanceAfterLast': { vi: 'Vòng cuối không chọn bài vào vòng nào nữa', en: 'The last round sends nobody on' },
  'submission.voteStage': { vi: 'Bình chọn phải thuộc một vòng của cuộc thi', en: "The vote must be on one of the contest's rounds" },
  'submission.criterionTwice': { vi: 'Một tiêu chí có mặt hai lần', en: 'A criterion is listed twice' },
  'submission.criterionMissing': { vi: 'Chưa chấm tiêu chí {criterionId}', en: 'Criterion {criterionId} has no score' },
  'submission.criterionUnknown': { vi: 'Tiêu chí {criterionId} không có trong thang điểm', en: 'Criterion {criterionId} is not in the rubric' },
  'submission.scoreOutOfRange': { vi: 'Điểm từ 0 đến {maximum}', en: 'A score from 0 to {maximum}' },
  'submission.criterionId': { vi: 'Mã tiêu chí gồm chữ thường không dấu, chữ số, gạch dưới', en: 'Lower-case letters, digits, underscores' },
  'submission.descriptorRange': {
    vi: 'Mức điểm mô tả phải nằm trong thang của tiêu chí, từ thấp đến cao',
    en: "A band lies within the criterion's scale, low to high",
  },
  'submission.descriptorOverlap': { vi: 'Các mức mô tả không được chồng lên nhau', en: 'Bands must not overlap' },
  'submission.memberTwice': { vi: 'Một học sinh có mặt hai lần trong nhóm', en: 'A student is listed twice in the team' },
  'submission.fileTwice': { vi: 'Một tệp có mặt hai lần', en: 'A file is listed twice' },
  'submission.judgeTwice': { vi: 'Một giám khảo có mặt hai lần', en: 'A judge is listed twice' },
  'submission.conflictNoteNeeded': { vi: 'Hãy ghi rõ lý do khác', en: 'Describe the other reason' },
} as const satisfies Record<string, Text>;

export type ValidationCode = keyof typeof VALIDATION_MESSAGES;
export type MessageParams = Record<string, string | number>;

export function isValidationCode(value: unknown): value is ValidationCode {
  return typeof value === 'string' && Object.hasOwn(VALIDATION_MESSAGES, value);
}

/** A catalogue message with its `{name}` placeholders filled. */
export function validationMessage(code: ValidationCode, params: MessageParams = {}, locale: MessageLocale = 'vi'): string {
  return VALIDATION_MESSAGES[code][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The fields of a zod issue the catalogue reads: a raw one (in an error map) or a finished one (in `error.issues`). */
interface IssueLike {
  code?: string;
  message?: string;
  input?: unknown;
  origin?: string;
  format?: string;
  expected?: string;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  divisor?: unknown;
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

/** An issue as a stable code and its parameters: the schema's own key when it named one, else zod's code refined. */
export function issueCode(issue: IssueLike): { code: ValidationCode; params: MessageParams } {
  if (isValidationCode(issue.message)) return { code: issue.message, params: scalarParams(issue.params) };
  switch (issue.code) {
    case 'invalid_type': {
      if ('input' in issue && (issue.input === undefined || issue.input === null)) return { code: 'required', params: {} };
      const typed = `invalid_type.${issue.expected}`;
      return { code: isValidationCode(typed) ? typed : 'invalid_type', params: {} };
    }
    case 'too_small':
    case 'too_big': {
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const params: MessageParams = issue.code === 'too_small' ? { minimum: bound } : { maximum: bound };
      if (issue.code === 'too_small' && issue.origin === 'string' && bound <= 1) return { code: 'empty', params: {} };
      const exclusive = issue.origin === 'number' && issue.inclusive === false ? '_exclusive' : '';
      const sized = `${issue.code}.${issue.origin}${exclusive}`;
      return { code: isValidationCode(sized) ? sized : issue.code, params };
    }
    case 'invalid_format': {
      const format = `invalid_format.${issue.format}`;
      return { code: isValidationCode(format) ? format : 'invalid_format', params: {} };
    }
    case 'not_multiple_of':
      return { code: 'not_multiple_of', params: { divisor: Number(issue.divisor) } };
    case 'unrecognized_keys':
      return { code: 'unrecognized_keys', params: { keys: (issue.keys ?? []).join(', ') } };
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { code: issue.code, params: {} };
    default:
      return { code: 'custom', params: {} };
  }
}

function scalarParams(params: Record<string, unknown> | undefined): MessageParams {
  const out: MessageParams = {};
  for (const [key, value] of Object.entries(params ?? {})) if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  return out;
}

/** The one zod error map, in either language: for `z.config({ customError })` or a parse's `{ error }`. */
export function validationErrorMap(locale: MessageLocale | (() => MessageLocale)): (issue: IssueLike) => string {
  return (issue) => {
    const { code, params } = issueCode(issue);
    return validationMessage(code, params, typeof locale === 'function' ? locale() : locale);
  };
}

/** One refused value, as the API's problem details and the client's forms carry it. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `scope.id`; empty for the whole value. */
  field: string;
  path: PropertyKey[];
  code: ValidationCode;
  params: MessageParams;
  message: string;
}

export type Validated<T> = { success: true; data: T } | { success: false; issues: ValidationIssue[] };

/** Parses with a shared schema and answers every issue with its code and its message in `locale`. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, locale: MessageLocale = 'vi'): Validated<z.output<S>> {
  const result = schema.safeParse(value, { reportInput: true, error: validationErrorMap(locale) });
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: result.error.issues.map((issue) => describeIssue(issue, locale)) };
}

/** A finished zod issue (from `safeParse`) as code, parameters and text. */
export function describeIssue(issue: z.core.$ZodIssue, locale: MessageLocale = 'vi'): ValidationIssue {
  const { code, params } = issueCode(issue);
  return { field: issue.path.map(String).join('.'), path: [...issue.path], code, params, message: validationMessage(code, params, locale) };
}
