// ForwardWeightGradient: see forward_weight_gradient.hpp. oneDNN's backward-weights kernels for a first layer with one
// or few input channels fall back to im2col + GEMM (the voxel net's 1→200, 16³ stride-3 layer: 77 ms of a 170 ms
// update); its direct forward kernels run the same FLOPs as a forward convolution at several times the rate.
#include "forward_weight_gradient.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace ebm {

using dnnl::memory;
using dt = memory::data_type;
using tag = memory::format_tag;

namespace {

/** The permutation that swaps axes 0 and 1 of a rank-n tensor. */
std::vector<int> swap01(size_t n) {
  std::vector<int> p(n);
  std::iota(p.begin(), p.end(), 0);
  std::swap(p[0], p[1]);
  return p;
}

dnnl::primitive_attr userScratchpad() {
  dnnl::primitive_attr a;
  a.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return a;
}

}  // namespace

ForwardWeightGradient::ForwardWeightGradient(const dnnl::engine& eng, const memory::desc& xPlain, const memory::desc& dy, const memory::dims& wDims,
                                             const std::vector<int64_t>& stride, const std::vector<int64_t>& pad, bool bias)
    : bias_(bias) {
  const memory::dims xd = xPlain.dims();
  const memory::dims yd = dy.dims();
  const size_t rank = xd.size();
  const size_t sp = rank - 2;
  // Input positions past the last one any output reads are cropped; the rest of the right side is padding.
  memory::dims crop = xd, dil, padL, padR, ones;
  for (size_t a = 0; a < sp; a++) {
    const int64_t K = wDims[2 + a], I = xd[2 + a], J = yd[2 + a], s = stride[a], p = pad[a];
    int64_t pr = K + (J - 1) * s - I - p;
    if (pr < 0) {
      crop[2 + a] = I + pr;
      pr = 0;
    }
    dil.push_back(s - 1);
    padL.push_back(p);
    padR.push_back(pr);
    ones.push_back(1);
  }
  const auto perm = swap01(rank);
  const memory::desc xv = xPlain.submemory_desc(crop, memory::dims(rank, 0)).permute_axes(perm);  // [C, N, I'...]
  const memory::desc dyv = dy.permute_axes(perm);                                                  // [Cout, N, J...]
  const memory::desc dwv = memory::desc(wDims, dt::f32, rank == 4 ? tag::oihw : tag::oidhw).permute_axes(perm);  // [C, Cout, K...]

  memory::dims srcDims = xv.dims(), wd = dyv.dims(), dstDims = dwv.dims();
  dnnl::convolution_forward::desc cd(dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, memory::desc(srcDims, dt::f32, tag::any),
                                     memory::desc(wd, dt::f32, tag::any), memory::desc(dstDims, dt::f32, tag::any), ones, dil, padL, padR);
  dnnl::convolution_forward::primitive_desc pd(cd, userScratchpad(), eng);
  impl_ = pd.impl_info_str();
  conv_ = dnnl::convolution_forward(pd);
  srcPd_ = memory(pd.src_desc(), eng);
  wPd_ = memory(pd.weights_desc(), eng);
  dstPd_ = memory(pd.dst_desc(), eng);
  xView_ = memory(xv, eng, DNNL_MEMORY_NONE);
  dyView_ = memory(dyv, eng, DNNL_MEMORY_NONE);
  dwView_ = memory(dwv, eng, DNNL_MEMORY_NONE);
  scratchBytes_ = pd.scratchpad_desc().get_size();
  auto makeReorder = [&](const memory::desc& from, const memory::desc& to) {
    dnnl::reorder::primitive_desc rpd(eng, from, eng, to, userScratchpad());
    scratchBytes_ = std::max(scratchBytes_, rpd.scratchpad_desc().get_size());
    return dnnl::reorder(rpd);
  };
  srcReorder_ = makeReorder(xv, pd.src_desc());
  dyReorder_ = makeReorder(dyv, pd.weights_desc());
  dwReorder_ = makeReorder(pd.dst_desc(), dwv);
  if (bias) {
    // dE/db sums dy over samples and positions: dy in plain layout, then a loop (oneDNN 2.6's reduction runs its
    // reference kernel here, 17 ms for the voxel net's [40, 200, 6³]).
    dyPlain_ = memory(memory::desc(yd, dt::f32, rank == 4 ? tag::nchw : tag::ncdhw), eng);
    dyToPlain_ = makeReorder(dy, dyPlain_.get_desc());
  }
}

void ForwardWeightGradient::run(dnnl::stream& s, const float* x, const memory& dy, float* dW, float* db, const memory& scratch) {
  xView_.set_data_handle(const_cast<float*>(x));
  dyView_.set_data_handle(dy.get_data_handle());
  dwView_.set_data_handle(dW);
  srcReorder_.execute(s, {{DNNL_ARG_FROM, xView_}, {DNNL_ARG_TO, srcPd_}, {DNNL_ARG_SCRATCHPAD, scratch}});
  dyReorder_.execute(s, {{DNNL_ARG_FROM, dyView_}, {DNNL_ARG_TO, wPd_}, {DNNL_ARG_SCRATCHPAD, scratch}});
  conv_.execute(s, {{DNNL_ARG_SRC, srcPd_}, {DNNL_ARG_WEIGHTS, wPd_}, {DNNL_ARG_DST, dstPd_}, {DNNL_ARG_SCRATCHPAD, scratch}});
  dwReorder_.execute(s, {{DNNL_ARG_FROM, dstPd_}, {DNNL_ARG_TO, dwView_}, {DNNL_ARG_SCRATCHPAD, scratch}});
  if (bias_) {
    dyToPlain_.execute(s, {{DNNL_ARG_FROM, const_cast<memory&>(dy)}, {DNNL_ARG_TO, dyPlain_}, {DNNL_ARG_SCRATCHPAD, scratch}});
    s.wait();
    const memory::dims d = dyPlain_.get_desc().dims();
    int64_t per = 1;
    for (size_t a = 2; a < d.size(); a++) per *= d[a];
    const float* y = static_cast<const float*>(dyPlain_.get_data_handle());
    for (int64_t o = 0; o < d[1]; o++) db[o] = 0;
    for (int64_t n = 0; n < d[0]; n++) {
      for (int64_t o = 0; o < d[1]; o++) {
        const float* row = y + (n * d[1] + o) * per;
        float acc = 0;
        for (int64_t j = 0; j < per; j++) acc += row[j];
        db[o] += acc;
      }
    }
  }
}

}  // namespace ebm
