using AuthServer.Data;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthServer.Tests.Data;

/// <summary>A database made by an earlier release keeps working: its sessions get what later migrations add.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task SessionsFromBeforeTheirRefreshDeadline_GetTheExpiryOfTheirLiveRefreshToken_OrEndAtTheirLastUse()
    {
        using var storage = new TestStorage();
        await using var db = Context(storage);
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_StatusListsAndRefreshExpiry", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before);
        var userId = Guid.NewGuid();
        var live = Guid.NewGuid();
        var ended = Guid.NewGuid();
        var t0 = new DateTime(2041, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        await ExecuteAsync(db, """INSERT INTO "Users" ("Id", "Username", "NormalizedUsername", "PasswordHash", "CreatedAtUtc", "TokensValidAfterUtc") VALUES ({0}, 'old', 'OLD', 'x', {1}, {1})""", Id(userId), t0);
        foreach (var (session, lastUsed) in new[] { (live, t0.AddDays(2)), (ended, t0.AddDays(1)) })
        {
            await ExecuteAsync(db, """INSERT INTO "Sessions" ("Id", "UserId", "CreatedAtUtc", "LastUsedAtUtc", "ExpiresAtUtc") VALUES ({0}, {1}, {2}, {3}, {4})""",
                Id(session), Id(userId), t0, lastUsed, t0.AddDays(30));
        }

        await InsertTokenAsync(db, live, issued: t0, consumed: t0.AddDays(2));
        await InsertTokenAsync(db, live, issued: t0.AddDays(2), consumed: null);
        await InsertTokenAsync(db, ended, issued: t0, consumed: t0.AddDays(1));

        await db.Database.MigrateAsync();

        var deadlines = await db.Sessions.ToDictionaryAsync(s => s.Id, s => s.RefreshExpiresAtUtc);
        Assert.Equal(t0.AddDays(9), deadlines[live]);
        Assert.Equal(t0.AddDays(1), deadlines[ended]);
        Assert.Equal(0, await db.StatusListCounters.Select(c => c.Allocated).SingleAsync());
    }

    private static Task<int> InsertTokenAsync(AuthDbContext db, Guid session, DateTime issued, DateTime? consumed) => ExecuteAsync(db,
        $$"""INSERT INTO "RefreshTokens" ("Id", "SessionId", "TokenHash", "IssuedAtUtc", "ExpiresAtUtc", "ConsumedAtUtc") VALUES ({0}, {1}, {2}, {3}, {4}, {{(consumed is null ? "NULL" : "{5}")}})""",
        Id(Guid.NewGuid()), Id(session), Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray(), issued, issued.AddDays(7), consumed ?? default);

    private static Task<int> ExecuteAsync(AuthDbContext db, string sql, params object[] values) => db.Database.ExecuteSqlRawAsync(sql, values);

    // As each provider stores a Guid: uuid on PostgreSQL, upper-case text on SQLite.
    private static object Id(Guid id) => TestDatabase.IsPostgres ? id : id.ToString().ToUpperInvariant();

    private static AuthDbContext Context(TestStorage storage) => TestDatabase.IsPostgres
        ? new PostgresAuthDbContext(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(storage.ConnectionString).Options)
        : new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(storage.ConnectionString).Options);
}
