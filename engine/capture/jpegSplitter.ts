import { wipe } from '../privacy/index.ts';

/** Markers without a length field: TEM, RST0–7 (SOI and EOI are handled on their own). */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/**
 * Cuts a byte stream of concatenated JPEGs (ffmpeg's image2pipe, the parts of an MJPEG stream)
 * into whole JPEG files, whatever the chunk boundaries. It follows the JPEG structure instead of
 * searching for the end marker: from SOI it skips each marker segment by its length (so an end
 * marker inside an EXIF thumbnail or a table does not end the frame), then scans the
 * entropy-coded data, where a 0xFF byte is always followed by 0x00, a restart marker or another
 * marker. Bytes between JPEGs (multipart headers) are skipped. A frame that breaks off (a new SOI
 * where a marker should be, a missing marker, or more than `maxBytes`) is discarded and counted,
 * and the search for the next one starts again just after its SOI, over the bytes still held.
 *
 * Pure: no I/O. The splitter copies each JPEG out and wipes the bytes it has done with, so what it
 * holds of a frame's pixels is only the part of a frame not yet complete.
 */
export class JpegSplitter {
  private buf: Uint8Array;
  private len = 0;
  /** Where parsing resumes (may lie past `len` while a segment is being skipped). */
  private pos = 0;
  /** Offset of the current JPEG's SOI, or −1 while looking for one. */
  private start = -1;
  private entropy = false;
  /** Frames given up on (broken off, malformed or too large). */
  discarded = 0;

  constructor(readonly maxBytes = 16 * 1024 * 1024) {
    this.buf = new Uint8Array(64 * 1024);
  }

  /** Takes the next chunk of the stream; returns the JPEGs it completed, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    this.append(chunk);
    const out: Uint8Array[] = [];
    this.scan(out);
    // A frame grown past maxBytes is given up; look again for a JPEG starting inside it.
    while (this.start >= 0 && this.len - this.start > this.maxBytes) {
      this.giveUp(this.start + 2);
      this.scan(out);
    }
    this.compact();
    return out;
  }

  /**
   * The stream ended: a frame still open is given up, and any JPEG that starts inside it (had it
   * broken off in a header segment, its length may have reached into the next frames) is
   * returned. Then everything held is wiped.
   */
  end(): Uint8Array[] {
    const out: Uint8Array[] = [];
    this.scan(out);
    while (this.start >= 0) {
      this.giveUp(this.start + 2);
      this.scan(out);
    }
    this.reset();
    return out;
  }

  /** Parses as far as the bytes held allow, pushing complete JPEGs to `out`. */
  private scan(out: Uint8Array[]): void {
    const b = this.buf;
    for (;;) {
      if (this.start < 0) {
        let i = this.pos;
        while (i + 1 < this.len && !(b[i] === 0xff && b[i + 1] === 0xd8)) i++;
        this.pos = i;
        if (i + 1 >= this.len) return;
        this.start = i;
        this.pos = i + 2;
        this.entropy = false;
        continue;
      }
      if (this.entropy) {
        let i = this.pos;
        let marker = -1;
        while (i + 1 < this.len) {
          if (b[i] !== 0xff) {
            i++;
            continue;
          }
          const m = b[i + 1] as number;
          if (m === 0x00 || (m >= 0xd0 && m <= 0xd7)) i += 2;
          else if (m === 0xff) i++;
          else {
            marker = i;
            break;
          }
        }
        this.pos = Math.max(this.pos, marker >= 0 ? marker : i);
        if (marker < 0) return;
        this.entropy = false;
        continue;
      }
      if (this.pos + 1 >= this.len) return;
      const m = b[this.pos + 1] as number;
      if (b[this.pos] !== 0xff || m === 0x00) {
        // Not a marker where one must be: this was not (or no longer) a JPEG.
        this.giveUp(this.start + 2);
        continue;
      }
      if (m === 0xff) this.pos++;
      else if (m === 0xd9) {
        if (this.pos + 2 - this.start > this.maxBytes) this.discarded++;
        else out.push(b.slice(this.start, this.pos + 2));
        this.start = -1;
        this.pos += 2;
      } else if (m === 0xd8) this.giveUp(this.pos);
      else if (standalone(m)) this.pos += 2;
      else {
        if (this.pos + 3 >= this.len) return;
        const length = ((b[this.pos + 2] as number) << 8) | (b[this.pos + 3] as number);
        if (length < 2) {
          this.giveUp(this.start + 2);
          continue;
        }
        this.pos += 2 + length;
        if (m === 0xda) this.entropy = true;
      }
    }
  }

  /** Bytes held for a frame not yet complete. */
  get pending(): number {
    return this.start < 0 ? 0 : this.len - this.start;
  }

  /** Forgets (and wipes) everything held. */
  reset(): void {
    wipe(this.buf.subarray(0, this.len));
    this.len = 0;
    this.pos = 0;
    this.start = -1;
    this.entropy = false;
  }

  /** Drops the current frame and looks for the next SOI from `from`. */
  private giveUp(from: number): void {
    this.discarded++;
    this.start = -1;
    this.entropy = false;
    this.pos = from;
  }

  private append(chunk: Uint8Array): void {
    if (this.len + chunk.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + chunk.length));
      grown.set(this.buf.subarray(0, this.len));
      wipe(this.buf);
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Moves what is still needed to the front and wipes the rest. */
  private compact(): void {
    const keep = this.start >= 0 ? this.start : Math.min(this.pos, this.len);
    if (keep === 0) return;
    this.buf.copyWithin(0, keep, this.len);
    wipe(this.buf.subarray(this.len - keep, this.len));
    this.len -= keep;
    this.pos -= keep;
    if (this.start >= 0) this.start -= keep;
  }
}
