using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.SigningKeys;

/// <summary>
/// Makes new asymmetric signing keys and opens stored ones. The private key is stored encrypted with Data
/// Protection, so a copy of the database alone does not give it away.
/// </summary>
internal sealed class SigningKeyMaterial(IDataProtectionProvider dataProtection)
{
    // The purpose string is part of the ciphertext: changing it would make every stored key unreadable.
    public const string ProtectorPurpose = "AuthServer.KeyMaterial";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    public SigningKey Create(string algorithm, DateTime createdAtUtc, DateTime activatesAtUtc)
    {
        byte[] privateKey;
        if (algorithm == SigningAlgorithms.ES256)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            privateKey = ecdsa.ExportPkcs8PrivateKey();
        }
        else
        {
            using var rsa = RSA.Create(3072);
            privateKey = rsa.ExportPkcs8PrivateKey();
        }

        return new SigningKey
        {
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            Algorithm = algorithm,
            ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(privateKey)),
            CreatedAtUtc = createdAtUtc,
            ActivatesAtUtc = activatesAtUtc,
        };
    }

    public AsymmetricSecurityKey Open(SigningKey stored)
    {
        var privateKey = _protector.Unprotect(Convert.FromBase64String(stored.ProtectedPrivateKey));
        if (stored.Algorithm == SigningAlgorithms.ES256)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(privateKey, out _);
            return new ECDsaSecurityKey(ecdsa) { KeyId = stored.Id };
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(privateKey, out _);
        return new RsaSecurityKey(rsa) { KeyId = stored.Id };
    }
}
