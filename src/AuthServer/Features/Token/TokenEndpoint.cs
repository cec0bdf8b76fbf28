using AuthServer.Infrastructure;
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
        routes.MapPost("/token", HandleAsync).WithName("Token").AllowAnonymous().WithNoStore();

    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        HttpContext context, PasswordLogin login, RefreshTokenService tokens, IOptions<TokenOptions> options, CancellationToken cancellationToken)
    {
        var (parameters, error) = await OAuthParameters.ReadAsync(context.Request, cancellationToken);
        if (parameters is null)
        {
            return error!;
        }

        switch (parameters["grant_type"])
        {
            case null:
                return AuthErrors.InvalidRequest("The grant_type is required.");
            case PasswordGrant when options.Value.AllowPasswordGrant:
                return await PasswordAsync(parameters, context, login, cancellationToken);
            case RefreshTokenGrant:
                return await RefreshAsync(parameters, tokens, cancellationToken);
            default:
                return AuthErrors.UnsupportedGrantType(options.Value.AllowPasswordGrant
                    ? "This server accepts grant_type password and refresh_token."
                    : "This server accepts grant_type refresh_token.");
        }
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> PasswordAsync(
        OAuthParameters parameters, HttpContext context, PasswordLogin login, CancellationToken cancellationToken)
    {
        var result = await login.LoginAsync(parameters["username"], parameters["password"], parameters["scope"], ClientInfo.From(context), cancellationToken);
        return result switch
        {
            { Tokens: { } issued } => TypedResults.Ok(issued),
            { Failure: LoginFailure.InvalidGrant } => AuthErrors.InvalidGrantAtTokenEndpoint(result.Description!),
            { Failure: LoginFailure.InvalidScope } => AuthErrors.InvalidScope(result.Description!),
            { Failure: LoginFailure.RateLimited } => AuthErrors.RateLimited(context.Response, result.RetryAfter, result.Description!),
            _ => AuthErrors.InvalidRequest(result.Description!),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> RefreshAsync(
        OAuthParameters parameters, RefreshTokenService tokens, CancellationToken cancellationToken)
    {
        if (parameters["refresh_token"] is not { } refreshToken)
        {
            return AuthErrors.InvalidRequest("The refresh_token is required.");
        }

        var outcome = await tokens.RotateAsync(refreshToken, parameters["scope"], cancellationToken);
        return outcome switch
        {
            { Tokens: { } issued } => TypedResults.Ok(issued),
            { ScopeRefused: true } => AuthErrors.InvalidScope(outcome.FailureDescription!),
            _ => AuthErrors.InvalidGrantAtTokenEndpoint(outcome.FailureDescription!),
        };
    }
}
