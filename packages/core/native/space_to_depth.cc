// SpaceToDepth: see space_to_depth.hpp. Every move between the two forms is one oneDNN reorder between strided views.
#include "space_to_depth.hpp"

#include <algorithm>
#include <cstring>

namespace ebm {

using dnnl::memory;
using dt = memory::data_type;

namespace {

memory::dims rowMajorStrides(const memory::dims& d) {
  memory::dims st(d.size(), 1);
  for (size_t i = d.size() - 1; i-- > 0;) st[i] = st[i + 1] * d[i + 1];
  return st;
}

memory::desc plain(const memory::dims& d) { return memory::desc(d, dt::f32, rowMajorStrides(d)); }

/** [B, C, s..., M...] over a plain [B, C, L...] buffer with L = s·M: element (b, c, r, m) is at position s·m + r. */
memory::desc phaseView(const memory::dims& padded, const std::vector<int64_t>& s) {
  const size_t sp = padded.size() - 2;
  const memory::dims st = rowMajorStrides(padded);
  memory::dims dims = {padded[0], padded[1]}, strides = {st[0], st[1]};
  for (size_t a = 0; a < sp; a++) dims.push_back(s[a]), strides.push_back(st[2 + a]);
  for (size_t a = 0; a < sp; a++) dims.push_back(padded[2 + a] / s[a]), strides.push_back(s[a] * st[2 + a]);
  return memory::desc(dims, dt::f32, strides);
}

/** The same dims as {@link phaseView}, contiguous: the plain [B, C·∏s, M...] tensor. */
memory::desc phaseContiguous(const memory::dims& padded, const std::vector<int64_t>& s) { return plain(phaseView(padded, s).dims()); }

memory zeroed(const memory::desc& md, const dnnl::engine& eng) {
  memory m(md, eng);
  std::memset(m.get_data_handle(), 0, md.get_size());
  return m;
}

}  // namespace

SpaceToDepth::Move SpaceToDepth::move(const memory::desc& from, const memory::desc& to) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  dnnl::reorder::primitive_desc pd(eng_, from, eng_, to, attr);
  scratchBytes_ = std::max(scratchBytes_, pd.scratchpad_desc().get_size());
  return {memory(from, eng_, DNNL_MEMORY_NONE), memory(to, eng_, DNNL_MEMORY_NONE), dnnl::reorder(pd)};
}

void SpaceToDepth::run(dnnl::stream& s, Move& m, const memory& scratch) {
  m.prim.execute(s, {{DNNL_ARG_FROM, m.from}, {DNNL_ARG_TO, m.to}, {DNNL_ARG_SCRATCHPAD, scratch}});
}

SpaceToDepth::SpaceToDepth(const dnnl::engine& eng, const memory::desc& xPlain, const memory::dims& wDims, const std::vector<int64_t>& stride,
                           const std::vector<int64_t>& pad, const memory::dims& outDims)
    : eng_(eng) {
  const memory::dims xd = xPlain.dims();
  const size_t sp = xd.size() - 2;
  memory::dims xPadDims = {xd[0], xd[1]}, wPadDims = {wDims[0], wDims[1]}, xCrop = {xd[0], xd[1]}, xOff = {0, 0}, zeros(xd.size(), 0);
  int64_t phases = 1;
  wPhasesDims_ = {wDims[0], 0};
  memory::dims xPhasesDims = {xd[0], 0};
  for (size_t a = 0; a < sp; a++) {
    const int64_t s = stride[a], K = wDims[2 + a], A = (K + s - 1) / s, M = outDims[2 + a] + A - 1, L = s * M;
    phases *= s;
    xPadDims.push_back(L);
    wPadDims.push_back(s * A);
    xCrop.push_back(std::min(xd[2 + a], L - pad[a]));
    if (xCrop.back() < xd[2 + a]) cropped_ = true;
    xOff.push_back(pad[a]);
    wPhasesDims_.push_back(A);
    xPhasesDims.push_back(M);
  }
  wPhasesDims_[1] = wDims[1] * phases;
  xPhasesDims[1] = xd[1] * phases;
  xPhasesMd_ = plain(xPhasesDims);
  gxBytes_ = xPlain.get_size();

  xPad_ = zeroed(plain(xPadDims), eng);
  gxPad_ = memory(plain(xPadDims), eng);
  xPhases_ = memory(xPhasesMd_, eng);
  gxPhases_ = memory(xPhasesMd_, eng);
  wPad_ = zeroed(plain(wPadDims), eng);
  dwPad_ = memory(plain(wPadDims), eng);
  wPhases_ = memory(plain(wPhasesDims_), eng);
  dwPhases_ = memory(plain(wPhasesDims_), eng);

  // Input: x → the interior of the zero-padded x_pad → phases.
  xIn_ = move(plain(xd).submemory_desc(xCrop, zeros), plain(xPadDims).submemory_desc(xCrop, xOff));
  xIn_.to.set_data_handle(xPad_.get_data_handle());
  xSplit_ = move(phaseView(xPadDims, stride), phaseContiguous(xPadDims, stride));
  xSplit_.from.set_data_handle(xPad_.get_data_handle());
  xSplit_.to.set_data_handle(xPhases_.get_data_handle());
  // Its gradient: phases → every position of the padded gradient → its interior into dE/dx.
  gxJoin_ = move(phaseContiguous(xPadDims, stride), phaseView(xPadDims, stride));
  gxJoin_.from.set_data_handle(gxPhases_.get_data_handle());
  gxJoin_.to.set_data_handle(gxPad_.get_data_handle());
  gxOut_ = move(plain(xPadDims).submemory_desc(xCrop, xOff), plain(xd).submemory_desc(xCrop, zeros));
  gxOut_.from.set_data_handle(gxPad_.get_data_handle());
  // Weights: W → the start of the zero-padded W_pad [O, C, s·A...] → phases; the gradient back the same way.
  const memory::dims wOff(wDims.size(), 0);
  wIn_ = move(plain(wDims), plain(wPadDims).submemory_desc(wDims, wOff));
  wIn_.to.set_data_handle(wPad_.get_data_handle());
  wSplit_ = move(phaseView(wPadDims, stride), phaseContiguous(wPadDims, stride));
  wSplit_.from.set_data_handle(wPad_.get_data_handle());
  wSplit_.to.set_data_handle(wPhases_.get_data_handle());
  dwJoin_ = move(phaseContiguous(wPadDims, stride), phaseView(wPadDims, stride));
  dwJoin_.from.set_data_handle(dwPhases_.get_data_handle());
  dwJoin_.to.set_data_handle(dwPad_.get_data_handle());
  dwOut_ = move(plain(wPadDims).submemory_desc(wDims, wOff), plain(wDims));
  dwOut_.from.set_data_handle(dwPad_.get_data_handle());
}

void SpaceToDepth::forward(dnnl::stream& s, const float* x, const memory& scratch) {
  xIn_.from.set_data_handle(const_cast<float*>(x));
  run(s, xIn_, scratch);
  run(s, xSplit_, scratch);
}

void SpaceToDepth::weights(dnnl::stream& s, const float* w, const memory& scratch) {
  wIn_.from.set_data_handle(const_cast<float*>(w));
  run(s, wIn_, scratch);
  run(s, wSplit_, scratch);
}

void SpaceToDepth::inputGradient(dnnl::stream& s, float* gx, const memory& scratch) {
  run(s, gxJoin_, scratch);
  if (cropped_) std::memset(gx, 0, gxBytes_);  // inputs no output reads have a zero gradient
  gxOut_.to.set_data_handle(gx);
  run(s, gxOut_, scratch);
}

void SpaceToDepth::weightGradient(dnnl::stream& s, float* dw, const memory& scratch) {
  run(s, dwJoin_, scratch);
  dwOut_.to.set_data_handle(dw);
  run(s, dwOut_, scratch);
}

}  // namespace ebm
