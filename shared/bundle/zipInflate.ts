/**
 * A strict raw DEFLATE (RFC 1951) decoder for the zip reader. General inflaters (fflate, and zlib
 * in places) are lenient where a strict reader must not be: they ignore the padding bits after the
 * last block and before stored blocks, the NLEN check word of stored blocks, bytes after the end of
 * the stream, and (fflate) over-subscribed or incomplete Huffman codes. Each of those lets a
 * flipped bit or smuggled bytes pass unnoticed, so this decoder refuses them all:
 *
 * - Huffman codes must be complete, except the one-code-of-length-1 case zlib also allows for
 *   literal/length and distance codes (encoders emit it when a block uses one symbol);
 * - padding bits must be zero, NLEN must be the one's complement of LEN;
 * - the stream must end exactly at the last byte given, with nothing after the final block;
 * - output goes into a buffer of exactly the declared size and never past it, so a lying size
 *   cannot grow memory; distances may not reach before the start of the output.
 *
 * Decoding is resumable: `run(until)` stops once `until` bytes are out (give or take a match or a
 * stored block), so the caller can report progress and yield between megabytes.
 */
export class InflateError extends Error {
  override readonly name = 'InflateError';
}

const LENGTH_BASE = Uint16Array.from([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
]);
const LENGTH_EXTRA = Uint8Array.from([
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
]);
const DIST_BASE = Uint16Array.from([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
]);
const DIST_EXTRA = Uint8Array.from([
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]);
/** The order in which a dynamic block lists the code lengths of the code-length alphabet. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A single-level lookup table indexed by the next `bits` input bits: (symbol << 4) | length. */
interface HuffmanTable {
  entries: Uint16Array;
  bits: number;
}

type CodeKind = 'code-length' | 'literal/length' | 'distance';

function buildTable(lengths: Uint8Array, kind: CodeKind): HuffmanTable {
  const count = new Uint16Array(16);
  for (const length of lengths) count[length]!++;
  count[0] = 0;
  let maxBits = 0;
  let left = 1;
  for (let bits = 1; bits <= 15; bits++) {
    left = (left << 1) - count[bits]!;
    if (left < 0) throw new InflateError(`over-subscribed ${kind} code`);
    if (count[bits]) maxBits = bits;
  }
  if (maxBits === 0 && kind !== 'distance') throw new InflateError(`empty ${kind} code`);
  // zlib's rule: an incomplete code is allowed only as a single code of length 1 (and an empty
  // distance code, for blocks without matches).
  if (left > 0 && maxBits !== 0 && (kind === 'code-length' || maxBits !== 1)) {
    throw new InflateError(`incomplete ${kind} code`);
  }
  const next = new Uint16Array(16);
  for (let bits = 1; bits <= 15; bits++) next[bits] = (next[bits - 1]! + count[bits - 1]!) << 1;
  const entries = new Uint16Array(1 << maxBits);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol]!;
    if (length === 0) continue;
    const code = next[length]!++;
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((code >>> i) & 1) << (length - 1 - i);
    for (let i = reversed; i < entries.length; i += 1 << length)
      entries[i] = (symbol << 4) | length;
  }
  return { entries, bits: maxBits };
}

let fixedTables: { literal: HuffmanTable; distance: HuffmanTable } | undefined;
function fixed(): { literal: HuffmanTable; distance: HuffmanTable } {
  if (!fixedTables) {
    const literal = new Uint8Array(288);
    literal.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixedTables = {
      literal: buildTable(literal, 'literal/length'),
      distance: buildTable(new Uint8Array(32).fill(5), 'distance'),
    };
  }
  return fixedTables;
}

export class StrictInflater {
  private inPos = 0;
  private bitBuf = 0;
  private bitCount = 0;
  private outPos = 0;
  private finalBlock = false;
  private done = false;
  private literal: HuffmanTable | null = null;
  private distance: HuffmanTable | null = null;
  private lastBlock = 0;
  private end = 0;

  /** `output` has exactly the declared size; the stream must fill it and `input` exactly. */
  constructor(
    private readonly input: Uint8Array,
    private readonly output: Uint8Array,
  ) {}

  /** Bytes written so far. */
  get written(): number {
    return this.outPos;
  }

  /** Bit offset of the last block header read (once done: of the final block). */
  get lastBlockBit(): number {
    return this.lastBlock;
  }

  /** Once done: bit offset just after the final block's end-of-block code. */
  get endBit(): number {
    return this.end;
  }

  /**
   * Decodes until `until` bytes are out (then false: call again) or the stream has ended and
   * passed every check (then true). Throws InflateError on the first fault.
   */
  run(until: number): boolean {
    while (!this.done) {
      if (this.outPos >= until) return false;
      if (this.literal) this.decodeBlock(until);
      else if (this.finalBlock) this.finish();
      else this.blockHeader();
    }
    return true;
  }

  private need(n: number): void {
    while (this.bitCount < n) {
      if (this.inPos >= this.input.length) throw new InflateError('deflate stream is cut short');
      this.bitBuf |= this.input[this.inPos++]! << this.bitCount;
      this.bitCount += 8;
    }
  }

  private bits(n: number): number {
    this.need(n);
    const value = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCount -= n;
    return value;
  }

  private symbol(table: HuffmanTable): number {
    while (this.bitCount < table.bits && this.inPos < this.input.length) {
      this.bitBuf |= this.input[this.inPos++]! << this.bitCount;
      this.bitCount += 8;
    }
    const entry = table.entries[this.bitBuf & ((1 << table.bits) - 1)]!;
    const length = entry & 15;
    if (entry === 0) throw new InflateError('invalid Huffman code');
    if (length > this.bitCount) throw new InflateError('deflate stream is cut short');
    this.bitBuf >>>= length;
    this.bitCount -= length;
    return entry >>> 4;
  }

  private blockHeader(): void {
    this.lastBlock = this.inPos * 8 - this.bitCount;
    this.finalBlock = this.bits(1) === 1;
    const type = this.bits(2);
    if (type === 0) this.storedBlock();
    else if (type === 1) ({ literal: this.literal, distance: this.distance } = fixed());
    else if (type === 2) this.dynamicTables();
    else throw new InflateError('reserved block type 3');
  }

  private storedBlock(): void {
    const padding = this.bits(this.bitCount & 7);
    if (padding !== 0) throw new InflateError('non-zero padding before a stored block');
    // Whole bytes already in the bit buffer are given back, then LEN and NLEN read as bytes.
    this.inPos -= this.bitCount >>> 3;
    this.bitBuf = 0;
    this.bitCount = 0;
    const { input, inPos } = this;
    if (inPos + 4 > input.length) throw new InflateError('deflate stream is cut short');
    const length = input[inPos]! | (input[inPos + 1]! << 8);
    const check = input[inPos + 2]! | (input[inPos + 3]! << 8);
    if ((length ^ 0xffff) !== check) throw new InflateError('stored block length check fails');
    const end = inPos + 4 + length;
    if (end > input.length) throw new InflateError('deflate stream is cut short');
    if (this.outPos + length > this.output.length) {
      throw new InflateError('more data than the declared size');
    }
    this.output.set(input.subarray(inPos + 4, end), this.outPos);
    this.outPos += length;
    this.inPos = end;
  }

  private dynamicTables(): void {
    const literalCount = this.bits(5) + 257;
    const distanceCount = this.bits(5) + 1;
    const codeLengthCount = this.bits(4) + 4;
    if (literalCount > 286) throw new InflateError('more than 286 literal/length codes');
    if (distanceCount > 30) throw new InflateError('more than 30 distance codes');
    const codeLengthLengths = new Uint8Array(19);
    for (let i = 0; i < codeLengthCount; i++) {
      codeLengthLengths[CODE_LENGTH_ORDER[i]!] = this.bits(3);
    }
    const codeLengthTable = buildTable(codeLengthLengths, 'code-length');
    const lengths = new Uint8Array(literalCount + distanceCount);
    for (let i = 0; i < lengths.length;) {
      const symbol = this.symbol(codeLengthTable);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      if (symbol === 16 && i === 0) throw new InflateError('repeat with no previous length');
      const value = symbol === 16 ? lengths[i - 1]! : 0;
      const repeat =
        symbol === 16 ? 3 + this.bits(2) : symbol === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
      if (i + repeat > lengths.length) throw new InflateError('code lengths overflow');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new InflateError('no end-of-block code');
    this.literal = buildTable(lengths.subarray(0, literalCount), 'literal/length');
    this.distance = buildTable(lengths.subarray(literalCount), 'distance');
  }

  /** The hot loop: locals instead of fields, written back on every way out. */
  private decodeBlock(until: number): void {
    const { input, output } = this;
    const literal = this.literal!.entries;
    const literalMask = (1 << this.literal!.bits) - 1;
    const distance = this.distance!.entries;
    const distanceMask = (1 << this.distance!.bits) - 1;
    const inLength = input.length;
    const outLength = output.length;
    let { inPos, bitBuf, bitCount, outPos } = this;
    let error: string | null = null;
    while (outPos < until) {
      while (bitCount < 15 && inPos < inLength) {
        bitBuf |= input[inPos++]! << bitCount;
        bitCount += 8;
      }
      const entry = literal[bitBuf & literalMask]!;
      const codeLength = entry & 15;
      if (entry === 0 || codeLength > bitCount) {
        error = entry === 0 ? 'invalid literal/length code' : 'deflate stream is cut short';
        break;
      }
      bitBuf >>>= codeLength;
      bitCount -= codeLength;
      const symbol = entry >>> 4;
      if (symbol < 256) {
        if (outPos >= outLength) {
          error = 'more data than the declared size';
          break;
        }
        output[outPos++] = symbol;
        continue;
      }
      if (symbol === 256) {
        this.literal = null;
        this.distance = null;
        break;
      }
      if (symbol > 285) {
        error = 'invalid literal/length symbol';
        break;
      }
      // Extra bits and the distance code need at most 5 + 15 + 13 bits; refill twice.
      while (bitCount < 20 && inPos < inLength) {
        bitBuf |= input[inPos++]! << bitCount;
        bitCount += 8;
      }
      const lengthExtra = LENGTH_EXTRA[symbol - 257]!;
      const distanceEntry = distance[(bitBuf >>> lengthExtra) & distanceMask]!;
      const distanceCodeLength = distanceEntry & 15;
      if (distanceEntry === 0 || lengthExtra + distanceCodeLength > bitCount) {
        error = distanceEntry === 0 ? 'invalid distance code' : 'deflate stream is cut short';
        break;
      }
      const length = LENGTH_BASE[symbol - 257]! + (bitBuf & ((1 << lengthExtra) - 1));
      bitBuf >>>= lengthExtra + distanceCodeLength;
      bitCount -= lengthExtra + distanceCodeLength;
      const distanceSymbol = distanceEntry >>> 4;
      if (distanceSymbol > 29) {
        error = 'invalid distance symbol';
        break;
      }
      const distanceExtra = DIST_EXTRA[distanceSymbol]!;
      while (bitCount < distanceExtra && inPos < inLength) {
        bitBuf |= input[inPos++]! << bitCount;
        bitCount += 8;
      }
      if (distanceExtra > bitCount) {
        error = 'deflate stream is cut short';
        break;
      }
      const back = DIST_BASE[distanceSymbol]! + (bitBuf & ((1 << distanceExtra) - 1));
      bitBuf >>>= distanceExtra;
      bitCount -= distanceExtra;
      if (back > outPos) {
        error = 'distance reaches before the start of the data';
        break;
      }
      if (outPos + length > outLength) {
        error = 'more data than the declared size';
        break;
      }
      if (back >= length) {
        output.copyWithin(outPos, outPos - back, outPos - back + length);
        outPos += length;
      } else {
        for (const end = outPos + length; outPos < end; outPos++)
          output[outPos] = output[outPos - back]!;
      }
    }
    this.inPos = inPos;
    this.bitBuf = bitBuf;
    this.bitCount = bitCount;
    this.outPos = outPos;
    if (error !== null) throw new InflateError(error);
  }

  private finish(): void {
    // After the final block only the zero padding of the last byte may remain.
    this.end = this.inPos * 8 - this.bitCount;
    if (this.inPos !== this.input.length || this.bitCount >= 8) {
      throw new InflateError('data after the end of the deflate stream');
    }
    if (this.bitBuf !== 0) throw new InflateError('non-zero padding after the final block');
    if (this.outPos !== this.output.length) {
      throw new InflateError(`${this.outPos} bytes where ${this.output.length} were declared`);
    }
    this.done = true;
  }
}
