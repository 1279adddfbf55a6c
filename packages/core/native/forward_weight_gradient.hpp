// The weight gradient of a convolution on the network's input, computed as a forward convolution (see the .cc).
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <string>
#include <vector>

namespace ebm {

/**
 * dE/dW [Cout, C, K...] and dE/db [Cout] of a conv y = W ⋆ x (stride s, padding p) on a plain input x [N, C, I...],
 * from dE/dy [N, Cout, J...] in any format, as one forward convolution with the roles swapped:
 * dW[o, c, k] = Σₙ Σⱼ dy[n, o, j] · x[n, c, s·j + k − p] is a conv over x viewed as [C, N, I...] (samples as channels)
 * with dy viewed as weights [Cout, N, J...] dilated by s, giving [C, Cout, K...] = dW transposed.
 */
class ForwardWeightGradient {
 public:
  ForwardWeightGradient(const dnnl::engine& eng, const dnnl::memory::desc& xPlain, const dnnl::memory::desc& dy, const dnnl::memory::dims& wDims,
                        const std::vector<int64_t>& stride, const std::vector<int64_t>& pad, bool bias);
  /** Scratchpad bytes its primitives need (they take the net's shared one). */
  size_t scratchBytes() const { return scratchBytes_; }
  /** dW (plain [Cout, C, K...]) and db ([Cout], when built with a bias) from x (plain) and dy. */
  void run(dnnl::stream& s, const float* x, const dnnl::memory& dy, float* dW, float* db, const dnnl::memory& scratch);
  /** oneDNN's implementation name of the convolution. */
  const char* impl() const { return impl_.c_str(); }

 private:
  dnnl::memory xView_, dyView_, dwView_, dyPlain_;
  dnnl::memory srcPd_, wPd_, dstPd_;
  dnnl::primitive srcReorder_, dyReorder_, dwReorder_, conv_, dyToPlain_;
  bool bias_;
  size_t scratchBytes_ = 0;
  std::string impl_;
};

}  // namespace ebm
