using System.Globalization;

namespace AuthServer.Benchmarks.Load;

/// <summary>What a load run measured: requests, the unexpected answers among them, and latencies in milliseconds.</summary>
internal sealed record LoadResult(int Requests, int Errors, double Seconds, double P50, double P90, double P99)
{
    public double RequestsPerSecond => Requests / Seconds;

    public double SuccessesPerSecond => (Requests - Errors) / Seconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{RequestsPerSecond,8:F0} req/s  p50 {P50,6:F2} ms  p90 {P90,6:F2} ms  p99 {P99,7:F2} ms  errors {Errors}");
}
