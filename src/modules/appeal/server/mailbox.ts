// The district mailbox (区长信箱): the mail gateway posts each message as it arrived (RFC 822).
// We read the sender, the subject and the first plain-text part (decoding base64, quoted-printable
// and GBK/GB18030 as well as UTF-8), so the appeal reads as the resident wrote it.

export interface ParsedMail {
  fromName: string | null;
  fromAddress: string | null;
  subject: string;
  text: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  return match ? { head: raw.slice(0, match.index), body: raw.slice(match.index + match[0].length) } : { head: raw, body: '' };
}

function headers(head: string): Map<string, string> {
  const map = new Map<string, string>();
  // Folded header lines continue with white space.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

function decodeCharset(bytes: Buffer, charset: string): string {
  const label = charset.toLowerCase().replace(/^gb2312$/, 'gbk');
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function quotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'latin1'));
  }
  return Buffer.from(bytes);
}

/** =?charset?B|Q?…?= words in headers. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset: string, encoding: string, text: string) =>
    decodeCharset(encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintable(text.replace(/_/g, ' ')), charset));
}

function parameter(header: string | undefined, name: string): string | null {
  const match = header ? new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header) : null;
  return match ? match[1]! : null;
}

function bodyText(head: Map<string, string>, body: string): string | null {
  const type = (head.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(head.get('content-type'), 'boundary');
    if (!boundary) return null;
    const parts = body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--'));
    const decoded = parts.map((part) => {
      const { head: partHead, body: partBody } = splitHead(part.replace(/^\r?\n/, ''));
      const h = headers(partHead);
      return { type: (h.get('content-type') ?? 'text/plain').toLowerCase(), text: bodyText(h, partBody) };
    });
    return decoded.find((p) => p.type.startsWith('text/plain') && p.text)?.text ?? decoded.find((p) => p.text)?.text ?? null;
  }
  if (!type.startsWith('text/')) return null;
  const encoding = (head.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? quotedPrintable(body) : Buffer.from(body, 'latin1');
  const text = decodeCharset(bytes, parameter(head.get('content-type'), 'charset') ?? 'utf-8');
  return type.startsWith('text/html') ? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ') : text;
}

export function parseMail(raw: Buffer): ParsedMail {
  // Headers are ASCII; bodies are decoded per part, so read the whole message byte for byte.
  const { head, body } = splitHead(raw.toString('latin1'));
  const h = headers(head);
  const from = decodeWords(h.get('from') ?? '');
  const address = /<([^>]+)>/.exec(from)?.[1] ?? (/[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0] ?? null);
  const name = from.replace(/<[^>]*>/, '').replace(/"/g, '').trim() || null;
  const text = (bodyText(h, body) ?? '').replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return { fromName: name && name !== address ? name : null, fromAddress: address?.toLowerCase() ?? null, subject: decodeWords(h.get('subject') ?? '').trim(), text };
}
