// PDF rendering of the application's documents and material templates: A4, official layout, Noto Serif SC
// (OFL-1.1, from the npm package @expo-google-fonts/noto-serif-sc, so a fresh `npm install` is enough) embedded
// as a subset of the characters used, which keeps a one-page notice at a few dozen kilobytes.
//
// The subset is cut by HarfBuzz (subset-font, in a worker: font-subsetter.ts) and embedded whole, not by
// pdf-lib's own `subset: true`:
// @pdf-lib/fontkit 1.1.1 writes a short-format loca table without padding glyphs to an even length, so with
// this font every glyph after an odd-sized one comes out blank in the PDF (seen in poppler).
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import encodeQR from 'qr';
import { subsetFontFile } from './font-subsetter.ts';
import type { DocumentInput } from './application-documents.ts';
import { documentText, templateText, type Block } from './document-texts.ts';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 72;
const MARGIN_TOP = 72;
/** room kept at the foot of every page for the verification block */
const FOOTER = 96;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RED = rgb(0.75, 0.1, 0.1);

/** Characters that may not start a line (禁则): they stay at the end of the line before. */
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』”’…%,.;:?!)'));

interface Fonts { regular: PDFFont; bold: PDFFont }

class Layout {
  page!: PDFPage;
  y = 0;
  readonly width = A4[0] - 2 * MARGIN_X;

  constructor(private readonly doc: PDFDocument, readonly fonts: Fonts, private readonly onNewPage: (page: PDFPage) => void) {
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN_TOP;
    this.onNewPage(this.page);
  }

  private ensure(height: number) {
    if (this.y - height < FOOTER + 12) this.newPage();
  }

  /** Breaks text into lines that fit `width`, character by character (Chinese has no spaces to break at). */
  wrap(text: string, font: PDFFont, size: number, width: number, firstIndent = 0): string[] {
    const lines: string[] = [];
    let line = '';
    let lineWidth = firstIndent;
    for (const ch of Array.from(text)) {
      const w = font.widthOfTextAtSize(ch, size);
      if (line && lineWidth + w > width && !NO_LINE_START.has(ch)) {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      line += ch;
      lineWidth += w;
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
  }

  block(b: Block) {
    if (b.field) {
      this.field(b.text);
      return;
    }
    const font = b.bold ? this.fonts.bold : this.fonts.regular;
    const size = b.size ?? 12;
    const leading = size * (b.leading ?? 1.9);
    const indent = b.indent ? size * 2 : 0;
    this.y -= b.before ?? 0;
    for (const paragraph of b.text.split('\n')) {
      const lines = b.align === 'left' || b.align === undefined ? this.wrap(paragraph, font, size, this.width, indent) : [paragraph];
      lines.forEach((line, i) => {
        this.ensure(leading);
        const lineWidth = font.widthOfTextAtSize(line, size);
        const x = b.align === 'center' ? (A4[0] - lineWidth) / 2
          : b.align === 'right' ? A4[0] - MARGIN_X - lineWidth
            : MARGIN_X + (i === 0 ? indent : 0);
        this.y -= leading;
        this.page.drawText(line, { x, y: this.y + (leading - size) / 2, size, font, color: b.color === 'red' ? RED : INK });
      });
    }
    if (b.ruleAfter) {
      this.y -= 6;
      this.page.drawLine({ start: { x: MARGIN_X, y: this.y }, end: { x: A4[0] - MARGIN_X, y: this.y }, thickness: 1.2, color: RED });
      this.y -= 4;
    }
  }

  /** A blank line to fill in by hand: a label, then a rule across the rest of the width. */
  field(label: string) {
    const size = 12;
    this.ensure(34);
    this.y -= 34;
    this.page.drawText(label, { x: MARGIN_X, y: this.y, size, font: this.fonts.regular, color: INK });
    const start = MARGIN_X + this.fonts.regular.widthOfTextAtSize(label, size) + 6;
    this.page.drawLine({ start: { x: start, y: this.y - 3 }, end: { x: A4[0] - MARGIN_X, y: this.y - 3 }, thickness: 0.6, color: GREY });
  }
}

/** Characters always in the subset: the page numbering's. */
const ALWAYS = '0123456789 第页共（）：，。';

async function newDocument(title: string, subject: string, createdAt: Date, text: { regular: string; bold: string }) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    subsetFontFile(require.resolve(FONT_FILES.regular), ALWAYS + text.regular),
    subsetFontFile(require.resolve(FONT_FILES.bold), ALWAYS + text.bold),
  ]);
  const fonts: Fonts = {
    regular: await doc.embedFont(regular, { subset: false }),
    bold: await doc.embedFont(bold, { subset: false }),
  };
  // Metadata from the document itself, not the wall clock, so the same input gives the same bytes.
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setSubject(subject);
  doc.setLanguage('zh-CN');
  doc.setProducer('Minsheng');
  doc.setCreator('Minsheng');
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);
  return { doc, fonts };
}

function textOf(blocks: Block[], extra: { regular?: string[]; bold?: string[] } = {}) {
  return {
    regular: [...blocks.filter((b) => !b.bold).map((b) => b.text), ...(extra.regular ?? [])].join(''),
    bold: [...blocks.filter((b) => b.bold).map((b) => b.text), ...(extra.bold ?? [])].join(''),
  };
}

/** The QR code as dark squares drawn straight on the page (no image, so nothing to decode or compress). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const matrix = encodeQR(text, 'raw', { ecc: 'medium', border: 1 });
  const cell = size / matrix.length;
  matrix.forEach((row, r) => {
    let start = -1;
    // Runs of dark cells in a row become one rectangle: fewer operators, smaller file.
    for (let c = 0; c <= row.length; c++) {
      const dark = c < row.length && row[c];
      if (dark && start < 0) start = c;
      if (!dark && start >= 0) {
        page.drawRectangle({ x: x + start * cell, y: y + size - (r + 1) * cell, width: (c - start) * cell, height: cell + 0.05, color: INK });
        start = -1;
      }
    }
  });
}

export async function renderDocumentPdf(input: DocumentInput, verificationCode: string, verifyUrl: string): Promise<Uint8Array> {
  const text = documentText(input);
  const lines = [
    `验证码：${verificationCode}`,
    `核验地址：${verifyUrl}`,
    '凭验证码可在“民生”平台核验本文书的真伪；核验结果显示文书种类、事项、编号、结论、出具日期及申请人姓名（部分隐去）。',
  ];
  const { doc, fonts } = await newDocument(text.title, `${input.trackingCode} ${input.serviceName}`, new Date(input.issuedAt),
    textOf(text.blocks, { regular: lines, bold: [lines[0]!] }));
  const footer = (page: PDFPage) => {
    const qrSize = 62;
    const top = FOOTER - 8;
    page.drawLine({ start: { x: MARGIN_X, y: top }, end: { x: A4[0] - MARGIN_X, y: top }, thickness: 0.5, color: GREY });
    drawQr(page, verifyUrl, A4[0] - MARGIN_X - qrSize, top - qrSize - 8, qrSize);
    let y = top - 20;
    const width = A4[0] - 2 * MARGIN_X - qrSize - 16;
    lines.forEach((line, i) => {
      const size = i === 0 ? 10.5 : 8.5;
      for (const part of wrapPlain(line, fonts.regular, size, width)) {
        page.drawText(part, { x: MARGIN_X, y, size, font: i === 0 ? fonts.bold : fonts.regular, color: i === 0 ? INK : GREY });
        y -= size * 1.6;
      }
    });
  };
  const layout = new Layout(doc, fonts, footer);
  for (const block of text.blocks) layout.block(block);
  const pages = doc.getPages();
  if (pages.length > 1) {
    pages.forEach((page, i) => {
      const label = `第 ${i + 1} 页 共 ${pages.length} 页`;
      page.drawText(label, { x: (A4[0] - fonts.regular.widthOfTextAtSize(label, 9)) / 2, y: 28, size: 9, font: fonts.regular, color: GREY });
    });
  }
  return doc.save({ useObjectStreams: true });
}

function wrapPlain(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (line && font.widthOfTextAtSize(line + ch, size) > width && !NO_LINE_START.has(ch)) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderTemplatePdf(
  service: { code: string; name: string },
  material: { code: string; name: string; templateText?: string | null | undefined; note?: string | null | undefined },
): Promise<Uint8Array> {
  const { blocks } = templateText(service, material);
  // A template has no issue date: a fixed creation date keeps its bytes the same for the same text.
  const { doc, fonts } = await newDocument(material.name, `${service.code} ${service.name}`, new Date(0), textOf(blocks));
  const layout = new Layout(doc, fonts, () => undefined);
  for (const block of blocks) layout.block(block);
  return doc.save({ useObjectStreams: true });
}
