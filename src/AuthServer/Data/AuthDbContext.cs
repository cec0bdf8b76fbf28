using AuthServer.Sessions;
using AuthServer.SigningKeys;
using AuthServer.StatusLists;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Data;

/// <summary>
/// The database of every instance: users and their roles, sessions, refresh tokens, signing keys, server secrets. One subclass per
/// provider (<see cref="SqliteAuthDbContext"/>, <see cref="PostgresAuthDbContext"/>) carries that provider's migrations;
/// the rest of the app asks for this type.
/// </summary>
public abstract class AuthDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();

    public DbSet<StatusListCounter> StatusListCounters => Set<StatusListCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite hands them back without a Kind, so say it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
