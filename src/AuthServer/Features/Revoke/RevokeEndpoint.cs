using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.Revoke;

/// <summary>
/// Token revocation (RFC 7009) for public clients. A refresh token or a still-valid access token ends its
/// whole session; an unknown, invalid or already revoked token is answered 200 all the same (§2.2), so the
/// answer tells nothing about the token.
/// </summary>
public static class RevokeEndpoint
{
    public static RouteHandlerBuilder MapRevoke(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/revoke", HandleAsync).WithName("Revoke");

    public static async Task<Results<Ok, JsonHttpResult<AuthError>>> HandleAsync(
        HttpContext context, TokenRevocation revocation, CancellationToken cancellationToken)
    {
        var read = await OAuthParameters.ReadAsync(context.Request, cancellationToken);
        if (!read.Succeeded)
        {
            return AuthErrors.AnswerAtTokenEndpoint(read.Refusal, context.Response);
        }

        if (read.Value["token"] is not { } token)
        {
            return AuthErrors.InvalidRequest("The token to revoke is required.");
        }

        await revocation.RevokeAsync(token, read.Value["token_type_hint"], SessionRevocationReason.TokenRevoked, cancellationToken);
        return TypedResults.Ok();
    }
}
