using AuthServer.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// Failed password attempts slow down the party that fails, never the owner (OWASP ASVS 5.0 6.1.1, 6.3.1; API.md, Abuse).
/// Kept in this process's memory, per instance.
/// <list type="bullet">
/// <item>A client (an IPv4 address or an IPv6 /64, <see cref="ClientAddress"/>) with
/// <see cref="LoginThrottleOptions.FailuresPerClient"/> failures in its window is refused for any username until the window ends.</item>
/// <item>Once a username has had <see cref="LoginThrottleOptions.FailuresPerUsername"/> failures in its window, from anywhere,
/// each client that has failed for it must wait before its next try: 1 s after its first failure, doubling with each further
/// one, at most the window. A client that has not failed for it is not held back, so the owner's correct password from
/// their own device gets in while the name is under attack.</item>
/// <item><see cref="LoginThrottleOptions.UsernameLockout"/> (off by default) refuses every client for such a username instead.</item>
/// </list>
/// Only a wrong password counts: a login still being checked is no failure, and a success clears that client's failures
/// for the username. The check is made when the password check is about to start, with a hashing slot held (see
/// <see cref="PasswordHashingPool"/>), so a burst of parallel guesses is judged one after the other.
/// </summary>
public sealed class LoginThrottle
{
    /// <summary>The service key of the throttle for <c>/change-password</c>, with the same limits and its own counts.</summary>
    public const string PasswordChangeKey = "change-password";

    /// <summary>The wait after a client's first failure for a username under attack; each further failure doubles it.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private readonly LoginThrottleOptions _limits;
    private readonly WindowCounts _clients;
    private readonly WindowCounts _usernames;
    private readonly WindowCounts _pairs;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger<LoginThrottle> _logger;

    public LoginThrottle(IOptions<LoginThrottleOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
    {
        _limits = options.Value;
        _clients = new WindowCounts(_limits.Window);
        _usernames = new WindowCounts(_limits.Window);
        _pairs = new WindowCounts(_limits.Window);
        _time = time;
        _logger = logger;
    }

    /// <summary>Null when <paramref name="client"/> may try a password for <paramref name="username"/> now; otherwise how long to wait.</summary>
    public TimeSpan? Check(string client, string username)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            var wait = Wait(client, username, now);
            if (wait is not null)
            {
                _logger.LoginThrottled(client);
            }

            return wait;
        }
    }

    /// <summary>Counts a wrong password against the client, the username, and the client's tries at that username.</summary>
    public void Failed(string client, string username)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            _clients.Add(client, now);
            _usernames.Add(username, now);
            _pairs.Add(Pair(client, username), now);
        }
    }

    /// <summary>The right password: this client's failures for this username are forgiven (its count per client stays).</summary>
    public void Succeeded(string client, string username)
    {
        lock (_gate)
        {
            _pairs.Remove(Pair(client, username));
        }
    }

    private TimeSpan? Wait(string client, string username, DateTime now)
    {
        var byClient = _clients.Get(client, now);
        if (byClient.Count >= _limits.FailuresPerClient)
        {
            return byClient.EndsAt - now;
        }

        var byUsername = _usernames.Get(username, now);
        if (byUsername.Count < _limits.FailuresPerUsername)
        {
            return null;
        }

        if (_limits.UsernameLockout)
        {
            return byUsername.EndsAt - now;
        }

        var tries = _pairs.Get(Pair(client, username), now);
        if (tries.Count == 0)
        {
            return null;
        }

        var backoff = TimeSpan.FromTicks(Math.Min(_limits.Window.Ticks, FirstBackoff.Ticks << Math.Min(tries.Count - 1, 30)));
        var until = tries.LastAt + backoff;
        return until > now ? until - now : null;
    }

    private static string Pair(string client, string username) => client + "\n" + username;
}
