using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
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
    /// Registers <see cref="AuthDbContext"/> on the provider <c>Database:Provider</c> names, the hosted service that
    /// migrates the database on start, the health check, the Data Protection key ring that encrypts secrets at rest (a
    /// folder beside a SQLite file; the database itself on PostgreSQL), and the system clock.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        // Both pools are registered; only the configured provider's is ever used, so only its options are built.
        services.AddDbContextPool<SqliteAuthDbContext>((provider, options) =>
            options.UseSqlite(ConnectionString(provider)).AddInterceptors(SqlitePragmas.Instance));
        services.AddDbContextPool<PostgresAuthDbContext>((provider, options) =>
            options.UseNpgsql(ConnectionString(provider), npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null)));
        services.AddSingleton<SqliteWriteGate>();
        services.AddScoped<AuthDbContext>(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
            ? provider.GetRequiredService<PostgresAuthDbContext>()
            : WithWriteGate(provider.GetRequiredService<SqliteAuthDbContext>(), provider.GetRequiredService<SqliteWriteGate>()));
        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();

        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("AuthServer").ProtectKeysAtRest(builder.Configuration);
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DatabaseOptions>, IOptions<KeyRingOptions>, IServiceProvider>(
            (keyManagement, database, keyRing, provider) => keyManagement.XmlRepository = database.Value.Provider == DatabaseProvider.Postgres
                ? new EntityFrameworkCoreXmlRepository<PostgresAuthDbContext>(provider, provider.GetRequiredService<ILoggerFactory>())
                : new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(keyRing.Value.KeyRingPath)), provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<KeyEncryptionWarning>();
        return builder;
    }

    private static SqliteAuthDbContext WithWriteGate(SqliteAuthDbContext db, SqliteWriteGate gate)
    {
        db.WriteGate = gate;
        return db;
    }

    private static string ConnectionString(IServiceProvider provider) =>
        provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
        ?? throw new OptionsValidationException(ConnectionStringName, typeof(DatabaseOptions), [$"ConnectionStrings:{ConnectionStringName} is not set: set it to a SQLite file (Data Source=…) or, with Database:Provider Postgres, an Npgsql connection string."]);
}
