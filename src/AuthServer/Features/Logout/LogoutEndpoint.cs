using System.Security.Claims;
using AuthServer.Features.Refresh;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AuthServer.Features.Logout;

public static class LogoutEndpoint
{
    public static RouteHandlerBuilder MapLogout(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/logout", HandleAsync).WithName("Logout");

    /// <summary>Ends the session of the bearer access token and that of the refresh token, whichever were given.</summary>
    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> HandleAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LogoutRequest? request,
        ClaimsPrincipal principal, HttpContext context, SessionRevoker revoker, TokenRevocation revocation, CancellationToken cancellationToken)
    {
        // The cookie's path keeps it from reaching this endpoint, but the browser should forget it either way.
        RefreshTokenCookie.Clear(context.Response);
        var accessTokenSession = principal.SessionId();
        var refreshToken = request?.RefreshToken;
        if (accessTokenSession is null && string.IsNullOrEmpty(refreshToken))
        {
            return AuthErrors.InvalidToken(context, "Send a valid bearer access token or a refresh token.");
        }

        if (accessTokenSession is { } sessionId)
        {
            await revoker.RevokeAsync(sessionId, SessionRevocationReason.Logout, cancellationToken);
        }

        // Like RFC 7009, an unknown refresh token is no error: the caller wanted it dead, and it is.
        if (!string.IsNullOrEmpty(refreshToken))
        {
            await revocation.RevokeByRefreshTokenAsync(refreshToken, SessionRevocationReason.Logout, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
