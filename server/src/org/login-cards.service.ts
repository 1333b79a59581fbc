import { Inject, Injectable } from '@nestjs/common';
import { Permission } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { CONFIG, type Config } from '../config/config.js';
import { notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { openOneTimePassword } from '../platform/one-time-password.js';
import { pdfmake } from '../platform/pdf.js';
import { type LoginCardRow, LoginCardsRepository } from './login-cards.repository.js';

/**
 * A class's login cards, ten to an A4 page, to cut and hand out: the app's address as text and
 * QR code, the school, the class, the student's name, username and one-time password. A
 * student who has set their own password gets a card that says so; a reset prints a new one.
 */
@Injectable()
export class LoginCardsService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: LoginCardsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async pdf(auth: AuthUser, classId: string, origin: string): Promise<{ buffer: Buffer; filename: string }> {
    await this.access.require(auth, Permission.ClassProgressRead, [classId]);
    const cls = await this.repo.findClass(classId);
    if (!cls) throw notFound('class');
    const students = await this.repo.cardsOfClass(classId);
    const url = this.config.publicUrl ?? origin;
    const card = (s: LoginCardRow) => {
      const password = s.mustChangePassword ? openOneTimePassword(this.config.jwtSecret, s.passwordHash) : null;
      return {
        stack: [
          {
            columns: [
              { text: 'Tỉnh Táo', bold: true, fontSize: 12, color: '#0f6b7a' },
              { text: `${cls.schoolName} · ${cls.name}`, fontSize: 8, alignment: 'right', margin: [0, 2, 0, 0] },
            ],
          },
          {
            columns: [
              {
                width: '*',
                stack: [
                  { text: s.fullName, bold: true, fontSize: 11, margin: [0, 6, 0, 4] },
                  {
                    text: [
                      { text: 'Tên đăng nhập: ', fontSize: 9 },
                      { text: s.username, bold: true, fontSize: 12 },
                    ],
                  },
                  password
                    ? {
                        text: [
                          { text: 'Mật khẩu lần đầu: ', fontSize: 9 },
                          { text: password, bold: true, fontSize: 12 },
                        ],
                        margin: [0, 2, 0, 0],
                      }
                    : { text: 'Em đã tự đặt mật khẩu. Quên mật khẩu thì nhờ thầy cô đặt lại.', italics: true, fontSize: 8, margin: [0, 2, 0, 0] },
                  { text: url, fontSize: 8, color: '#555555', margin: [0, 4, 0, 0] },
                ],
              },
              { width: 64, qr: url, fit: 64, margin: [0, 6, 0, 0] },
            ],
          },
          { text: 'Lần đầu đăng nhập, em sẽ đặt mật khẩu của riêng mình.', fontSize: 7, color: '#555555', margin: [0, 4, 0, 0] },
        ],
        margin: [8, 8, 8, 8],
      };
    };
    const body: unknown[][] = [];
    for (let i = 0; i < students.length; i += 2) body.push([card(students[i]), students[i + 1] ? card(students[i + 1]) : { text: '' }]);
    const buffer = await pdfmake
      .createPdf({
        info: { title: `Thẻ đăng nhập ${cls.name} — ${cls.schoolName}`, creator: 'Tỉnh Táo' },
        pageSize: 'A4',
        pageMargins: [24, 24, 24, 24],
        defaultStyle: { font: 'Roboto', fontSize: 10 },
        content: [
          { text: `Thẻ đăng nhập — lớp ${cls.name}, ${cls.schoolName}, năm học ${cls.schoolYear}`, bold: true, margin: [0, 0, 0, 8] },
          body.length > 0
            ? {
                table: { widths: ['50%', '50%'], dontBreakRows: true, body },
                layout: { hLineStyle: () => ({ dash: { length: 4 } }), vLineStyle: () => ({ dash: { length: 4 } }) },
              }
            : { text: 'Lớp chưa có học sinh.', italics: true },
        ],
      })
      .getBuffer();
    return { buffer, filename: `the-dang-nhap-${cls.name.replace(/[^\p{L}\p{N}-]+/gu, '_')}.pdf` };
  }
}
