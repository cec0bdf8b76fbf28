using AuthServer.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The real server over its own <see cref="TestStorage"/> (a database on <see cref="TestDatabase.Provider"/> and a key
/// ring folder), with a test clock. Settings are overridable per factory; a second factory over the same storage is a
/// restart, or a second instance.
/// </summary>
public class AuthServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsStorage;

    public AuthServerFactory() : this(new Dictionary<string, string?>())
    {
    }

    internal AuthServerFactory(IDictionary<string, string?> settings, TestStorage? storage = null, TestTimeProvider? clock = null)
    {
        _ownsStorage = storage is null;
        Storage = storage ?? new TestStorage();
        Clock = clock ?? new TestTimeProvider();
        _settings = new Dictionary<string, string?>(Storage.Settings)
        {
            ["Auth:Issuer"] = "https://auth.test",
            ["Auth:Audience"] = "test-api",
            ["Auth:Password:WorkFactor"] = "4",
            ["Auth:LoginRateLimit:FailuresPerClient"] = "1000",
            ["Auth:LoginRateLimit:FailuresPerUsername"] = "1000",
            ["Auth:RegistrationRateLimit:PermitsPerClient"] = "100000",
            // Tests hold a hash in flight (GatedPasswordHasher) while others run; they are about rules, not CPU.
            ["Auth:Password:MaxConcurrentHashes"] = "4",
            ["Auth:Password:MaxQueuedHashes"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public TestStorage Storage { get; }

    public TestTimeProvider Clock { get; }

    /// <summary>The hosting environment; <c>Testing</c> unless a test checks what Production demands.</summary>
    public string Environment { get; init; } = "Testing";

    public string Setting(string key) => _settings[key]!;

    /// <summary>Runs <paramref name="query"/> against the server's database, for assertions on what was stored.</summary>
    public async Task<T> QueryAsync<T>(Func<AuthDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AuthDbContext>());
    }

    public Task<int> CountRowsAsync() => QueryAsync(async db =>
        await db.Users.CountAsync() + await db.Sessions.CountAsync() + await db.RefreshTokens.CountAsync());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // The shipped appsettings.json first, so the settings above and any test's own override it.
        builder.ConfigureAppConfiguration(config => config.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = false,
        }));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsStorage)
        {
            Storage.Dispose();
        }
    }
}
