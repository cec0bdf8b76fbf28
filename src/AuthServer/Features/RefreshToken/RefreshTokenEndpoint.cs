using AuthServer.Infrastructure;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AuthServer.Features.RefreshToken;

public static class RefreshTokenEndpoint
{
    public static RouteHandlerBuilder MapRefreshToken(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/refresh-token", HandleAsync).WithName("RefreshToken").AllowAnonymous().WithNoStore();

    /// <summary>Rotates the refresh token from the body, or in cookie mode from the cookie (and answers with a new cookie).</summary>
    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RefreshTokenRequest? request,
        HttpContext context, RefreshTokenService tokens, CancellationToken cancellationToken)
    {
        var fromCookie = RefreshTokenCookie.Read(context.Request);
        var fromBody = request?.RefreshToken;
        if (fromCookie is not null && !string.IsNullOrEmpty(fromBody))
        {
            return AuthErrors.InvalidRequest("Send the refresh token either in the cookie or in the body, not both.");
        }

        if (fromCookie is null)
        {
            if (string.IsNullOrEmpty(fromBody))
            {
                return AuthErrors.InvalidRequest("The refresh_token is required.");
            }

            var outcome = await tokens.RotateAsync(fromBody, request?.Scope, cancellationToken);
            return outcome switch
            {
                { Tokens: { } issued } => TypedResults.Ok(issued),
                { ScopeRefused: true } => AuthErrors.InvalidScope(outcome.FailureDescription!),
                _ => AuthErrors.InvalidGrant(outcome.FailureDescription!),
            };
        }

        if (!CsrfGuard.CarriesProofOfScript(context.Request))
        {
            return AuthErrors.Forbidden($"A refresh with the cookie must carry the {CsrfGuard.HeaderName} header or a JSON content type.");
        }

        var cookieOutcome = await tokens.RotateAsync(fromCookie, request?.Scope, cancellationToken);
        if (cookieOutcome.ScopeRefused)
        {
            // Nothing was consumed: the cookie still holds a live token.
            return AuthErrors.InvalidScope(cookieOutcome.FailureDescription!);
        }

        if (!cookieOutcome.Succeeded)
        {
            RefreshTokenCookie.Clear(context.Response);
            return AuthErrors.InvalidGrant(cookieOutcome.FailureDescription!);
        }

        return TypedResults.Ok(RefreshTokenCookie.Carry(context.Response, cookieOutcome.Tokens!));
    }
}
