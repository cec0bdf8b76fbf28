using AuthServer.Telemetry;
using AuthServer.Tokens;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>A login with username and password, as <c>/login</c> and <c>/token</c>'s password grant both do it.</summary>
public sealed class PasswordLogin(
    PasswordSignIn signIn,
    LoginThrottle throttle,
    RefreshTokenService tokens,
    ScopePolicy scopes,
    IOptions<PasswordOptions> passwords,
    AuthMetrics metrics,
    TimeProvider time)
{
    public async Task<LoginResult> LoginAsync(string? username, string? password, string? scope, ClientInfo client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return LoginResult.Refused(LoginFailure.InvalidRequest, "Both username and password are required.");
        }

        // Longer than any account could have: refuse before spending a hash on it.
        if (username.Length > UsernamePolicy.MaxLength || password.EnumerateRunes().Count() > passwords.Value.MaxLength)
        {
            return LoginResult.Refused(LoginFailure.InvalidRequest, "The username or password is longer than any account can have.");
        }

        var granted = scopes.ForLogin(scope);
        if (granted.IsRefused)
        {
            return LoginResult.Refused(LoginFailure.InvalidScope, granted.Refusal!);
        }

        var clientKey = client.IpAddress ?? "unknown";
        var usernameKey = UsernamePolicy.Normalize(username);
        if (throttle.TryBegin(clientKey, usernameKey) is { } retryAfter)
        {
            metrics.Login(MetricOutcomes.Throttled);
            return LoginResult.Refused(LoginFailure.RateLimited, "Too many failed logins; try again later.", retryAfter);
        }

        var authenticatedAt = time.GetUtcNow().UtcDateTime;
        User? user = null;
        try
        {
            user = await signIn.AuthenticateAsync(username, password, client, cancellationToken);
        }
        finally
        {
            throttle.End(clientKey, usernameKey, failed: user is null);
        }

        var issued = user is null ? null : await tokens.StartSessionAsync(user, authenticatedAt, client, granted.Scope, cancellationToken);
        return issued is null
            ? LoginResult.Refused(LoginFailure.InvalidGrant, "The username or password is incorrect.")
            : new LoginResult(issued, null, null);
    }
}
