using System.Globalization;
using AuthServer.Data;
using AuthServer.StatusLists;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Sessions;

/// <summary>
/// How a revocation reaches the other instances on PostgreSQL (their caches of sessions and their status lists): a
/// <c>NOTIFY</c> on <see cref="Name"/> sent in the
/// revoking transaction, so it is delivered exactly when the revocation commits, and never for one that rolls back.
/// <see cref="RevocationListener"/> receives it. On SQLite there is one instance, and nothing to tell.
/// </summary>
public static class RevocationChannel
{
    public const string Name = "authserver_revocations";

    private const string SessionsPrefix = "sessions:";
    private const string UserPrefix = "user:";

    // A notification carries at most 8000 bytes; 150 sessions of at most 59 characters stay well within that.
    private const int SessionsPerNotification = 150;

    /// <summary>Tells the other instances to drop what they cached about the sessions, and to set their status-list entries.</summary>
    public static async Task PublishSessionsAsync(AuthDbContext db, IReadOnlyCollection<RevokedSession> sessions, CancellationToken cancellationToken)
    {
        foreach (var chunk in sessions.Chunk(SessionsPerNotification))
        {
            await PublishAsync(db, SessionsPrefix + string.Join(',', chunk.Select(Format)), cancellationToken);
        }
    }

    /// <summary>Tells the other instances to drop what they cached about the user, their <c>TokensValidAfterUtc</c>.</summary>
    public static Task PublishUserAsync(AuthDbContext db, Guid userId, CancellationToken cancellationToken) =>
        PublishAsync(db, UserPrefix + userId.ToString("D"), cancellationToken);

    /// <summary>Applies a notification to this instance's caches; what it cannot read is ignored.</summary>
    public static void Apply(string payload, SessionStatusCache sessions, StatusListStore statusLists)
    {
        if (payload.StartsWith(SessionsPrefix, StringComparison.Ordinal))
        {
            foreach (var session in payload[SessionsPrefix.Length..].Split(','))
            {
                var parts = session.Split(':');
                if (Guid.TryParse(parts[0], out var sessionId))
                {
                    sessions.ForgetSession(sessionId);
                }

                if (parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var list) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var index))
                {
                    statusLists.MarkRevoked([new StatusListEntry(list, index)]);
                }
            }
        }
        else if (payload.StartsWith(UserPrefix, StringComparison.Ordinal) && Guid.TryParse(payload.AsSpan(UserPrefix.Length), out var userId))
        {
            sessions.ForgetUser(userId);
        }
    }

    // "id:list:index", or "id" for a session without an entry.
    private static string Format(RevokedSession session) => session.Entry is { } entry
        ? string.Create(CultureInfo.InvariantCulture, $"{session.Id:D}:{entry.List}:{entry.Index}")
        : session.Id.ToString("D");

    private static async Task PublishAsync(AuthDbContext db, string payload, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Name}, {payload})", cancellationToken);
        }
    }
}
