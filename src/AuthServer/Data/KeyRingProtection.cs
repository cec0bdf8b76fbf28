using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace AuthServer.Data;

public static class KeyRingProtection
{
    /// <summary>
    /// Encrypts the key ring at rest as <c>Auth:KeyEncryption</c> says: with a key-encryption key, or with a certificate.
    /// Read while the services are registered, as Data Protection's certificate support needs; a setting that cannot
    /// work is left to <see cref="KeyEncryptionOptionsValidator"/>, which refuses the start in one line with the others.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        var services = dataProtection.Services;
        services.AddOptions<KeyEncryptionOptions>().BindConfiguration(KeyEncryptionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyEncryptionOptions>, KeyEncryptionOptionsValidator>();
        var settings = configuration.GetSection(KeyEncryptionOptions.SectionName).Get<KeyEncryptionOptions>() ?? new KeyEncryptionOptions();
        if (KeyRingEncryption.Read(settings, out _) is not { } encryption)
        {
            return dataProtection;
        }

        services.AddSingleton(encryption);
        if (encryption.Key is { } key)
        {
            services.Configure<KeyManagementOptions>(keyManagement => keyManagement.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(key));
        }
        else if (encryption.Certificate is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return dataProtection;
    }
}
