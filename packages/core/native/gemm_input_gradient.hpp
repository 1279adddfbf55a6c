// The input gradient of a convolution on the network's input as one GEMM per sample and a column scatter.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <vector>

namespace ebm {

/**
 * dE/dx [N, C, I...] (plain) of a conv y = W ⋆ x (stride s, padding p; W [O, C, K...]) from dE/dy [N, O, J...] in
 * any layout: per sample the columns Wᵀ·dy[n] ([C·∏K, ∏J], oneDNN's matmul on a transposed copy of W kept by
 * {@link weights}), then each column added back at the input positions its taps read. Samples are split over the
 * threads. oneDNN's own kernel for a one-channel input with a large kernel is the same GEMM on W in place, which its
 * matmul runs at two thirds of the speed (the voxel net's 1→200, 16³ stride-3 layer: 37 → 24 ms).
 */
class GemmInputGradient {
 public:
  GemmInputGradient(const dnnl::engine& eng, const dnnl::memory::dims& xDims, const dnnl::memory::dims& wDims, const std::vector<int64_t>& stride,
                    const std::vector<int64_t>& pad, const dnnl::memory::desc& dy);
  /** Keeps Wᵀ from W (plain [O, C, K...]). */
  void weights(dnnl::stream& s, const float* w);
  /** dE/dx (plain) from dy, with `threads` threads. */
  void run(dnnl::stream& s, const dnnl::memory& dy, float* gx, int threads);

 private:
  dnnl::engine eng_;
  int64_t N_, C_, O_, taps_, positions_, inSize_;
  std::vector<int64_t> in_, k_, s_, p_, j_;
  dnnl::memory wView_, wT_, dyPlain_, scratch_;
  size_t matmulScratchBytes_ = 1;
  dnnl::primitive wTranspose_, dyToPlain_, matmul_;
  dnnl::memory::desc aMd_, bMd_, cMd_;
  std::vector<std::vector<float>> cols_;  // per thread [C·∏K, ∏J]
  void scatter(const float* cols, float* gx) const;
};

}  // namespace ebm
