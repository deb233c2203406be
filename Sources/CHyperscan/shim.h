// Bridges Hyperscan (or Vectorscan, which keeps the same API on non-x86
// machines) to Swift: one compiled multi-pattern database scans every text
// field once for all pattern-based steps.
#ifndef TAPPASS_CHYPERSCAN_SHIM_H
#define TAPPASS_CHYPERSCAN_SHIM_H
#include <hs/hs.h>
#endif
