using AuthServer.Infrastructure;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.RefreshToken;

public static class RefreshTokenEndpoint
{
    public static RouteHandlerBuilder MapRefreshToken(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/refresh-token", HandleAsync).WithName("RefreshToken").AllowAnonymous().WithNoStore();

    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        RefreshTokenRequest request, RefreshTokenService tokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return AuthErrors.InvalidRequest("The refresh_token is required.");
        }

        var outcome = await tokens.RotateAsync(request.RefreshToken, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Tokens) : AuthErrors.InvalidGrant(outcome.FailureDescription!);
    }
}
