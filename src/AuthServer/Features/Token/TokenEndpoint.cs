using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.Token;

/// <summary>
/// The OAuth 2.0 token endpoint (RFC 6749 §4.3 and §6) for public clients: the password grant and the
/// refresh-token grant, with the same throttle, rotation, reuse and leeway rules as <c>/login</c> and
/// <c>/refresh-token</c>. Errors are RFC 6749 §5.2's: 400 with <c>error</c> and <c>error_description</c>.
/// </summary>
public static class TokenEndpoint
{
    public const string PasswordGrant = "password";
    public const string RefreshTokenGrant = "refresh_token";

    public static RouteHandlerBuilder MapToken(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/token", HandleAsync).WithName("Token");

    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        HttpContext context, LoginService login, RefreshTokenService tokens, IOptions<TokenOptions> options, CancellationToken cancellationToken)
    {
        var read = await OAuthParameters.ReadAsync(context.Request, cancellationToken);
        if (!read.Succeeded)
        {
            return AuthErrors.AnswerAtTokenEndpoint(read.Refusal, context.Response);
        }

        var parameters = read.Value;
        var issued = parameters["grant_type"] switch
        {
            null => Refusal.InvalidRequest("The grant_type is required."),
            PasswordGrant when options.Value.AllowPasswordGrant => await login.LoginAsync(
                parameters["username"], parameters["password"], parameters["scope"], ClientInfo.From(context), cancellationToken),
            RefreshTokenGrant when parameters["refresh_token"] is { } refreshToken => await tokens.RotateAsync(refreshToken, parameters["scope"], cancellationToken),
            RefreshTokenGrant => Refusal.InvalidRequest("The refresh_token is required."),
            _ => Refusal.UnsupportedGrantType(options.Value.AllowPasswordGrant
                ? "This server accepts grant_type password and refresh_token."
                : "This server accepts grant_type refresh_token."),
        };
        return issued.Succeeded ? TypedResults.Ok(issued.Value) : AuthErrors.AnswerAtTokenEndpoint(issued.Refusal, context.Response);
    }
}
