using AuthServer.Data;
using AuthServer.StatusLists;
using AuthServer.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Sessions;

/// <summary>
/// Ends sessions: their refresh tokens stop working, their access tokens are refused at once on this instance, and
/// their status-list entries read revoked; on the other instances when the <see cref="RevocationChannel"/>
/// notification arrives.
/// </summary>
public sealed class SessionRevoker(
    AuthDbContext db,
    SessionStatusCache statusCache,
    StatusListStore statusLists,
    AuthMetrics metrics,
    TimeProvider time,
    ILogger<SessionRevoker> logger)
{
    /// <summary>Revokes the session unless it is revoked already; returns whether this call revoked it.</summary>
    public async Task<bool> RevokeAsync(Guid sessionId, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.InWriteTransactionAsync(async ct =>
        {
            var session = await db.Sessions.Where(s => s.Id == sessionId && s.RevokedAtUtc == null)
                .Select(s => new RevokedSession(s.Id, s.StatusList, s.StatusIndex))
                .SingleOrDefaultAsync(ct);
            var changed = session is null ? 0 : await db.Sessions
                .Where(s => s.Id == sessionId && s.RevokedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAtUtc, now).SetProperty(x => x.RevocationReason, reason), ct);
            if (changed == 0)
            {
                return null;
            }

            await RevocationChannel.PublishSessionsAsync(db, [session!], ct);
            return session;
        }, cancellationToken);
        statusCache.ForgetSession(sessionId);
        if (revoked is null)
        {
            return false;
        }

        statusLists.MarkRevoked(revoked.Entry is { } entry ? [entry] : []);
        logger.SessionRevoked(sessionId, reason);
        metrics.SessionsRevoked(reason, 1);
        return true;
    }

    /// <summary>
    /// Revokes every session of the user and moves their <c>TokensValidAfterUtc</c> to now, so every token issued so
    /// far is refused, in one transaction. Returns how many sessions it revoked.
    /// </summary>
    public async Task<int> RevokeAllAsync(Guid userId, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        var revoked = await db.InWriteTransactionAsync(ct => RevokeAllInTransactionAsync(userId, reason, ct), cancellationToken);
        Announce(revoked);
        return revoked.Sessions.Count;
    }

    /// <summary>
    /// The writes of <see cref="RevokeAllAsync"/>, in the caller's transaction, for a change that must commit together
    /// with them (a new password). Call <see cref="Announce"/> once the transaction has committed.
    /// </summary>
    public async Task<RevokedSessions> RevokeAllInTransactionAsync(Guid userId, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("RevokeAllInTransactionAsync needs the caller's transaction; use RevokeAllAsync otherwise.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TokensValidAfterUtc, now), cancellationToken);
        var sessions = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAtUtc == null)
            .Select(s => new RevokedSession(s.Id, s.StatusList, s.StatusIndex))
            .ToListAsync(cancellationToken);
        var sessionIds = sessions.ConvertAll(s => s.Id);
        await db.Sessions
            .Where(s => sessionIds.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAtUtc, now).SetProperty(x => x.RevocationReason, reason), cancellationToken);
        await RevocationChannel.PublishUserAsync(db, userId, cancellationToken);
        await RevocationChannel.PublishSessionsAsync(db, sessions, cancellationToken);
        return new RevokedSessions(userId, sessions, reason);
    }

    /// <summary>After the commit: drops this instance's cached answers about the sessions, logs and counts them.</summary>
    public void Announce(RevokedSessions revoked)
    {
        // Only after the commit: a status load in between would otherwise cache what is about to change.
        statusCache.ForgetUser(revoked.UserId);
        foreach (var session in revoked.Sessions)
        {
            statusCache.ForgetSession(session.Id);
        }

        statusLists.MarkRevoked(revoked.Sessions.Select(s => s.Entry).OfType<StatusListEntry>());
        logger.AllSessionsRevoked(revoked.UserId, revoked.Sessions.Count, revoked.Reason);
        metrics.SessionsRevoked(revoked.Reason, revoked.Sessions.Count);
    }
}
