/**
 * CRC-32 as zip uses it (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and final XOR
 * 0xFFFFFFFF). Table-driven, one byte at a time, and incremental: pass the previous result to
 * continue over the next chunk, so large entries are checked a megabyte at a time.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `data`, continuing from `previous` (the CRC of everything before it; 0 to start). */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}
