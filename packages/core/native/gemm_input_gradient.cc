// GemmInputGradient: see gemm_input_gradient.hpp.
#include "gemm_input_gradient.hpp"

#include <omp.h>

#include <algorithm>
#include <cstring>

namespace ebm {

using dnnl::memory;
using dt = memory::data_type;

GemmInputGradient::GemmInputGradient(const dnnl::engine& eng, const memory::dims& xDims, const memory::dims& wDims, const std::vector<int64_t>& stride,
                                     const std::vector<int64_t>& pad, const memory::desc& dy)
    : eng_(eng), N_(xDims[0]), C_(xDims[1]), O_(wDims[0]) {
  const memory::dims yd = dy.dims();
  taps_ = 1;
  positions_ = 1;
  inSize_ = 1;
  for (size_t a = 2; a < xDims.size(); a++) {
    in_.push_back(xDims[a]);
    k_.push_back(wDims[a]);
    j_.push_back(yd[a]);
    s_.push_back(stride[a - 2]);
    p_.push_back(pad[a - 2]);
    taps_ *= wDims[a];
    positions_ *= yd[a];
    inSize_ *= xDims[a];
  }
  // 3 spatial axes always (a 2D conv has depth 1).
  while (in_.size() < 3) {
    in_.insert(in_.begin(), 1), k_.insert(k_.begin(), 1), j_.insert(j_.begin(), 1), s_.insert(s_.begin(), 1), p_.insert(p_.begin(), 0);
  }
  const int64_t rows = C_ * taps_;
  // Scratchpads are ours (oneDNN's own belongs to the creating thread; these run on worker threads).
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  size_t scratch = 1;
  auto makeReorder = [&](const memory::desc& from, const memory::desc& to) {
    dnnl::reorder::primitive_desc pd(eng, from, eng, to, attr);
    scratch = std::max(scratch, pd.scratchpad_desc().get_size());
    return dnnl::reorder(pd);
  };
  // Wᵀ [C·∏K, O] contiguous, from W [O, C·∏K] seen transposed.
  wView_ = memory(memory::desc({rows, O_}, dt::f32, {1, rows}), eng, DNNL_MEMORY_NONE);
  wT_ = memory(memory::desc({rows, O_}, dt::f32, {O_, 1}), eng);
  wTranspose_ = makeReorder(wView_.get_desc(), wT_.get_desc());
  dyPlain_ = memory(memory::desc(yd, dt::f32, yd.size() == 4 ? memory::format_tag::nchw : memory::format_tag::ncdhw), eng);
  dyToPlain_ = makeReorder(dy, dyPlain_.get_desc());
  aMd_ = memory::desc({rows, O_}, dt::f32, {O_, 1});
  bMd_ = memory::desc({O_, positions_}, dt::f32, {positions_, 1});
  cMd_ = memory::desc({rows, positions_}, dt::f32, {positions_, 1});
  dnnl::matmul::primitive_desc mpd(dnnl::matmul::desc(aMd_, bMd_, cMd_), attr, eng);
  matmul_ = dnnl::matmul(mpd);
  matmulScratchBytes_ = std::max<size_t>(1, mpd.scratchpad_desc().get_size());
  scratch_ = memory(memory::desc({int64_t(scratch)}, dt::u8, memory::format_tag::x), eng);
}

void GemmInputGradient::weights(dnnl::stream& s, const float* w) {
  wView_.set_data_handle(const_cast<float*>(w));
  wTranspose_.execute(s, {{DNNL_ARG_FROM, wView_}, {DNNL_ARG_TO, wT_}, {DNNL_ARG_SCRATCHPAD, scratch_}});
  s.wait();
}

void GemmInputGradient::scatter(const float* cols, float* gx) const {
  // cols row (c, kd, kh, kw), column (jd, jh, jw) adds to x[c, s·j + k − p] where that is inside x.
  for (int64_t c = 0; c < C_; c++) {
    float* g = gx + c * inSize_;
    for (int64_t kd = 0; kd < k_[0]; kd++)
      for (int64_t kh = 0; kh < k_[1]; kh++)
        for (int64_t kw = 0; kw < k_[2]; kw++) {
          const float* row = cols + (((c * k_[0] + kd) * k_[1] + kh) * k_[2] + kw) * positions_;
          for (int64_t jd = 0; jd < j_[0]; jd++) {
            const int64_t d = s_[0] * jd + kd - p_[0];
            if (d < 0 || d >= in_[0]) continue;
            for (int64_t jh = 0; jh < j_[1]; jh++) {
              const int64_t h = s_[1] * jh + kh - p_[1];
              if (h < 0 || h >= in_[1]) continue;
              float* dst = g + (d * in_[1] + h) * in_[2];
              const float* src = row + (jd * j_[1] + jh) * j_[2];
              for (int64_t jw = 0; jw < j_[2]; jw++) {
                const int64_t x = s_[2] * jw + kw - p_[2];
                if (x >= 0 && x < in_[2]) dst[x] += src[jw];
              }
            }
          }
        }
  }
}

void GemmInputGradient::run(dnnl::stream& s, const memory& dy, float* gx, int threads) {
  dyToPlain_.execute(s, {{DNNL_ARG_FROM, const_cast<memory&>(dy)}, {DNNL_ARG_TO, dyPlain_}, {DNNL_ARG_SCRATCHPAD, scratch_}});
  s.wait();
  const int nt = std::max(1, std::min<int>(threads, int(N_)));
  if (int(cols_.size()) < nt) cols_.resize(nt);
  std::memset(gx, 0, size_t(N_ * C_ * inSize_) * sizeof(float));
  const float* y = static_cast<const float*>(dyPlain_.get_data_handle());
#pragma omp parallel num_threads(nt)
  {
    const int t = omp_get_thread_num();
    auto& cols = cols_[t];
    cols.resize(size_t(C_ * taps_ * positions_));
    dnnl::stream ts(eng_);
    memory a(aMd_, eng_, wT_.get_data_handle()), b(bMd_, eng_, DNNL_MEMORY_NONE), c(cMd_, eng_, cols.data());
    memory pad(memory::desc({int64_t(matmulScratchBytes_)}, dt::u8, memory::format_tag::x), eng_);
    for (int64_t n = t; n < N_; n += nt) {
      b.set_data_handle(const_cast<float*>(y + n * O_ * positions_));
      matmul_.execute(ts, {{DNNL_ARG_SRC, a}, {DNNL_ARG_WEIGHTS, b}, {DNNL_ARG_DST, c}, {DNNL_ARG_SCRATCHPAD, pad}});
      ts.wait();
      scatter(cols.data(), gx + n * C_ * inSize_);
    }
  }
}

}  // namespace ebm
