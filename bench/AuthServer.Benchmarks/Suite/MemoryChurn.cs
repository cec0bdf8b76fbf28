using System.Diagnostics;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// Resident memory under churn: the suite's connections each follow their own rotation chain and present every new access
/// token once to <c>/protected-resource</c>, so every token is verified and enters the verified-token cache, while short
/// lifetimes (30 s) and a 5 s pruning interval make the pruner delete what the churn leaves behind from the first minute on. The server's resident set
/// size is sampled every 5 s.
/// </summary>
internal static class MemoryChurn
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Auth:AccessTokenLifetime"] = "00:00:30",
        ["Auth:RefreshTokenLifetime"] = "00:00:30",
        ["Auth:RefreshTokenReuseLeeway"] = "00:00:10",
        ["Auth:Pruning:Retention"] = "00:00:30",
        ["Auth:Pruning:Interval"] = "00:00:05",
    };

    public static async Task<MemoryResult> RunAsync(SuiteServer server, TimeSpan duration)
    {
        var workers = SuiteOptions.Connections;
        await server.RegisterAsync(workers);
        var chains = (await server.LogInAsync([.. Enumerable.Range(0, workers)])).Select(s => s.RefreshToken).ToArray();
        using var churn = new LoadScenario("memory", server.Address, workers, async (worker, connection) =>
        {
            var (status, body) = await connection.SendAsync(server.RefreshRequest(chains[worker]));
            if (status != 200)
            {
                chains[worker] = (await server.LogInAsync(connection, worker)).RefreshToken;
                return false;
            }

            chains[worker] = JsonField.Read(body.Span, "refresh_token")!;
            var accessToken = JsonField.Read(body.Span, "access_token")!;
            return (await connection.SendAsync(Load.RawHttpConnection.Get(server.Address, "/protected-resource", accessToken))).Status == 200;
        });
        var samples = new List<(double Seconds, long Bytes)>();
        var watch = Stopwatch.StartNew();
        var load = churn.RunAsync(duration);
        while (!load.IsCompleted)
        {
            samples.Add((watch.Elapsed.TotalSeconds, server.Instance.ResidentBytes()));
            await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        samples.Add((watch.Elapsed.TotalSeconds, server.Instance.ResidentBytes()));
        return new MemoryResult(await load, samples);
    }
}
