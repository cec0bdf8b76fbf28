using System.Diagnostics;

namespace AuthServer.Benchmarks.Load;

/// <summary>
/// A closed-loop load: <c>workers</c> clients that each send their next request when the previous one is answered, for
/// a fixed time. Each request is one call of <c>send</c>, which returns whether the answer was the expected one.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(int workers, TimeSpan duration, Func<int, Task<bool>> send)
    {
        var latencies = new List<double>[workers];
        var errors = new int[workers];
        using var stop = new CancellationTokenSource(duration);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    ok = await send(worker);
                }
                catch (HttpRequestException)
                {
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    errors[worker]++;
                }
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
