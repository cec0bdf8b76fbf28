using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using AuthServer.Sessions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Benchmarks;

/// <summary>
/// What each half of the access-token check costs, in process and on one thread: the JWT validation that
/// JwtBearer runs (signature, typ, iss, aud, lifetime) against the revocation check of <c>OnTokenValidated</c>,
/// answered from the cache and with the cache off (a SQLite read). Rounds interleave the three; each reports
/// the median over the rounds of the wall time and of the process's CPU time per call, and the ratio of
/// the CPU times against the JWT validation (CPU time is what other processes on a shared machine disturb least).
/// </summary>
internal static class AccessTokenCheck
{
    private const string Password = "seven otters load kestrel at night";

    public static async Task RunAsync(int rounds, int warmUpSeconds)
    {
        using var cachedServer = new BenchServer(new Dictionary<string, string> { ["Auth:Password:WorkFactor"] = "4" });
        using var uncachedServer = new BenchServer(new Dictionary<string, string>
        {
            ["Auth:Password:WorkFactor"] = "4",
            ["Auth:RevocationCacheDuration"] = "00:00:00",
        });
        var cached = await SignInAsync(cachedServer);
        var uncached = await SignInAsync(uncachedServer);

        var parameters = cachedServer.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var handler = new JsonWebTokenHandler { MapInboundClaims = false }; // what JwtBearer uses with MapInboundClaims = false
        var cachedSessions = cachedServer.Services.GetRequiredService<SessionStatusCache>();
        var uncachedSessions = uncachedServer.Services.GetRequiredService<SessionStatusCache>();

        var operations = new (string Name, int Calls, Func<Task> Call, List<double> Wall, List<double> Cpu)[]
        {
            ("JWT validation (ES256)", 2_000, async () => Require((await handler.ValidateTokenAsync(cached.Token, parameters)).IsValid), [], []),
            ("check, cached", 200_000, async () => Require(await cachedSessions.AcceptsAsync(cached.UserId, cached.SessionId, cached.IssuedAt, default)), [], []),
            ("check, cache off (SQLite)", 2_000, async () => Require(await uncachedSessions.AcceptsAsync(uncached.UserId, uncached.SessionId, uncached.IssuedAt, default)), [], []),
        };

        // Warm up until the JIT has compiled the hot paths fully (tier 1), which takes tens of seconds on a busy machine.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(warmUpSeconds))
        {
            foreach (var operation in operations)
            {
                await RepeatAsync(operation.Call, operation.Calls);
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (_, calls, call, wall, cpu) in operations)
            {
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var watch = Stopwatch.StartNew();
                await RepeatAsync(call, calls);
                watch.Stop();
                wall.Add(watch.Elapsed.TotalMicroseconds / calls);
                cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / calls);
            }
        }

        var baseline = Median(operations[0].Cpu);
        Console.WriteLine($"access-token-check: {warmUpSeconds} s warm-up, {rounds} rounds, one thread, {Environment.ProcessorCount} CPUs; medians per call");
        foreach (var (name, _, _, wall, cpu) in operations)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-26} wall {Median(wall),9:F2} µs   cpu {Median(cpu),9:F2} µs   cpu ratio to JWT validation {Median(cpu) / baseline:F4}"));
        }
    }

    private static async Task<(string Token, Guid UserId, Guid SessionId, DateTime IssuedAt)> SignInAsync(BenchServer server)
    {
        var client = server.CreateClient();
        (await client.PostAsJsonAsync("/register", new { username = "bench", password = Password })).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/login", new { username = "bench", password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LoginBody>())!.access_token;
        var jwt = new JsonWebToken(token);
        return (
            token,
            Guid.Parse(jwt.GetClaim(JwtRegisteredClaimNames.Sub).Value, CultureInfo.InvariantCulture),
            Guid.Parse(jwt.GetClaim(JwtRegisteredClaimNames.Sid).Value, CultureInfo.InvariantCulture),
            jwt.IssuedAt);
    }

    private static async Task RepeatAsync(Func<Task> call, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await call();
        }
    }

    private static void Require(bool accepted)
    {
        if (!accepted)
        {
            throw new InvalidOperationException("The token was refused.");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

#pragma warning disable IDE1006, CA1707 // the JSON name
    private sealed record LoginBody(string access_token);
#pragma warning restore IDE1006, CA1707
}
