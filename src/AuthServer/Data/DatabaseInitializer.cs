using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace AuthServer.Data;

/// <summary>
/// Before the server answers: applies the migrations. On SQLite it first creates the file's folder, and turns on WAL
/// mode. On PostgreSQL, where several instances may start at once on an empty database, it holds an advisory lock while
/// it migrates and creates the first Data Protection key, so that the instances migrate once and share one key.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    IDataProtectionProvider dataProtection,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        if (options.Value.Provider == DatabaseProvider.Postgres)
        {
            await MigratePostgresAsync(db, cancellationToken);
        }
        else
        {
            await MigrateSqliteAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateSqliteAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers run beside the one writer; the mode is stored in the file, so once is enough.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        logger.DatabaseReady(dataSource);
    }

    private async Task MigratePostgresAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.LockForConnectionAsync(DeploymentWork.Startup, cancellationToken);
            try
            {
                // Created first, so that the migrator does not log a failed query of a table that is not there yet.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                // The first use of Data Protection creates the key ring's first key; under the lock, the instances that
                // wait for it find that key instead of each making its own.
                dataProtection.CreateProtector("AuthServer.Startup").Protect([1]);
            }
            finally
            {
                await db.Database.UnlockAsync(DeploymentWork.Startup);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        logger.DatabaseReady(db.Database.GetDbConnection().Database);
    }
}
