// InstanceNorm: https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm2d.html
// Its input checks. InstanceNorm has no kernel of its own: its statistics are row_moments over the
// (N * C, spatial) rows (moments.cpp), its normalize step channel_norm_forward
// (channel_normalize.cpp), both called from NormModule (norm_module.cpp).
#include <cstdint>
#include <string>

#include "norm_checks.hpp"
#include "normlab/error.hpp"
#include "normlab/norm/norm_module.hpp"

namespace normlab {

void NormModule::validate_instance_norm(const Shape& shape, bool structure_only) const {
  const size_t d = shape.size(), want = static_cast<size_t>(config_.dims) + 1;
  if (d != want && d != want + 1) {
    fail("expected " + norm_checks::dims_text(want) + " or " + norm_checks::dims_text(want + 1) +
         " input (got " + norm_checks::dims_text(d) + " input)");
  }
  // An unbatched (C, ...) input runs as a batch of one.
  Shape batched = shape;
  if (d == want) batched.insert(batched.begin(), 1);
  if (!structure_only) {
    if (uses_batch_stats() && numel(batched, 2, batched.size()) == 1) {
      fail("Expected more than 1 spatial element when training, got input size " +
           format_torch_size(batched));
    }
    // InstanceNorm passes momentum straight to torch.instance_norm, which takes only a float.
    if (!config_.momentum)
      fail("instance_norm(): argument 'momentum' (position 7) must be float, not NoneType");
  }
  // torch.instance_norm runs batch_norm on the (1, N * C, ...) view with weight, bias and the
  // running statistics repeated N times, then averages the running statistics over the batch.
  const int64_t N = batched[0], C = batched[1], nf = config_.num_features;
  // N * num_features values of weight, bias and running statistics; a count beyond int64 cannot
  // be allocated (num_features is unchecked, and unused, without affine and running statistics)
  int64_t repeated = 0;
  if ((config_.affine || tracks_) && __builtin_mul_overflow(N, nf, &repeated))
    fail("Storage size calculation overflowed with sizes=" + format_shape({N, nf}));
  if (numel(batched) == 0) {
    norm_checks::check_empty_weight(config_.affine, repeated);
    if (tracks_ && repeated != N * C) {
      fail("shape '" + format_shape({N, C}) + "' is invalid for input of size " +
           std::to_string(repeated));
    }
    if (tracks_ && N == 0 && C != nf && C != 1) {
      fail("The size of tensor a (" + std::to_string(nf) + ") must match the size of tensor b (" +
           std::to_string(C) + ") at non-singleton dimension 0");
    }
    return;
  }
  if (tracks_) norm_checks::check_features("running_mean", N * C, repeated);
  if (config_.affine) norm_checks::check_features("weight", N * C, repeated);
}

}  // namespace normlab
