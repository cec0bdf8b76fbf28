using AuthServer.Infrastructure;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.Login;

public static class LoginEndpoint
{
    public static RouteHandlerBuilder MapLogin(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/login", HandleAsync).WithName("Login").AllowAnonymous().WithNoStore();

    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        LoginRequest request, HttpContext context, PasswordSignIn signIn, LoginThrottle throttle, RefreshTokenService tokens,
        IOptions<PasswordOptions> passwords, AuthMetrics metrics, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return AuthErrors.InvalidRequest("Both username and password are required.");
        }

        // Longer than any account could have: refuse before spending a hash on it.
        if (request.Username.Length > UsernamePolicy.MaxLength || request.Password.EnumerateRunes().Count() > passwords.Value.MaxLength)
        {
            return AuthErrors.InvalidRequest("The username or password is longer than any account can have.");
        }

        var client = ClientInfo.From(context);
        var clientKey = client.IpAddress ?? "unknown";
        var usernameKey = UsernamePolicy.Normalize(request.Username);
        if (throttle.TryBegin(clientKey, usernameKey) is { } retryAfter)
        {
            metrics.Login(MetricOutcomes.Throttled);
            return AuthErrors.RateLimited(context.Response, retryAfter, "Too many failed logins; try again later.");
        }

        User? user = null;
        try
        {
            user = await signIn.AuthenticateAsync(request.Username, request.Password, client, cancellationToken);
        }
        finally
        {
            throttle.End(clientKey, usernameKey, failed: user is null);
        }

        if (user is null)
        {
            return AuthErrors.InvalidGrant("The username or password is incorrect.");
        }

        var issued = await tokens.StartSessionAsync(user, client, cancellationToken);
        return TypedResults.Ok(request.UseCookie ? RefreshTokenCookie.Carry(context.Response, issued) : issued);
    }
}
