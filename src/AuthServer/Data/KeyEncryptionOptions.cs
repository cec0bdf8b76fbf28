namespace AuthServer.Data;

/// <summary>
/// How the Data Protection key ring is encrypted at rest; bound from <c>Auth:KeyEncryption</c>. The key ring encrypts the
/// signing keys and the successor secret in the database, so whoever reads an unencrypted key ring (a data volume, a
/// backup) can forge access tokens. Set at most one of a key-encryption key and a certificate, never in a file in git.
/// </summary>
public sealed class KeyEncryptionOptions
{
    public const string SectionName = "Auth:KeyEncryption";

    /// <summary>A key-encryption key: 32 random bytes, base64 (<c>openssl rand -base64 32</c>), from a secret store or the environment.</summary>
    public string? Key { get; init; }

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the key ring (its private key decrypts it).</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; init; }
}
