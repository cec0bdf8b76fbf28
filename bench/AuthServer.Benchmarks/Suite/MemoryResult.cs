using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// What <see cref="MemoryChurn"/> saw. The first fifth of the run is warm-up (the caches and the pools fill); flatness
/// compares the median of the samples in the fifth after it with the median of the last fifth.
/// </summary>
internal sealed record MemoryResult(LoadResult Load, IReadOnlyList<(double Seconds, long Bytes)> Samples)
{
    private const double Mebibyte = 1024 * 1024;

    public double WarmMebibytes => MedianBetween(0.2, 0.4) / Mebibyte;

    public double EndMebibytes => MedianBetween(0.8, 1.01) / Mebibyte;

    public double PeakMebibytes => Samples.Max(s => s.Bytes) / Mebibyte;

    public double Change => (EndMebibytes / WarmMebibytes) - 1;

    private double MedianBetween(double from, double to)
    {
        var end = Samples[^1].Seconds;
        var window = Samples.Where(s => s.Seconds >= from * end && s.Seconds < to * end).Select(s => (double)s.Bytes).Order().ToList();
        return window.Count == 0 ? double.NaN : window[window.Count / 2];
    }
}
