using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// <c>dotnet run -c Release --project bench/AuthServer.Benchmarks -- suite</c>: the scenarios of bench/README.md in one
/// run on one machine, each against its baseline measured in the same run, printed as a table with the targets and
/// written as JSON. The load scenarios take turns within every round, so that drift on a shared machine falls on all of
/// them alike, and each reports the median of its rounds after one round of warm-up.
/// </summary>
internal static class BenchSuite
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task RunAsync(SuiteOptions options)
    {
        var workers = SuiteOptions.Connections;
        var hashes = Math.Max(1, Environment.ProcessorCount / 2); // Auth:Password:MaxConcurrentHashes's default
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"suite: {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; "
            + $"{workers} connections, work factor {SuiteOptions.WorkFactor}, {options.Rounds} rounds of {options.Seconds} s after one of warm-up"));

        if (options.MemoryOnly)
        {
            var churn = await MeasureMemoryAsync(options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory: {churn.Load.SuccessesPerSecond:F0}/s; resident {churn.WarmMebibytes:F1} MiB warm, {churn.EndMebibytes:F1} MiB at the end ({churn.Change:+0.0%;-0.0%}), peak {churn.PeakMebibytes:F1} MiB"));
            return;
        }

        var load = new Dictionary<string, ScenarioSummary>();
        ScenarioSummary rawSqlite, rawBcrypt, rawBcryptAllCores;
        await using (var server = await SuiteServer.StartAsync(new Dictionary<string, string> { ["Auth:AccessTokenLifetime"] = "01:00:00" }))
        {
            await server.RegisterAsync(SuiteOptions.Users);
            var accessTokens = (await server.LogInAsync([.. Enumerable.Range(0, SuiteOptions.Users)])).Select(s => s.AccessToken).ToArray();
            var chains = (await server.LogInAsync([.. Enumerable.Range(0, workers)])).Select(s => s.RefreshToken).ToArray();
            using var anon = Anonymous(server);
            using var authenticated = Protected(server, accessTokens);
            using var refresh = Refresh(server, chains);
            using var login = Login(server);
            foreach (var (name, rounds) in await RunInTurnsAsync(server, [anon, authenticated, refresh], options))
            {
                load[name] = ScenarioSummary.Of(name, rounds);
            }

            if (options.LoadOnly)
            {
                return;
            }

            var loginRounds = new List<Round>();
            var raw = new List<double>();
            var rawAllCores = new List<double>();
            await login.RunAsync(options.Duration);
            for (var round = 0; round < options.Rounds; round++)
            {
                loginRounds.Add(await MeasureAsync(server, login, options.Duration));
                raw.Add(RawBcrypt.VerificationsPerSecond(hashes, SuiteOptions.WorkFactor, options.Duration / 2));
                rawAllCores.Add(RawBcrypt.VerificationsPerSecond(Environment.ProcessorCount, SuiteOptions.WorkFactor, options.Duration / 2));
            }

            load["login"] = ScenarioSummary.Of("login", loginRounds);
            rawBcrypt = ScenarioSummary.OfRates($"raw BCrypt, {hashes} thread(s)", raw);
            rawBcryptAllCores = ScenarioSummary.OfRates($"raw BCrypt, {Environment.ProcessorCount} threads", rawAllCores);

            using var sqlite = RawSqliteRefresh.Open(server.DatabasePath, workers);
            sqlite.RotationsPerSecond(TimeSpan.FromSeconds(2));
            rawSqlite = ScenarioSummary.OfRates("raw-sqlite", [.. Enumerable.Range(0, options.Rounds).Select(_ => sqlite.RotationsPerSecond(options.Duration / 2))]);
        }

        Console.WriteLine("\nlogin-flood:");
        var flood = (await LoginFlood.RunAsync([hashes], options.Rounds, options.Seconds, 4)).Single();

        var memory = await MeasureMemoryAsync(options);

        var report = new SuiteReport(load, rawBcrypt, rawBcryptAllCores, rawSqlite, flood, memory);
        report.Print();
        await File.WriteAllTextAsync(options.OutputPath, JsonSerializer.Serialize(report.ToJson(options, hashes), Json));
        Console.WriteLine($"\nWritten to {Path.GetFullPath(options.OutputPath)}");
    }

    private static async Task<MemoryResult> MeasureMemoryAsync(SuiteOptions options)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nmemory: {options.MemoryMinutes} min of refresh churn"));
        await using var server = await SuiteServer.StartAsync(MemoryChurn.Settings);
        return await MemoryChurn.RunAsync(server, TimeSpan.FromMinutes(options.MemoryMinutes));
    }

    private static LoadScenario Anonymous(SuiteServer server)
    {
        var request = RawHttpConnection.Get(server.Address, "/.well-known/jwks.json");
        return new LoadScenario("anon", server.Address, SuiteOptions.Connections, async (_, connection) => (await connection.SendAsync(request)).Status == 200);
    }

    /// <summary>Each worker cycles through all the users' tokens, so every token is presented again and again, by turns.</summary>
    private static LoadScenario Protected(SuiteServer server, string[] accessTokens)
    {
        var requests = accessTokens.Select(token => RawHttpConnection.Get(server.Address, "/protected-resource", token)).ToArray();
        var next = new int[SuiteOptions.Connections];
        return new LoadScenario("protected", server.Address, SuiteOptions.Connections, async (worker, connection) =>
            (await connection.SendAsync(requests[(worker + next[worker]++) % requests.Length])).Status == 200);
    }

    /// <summary>Worker w rotates chain w; a chain that breaks starts again with a new login.</summary>
    private static LoadScenario Refresh(SuiteServer server, string[] chains) =>
        new("refresh", server.Address, SuiteOptions.Connections, async (worker, connection) =>
        {
            var (status, body) = await connection.SendAsync(server.RefreshRequest(chains[worker]));
            if (status == 200)
            {
                chains[worker] = JsonField.Read(body.Span, "refresh_token")!;
                return true;
            }

            chains[worker] = (await server.LogInAsync(connection, worker)).RefreshToken;
            return false;
        });

    /// <summary>Correct passwords of all the users by turns, with the login throttle and the hashing queue at their defaults.</summary>
    private static LoadScenario Login(SuiteServer server)
    {
        var requests = Enumerable.Range(0, SuiteOptions.Users).Select(server.LoginRequest).ToArray();
        var next = 0;
        return new LoadScenario("login", server.Address, SuiteOptions.Connections, async (_, connection) =>
            (await connection.SendAsync(requests[Interlocked.Increment(ref next) % requests.Length])).Status == 200);
    }

    private static async Task<Dictionary<string, List<Round>>> RunInTurnsAsync(SuiteServer server, LoadScenario[] scenarios, SuiteOptions options)
    {
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"  warm-up  {scenario.Name}");
            await scenario.RunAsync(options.Duration);
        }

        var rounds = scenarios.ToDictionary(s => s.Name, _ => new List<Round>());
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var turn = 0; turn < scenarios.Length; turn++)
            {
                var scenario = scenarios[(round + turn) % scenarios.Length];
                var measured = await MeasureAsync(server, scenario, options.Duration);
                rounds[scenario.Name].Add(measured);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}  {scenario.Name,-10} {measured.Load}  server CPU {measured.ServerCpuMs / Math.Max(1, measured.Load.Requests):F3} ms/req"));
            }
        }

        return rounds;
    }

    private static async Task<Round> MeasureAsync(SuiteServer server, LoadScenario scenario, TimeSpan duration)
    {
        var cpu = server.Instance.CpuTime();
        var result = await scenario.RunAsync(duration);
        return new Round(result, (server.Instance.CpuTime() - cpu).TotalMilliseconds);
    }
}
