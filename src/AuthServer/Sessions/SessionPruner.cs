using System.Linq.Expressions;
using AuthServer.Data;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Sessions;

/// <summary>
/// Deletes ended sessions and spent refresh tokens once <see cref="PruningOptions.Retention"/> has passed since
/// they ended, in batches of <see cref="PruningOptions.BatchSize"/> rows, each its own short transaction, so
/// the database stays bounded under endless login and refresh churn without holding the write lock for long.
/// </summary>
public sealed class SessionPruner(
    IServiceScopeFactory scopes,
    IOptions<PruningOptions> options,
    IOptions<TokenOptions> tokenOptions,
    TimeProvider time,
    ILogger<SessionPruner> logger)
{
    /// <summary>Runs one pass: first ended sessions with their tokens, then spent tokens of live sessions. A live session is never deleted.</summary>
    public async Task<PruneResult> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One instance of a deployment prunes at a time; the others skip the pass.
            if (!await db.Database.TryLockForConnectionAsync(DeploymentWork.Pruning, cancellationToken))
            {
                logger.PruningSkipped();
                return new PruneResult(0, 0);
            }

            try
            {
                return await PruneLockedAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.UnlockAsync(DeploymentWork.Pruning);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<PruneResult> PruneLockedAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.RetentionFor(tokenOptions.Value);
        // A revoked session stays until its access tokens have expired, so its status-list entry reads revoked while any
        // of them could be presented: whatever the retention, at least an access-token lifetime plus the clock skew.
        var sessionCutoff = Min(cutoff, now - tokenOptions.Value.AccessTokenLifetime - ConfigureJwtBearerOptions.ClockSkew);
        // Redundant with the retention rule below, and kept as a guard: a live session is never deleted.
        var notLive = SessionLiveness.EndedAt(now);
        var endedLongAgo = EndedBefore(sessionCutoff);
        var spent = Spent(cutoff);
        var batchSize = options.Value.BatchSize;
        var sessions = 0;
        var refreshTokens = 0;
        while (true)
        {
            // Ids are read first, outside any write transaction, so that the scan does not hold SQLite's write lock.
            // In id order: version 7 ids are time-ordered, so the oldest go first, and SQLite walks the primary key
            // and stops at the batch size instead of sorting the table.
            var sessionIds = await db.Sessions.AsNoTracking().Where(notLive).Where(endedLongAgo).OrderBy(s => s.Id).Select(s => s.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (sessionIds.Count == 0)
            {
                break;
            }

            // The tokens first, in batches, so that the session delete does not cascade into one huge statement.
            refreshTokens += await DeleteInBatchesAsync(
                () => db.RefreshTokens.Where(t => sessionIds.Contains(t.SessionId)).OrderBy(t => t.Id).Take(batchSize).ExecuteDeleteAsync(cancellationToken),
                cancellationToken);
            sessions += await db.Sessions.Where(s => sessionIds.Contains(s.Id)).Where(notLive).Where(endedLongAgo).ExecuteDeleteAsync(cancellationToken);
            if (sessionIds.Count < batchSize)
            {
                break;
            }

            await PauseAsync(cancellationToken);
        }

        while (true)
        {
            var tokenIds = await db.RefreshTokens.AsNoTracking().Where(spent).OrderBy(t => t.Id).Select(t => t.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (tokenIds.Count == 0)
            {
                break;
            }

            refreshTokens += await db.RefreshTokens.Where(t => tokenIds.Contains(t.Id)).Where(spent).ExecuteDeleteAsync(cancellationToken);
            if (tokenIds.Count < batchSize)
            {
                break;
            }

            await PauseAsync(cancellationToken);
        }

        var result = new PruneResult(sessions, refreshTokens);
        var elapsed = time.GetElapsedTime(started);
        if (sessions + refreshTokens > 0)
        {
            logger.Pruned(sessions, refreshTokens, elapsed.TotalMilliseconds);
        }
        else
        {
            logger.NothingToPrune(elapsed.TotalMilliseconds);
        }

        return result;
    }

    /// <summary>
    /// Of the sessions that are no longer live (<see cref="SessionLiveness"/>), those that ended before <paramref name="cutoff"/>:
    /// revoked, past their absolute end, or idle until their last refresh token expired.
    /// </summary>
    private static Expression<Func<Session, bool>> EndedBefore(DateTime cutoff) =>
        s => s.RevokedAtUtc < cutoff || s.ExpiresAtUtc < cutoff || s.RefreshExpiresAtUtc < cutoff;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>Expired, or consumed, before <paramref name="cutoff"/>.</summary>
    private static Expression<Func<RefreshToken, bool>> Spent(DateTime cutoff) =>
        t => t.ExpiresAtUtc < cutoff || t.ConsumedAtUtc < cutoff;

    private async Task<int> DeleteInBatchesAsync(Func<Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var deleted = await deleteBatch();
            total += deleted;
            if (deleted < options.Value.BatchSize)
            {
                return total;
            }

            await PauseAsync(cancellationToken);
        }
    }

    private Task PauseAsync(CancellationToken cancellationToken) =>
        options.Value.BatchPause > TimeSpan.Zero ? Task.Delay(options.Value.BatchPause, time, cancellationToken) : Task.CompletedTask;
}
