import onnxProto from 'onnx-proto';

/**
 * Reads metadata_props (key → value) from ONNX model bytes. Browser-safe (protobuf decoding only), so a page can
 * read an exported model's spec and sampler settings before it opens a session.
 * @throws Error from the protobuf decoder when the bytes are not an ONNX model
 */
export function readMetadata(bytes: Uint8Array): Record<string, string> {
  const m = onnxProto.onnx.ModelProto.decode(bytes);
  const out: Record<string, string> = {};
  for (const p of m.metadataProps ?? []) if (p.key) out[p.key] = p.value ?? '';
  return out;
}
