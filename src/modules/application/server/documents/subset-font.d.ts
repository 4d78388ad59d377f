// subset-font ships no types: the one call this module makes.
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2'; noLayoutClosure?: boolean; noHinting?: boolean },
  ): Promise<Buffer>;
}
