// Node-API binding of DnnlNet (dnnl_net.hpp): create(program) → net, setParams(net, θ), run(...) → Promise.
// The program layout is written by packages/core/src/runtime/nativeProgram.ts; keep the two in step.
#include <malloc.h>
#include <node_api.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "dnnl_net.hpp"

namespace {

constexpr int kVersion = 2;
constexpr int kHeader = 10;
constexpr int kLayerSlots = 16;

#define CHECK_NAPI(call)                                              \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, "EBM_DNNL", "Node-API call failed: " #call); \
      return nullptr;                                                 \
    }                                                                 \
  } while (0)

struct NetHandle {
  ebm::DnnlNet* net;
  size_t inSize, batch;
  bool inputGrad, paramGrad;
};

template <typename T>
bool typedArray(napi_env env, napi_value v, napi_typedarray_type want, T** data, size_t* len) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type type;
  void* ptr;
  napi_value buf;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, len, &ptr, &buf, &off) != napi_ok || type != want) return false;
  *data = static_cast<T*>(ptr);
  return true;
}

bool isNull(napi_env env, napi_value v) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  return t == napi_null || t == napi_undefined;
}

void finalizeNet(napi_env, void* data, void*) {
  auto* h = static_cast<NetHandle*>(data);
  delete h->net;
  delete h;
}

napi_value Create(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK_NAPI(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  double* p;
  size_t len;
  if (argc < 1 || !typedArray(env, argv[0], napi_float64_array, &p, &len) || len < kHeader || int(p[0]) != kVersion) {
    napi_throw_type_error(env, "EBM_DNNL", "create(program): program must be a Float64Array of version 2");
    return nullptr;
  }
  ebm::NetProgram prog;
  prog.batch = int(p[1]);
  const int rank = int(p[2]);
  prog.readoutScale = float(p[3]);
  prog.refInvSigma2 = float(p[4]);
  prog.inputGrad = p[5] != 0;
  prog.paramGrad = p[6] != 0;
  const int nLayers = int(p[7]);
  prog.phases = int(p[8]);
  prog.inputGradLayout = int(p[9]);
  if (len != size_t(kHeader + rank + nLayers * kLayerSlots)) {
    napi_throw_type_error(env, "EBM_DNNL", "create(program): program length does not match its header");
    return nullptr;
  }
  size_t inSize = prog.batch;
  for (int i = 0; i < rank; i++) {
    prog.inShape.push_back(int64_t(p[kHeader + i]));
    inSize *= size_t(p[kHeader + i]);
  }
  for (int l = 0; l < nLayers; l++) {
    const double* q = p + kHeader + rank + l * kLayerSlots;
    ebm::NetProgram::Layer L;
    L.type = int(q[0]);
    L.out = int64_t(q[1]);
    for (int i = 0; i < 3; i++) {
      L.kernel[i] = int64_t(q[2 + i]);
      L.stride[i] = int64_t(q[5 + i]);
      L.pad[i] = int64_t(q[8 + i]);
    }
    L.bias = q[11] != 0;
    L.wOff = int64_t(q[12]);
    L.bOff = int64_t(q[13]);
    L.alg = int(q[14]);
    L.alpha = float(q[15]);
    prog.layers.push_back(L);
  }
  ebm::DnnlNet* net;
  try {
    net = new ebm::DnnlNet(prog);
  } catch (const std::exception& e) {
    napi_throw_error(env, "EBM_DNNL", (std::string("oneDNN could not build the network: ") + e.what()).c_str());
    return nullptr;
  }
  auto* h = new NetHandle{net, inSize, size_t(prog.batch), prog.inputGrad, prog.paramGrad};
  napi_value ext;
  CHECK_NAPI(napi_create_external(env, h, finalizeNet, nullptr, &ext));
  return ext;
}

NetHandle* handleOf(napi_env env, napi_value v) {
  void* data = nullptr;
  if (napi_get_value_external(env, v, &data) != napi_ok) return nullptr;
  return static_cast<NetHandle*>(data);
}

napi_value SetParams(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK_NAPI(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  NetHandle* h = argc == 2 ? handleOf(env, argv[0]) : nullptr;
  float* theta;
  size_t len;
  if (!h || !typedArray(env, argv[1], napi_float32_array, &theta, &len)) {
    napi_throw_type_error(env, "EBM_DNNL", "setParams(net, theta: Float32Array)");
    return nullptr;
  }
  try {
    h->net->setParams(theta);
  } catch (const std::exception& e) {
    napi_throw_error(env, "EBM_DNNL", e.what());
  }
  return nullptr;
}

struct RunWork {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref refs[6] = {};
  NetHandle* h;
  const float *x, *w;
  float *energy, *gradX, *gradTheta;
  int threads;
  std::string error;
};

void Execute(napi_env, void* data) {
  auto* r = static_cast<RunWork*>(data);
  try {
    r->h->net->run(r->x, r->w, r->energy, r->gradX, r->gradTheta, r->threads);
  } catch (const dnnl::error& e) {
    r->error = std::string(e.what()) + " (status " + std::to_string(int(e.status)) + ")";
  } catch (const std::exception& e) {
    r->error = e.what();
  }
}

void Complete(napi_env env, napi_status, void* data) {
  auto* r = static_cast<RunWork*>(data);
  for (auto& ref : r->refs)
    if (ref) napi_delete_reference(env, ref);
  napi_value undef;
  napi_get_undefined(env, &undef);
  if (r->error.empty()) {
    napi_resolve_deferred(env, r->deferred, undef);
  } else {
    napi_value msg, err;
    napi_create_string_utf8(env, ("oneDNN run failed: " + r->error).c_str(), NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, nullptr, msg, &err);
    napi_reject_deferred(env, r->deferred, err);
  }
  napi_delete_async_work(env, r->work);
  delete r;
}

// The arguments of run / runSync checked into a RunWork (nullptr after throwing a TypeError).
RunWork* parseRun(napi_env env, napi_callback_info info, napi_value* argv) {
  size_t argc = 7;
  CHECK_NAPI(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  auto fail = [&](const char* why) -> RunWork* {
    napi_throw_type_error(env, "EBM_DNNL", why);
    return nullptr;
  };
  if (argc != 7) return fail("run(net, x, w, energy, gradX, gradTheta, threads)");
  NetHandle* h = handleOf(env, argv[0]);
  if (!h) return fail("run: not a network handle");
  auto* r = new RunWork();
  r->h = h;
  size_t len;
  float* x;
  if (!typedArray(env, argv[1], napi_float32_array, &x, &len) || len != h->inSize) {
    delete r;
    return fail("run: x must be a Float32Array of the network's batch size");
  }
  r->x = x;
  r->w = nullptr;
  if (!isNull(env, argv[2])) {
    float* w;
    if (!typedArray(env, argv[2], napi_float32_array, &w, &len) || len != h->batch) {
      delete r;
      return fail("run: w must be a Float32Array with one weight per sample");
    }
    r->w = w;
  }
  if (!typedArray(env, argv[3], napi_float32_array, &r->energy, &len) || len != h->batch) {
    delete r;
    return fail("run: energy must be a Float32Array with one value per sample");
  }
  r->gradX = nullptr;
  if (!isNull(env, argv[4])) {
    if (!h->inputGrad || !typedArray(env, argv[4], napi_float32_array, &r->gradX, &len) || len != h->inSize) {
      delete r;
      return fail("run: gradX must be null or a Float32Array like x (on a net built for input gradients)");
    }
  }
  r->gradTheta = nullptr;
  if (!isNull(env, argv[5])) {
    if (!h->paramGrad || !typedArray(env, argv[5], napi_float32_array, &r->gradTheta, &len)) {
      delete r;
      return fail("run: gradTheta must be null or a Float32Array like θ (on a net built for parameter gradients)");
    }
  }
  int32_t threads = 0;
  napi_get_value_int32(env, argv[6], &threads);
  r->threads = threads;
  return r;
}

// runSync(net, x, w | null, energy, gradX | null, gradTheta | null, threads): the same on the calling (main) thread,
// for nets whose run is shorter than the hops to and from a worker thread.
napi_value RunSync(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  RunWork* r = parseRun(env, info, argv);
  if (!r) return nullptr;
  Execute(env, r);
  std::string error = r->error;
  delete r;
  if (!error.empty()) napi_throw_error(env, "EBM_DNNL", ("oneDNN run failed: " + error).c_str());
  return nullptr;
}

// run(net, x, w | null, energy, gradX | null, gradTheta | null, threads) → Promise<void>
napi_value Run(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  RunWork* r = parseRun(env, info, argv);
  if (!r) return nullptr;
  // Keep the arrays (and the net) alive until the work completes.
  for (int i = 0; i < 6; i++) {
    napi_valuetype t;
    napi_typeof(env, argv[i], &t);
    if (t == napi_object || t == napi_external) napi_create_reference(env, argv[i], 1, &r->refs[i]);
  }
  napi_value promise, name;
  CHECK_NAPI(napi_create_promise(env, &r->deferred, &promise));
  CHECK_NAPI(napi_create_string_utf8(env, "ebm-dnnl-run", NAPI_AUTO_LENGTH, &name));
  CHECK_NAPI(napi_create_async_work(env, nullptr, name, Execute, Complete, r, &r->work));
  CHECK_NAPI(napi_queue_async_work(env, r->work));
  return promise;
}

// setProfiling(net, on): time every part of the following runs.
napi_value SetProfiling(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK_NAPI(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  NetHandle* h = argc == 2 ? handleOf(env, argv[0]) : nullptr;
  bool on = false;
  if (!h || napi_get_value_bool(env, argv[1], &on) != napi_ok) {
    napi_throw_type_error(env, "EBM_DNNL", "setProfiling(net, on: boolean)");
    return nullptr;
  }
  h->net->setProfiling(on);
  return nullptr;
}

// The network of a one-argument call, or nullptr after throwing a TypeError that shows `usage`.
NetHandle* onlyNet(napi_env env, napi_callback_info info, const char* usage) {
  size_t argc = 1;
  napi_value argv[1];
  NetHandle* h = napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) == napi_ok && argc == 1 ? handleOf(env, argv[0]) : nullptr;
  if (!h) napi_throw_type_error(env, "EBM_DNNL", usage);
  return h;
}

// lastProfile(net) → [{ layer, what, ms }] of the last run (empty unless profiling).
napi_value LastProfile(napi_env env, napi_callback_info info) {
  NetHandle* h = onlyNet(env, info, "lastProfile(net)");
  if (!h) return nullptr;
  const auto& entries = h->net->lastProfile();
  napi_value arr;
  CHECK_NAPI(napi_create_array_with_length(env, entries.size(), &arr));
  for (size_t i = 0; i < entries.size(); i++) {
    napi_value o, layer, what, ms;
    CHECK_NAPI(napi_create_object(env, &o));
    CHECK_NAPI(napi_create_string_utf8(env, entries[i].layer.c_str(), NAPI_AUTO_LENGTH, &layer));
    CHECK_NAPI(napi_create_string_utf8(env, entries[i].what.c_str(), NAPI_AUTO_LENGTH, &what));
    CHECK_NAPI(napi_create_double(env, entries[i].ms, &ms));
    CHECK_NAPI(napi_set_named_property(env, o, "layer", layer));
    CHECK_NAPI(napi_set_named_property(env, o, "what", what));
    CHECK_NAPI(napi_set_named_property(env, o, "ms", ms));
    CHECK_NAPI(napi_set_element(env, arr, uint32_t(i), o));
  }
  return arr;
}

/**
 * glibc's malloc maps every block above its mmap threshold (128 KiB, raised only as such blocks are freed) with fresh
 * pages and unmaps it on free, so each run's new E/dE/dx arrays (V8 allocates them with calloc) fault their pages in
 * again: 768 faults, ~10 ms, per video Langevin step for the first runs of a process. Blocks up to 32 MiB come from
 * the heap instead (PyTorch's users get the same with MALLOC_MMAP_THRESHOLD_); the user's own settings win.
 */
void keepTensorSizedBlocks() {
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_")) return;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

// implementations(net) → the oneDNN implementation of each conv and linear primitive ('L2 fwd: jit:avx512_core').
napi_value Implementations(napi_env env, napi_callback_info info) {
  NetHandle* h = onlyNet(env, info, "implementations(net)");
  if (!h) return nullptr;
  const auto& names = h->net->implementations();
  napi_value arr;
  CHECK_NAPI(napi_create_array_with_length(env, names.size(), &arr));
  for (size_t i = 0; i < names.size(); i++) {
    napi_value v;
    CHECK_NAPI(napi_create_string_utf8(env, names[i].c_str(), NAPI_AUTO_LENGTH, &v));
    CHECK_NAPI(napi_set_element(env, arr, uint32_t(i), v));
  }
  return arr;
}

napi_value Init(napi_env env, napi_value exports) {
  keepTensorSizedBlocks();
  napi_property_descriptor props[] = {
      {"create", nullptr, Create, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setParams", nullptr, SetParams, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"run", nullptr, Run, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"runSync", nullptr, RunSync, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setProfiling", nullptr, SetProfiling, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lastProfile", nullptr, LastProfile, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"implementations", nullptr, Implementations, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 7, props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
