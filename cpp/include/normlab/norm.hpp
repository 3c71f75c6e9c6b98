// Normalization layers: y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias. One header for all
// of them: their kernels and the torch.nn-like NormModule.
#pragma once

#include "normlab/norm/batch_norm.hpp"
#include "normlab/norm/channel_normalize.hpp"
#include "normlab/norm/layer_norm.hpp"
#include "normlab/norm/moments.hpp"
#include "normlab/norm/norm_module.hpp"
#include "normlab/norm/rms_norm.hpp"
