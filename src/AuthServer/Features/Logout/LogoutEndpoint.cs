using System.Security.Claims;
using AuthServer.Infrastructure;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AuthServer.Features.Logout;

public static class LogoutEndpoint
{
    public static RouteHandlerBuilder MapLogout(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/logout", HandleAsync).WithName("Logout").AllowAnonymous().WithNoStore();

    /// <summary>Ends the session of the bearer access token and that of the refresh token, whichever were given.</summary>
    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> HandleAsync(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] LogoutRequest? request,
        ClaimsPrincipal principal, HttpContext context, RefreshTokenService tokens, SessionRevoker revoker, CancellationToken cancellationToken)
    {
        // The cookie's path keeps it from reaching this endpoint, but the browser should forget it either way.
        RefreshTokenCookie.Clear(context.Response);
        var accessTokenSession = principal.SessionId();
        var refreshToken = request?.RefreshToken;
        if (accessTokenSession is null && string.IsNullOrEmpty(refreshToken))
        {
            // RFC 6750 §3.1: an error code only when a bearer token was presented.
            var presentedBearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            context.Response.Headers.WWWAuthenticate = presentedBearer
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired.\""
                : "Bearer";
            return AuthErrors.InvalidToken("Send a valid bearer access token or a refresh token.");
        }

        if (accessTokenSession is { } fromAccessToken)
        {
            await revoker.RevokeAsync(fromAccessToken, SessionRevocationReason.Logout, cancellationToken);
        }

        // Like RFC 7009, an unknown refresh token is no error: the caller wanted it dead, and it is.
        if (!string.IsNullOrEmpty(refreshToken) && await tokens.FindSessionIdAsync(refreshToken, cancellationToken) is { } fromRefreshToken)
        {
            await revoker.RevokeAsync(fromRefreshToken, SessionRevocationReason.Logout, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
