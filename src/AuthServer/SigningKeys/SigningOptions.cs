using System.ComponentModel.DataAnnotations;

namespace AuthServer.SigningKeys;

/// <summary>How access tokens are signed; bound from <c>Auth</c>.</summary>
public sealed class SigningOptions
{
    public const string SectionName = "Auth";

    /// <summary><c>ES256</c> (default, P-256), <c>RS256</c> (RSA 3072) or <c>HS256</c> (with <see cref="SigningSecret"/>).</summary>
    [Required]
    [AllowedValues(SigningAlgorithms.ES256, SigningAlgorithms.RS256, SigningAlgorithms.HS256)]
    public string SigningAlgorithm { get; init; } = SigningAlgorithms.ES256;

    /// <summary>The HS256 secret, at least 32 bytes of UTF-8. Only for HS256; never put it in a file in git.</summary>
    public string? SigningSecret { get; init; }

    /// <summary>Whether tokens are signed with the shared <see cref="SigningSecret"/>, which is neither stored, rotated nor published.</summary>
    public bool UsesSharedSecret => SigningAlgorithm == SigningAlgorithms.HS256;
}
