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

    private const string SessionsPrefix = "sessions:";
    private const string UserPrefix = "user:";

    // A notification carries at most 8000 bytes; 150 ids of 37 characters stay well within that.
    private const int SessionsPerNotification = 150;

    /// <summary>Tells the other instances to drop what they cached about the sessions.</summary>
    public static async Task PublishSessionsAsync(AuthDbContext db, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in sessionIds.Chunk(SessionsPerNotification))
        {
            await PublishAsync(db, SessionsPrefix + string.Join(',', chunk.Select(id => id.ToString("D"))), cancellationToken);
        }
    }

    /// <summary>Tells the other instances to drop what they cached about the user, their <c>TokensValidAfterUtc</c>.</summary>
    public static Task PublishUserAsync(AuthDbContext db, Guid userId, CancellationToken cancellationToken) =>
        PublishAsync(db, UserPrefix + userId.ToString("D"), cancellationToken);

    /// <summary>Applies a notification to <paramref name="cache"/>; what it cannot read is ignored.</summary>
    public static void Apply(string payload, SessionStatusCache cache)
    {
        if (payload.StartsWith(SessionsPrefix, StringComparison.Ordinal))
        {
            foreach (var id in payload[SessionsPrefix.Length..].Split(','))
            {
                if (Guid.TryParse(id, out var sessionId))
                {
                    cache.ForgetSession(sessionId);
                }
            }
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
