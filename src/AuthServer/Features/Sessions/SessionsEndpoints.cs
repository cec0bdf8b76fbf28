using System.Security.Claims;
using AuthServer.Data;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Features.Sessions;

/// <summary>Where am I signed in, and end one of them.</summary>
public static class SessionsEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sessions", ListAsync).WithName("ListSessions").RequireAuthorization();
        routes.MapDelete("/sessions/{id:guid}", EndAsync).WithName("EndSession").RequireAuthorization();
        return routes;
    }

    /// <summary>The caller's live sessions: not revoked, before their absolute end, with a refresh token still usable.</summary>
    public static async Task<Ok<List<SessionResponse>>> ListAsync(ClaimsPrincipal principal, AuthDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = principal.UserId();
        var current = principal.SessionId();
        var now = time.GetUtcNow().UtcDateTime;
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAtUtc == null && s.ExpiresAtUtc > now && s.CreatedAtUtc >= s.User.TokensValidAfterUtc)
            .Where(s => db.RefreshTokens.Any(t => t.SessionId == s.Id && t.ConsumedAtUtc == null && t.ExpiresAtUtc > now))
            .OrderByDescending(s => s.LastUsedAtUtc)
            .Select(s => new SessionResponse(s.Id, s.CreatedAtUtc, s.LastUsedAtUtc, s.ExpiresAtUtc, s.UserAgent, s.IpAddress, s.Id == current))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(sessions);
    }

    /// <summary>Ends one of the caller's sessions; another user's session is a 404, and nothing changes.</summary>
    public static async Task<Results<NoContent, NotFound>> EndAsync(
        Guid id, ClaimsPrincipal principal, AuthDbContext db, SessionRevoker revoker, CancellationToken cancellationToken)
    {
        var userId = principal.UserId();
        if (!await db.Sessions.AnyAsync(s => s.Id == id && s.UserId == userId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await revoker.RevokeAsync(id, SessionRevocationReason.EndedByUser, cancellationToken);
        return TypedResults.NoContent();
    }
}
