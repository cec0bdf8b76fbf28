using AuthServer.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// Registration attempts per client (API.md, Abuse). Every attempt that reaches the database counts, a taken username too:
/// a 409 would otherwise be an unlimited, fast oracle of which usernames exist, beside the carefully equal login answers; and
/// every new account costs a password hash. Requests refused by the input checks cost nothing and do not count. In memory.
/// </summary>
public sealed class RegistrationLimit(IOptions<RegistrationRateLimitOptions> options, TimeProvider time)
{
    private readonly WindowCounts _clients = new(options.Value.Window);
    private readonly Lock _gate = new();

    /// <summary>Takes a permit for <paramref name="client"/>: null when given, otherwise how long until the window ends.</summary>
    public TimeSpan? TryAcquire(string client)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            var (count, endsAt, _) = _clients.Get(client, now);
            if (count >= options.Value.PermitsPerClient)
            {
                return endsAt - now;
            }

            _clients.Add(client, now);
            return null;
        }
    }

    /// <summary>Gives back a permit that was not used (the attempt was shed before it did anything).</summary>
    public void Release(string client)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            _clients.Subtract(client, now);
        }
    }
}
