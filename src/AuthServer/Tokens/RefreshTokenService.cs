using AuthServer.Data;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.StatusLists;
using AuthServer.Telemetry;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>
/// Starts sessions and rotates their refresh tokens: every use consumes the presented token and issues its
/// successor; a consumed token that comes back revokes the session (RFC 9700 §4.14.2), except the
/// immediately previous one within <see cref="TokenOptions.RefreshTokenReuseLeeway"/>, which gets the same
/// successor again.
/// </summary>
public sealed class RefreshTokenService(
    AuthDbContext db,
    RefreshTokenCodec codec,
    AccessTokenIssuer accessTokens,
    StatusListAllocator statusLists,
    SessionRevoker revoker,
    AuthMetrics metrics,
    IOptions<TokenOptions> options,
    TimeProvider time,
    ILogger<RefreshTokenService> logger)
{
    private static readonly Refusal Invalid = Refusal.InvalidGrant("The refresh token is invalid, expired or revoked.");
    private static readonly Refusal Reused = Refusal.InvalidGrant("The refresh token was already used; the session has been revoked.");

    /// <summary>
    /// Opens a session for <paramref name="user"/> with the granted <paramref name="scope"/> and issues its first
    /// tokens; returns null when the user's tokens were cut off (password change, logout-all) after
    /// <paramref name="authenticatedAtUtc"/>, when the password was checked, or the user is disabled. The access token
    /// carries the roles loaded with <paramref name="user"/>.
    /// </summary>
    public async Task<TokenResponse?> StartSessionAsync(
        User user, DateTime authenticatedAtUtc, ClientInfo client, string? scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refreshToken = RefreshTokenCodec.NewToken();
        var started = await db.InWriteTransactionAsync(async ct =>
        {
            // The check takes the user's row lock: a cut-off (or a disabling) committed first refuses this login; one
            // that commits after waits for this transaction, then sees this session and revokes it. Without it, a login
            // that checked the old password while the password changed would get a session that escaped the change.
            var unchanged = await db.Users.Where(u => u.Id == user.Id && u.TokensValidAfterUtc <= authenticatedAtUtc && u.DisabledAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.TokensValidAfterUtc, x => x.TokensValidAfterUtc), ct);
            if (unchanged == 0)
            {
                return null;
            }

            var entry = await statusLists.AllocateAsync(db, ct);
            var session = new Session
            {
                Id = Guid.CreateVersion7(now),
                UserId = user.Id,
                CreatedAtUtc = now.UtcDateTime,
                LastUsedAtUtc = now.UtcDateTime,
                ExpiresAtUtc = now.UtcDateTime + options.Value.SessionLifetime,
                UserAgent = client.UserAgent,
                IpAddress = client.IpAddress,
                Scope = scope,
                StatusList = entry.List,
                StatusIndex = entry.Index,
            };
            var stored = NewRefreshToken(session, refreshToken, now);
            session.RefreshExpiresAtUtc = stored.ExpiresAtUtc;
            db.Sessions.Add(session);
            db.RefreshTokens.Add(stored);
            await db.SaveChangesAsync(ct);
            return new StartedSession(session, stored.ExpiresAtUtc);
        }, cancellationToken);
        if (started is null)
        {
            return null;
        }

        logger.SessionStarted(started.Session.Id, user.Id);
        return Respond(user, started.Session, scope, refreshToken, started.RefreshTokenExpiresAtUtc, now.UtcDateTime);
    }

    /// <summary>
    /// Consumes <paramref name="presented"/> and issues its successor. The new access token gets
    /// <paramref name="requestedScope"/> when given (at most the session's scope), else the session's scope.
    /// A refused scope (<c>invalid_scope</c>) consumes nothing.
    /// </summary>
    public async Task<Result<TokenResponse>> RotateAsync(string presented, string? requestedScope, CancellationToken cancellationToken)
    {
        if (presented.Length > RefreshTokenCodec.MaxTokenLength)
        {
            return Refuse();
        }

        // One connection for the read and the write, instead of taking one from the pool and returning it for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await RotateOnOpenConnectionAsync(presented, requestedScope, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Result<TokenResponse>> RotateOnOpenConnectionAsync(string presented, string? requestedScope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = RefreshTokenCodec.Hash(presented);
        // Read and judged outside any transaction: an unknown, used or unusable token never takes a write lock.
        var token = await FindByHash(db, hash, cancellationToken);
        if (token is null)
        {
            return Refuse();
        }

        if (token.ConsumedAtUtc is not null)
        {
            return await AnswerRepeatAsync(token, presented, requestedScope, now.UtcDateTime, cancellationToken);
        }

        if (token.ExpiresAtUtc <= now.UtcDateTime || !IsUsable(token.Session, now.UtcDateTime))
        {
            return Refuse();
        }

        var scope = ScopePolicy.ForRefresh(requestedScope, token.Session.Scope);
        if (!scope.Succeeded)
        {
            return scope.Refusal;
        }

        var successorToken = codec.Successor(presented);
        var successor = NewRefreshToken(token.Session, successorToken, now);
        var consumption = await db.InWriteTransactionAsync(ct => ConsumeAsync(token, successor, now.UtcDateTime, ct), cancellationToken);
        switch (consumption.Outcome)
        {
            case Consumption.Consumed:
                if (consumption.Allocated is { } entry)
                {
                    (token.Session.StatusList, token.Session.StatusIndex) = (entry.List, entry.Index);
                }

                logger.SessionRefreshed(token.SessionId);
                metrics.Refresh(MetricOutcomes.Rotated);
                return Respond(token.Session.User, token.Session, scope.Value, successorToken, successor.ExpiresAtUtc, now.UtcDateTime);
            case Consumption.ConsumedBefore:
                // Another request consumed it first: from here on this is a repeat like any other.
                var consumed = await FindById(db, token.Id, cancellationToken);
                return consumed is null ? Refuse() : await AnswerRepeatAsync(consumed, presented, requestedScope, now.UtcDateTime, cancellationToken);
            default:
                return Refuse();
        }
    }

    /// <summary>The session a refresh token belongs to, whatever its state, or null for an unknown token.</summary>
    public async Task<Guid?> FindSessionIdAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (refreshToken.Length > RefreshTokenCodec.MaxTokenLength)
        {
            return null;
        }

        var hash = RefreshTokenCodec.Hash(refreshToken);
        return await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.SessionId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The write of a rotation, one short transaction: touch the session unless it was revoked since it was read, give it
    /// a status-list entry if it began before there were any, then consume the presented token with a compare-and-set
    /// (of all requests racing with one token, exactly one changes the row), then insert its successor. What it allocated
    /// is returned, not set on the loaded session: a transaction run again must not find it set. The three statements are
    /// plain SQL, the same on both providers: SQLite's one write lock is held throughout, and EF Core's LINQ translation
    /// and change tracking cost more CPU than the statements themselves (bench/README.md).
    /// </summary>
    private async Task<(Consumption Outcome, StatusListEntry? Allocated)> ConsumeAsync(
        RefreshToken token, RefreshToken successor, DateTime now, CancellationToken cancellationToken)
    {
        var live = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Sessions" SET "LastUsedAtUtc" = {now}, "RefreshExpiresAtUtc" = {successor.ExpiresAtUtc} WHERE "Id" = {token.SessionId} AND "RevokedAtUtc" IS NULL""",
            cancellationToken);
        if (live == 0)
        {
            return (Consumption.SessionEnded, null);
        }

        StatusListEntry? allocated = null;
        if (token.Session.StatusList is null)
        {
            var entry = await statusLists.AllocateAsync(db, cancellationToken);
            var given = await db.Sessions.Where(s => s.Id == token.SessionId && s.StatusList == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.StatusList, entry.List).SetProperty(x => x.StatusIndex, entry.Index), cancellationToken);
            allocated = given == 1 ? entry : null;
        }

        var consumed = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "RefreshTokens" SET "ConsumedAtUtc" = {now}, "ReplacedById" = {successor.Id} WHERE "Id" = {token.Id} AND "ConsumedAtUtc" IS NULL""",
            cancellationToken);
        if (consumed == 0)
        {
            return (Consumption.ConsumedBefore, null);
        }

        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "RefreshTokens" ("Id", "SessionId", "TokenHash", "IssuedAtUtc", "ExpiresAtUtc") VALUES ({successor.Id}, {successor.SessionId}, {successor.TokenHash}, {successor.IssuedAtUtc}, {successor.ExpiresAtUtc})""",
            cancellationToken);
        return (Consumption.Consumed, allocated);
    }

    private async Task<Result<TokenResponse>> AnswerRepeatAsync(
        RefreshToken token, string presented, string? requestedScope, DateTime now, CancellationToken cancellationToken)
    {
        var leeway = options.Value.RefreshTokenReuseLeeway;
        // A zero leeway makes every repeat a reuse, even one whose clock reads earlier than the consuming request's.
        if (leeway > TimeSpan.Zero && token.ConsumedAtUtc + leeway > now && IsUsable(token.Session, now))
        {
            // Only the immediately previous token qualifies: its successor must still be the session's live token.
            var successorToken = codec.Successor(presented);
            var successorHash = RefreshTokenCodec.Hash(successorToken);
            var successor = await db.RefreshTokens.AsNoTracking()
                .SingleOrDefaultAsync(t => t.TokenHash == successorHash && t.Id == token.ReplacedById, cancellationToken);
            if (successor is { ConsumedAtUtc: null } && successor.ExpiresAtUtc > now)
            {
                var scope = ScopePolicy.ForRefresh(requestedScope, token.Session.Scope);
                if (!scope.Succeeded)
                {
                    return scope.Refusal;
                }

                logger.RefreshRepeatedWithinLeeway(token.SessionId);
                metrics.Refresh(MetricOutcomes.Repeated);
                return Respond(token.Session.User, token.Session, scope.Value, successorToken, successor.ExpiresAtUtc, now);
            }
        }

        metrics.Refresh(MetricOutcomes.Reused);
        if (await revoker.RevokeAsync(token.SessionId, SessionRevocationReason.RefreshTokenReuse, cancellationToken))
        {
            logger.RefreshTokenReuseDetected(token.SessionId, token.Session.UserId);
            metrics.ReuseDetected();
        }

        return Reused;
    }

    private static bool IsUsable(Session session, DateTime now) => session.IsLiveAt(now);

    private Refusal Refuse()
    {
        logger.RefreshRefused();
        metrics.Refresh(MetricOutcomes.Refused);
        return Invalid;
    }

    // The user's roles come in the same query, so that every refresh reads them afresh at no extra round trip. Compiled:
    // the hot path skips EF Core's translation cache look-up and its walk of the expression tree.
    private static readonly Func<AuthDbContext, byte[], CancellationToken, Task<RefreshToken?>> FindByHash = EF.CompileAsyncQuery(
        (AuthDbContext db, byte[] hash, CancellationToken _) => db.RefreshTokens.AsNoTracking()
            .Include(t => t.Session).ThenInclude(s => s.User).ThenInclude(u => u.Roles)
            .SingleOrDefault(t => t.TokenHash == hash));

    private static readonly Func<AuthDbContext, Guid, CancellationToken, Task<RefreshToken?>> FindById = EF.CompileAsyncQuery(
        (AuthDbContext db, Guid id, CancellationToken _) => db.RefreshTokens.AsNoTracking()
            .Include(t => t.Session).ThenInclude(s => s.User).ThenInclude(u => u.Roles)
            .SingleOrDefault(t => t.Id == id));

    private RefreshToken NewRefreshToken(Session session, string token, DateTimeOffset now)
    {
        // Sliding lifetime, capped by the session's absolute end.
        var expires = now.UtcDateTime + options.Value.RefreshTokenLifetime;
        return new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            SessionId = session.Id,
            TokenHash = RefreshTokenCodec.Hash(token),
            IssuedAtUtc = now.UtcDateTime,
            ExpiresAtUtc = expires < session.ExpiresAtUtc ? expires : session.ExpiresAtUtc,
        };
    }

    private TokenResponse Respond(User user, Session session, string? scope, string refreshToken, DateTime refreshTokenExpiresAtUtc, DateTime now)
    {
        // The session ends unless refreshed before the refresh token expires, and its access tokens with it.
        var (accessToken, accessTokenExpiresAtUtc) = accessTokens.Issue(user, session, scope, refreshTokenExpiresAtUtc);
        return new TokenResponse
        {
            AccessToken = accessToken,
            ExpiresIn = WholeSeconds(accessTokenExpiresAtUtc - now),
            RefreshToken = refreshToken,
            RefreshTokenExpiresIn = WholeSeconds(refreshTokenExpiresAtUtc - now),
            Scope = scope,
        };
    }

    private static int WholeSeconds(TimeSpan duration) => (int)Math.Max(0, Math.Floor(duration.TotalSeconds));

    private sealed record StartedSession(Session Session, DateTime RefreshTokenExpiresAtUtc);

    private enum Consumption
    {
        Consumed,
        ConsumedBefore,
        SessionEnded,
    }
}
