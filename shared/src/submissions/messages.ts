/** The submission contests' validation messages, in Vietnamese and English (see `ValidationCode` in platform/validation.ts). */
export const SUBMISSION_VALIDATION_MESSAGES = {
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
} as const satisfies Record<string, Readonly<Record<'vi' | 'en', string>>>;

export type SubmissionValidationCode = keyof typeof SUBMISSION_VALIDATION_MESSAGES;
