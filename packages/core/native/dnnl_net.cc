// oneDNN execution of an energy network: see dnnl_net.hpp.
#include "dnnl_net.hpp"
#include "forward_weight_gradient.hpp"
#include "gemm_input_gradient.hpp"
#include "space_to_depth.hpp"

#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <chrono>
#include <functional>
#include <unordered_map>

namespace ebm {

using dnnl::algorithm;
using dnnl::prop_kind;
using tag = memory::format_tag;
using dt = memory::data_type;

namespace {

/** Forward algorithm and its dst-based backward twin (or undef when the backward needs the pre-activation). */
struct ActAlg {
  algorithm fwd;
  algorithm bwdUseDst;
  float alpha;
};

ActAlg actAlg(const NetProgram::Layer& L) {
  switch (L.alg) {
    case 1:
      return {algorithm::eltwise_relu, L.alpha >= 0 ? algorithm::eltwise_relu_use_dst_for_bwd : algorithm::undef, L.alpha};
    case 2:
      return {algorithm::eltwise_elu, L.alpha >= 0 ? algorithm::eltwise_elu_use_dst_for_bwd : algorithm::undef, L.alpha};
    case 3:
      return {algorithm::eltwise_tanh, algorithm::eltwise_tanh_use_dst_for_bwd, 0.f};
    case 4:
      return {algorithm::eltwise_soft_relu, algorithm::undef, 0.f};
    case 5:
      return {algorithm::eltwise_swish, algorithm::undef, 1.f};
  }
  throw std::runtime_error("unknown activation code " + std::to_string(L.alg));
}

tag plainTag(size_t ndims) {
  switch (ndims) {
    case 2: return tag::nc;
    case 3: return tag::ncw;
    case 4: return tag::nchw;
    case 5: return tag::ncdhw;
  }
  throw std::runtime_error("unsupported rank " + std::to_string(ndims));
}

tag plainWeightTag(size_t ndims) {
  switch (ndims) {
    case 2: return tag::oi;
    case 3: return tag::oiw;
    case 4: return tag::oihw;
    case 5: return tag::oidhw;
  }
  throw std::runtime_error("unsupported weight rank " + std::to_string(ndims));
}

/**
 * Every primitive takes its scratchpad from the net (one buffer, the largest any of them needs): oneDNN's own
 * per-thread scratchpad belongs to the thread that created the primitive, and runs happen on a libuv worker thread.
 */
dnnl::primitive_attr userScratchpad() {
  dnnl::primitive_attr a;
  a.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return a;
}

/**
 * Whether the first conv runs on the input's stride phases (space_to_depth.hpp). The program's choice (the engine
 * times both where both apply, OneDnnNet.ts) or, without one, the built-in rule: in 3D, with a stride above 1 and
 * C·∏s ≤ 16 (one channel block of oneDNN's AVX-512 kernels), not in parameter-gradient nets (they need no dE/dx
 * there, and oneDNN's backward-weights kernel for the phase conv is its AVX2 one: video update 38 → 60 ms).
 * EBM_DNNL_S2D=1/0 forces it on wherever a stride is above 1, or off (tests and measurements).
 */
bool useSpaceToDepth(const memory::dims& in, const memory::dims& stride, bool paramGrad, int choice) {
  int64_t phases = 1;
  for (auto s : stride) phases *= s;
  if (phases == 1) return false;
  const char* env = std::getenv("EBM_DNNL_S2D");
  if (env) return std::string(env) == "1";
  if (choice) return choice == 1;
  return !paramGrad && in.size() == 5 && in[1] * phases <= 16;
}

/** The spec's name of an activation layer. */
std::string actName(const NetProgram::Layer& L) {
  switch (L.alg) {
    case 1: return L.alpha == 0 ? "relu" : "leakyRelu";
    case 2: return "elu";
    case 3: return "tanh";
    case 4: return "softplus";
    case 5: return "silu";
  }
  return "activation";
}

/**
 * Whether the first layer's dE/dx takes oneDNN's blocked kernels (then a reorder) rather than its plain-layout GEMM:
 * the program's choice, else blocked in 3D. The better one depends on the size: the 128² texture step measured
 * plain 0.93×, a 64² batch of 4 blocked 0.5×. EBM_DNNL_GX=plain|blocked forces one.
 */
bool blockedInputGradient(const memory::dims& in, int choice) {
  const char* env = std::getenv("EBM_DNNL_GX");
  if (env) return std::string(env) == "blocked";
  if (choice) return choice == 2;
  return in.size() == 5;
}

/** oneDNN's reference kernels (scalar loops, 30–100× slower): taken only when no other accepts the layouts asked. */
bool isReference(const char* impl) { return std::string(impl).rfind("ref", 0) == 0; }

bool verbose() {
  static const bool v = std::getenv("EBM_DNNL_VERBOSE") != nullptr;
  return v;
}

}  // namespace

struct DnnlNet::Step {
  std::string name;  // for profiles: 'L0.conv3d+L1.leakyRelu', as the graphs' layer scopes
  int kind = 0;  // 1 conv, 2 activation, 3 linear
  NetProgram::Layer L;
  ActAlg act{algorithm::undef, algorithm::undef, 0.f};
  bool fused = false;  // an activation is a post-op of this conv/linear; backward uses its dst
  memory::dims wDims, bDims, outDims;
  memory::desc dstMd;
  memory srcIn;  // the previous step's dst (or the input)
  memory src;    // what the primitive reads: srcIn, or its copy in the primitive's layout (staged)
  bool srcStaged = false;
  memory diffSrcStage;  // the input gradient in the primitive's layout, when it differs from diffSrc's
  memory dst;
  memory diffDst;  // ∂E/∂dst, this step's output gradient
  memory diffSrc;  // where the input gradient goes: the previous step's diffDst (or dE/dx)
  // conv / linear
  dnnl::primitive fwd, bwdData, bwdWeights;
  std::unique_ptr<SpaceToDepth> spaceToDepth;  // the first conv, on the input's stride phases
  std::unique_ptr<ForwardWeightGradient> forwardWeightGradient;
  std::unique_ptr<GemmInputGradient> gemmInputGradient;  // replaces bwdData on the input where it is faster  // replaces bwdWeights where it is faster
  memory wUser, wFwd, wBwd;     // plain θ view, forward's and backward-data's formats
  memory bUser;                 // bias, plain view of θ
  memory dwUser, dwPd, dbUser;  // weight gradient: plain view of the output, the primitive's format
  memory::desc bwSrcMd, bwDiffDstMd, bdDiffDstMd, bdDiffSrcMd;
  memory bwSrcScratch, bwDiffDstScratch, bdDiffDstScratch;
  // activation (separate step, or the fused one's backward)
  dnnl::primitive actFwd, actBwd;
  bool hasWeights() const { return kind == 1 || kind == 3; }
};

DnnlNet::DnnlNet(const NetProgram& p) : prog_(p), eng_(dnnl::engine::kind::cpu, 0), strm_(eng_) {
  const bool training = p.inputGrad || p.paramGrad;
  const prop_kind pk = training ? prop_kind::forward_training : prop_kind::forward_inference;
  memory::dims cur = {p.batch};
  for (auto d : p.inShape) cur.push_back(d);
  inMd_ = memory::desc(cur, dt::f32, plainTag(cur.size()));
  inPerSample_ = 1;
  for (auto d : p.inShape) inPerSample_ *= d;
  memory::desc curMd = inMd_;
  memory curMem(inMd_, eng_, DNNL_MEMORY_NONE);
  bool foldNext = false;

  for (size_t li = 0; li < p.layers.size(); li++) {
    const auto& L = p.layers[li];
    if (L.type == 4) {  // flatten: linear layers read any rank
      continue;
    }
    auto st = std::make_unique<Step>();
    st->L = L;
    st->name = "L" + std::to_string(li) + "." + (L.type == 1 ? (cur.size() == 5 ? "conv3d" : "conv2d") : L.type == 3 ? "linear" : actName(L));
    st->kind = L.type;
    st->srcIn = st->src = curMem;
    if (L.type == 1) {
      const size_t sp = cur.size() - 2;
      memory::dims k, s, pl;
      memory::dims out = {cur[0], L.out};
      for (size_t i = 0; i < sp; i++) {
        k.push_back(L.kernel[i]);
        s.push_back(L.stride[i]);
        pl.push_back(L.pad[i]);
        out.push_back((cur[2 + i] + 2 * L.pad[i] - L.kernel[i]) / L.stride[i] + 1);
      }
      st->wDims = {L.out, cur[1]};
      for (auto kk : k) st->wDims.push_back(kk);
      st->bDims = {L.out};
      st->outDims = out;
      if (steps_.empty() && useSpaceToDepth(cur, s, p.paramGrad, p.phases)) {
        // A strided conv on an input of few channels runs as a stride-1 conv on its phases (space_to_depth.hpp).
        st->spaceToDepth = std::make_unique<SpaceToDepth>(eng_, curMd, st->wDims, s, pl, out);
        scratchBytes_ = std::max(scratchBytes_, st->spaceToDepth->scratchBytes());
        curMd = st->spaceToDepth->inputDesc();
        cur = curMd.dims();
        st->srcIn = st->src = st->spaceToDepth->input();
        st->wDims = st->spaceToDepth->weightDims();
        for (size_t i = 0; i < sp; i++) k[i] = st->wDims[2 + i], s[i] = 1, pl[i] = 0;
        if (verbose()) std::fprintf(stderr, "[ebm-dnnl] conv%zu on the input's %lld stride phases\n", li, (long long)(cur[1] / p.inShape[0]));
      }
      const dnnl::primitive_attr attr = fuseNextActivation(*st, p, li);
      memory::desc wAny(st->wDims, dt::f32, tag::any);
      memory::desc bMd(st->bDims, dt::f32, tag::x);
      memory::desc dstAny(out, dt::f32, tag::any);
      // The input in the previous step's layout, unless only a reference kernel takes that (e.g. 8 channels blocked
      // by 8 into a conv whose kernels want 16): then the layout oneDNN picks, and a reorder before the conv.
      auto convFwd = [&](const memory::desc& src) {
        auto fd = L.bias ? dnnl::convolution_forward::desc(pk, algorithm::convolution_direct, src, wAny, bMd, dstAny, s, pl, pl)
                         : dnnl::convolution_forward::desc(pk, algorithm::convolution_direct, src, wAny, dstAny, s, pl, pl);
        return dnnl::convolution_forward::primitive_desc(fd, attr, eng_);
      };
      dnnl::convolution_forward::primitive_desc fpd = convFwd(curMd);
      if (isReference(fpd.impl_info_str())) fpd = convFwd(memory::desc(cur, dt::f32, tag::any));
      if (verbose()) std::fprintf(stderr, "[ebm-dnnl] conv%zu fwd: %s\n", li, fpd.impl_info_str());
      impls_.push_back(std::string("L") + std::to_string(li) + " fwd: " + fpd.impl_info_str());
      needScratch(fpd.scratchpad_desc());
      st->fwd = dnnl::convolution_forward(fpd);
      stageInput(*st, curMd, fpd.src_desc());
      st->dstMd = fpd.dst_desc();
      st->dst = memory(st->dstMd, eng_);
      st->wUser = st->spaceToDepth ? st->spaceToDepth->phaseWeights()
                                   : memory(memory::desc(st->wDims, dt::f32, plainWeightTag(st->wDims.size())), eng_, DNNL_MEMORY_NONE);
      st->wFwd = memory(fpd.weights_desc(), eng_);
      if (L.bias) st->bUser = memory(bMd, eng_, DNNL_MEMORY_NONE);
      if (training) {
        st->diffDst = memory(st->dstMd, eng_);
        const bool needData = li > 0 || p.inputGrad;
        if (needData) {
          // dE/dx: in 3D in a blocked format (run() reorders it into the caller's plain array), in 2D straight into
          // it. Measured in one process (oneDNN's GEMM path vs its blocked kernels): texture step 0.905×, video 1.067×.
          const memory::desc diffSrcMd = li == 0 && blockedInputGradient(cur, p.inputGradLayout) ? memory::desc(cur, dt::f32, tag::any) : curMd;
          auto convBwdData = [&](const memory::desc& diffSrc) {
            dnnl::convolution_backward_data::desc bd(algorithm::convolution_direct, diffSrc, wAny, memory::desc(out, dt::f32, tag::any), s, pl, pl);
            return dnnl::convolution_backward_data::primitive_desc(bd, userScratchpad(), eng_, fpd);
          };
          dnnl::convolution_backward_data::primitive_desc bpd = convBwdData(diffSrcMd);
          if (isReference(bpd.impl_info_str())) bpd = convBwdData(memory::desc(cur, dt::f32, tag::any));
          if (verbose()) std::fprintf(stderr, "[ebm-dnnl] conv%zu bwd data: %s\n", li, bpd.impl_info_str());
          impls_.push_back(std::string("L") + std::to_string(li) + " bwd data: " + bpd.impl_info_str());
          needScratch(bpd.scratchpad_desc());
          st->bwdData = dnnl::convolution_backward_data(bpd);
          // On the input, where oneDNN's kernel is its GEMM fallback, our own GEMM and scatter (gemm_input_gradient.hpp).
          // EBM_DNNL_GX_GEMM=0|1 overrides the choice for measurements and tests.
          const char* gg = std::getenv("EBM_DNNL_GX_GEMM");
          const bool fallback = std::string(bpd.impl_info_str()).find("gemm") != std::string::npos;
          if (steps_.empty() && !st->spaceToDepth && curMd == inMd_ && p.batch >= 2 && (gg ? std::string(gg) == "1" : fallback)) {
            st->gemmInputGradient = std::make_unique<GemmInputGradient>(eng_, cur, st->wDims, s, pl, st->dstMd);
            impls_.push_back("L" + std::to_string(li) + " input gradient: our GEMM and scatter");
          }
          st->wBwd = bpd.weights_desc() == fpd.weights_desc() ? st->wFwd : memory(bpd.weights_desc(), eng_);
          st->bdDiffDstMd = bpd.diff_dst_desc();
          st->bdDiffSrcMd = bpd.diff_src_desc();
        }
        if (p.paramGrad) {
          auto bw = L.bias ? dnnl::convolution_backward_weights::desc(algorithm::convolution_direct, memory::desc(cur, dt::f32, tag::any), wAny, bMd,
                                                                     memory::desc(out, dt::f32, tag::any), s, pl, pl)
                           : dnnl::convolution_backward_weights::desc(algorithm::convolution_direct, memory::desc(cur, dt::f32, tag::any), wAny,
                                                                     memory::desc(out, dt::f32, tag::any), s, pl, pl);
          dnnl::convolution_backward_weights::primitive_desc wpd(bw, userScratchpad(), eng_, fpd);
          if (verbose()) std::fprintf(stderr, "[ebm-dnnl] conv%zu bwd weights: %s\n", li, wpd.impl_info_str());
          impls_.push_back(std::string("L") + std::to_string(li) + " bwd weights: " + wpd.impl_info_str());
          // On the input, where oneDNN's backward-weights kernels fall back to GEMM, a forward conv does it faster
          // (forward_weight_gradient.hpp). EBM_DNNL_WGRAD=direct|forward overrides the choice for measurements.
          const char* wg = std::getenv("EBM_DNNL_WGRAD");
          const bool onInput = steps_.empty() && curMd == inMd_;
          const bool gemm = std::string(wpd.impl_info_str()).find("gemm") != std::string::npos;
          if (onInput && (wg ? std::string(wg) == "forward" : gemm)) {
            st->forwardWeightGradient = std::make_unique<ForwardWeightGradient>(eng_, inMd_, st->dstMd, st->wDims, s, pl, L.bias);
            if (verbose()) std::fprintf(stderr, "[ebm-dnnl] conv%zu weight gradient as a forward conv: %s\n", li, st->forwardWeightGradient->impl());
            impls_.push_back("L" + std::to_string(li) + " weight gradient as a forward conv: " + st->forwardWeightGradient->impl());
            scratchBytes_ = std::max(scratchBytes_, st->forwardWeightGradient->scratchBytes());
          } else {
            needScratch(wpd.scratchpad_desc());
            st->bwdWeights = dnnl::convolution_backward_weights(wpd);
            st->dwPd = memory(wpd.diff_weights_desc(), eng_);
            st->dwUser = st->spaceToDepth ? st->spaceToDepth->phaseWeightGradient()
                                          : memory(memory::desc(st->wDims, dt::f32, plainWeightTag(st->wDims.size())), eng_, DNNL_MEMORY_NONE);
            if (L.bias) st->dbUser = memory(bMd, eng_, DNNL_MEMORY_NONE);
            st->bwSrcMd = wpd.src_desc();
            st->bwDiffDstMd = wpd.diff_dst_desc();
          }
        }
      }
      cur = out;
    } else if (L.type == 3) {
      int64_t in = 1;
      for (size_t i = 1; i < cur.size(); i++) in *= cur[i];
      st->wDims = cur;  // [out, ...per-sample dims of the input], the plain flat [out, in] in memory
      st->wDims[0] = L.out;
      st->bDims = {L.out};
      memory::dims out = {cur[0], L.out};
      st->outDims = out;
      const dnnl::primitive_attr attr = fuseNextActivation(*st, p, li);
      memory::desc wAny(st->wDims, dt::f32, tag::any);
      memory::desc bMd(st->bDims, dt::f32, tag::x);
      memory::desc dstMd(out, dt::f32, tag::nc);
      auto ipFwd = [&](const memory::desc& src) {
        auto fd = L.bias ? dnnl::inner_product_forward::desc(pk, src, wAny, bMd, dstMd) : dnnl::inner_product_forward::desc(pk, src, wAny, dstMd);
        return dnnl::inner_product_forward::primitive_desc(fd, attr, eng_);
      };
      dnnl::inner_product_forward::primitive_desc fpd = ipFwd(curMd);
      if (isReference(fpd.impl_info_str())) fpd = ipFwd(memory::desc(cur, dt::f32, tag::any));
      if (verbose()) std::fprintf(stderr, "[ebm-dnnl] linear%zu fwd: %s\n", li, fpd.impl_info_str());
      impls_.push_back(std::string("L") + std::to_string(li) + " fwd: " + fpd.impl_info_str());
      needScratch(fpd.scratchpad_desc());
      st->fwd = dnnl::inner_product_forward(fpd);
      stageInput(*st, curMd, fpd.src_desc());
      st->dstMd = fpd.dst_desc();
      st->dst = memory(st->dstMd, eng_);
      st->wUser = memory(memory::desc(st->wDims, dt::f32, plainWeightTag(st->wDims.size())), eng_, DNNL_MEMORY_NONE);
      st->wFwd = memory(fpd.weights_desc(), eng_);
      if (L.bias) st->bUser = memory(bMd, eng_, DNNL_MEMORY_NONE);
      if (training) {
        st->diffDst = memory(st->dstMd, eng_);
        if (li > 0 || p.inputGrad) {
          auto ipBwdData = [&](const memory::desc& diffSrc) {
            dnnl::inner_product_backward_data::desc bd(diffSrc, wAny, dstMd);
            return dnnl::inner_product_backward_data::primitive_desc(bd, userScratchpad(), eng_, fpd);
          };
          dnnl::inner_product_backward_data::primitive_desc bpd = ipBwdData(curMd);
          if (isReference(bpd.impl_info_str())) bpd = ipBwdData(memory::desc(cur, dt::f32, tag::any));
          if (verbose()) std::fprintf(stderr, "[ebm-dnnl] linear%zu bwd data: %s\n", li, bpd.impl_info_str());
          impls_.push_back(std::string("L") + std::to_string(li) + " bwd data: " + bpd.impl_info_str());
          needScratch(bpd.scratchpad_desc());
          st->bwdData = dnnl::inner_product_backward_data(bpd);
          st->wBwd = bpd.weights_desc() == fpd.weights_desc() ? st->wFwd : memory(bpd.weights_desc(), eng_);
          st->bdDiffDstMd = bpd.diff_dst_desc();
          st->bdDiffSrcMd = bpd.diff_src_desc();
        }
        if (p.paramGrad) {
          auto bw = L.bias ? dnnl::inner_product_backward_weights::desc(curMd, wAny, bMd, dstMd) : dnnl::inner_product_backward_weights::desc(curMd, wAny, dstMd);
          dnnl::inner_product_backward_weights::primitive_desc wpd(bw, userScratchpad(), eng_, fpd);
          if (verbose()) std::fprintf(stderr, "[ebm-dnnl] linear%zu bwd weights: %s\n", li, wpd.impl_info_str());
          impls_.push_back(std::string("L") + std::to_string(li) + " bwd weights: " + wpd.impl_info_str());
          needScratch(wpd.scratchpad_desc());
          st->bwdWeights = dnnl::inner_product_backward_weights(wpd);
          st->dwPd = memory(wpd.diff_weights_desc(), eng_);
          st->dwUser = memory(memory::desc(st->wDims, dt::f32, plainWeightTag(st->wDims.size())), eng_, DNNL_MEMORY_NONE);
          if (L.bias) st->dbUser = memory(bMd, eng_, DNNL_MEMORY_NONE);
          st->bwSrcMd = wpd.src_desc();
          st->bwDiffDstMd = wpd.diff_dst_desc();
        }
      }
      cur = out;
    } else if (L.type == 2) {
      if (foldNext) {
        foldNext = false;
        continue;  // a post-op of the previous conv / linear
      }
      ActAlg a = actAlg(L);
      st->act = a;
      dnnl::eltwise_forward::desc fd(pk, a.fwd, curMd, a.alpha, 0.f);
      dnnl::eltwise_forward::primitive_desc fpd(fd, userScratchpad(), eng_);
      needScratch(fpd.scratchpad_desc());
      st->actFwd = dnnl::eltwise_forward(fpd);
      st->dstMd = fpd.dst_desc();
      st->dst = memory(st->dstMd, eng_);
      st->outDims = cur;
      if (training) {
        st->diffDst = memory(st->dstMd, eng_);
        dnnl::eltwise_backward::desc bd(a.fwd, st->dstMd, curMd, a.alpha, 0.f);
        dnnl::eltwise_backward::primitive_desc bpd(bd, userScratchpad(), eng_, fpd);
        needScratch(bpd.scratchpad_desc());
        st->actBwd = dnnl::eltwise_backward(bpd);
      }
    } else {
      throw std::runtime_error("unknown layer code " + std::to_string(L.type));
    }
    if (st->fused && prog_.inputGrad + prog_.paramGrad > 0) {
      dnnl::eltwise_forward::desc hf(prop_kind::forward_training, st->act.fwd, st->dstMd, st->act.alpha, 0.f);
      dnnl::eltwise_forward::primitive_desc hpd(hf, userScratchpad(), eng_);
      dnnl::eltwise_backward::desc bd(st->act.bwdUseDst, st->dstMd, st->dstMd, st->act.alpha, 0.f);
      dnnl::eltwise_backward::primitive_desc bpd(bd, userScratchpad(), eng_, hpd);
      needScratch(bpd.scratchpad_desc());
      st->actBwd = dnnl::eltwise_backward(bpd);
    }
    foldNext = st->fused;
    curMd = st->dstMd;
    curMem = st->dst;
    steps_.push_back(std::move(st));
  }
  if (steps_.empty()) throw std::runtime_error("the network has no conv, linear or activation layer");
  // Each step's input gradient lands in the previous step's output gradient.
  for (size_t i = 1; i < steps_.size(); i++) {
    steps_[i]->diffSrc = steps_[i - 1]->diffDst;
    // An input gradient in another layout than the previous step's output goes through a stage and a reorder.
    const auto& got = steps_[i]->bdDiffSrcMd;
    if (training && steps_[i]->bwdData && !got.is_zero() && got != steps_[i - 1]->dstMd) steps_[i]->diffSrcStage = memory(got, eng_);
  }
  if (training) {
    gradXUser_ = memory(inMd_, eng_, DNNL_MEMORY_NONE);
    const auto& s2d = steps_[0]->spaceToDepth;
    const memory direct = s2d ? s2d->phaseInputGradient() : gradXUser_;  // where a plain dE/d(step 0's input) goes
    const auto& want = steps_[0]->bdDiffSrcMd;
    steps_[0]->diffSrc = want.is_zero() || want == direct.get_desc() ? direct : memory(want, eng_);
  }
  topMd_ = steps_.back()->dstMd;
  const auto& od = steps_.back()->outDims;
  topPerSample_ = 1;
  for (size_t i = 1; i < od.size(); i++) topPerSample_ *= od[i];
  topPlainMd_ = memory::desc(od, dt::f32, plainTag(od.size()));
  topPlain_.resize(size_t(p.batch) * topPerSample_);
  topDiffPlain_.resize(topPlain_.size());
  if (training) topDiff_ = steps_.back()->diffDst;
  scratch_ = memory(memory::desc({int64_t(std::max<size_t>(scratchBytes_, 1))}, dt::u8, tag::x), eng_);
}

DnnlNet::~DnnlNet() = default;

dnnl::primitive_attr DnnlNet::fuseNextActivation(Step& st, const NetProgram& p, size_t li) {
  dnnl::primitive_attr attr = userScratchpad();
  if (li + 1 >= p.layers.size() || p.layers[li + 1].type != 2) return attr;
  const ActAlg a = actAlg(p.layers[li + 1]);
  if (a.bwdUseDst == algorithm::undef) return attr;  // its backward needs the pre-activation: a step of its own
  st.act = a;
  st.fused = true;
  st.name += "+L" + std::to_string(li + 1) + "." + actName(p.layers[li + 1]);
  dnnl::post_ops po;
  po.append_eltwise(1.f, a.fwd, a.alpha, 0.f);
  attr.set_post_ops(po);
  return attr;
}

void DnnlNet::stageInput(Step& st, const memory::desc& from, const memory::desc& want) {
  if (want == from) return;
  st.srcStaged = true;
  st.src = memory(want, eng_);
}

void DnnlNet::timed(size_t step, bool backward, const char* what, const std::function<void()>& f) {
  if (!profiling_) return f();
  const auto t0 = std::chrono::steady_clock::now();
  f();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const std::string layer = step < steps_.size() ? steps_[step]->name : "readout";
  profile_.push_back({layer + (backward ? ".bwd" : ".fwd"), what, ms});
}

void DnnlNet::exec(const char* what, size_t step, const dnnl::primitive& p, const std::unordered_map<int, memory>& args, bool backward) {
  if (verbose()) std::fprintf(stderr, "[ebm-dnnl] run %s of step %zu\n", what, step);
  try {
    auto withScratch = args;
    withScratch[DNNL_ARG_SCRATCHPAD] = scratch_;
    timed(step, backward, what, [&] { p.execute(strm_, withScratch); });
  } catch (const dnnl::error& e) {
    throw std::runtime_error(std::string(what) + " of step " + std::to_string(step) + ": " + e.what() + " (oneDNN status " +
                             std::to_string(int(e.status)) + ")");
  }
}

void DnnlNet::needScratch(const memory::desc& md) {
  if (md.get_size() > scratchBytes_) scratchBytes_ = md.get_size();
}

void DnnlNet::reorder(const memory& from, const memory& to) {
  // Built once per pair of layouts: a reorder's primitive descriptor costs milliseconds to make (measured: the video
  // step's three dE/dx reorders took 7.7 ms made per run, 1.5 ms cached).
  const memory::desc a = from.get_desc(), b = to.get_desc();
  auto hit = std::find_if(reorders_.begin(), reorders_.end(), [&](const CachedReorder& r) { return r.from == a && r.to == b; });
  if (hit == reorders_.end()) {
    dnnl::reorder::primitive_desc pd(eng_, a, eng_, b, userScratchpad());
    needScratch(pd.scratchpad_desc());
    if (!scratch_ || scratch_.get_desc().get_size() < scratchBytes_) scratch_ = memory(memory::desc({int64_t(scratchBytes_)}, dt::u8, tag::x), eng_);
    reorders_.push_back({a, b, dnnl::reorder(pd)});
    hit = reorders_.end() - 1;
  }
  hit->prim.execute(strm_, {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}, {DNNL_ARG_SCRATCHPAD, scratch_}});
}

memory DnnlNet::ensure(const memory& m, const memory::desc& want, memory& scratch) {
  if (m.get_desc() == want) return m;
  if (!scratch || scratch.get_desc() != want) scratch = memory(want, eng_);
  reorder(m, scratch);
  return scratch;
}

void DnnlNet::setParams(const float* theta) {
  for (auto& st : steps_) {
    if (!st->hasWeights()) continue;
    if (st->spaceToDepth)
      st->spaceToDepth->weights(strm_, theta + st->L.wOff, scratch_);
    else
      st->wUser.set_data_handle(const_cast<float*>(theta + st->L.wOff));
    reorder(st->wUser, st->wFwd);
    if (st->bwdData && st->wBwd.get() != st->wFwd.get()) reorder(st->wUser, st->wBwd);
    if (st->gemmInputGradient) st->gemmInputGradient->weights(strm_, theta + st->L.wOff);
    if (st->L.bias) st->bUser.set_data_handle(const_cast<float*>(theta + st->L.bOff));
  }
  strm_.wait();
}

void DnnlNet::run(const float* x, const float* w, float* energy, float* gradX, float* gradTheta, int threads) {
  if (threads > 0) omp_set_num_threads(threads);
  const int N = prog_.batch;
  profile_.clear();
  if (steps_[0]->spaceToDepth)
    timed(0, false, "reorder", [&] { steps_[0]->spaceToDepth->forward(strm_, x, scratch_); });
  else
    steps_[0]->srcIn.set_data_handle(const_cast<float*>(x));
  for (size_t i = 0; i < steps_.size(); i++) {
    auto& st = steps_[i];
    if (st->srcStaged) timed(i, false, "reorder", [&] { reorder(st->srcIn, st->src); });
    if (st->hasWeights()) {
      std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, st->src}, {DNNL_ARG_WEIGHTS, st->wFwd}, {DNNL_ARG_DST, st->dst}};
      if (st->L.bias) args[DNNL_ARG_BIAS] = st->bUser;
      exec("forward", i, st->fwd, args);
    } else {
      exec("activation", i, st->actFwd, {{DNNL_ARG_SRC, st->src}, {DNNL_ARG_DST, st->dst}});
    }
  }
  // E = scale · Σ top (+ ‖x‖²/(2σ²)) per sample.
  memory topPlain(topPlainMd_, eng_, topPlain_.data());
  timed(steps_.size(), false, "reorder", [&] { reorder(steps_.back()->dst, topPlain); });
  strm_.wait();
  for (int n = 0; n < N; n++) {
    double s = 0;
    const float* t = topPlain_.data() + size_t(n) * topPerSample_;
    for (int64_t i = 0; i < topPerSample_; i++) s += t[i];
    double e = prog_.readoutScale * s;
    if (prog_.refInvSigma2 > 0) {
      const float* xn = x + size_t(n) * inPerSample_;
      double q = 0;
      for (int64_t i = 0; i < inPerSample_; i++) q += double(xn[i]) * xn[i];
      e += 0.5 * prog_.refInvSigma2 * q;
    }
    energy[n] = float(e);
  }
  if (!prog_.inputGrad && !prog_.paramGrad) return;
  for (int n = 0; n < N; n++) {
    const float g = prog_.readoutScale * (w ? w[n] : 1.f);
    std::fill(topDiffPlain_.begin() + size_t(n) * topPerSample_, topDiffPlain_.begin() + size_t(n + 1) * topPerSample_, g);
  }
  memory topDiffPlain(topPlainMd_, eng_, topDiffPlain_.data());
  timed(steps_.size(), true, "reorder", [&] { reorder(topDiffPlain, topDiff_); });
  if (gradX) gradXUser_.set_data_handle(gradX);
  for (size_t i = steps_.size(); i-- > 0;) {
    Step& st = *steps_[i];
    const bool needData = i > 0 || prog_.inputGrad;
    if (!st.hasWeights()) {
      if (needData) exec("activation backward", i, st.actBwd, {{DNNL_ARG_SRC, st.src}, {DNNL_ARG_DIFF_DST, st.diffDst}, {DNNL_ARG_DIFF_SRC, st.diffSrc}}, true);
      continue;
    }
    if (st.fused) exec("activation backward", i, st.actBwd, {{DNNL_ARG_DST, st.dst}, {DNNL_ARG_DIFF_DST, st.diffDst}, {DNNL_ARG_DIFF_SRC, st.diffDst}}, true);
    if (prog_.paramGrad && gradTheta && st.forwardWeightGradient) {
      timed(i, true, "weight gradient (as a forward conv)",
            [&] { st.forwardWeightGradient->run(strm_, x, st.diffDst, gradTheta + st.L.wOff, st.L.bias ? gradTheta + st.L.bOff : nullptr, scratch_); });
    } else if (prog_.paramGrad && gradTheta) {
      memory src, dd;
      timed(i, true, "reorder", [&] {
        src = ensure(st.src, st.bwSrcMd, st.bwSrcScratch);
        dd = ensure(st.diffDst, st.bwDiffDstMd, st.bwDiffDstScratch);
      });
      std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, dd}, {DNNL_ARG_DIFF_WEIGHTS, st.dwPd}};
      if (st.L.bias) {
        st.dbUser.set_data_handle(gradTheta + st.L.bOff);
        args[DNNL_ARG_DIFF_BIAS] = st.dbUser;
      }
      exec("weight gradient", i, st.bwdWeights, args, true);
      if (!st.spaceToDepth) st.dwUser.set_data_handle(gradTheta + st.L.wOff);
      timed(i, true, "reorder", [&] {
        reorder(st.dwPd, st.dwUser);
        if (st.spaceToDepth) st.spaceToDepth->weightGradient(strm_, gradTheta + st.L.wOff, scratch_);
      });
    }
    if (needData && st.gemmInputGradient && gradX) {
      timed(i, true, "input gradient (our GEMM and scatter)", [&] { st.gemmInputGradient->run(strm_, st.diffDst, gradX, threads); });
    } else if (needData) {
      memory dd;
      timed(i, true, "reorder", [&] { dd = ensure(st.diffDst, st.bdDiffDstMd, st.bdDiffDstScratch); });
      exec("input gradient", i, st.bwdData, {{DNNL_ARG_DIFF_DST, dd}, {DNNL_ARG_WEIGHTS, st.wBwd}, {DNNL_ARG_DIFF_SRC, st.diffSrcStage ? st.diffSrcStage : st.diffSrc}}, true);
      if (st.diffSrcStage) timed(i, true, "reorder", [&] { reorder(st.diffSrcStage, st.diffSrc); });
    }
  }
  if (gradX) {
    const auto& s2d = steps_[0]->spaceToDepth;
    const memory& direct = s2d ? s2d->phaseInputGradient() : gradXUser_;
    timed(0, true, "reorder", [&] {
      if (steps_[0]->gemmInputGradient) return;  // it wrote dE/dx itself
      if (steps_[0]->diffSrc.get() != direct.get()) reorder(steps_[0]->diffSrc, direct);
      if (s2d) s2d->inputGradient(strm_, gradX, scratch_);
    });
  }
  strm_.wait();
  if (gradX && prog_.refInvSigma2 > 0) {
    const size_t n = size_t(N) * inPerSample_;
    for (size_t i = 0; i < n; i++) gradX[i] += prog_.refInvSigma2 * x[i];
  }
}

}  // namespace ebm
