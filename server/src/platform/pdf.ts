import { createRequire } from 'node:module';
import path from 'node:path';

import pdfmake from 'pdfmake';

/** Roboto, as pdfmake ships it: it has every Vietnamese letter with its diacritics (a unit test checks). */
export const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
export const FONT_FILE = path.join(FONT_DIR, 'Roboto-Regular.ttf');

pdfmake.addFonts({
  Roboto: {
    normal: FONT_FILE,
    bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// A PDF of ours never fetches anything: no URLs, no files but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => file.startsWith(FONT_DIR));

/** pdfmake with the app's fonts and its access policy, set once for every PDF (reports, login cards, certificates). */
export { pdfmake };
