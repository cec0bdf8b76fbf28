using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuthServer.Data;

/// <summary>
/// What encrypts the Data Protection key ring at rest, read from <c>Auth:KeyEncryption</c>: a key-encryption key, a
/// certificate with its private key, or nothing.
/// </summary>
internal sealed class KeyRingEncryption
{
    private KeyRingEncryption(KeyEncryptionKey? key, X509Certificate2? certificate)
    {
        Key = key;
        Certificate = certificate;
    }

    public KeyEncryptionKey? Key { get; }

    public X509Certificate2? Certificate { get; }

    /// <summary>Reads <paramref name="options"/>; null, with the reason in <paramref name="refusal"/>, for a setting that cannot work.</summary>
    public static KeyRingEncryption? Read(KeyEncryptionOptions options, out string? refusal)
    {
        refusal = null;
        var hasKey = !string.IsNullOrEmpty(options.Key);
        var hasCertificate = !string.IsNullOrEmpty(options.CertificatePath);
        if (hasKey && hasCertificate)
        {
            refusal = "Set either Auth:KeyEncryption:Key or Auth:KeyEncryption:CertificatePath, not both.";
            return null;
        }

        if (hasKey)
        {
            var key = KeyEncryptionKey.Parse(options.Key!);
            refusal = key is null ? "Auth:KeyEncryption:Key must be 32 random bytes in base64: generate one with `openssl rand -base64 32`." : null;
            return key is null ? null : new KeyRingEncryption(key, null);
        }

        if (hasCertificate)
        {
            var certificate = LoadCertificate(options.CertificatePath!, options.CertificatePassword, out refusal);
            return certificate is null ? null : new KeyRingEncryption(null, certificate);
        }

        return new KeyRingEncryption(null, null);
    }

    private static X509Certificate2? LoadCertificate(string path, string? password, out string? refusal)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (certificate.HasPrivateKey)
            {
                refusal = null;
                return certificate;
            }

            certificate.Dispose();
            refusal = "Auth:KeyEncryption:CertificatePath must hold the certificate's private key (a .pfx file), which decrypts the key ring.";
            return null;
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            refusal = $"Auth:KeyEncryption:CertificatePath cannot be read as a PKCS#12 file with Auth:KeyEncryption:CertificatePassword: {exception.Message}";
            return null;
        }
    }
}
