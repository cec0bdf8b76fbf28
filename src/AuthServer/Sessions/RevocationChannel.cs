using AuthServer.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Sessions;

/// <summary>
/// How a revocation reaches the other instances on PostgreSQL: a <c>NOTIFY</c> on <see cref="Name"/> sent in the
/// revoking transaction, so it is delivered exactly when the revocation commits, and never for one that rolls back.
/// <see cref="RevocationListener"/> receives it. On SQLite there is one instance, and nothing to tell.
/// </summary>
public static class RevocationChannel
{
    public const string Name = "authserver_revocations";

    private const string SessionPrefix = "session:";
    private const string UserPrefix = "user:";

    /// <summary>Tells the other instances to drop what they cached about the session.</summary>
    public static Task PublishSessionAsync(AuthDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        PublishAsync(db, SessionPrefix + sessionId.ToString("D"), cancellationToken);

    /// <summary>Tells the other instances to drop what they cached about the user, their <c>TokensValidAfterUtc</c>.</summary>
    public static Task PublishUserAsync(AuthDbContext db, Guid userId, CancellationToken cancellationToken) =>
        PublishAsync(db, UserPrefix + userId.ToString("D"), cancellationToken);

    /// <summary>Applies a notification to <paramref name="cache"/>; an unknown payload is ignored.</summary>
    public static void Apply(string payload, SessionStatusCache cache)
    {
        if (payload.StartsWith(SessionPrefix, StringComparison.Ordinal) && Guid.TryParse(payload.AsSpan(SessionPrefix.Length), out var sessionId))
        {
            cache.ForgetSession(sessionId);
        }
        else if (payload.StartsWith(UserPrefix, StringComparison.Ordinal) && Guid.TryParse(payload.AsSpan(UserPrefix.Length), out var userId))
        {
            cache.ForgetUser(userId);
        }
    }

    private static async Task PublishAsync(AuthDbContext db, string payload, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Name}, {payload})", cancellationToken);
        }
    }
}
