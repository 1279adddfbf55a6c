// An energy network run by oneDNN primitives: forward, input gradient and sample-weighted parameter gradients
// of E(x) = scale · Σ top(x) (+ ‖x‖²/(2σ²)), for nets of conv2d/conv3d, linear and pointwise activation layers.
// Shapes: x [N, C, ...spatial] plain (NCHW / NCDHW), θ flat in the spec's parameter order (weights OIHW / OIDHW,
// linear [out, in], biases [out]). Built once per (network, batch, mode) by the addon in ebm_dnnl.cc.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <functional>
#include <unordered_map>
#include <vector>

namespace ebm {

using dnnl::memory;

/** The program the JS side encodes (see packages/core/src/runtime/nativeProgram.ts). */
struct NetProgram {
  int batch = 0;
  std::vector<int64_t> inShape;  // [C, ...spatial]
  float readoutScale = -1.f;     // ∂E/∂top: −1 (sum) or −1/M (mean)
  float refInvSigma2 = 0.f;      // 1/σ² of the reference Gaussian, 0 when none
  bool inputGrad = false;
  bool paramGrad = false;
  int phases = 0;           // the first conv on the input's stride phases: 0 the built-in rule, 1 on, 2 off
  int inputGradLayout = 0;  // the first layer's dE/dx: 0 the built-in rule, 1 plain (GEMM path), 2 blocked
  struct Layer {
    int type = 0;  // 1 conv, 2 activation, 3 linear, 4 flatten
    int64_t out = 0;
    int64_t kernel[3] = {1, 1, 1}, stride[3] = {1, 1, 1}, pad[3] = {0, 0, 0};
    bool bias = false;
    int64_t wOff = 0, bOff = 0;
    int alg = 0;  // activation: 1 relu/leakyRelu, 2 elu, 3 tanh, 4 softplus, 5 silu
    float alpha = 0.f;
  };
  std::vector<Layer> layers;
};

/** One compiled network; not safe for concurrent runs (the JS side queues them). */
class DnnlNet {
 public:
  explicit DnnlNet(const NetProgram& p);
  ~DnnlNet();
  /** Reorders θ's weights into the primitives' formats; call before run when θ changed. */
  void setParams(const float* theta);
  /**
   * Runs the net on x [N·D]: writes E [N]; dE/dx [N·D] when the net was built with inputGrad; Σₙ wₙ ∂Eₙ/∂θ into
   * gradTheta (length θ) when built with paramGrad (w [N] sample weights, all 1 when null).
   */
  void run(const float* x, const float* w, float* energy, float* gradX, float* gradTheta, int threads);

  /** One timed part of a run: the layer and direction ('L2.conv3d+L3.leakyRelu.bwd'), what ran, milliseconds. */
  struct ProfileEntry {
    std::string layer, what;
    double ms;
  };
  /** The oneDNN implementation of each primitive ('L2 fwd: jit:avx512_core'), for tests and diagnostics. */
  const std::vector<std::string>& implementations() const { return impls_; }
  /** Times every part of the following runs (off by default). */
  void setProfiling(bool on) { profiling_ = on; }
  /** The parts of the last run, in order, when profiling. */
  const std::vector<ProfileEntry>& lastProfile() const { return profile_; }

 private:
  struct Step;
  NetProgram prog_;
  dnnl::engine eng_;
  dnnl::stream strm_;
  std::vector<std::unique_ptr<Step>> steps_;
  memory::desc inMd_;       // plain input
  memory::desc topMd_;      // the last step's dst format
  memory::desc topPlainMd_;
  int64_t topPerSample_ = 0;
  int64_t inPerSample_ = 0;
  std::vector<float> topPlain_, topDiffPlain_;
  memory topDiff_;
  memory gradXUser_;  // the caller's dE/dx, plain
  memory scratch_;  // the scratchpad every primitive shares (runs are sequential)
  size_t scratchBytes_ = 0;
  void needScratch(const memory::desc& md);
  struct CachedReorder {
    memory::desc from, to;
    dnnl::reorder prim;
  };
  std::vector<CachedReorder> reorders_;
  void reorder(const memory& from, const memory& to);
  /** Fuses layer li + 1 into step st (a conv or linear layer li) when it is an activation whose backward reads its
   * output; returns the primitive attributes (post-op, our scratchpad). */
  dnnl::primitive_attr fuseNextActivation(Step& st, const NetProgram& p, size_t li);
  /** Gives the step a copy of its input in the primitive's layout `want` when that is not `from`. */
  void stageInput(Step& st, const memory::desc& from, const memory::desc& want);
  void exec(const char* what, size_t step, const dnnl::primitive& p, const std::unordered_map<int, memory>& args, bool backward = false);
  void timed(size_t step, bool backward, const char* what, const std::function<void()>& f);
  bool profiling_ = false;
  std::vector<std::string> impls_;
  std::vector<ProfileEntry> profile_;
  memory ensure(const memory& m, const memory::desc& want, memory& scratch);
};

}  // namespace ebm
