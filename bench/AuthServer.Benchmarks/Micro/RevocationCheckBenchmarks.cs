using System.Globalization;
using System.Net.Http.Json;
using AuthServer.Sessions;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Benchmarks.Micro;

/// <summary>
/// The revocation check of every authenticated request (<see cref="SessionStatusCache.AcceptsAsync"/>) for a live session:
/// answered from the cache (<c>Auth:RevocationCacheDuration</c> 5 s), and with the cache off, a SQLite read each time.
/// </summary>
[MemoryDiagnoser]
public class RevocationCheckBenchmarks : IDisposable
{
    private const string Password = "seven otters load kestrel at night";

    private BenchServer? _server;
    private SessionStatusCache _sessions = null!;
    private (Guid User, Guid Session, DateTime IssuedAt) _token;

    [Params(true, false)]
    public bool Cached { get; set; }

    [GlobalSetup]
    public void Start()
    {
        _server = new BenchServer(new Dictionary<string, string>
        {
            ["Auth:Password:WorkFactor"] = "4",
            ["Auth:RevocationCacheDuration"] = Cached ? "00:00:05" : "00:00:00",
        });
        using var client = _server.CreateClient();
        client.PostAsJsonAsync("/register", new { username = "bench", password = Password }).Result.EnsureSuccessStatusCode();
        var login = client.PostAsJsonAsync("/login", new { username = "bench", password = Password }).Result.EnsureSuccessStatusCode();
        var jwt = new JsonWebToken(login.Content.ReadFromJsonAsync<Dictionary<string, object>>().Result!["access_token"].ToString());
        _token = (Guid.Parse(jwt.Subject, CultureInfo.InvariantCulture), Guid.Parse(jwt.GetClaim("sid").Value, CultureInfo.InvariantCulture), jwt.IssuedAt);
        _sessions = _server.Services.GetRequiredService<SessionStatusCache>();
    }

    [Benchmark]
    public ValueTask<bool> Check() => _sessions.AcceptsAsync(_token.User, _token.Session, _token.IssuedAt, CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
        GC.SuppressFinalize(this);
    }
}
