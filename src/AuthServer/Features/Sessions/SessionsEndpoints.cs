using System.Security.Claims;
using AuthServer.Sessions;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.Sessions;

/// <summary>Where am I signed in, and end one of them.</summary>
public static class SessionsEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sessions", ListAsync).WithName("ListSessions");
        routes.MapDelete("/sessions/{id:guid}", EndAsync).WithName("EndSession");
        return routes;
    }

    /// <summary>The caller's live sessions, the most recently used first.</summary>
    public static async Task<Results<Ok<List<SessionResponse>>, UnauthorizedHttpResult>> ListAsync(
        ClaimsPrincipal principal, UserSessions sessions, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } userId)
        {
            return TypedResults.Unauthorized();
        }

        var current = principal.SessionId();
        var live = await sessions.ListLiveAsync(userId, cancellationToken);
        return TypedResults.Ok(live.ConvertAll(s => new SessionResponse(s.Id, s.CreatedAtUtc, s.LastUsedAtUtc, s.ExpiresAtUtc, s.UserAgent, s.IpAddress, s.Id == current)));
    }

    /// <summary>Ends one of the caller's sessions; another user's session is a 404, and nothing changes.</summary>
    public static async Task<Results<NoContent, NotFound>> EndAsync(
        Guid id, ClaimsPrincipal principal, UserSessions sessions, CancellationToken cancellationToken) =>
        principal.UserId() is { } userId && await sessions.EndAsync(userId, id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
}
