using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AuthServer.Benchmarks.Load;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Benchmarks;

/// <summary>
/// Refresh throughput of one deployment as it grows: SQLite with one instance, PostgreSQL with one, PostgreSQL with two
/// (each worker's requests alternate between them), all in one run on one machine. Every setup is a real server
/// process in Release and Production; PostgreSQL is a throwaway cluster of Debian's postgresql. The setups take turns
/// in every round, so that what else the machine does falls on all of them alike; the medians of the rounds are
/// reported, with the ratio to SQLite.
/// </summary>
internal static class RefreshScaleOut
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task RunAsync(int rounds, int seconds, int workers)
    {
        using var folder = new TemporaryFolder();
        var common = new Dictionary<string, string>
        {
            ["Auth:Issuer"] = "https://bench.test",
            ["Auth:KeyEncryption:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth:Password:WorkFactor"] = "4", // only the setup logs in
        };
        var sqlite = await ServerInstance.StartAsync(With(common, new()
        {
            ["ConnectionStrings:AuthDb"] = $"Data Source={Path.Combine(folder.Path, "auth.db")}",
            ["Auth:KeyRingPath"] = Path.Combine(folder.Path, "keys"),
        }));
        var one = PostgresCluster.Shared.CreateDatabase();
        var two = PostgresCluster.Shared.CreateDatabase();
        var postgresOne = await ServerInstance.StartAsync(With(common, Postgres(one)));
        var postgresTwo = await Task.WhenAll(ServerInstance.StartAsync(With(common, Postgres(two))), ServerInstance.StartAsync(With(common, Postgres(two))));
        ServerInstance[] all = [sqlite, postgresOne, .. postgresTwo];
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers });
            var setups = new (string Name, RefreshChains Chains)[]
            {
                ("SQLite, 1 instance", await RefreshChains.StartAsync(client, [sqlite.Address], workers)),
                ("PostgreSQL, 1 instance", await RefreshChains.StartAsync(client, [postgresOne.Address], workers)),
                ("PostgreSQL, 2 instances", await RefreshChains.StartAsync(client, [.. postgresTwo.Select(s => s.Address)], workers)),
            };
            Console.WriteLine($"refresh-scale-out: {workers} workers, each on its own chain; {rounds} rounds of {seconds} s per setup, after {seconds} s of warm-up each");
            foreach (var (_, chains) in setups)
            {
                await ClosedLoop.RunAsync(workers, TimeSpan.FromSeconds(seconds), chains.RefreshAsync);
            }

            var results = setups.Select(_ => new List<LoadResult>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var turn = 0; turn < setups.Length; turn++)
                {
                    var index = (round + turn) % setups.Length;
                    var result = await ClosedLoop.RunAsync(workers, TimeSpan.FromSeconds(seconds), setups[index].Chains.RefreshAsync);
                    results[index].Add(result);
                    Console.WriteLine($"  round {round + 1}  {setups[index].Name,-24} {result}");
                }
            }

            var baseline = Median(results[0], r => r.RequestsPerSecond);
            Console.WriteLine();
            Console.WriteLine($"{"setup",-24} {"req/s",8} {"x SQLite",9} {"p50 ms",7} {"p90 ms",7} {"p99 ms",8} {"errors",7}");
            var summary = setups.Select((setup, i) => new
            {
                setup = setup.Name,
                requests_per_second = Median(results[i], r => r.RequestsPerSecond),
                ratio_to_sqlite = Median(results[i], r => r.RequestsPerSecond) / baseline,
                p50_ms = Median(results[i], r => r.P50),
                p90_ms = Median(results[i], r => r.P90),
                p99_ms = Median(results[i], r => r.P99),
                errors = results[i].Sum(r => r.Errors),
                rounds = results[i],
            }).ToList();
            foreach (var row in summary)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.setup,-24} {row.requests_per_second,8:F0} {row.ratio_to_sqlite,9:F2} {row.p50_ms,7:F2} {row.p90_ms,7:F2} {row.p99_ms,8:F2} {row.errors,7}"));
            }

            var json = Path.Combine(Directory.GetCurrentDirectory(), "refresh-scale-out.json");
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { workers, seconds, rounds, setups = summary }, Indented));
            Console.WriteLine($"\nWritten to {json}");
        }
        finally
        {
            foreach (var server in all)
            {
                await server.DisposeAsync();
            }

            PostgresCluster.Shared.DropDatabase(one);
            PostgresCluster.Shared.DropDatabase(two);
        }
    }

    private static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:AuthDb"] = connectionString,
    };

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> specific) =>
        common.Concat(specific).ToDictionary();

    private static double Median(List<LoadResult> results, Func<LoadResult, double> value) =>
        results.Select(value).Order().ElementAt(results.Count / 2);
}
