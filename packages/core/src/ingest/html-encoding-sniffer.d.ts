/** html-encoding-sniffer ships no types: the WHATWG encoding sniffing algorithm (BOM, then <meta charset> in the first 1024 bytes). */
declare module 'html-encoding-sniffer' {
  /** The encoding's WHATWG name (UTF-8, GBK, …), or `defaultEncoding` (may be null) when the bytes name none. */
  export default function sniffHTMLEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string | null },
  ): string | null
}
