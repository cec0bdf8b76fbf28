using AuthServer.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Sessions;

/// <summary>A user's own view of their sessions: where they are signed in, and ending one of them.</summary>
public sealed class UserSessions(AuthDbContext db, SessionRevoker revoker, TimeProvider time)
{
    /// <summary>The user's live sessions, the most recently used first.</summary>
    public async Task<List<Session>> ListLiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId)
            .Where(SessionLiveness.LiveAt(now))
            .OrderByDescending(s => s.LastUsedAtUtc)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Ends one of the user's sessions; returns false, changing nothing, when it is not one of theirs.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken))
        {
            return false;
        }

        await revoker.RevokeAsync(sessionId, SessionRevocationReason.EndedByUser, cancellationToken);
        return true;
    }
}
