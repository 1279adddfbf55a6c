// A strided convolution on the network's input rewritten as a stride-1 convolution on its stride phases.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <vector>

namespace ebm {

/**
 * For a conv on the plain input x [N, C, I...] with kernel K, stride s and padding p (output J): with k = s·a + r,
 * y[n, o, j] = Σ_{c,r} Σ_a W[o, c, s·a + r] · x_pad[n, c, s·(j + a) + r], a stride-1, unpadded conv of kernel
 * A = ⌈K/s⌉ over x' [N, C·∏s, M...] (M = J + A − 1), the phases r of the zero-padded input as channels (order c, r…),
 * with weights W' [O, C·∏s, A...] (zero where s·a + r ≥ K). oneDNN's kernels pad channels to blocks of 16, so a
 * 3-channel input wastes 13/16 of their work and an s-phase one (12 channels for s = 2×2) far less.
 * This class owns x', W' and their gradients' staging buffers, and maps between the two forms.
 */
class SpaceToDepth {
 public:
  SpaceToDepth(const dnnl::engine& eng, const dnnl::memory::desc& xPlain, const dnnl::memory::dims& wDims, const std::vector<int64_t>& stride,
               const std::vector<int64_t>& pad, const dnnl::memory::dims& outDims);
  /** x' [N, C·∏s, M...], plain. */
  const dnnl::memory::desc& inputDesc() const { return xPhasesMd_; }
  /** W' dims [O, C·∏s, A...]. */
  const dnnl::memory::dims& weightDims() const { return wPhasesDims_; }
  /** The phase input x', filled by {@link forward}. */
  const dnnl::memory& input() const { return xPhases_; }
  /** W' plain, filled by {@link weights}. */
  const dnnl::memory& phaseWeights() const { return wPhases_; }
  /** dW' plain [O, C·∏s, A...], which the caller fills before {@link weightGradient}. */
  const dnnl::memory& phaseWeightGradient() const { return dwPhases_; }
  /** dE/dx' plain [N, C·∏s, M...], which the caller fills before {@link inputGradient}. */
  const dnnl::memory& phaseInputGradient() const { return gxPhases_; }
  size_t scratchBytes() const { return scratchBytes_; }

  /** x' from x (plain [N, C, I...]). */
  void forward(dnnl::stream& s, const float* x, const dnnl::memory& scratch);
  /** W' from W (plain [O, C, K...]). */
  void weights(dnnl::stream& s, const float* w, const dnnl::memory& scratch);
  /** dE/dx (plain [N, C, I...]) from dE/dx'. */
  void inputGradient(dnnl::stream& s, float* gx, const dnnl::memory& scratch);
  /** dE/dW (plain [O, C, K...]) from dE/dW'. */
  void weightGradient(dnnl::stream& s, float* dw, const dnnl::memory& scratch);

 private:
  struct Move {
    dnnl::memory from, to;
    dnnl::primitive prim;
  };
  Move move(const dnnl::memory::desc& from, const dnnl::memory::desc& to);
  void run(dnnl::stream& s, Move& m, const dnnl::memory& scratch);

  dnnl::engine eng_;
  dnnl::memory::desc xPhasesMd_;
  dnnl::memory::dims wPhasesDims_;
  dnnl::memory xPad_, xPhases_, gxPad_, gxPhases_, wPad_, wPhases_, dwPad_, dwPhases_;
  Move xIn_, xSplit_, gxJoin_, gxOut_, wIn_, wSplit_, dwJoin_, dwOut_;
  bool cropped_ = false;
  size_t gxBytes_ = 0;
  size_t scratchBytes_ = 0;
};

}  // namespace ebm
