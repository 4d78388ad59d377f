// The wording of each document, as blocks for the PDF layout. Pure, so the texts can be tested without a PDF.
// Wording follows the model notices used under the Administrative Licensing Law (行政许可法 Arts. 32, 38, 42).
import { toLocalDate } from '../../../../shared/time/local-date.ts';
import type { DocumentInput, DocumentKind } from './application-documents.ts';

export interface Block {
  text: string;
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** first-line indent of two characters, as Chinese paragraphs have */
  indent?: boolean;
  leading?: number;
  before?: number;
  color?: 'red';
  ruleAfter?: boolean;
  /** a label followed by a line to fill in by hand (templates) */
  field?: boolean;
}

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  acknowledgement: '受理通知书',
  missing_materials: '补正材料通知书',
  decision: '行政许可决定书',
  certificate: '证明',
};

export function documentTitle(input: DocumentInput): string {
  if (input.kind !== 'decision') return DOCUMENT_TITLES[input.kind];
  switch (input.body.outcome) {
    case 'approved': return '准予行政许可决定书';
    case 'rejected': return '不予行政许可决定书';
    case 'deemed_approved': return '准予行政许可决定书（超时默许）';
  }
}

/** 'YYYY-MM-DD' → '2026年11月26日' (Arabic numerals, as GB/T 9704-2012 writes dates). */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function issuedOn(input: DocumentInput): string {
  return chineseDate(toLocalDate(new Date(input.issuedAt)));
}

const LAW = '《中华人民共和国行政许可法》';

function bodyParagraphs(input: DocumentInput): string[] {
  const matter = `「${input.serviceName}」`;
  switch (input.kind) {
    case 'acknowledgement': {
      const b = input.body;
      const due = chineseDate(b.decisionDueOn);
      return [
        b.implicit
          ? `你（单位）提出的${matter}申请，本机关未在收到申请之日起五个工作日内一次告知需要补正的全部内容。依照${LAW}第三十二条第一款第四项的规定，自收到申请材料之日起即为受理。受理日期：${chineseDate(b.acceptedOn)}。`
          : `你（单位）提出的${matter}申请，申请材料齐全、符合法定形式。依照${LAW}第三十二条第一款第五项的规定，本机关决定予以受理。受理日期：${chineseDate(b.acceptedOn)}。`,
        `本机关将自受理之日起${b.periodWorkingDays}个工作日内，即于${due}前作出决定（不含法定节假日；依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计算在内，届时另行告知）。`,
        ...(b.deemedApproval
          ? [`本事项实行超时默许：本机关未在上述期限内（${due}前）作出决定的，视为准予行政许可，本机关将依此出具决定书及相关证明，并告知你（单位）。`]
          : []),
        `你（单位）可凭受理编号 ${input.trackingCode} 在“民生”平台或向本机关查询办理进度。`,
        b.redress.replaceAll('本决定', '本通知'),
      ];
    }
    case 'missing_materials': {
      const b = input.body;
      const items = b.missing.map((m, i) => `${i + 1}. ${m.name}${m.note ? `（${m.note}）` : ''}`);
      return [
        `你（单位）提出的${matter}申请，经审查，申请材料不齐全或者不符合法定形式。依照${LAW}第三十二条第一款第四项的规定，现一次告知你（单位）需要补正的全部内容如下：`,
        ...items,
        ...(b.note ? [`说明：${b.note}`] : []),
        b.resubmitBy
          ? `请于${chineseDate(b.resubmitBy)}前补正上述材料。补正材料齐全、符合法定形式的，本机关将予以受理。`
          : '请补正上述材料后重新提交。补正材料齐全、符合法定形式的，本机关将予以受理。',
        '本通知不是对申请的否定；补正期间不计入审查期限。',
      ];
    }
    case 'decision': {
      const b = input.body;
      switch (b.outcome) {
        case 'approved':
          return [
            `你（单位）提出的${matter}申请（受理编号 ${input.trackingCode}），经审查，申请符合法定条件、标准。依照${LAW}第三十八条第一款的规定，本机关决定准予行政许可。`,
            ...(b.reasons ? [`说明：${b.reasons}`] : []),
            '相关证明文件随本决定书一并出具。',
            b.redress,
          ];
        case 'rejected':
          return [
            `你（单位）提出的${matter}申请（受理编号 ${input.trackingCode}），经审查，不符合法定条件、标准。依照${LAW}第三十八条第二款的规定，本机关决定不予行政许可。`,
            `理由如下：${b.reasons ?? ''}`,
            b.redress,
          ];
        case 'deemed_approved':
          return [
            `你（单位）提出的${matter}申请（受理编号 ${input.trackingCode}），本机关未在法定期限内作出决定。该期限已于${b.missedDueOn ? chineseDate(b.missedDueOn) : '（期限届满之日）'}届满。`,
            `依照本事项的超时默许规定，期限届满未作出决定的，视为准予行政许可。本机关确认：你（单位）的申请自${issuedOn(input)}起视为准予，与作出准予行政许可决定具有同等效力。`,
            '相关证明文件随本决定书一并出具。',
            b.redress,
          ];
      }
      return [];
    }
    case 'certificate':
      return [input.body.content];
  }
}

export function documentText(input: DocumentInput): { title: string; blocks: Block[] } {
  const title = documentTitle(input);
  const blocks: Block[] = [
    { text: input.handlingUnitName || ' ', size: 20, bold: true, align: 'center', color: 'red', leading: 1.5, ruleAfter: true },
    { text: title, size: 22, bold: true, align: 'center', leading: 2, before: 14 },
    { text: `编号：${input.trackingCode}`, size: 11, align: 'right', leading: 1.8 },
  ];
  if (input.kind === 'certificate') {
    blocks.push(
      { text: `申请人：${input.applicantName}`, size: 12, before: 8 },
      { text: `事项：${input.serviceName}（${input.serviceCode}）`, size: 12 },
    );
  } else {
    blocks.push({ text: `${input.applicantName}：`, size: 14, before: 8 });
  }
  for (const paragraph of bodyParagraphs(input)) blocks.push({ text: paragraph, size: 14, indent: true, leading: 1.8 });
  blocks.push(
    { text: input.handlingUnitName || ' ', size: 14, align: 'right', before: 36 },
    { text: issuedOn(input), size: 14, align: 'right' },
    { text: '（印章）', size: 10, align: 'right' },
  );
  return { title, blocks };
}

export function templateText(
  service: { code: string; name: string },
  material: { code: string; name: string; templateText?: string | null | undefined; note?: string | null | undefined },
): { blocks: Block[] } {
  const blocks: Block[] = [
    { text: material.name, size: 20, bold: true, align: 'center', leading: 2 },
    { text: `办理事项：${service.name}（${service.code}）　材料编号：${material.code}`, size: 10.5, align: 'center', leading: 2 },
  ];
  // A template line ending in a colon is a field to fill in by hand; every other line is text.
  let fields = 0;
  for (const raw of (material.templateText ?? '').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const field = /[：:]$/.test(line);
    if (field) fields++;
    blocks.push(field ? { text: line, field: true } : { text: line, size: 12, indent: true, leading: 1.9 });
  }
  if (material.note) blocks.push({ text: `说明：${material.note}`, size: 10.5, leading: 1.9, before: 12 });
  if (fields === 0) for (const text of ['申请人（签名或盖章）：', '联系电话：', '日期：']) blocks.push({ text, field: true });
  blocks.push({ text: '本表由申请人如实填写，对所填内容的真实性负责。', size: 10.5, before: 24 });
  return { blocks };
}
