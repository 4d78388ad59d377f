// A tiny XML writer for the Open311 documents: plain values, objects as child elements, and lists
// whose item elements are named by the caller (services → service). No attributes, no namespaces.

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

// XML 1.0 forbids most control characters and lone surrogates even when escaped; a resident's
// text may still carry them, so they become U+FFFD rather than break the document.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`No item element name for the list <${name}>`);
    return value.length === 0 ? `<${name}/>` : `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, itemNames)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** One document: `itemNames` maps each list's element to its items' element. */
export function renderXml(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, itemNames)}\n`;
}
