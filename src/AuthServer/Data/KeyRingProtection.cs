using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace AuthServer.Data;

public static class KeyRingProtection
{
    /// <summary>
    /// Encrypts the key ring at rest as <c>Auth:KeyEncryption</c> says: with a key-encryption key, or with a certificate.
    /// Read while the services are registered, as Data Protection needs; a setting that cannot work stops the start.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        dataProtection.Services.AddOptions<KeyEncryptionOptions>().BindConfiguration(KeyEncryptionOptions.SectionName);
        var settings = configuration.GetSection(KeyEncryptionOptions.SectionName).Get<KeyEncryptionOptions>() ?? new KeyEncryptionOptions();
        var hasKey = !string.IsNullOrEmpty(settings.Key);
        var hasCertificate = !string.IsNullOrEmpty(settings.CertificatePath);
        if (hasKey && hasCertificate)
        {
            throw Refused("Set either Auth:KeyEncryption:Key or Auth:KeyEncryption:CertificatePath, not both.");
        }

        if (hasKey)
        {
            var key = KeyEncryptionKey.Parse(settings.Key!) ?? throw Refused("Auth:KeyEncryption:Key must be 32 random bytes in base64: generate one with `openssl rand -base64 32`.");
            dataProtection.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(key));
        }
        else if (hasCertificate)
        {
            var certificate = LoadCertificate(settings.CertificatePath!, settings.CertificatePassword);
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return dataProtection;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw Refused("Auth:KeyEncryption:CertificatePath must hold the certificate's private key (a .pfx file), which decrypts the key ring.");
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Refused($"Auth:KeyEncryption:CertificatePath cannot be read as a PKCS#12 file with Auth:KeyEncryption:CertificatePassword: {exception.Message}");
        }
    }

    private static OptionsValidationException Refused(string message) =>
        new(KeyEncryptionOptions.SectionName, typeof(KeyEncryptionOptions), [message]);
}
