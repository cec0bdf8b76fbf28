using Microsoft.EntityFrameworkCore;

namespace AuthServer.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "AuthDb";

    /// <summary>Registers <see cref="AuthDbContext"/> on SQLite and migrates the database on start.</summary>
    public static WebApplicationBuilder AddAuthServerData(this WebApplicationBuilder builder)
    {
        builder.Services.AddDbContextPool<AuthDbContext>((services, options) =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");
            options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);
        });
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }
}
