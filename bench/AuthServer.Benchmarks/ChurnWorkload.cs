using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Benchmarks;

/// <summary>
/// One server under simulated days of churn: every day <c>loginsPerDay</c> logins, each refreshed a few times and
/// then abandoned (every fourth logged out), and a few regular users who refresh one session daily until it
/// reaches its absolute end and then log in again. The pruner runs once a day unless <c>prune</c> is false.
/// </summary>
internal sealed class ChurnWorkload : IDisposable
{
    private const string Password = "benchmark passphrase 42";
    private const int ChurnUsers = 50;
    private const int RegularUsers = 20;
    private const int LogoutEvery = 4;

    private readonly BenchClock _clock = new();
    private readonly BenchServer _server;
    private readonly HttpClient _client;
    private readonly bool _prune;
    private readonly int _loginsPerDay;
    private readonly int _refreshesPerLogin;
    private readonly string?[] _regularRefreshTokens = new string?[RegularUsers];

    private ChurnWorkload(bool prune, int loginsPerDay, int refreshesPerLogin)
    {
        _prune = prune;
        _loginsPerDay = loginsPerDay;
        _refreshesPerLogin = refreshesPerLogin;
        // The hosted pass never fires within a run: passes run when the simulated day ends, or never.
        _server = new BenchServer(new Dictionary<string, string>
        {
            ["Auth:Password:WorkFactor"] = "4",
            ["Auth:Pruning:Interval"] = "1.00:00:00",
        }, _clock);
        _client = _server.CreateClient();
    }

    public string DatabasePath => _server.DatabasePath;

    public static async Task<ChurnWorkload> StartAsync(bool prune, int loginsPerDay, int refreshesPerLogin)
    {
        var workload = new ChurnWorkload(prune, loginsPerDay, refreshesPerLogin);
        for (var i = 0; i < ChurnUsers; i++)
        {
            await workload.RegisterAsync(ChurnUser(i));
        }

        for (var i = 0; i < RegularUsers; i++)
        {
            await workload.RegisterAsync(RegularUser(i));
        }

        return workload;
    }

    /// <summary>Simulates one day and then runs a pruning pass, if this workload prunes; returns what the pass did and how long it took.</summary>
    public async Task<(PruneResult Result, TimeSpan Elapsed)?> RunDayAsync()
    {
        var slot = TimeSpan.FromDays(1) / (_loginsPerDay + RegularUsers);
        for (var i = 0; i < _loginsPerDay; i++)
        {
            _clock.Advance(slot);
            var (accessToken, refreshToken) = await LoginAsync(ChurnUser(i % ChurnUsers));
            for (var refresh = 0; refresh < _refreshesPerLogin; refresh++)
            {
                (accessToken, refreshToken) = await RefreshAsync(refreshToken) ?? throw new InvalidOperationException("A fresh session refused a refresh.");
            }

            if (i % LogoutEvery == 0)
            {
                await LogoutAsync(accessToken);
            }
        }

        for (var i = 0; i < RegularUsers; i++)
        {
            _clock.Advance(slot);
            for (var refresh = 0; refresh < _refreshesPerLogin; refresh++)
            {
                // A session past its absolute end refuses the refresh: the user logs in again.
                var tokens = _regularRefreshTokens[i] is { } current ? await RefreshAsync(current) : null;
                _regularRefreshTokens[i] = (tokens ?? await LoginAsync(RegularUser(i))).RefreshToken;
            }
        }

        if (!_prune)
        {
            return null;
        }

        var watch = Stopwatch.StartNew();
        var result = await _server.Services.GetRequiredService<SessionPruner>().PruneAsync(CancellationToken.None);
        return (result, watch.Elapsed);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private static string ChurnUser(int i) => string.Create(CultureInfo.InvariantCulture, $"churn-{i}");

    private static string RegularUser(int i) => string.Create(CultureInfo.InvariantCulture, $"regular-{i}");

    private async Task RegisterAsync(string username) =>
        (await _client.PostAsJsonAsync("/register", new { username, password = Password })).EnsureSuccessStatusCode();

    private async Task<(string AccessToken, string RefreshToken)> LoginAsync(string username)
    {
        using var response = await _client.PostAsJsonAsync("/login", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return await ReadTokensAsync(response);
    }

    private async Task<(string AccessToken, string RefreshToken)?> RefreshAsync(string refreshToken)
    {
        using var response = await _client.PostAsJsonAsync("/refresh-token", new { refresh_token = refreshToken });
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await ReadTokensAsync(response);
    }

    private async Task LogoutAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(string AccessToken, string RefreshToken)> ReadTokensAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("access_token").GetString()!, body.RootElement.GetProperty("refresh_token").GetString()!);
    }
}
