using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using AuthServer.SigningKeys;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Features.WellKnown;

/// <summary>
/// The public half of a signing key as an RFC 7517 JWK: <c>crv</c>, <c>x</c>, <c>y</c> for EC and <c>n</c>, <c>e</c>
/// for RSA (RFC 7518 §6.2.1, §6.3.1). Built from exported public parameters only, so no private member can slip in.
/// </summary>
public sealed record PublicJsonWebKey(
    string Kty,
    string Use,
    string Alg,
    string Kid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Crv = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? X = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Y = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? N = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? E = null)
{
    private const string Signature = "sig";

    public static PublicJsonWebKey From(AsymmetricSecurityKey key, string algorithm)
    {
        var kid = key.KeyId;
        switch (key)
        {
            case ECDsaSecurityKey { ECDsa: var ecdsa } when algorithm == SigningAlgorithms.ES256:
                var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
                return new("EC", Signature, algorithm, kid, Crv: "P-256", X: Base64Url.EncodeToString(point.X), Y: Base64Url.EncodeToString(point.Y));
            case RsaSecurityKey { Rsa: var rsa } when algorithm == SigningAlgorithms.RS256:
                var parameters = rsa.ExportParameters(includePrivateParameters: false);
                return new("RSA", Signature, algorithm, kid, N: Base64Url.EncodeToString(parameters.Modulus), E: Base64Url.EncodeToString(parameters.Exponent));
            default:
                throw new CryptographicException($"Key {kid} cannot be published as an {algorithm} JWK.");
        }
    }
}
