using System.Security.Claims;
using AuthServer.Features.Refresh;
using AuthServer.Sessions;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.Logout;

public static class LogoutAllEndpoint
{
    public static RouteHandlerBuilder MapLogoutAll(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/logout-all", HandleAsync).WithName("LogoutAll");

    /// <summary>Ends every session of the caller, this one too: a lost device, a suspicion.</summary>
    public static async Task<NoContent> HandleAsync(
        ClaimsPrincipal principal, HttpContext context, SessionRevoker revoker, CancellationToken cancellationToken)
    {
        if (principal.UserId() is { } userId)
        {
            await revoker.RevokeAllAsync(userId, SessionRevocationReason.LogoutAll, cancellationToken);
        }

        RefreshTokenCookie.Clear(context.Response);
        return TypedResults.NoContent();
    }
}
