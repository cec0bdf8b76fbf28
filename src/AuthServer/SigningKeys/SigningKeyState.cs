namespace AuthServer.SigningKeys;

/// <summary>Where a signing key is in its life at a given time; see <see cref="SigningKeySchedule"/>.</summary>
public enum SigningKeyState
{
    /// <summary>Published and accepted, but not yet signing.</summary>
    Announced,

    /// <summary>Signs new access tokens.</summary>
    Signing,

    /// <summary>Its successor signs; it still verifies the tokens it signed until they have expired.</summary>
    Retiring,

    /// <summary>Neither signs nor verifies, and is no longer published.</summary>
    Retired,
}
