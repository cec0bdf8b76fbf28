using AuthServer.Tokens;

namespace AuthServer.SigningKeys;

/// <summary>
/// The rotation rule, computed from the stored keys and a time only, so that every instance that reads the same
/// rows at the same time agrees. The key that signs at time t is the one with the latest activation at or before t
/// (ties broken by kid). A key verifies from the moment it is loaded until its successor has signed for an
/// access-token lifetime plus the clock skew: by then every token it signed has expired, also on a verifier whose
/// clock is up to the skew behind.
/// </summary>
internal sealed class SigningKeySchedule
{
    private readonly SigningKey[] _keys;
    private readonly TimeSpan _retention;

    /// <param name="keys">The keys of one algorithm.</param>
    /// <param name="accessTokenLifetime">The longest an access token lives.</param>
    public SigningKeySchedule(IEnumerable<SigningKey> keys, TimeSpan accessTokenLifetime)
    {
        _keys = [.. keys.OrderBy(k => k.ActivatesAtUtc).ThenBy(k => k.Id, StringComparer.Ordinal)];
        _retention = accessTokenLifetime + ConfigureJwtBearerOptions.ClockSkew;
    }

    /// <summary>The keys in the order they activate.</summary>
    public IReadOnlyList<SigningKey> Keys => _keys;

    /// <summary>The last key to activate: the one a successor follows.</summary>
    public SigningKey? Newest => _keys.Length == 0 ? null : _keys[^1];

    /// <summary>The key that signs at <paramref name="now"/>; null when none has activated yet.</summary>
    public SigningKey? SigningKeyAt(DateTime now) => _keys.LastOrDefault(k => k.ActivatesAtUtc <= now);

    /// <summary>When the key stops verifying: its successor's activation plus the retention; null while it has no successor.</summary>
    public DateTime? RetiresAtUtc(SigningKey key)
    {
        var index = Array.IndexOf(_keys, key);
        return index >= 0 && index + 1 < _keys.Length ? _keys[index + 1].ActivatesAtUtc + _retention : null;
    }

    public SigningKeyState StateAt(SigningKey key, DateTime now)
    {
        if (key.RetiredAtUtc is not null || RetiresAtUtc(key) <= now)
        {
            return SigningKeyState.Retired;
        }

        if (key.ActivatesAtUtc > now)
        {
            return SigningKeyState.Announced;
        }

        return ReferenceEquals(SigningKeyAt(now), key) ? SigningKeyState.Signing : SigningKeyState.Retiring;
    }

    /// <summary>The keys that verify tokens at <paramref name="now"/>: announced, signing and retiring ones.</summary>
    public IEnumerable<SigningKey> VerifyingAt(DateTime now) => _keys.Where(k => StateAt(k, now) != SigningKeyState.Retired);

    /// <summary>The time span around <paramref name="now"/> in which no key changes state.</summary>
    public (DateTime From, DateTime Until) UnchangedAround(DateTime now)
    {
        var from = DateTime.MinValue;
        var until = DateTime.MaxValue;
        foreach (var key in _keys)
        {
            Consider(key.ActivatesAtUtc);
            Consider(RetiresAtUtc(key) ?? DateTime.MaxValue);
        }

        void Consider(DateTime change)
        {
            if (change <= now)
            {
                from = change > from ? change : from;
            }
            else
            {
                until = change < until ? change : until;
            }
        }

        return (from, until);
    }
}
