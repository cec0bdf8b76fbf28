using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace AuthServer.Benchmarks;

/// <summary>
/// Does a login flood starve everything else? Runs the Release server as its own process, once per value of
/// <c>Auth:Password:MaxConcurrentHashes</c> given, each at the default work factor and queue, and measures the p99 latency
/// of <c>GET /protected-resource</c> and <c>POST /refresh-token</c> (light, steady probes) while idle and while failed
/// logins arrive at four times the rate the hashing pool can serve. Idle and flood alternate within each round and the
/// servers take turns, so drift on a shared machine falls on both alike; the answer is the ratio flood / idle per round.
/// </summary>
internal static class LoginFlood
{
    private const string Password = "seven otters load kestrel at night";
    private const int ProbeWorkers = 2;
    private static readonly TimeSpan ProbePause = TimeSpan.FromMilliseconds(10);

    public static async Task<IReadOnlyList<LoginFloodResult>> RunAsync(int[] concurrencies, int rounds, int phaseSeconds, double floodFactor)
    {
        var servers = new List<Server>();
        var summary = new List<LoginFloodResult>();
        try
        {
            foreach (var concurrency in concurrencies)
            {
                servers.Add(await Server.StartAsync(concurrency));
            }

            foreach (var server in servers)
            {
                server.HashSeconds = await MeasureHashAsync(server);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"MaxConcurrentHashes={server.Concurrency}: a failed login takes {server.HashSeconds * 1000:F0} ms alone; capacity {server.Capacity:F1}/s, flood {floodFactor * server.Capacity:F1}/s"));
            }

            // Warm-up, not counted: the JIT optimizes the paths of both phases on every server.
            foreach (var server in servers)
            {
                await RunPhaseAsync(server, 0, TimeSpan.FromSeconds(phaseSeconds));
                await RunPhaseAsync(server, floodFactor * server.Capacity, TimeSpan.FromSeconds(phaseSeconds));
                await Task.Delay(TimeSpan.FromSeconds(10));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}, {Environment.ProcessorCount} CPUs, {rounds} rounds of {phaseSeconds} s idle + {phaseSeconds} s flood per server, flood at {floodFactor}x capacity"));
            Console.WriteLine("round hashes phase   protected_p99_ms refresh_p99_ms  logins_401 logins_503 other flood/s load1");
            var results = new List<(int Round, int Concurrency, string Phase, double Protected, double Refresh)>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var server in servers)
                {
                    foreach (var flood in new[] { false, true })
                    {
                        if (flood)
                        {
                            // Measured again each round: on a shared machine what one hash costs drifts with the other load.
                            server.HashSeconds = await MeasureHashAsync(server, 5);
                        }

                        var phase = await RunPhaseAsync(server, flood ? floodFactor * server.Capacity : 0, TimeSpan.FromSeconds(phaseSeconds));
                        results.Add((round, server.Concurrency, flood ? "flood" : "idle", phase.Protected, phase.Refresh));
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{round,5} {server.Concurrency,6} {(flood ? "flood" : "idle"),-6} {phase.Protected,16:F2} {phase.Refresh,14:F2} {phase.Hashed,11} {phase.Shed,10} {phase.Other,5} {(flood ? floodFactor * server.Capacity : 0),7:F1} {LoadAverage()}"));
                        // Let the queue drain before the next phase.
                        await Task.Delay(TimeSpan.FromSeconds(flood ? 10 : 1));
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine("p99 flood / idle, median of the rounds' ratios (lowest-highest):");
            foreach (var server in servers)
            {
                var ofServer = results.Where(r => r.Concurrency == server.Concurrency).ToList();
                summary.Add(new LoginFloodResult(
                    server.Concurrency,
                    Median(ofServer.Where(r => r.Phase == "idle").Select(r => r.Protected).ToList()),
                    Median(ofServer.Where(r => r.Phase == "flood").Select(r => r.Protected).ToList()),
                    Median(ofServer.Where(r => r.Phase == "idle").Select(r => r.Refresh).ToList()),
                    Median(ofServer.Where(r => r.Phase == "flood").Select(r => r.Refresh).ToList()),
                    MedianRatio(ofServer, r => r.Protected),
                    MedianRatio(ofServer, r => r.Refresh)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  MaxConcurrentHashes={server.Concurrency}: /protected-resource {Ratio(ofServer, r => r.Protected)}   /refresh-token {Ratio(ofServer, r => r.Refresh)}"
                    + $"   idle p99 medians {Median(ofServer.Where(r => r.Phase == "idle").Select(r => r.Protected).ToList()):F2} / {Median(ofServer.Where(r => r.Phase == "idle").Select(r => r.Refresh).ToList()):F2} ms"));
            }
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }

        return summary;
    }

    private static double MedianRatio(List<(int Round, int Concurrency, string Phase, double Protected, double Refresh)> results, Func<(int Round, int Concurrency, string Phase, double Protected, double Refresh), double> value) =>
        Median([.. results.GroupBy(r => r.Round).Select(round => value(round.Single(r => r.Phase == "flood")) / value(round.Single(r => r.Phase == "idle")))]);

    private static string Ratio(List<(int Round, int Concurrency, string Phase, double Protected, double Refresh)> results, Func<(int Round, int Concurrency, string Phase, double Protected, double Refresh), double> value)
    {
        var ratios = results.GroupBy(r => r.Round)
            .Select(round => value(round.Single(r => r.Phase == "flood")) / value(round.Single(r => r.Phase == "idle")))
            .ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Median(ratios),5:F2} ({ratios.Min():F2}-{ratios.Max():F2})");
    }

    /// <summary>The time one failed login takes with no other login running: the median of <paramref name="count"/> after 3 that warm up.</summary>
    private static async Task<double> MeasureHashAsync(Server server, int count = 9)
    {
        var times = new List<double>();
        for (var i = 0; i < count + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await server.Client.PostAsJsonAsync("/login", new { username = $"nobody-{i}", password = Password });
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                throw new InvalidOperationException($"Expected 401, got {(int)response.StatusCode}.");
            }

            if (i >= 3)
            {
                times.Add(watch.Elapsed.TotalSeconds);
            }
        }

        return Median(times);
    }

    private static async Task<(double Protected, double Refresh, int Hashed, int Shed, int Other)> RunPhaseAsync(Server server, double floodPerSecond, TimeSpan duration)
    {
        // Fresh sessions each phase: access tokens outlive a phase, and each refresh worker rotates its own chain.
        var sessions = await Task.WhenAll(Enumerable.Range(0, 2 * ProbeWorkers).Select(_ => server.LogInAsync()));
        using var stop = new CancellationTokenSource(duration);
        var protectedTimes = new List<double>[ProbeWorkers];
        var refreshTimes = new List<double>[ProbeWorkers];
        var probes = new List<Task>();
        for (var i = 0; i < ProbeWorkers; i++)
        {
            var index = i;
            protectedTimes[i] = [];
            refreshTimes[i] = [];
            probes.Add(ProbeAsync(() => server.GetProtectedAsync(sessions[index].AccessToken), protectedTimes[i], stop.Token));
            var refreshToken = sessions[ProbeWorkers + index].RefreshToken;
            probes.Add(ProbeAsync(async () =>
            {
                var response = await server.RefreshAsync(refreshToken);
                refreshToken = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("refresh_token").GetString()!;
                return response;
            }, refreshTimes[i], stop.Token));
        }

        var flood = floodPerSecond > 0 ? FloodAsync(server, floodPerSecond, stop.Token) : Task.FromResult((0, 0, 0));
        await Task.WhenAll(probes);
        var (hashed, shed, other) = await flood;
        return (P99(protectedTimes), P99(refreshTimes), hashed, shed, other);
    }

    private static async Task ProbeAsync(Func<Task<HttpResponseMessage>> call, List<double> times, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            using var response = await call();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"A probe got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(stop)}");
            }

            times.Add(elapsed);
            await Task.Delay(ProbePause, CancellationToken.None);
        }
    }

    /// <summary>Failed logins sent at a fixed rate whatever the answers (an open loop, as an attacker sends them).</summary>
    private static async Task<(int Hashed, int Shed, int Other)> FloodAsync(Server server, double perSecond, CancellationToken stop)
    {
        var sent = new List<Task<HttpStatusCode>>();
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var clock = Stopwatch.StartNew();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, CancellationToken.None);
            }

            sent.Add(server.FailedLoginAsync(i));
        }

        var statuses = await Task.WhenAll(sent);
        return (statuses.Count(s => s == HttpStatusCode.Unauthorized), statuses.Count(s => s == HttpStatusCode.ServiceUnavailable),
            statuses.Count(s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable)));
    }

    private static double P99(List<double>[] perWorker)
    {
        var all = perWorker.SelectMany(t => t).Order().ToList();
        return all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)Math.Ceiling(all.Count * 0.99) - 1)];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>The built server (<c>dotnet AuthServer.dll</c>) on a free loopback port, its database and key ring in a temporary folder.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _folder;
        private readonly HttpClient _flood;

        private Server(int concurrency, Process process, string folder, Uri address)
        {
            Concurrency = concurrency;
            _process = process;
            _folder = folder;
            Client = new HttpClient { BaseAddress = address };
            _flood = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        }

        public int Concurrency { get; }

        public HttpClient Client { get; }

        public double HashSeconds { get; set; }

        /// <summary>Failed logins per second the pool can serve.</summary>
        public double Capacity => Concurrency / HashSeconds;

        public static async Task<Server> StartAsync(int concurrency)
        {
            var folder = Directory.CreateTempSubdirectory("authserver-flood-").FullName;
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AuthServer.dll")])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var environment = start.Environment;
            environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
            environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            environment["ConnectionStrings__AuthDb"] = $"Data Source={Path.Combine(folder, "auth.db")}";
            environment["Auth__KeyRingPath"] = Path.Combine(folder, "keys");
            environment["Auth__Issuer"] = $"http://127.0.0.1:{port}";
            environment["Auth__Password__MaxConcurrentHashes"] = concurrency.ToString(CultureInfo.InvariantCulture);
            // The flood comes from one address: lift the per-client limits so that every login reaches the hashing pool.
            environment["Auth__LoginRateLimit__FailuresPerClient"] = "1000000000";
            environment["Auth__LoginRateLimit__FailuresPerUsername"] = "1000000000";
            environment["Auth__RegistrationRateLimit__PermitsPerClient"] = "1000000000";
            environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine(line.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new Server(concurrency, process, folder, new Uri($"http://127.0.0.1:{port}"));
            for (var i = 0; ; i++)
            {
                try
                {
                    if ((await server.Client.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (i < 600 && !process.HasExited)
                {
                }

                await Task.Delay(100);
            }

            (await server.Client.PostAsJsonAsync("/register", new { username = "bench", password = Password })).EnsureSuccessStatusCode();
            return server;
        }

        public async Task<(string AccessToken, string RefreshToken)> LogInAsync()
        {
            var response = await Client.PostAsJsonAsync("/login", new { username = "bench", password = Password });
            response.EnsureSuccessStatusCode();
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
        }

        public Task<HttpResponseMessage> GetProtectedAsync(string accessToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/protected-resource");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            return Client.SendAsync(request);
        }

        public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
            Client.PostAsJsonAsync("/refresh-token", new { refresh_token = refreshToken });

        public async Task<HttpStatusCode> FailedLoginAsync(int i)
        {
            try
            {
                using var response = await _flood.PostAsJsonAsync("/login", new { username = $"flood-{i}", password = "a wrong password for flood" });
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
            catch (TaskCanceledException)
            {
                return HttpStatusCode.RequestTimeout;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            _flood.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
