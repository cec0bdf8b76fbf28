using AuthServer.Data;
using AuthServer.Telemetry;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tokens;

/// <summary>Ends sessions: their refresh tokens stop working and their access tokens are refused at once on this instance.</summary>
public sealed class SessionRevoker(AuthDbContext db, SessionStatusCache statusCache, AuthMetrics metrics, TimeProvider time, ILogger<SessionRevoker> logger)
{
    /// <summary>Revokes the session unless it is revoked already; returns whether this call revoked it.</summary>
    public async Task<bool> RevokeAsync(Guid sessionId, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.Sessions
            .Where(s => s.Id == sessionId && s.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAtUtc, now).SetProperty(x => x.RevocationReason, reason), cancellationToken);
        statusCache.ForgetSession(sessionId);
        if (revoked == 0)
        {
            return false;
        }

        logger.SessionRevoked(sessionId, reason);
        metrics.SessionsRevoked(reason, 1);
        return true;
    }

    /// <summary>
    /// Revokes every session of the user and moves their <c>TokensValidAfterUtc</c> to now, so every token
    /// issued so far is refused. Pending changes to <paramref name="user"/> (a new password hash) are saved in
    /// the same transaction. Returns how many sessions it revoked.
    /// </summary>
    public async Task<int> RevokeAllAsync(User user, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<Guid> revoked;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            user.TokensValidAfterUtc = now;
            await db.SaveChangesAsync(cancellationToken);
            revoked = await db.Sessions.Where(s => s.UserId == user.Id && s.RevokedAtUtc == null).Select(s => s.Id).ToListAsync(cancellationToken);
            await db.Sessions
                .Where(s => revoked.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAtUtc, now).SetProperty(x => x.RevocationReason, reason), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Only after the commit: a status load in between would otherwise cache what is about to change.
        statusCache.ForgetUser(user.Id);
        foreach (var sessionId in revoked)
        {
            statusCache.ForgetSession(sessionId);
        }

        logger.AllSessionsRevoked(user.Id, revoked.Count, reason);
        metrics.SessionsRevoked(reason, revoked.Count);
        return revoked.Count;
    }
}
