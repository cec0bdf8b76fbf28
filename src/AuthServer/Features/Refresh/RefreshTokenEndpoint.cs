using AuthServer.Infrastructure;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AuthServer.Features.Refresh;

public static class RefreshTokenEndpoint
{
    public static RouteHandlerBuilder MapRefreshToken(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/refresh-token", HandleAsync).WithName("RefreshToken");

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

        if (fromCookie is not null && !CsrfGuard.CarriesProofOfScript(context.Request))
        {
            return AuthErrors.RequestRefused($"A refresh with the cookie must carry the {CsrfGuard.HeaderName} header or a JSON content type.");
        }

        if ((fromCookie ?? fromBody) is not { Length: > 0 } presented)
        {
            return AuthErrors.InvalidRequest("The refresh_token is required.");
        }

        var rotated = await tokens.RotateAsync(presented, request?.Scope, cancellationToken);
        if (rotated.Succeeded)
        {
            return TypedResults.Ok(fromCookie is null ? rotated.Value : RefreshTokenCookie.Carry(context.Response, rotated.Value));
        }

        // The cookie's token is of no more use, unless only the scope was refused: that consumed nothing.
        if (fromCookie is not null && rotated.Refusal.Error == AuthErrors.InvalidGrantCode)
        {
            RefreshTokenCookie.Clear(context.Response);
        }

        return AuthErrors.Answer(rotated.Refusal, context.Response);
    }
}
