using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// A login with username and password, as <c>/login</c> and <c>/token</c>'s password grant both do it: the input
/// checks, the scope, the throttle, a hashing slot, the credentials (<see cref="UserAuthenticator"/>), then a new session.
/// </summary>
public sealed class LoginService(
    UserAuthenticator authenticator,
    LoginThrottle throttle,
    PasswordHashingPool hashing,
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

        // Checked before queueing, so that a client held back takes no place in the hashing queue...
        var clientKey = ClientAddress.LimitKey(client.IpAddress);
        if (throttle.Check(clientKey, usernameKey) is { } retryAfter)
        {
            return Throttled(retryAfter);
        }

        var slot = await hashing.TryEnterAsync(cancellationToken);
        if (slot is null)
        {
            metrics.Login(MetricOutcomes.Shed);
            return hashing.Shed();
        }

        User? user;
        DateTime authenticatedAt;
        using (slot)
        {
            // ...and again with the slot held: attempts that queued together are judged one after the other, each after the
            // failures before it were counted. An attempt still in flight is not a failure.
            if (throttle.Check(clientKey, usernameKey) is { } wait)
            {
                return Throttled(wait);
            }

            authenticatedAt = time.GetUtcNow().UtcDateTime;
            user = await authenticator.AuthenticateAsync(username, password, client, cancellationToken);
            if (user is null)
            {
                throttle.Failed(clientKey, usernameKey);
            }
            else
            {
                throttle.Succeeded(clientKey, usernameKey);
            }
        }

        var issued = user is null ? null : await tokens.StartSessionAsync(user, authenticatedAt, client, granted.Value, cancellationToken);
        return issued is null ? WrongCredentials : issued;
    }

    private Refusal Throttled(TimeSpan retryAfter)
    {
        metrics.Login(MetricOutcomes.Throttled);
        return Refusal.RateLimited("Too many failed logins; try again later.", retryAfter);
    }
}
