using System.Security.Claims;
using AuthServer.Infrastructure;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.ChangePassword;

public static class ChangePasswordEndpoint
{
    public static RouteHandlerBuilder MapChangePassword(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/change-password", HandleAsync).WithName("ChangePassword").RequireAuthorization().WithNoStore();

    /// <summary>Changes the caller's password and ends all their sessions, this one too.</summary>
    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> HandleAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext context, PasswordChange passwordChange, CancellationToken cancellationToken)
    {
        var result = await passwordChange.ChangeAsync(
            principal.UserId()!.Value, request.CurrentPassword, request.NewPassword, ClientInfo.From(context), cancellationToken);
        switch (result.Outcome)
        {
            case PasswordChangeOutcome.Changed:
                // This session ended too: the browser's refresh cookie is of no more use.
                RefreshTokenCookie.Clear(context.Response);
                return TypedResults.NoContent();
            case PasswordChangeOutcome.WrongCurrentPassword:
                return AuthErrors.InvalidGrant(result.Description!);
            case PasswordChangeOutcome.Throttled:
                return AuthErrors.RateLimited(context.Response, result.RetryAfter, result.Description!);
            default:
                return AuthErrors.InvalidRequest(result.Description!);
        }
    }
}
