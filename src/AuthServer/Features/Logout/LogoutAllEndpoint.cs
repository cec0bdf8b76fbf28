using System.Security.Claims;
using AuthServer.Data;
using AuthServer.Infrastructure;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Features.Logout;

public static class LogoutAllEndpoint
{
    public static RouteHandlerBuilder MapLogoutAll(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/logout-all", HandleAsync).WithName("LogoutAll").RequireAuthorization().WithNoStore();

    /// <summary>Ends every session of the caller, this one too: a lost device, a suspicion.</summary>
    public static async Task<NoContent> HandleAsync(
        ClaimsPrincipal principal, HttpContext context, AuthDbContext db, SessionRevoker revoker, CancellationToken cancellationToken)
    {
        var userId = principal.UserId();
        // The token was accepted a moment ago, so its user exists unless deleted since; then there is nothing to end.
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user)
        {
            await revoker.RevokeAllAsync(user, SessionRevocationReason.LogoutAll, cancellationToken);
        }

        RefreshTokenCookie.Clear(context.Response);
        return TypedResults.NoContent();
    }
}
