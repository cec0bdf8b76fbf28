using AuthServer.Infrastructure;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.Login;

public static class LoginEndpoint
{
    public static RouteHandlerBuilder MapLogin(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/login", HandleAsync).WithName("Login").AllowAnonymous().WithNoStore();

    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        LoginRequest request, HttpContext context, PasswordLogin login, CancellationToken cancellationToken)
    {
        var result = await login.LoginAsync(request.Username, request.Password, request.Scope, ClientInfo.From(context), cancellationToken);
        return result switch
        {
            { Tokens: { } issued } => TypedResults.Ok(request.UseCookie ? RefreshTokenCookie.Carry(context.Response, issued) : issued),
            { Failure: LoginFailure.InvalidGrant } => AuthErrors.InvalidGrant(result.Description!),
            { Failure: LoginFailure.InvalidScope } => AuthErrors.InvalidScope(result.Description!),
            { Failure: LoginFailure.RateLimited } => AuthErrors.RateLimited(context.Response, result.RetryAfter, result.Description!),
            _ => AuthErrors.InvalidRequest(result.Description!),
        };
    }
}
