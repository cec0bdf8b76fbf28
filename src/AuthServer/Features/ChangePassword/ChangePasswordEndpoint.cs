using System.Security.Claims;
using AuthServer.Infrastructure;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.ChangePassword;

public static class ChangePasswordEndpoint
{
    public static RouteHandlerBuilder MapChangePassword(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/change-password", HandleAsync).WithName("ChangePassword").RequireAuthorization().WithNoStore();

    /// <summary>
    /// Changes the caller's password and ends all their sessions. Guesses of the current password are
    /// throttled with the login limits (own counts, so that failed logins by others cannot block the owner),
    /// so a stolen access token is no faster way to guess it than <c>/login</c>.
    /// </summary>
    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> HandleAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext context, PasswordChange passwordChange,
        [FromKeyedServices(LoginThrottle.PasswordChangeKey)] LoginThrottle throttle,
        IOptions<PasswordOptions> passwords, AuthMetrics metrics, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return AuthErrors.InvalidRequest("Both current_password and new_password are required.");
        }

        if (request.CurrentPassword.EnumerateRunes().Count() > passwords.Value.MaxLength)
        {
            return AuthErrors.InvalidRequest("The current password is longer than any account can have.");
        }

        var clientKey = ClientInfo.From(context).IpAddress ?? "unknown";
        var usernameKey = UsernamePolicy.Normalize(principal.Username() ?? string.Empty);
        if (throttle.TryBegin(clientKey, usernameKey) is { } retryAfter)
        {
            metrics.PasswordChange(MetricOutcomes.Throttled);
            return AuthErrors.RateLimited(context.Response, retryAfter, "Too many failed attempts; try again later.");
        }

        var (outcome, refusal) = (PasswordChangeOutcome.WrongCurrentPassword, (string?)null);
        try
        {
            (outcome, refusal) = await passwordChange.ChangeAsync(principal.UserId()!.Value, request.CurrentPassword, request.NewPassword, cancellationToken);
        }
        finally
        {
            throttle.End(clientKey, usernameKey, failed: outcome == PasswordChangeOutcome.WrongCurrentPassword);
        }

        switch (outcome)
        {
            case PasswordChangeOutcome.WrongCurrentPassword:
                return AuthErrors.InvalidGrant("The current password is incorrect.");
            case PasswordChangeOutcome.PolicyViolation:
                return AuthErrors.InvalidRequest(refusal!);
            default:
                // This session ended too: the browser's refresh cookie is of no more use.
                RefreshTokenCookie.Clear(context.Response);
                return TypedResults.NoContent();
        }
    }
}
