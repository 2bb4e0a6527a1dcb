// WAV (RIFF, 16-bit PCM, little-endian) from float channels.

export const WAV_HEADER_BYTES = 44;

export function encodeWav(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  const channelCount = channels.length;
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * channelCount * 2;
  const bytes = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * 2, true);
  view.setUint16(32, channelCount * 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  let offset = WAV_HEADER_BYTES;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channelCount; c++) {
      const x = Math.max(-1, Math.min(1, channels[c]![f]!));
      view.setInt16(offset, Math.round(x < 0 ? x * 0x8000 : x * 0x7fff), true);
      offset += 2;
    }
  }
  return bytes;
}

export interface DecodedWav {
  sampleRate: number;
  channels: Float32Array[];
}

/** Reads a 16-bit PCM WAV as written by encodeWav; throws on anything else. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < WAV_HEADER_BYTES || text(0) !== 'RIFF' || text(8) !== 'WAVE' || text(12) !== 'fmt ' || text(36) !== 'data') {
    throw new Error('Not a PCM WAV file');
  }
  if (view.getUint16(20, true) !== 1 || view.getUint16(34, true) !== 16) throw new Error('Only 16-bit PCM WAV is read');
  const channelCount = view.getUint16(22, true);
  const sampleRate = view.getUint32(24, true);
  const dataBytes = view.getUint32(40, true);
  if (view.getUint32(4, true) !== 36 + dataBytes || WAV_HEADER_BYTES + dataBytes !== bytes.length) throw new Error('WAV sizes do not match');
  const frames = dataBytes / 2 / channelCount;
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channelCount; c++) channels[c]![f] = view.getInt16(WAV_HEADER_BYTES + (f * channelCount + c) * 2, true) / 0x8000;
  }
  return { sampleRate, channels };
}
