/**
 * True when WebGL runs on the CPU (SwiftShader or llvmpipe: no GPU, a VM, a headless test). The stage then turns
 * multisampling off, which costs several times the drawing itself there, so orbiting stays fluid.
 */
export function isSoftwareWebGL(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|software/i.test(renderer);
}
