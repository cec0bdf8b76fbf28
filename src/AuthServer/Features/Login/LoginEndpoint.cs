using AuthServer.Features.Refresh;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.Login;

public static class LoginEndpoint
{
    public static RouteHandlerBuilder MapLogin(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/login", HandleAsync).WithName("Login");

    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        LoginRequest request, HttpContext context, LoginService login, CancellationToken cancellationToken)
    {
        var issued = await login.LoginAsync(request.Username, request.Password, request.Scope, ClientInfo.From(context), cancellationToken);
        if (!issued.Succeeded)
        {
            return AuthErrors.Answer(issued.Refusal, context.Response);
        }

        return TypedResults.Ok(request.UseCookie ? RefreshTokenCookie.Carry(context.Response, issued.Value) : issued.Value);
    }
}
