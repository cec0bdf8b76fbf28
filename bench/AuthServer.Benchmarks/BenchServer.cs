using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Benchmarks;

/// <summary>
/// The real server in process, on its own SQLite file, with the default settings but the ones given, and on
/// <paramref name="clock"/> instead of the system clock when one is given.
/// </summary>
internal sealed class BenchServer(IDictionary<string, string> settings, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("authserver-bench-").FullName;

    static BenchServer() =>
        // WebApplicationFactory looks for the app's folder next to a solution it finds only from test projects; point it here.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_AUTHSERVER", AppContext.BaseDirectory);

    public string DatabasePath => Path.Combine(_folder, "auth.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:AuthDb", $"Data Source={DatabasePath}");
        builder.UseSetting("Auth:KeyRingPath", Path.Combine(_folder, "keys"));
        builder.UseSetting("Auth:LoginRateLimit:FailuresPerClient", "1000000");
        builder.UseSetting("Auth:LoginRateLimit:FailuresPerUsername", "1000000");
        builder.UseSetting("Auth:RegistrationRateLimit:PermitsPerClient", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
