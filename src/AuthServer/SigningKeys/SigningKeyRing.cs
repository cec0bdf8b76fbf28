using Microsoft.IdentityModel.Tokens;

namespace AuthServer.SigningKeys;

/// <summary>
/// The keys in use: the one that signs new access tokens and every key that may verify one. Which key signs is
/// decided at each call from the clock (<see cref="SigningKeySchedule"/>), so a key starts signing the moment it
/// activates and an old one stops verifying the moment it retires, not at the next reload.
/// </summary>
public sealed class SigningKeyRing(TimeProvider time)
{
    private Loaded? _loaded;

    /// <summary>Signs new access tokens; its <c>KeyId</c> becomes the token's <c>kid</c>.</summary>
    public SigningCredentials Current => ViewNow().Signing;

    /// <summary>The keys access tokens are checked against: announced, signing and retiring ones.</summary>
    public IReadOnlyList<SecurityKey> VerificationKeys => ViewNow().Verification;

    /// <summary>The keys to publish in the JWKS: the verification keys when they are asymmetric; a shared secret never.</summary>
    public IReadOnlyList<AsymmetricSecurityKey> PublicKeys => ViewNow().Published;

    /// <summary>Uses the asymmetric <paramref name="keys"/>, one for each key of <paramref name="schedule"/>.</summary>
    internal void Use(SigningKeySchedule schedule, IReadOnlyDictionary<string, AsymmetricSecurityKey> keys, string algorithm)
    {
        if (schedule.Keys.Count == 0)
        {
            throw new InvalidOperationException("There is no signing key to use.");
        }

        View ViewAt(DateTime now)
        {
            var (from, until) = schedule.UnchangedAround(now);
            var verifying = schedule.VerifyingAt(now).Select(k => keys[k.Id]).ToArray();
            // Before the first activation (a clock set back), sign with the first key: every instance verifies it already.
            var signing = schedule.SigningKeyAt(now) ?? schedule.Keys[0];
            return new View(from, until, new SigningCredentials(keys[signing.Id], algorithm), verifying, verifying);
        }

        Volatile.Write(ref _loaded, new Loaded(ViewAt, ViewAt(time.GetUtcNow().UtcDateTime)));
    }

    /// <summary>Uses a shared secret: it signs and verifies for good, and is never published.</summary>
    internal void UseSharedSecret(SigningCredentials credentials)
    {
        var view = new View(DateTime.MinValue, DateTime.MaxValue, credentials, [credentials.Key], []);
        Volatile.Write(ref _loaded, new Loaded(_ => view, view));
    }

    private View ViewNow()
    {
        var loaded = Volatile.Read(ref _loaded) ?? throw new InvalidOperationException("The signing keys are not loaded yet.");
        var now = time.GetUtcNow().UtcDateTime;
        if (now >= loaded.Latest.From && now < loaded.Latest.Until)
        {
            return loaded.Latest;
        }

        var view = loaded.ViewAt(now);
        // Keep it for the next calls unless new keys were loaded meanwhile.
        Interlocked.CompareExchange(ref _loaded, loaded with { Latest = view }, loaded);
        return view;
    }

    /// <summary>What the ring answers while the time stays in [<see cref="From"/>, <see cref="Until"/>).</summary>
    private sealed record View(
        DateTime From,
        DateTime Until,
        SigningCredentials Signing,
        IReadOnlyList<SecurityKey> Verification,
        IReadOnlyList<AsymmetricSecurityKey> Published);

    private sealed record Loaded(Func<DateTime, View> ViewAt, View Latest);
}
