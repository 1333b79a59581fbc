/** Every text item of a PDF, page by page, read with Mozilla's pdf.js: a real parser, so a test sees what a reader would. */
async function pageItems(data: Uint8Array): Promise<string[][]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')));
  }
  await doc.destroy();
  return pages;
}

/** The text of a PDF, page after page. */
export async function pdfText(data: Uint8Array): Promise<string> {
  return (await pageItems(data)).map((items) => items.join(' ')).join('\n');
}

/** The non-blank text items of each page, in the order they are drawn. */
export async function pdfPages(data: Uint8Array): Promise<string[][]> {
  return (await pageItems(data)).map((items) => items.filter((s) => s.trim() !== ''));
}
