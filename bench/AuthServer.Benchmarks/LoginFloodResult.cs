namespace AuthServer.Benchmarks;

/// <summary>One server of <see cref="LoginFlood"/>: medians over the rounds of the probes' p99 in ms, and of the per-round ratios flood / idle.</summary>
internal sealed record LoginFloodResult(
    int MaxConcurrentHashes,
    double ProtectedIdleP99,
    double ProtectedFloodP99,
    double RefreshIdleP99,
    double RefreshFloodP99,
    double ProtectedRatio,
    double RefreshRatio);
