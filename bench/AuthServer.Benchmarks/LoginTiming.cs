using System.Diagnostics;
using System.Net.Http.Json;

namespace AuthServer.Benchmarks;

/// <summary>
/// Does a failed login reveal whether the username exists? Times alternating logins with a wrong password
/// for a real user and with an unknown username, and reports the ratio of their medians (1.00 = no signal).
/// </summary>
internal static class LoginTiming
{
    public static async Task RunAsync(int rounds, int workFactor)
    {
        using var server = new BenchServer(new Dictionary<string, string> { ["Auth:Password:WorkFactor"] = workFactor.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var client = server.CreateClient();
        const string password = "benchmark passphrase 42";
        (await client.PostAsJsonAsync("/register", new { username = "bench-user", password })).EnsureSuccessStatusCode();

        var wrongPassword = new List<double>();
        var unknownUser = new List<double>();
        for (var i = -5; i < rounds; i++) // the first five of each warm up and are not counted
        {
            var a = await TimeAsync(client, "bench-user", "not the passphrase at all");
            var b = await TimeAsync(client, $"nobody-{i}", "not the passphrase at all");
            if (i >= 0)
            {
                wrongPassword.Add(a);
                unknownUser.Add(b);
            }
        }

        var known = Median(wrongPassword);
        var unknown = Median(unknownUser);
        Console.WriteLine($"login-timing: work factor {workFactor}, {rounds} rounds each, alternating");
        Console.WriteLine($"  wrong password (known user): median {known:F1} ms");
        Console.WriteLine($"  unknown user:                median {unknown:F1} ms");
        Console.WriteLine($"  ratio unknown/known:         {unknown / known:F3}");
    }

    private static async Task<double> TimeAsync(HttpClient client, string username, string password)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/login", new { username, password });
        watch.Stop();
        if ((int)response.StatusCode != 401)
        {
            throw new InvalidOperationException($"Expected 401, got {(int)response.StatusCode}.");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
