namespace AuthServer.SigningKeys;

/// <summary>An asymmetric key that signs access tokens; persisted so that tokens survive a restart.</summary>
public sealed class SigningKey
{
    /// <summary>The <c>kid</c> header of the tokens it signs.</summary>
    public required string Id { get; init; }

    /// <summary>The JWS algorithm, e.g. <c>ES256</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The PKCS#8 private key, encrypted with ASP.NET Core Data Protection.</summary>
    public required string ProtectedPrivateKey { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    /// <summary>When it starts signing. Until then it is only announced in the JWKS, so verifiers know it in time.</summary>
    public DateTime ActivatesAtUtc { get; init; }

    public DateTime? RetiredAtUtc { get; set; }
}
