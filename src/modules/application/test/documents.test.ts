// The application's documents as PDFs: every kind renders and parses back, embeds its Chinese font (as a subset,
// so the files stay small), carries the characters of its title for text extraction, and says what the law needs
// it to say (period, due date, redress, deemed-approval rule; the missed deadline of a deemed approval).
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { renderDocumentPdf } from '../server/documents/document-pdf.ts';
import { documentText, documentTitle } from '../server/documents/document-texts.ts';
import { normalizeVerificationCode, renderMaterialTemplate, verifyPath, type DocumentInput } from '../server/documents/application-documents.ts';

const REDRESS = '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';
const COMMON = {
  tenantId: '00000000-0000-7000-8000-000000000001', caseId: '00000000-0000-7000-8000-000000000002', trackingCode: 'SP2026030300007',
  serviceCode: 'JZZM', serviceName: '居住证明', applicantName: '测试甲', handlingUnitName: '示例街道办事处', issuedAt: '2026-03-03T02:00:00.000Z',
};
const CODE = '7K3M9QXH2PAB';

const INPUTS: Record<string, DocumentInput> = {
  acknowledgement: { ...COMMON, kind: 'acknowledgement', body: { acceptedOn: '2026-03-03', implicit: false, periodWorkingDays: 20, decisionDueOn: '2026-03-31', deemedApproval: true, redress: REDRESS } },
  missing_materials: { ...COMMON, kind: 'missing_materials', body: { missing: [{ name: '居民身份证复印件' }, { name: '房屋租赁合同', note: '需出租人签字' }], note: '请携带原件核对', resubmitBy: '2026-03-13' } },
  approved: { ...COMMON, kind: 'decision', body: { outcome: 'approved', redress: REDRESS } },
  rejected: { ...COMMON, kind: 'decision', body: { outcome: 'rejected', reasons: '经核查，申请人不在本辖区居住。', redress: REDRESS } },
  deemed_approved: { ...COMMON, kind: 'decision', body: { outcome: 'deemed_approved', missedDueOn: '2026-03-31', redress: REDRESS } },
  certificate: { ...COMMON, kind: 'certificate', body: { content: '测试甲申请的「居住证明」事项，经示例街道办事处审查，于2026年3月3日准予办理。特此证明。' } },
};

function plainText(input: DocumentInput): string {
  return documentText(input).blocks.map((b) => b.text).join('\n');
}

/** The Type0 fonts of a PDF with their embedded font program's size, and all ToUnicode maps as text. */
function inspect(pdf: PDFDocument) {
  const fonts: Array<{ name: string; programBytes: number }> = [];
  let toUnicode = '';
  const lookup = <T>(v: unknown) => (v instanceof PDFRef ? pdf.context.lookup(v) : v) as T;
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const descendant = lookup<PDFDict>(lookup<PDFArray>(object.get(PDFName.of('DescendantFonts'))).get(0));
    const descriptor = lookup<PDFDict>(descendant.get(PDFName.of('FontDescriptor')));
    const program = lookup<PDFRawStream>(descriptor.get(PDFName.of('FontFile2')));
    fonts.push({ name: String(object.get(PDFName.of('BaseFont'))), programBytes: decodePDFRawStream(program).decode().length });
    const cmap = lookup<PDFRawStream>(object.get(PDFName.of('ToUnicode')));
    toUnicode += Buffer.from(decodePDFRawStream(cmap).decode()).toString('latin1');
  }
  return { fonts, toUnicode };
}

function hexOf(text: string): string[] {
  return Array.from(text, (ch) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
}

describe('document PDFs', () => {
  for (const [name, input] of Object.entries(INPUTS)) {
    it(`renders a ${name} that parses back with its Chinese font embedded as a subset`, async () => {
      const bytes = await renderDocumentPdf(input, CODE, verifyPath(CODE));
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      // Sane size: a subset of a 15 MB font, not the font, and not an empty shell either.
      expect(bytes.length).toBeGreaterThan(5_000);
      expect(bytes.length).toBeLessThan(200_000);
      const pdf = await PDFDocument.load(bytes);
      expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
      expect(pdf.getTitle()).toBe(documentTitle(input));
      expect(pdf.getCreationDate()?.toISOString()).toBe(new Date(COMMON.issuedAt).toISOString());
      const { fonts, toUnicode } = inspect(pdf);
      expect(fonts.map((f) => f.name).join(' ')).toContain('NotoSerifSC');
      for (const font of fonts) expect(font.programBytes).toBeLessThan(150_000);
      // The title's characters are mapped back to Unicode, so the text can be extracted and searched.
      for (const hex of hexOf(documentTitle(input).replace(/[（）]/g, ''))) expect(toUnicode).toContain(hex);
      for (const hex of hexOf(`验证码${CODE}`)) expect(toUnicode).toContain(hex);
    });
  }

  it('gives the same bytes for the same input (metadata from the issue time, not the clock)', async () => {
    const a = await renderDocumentPdf(INPUTS.approved!, CODE, verifyPath(CODE));
    const b = await renderDocumentPdf(INPUTS.approved!, CODE, verifyPath(CODE));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('renders a character the font lacks (a rare name, an emoji) as a blank box instead of failing', async () => {
    const rare: DocumentInput = { ...INPUTS.approved!, applicantName: '测\u{20BB7}\u{1F600}' };
    const pdf = await PDFDocument.load(await renderDocumentPdf(rare, CODE, verifyPath(CODE)));
    expect(pdf.getPageCount()).toBe(1);
  });

  it('flows a long text onto further pages, each with the verification block', async () => {
    const long: DocumentInput = { ...COMMON, kind: 'certificate', body: { content: '测试内容。'.repeat(600) } };
    const pdf = await PDFDocument.load(await renderDocumentPdf(long, CODE, verifyPath(CODE)));
    expect(pdf.getPageCount()).toBeGreaterThan(1);
  });

  it('renders a material template as a fill-in form', async () => {
    const bytes = await renderMaterialTemplate({ code: 'JZZM', name: '居住证明' }, { code: 'SQB', name: '居住证明申请表', templateText: '本人申请开具居住证明。\n姓名：\n现居住地址：' });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('居住证明申请表');
    const { fonts } = inspect(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    const plain = await renderMaterialTemplate({ code: 'JZZM', name: '居住证明' }, { code: 'SFZ', name: '居民身份证' });
    expect((await PDFDocument.load(plain)).getPageCount()).toBe(1);
  });
});

describe('document wording', () => {
  it('titles each kind and decision outcome', () => {
    expect(documentTitle(INPUTS.acknowledgement!)).toBe('受理通知书');
    expect(documentTitle(INPUTS.missing_materials!)).toBe('补正材料通知书');
    expect(documentTitle(INPUTS.approved!)).toBe('准予行政许可决定书');
    expect(documentTitle(INPUTS.rejected!)).toBe('不予行政许可决定书');
    expect(documentTitle(INPUTS.deemed_approved!)).toBe('准予行政许可决定书（超时默许）');
    expect(documentTitle(INPUTS.certificate!)).toBe('证明');
  });

  it('the acknowledgement states the period, the due date, redress and, for a flagged service, the deemed-approval rule', () => {
    const text = plainText(INPUTS.acknowledgement!);
    expect(text).toContain('20个工作日');
    expect(text).toContain('2026年3月31日前作出决定');
    expect(text).toContain('行政复议');
    expect(text).toContain('行政诉讼');
    expect(text).toContain('超时默许');
    expect(text).toContain('视为准予行政许可');
    const unflagged = plainText({ ...INPUTS.acknowledgement!, body: { ...(INPUTS.acknowledgement!.body as object), deemedApproval: false } } as DocumentInput);
    expect(unflagged).not.toContain('超时默许');
  });

  it('an implicit acceptance says it follows from the missed five-day notice period', () => {
    const text = plainText({ ...INPUTS.acknowledgement!, body: { ...(INPUTS.acknowledgement!.body as object), implicit: true } } as DocumentInput);
    expect(text).toContain('五个工作日内');
    expect(text).toContain('即为受理');
  });

  it('the deemed approval says it was granted by operation of the rule and names the missed deadline', () => {
    const text = plainText(INPUTS.deemed_approved!);
    expect(text).toContain('已于2026年3月31日届满');
    expect(text).toContain('超时默许');
    expect(text).toContain('视为准予');
  });

  it('the notice of missing materials lists every item with its note', () => {
    const text = plainText(INPUTS.missing_materials!);
    expect(text).toContain('1. 居民身份证复印件');
    expect(text).toContain('2. 房屋租赁合同（需出租人签字）');
    expect(text).toContain('2026年3月13日前');
  });

  it('a refusal gives its reasons; every document names the applicant, the tracking code and the issuing unit and date', () => {
    const text = plainText(INPUTS.rejected!);
    expect(text).toContain('理由如下：经核查，申请人不在本辖区居住。');
    for (const input of Object.values(INPUTS)) {
      const t = plainText(input);
      expect(t).toContain('测试甲');
      expect(t).toContain('SP2026030300007');
      expect(t).toContain('示例街道办事处');
      // 10:00 in Beijing on 3 March
      expect(t).toContain('2026年3月3日');
    }
  });
});

describe('verification codes', () => {
  it('reads a code as a person may type it', () => {
    expect(normalizeVerificationCode('7k3m-9qxh-2pab')).toBe(CODE);
    expect(normalizeVerificationCode(' 7K3M 9QXH 2PAB ')).toBe(CODE);
    expect(normalizeVerificationCode('O1IL')).toBe('0111');
    expect(verifyPath(CODE)).toBe('/portal/verify/7K3M9QXH2PAB');
  });
});
