using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthServer.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "AuthDb";

    /// <summary>
    /// Registers <see cref="AuthDbContext"/> on SQLite, the hosted service that migrates the database on start, the
    /// health check, the Data Protection key ring that encrypts secrets at rest, and the system clock.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextPool<AuthDbContext>((provider, options) =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");
            options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);
        });
        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("AuthServer");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<KeyRingOptions>, ILoggerFactory>((keyManagement, keyRing, loggers) =>
            keyManagement.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(keyRing.Value.KeyRingPath)), loggers));
        return builder;
    }
}
