using AuthServer.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tokens;

/// <summary>Ends sessions: their refresh tokens stop working and their access tokens are refused at once on this instance.</summary>
public sealed class SessionRevoker(AuthDbContext db, SessionStatusCache statusCache, TimeProvider time, ILogger<SessionRevoker> logger)
{
    /// <summary>Revokes the session unless it is revoked already; returns whether this call revoked it.</summary>
    public async Task<bool> RevokeAsync(Guid sessionId, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.Sessions
            .Where(s => s.Id == sessionId && s.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAtUtc, now).SetProperty(x => x.RevocationReason, reason), cancellationToken);
        statusCache.Forget(sessionId);
        if (revoked == 0)
        {
            return false;
        }

        logger.SessionRevoked(sessionId, reason);
        return true;
    }

    /// <summary>Revokes every live session of the user; returns how many it revoked.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var live = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAtUtc == null).Select(s => s.Id).ToListAsync(cancellationToken);
        var revoked = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAtUtc, now).SetProperty(x => x.RevocationReason, reason), cancellationToken);
        foreach (var sessionId in live)
        {
            statusCache.Forget(sessionId);
            logger.SessionRevoked(sessionId, reason);
        }

        return revoked;
    }
}
