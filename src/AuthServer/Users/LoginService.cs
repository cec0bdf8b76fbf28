using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// A login with username and password, as <c>/login</c> and <c>/token</c>'s password grant both do it: the input
/// checks, the scope, the throttle, the credentials (<see cref="UserAuthenticator"/>), then a new session.
/// </summary>
public sealed class LoginService(
    UserAuthenticator authenticator,
    LoginThrottle throttle,
    RefreshTokenService tokens,
    ScopePolicy scopes,
    IOptions<PasswordOptions> passwords,
    AuthMetrics metrics,
    TimeProvider time)
{
    private static readonly Refusal WrongCredentials = Refusal.InvalidGrant("The username or password is incorrect.");

    public async Task<Result<TokenResponse>> LoginAsync(string? username, string? password, string? scope, ClientInfo client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return Refusal.InvalidRequest("Both username and password are required.");
        }

        // Longer than any account could have: refuse before spending a hash on it.
        if (username.Length > UsernamePolicy.MaxLength || password.EnumerateRunes().Count() > passwords.Value.MaxLength)
        {
            return Refusal.InvalidRequest("The username or password is longer than any account can have.");
        }

        // Not Unicode (an unpaired surrogate): no account can have this name.
        if (UsernamePolicy.TryNormalize(username) is not { } usernameKey)
        {
            return Refusal.InvalidRequest("The username is not valid Unicode text.");
        }

        var granted = scopes.ForLogin(scope);
        if (!granted.Succeeded)
        {
            return granted.Refusal;
        }

        var clientKey = client.IpAddress ?? "unknown";
        if (throttle.TryBegin(clientKey, usernameKey) is { } retryAfter)
        {
            metrics.Login(MetricOutcomes.Throttled);
            return Refusal.RateLimited("Too many failed logins; try again later.", retryAfter);
        }

        var authenticatedAt = time.GetUtcNow().UtcDateTime;
        User? user = null;
        try
        {
            user = await authenticator.AuthenticateAsync(username, password, client, cancellationToken);
        }
        finally
        {
            throttle.End(clientKey, usernameKey, failed: user is null);
        }

        var issued = user is null ? null : await tokens.StartSessionAsync(user, authenticatedAt, client, granted.Value, cancellationToken);
        return issued is null ? WrongCredentials : issued;
    }
}
