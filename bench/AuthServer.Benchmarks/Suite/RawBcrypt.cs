using System.Diagnostics;

namespace AuthServer.Benchmarks.Suite;

/// <summary>The baseline of <c>login</c>: BCrypt verifications per second on <c>threads</c> threads of this process, nothing else.</summary>
internal static class RawBcrypt
{
    public static double VerificationsPerSecond(int threads, int workFactor, TimeSpan duration)
    {
        const string Password = "suite passphrase 000 for the benchmark";
        var hash = BCrypt.Net.BCrypt.HashPassword(Password, workFactor);
        var counts = new long[threads];
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            while (watch.Elapsed < duration)
            {
                if (!BCrypt.Net.BCrypt.Verify(Password, hash))
                {
                    throw new InvalidOperationException("BCrypt refused its own hash.");
                }

                counts[thread]++;
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }
}
