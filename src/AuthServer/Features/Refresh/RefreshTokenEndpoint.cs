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
        var presented = Presented(request?.RefreshToken, fromCookie, context.Request);
        if (!presented.Succeeded)
        {
            return AuthErrors.Answer(presented.Refusal, context.Response);
        }

        var rotated = await tokens.RotateAsync(presented.Value, request?.Scope, cancellationToken);
        if (!rotated.Succeeded)
        {
            // The cookie's token is of no more use, unless only the scope was refused: that consumed nothing.
            if (fromCookie is not null && rotated.Refusal.Error == AuthErrors.InvalidGrantCode)
            {
                RefreshTokenCookie.Clear(context.Response);
            }

            return AuthErrors.Answer(rotated.Refusal, context.Response);
        }

        return TypedResults.Ok(fromCookie is null ? rotated.Value : RefreshTokenCookie.Carry(context.Response, rotated.Value));
    }

    /// <summary>The refresh token the request presents: in the body, or in the cookie with the proof of a script (CSRF).</summary>
    private static Result<string> Presented(string? fromBody, string? fromCookie, HttpRequest request)
    {
        if (fromCookie is not null && !string.IsNullOrEmpty(fromBody))
        {
            return Refusal.InvalidRequest("Send the refresh token either in the cookie or in the body, not both.");
        }

        if (fromCookie is not null && !CsrfGuard.CarriesProofOfScript(request))
        {
            return CsrfGuard.MissingProof;
        }

        return (fromCookie ?? fromBody) is { Length: > 0 } presented ? presented : Refusal.InvalidRequest("The refresh_token is required.");
    }
}
