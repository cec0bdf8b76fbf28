using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>The keys in use: the one that signs new access tokens and every key that may verify one.</summary>
public sealed class SigningKeyRing
{
    private KeySet? _keys;

    /// <summary>Signs new access tokens; its <c>KeyId</c> becomes the token's <c>kid</c>.</summary>
    public SigningCredentials Current => Keys.Signing;

    /// <summary>The keys access tokens are checked against.</summary>
    public IReadOnlyList<SecurityKey> VerificationKeys => Keys.Verification;

    internal void Use(SigningCredentials signing, IReadOnlyList<SecurityKey> verification) =>
        Volatile.Write(ref _keys, new KeySet(signing, verification));

    private KeySet Keys => Volatile.Read(ref _keys) ?? throw new InvalidOperationException("The signing keys are not loaded yet.");

    private sealed record KeySet(SigningCredentials Signing, IReadOnlyList<SecurityKey> Verification);
}
