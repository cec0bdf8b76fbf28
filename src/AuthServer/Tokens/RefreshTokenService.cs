using AuthServer.Data;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
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
    /// <paramref name="authenticatedAtUtc"/>, when the password was checked.
    /// </summary>
    public async Task<TokenResponse?> StartSessionAsync(
        User user, DateTime authenticatedAtUtc, ClientInfo client, string? scope, CancellationToken cancellationToken)
    {
        // One write transaction with the check: a cut-off committed first is seen here and refuses the login;
        // one committed after sees this session and revokes it. Without it, a login that checked the old
        // password while the password changed would get a session that escaped the change.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tokensValidAfter = await db.Users.Where(u => u.Id == user.Id).Select(u => (DateTime?)u.TokensValidAfterUtc).SingleOrDefaultAsync(cancellationToken);
        if (tokensValidAfter is null || tokensValidAfter > authenticatedAtUtc)
        {
            return null;
        }

        var now = time.GetUtcNow();
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
        };
        var refreshToken = RefreshTokenCodec.NewToken();
        var stored = NewRefreshToken(session, refreshToken, now);
        db.Sessions.Add(session);
        db.RefreshTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.SessionStarted(session.Id, user.Id);
        return Respond(user, session, scope, refreshToken, stored.ExpiresAtUtc, now.UtcDateTime);
    }

    /// <summary>
    /// Consumes <paramref name="presented"/> and issues its successor, in one transaction. The new access token
    /// gets <paramref name="requestedScope"/> when given (at most the session's scope), else the session's scope.
    /// A refused scope (<c>invalid_scope</c>) consumes nothing.
    /// </summary>
    public async Task<Result<TokenResponse>> RotateAsync(string presented, string? requestedScope, CancellationToken cancellationToken)
    {
        if (presented.Length > RefreshTokenCodec.MaxTokenLength)
        {
            return Refuse();
        }

        var now = time.GetUtcNow();
        var hash = RefreshTokenCodec.Hash(presented);
        // On SQLite this is BEGIN IMMEDIATE: refreshes queue for the write lock instead of failing on upgrade.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await FindAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            return Refuse();
        }

        if (token.ConsumedAtUtc is null)
        {
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
            // Compare-and-set: of all requests racing with this token, exactly one changes the row.
            var consumed = await db.RefreshTokens
                .Where(t => t.Id == token.Id && t.ConsumedAtUtc == null)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.ConsumedAtUtc, now.UtcDateTime).SetProperty(x => x.ReplacedById, successor.Id), cancellationToken);
            if (consumed == 1)
            {
                db.RefreshTokens.Add(successor);
                await db.Sessions.Where(s => s.Id == token.SessionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastUsedAtUtc, now.UtcDateTime), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.SessionRefreshed(token.SessionId);
                metrics.Refresh(MetricOutcomes.Rotated);
                return Respond(token.Session.User, token.Session, scope.Value, successorToken, successor.ExpiresAtUtc, now.UtcDateTime);
            }

            // Another request consumed it first: from here on this is a repeat like any other.
            token = await FindAsync(t => t.Id == token.Id, cancellationToken);
            if (token is null)
            {
                return Refuse();
            }
        }

        await transaction.RollbackAsync(cancellationToken);
        return await AnswerRepeatAsync(token, presented, requestedScope, now.UtcDateTime, cancellationToken);
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

    private async Task<Result<TokenResponse>> AnswerRepeatAsync(
        RefreshToken token, string presented, string? requestedScope, DateTime now, CancellationToken cancellationToken)
    {
        var leeway = options.Value.RefreshTokenReuseLeeway;
        if (token.ConsumedAtUtc + leeway > now && IsUsable(token.Session, now))
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

    private bool IsUsable(Session session, DateTime now) => session.IsLiveAt(now, options.Value.RefreshTokenLifetime);

    private Refusal Refuse()
    {
        logger.RefreshRefused();
        metrics.Refresh(MetricOutcomes.Refused);
        return Invalid;
    }

    private Task<RefreshToken?> FindAsync(System.Linq.Expressions.Expression<Func<RefreshToken, bool>> predicate, CancellationToken cancellationToken) =>
        db.RefreshTokens.AsNoTracking()
            .Include(t => t.Session).ThenInclude(s => s.User)
            .SingleOrDefaultAsync(predicate, cancellationToken);

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
        var (accessToken, accessTokenExpiresAtUtc) = accessTokens.Issue(user, session, scope);
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
}
