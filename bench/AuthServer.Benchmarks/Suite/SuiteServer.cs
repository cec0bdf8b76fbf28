using System.Globalization;
using System.Security.Cryptography;
using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// The server the suite measures: the Release build as its own process in Production, on a fresh SQLite file and key ring,
/// at work factor <see cref="SuiteOptions.WorkFactor"/>, with the shipped settings but those given and a
/// registration limit high enough for the suite's users. Users are <c>bench-000</c>, <c>bench-001</c>, … .
/// </summary>
internal sealed class SuiteServer : IAsyncDisposable
{
    private readonly TemporaryFolder _folder;
    private readonly ServerInstance _instance;

    private SuiteServer(TemporaryFolder folder, ServerInstance instance)
    {
        _folder = folder;
        _instance = instance;
    }

    public Uri Address => _instance.Address;

    public ServerInstance Instance => _instance;

    public string DatabasePath => Path.Combine(_folder.Path, "auth.db");

    public static async Task<SuiteServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = new TemporaryFolder();
        var all = new Dictionary<string, string>
        {
            ["ConnectionStrings:AuthDb"] = $"Data Source={Path.Combine(folder.Path, "auth.db")}",
            ["Auth:KeyRingPath"] = Path.Combine(folder.Path, "keys"),
            ["Auth:KeyEncryption:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth:Issuer"] = "https://bench.test",
            ["Auth:Password:WorkFactor"] = SuiteOptions.WorkFactor.ToString(CultureInfo.InvariantCulture),
            ["Auth:RegistrationRateLimit:PermitsPerClient"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new SuiteServer(folder, await ServerInstance.StartAsync(all));
    }

    public static string Username(int user) => string.Create(CultureInfo.InvariantCulture, $"bench-{user:D3}");

    public static string Password(int user) => string.Create(CultureInfo.InvariantCulture, $"suite passphrase {user:D3} for the benchmark");

    public byte[] LoginRequest(int user) =>
        RawHttpConnection.PostJson(Address, "/login", $$"""{"username":"{{Username(user)}}","password":"{{Password(user)}}"}""");

    public byte[] RefreshRequest(string refreshToken) =>
        RawHttpConnection.PostJson(Address, "/refresh-token", $$"""{"refresh_token":"{{refreshToken}}"}""");

    /// <summary>Registers users <c>0</c> to <paramref name="count"/> − 1, a few at a time.</summary>
    public async Task RegisterAsync(int count)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var connection = await RawHttpConnection.OpenAsync(Address);
            for (var user = Interlocked.Increment(ref next); user < count; user = Interlocked.Increment(ref next))
            {
                var (status, _) = await connection.SendAsync(RawHttpConnection.PostJson(Address, "/register",
                    $$"""{"username":"{{Username(user)}}","password":"{{Password(user)}}"}"""));
                if (status != 201)
                {
                    throw new InvalidOperationException($"Registering {Username(user)} answered {status}.");
                }
            }
        }));
    }

    /// <summary>Logs each of <paramref name="users"/> in once: a new session each, its access and refresh token.</summary>
    public async Task<(string AccessToken, string RefreshToken)[]> LogInAsync(IReadOnlyList<int> users)
    {
        var sessions = new (string, string)[users.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var connection = await RawHttpConnection.OpenAsync(Address);
            for (var i = Interlocked.Increment(ref next); i < users.Count; i = Interlocked.Increment(ref next))
            {
                sessions[i] = await LogInAsync(connection, users[i]);
            }
        }));
        return sessions;
    }

    public async Task<(string AccessToken, string RefreshToken)> LogInAsync(RawHttpConnection connection, int user)
    {
        var (status, body) = await connection.SendAsync(LoginRequest(user));
        return status == 200
            ? (JsonField.Read(body.Span, "access_token")!, JsonField.Read(body.Span, "refresh_token")!)
            : throw new InvalidOperationException($"Logging {Username(user)} in answered {status}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _instance.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
