using System.Security.Claims;
using AuthServer.Features.Refresh;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.ChangePassword;

public static class ChangePasswordEndpoint
{
    public static RouteHandlerBuilder MapChangePassword(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/change-password", HandleAsync).WithName("ChangePassword");

    /// <summary>Changes the caller's password and ends all their sessions, this one too.</summary>
    public static async Task<Results<NoContent, UnauthorizedHttpResult, JsonHttpResult<AuthError>>> HandleAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext context, PasswordChange passwordChange, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } userId)
        {
            return TypedResults.Unauthorized();
        }

        var changed = await passwordChange.ChangeAsync(userId, request.CurrentPassword, request.NewPassword, ClientInfo.From(context), cancellationToken);
        if (!changed.Succeeded)
        {
            return AuthErrors.Answer(changed.Refusal, context.Response);
        }

        // This session ended too: the browser's refresh cookie is of no more use.
        RefreshTokenCookie.Clear(context.Response);
        return TypedResults.NoContent();
    }
}
